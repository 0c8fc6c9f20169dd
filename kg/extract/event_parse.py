"""Parse helpers the event rules share: the organisations a phrase names, its "par X" agent,
the subjects of a trigger or of the verbs above it, complements by preposition, and the
event-only word lists of ``lexicon.json``."""

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


RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}


def orgs(view: DocView, tok: Token) -> list[str]:
    """Organisations a noun phrase names: itself or a name inside it ("le japonais Rakuten",
    "les fonds Silver Lake et Thoma Bravo"), a relative pronoun's antecedent, a product's maker."""
    if tok.lower_ in RELATIVE and tok.head.dep_.startswith("acl") and tok.head.head.i != tok.head.i:
        tok = tok.head.head
    found = view.conjuncts(tok, "Organization")
    if found:
        return found
    product = view.ent_of(tok, "Product")
    if product:
        for c in tok.children:  # "la PlayStation 4 de Sony"
            if c.dep_ == "nmod" and view.ent_of(c, "Organization"):
                return [view.ent_of(c, "Organization")]
        made_by = maker(view, tok)
        if made_by:
            return [made_by]
    return []


def maker(view: DocView, tok: Token) -> str | None:
    """The maker of the product ``tok`` names, when the gazetteer knows it and the text names it."""
    product = view.ent_of(tok, "Product")
    entry = gazetteer().entries.get(product) if product else None
    return entry.maker if entry and entry.maker in view.entities else None


def has_case(tok: Token, *words: str) -> bool:
    """``tok`` is introduced by one of ``words`` (its case or mark)."""
    return any(c.dep_ in ("case", "mark") and c.lower_ in words for c in tok.children)


def by_agent(view: DocView, tok: Token, direct: bool = False) -> list[str]:
    """The "par X" of a passive or a nominalisation ("racheté par l'américain Semtech",
    "le rachat de Lucent par le français Alcatel"); ``direct``: only on the trigger itself
    (a round "menée par le fonds X": X invests, it is not funded)."""
    for t in tok.subtree if tok.pos_ == "NOUN" and not direct else tok.children:
        if t.i == tok.i:
            continue  # "renforcé par le rachat de X": the trigger's own "par"
        if (t.dep_ == "obl:agent" or (t.dep_ in ("nmod", "obl", "obl:mod") and has_case(t, "par"))) \
                and t.head.lower_ != "intermédiaire":
            found = orgs(view, t)
            if found:
                return found
    return []


def subjects(view: DocView, tok: Token, passive: bool = True, clause: bool = False) -> list[str]:
    """Organisations subject of the trigger or of the verbs above it (with "X et Y" subjects);
    ``clause``: not above a completive ("l'ITC a estimé que la montre enfreignait …": who
    infringes is not who judges)."""
    deps = ("nsubj", "expl:subj", "nsubj:pass") if passive else ("nsubj", "expl:subj")
    if tok.pos_ == "NOUN" and tok.dep_.startswith("nsubj"):
        return []  # "une panne … a privé …": the trigger is the subject, whose is it not
    head = tok
    for _ in range(4):
        for c in head.children:
            if c.dep_ in deps or (c.dep_ == "nsubj:pass" and not _passive(head)):
                found = _apposed_name(view, c) or orgs(view, c) + [view.ent_of(t, "Organization") for t in c.subtree
                                          if t.dep_ == "conj" and view.ent_of(t, "Organization")
                                          and not _in_clause(t, c)]
                found = [k for k in found if not _related_name(view, c, k)]
                if found:
                    return list(dict.fromkeys(found))
                subj = c.head.head if c.lower_ in RELATIVE and c.head.dep_.startswith("acl") else c
                if view.ent_of(subj, "Person"):
                    return []  # a person acts: the organisation is not named here
        if head.head.i == head.i or (head.i != tok.i and head.dep_ in ("acl", "acl:relcl")):
            break  # the noun a participle or relative qualifies is not its subject
        if clause and head.dep_ == "ccomp":
            break
        head = head.head
    return []


def _apposed_name(view: DocView, subj: Token) -> list[str]:
    """"la FTC, l'autorité américaine de la concurrence, avait poursuivi …": the parser makes the
    description the subject and hangs the name on the verb; the name just before the
    description, a comma between, is the subject."""
    if subj.pos_ != "NOUN" or subj.left_edge.i < 2:  # a name written out beats a coreference guess
        return []
    comma, name = subj.doc[subj.left_edge.i - 1], subj.doc[subj.left_edge.i - 2]
    key = view.ent_of(name, "Organization")
    if comma.text != "," or not key:
        return []
    top = name
    while top.head.i != top.i and top.head.i != subj.head.i and top.head.i < subj.i:
        top = top.head  # from the name up to the dependent of the verb it hangs on
    if any(t.dep_ == "conj" for t in (name, top)) or any(c.dep_ in ("case", "mark") for c in top.children):
        return []  # "face aux géants X, Y et Z, l'hébergeur a …": a complement, not the subject
    return [key] if top.head.i == subj.head.i and top.dep_ not in ("obj", "iobj", "nsubj") else []


def _related_name(view: DocView, subj: Token, key: str) -> bool:
    """``key`` is the "de X" of a relational subject ("la maison mère de l'opérateur Sprint",
    "la filiale de X"): X is the other party, whatever the parser hung the name on."""
    if fold(subj.lemma_.lower()) not in rules().get("relational_nouns", frozenset()):
        return False
    doc = subj.doc
    for t in subj.subtree:
        if t.i > subj.i and view.ent_of(t, "Organization") == key:
            return any(doc[j].lower_ in ("de", "d'", "d’", "du") for j in range(subj.i + 1, t.i))
    return False


def _in_clause(tok: Token, top: Token) -> bool:
    """``tok`` sits in a relative clause below ``top`` ("le groupe, dont l'État et Dassault sont
    actionnaires, …": Dassault is not the subject)."""
    while tok.i != top.i and tok.head.i != tok.i:  # compare indices: spaCy makes a new Token per access
        if tok.dep_ == "acl:relcl":  # not a participle: "X, fondée par Y, et Z" is often parsed in it
            return True
        tok = tok.head
    return False


def _passive(verb: Token) -> bool:
    """A passive verb; the parser also labels "nsubj:pass" the subject of "avait racheté"."""
    return any(c.dep_ == "aux:pass" for c in verb.children) or (verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm"))


def prep_orgs(view: DocView, tok: Token, preps: tuple[str, ...], deps: tuple[str, ...]) -> list[str]:
    """Organisations of the trigger's (or its verb's) complements introduced by ``preps``."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in deps and has_case(c, *preps):
                found = orgs(view, c)
                if found:
                    return found
    return []


COMPL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod")


def fallback(salient: str | None) -> list[str]:
    """The article's most salient organisation, as a list (empty when there is none)."""
    return [salient] if salient else []
