"""Verbal triggers in active and passive voice (participles and rivalry prepositions: ``participles``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, PER, PROD, Cand, _agents, _clause_subject, _has_case, _pairs,
                                          comma_description, left_subject, lex_verbs, name_before_comma,
                                          names_after, negative_det, phrase_names, phrase_start)
from kg.extract.relations.deals import own_modality, paid_for, relative_object_deal


@lru_cache(maxsize=1)
def _verb_triggers() -> frozenset[str]:
    """Every verb lemma some verb rule reacts to."""
    lex = lex_verbs()
    keys = ("acquired", "madeBy", "founded_verbs", "runs_on_verbs", "competitor_verbs", "partner_verbs")
    keys += ("runs_on_participles", "runs_into_verbs", "works_verbs", "leads_verbs", "competitor_reflexive_verbs",
             "acquisition_pay_verbs")
    return frozenset().union(*(lex[k] for k in keys)) | {"mettre", "unifier", "équiper", "animer", "propulser",
                                                          "céder", "vendre", "revendre"}


def verb_relations(view: DocView) -> Iterator[Cand]:
    """Active and passive verbs: racheter, lancer, fonder, fonctionner sous, affronter, s'allier…"""
    lex = lex_verbs()
    relevant = _verb_triggers()
    toks = view.tokens
    for i, low in enumerate(view.lemmas):
        # The lemma first (what _lemma would return is relevant): it rules out most tokens.
        if low not in relevant and not (low.endswith("e") and low + "r" in relevant):
            continue
        tok = toks[i]
        if tok.pos_ not in ("VERB", "AUX") and not _verb_mistagged(tok):
            continue
        lemma = _lemma(tok, relevant)
        kids = list(tok.children)
        subj, passive, objs = _arguments(view, tok, kids)
        agents = _agents(tok)
        reflexive = any(c.lower_ in ("s'", "s’", "se") for c in kids)
        if lemma == "offrir" and not reflexive:
            continue
        yield from _acquisition_verb(view, tok, lemma, subj, objs, passive, agents)
        if lemma in lex["madeBy"]:
            # "X vient de lancer Y", "X a décidé de commercialiser Y": the governing clause's subject.
            makers = subj or ([] if passive or tok.dep_ != "xcomp" else
                              [c for c in tok.head.children if c.dep_ == "nsubj"])
            yield from _pairs(view, tok, objs, makers, "madeBy", (PROD,), (ORG,), "verb-madeBy")
        if lemma in lex["leads_verbs"] and "Part" not in tok.morph.get("VerbForm") and (not _past(tok) or _until_now(tok)):
            # "X dirige Y", "X, qui préside Y depuis 2015": active voice, present (participles:
            # _PARTICIPLE); "qui dirigeait Y", "a dirigé Y" tell a former role, but "qui
            # dirigeait Y depuis 2021" a role held up to the news it is told with.
            yield from _pairs(view, tok, subj, objs, "leads", (PER,), (ORG,), "verb-leads")
        if lemma in lex["founded_verbs"]:
            yield from _pairs(view, tok, passive, agents, "foundedBy", (ORG,), (PER,), "passive-foundedBy")
            yield from _pairs(view, tok, objs, subj, "foundedBy", (ORG,), (PER,), "verb-foundedBy")
        yield from _runs_on_verb(view, tok, lemma, subj, passive, objs)
        if (lemma in lex["competitor_verbs"] or (reflexive and lemma in lex["competitor_reflexive_verbs"])) \
                and not blocked(tok):
            # "rivaliser avec Y", "se mesurer à Y", "s'attaquer à Y", "lutter contre Y"
            against = [c for c in kids if c.dep_.startswith("obl") and c.dep_ != "obl:agent"
                       and _has_case(c, "avec", "à", "au", "aux", "contre")]
            yield from _competitor_verb(view, tok, subj, objs + against)
        if lemma in lex["works_verbs"]:
            # "X travaille chez Y", "X a rejoint Y"
            places = objs if lemma != "travailler" else [c for c in kids if c.dep_.startswith("obl") and _has_case(c, "chez", "pour")]
            yield from _pairs(view, tok, subj, places, "worksFor", (PER,), (ORG,), "verb-worksFor")
        if lemma in lex["partner_verbs"] and not any(negative_det(o) for o in objs):
            yield from _partner_verb(view, tok, subj, reflexive)


