"""Who an event is about: the agent organisation read on the parse.

The buyer of an acquisition (never its target), the company funded rather than its investor,
the plaintiff of a complaint or the party sanctioned by a fine, else the subject, the "par X"
agent or the "de X" of a nominal trigger; the article's most salient organisation when the
sentence names none.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.nlp.resources import fold, gazetteer, lexicon


@lru_cache(maxsize=1)
def rules() -> dict[str, frozenset[str]]:
    """The event-only word lists of ``lexicon.json`` (``event_rules``), folded."""
    raw = lexicon().get("event_rules", {})
    return {k: frozenset(fold(w) for w in v) for k, v in raw.items() if isinstance(v, list)}


_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "imposer", "impose", "poursuivre"}  # folded


def _orgs(view: DocView, tok: Token) -> list[str]:
    """Organisations a noun phrase names: itself or a name inside it ("le japonais Rakuten",
    "les fonds Silver Lake et Thoma Bravo"), a relative pronoun's antecedent, a product's maker."""
    if tok.lower_ in _RELATIVE and tok.head.dep_.startswith("acl") and tok.head.head is not tok.head:
        tok = tok.head.head
    found = view.conjuncts(tok, "Organization")
    if found:
        return found
    product = view.ent_of(tok, "Product")
    if product:
        for c in tok.children:  # "la PlayStation 4 de Sony"
            if c.dep_ == "nmod" and view.ent_of(c, "Organization"):
                return [view.ent_of(c, "Organization")]
        entry = gazetteer().entries.get(product)
        if entry and entry.maker in view.entities:
            return [entry.maker]
    return []


def _has_case(tok: Token, *words: str) -> bool:
    return any(c.dep_ in ("case", "mark") and c.lower_ in words for c in tok.children)


def _by_agent(view: DocView, tok: Token) -> list[str]:
    """The "par X" of a passive or a nominalisation ("racheté par l'américain Semtech",
    "le rachat de Lucent par le français Alcatel")."""
    for t in tok.subtree if tok.pos_ == "NOUN" else tok.children:
        if t is tok:
            continue  # "renforcé par le rachat de X": the trigger's own "par"
        if (t.dep_ == "obl:agent" or (t.dep_ in ("nmod", "obl", "obl:mod") and _has_case(t, "par"))) \
                and t.head.lower_ != "intermédiaire":
            found = _orgs(view, t)
            if found:
                return found
    return []


def _subjects(view: DocView, tok: Token, passive: bool = True) -> list[str]:
    """Organisations subject of the trigger or of the verbs above it (with "X et Y" subjects)."""
    deps = ("nsubj", "expl:subj", "nsubj:pass") if passive else ("nsubj", "expl:subj")
    head = tok
    for _ in range(4):
        for c in head.children:
            if c.dep_ in deps:
                found = _orgs(view, c) + [view.ent_of(t, "Organization") for t in c.subtree
                                          if t.dep_ == "conj" and view.ent_of(t, "Organization")]
                if found:
                    return list(dict.fromkeys(found))
                subj = c.head.head if c.lower_ in _RELATIVE and c.head.dep_.startswith("acl") else c
                if view.ent_of(subj, "Person"):
                    return []  # a person acts: the organisation is not named here
        if head.head is head:
            break
        head = head.head
    return []


def _prep_orgs(view: DocView, tok: Token, preps: tuple[str, ...], deps: tuple[str, ...]) -> list[str]:
    """Organisations of the trigger's (or its verb's) complements introduced by ``preps``."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in deps and _has_case(c, *preps):
                found = _orgs(view, c)
                if found:
                    return found
    return []


_COMPL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod")


def _targets(view: DocView, tok: Token) -> set[str]:
    """What an acquisition is of: the object, the passive subject, the "de Y" / "sur Y"."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("obj", "nsubj:pass") or (c.dep_ in ("nmod", "obl:arg") and _has_case(c, "de", "d'", "d’", "du", "sur")):
            out |= set(_orgs(view, c))
    return out


def agents(view: DocView, tok: Token, typ: str, trig: str, salient: str | None) -> list[str]:
    """The organisations an event is about (usually one).

    Acquisition: the "par X" agent, the buyer "à X" of "céder", else the subject; never the
    target. Funding by an investor ("miser sur", "investir dans"): the company funded. Lawsuit:
    the plaintiff for complaints ("a saisi", "a porté plainte", "attaqué en justice"), the party
    sanctioned for fines and verdicts. Others: the "par X", the subject, the "de X" of a noun.
    """
    table = rules()
    if typ == "Lawsuit":
        if trig in table.get("plaintiff", ()):
            return _by_agent(view, tok) or _subjects(view, tok, passive=False) or _defendant(view, tok) or _fallback(salient)
        if trig == "enfreindre":
            return _subjects(view, tok)
        return _defendant(view, tok)
    if typ == "Acquisition":
        if trig in table.get("seller", ()):  # "céder X à Y", the "à Y" on the verb or on X
            objects = [c for c in tok.children if c.dep_ == "obj"]
            return _prep_orgs(view, tok, ("à", "au", "aux"), _COMPL) or next(
                (found for o in objects if (found := _prep_orgs(view, o, ("à", "au", "aux"), ("nmod",)))), [])
        targets = _targets(view, tok)
        for found in (_by_agent(view, tok), _subjects(view, tok, passive=False), _fallback(salient)):
            found = [k for k in found if k not in targets]
            if found:
                return found
        return []
    if typ == "Funding" and trig in table.get("investor", ()):
        investors = set(_subjects(view, tok))
        funded = _prep_orgs(view, tok, ("sur", "dans", "de", "du", "au"), _COMPL)
        return [k for k in funded or _fallback(salient) if k not in investors]
    found = _by_agent(view, tok) or _subjects(view, tok)
    if not found and tok.pos_ == "NOUN":
        found = _prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    return found or _fallback(salient)


def _fallback(salient: str | None) -> list[str]:
    return [salient] if salient else []


def _defendant(view: DocView, tok: Token) -> list[str]:
    """The party a fine or a sentence falls on: "à X" of "infliger", the object of "condamner",
    the subject of a passive "X a été condamné", else the sentence's first organisation that
    does not sanction. A person sentenced is no company's lawsuit: nothing."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    for t in (verb, tok):
        for c in t.children:
            if c.dep_ in ("iobj", "obl", "obl:arg", "obl:mod") and _has_case(c, "à", "au", "contre"):
                if _orgs(view, c):
                    return _orgs(view, c)[:1]
            if c.dep_ == "obj" and fold(verb.lemma_) in _SANCTION and _orgs(view, c):
                return _orgs(view, c)[:1]
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.pos_ != "VERB" or verb.dep_ == "acl"
    if passive and fold(tok.lemma_) in _SANCTION:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if view.ent_of(c, "Person"):
                    return []
                if _orgs(view, c):
                    return _orgs(view, c)[:1]
    sent = tok.sent
    authorities = set()
    for t in sent:
        if fold(t.lemma_) in _SANCTION:
            for h in (t, t.head):
                authorities |= {view.ent_of(c, "Organization") for c in h.children if c.dep_ == "nsubj"}
    for t in sent:
        key = view.ent_of(t, "Organization")
        if key and key not in authorities and t.dep_ != "nsubj":
            return [key]
    return []
