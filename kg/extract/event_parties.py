"""Lawsuit parties: the plaintiff of a complaint and the party a fine or a sentence falls on,
never the authority that sanctions."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.event_parse import by_agent, fallback, has_case, orgs, prep_orgs, rules, subjects
from kg.nlp.resources import fold


_SANCTIONERS = {"infliger", "condamner", "sanctionner"}  # folded; "imposer" also restricts, "frapper" also hits
_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "imposer", "impose", "poursuivre"}  # folded


def plaintiff(view: DocView, tok: Token, salient: str | None) -> list[str]:
    """Who complains or sues: the "par X", the subject, the "de X" of a noun ("une plainte de
    X"); never the authority seized (the object of "saisir"). A subject the text names but we
    cannot resolve ("le service de son fondateur") leaves the event without an agent."""
    found = by_agent(view, tok)
    if not found and tok.pos_ == "NOUN":  # "après une plainte de X": X, not the clause's subject
        found = prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    found = found or subjects(view, tok, passive=False)
    if found:
        return found
    verb = tok if tok.pos_ == "VERB" else tok.head
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and _people(c) for c in verb.children):
        return defendant(view, tok, salient) or fallback(salient)  # "des salariés ont porté plainte"
    if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return []
    seized = {k for c in verb.children if c.dep_ == "obj" for k in orgs(view, c)}
    return [k for k in defendant(view, tok) if k not in seized] or fallback(salient)


def _authorities(view: DocView) -> set[str | None]:
    """Organisations that sanction somewhere in the article (subjects of "infliger", "condamner" …)."""
    return {view.ent_of(c, "Organization") for t in view.tokens if fold(t.lemma_) in _SANCTIONERS
            for c in t.children if c.dep_ == "nsubj"}


def _salient_party(view: DocView) -> str | None:
    """The most mentioned organisation that never sanctions in the article (not the CNIL that
    fines, but the company fined)."""
    authorities = _authorities(view)
    counts = Counter(m.key for m in view.doc._.kg_mentions or []
                     if view.type(m.key) == "Organization" and m.key not in authorities)
    return counts.most_common(1)[0][0] if counts else None


def _definite_description(view: DocView, tok: Token) -> bool:
    """"la firme", "le groupe": a definite common noun naming no entity (its referent is elsewhere)."""
    return tok.pos_ == "NOUN" and not view.ent_of(tok) and any(
        c.dep_ == "det" and c.lower_ in ("la", "le", "l'", "l’") for c in tok.children) and not any(
        c.dep_ in ("nmod", "appos") for c in tok.children)


def _people(tok: Token) -> bool:
    """An indefinite group of people ("des employés", "plusieurs utilisateurs"), who sue the
    organisation the article is about."""
    people = rules().get("people_nouns", frozenset())
    return fold(tok.lemma_.lower()) in people and any(
        c.dep_ in ("det", "nummod") and c.lower_ not in ("le", "la", "l'", "l’", "les", "son", "sa", "ses")
        for c in tok.children)


def defendant(view: DocView, tok: Token, salient: str | None = None) -> list[str]:
    """The party a fine or a sentence falls on: "à X" of "infliger", the object of "condamner",
    the subject of a passive "X a été condamné", else the sentence's first organisation that
    does not sanction. A person sentenced is no company's lawsuit: nothing."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    described = False
    for t in (verb, tok):
        for c in t.children:
            if c.dep_ in ("iobj", "obl", "obl:arg", "obl:mod", "nmod") and has_case(c, "à", "au", "contre"):
                if found := orgs(view, c):
                    return found[:1]
                described = described or _definite_description(view, c)
            if c.dep_ == "obj" and fold(verb.lemma_) in _SANCTION and (found := orgs(view, c)):
                return found[:1]
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.pos_ != "VERB" or verb.dep_ == "acl"
    if passive and fold(tok.lemma_) in _SANCTION:
        # "X a démissionné après avoir été condamné": the infinitive's subject is the main one
        owner = verb if any(c.dep_.startswith("nsubj") for c in verb.children) else verb.head
        for c in owner.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if view.ent_of(c, "Person"):
                    return []
                if found := orgs(view, c):
                    return found[:1]
    described = described or any(t.dep_ in ("nmod", "obl", "obl:mod") and has_case(t, "contre")
                                 and _definite_description(view, t) for t in tok.subtree)
    if described and (party := _salient_party(view)):
        return [party]  # "les sanctions de la Commission contre la firme": the article's company
    sent = tok.sent
    authorities = _authorities(view)
    for t in sent:
        if fold(t.lemma_) in _SANCTION:
            for h in (t, t.head):
                authorities |= {view.ent_of(c, "Organization") for c in h.children if c.dep_ == "nsubj"}
    relational = rules().get("relational_nouns", frozenset())
    for t in sent:
        key = view.ent_of(t, "Organization")
        if key and key not in authorities and t.dep_ != "nsubj" \
                and not (t.dep_ == "nmod" and fold(t.head.lemma_.lower()) in relational):
            return [key]  # "la filiale d'Alphabet a écopé …": not Alphabet
    return []
