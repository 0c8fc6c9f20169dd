"""Participles with an agent ("X, fondée par Y", "conçu par Y") and rivalry prepositions
("face à Samsung", "derrière le chinois Tencent" in a ranking)."""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, PROD, TYPES, Cand, _agents, lex_verbs, _clause_subject, _has_case, _sentence_topic,
                                          generic_org, name_before_comma, names_after, phrase_names, phrase_start)
from kg.extract.relations.products import non_maker
from kg.nlp.resources import lex as lexicon_sets

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


_IRREGULAR = {"acquérir": "acquis", "reprendre": "repris", "détenir": "détenu", "concevoir": "conçu",
              "produire": "produit"}
# Every form of the participles above ("cofondée", "rachetés", "acquise"), to read a sentence
# opening the tagger mistook for a noun ("Cofondée en 1999 par X, la société …").
_FORMS = {stem + end: lemma for lemma in _PARTICIPLE
          for stem in [_IRREGULAR.get(lemma, lemma[:-2] + "é")]
          for end in (("", "e", "s", "es") if not stem.endswith("s") else ("", "e", "es"))}


def _participles(view: DocView) -> Iterator[tuple[Token, str]]:
    """Participles of ``_PARTICIPLE`` (with their lemma), and sentence-opening forms of them
    whatever the tagger made of them."""
    toks = view.tokens
    for i, lemma in enumerate(view.lemmas):
        if lemma in _PARTICIPLE and "Part" in toks[i].morph.get("VerbForm"):
            yield toks[i], lemma
    for sent in view.sents:
        first = next((t for t in toks[sent.start:sent.end] if not t.is_space and not t.is_punct), None)
        if first is not None and first.lower_ in _FORMS and not (
                first.lemma_.lower() in _PARTICIPLE and "Part" in first.morph.get("VerbForm")):
            yield first, _FORMS[first.lower_]


def participle_relations(view: DocView) -> Iterator[Cand]:
    """"X, fondée par Y", "Le groupe dirigé par Y", "Fondée en 2005 par Y et Z, X…", "conçu par Y":
    a participle with an agent; the noun it qualifies (or the clause subject) is the patient."""
    for tok, lemma in _participles(view):
        if blocked(tok):
            continue
        predicate, agent_first = _PARTICIPLE[lemma]
        stypes, otypes = (tuple(t) for t in TYPES[predicate])
        atypes, ptypes = (stypes, otypes) if agent_first else (otypes, stypes)
        agents = _agent_keys(view, tok, atypes)
        if tok.i == tok.sent.start and len(agents) > 1 and set(atypes) & set(ptypes):
            agents = _without_fronted_patient(view, agents)
        implicit = not agents and predicate == "acquired"
        if implicit:
            agents = _implicit_buyer(view, tok)
        patients = (_implicit_patient(view, tok) if implicit else _patient_keys(view, tok, ptypes, agents)) if agents else []
        for a in agents:
            for p in patients:
                if a != p:
                    s, o = (a, p) if agent_first else (p, a)
                    yield s, predicate, o, tok, "participle-" + predicate, 0.75


_MONEY = {"milliard", "million", "dollar", "euro", "livre", "yen"}


def _implicit_buyer(view: DocView, tok: Token) -> list[str]:
    """"Skype, racheté pour 8,5 milliards de dollars en 2011", "Altran, racheté en 2020": a
    buy told with its price or year but no agent is the article's main organisation's."""
    dated = any(c.dep_.startswith(("obl", "nmod")) and (
        (_has_case(c, "en") and c.pos_ == "NUM") or (_has_case(c, "pour") and c.lemma_.lower() in _MONEY)
        or any(g.lemma_.lower() in _MONEY for g in c.children if g.dep_ == "nmod")) for c in tok.children)
    if not dated or any(c.dep_ in ("aux:pass", "aux:tense", "cop") for c in tok.children):
        return []  # "Y a été racheté en 2011" names no buyer, told elsewhere
    main = view.salient_org()
    return [main] if main else []


_DEAL_HEADS = {"celle", "celui", "intégration", "acquisition", "rachat", "achat", "reprise"}


_DONE = {"boucler", "finaliser", "achever", "conclure", "réaliser", "annoncer", "effectuer", "opérer", "officialiser"}
_NOT_DONE = {"éventuel", "éventuelle", "possible", "futur", "future", "hypothétique", "projeté", "projetée"}
_PLANS = {"projet", "offre", "tentative", "intention", "échec", "abandon", "proposition", "rumeur", "étude"}


