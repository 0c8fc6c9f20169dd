"""Relations from French dependency patterns (Universal Dependencies labels).

Families: role appositions (worksFor, leads, foundedBy), verbs in active and passive voice
(acquired, madeBy, foundedBy, runsOn, competitorOf, partnerOf), nominalisations ("le rachat de
Y par X"), genitives ("Android de Google"), coordination, possessives, and the facts that
descriptions state (basedIn from "le constructeur canadien"). Negated, conditional, future and
questioned statements yield nothing (see :func:`kg.extract.context.blocked`).
"""

from __future__ import annotations

from kg.extract.context import DocView
from kg.extract.relations.alliances import alliance_relations
from kg.extract.relations._common import TYPES
from kg.extract.relations.control import control_relations
from kg.extract.relations.nouns import apposition_relations, copula_relations, fronted_relations, noun_relations
from kg.extract.relations.products import (available_relations, based_relations, description_facts, gazetteer_makers,
                                           genitive_relations, non_maker)
from kg.extract.relations.participles import participle_relations, prep_rival_relations
from kg.extract.relations.roles import head_of_relations, owner_relations, role_relations
from kg.extract.relations.verbs import verb_relations
from kg.model import Relation
from kg.nlp.resources import rule_confidence

FAMILIES = (role_relations, head_of_relations, verb_relations, participle_relations, owner_relations,
            prep_rival_relations, copula_relations, apposition_relations, fronted_relations, noun_relations,
            genitive_relations,
            description_facts, based_relations, gazetteer_makers, control_relations, alliance_relations,
            available_relations)


def extract_relations(view: DocView, min_confidence: float = 0.0) -> list[Relation]:
    """All relations of the doc, typed-checked, one per (subject, predicate, object, sentence)."""
    seen: dict[tuple, Relation] = {}
    calibrated = rule_confidence()
    for family in FAMILIES:
        for s, p, o, tok, rule, conf in family(view):
            conf = calibrated.get(rule, conf)
            stypes, otypes = TYPES[p]
            if view.type(s) not in stypes or view.type(o) not in otypes or s == o or conf < min_confidence:
                continue
            if p == "madeBy" and non_maker(view, o):
                continue
            sent = tok.sent
            k = (s, p, o, sent.start)
            old = seen.get(k)
            if old is None or _rank(rule, conf) > _rank(old.rule, old.confidence):
                # One evidence per sentence: the most specific rule names it, and the
                # confidence is the best any rule gave.
                best = max(conf, old.confidence) if old else conf
                seen[k] = Relation(s, p, o, sent.text.strip(), sent.start_char, sent.end_char, best, rule)
    return list(seen.values())


def _rank(rule: str, conf: float) -> tuple[bool, float]:
    """A dependency pattern outranks the gazetteer fallback; then confidence decides."""
    return (not rule.startswith("gazetteer-"), conf)


__all__ = ["FAMILIES", "extract_relations"]