def _arguments(view: DocView, tok: Token, kids: list[Token]) -> tuple[list[Token], list[Token], list[Token]]:
    """Subjects, passive subjects and objects of a trigger verb, repaired where the parser
    commonly errs (mislabelled objects, relative pronouns, split-off subjects)."""
    subj = [c if c.lower_ not in ("qui", "lequel", "laquelle") else _antecedent(view, tok)
            for c in kids if c.dep_ == "nsubj"]
    passive = [c for c in kids if c.dep_ == "nsubj:pass"]
    if any(c.dep_ == "aux:pass" for c in kids):
        passive, subj = passive + subj, []
    # A bare oblique (no preposition) right after the verb is a direct object the parser
    # mislabelled ("a racheté SFR en 2014": SFR as obl:mod).
    objs = [c for c in kids if c.dep_ == "obj" or (c.dep_.startswith("obl") and c.dep_ != "obl:agent" and c.i > tok.i
            and (c.pos_ in ("PROPN", "NOUN") or view.key(c)) and not any(g.dep_ == "case" for g in c.children))]
    # "Qualtrics, qu'il avait rachetée en 2018": a relative object stands for the antecedent.
    objs = [_relative_antecedent(view, tok, c) for c in objs]
    if objs:
        # "X a racheté A ainsi que B": the parser often hangs B on the verb as a conj.
        objs += [c for c in kids if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not comma_description(view, c)
                 and not any(g.dep_.startswith("nsubj") for g in c.children)]
    if passive and objs and not any(c.dep_ == "aux:pass" for c in kids) and any(
            c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in kids):
        subj, passive = subj + passive, []  # "X a racheté Y" with X mislabelled nsubj:pass
    if subj and tok.dep_ != "ROOT" and all(c.lower_ in ("il", "elle", "ils", "elles") and not view.key(c) for c in subj):
        # "X a relancé Y, qu'il avait racheté": an unresolved pronoun in a dependent
        # clause stands for the subject of the clause it depends on.
        subj = [c for c in tok.head.children if c.dep_ == "nsubj" and view.key(c)] or subj
    if not subj and not passive and not any(c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") for c in kids) \
            and tok.dep_ in ("ROOT", "conj"):
        subj = left_subject(view, tok, ORG, PER, PROD)
    return subj, passive, objs


def _partner_verb(view: DocView, tok: Token, subj: list[Token], reflexive: bool) -> Iterator[Cand]:
    """"X s'allie à Y", "X collabore avec Y"; "Orange et Capgemini s'allient (à Z)": the allies
    are partners too."""
    obls = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "avec", "à", "au", "aux")]
    yield from _pairs(view, tok, subj, obls, "partnerOf", (ORG,), (ORG,), "verb-partner")
    # "X et Y travaillent main dans la main (ensemble)": the adverb makes the verb mutual.
    mutual = any(c.lower_ in ("ensemble", "main") for c in tok.children)
    if (reflexive or mutual) and not blocked(tok):
        allies = list(dict.fromkeys(k for x in subj for k in phrase_names(view, x, ORG)))
        if mutual and len(allies) == 1:
            allies = _names_left(view, tok) or allies  # "X et Y travaillent main dans la main", X cut off
        for i, a in enumerate(allies):
            for b in allies[i + 1:]:
                yield a, "partnerOf", b, tok, "verb-partner-coordination", 0.7


def _names_left(view: DocView, verb: Token) -> list[str]:
    """"X et Y travaillent …": the organisations joined by "et" or commas right before the verb."""
    toks, out = view.tokens, []
    start = verb.sent.start
    if start > 0 and toks[start - 1].text not in (".", "!", "?", ":", ";", "»") and not toks[start - 1].is_space:
        start = toks[start - 1].sent.start  # the parser cut the sentence at the name
    j = verb.i - 1
    while j >= start:
        key = view.ent_of(toks[j], ORG)
        if not key:
            break
        if key not in out:
            out.append(key)
        while j >= start and view.key(toks[j]) == key:
            j -= 1
        if j > start and toks[j].lower_ in ("et", ","):
            j -= 1
        else:
            break
    return out[::-1] if len(out) > 1 else []


