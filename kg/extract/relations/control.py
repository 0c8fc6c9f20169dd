"""Control idioms: "X prend le contrôle de Y", "Y, passé sous le giron de X", "tombé dans
l'escarcelle de X", and the possessive parent "sa maison mère X"."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, POSSESSIVES, PROD, Cand, _clause_subject, _has_case, lex_verbs,
                                          name_before_comma, names_after, phrase_names, possessor)

_DE = ("de", "d'", "d’", "du", "des")
# Nouns naming an owner's hold: "sous le giron de X", "dans l'escarcelle de X", "sous la coupe de X".
_HOLD_NOUNS = {"giron", "escarcelle", "coupe", "contrôle", "houlette"}
_PARENT_NOUNS = {"maison", "mère", "maison-mère", "holding"}
_TAKE_VERBS = {"prendre", "reprendre", "obtenir", "acquérir", "racheter", "ravir"}
_FALL_VERBS = {"passer", "tomber", "entrer", "rentrer", "basculer", "revenir"}


def control_relations(view: DocView) -> Iterator[Cand]:
    """"X a pris le contrôle de Y" and "Y est passé sous le giron de X" (acquired);
    "sa maison mère X" (subsidiaryOf)."""
    pos = view.pos
    for i, lemma in enumerate(view.lemmas):
        if pos[i] != "NOUN" or (lemma not in _HOLD_NOUNS and lemma not in _PARENT_NOUNS):
            continue
        tok = view.tokens[i]
        if lemma in _HOLD_NOUNS:
            yield from _hold(view, tok, lemma)
        else:
            yield from _possessive_parent(view, tok)


def _hold(view: DocView, tok: Token, lemma: str) -> Iterator[Cand]:
    verb = tok.head
    vlemma = verb.lemma_.lower()
    owners = [c for c in tok.children if c.dep_ == "nmod" and _has_case(c, *_DE)]
    if not owners or verb.pos_ not in ("VERB", "AUX") or blocked(verb):
        return
    owner_keys = [k for o in owners for k in phrase_names(view, o, ORG, PROD) or _demonym_named(view, o)]
    if lemma == "contrôle" and tok.dep_ == "obj" and vlemma in _TAKE_VERBS:
        # "X a pris le contrôle de Y", "a réussi à prendre le contrôle de Y"
        if verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in lex_verbs()["failed_verbs"]:
            return
        for b in _clause_subject(view, verb, (ORG,)):
            for t in owner_keys:
                if t != b:
                    yield b, "acquired", t, tok, "take-control-acquired", 0.75
    elif vlemma in _FALL_VERBS and tok.dep_.startswith("obl") and _has_case(tok, "sous", "dans"):
        # "Y, passé sous le giron de X", "Y est tombé dans l'escarcelle de X"
        patients = [k for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") for k in view.conjuncts(c, ORG, PROD)]
        before = name_before_comma(view, verb, ORG, PROD)
        if not patients and before:
            patients = [before]
        if not patients and verb.dep_ in ("acl", "acl:relcl"):
            patients = view.conjuncts(verb.head, ORG, PROD)
        for b in owner_keys:
            for p in patients:
                if b != p and view.type(b) == ORG:
                    yield b, "acquired", p, tok, "fall-under-acquired", 0.75


def _demonym_named(view: DocView, tok: Token) -> list[str]:
    """"de l'américain Microsoft": the name after a demonym the parser took as the head."""
    key = view.key(tok)
    if key and tok.text[:1].islower() and tok.i + 1 < len(view.tokens):
        nxt = view.ent_of(view.tokens[tok.i + 1], ORG, PROD)
        return [nxt] if nxt else []
    return []


def _possessive_parent(view: DocView, tok: Token) -> Iterator[Cand]:
    """"Sa maison mère Altice a réagi": the named parent owns the possessor."""
    if not any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in tok.children):
        return
    words = {c.lower_ for c in tok.children} | {tok.lower_}
    if "mère" not in words and tok.lemma_.lower() not in ("holding", "maison-mère"):
        return
    j = tok.i + 1
    while j < len(view.tokens) and view.tokens[j].lower_ in ("mère", "-", "actuelle", "nouvelle"):
        j += 1
    parents = names_after(view, j, ORG, limit=6)[:1] if j < len(view.tokens) else []
    if not parents or blocked(tok.head if tok.dep_ != "ROOT" else tok):
        return
    child = possessor(view, tok, parents, ORG)
    if child:
        yield child, "subsidiaryOf", parents[0], tok, "possessive-parent", 0.7
