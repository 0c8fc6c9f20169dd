"""Participles with an agent ("X, fondée par Y", "conçu par Y") and rivalry prepositions
("face à Samsung", "derrière le chinois Tencent" in a ranking)."""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, PROD, TYPES, Cand, _agents, _clause_subject, _has_case, _sentence_topic,
                                          generic_org, name_before_comma, names_after, phrase_names, phrase_start)

# "derrière"/"devant" state a rivalry only in a ranking (market share, rank, size).
_RANKING = re.compile(r"march[ée]|fabricant|acteur|opérateur|numéro|rang|place|%|parts?\b", re.I)


_PARTICIPLE = {
    "fonder": ("foundedBy", False), "cofonder": ("foundedBy", False), "créer": ("foundedBy", False),
    "diriger": ("leads", True), "présider": ("leads", True),
    "racheter": ("acquired", True), "acquérir": ("acquired", True), "reprendre": ("acquired", True),
    "contrôler": ("subsidiaryOf", False), "détenir": ("subsidiaryOf", False),
    "concevoir": ("madeBy", False), "développer": ("madeBy", False), "fabriquer": ("madeBy", False),
    "éditer": ("madeBy", False), "produire": ("madeBy", False), "lancer": ("madeBy", False),
}


def participle_relations(view: DocView) -> Iterator[Cand]:
    """"X, fondée par Y", "Le groupe dirigé par Y", "Fondée en 2005 par Y et Z, X…", "conçu par Y":
    a participle with an agent; the noun it qualifies (or the clause subject) is the patient."""
    toks = view.tokens
    for i, lemma in enumerate(view.lemmas):
        if lemma not in _PARTICIPLE:
            continue
        tok = toks[i]
        if "Part" not in tok.morph.get("VerbForm") or blocked(tok):
            continue
        predicate, agent_first = _PARTICIPLE[lemma]
        stypes, otypes = (tuple(t) for t in TYPES[predicate])
        atypes, ptypes = (stypes, otypes) if agent_first else (otypes, stypes)
        agents = _agent_keys(view, tok, atypes)
        patients = _patient_keys(view, tok, ptypes, agents) if agents else []
        for a in agents:
            for p in patients:
                if a != p:
                    s, o = (a, p) if agent_first else (p, a)
                    yield s, predicate, o, tok, "participle-" + predicate, 0.75


def _agent_keys(view: DocView, tok: Token, types: tuple[str, ...]) -> list[str]:
    """Entities of the agent phrase of a participle, with the names listed after the first one
    ("par Jean Dupont, Marie Durand et Paul Martin": the parser chains them as flat names); a
    "par" the parser hung elsewhere is read on the surface ("Le groupe fondé en 1987 par X")."""
    agents = _agents(tok)
    keys = [k for a in agents for k in phrase_names(view, a, *types) + names_after(view, a.i, *types)]
    if not agents:
        for j in range(tok.i + 1, min(len(view.tokens), tok.i + 8)):
            t = view.tokens[j]
            if t.text in (",", ".", ";", ":", "(") or t.pos_ in ("VERB", "AUX"):
                break
            if t.lower_ == "par":
                keys = names_after(view, j + 1, *types)
                break
    return list(dict.fromkeys(keys))


def _patient_keys(view: DocView, tok: Token, types: tuple[str, ...], agents: list[str]) -> list[str]:
    """The noun a participle qualifies, the clause subject, or, for a participle opening the
    sentence ("Fondée en 2005 par X, la start-up …"), the name after the agent phrase."""
    before = name_before_comma(view, tok, *types)
    if before:
        return [before]
    if tok.dep_ in ("acl", "acl:relcl", "appos", "conj") and tok.head.i != tok.i:
        keys = view.conjuncts(tok.head, *types)
        generic = generic_org(view, tok.head) if ORG in types else None
        # "Insomniac Games, un studio racheté par X": the name the qualified noun stands next to.
        named = None if keys or generic else name_before_comma(view, phrase_start(view, tok.head), *types)
        return keys or ([generic] if generic else []) or ([named] if named else [])
    keys = [k for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass") for k in phrase_names(view, c, *types)]
    if keys or tok.i != tok.sent.start:
        return keys
    last = max((i for i in range(tok.i, min(len(view.tokens), tok.i + 30)) if view.key(view.tokens[i]) in agents), default=tok.i)
    for j in range(last + 1, min(len(view.tokens), last + 4)):
        if view.tokens[j].text == ",":
            named = names_after(view, j + 1, *types)[:1]
            generic = generic_org(view, view.tokens[j + 2]) if ORG in types and j + 2 < len(view.tokens) else None
            return named or ([generic] if generic else [])
    return []


_PREP_RIVAL = {"face", "derrière", "devant"}


def prep_rival_relations(view: DocView) -> Iterator[Cand]:
    """"face à Samsung", "derrière le chinois Tencent" (in a ranking): rivals of the subject."""
    # Only a token with a "face"/"derrière"/"devant" case child can match.
    lowers, deps, heads = view.lowers, view.deps, view.heads
    marked = sorted({heads[i] for i, d in enumerate(deps)
                     if d == "case" and lowers[i] in _PREP_RIVAL and heads[i] != i})
    for tok in (view.tokens[i] for i in marked):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        ranking = _has_case(tok, "derrière", "devant") and _RANKING.search(tok.sent.text)
        if (_has_case(tok, "face") or ranking) and not blocked(tok.head):
            rivals = phrase_names(view, tok, ORG, PROD)
            # "face à Samsung, Apple et Huawei": the parser often breaks such lists.
            rivals += [k for k in names_after(view, tok.i, ORG, PROD) if k not in rivals] if rivals else []
            for s in _clause_subject(view, tok, (ORG, PROD)) or _sentence_topic(view, tok):
                for o in rivals:
                    if o != s:
                        yield s, "competitorOf", o, tok, "face-competitor", 0.7