def _past(tok: Token) -> bool:
    """Imperfect, simple past or compound past: a state that no longer holds."""
    return bool({"Imp", "Past"} & set(tok.morph.get("Tense"))) or any(c.dep_ == "aux:tense" for c in tok.children)


def _until_now(tok: Token) -> bool:
    """An imperfect (no auxiliary) with a "depuis" complement: a state lasting up to the moment told."""
    return "Imp" in tok.morph.get("Tense") and not any(c.dep_ == "aux:tense" for c in tok.children) \
        and any(c.dep_.startswith(("obl", "nmod")) and _has_case(c, "depuis") for c in tok.children)


def _verb_mistagged(tok: Token) -> bool:
    """A verb the tagger took for a name ("X dirige Y" → PROPN) but the parser still gave a
    subject and an object."""
    deps = {c.dep_ for c in tok.children}
    return tok.pos_ in ("PROPN", "NOUN") and "nsubj" in deps and "obj" in deps and tok.dep_ in ("ROOT", "acl:relcl", "conj")


def _acquisition_verb(view: DocView, tok: Token, lemma: str, subj: list[Token], objs: list[Token],
                      passive: list[Token], agents: list[Token]) -> Iterator[Cand]:
    """"X a racheté Y", "Y a été racheté par X", "pour s'emparer d'Y", "X cède Y à Z", "Y, cédé à Z"."""
    lex = lex_verbs()
    if lemma in lex["acquired"] or (lemma == "mettre" and any(o.lower_ == "main" for o in objs)):
        if lemma == "mettre":
            targets = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "sur")]
        elif lemma in ("emparer", "s'emparer"):
            targets = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "de", "d'", "d’", "du", "des")]
        else:
            targets = objs
        if not subj and not passive and tok.dep_ in ("xcomp", "advcl"):
            if tok.head.lemma_.lower() in lex["failed_verbs"]:
                return  # "a renoncé à racheter Y"
            # "pour s'emparer d'Instagram", "a décidé de racheter Y": the governing clause's subject.
            buyers = _clause_subject(view, tok.head, (ORG,))
            for b in buyers if targets and not blocked(tok) else []:
                for t in (k for x in targets for k in phrase_names(view, x, ORG, PROD)):
                    if t != b:
                        yield b, "acquired", t, tok, "verb-acquired", 0.75
            return
        yield from _pairs(view, tok, subj, targets, "acquired", (ORG,), (ORG, PROD), "verb-acquired")
        yield from _pairs(view, tok, agents, passive, "acquired", (ORG,), (ORG, PROD), "passive-acquired")
    if lemma in lex["acquired"] and not passive and not agents and not own_modality(tok):
        yield from relative_object_deal(view, tok)
    if lemma in lex["acquisition_pay_verbs"] and not blocked(tok):
        yield from paid_for(view, tok, subj)
    if lemma in ("céder", "vendre", "revendre"):
        # "X cède Y à Z", "Y, cédé à Z": Z acquires Y.
        buyers = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "à", "au", "aux")]
        if not buyers and "Part" in tok.morph.get("VerbForm"):
            buyers = [c for c in tok.children if c.dep_ == "nmod" and _has_case(c, "à", "au", "aux")]
        sold = name_before_comma(view, tok, ORG, PROD) if not objs and "Part" in tok.morph.get("VerbForm") else None
        if sold and not blocked(tok):
            for b in (k for x in buyers for k in phrase_names(view, x, ORG)):
                yield b, "acquired", sold, tok, "verb-divest", 0.75
        elif not objs and "Part" in tok.morph.get("VerbForm"):
            objs = passive or ([tok.head] if tok.dep_ in ("acl", "acl:relcl") else [])
        yield from _pairs(view, tok, buyers, objs, "acquired", (ORG,), (ORG, PROD), "verb-divest")


