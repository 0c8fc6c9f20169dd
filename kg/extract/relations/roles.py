"""Roles of people: "X, le PDG de Y", "l'analyste d'IDC X", "le groupe de X"."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, PER, POSSESSIVES, Cand, _has_case, _subtree_ent, generic_org,
                                          lex_verbs, possessor)
from kg.nlp.resources import fold
from kg.nlp.resources import lex as lexicon_sets


@lru_cache(maxsize=65536)
def _first_folded(text: str) -> str | None:
    """The first word of ``text`` folded (None for a blank token): asked once per spelling."""
    folded = fold(text).split()
    return folded[0] if folded else None


def _role_phrase(tok: Token) -> tuple[str, str] | None:
    """(category, phrase) when a role noun starts at ``tok`` ("directeur général" → leads)."""
    lexi = lexicon_sets()
    if _first_folded(tok.text) not in lexi.role_words:
        return None
    doc = tok.doc
    for n in (4, 3, 2, 1):
        phrase = fold(doc[tok.i:tok.i + n].text)
        for cat in ("leads", "founder", "worksFor"):
            if phrase in lexi.roles[cat]:
                return cat, phrase
    return None


def role_relations(view: DocView) -> Iterator[Cand]:
    """"X, le PDG de Y", "l'analyste d'IDC X", "X est président de Y", "fondateur de Y"."""
    doc = view.doc
    for tok in view.tokens:
        if tok.pos_ not in ("NOUN", "PROPN") or view.key(tok):
            continue
        role = _role_phrase(tok)
        if not role:
            continue
        if any(c.lower_ in ("ancien", "ancienne", "ex", "futur", "future", "ex-") for c in tok.children) or doc[tok.i - 1].lower_ in ("ex-", "ancien", "ancienne", "futur"):
            continue
        # A predicative role ("deviendra le PDG de Y") carries the modality of its verb; a role
        # set off by a comma after a name ("rendra compte à X, le patron de Y") does not.
        apposed = _named_before_comma(view, tok) is not None
        governor = tok.head if tok.dep_ in ("xcomp", "obj") and tok.head.pos_ in ("VERB", "AUX") else tok
        if not apposed and blocked(governor):
            continue
        org = _subtree_ent(view, tok, (ORG,))
        for conj in tok.conjuncts:
            org = org or (_subtree_ent(view, conj, (ORG,)) if conj.i > tok.i else None)
        org = org or _org_after_role(view, tok)
        possessive = any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in tok.children)
        person = _role_person(view, tok)
        if not org and possessive and person:
            org = possessor(view, tok, [], ORG)  # "Kevin Thompson, son directeur général"
        if not org or not person:
            continue
        cat = _category(view, tok, role[0], org)
        if cat == "founder":
            yield org, "foundedBy", person, tok, "role-founder", 0.85
        else:
            yield person, cat, org, tok, f"role-{cat}", 0.85


def _category(view: DocView, tok: Token, cat: str, org: str) -> str:
    """A leading role is employment when it is one among several ("un dirigeant de Y") or heads
    only a part of the organisation ("le patron de la division Xbox de Microsoft")."""
    if cat != "leads":
        return cat
    if any(c.dep_ == "det" and c.lower_ in ("un", "une") for c in tok.children):
        return "worksFor"
    parts = lex_verbs()["subsidiary_nouns"] - {"marque"}
    part = False
    for t in view.tokens[tok.i + 1:tok.i + 10]:
        if view.key(t) == org:
            # "la division de cloud AWS" names the division itself: its head leads it.
            return "worksFor" if part and view.tokens[t.i - 1].lower_ in ("de", "du", "d'", "d’") else cat
        part = part or (t.lemma_.lower() in parts and t.pos_ == "NOUN")
    return cat


def _org_after_role(view: DocView, tok: Token) -> str | None:
    """"cofondateur et directeur général de X": the organisation closing a coordinated role
    phrase, read on the surface up to the next comma (the parser often splits the phrase)."""
    tokens = view.tokens
    for j in range(tok.i + 1, min(len(tokens), tok.i + 9)):
        t = tokens[j]
        if t.text in (",", ".", ";", ":", "(") or "\n" in t.text:
            return None
        if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("chargé", "chargée"):
            return None  # "vice-président chargé des infrastructures de Y" reads on
        key = view.ent_of(t, ORG) or (generic_org(view, t) if t.dep_ == "nmod" else None)
        if key and tokens[j - 1].lower_ in ("de", "du", "d'", "d’", "chez"):
            return key
    return None


def _role_person(view: DocView, tok: Token) -> str | None:
    """The person a role noun describes: its head, an apposition, a neighbour, or a subject."""
    doc = view.doc
    before = _named_before_comma(view, tok)
    if before:
        return before  # "X, le directeur général de Y, et Z, son homologue": X, whatever the parse
    if tok.dep_ == "conj" and _role_phrase(tok.head):
        return _role_person(view, tok.head)
    if tok.dep_ in ("xcomp", "obj", "obl:mod") and tok.head.pos_ == "VERB":
        for c in tok.head.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and view.ent_of(c, PER):
                return view.ent_of(c, PER)
    if tok.dep_ in ("appos", "nmod", "conj") and view.ent_of(tok.head, PER):
        return view.ent_of(tok.head, PER)
    for t in tok.subtree:
        if t.i > tok.i and view.ent_of(t, PER) and not any(a.pos_ == "VERB" for a in doc[tok.i:t.i]):
            return view.ent_of(t, PER)
    j = tok.i - 1
    while j >= 0 and doc[j].lower_ in ("le", "la", "l'", "l’", ",", "son", "sa", "notre", "actuel", "actuelle", "nouveau", "nouvelle"):
        j -= 1
    if j >= 0 and doc[j + 1].text == "," and view.ent_of(doc[j], PER):
        return view.ent_of(doc[j], PER)
    end = max(t.i for t in tok.subtree) + 1
    if end + 1 < len(doc) and doc[end].text == "," and view.ent_of(doc[end + 1], PER):
        return view.ent_of(doc[end + 1], PER)
    if tok.dep_ == "ROOT" or any(c.dep_ == "cop" for c in tok.children):
        for c in tok.children:
            if c.dep_ == "nsubj" and view.ent_of(c, PER):
                return view.ent_of(c, PER)
    return None


def _named_before_comma(view: DocView, tok: Token) -> str | None:
    """"X, le PDG de Y", "X, son directeur général": the person named right before the comma
    that opens the role phrase (determiner and adjectives like "actuel" skipped)."""
    doc = view.doc
    j = tok.i - 1
    while j >= 0 and doc[j].lower_ in ("le", "la", "l'", "l’", "son", "sa", "notre", "actuel", "actuelle",
                                      "nouveau", "nouvelle"):
        j -= 1
    if j >= 1 and doc[j].text == ",":
        return view.ent_of(doc[j - 1], PER)
    return None


def owner_relations(view: DocView) -> Iterator[Cand]:
    """"le groupe de Xavier Niel": an organisation noun (naming an organisation) with a person
    as its complement is led by that person."""
    for tok in view.tokens:
        org = view.ent_of(tok, ORG)
        if not org or tok.pos_ != "NOUN":
            continue
        for c in tok.children:
            if c.dep_ == "nmod" and _has_case(c, "de", "d'", "d’") and view.ent_of(c, PER):
                yield view.ent_of(c, PER), "leads", org, tok, "owner-leads", 0.65