def implicit_deal(view: DocView, tok: Token, targets: list[Token]) -> Iterator[Cand]:
    """"le rachat d'Alcatel-Lucent, bouclé début 2016", "avec le rachat de CA Technologies en
    2018 pour 18,9 milliards": a deal noun told with its date, price or completion but no buyer
    is the article's main organisation's (never a plan, a rumour or a failed or judged deal)."""
    lex, org_nouns = lex_verbs(), lexicon_sets().org_nouns
    head = tok.head
    if any(c.lower_ in _NOT_DONE for c in tok.children) or head.lemma_.lower() in _PLANS \
            or head.lemma_.lower() in lex["acquisition_judge_verbs"] | lex["failed_verbs"] or blocked(head):
        return
    if tok.dep_ == "ROOT" or any(c.dep_ == "nsubj" and (view.key(c) or c.lemma_.lower() in org_nouns)
                                 for c in head.children):
        # "Le distributeur a finalisé l'absorption de Y": that subject, however resolved, is the
        # buyer (and a deal noun the parser cut off as a root may have one too)
        return
    done = _told_done(view, tok)
    main = view.salient_org()
    bought = [k for t in targets for k in phrase_names(view, t, ORG, PROD)]
    if not done or not main or main in bought or non_maker(view, main):
        return
    for t in bought:
        yield main, "acquired", t, tok, "noun-acquired-implicit", 0.6


def _told_done(view: DocView, tok: Token) -> bool:
    """A year ("en 2018"), a price ("pour 18,9 milliards") or a completion ("bouclé début 2016")
    right after the deal noun, read on the surface (the parser hangs them on the verb)."""
    toks = view.tokens
    end = min(tok.sent.end, tok.i + 16, len(toks) - 1)
    for j in range(tok.i + 1, end):
        t = toks[j]
        if t.text in (".", ";", ":") or (t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm")):
            return False
        if t.lower_ == "en" and toks[j + 1].like_num and len(toks[j + 1].text) == 4:
            return True
        if t.lower_ == "pour" and any(u.lemma_.lower() in _MONEY for u in toks[j + 1:j + 4]):
            return True
        if t.lemma_.lower() in _DONE and "Part" in t.morph.get("VerbForm"):
            return True
    return False


def _implicit_patient(view: DocView, tok: Token) -> list[str]:
    """The name before the comma that opens the participle's phrase, read on the surface
    ("Altran, racheté", "Skype, le service d'appels racheté": the parser often hangs the
    participle on the description's complement), never a complement of a description ("la
    division mobile de Nokia, acquise en 2013" is not Nokia; "celle de LinkedIn, absorbé" is)."""
    toks = view.tokens
    for j in range(tok.i - 1, max(tok.sent.start, tok.i - 10), -1):
        t = toks[j]
        if t.text == ",":
            first = j - 1
            key = view.ent_of(toks[first], ORG, PROD) if first > 0 else None
            while key and first > 0 and view.key(toks[first - 1]) == key:
                first -= 1
            if not key or not toks[first].text[:1].isupper():
                return []
            if first > 1 and toks[first - 1].lower_ in ("de", "d'", "d’", "du", "des") \
                    and toks[first - 2].lower_ not in _DEAL_HEADS:
                return []
            return [key]
        if t.pos_ in ("VERB", "AUX", "PRON") or view.key(t) or t.text in (".", ";", ":", "(", ")"):
            return []
    return []


def _without_fronted_patient(view: DocView, agents: list[str]) -> list[str]:
    """"Contrôlé par A, B publie …": a last name joined by a bare comma (no "et") is the
    subject the opening participle qualifies, not one more agent."""
    last = agents[-1]
    first = next((t for t in view.tokens if view.key(t) == last), None)
    if first is not None and first.i > 0 and view.tokens[first.i - 1].text == ",":
        return agents[:-1]
    return agents


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
    # "Fondée par X et Y, deux anciens d'Apple, la start-up …": past an apposition to the agents.
    for j in range(last + 1, min(len(view.tokens) - 1, last + 14)):
        t = view.tokens[j]
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":"):
            break
        if t.text == ",":
            named = names_after(view, j + 1, *types)[:1]
            generic = generic_org(view, view.tokens[j + 2]) if ORG in types and j + 2 < len(view.tokens) else None
            if named or generic:
                return named or [generic]
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