def _lemma(tok: Token, known: frozenset[str]) -> str:
    """The lemma, or the infinitive of a first-group verb the lemmatiser left inflected
    ("tourne" → "tourner")."""
    lemma = tok.lemma_.lower()
    if lemma not in known and lemma.endswith("e") and lemma + "r" in known:
        return lemma + "r"
    return lemma


def _relative_antecedent(view: DocView, verb: Token, obj: Token) -> Token:
    """The noun a relative object "que" stands for: the noun the clause qualifies, or, when the
    parser hung the clause on the main verb, that verb's object right before the comma."""
    if obj.lower_ not in ("que", "qu'", "qu’") or "Rel" not in obj.morph.get("PronType"):
        return obj
    if verb.dep_ == "acl:relcl":
        return verb.head
    before = view.tokens[obj.i - 2] if obj.i > 1 and view.tokens[obj.i - 1].text == "," else None
    # Only the main verb's own object: in "Nuvia, la start-up de X, un ancien d'Apple, qu'il a
    # rachetée", the name before the comma is no antecedent.
    if before is not None and view.key(before) and before.dep_ == "obj" and before.head.i == verb.head.i:
        return before
    return obj


def _antecedent(view: DocView, verb: Token) -> Token:
    """The noun a relative clause ("qui …") hangs on, over coordinated participles: "ses P30,
    présentés en mars et qui fonctionnent sous Android" → P30 (named before the comma)."""
    h = verb
    while h.dep_ == "conj" and h.head.pos_ == "VERB" and h.head is not h:
        h = h.head
    if h is not verb:
        if h.i > 1 and view.tokens[h.i - 1].text == "," and view.key(view.tokens[h.i - 2]):
            return view.tokens[h.i - 2]
        if h.dep_ in ("acl", "acl:relcl"):
            return h.head
    return verb.head


def _runs_on_verb(view: DocView, tok: Token, lemma: str, subj: list[Token], passive: list[Token],
                  objs: list[Token]) -> Iterator[Cand]:
    """"X fonctionne sous Android", "l'appli tourne sur la PlayStation 4", "Android équipe X",
    "la tablette, équipée de HarmonyOS", "Teams est intégré à Windows 11"."""
    lex = lex_verbs()
    obls = [c for c in tok.children if c.dep_.startswith("obl")]
    if lemma in lex["runs_on_verbs"]:
        if not subj and tok.dep_ == "acl":
            # "le Droid, un smartphone fonctionnant sous Android"
            start = phrase_start(view, tok.head)
            if view.ent_of(tok.head, PROD) or name_before_comma(view, start, PROD):
                subj = [tok.head if view.ent_of(tok.head, PROD) else view.tokens[start.i - 2]]
        sous = [c for c in obls if _has_case(c, "sous")]
        yield from _pairs(view, tok, sous, subj, "runsOn", (PROD,), (PROD,), "verb-runsOn-sous")
        if lemma in ("fonctionner", "tourner"):
            sur = [c for c in obls if _has_case(c, "sur")]
            yield from _pairs(view, tok, subj, sur, "runsOn", (PROD,), (PROD,), "verb-runsOn-sur")
    if lemma in lex["madeBy"] | {"vendre"} and objs and not blocked(tok):
        # "Samsung vend ses smartphones Galaxy sous Android": "sous X" hung on the verb.
        systems = [view.ent_of(c, PROD) for c in obls if _has_case(c, "sous") and view.ent_of(c, PROD)]
        devices = [k for o in objs for k in view.conjuncts(o, PROD)]
        for os_ in systems:
            for dev in devices:
                if os_ != dev:
                    yield os_, "runsOn", dev, tok, "verb-object-sous-runsOn", 0.7
    if lemma in ("unifier", "équiper", "animer", "propulser") and objs:
        yield from _pairs(view, tok, subj or [tok.head], objs, "runsOn", (PROD,), (PROD,), "verb-runsOn")
    if "Part" in tok.morph.get("VerbForm") and not objs and not blocked(tok):
        yield from _runs_on_participle(view, tok, lemma, passive, obls)


def _runs_on_participle(view: DocView, tok: Token, lemma: str, passive: list[Token],
                        obls: list[Token]) -> Iterator[Cand]:
    """"la tablette, équipée de HarmonyOS" (system → device), "Teams est intégré à Windows 11"."""
    lex = lex_verbs()
    patient = name_before_comma(view, tok, PROD) or (
        view.ent_of(tok.head, PROD) if tok.dep_ in ("acl", "acl:relcl", "appos") else None)
    patients = [patient] if patient else [k for p in passive for k in view.conjuncts(p, PROD)]
    if not patients:  # the parser may hang a multi-word subject's words anywhere left of the verb
        patients = list(dict.fromkeys(k for c in tok.lefts if (k := view.ent_of(c, PROD))))
    if lemma in lex["runs_on_participles"]:
        systems = [k for c in obls if _has_case(c, "de", "d'", "d’", "du", "avec", "sous") for k in view.conjuncts(c, PROD)]
        for os_ in systems:
            for dev in patients:
                if os_ != dev:
                    yield os_, "runsOn", dev, tok, "participle-runsOn", 0.75
    if lemma in lex["runs_into_verbs"]:
        platforms = [k for c in obls if _has_case(c, "à", "au", "aux", "dans", "sur") for k in view.conjuncts(c, PROD)]
        for app in patients:
            for plat in platforms:
                if app != plat:
                    yield app, "runsOn", plat, tok, "participle-runs-into", 0.75


def _competitor_verb(view: DocView, tok: Token, subj: list[Token], objs: list[Token]) -> Iterator[Cand]:
    """"X affronte Y", "pour concurrencer Y" (the governing clause's subject)."""
    rivals = _rivals(view, [t for o in objs for t in _phrase(o)])
    # "rattraper Capgemini et Sopra Steria": the parser often breaks such lists.
    rivals += [k for o in objs for k in names_after(view, o.i, ORG, PROD) if k not in rivals] if rivals else []
    subjects = [k for x in subj for k in phrase_names(view, x, ORG, PROD)] or _controller(view, tok) \
        or _clause_subject(view, tok, (ORG, PROD))
    if not subjects and tok.dep_ == "xcomp" and tok.head.dep_ == "acl:relcl":
        # "X, qui peine à rattraper Y": the relative clause's antecedent.
        subjects = [k for k in view.conjuncts(tok.head.head, ORG, PROD) if k not in rivals]
    for s in subjects:
        for o in rivals:
            if o != s:
                yield s, "competitorOf", o, tok, "verb-competitor", 0.7


_OBJECT_CONTROL = {"aider", "permettre", "pousser", "inciter", "obliger", "contraindre", "forcer", "encourager",
                   "autoriser", "appeler"}


def _controller(view: DocView, tok: Token) -> list[str]:
    """"Y aide X à rivaliser avec Z", "doit permettre à X de rivaliser avec Z": the infinitive's
    subject is the governing verb's object, not its subject."""
    head = tok.head
    if tok.dep_ != "xcomp" or head.lemma_.lower() not in _OBJECT_CONTROL:
        return []
    objs = [c for c in head.children if c.dep_ in ("obj", "iobj") or (c.dep_.startswith("obl") and _has_case(c, "à", "au", "aux"))]
    return [k for o in objs for k in phrase_names(view, o, ORG, PROD)]


def _phrase(tok: Token) -> list[Token]:
    """The noun phrase of ``tok`` without its clauses: in "affronte Y, né du rapprochement de A
    et de B", A and B are not rivals."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("acl", "acl:relcl", "advcl", "parataxis", "ccomp"):
            out += _phrase(c)
    return out


def _rivals(view: DocView, toks: list[Token]) -> list[str]:
    """Entities named in a phrase; a maker right before its product ("Microsoft Windows Phone")
    stands for the product only."""
    keys: list[str] = []
    for t in sorted(toks, key=lambda t: t.i):
        key = view.ent_of(t, ORG, PROD)
        if key and key not in keys:
            keys.append(key)
    out = []
    for i, key in enumerate(keys):
        nxt = keys[i + 1] if i + 1 < len(keys) else None
        if view.type(key) == ORG and nxt and view.type(nxt) == PROD:
            continue
        out.append(key)
    return out
