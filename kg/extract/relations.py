"""Relations from French dependency patterns (Universal Dependencies labels).

Families: role appositions (worksFor, leads, foundedBy), verbs in active and passive voice
(acquired, madeBy, foundedBy, runsOn, competitorOf, partnerOf), nominalisations ("le rachat de
Y par X"), genitives ("Android de Google"), coordination, possessives, and the facts that
descriptions state (basedIn from "le constructeur canadien"). Negated, conditional, future and
questioned statements yield nothing (see :func:`kg.extract.context.blocked`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.model import Relation
from kg.nlp.resources import fold, gazetteer, rule_confidence
from kg.nlp.resources import lex as lexicon_sets

ORG, PER, PROD, PLACE = "Organization", "Person", "Product", "Place"
# "derrière"/"devant" state a rivalry only in a ranking (market share, rank, size).
_RANKING = re.compile(r"march[ée]|fabricant|acteur|opérateur|numéro|rang|place|%|parts?\b", re.I)
Cand = tuple[str, str, str, Token, str, float]  # subject, predicate, object, token, rule, conf


def _lex() -> dict[str, frozenset[str]]:
    return lexicon_sets().verbs


def _has_case(tok: Token, *words: str) -> bool:
    return any(c.dep_ == "case" and c.lower_ in words for c in tok.children)


def _subtree_ent(view: DocView, tok: Token, types: tuple[str, ...], depth: int = 3) -> str | None:
    """The first entity of ``types`` down the nmod chain of ``tok`` ("PDG du conseil de Nokia")."""
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("nmod", "obl", "obl:arg", "appos", "flat:name") and c.i > tok.i:
                    key = view.ent_of(c, *types)
                    if key:
                        return key
                    nxt.append(c)
        frontier = nxt
    return None


def _clause_subject(view: DocView, tok: Token, types: tuple[str, ...]) -> list[str]:
    """Entities in subject position of the clause governing ``tok`` (following xcomp chains)."""
    head = tok
    for _ in range(6):
        subs = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
        for s in subs:
            keys = view.conjuncts(s, *types)
            if keys:
                return keys
        if head.dep_ in ("ROOT",) or head.head is head:
            break
        head = head.head
    return []


def _role_phrase(tok: Token) -> tuple[str, str] | None:
    """(category, phrase) when a role noun starts at ``tok`` ("directeur général" → leads)."""
    lexi = lexicon_sets()
    folded = fold(tok.text).split()
    if not folded or folded[0] not in lexi.role_words:
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
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or view.key(tok):
            continue
        role = _role_phrase(tok)
        if not role:
            continue
        if any(c.lower_ in ("ancien", "ancienne", "ex", "futur", "future", "ex-") for c in tok.children) or doc[tok.i - 1].lower_ in ("ex-", "ancien", "ancienne", "futur"):
            continue
        # A predicative role ("deviendra le PDG de Y") carries the modality of its verb.
        governor = tok.head if tok.dep_ in ("xcomp", "obj") and tok.head.pos_ in ("VERB", "AUX") else tok
        if blocked(governor):
            continue
        org = _subtree_ent(view, tok, (ORG,))
        for conj in tok.conjuncts:
            org = org or (_subtree_ent(view, conj, (ORG,)) if conj.i > tok.i else None)
        org = org or _org_after_role(view, tok)
        person = _role_person(view, tok)
        if not org or not person:
            continue
        cat = role[0]
        if cat == "founder":
            yield org, "foundedBy", person, tok, "role-founder", 0.85
        else:
            yield person, cat, org, tok, f"role-{cat}", 0.85


def _org_after_role(view: DocView, tok: Token) -> str | None:
    """"cofondateur et directeur général de X": the organisation closing a coordinated role
    phrase, read on the surface up to the next comma (the parser often splits the phrase)."""
    tokens = view.tokens
    for j in range(tok.i + 1, min(len(tokens), tok.i + 9)):
        t = tokens[j]
        if t.text in (",", ".", ";", ":", "(") or t.pos_ in ("VERB", "AUX") or "\n" in t.text:
            return None
        key = view.ent_of(t, ORG)
        if key and tokens[j - 1].lower_ in ("de", "du", "d'", "d’", "chez"):
            return key
    return None


def _role_person(view: DocView, tok: Token) -> str | None:
    """The person a role noun describes: its head, an apposition, a neighbour, or a subject."""
    doc = view.doc
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


@lru_cache(maxsize=1)
def _verb_triggers() -> frozenset[str]:
    """Every verb lemma some verb rule reacts to."""
    lex = _lex()
    keys = ("acquired", "madeBy", "founded_verbs", "runs_on_verbs", "competitor_verbs", "partner_verbs")
    return frozenset().union(*(lex[k] for k in keys)) | {"mettre", "unifier", "équiper", "animer", "propulser",
                                                          "céder", "vendre", "revendre"}


def verb_relations(view: DocView) -> Iterator[Cand]:
    """Active and passive verbs: racheter, lancer, fonder, fonctionner sous, affronter, s'allier…"""
    lex = _lex()
    relevant = _verb_triggers()
    for tok in view.tokens:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in relevant:
            continue
        kids = list(tok.children)
        subj = [c if c.lower_ not in ("qui", "lequel", "laquelle") else tok.head
                for c in kids if c.dep_ == "nsubj"]
        passive = [c for c in kids if c.dep_ == "nsubj:pass"]
        if any(c.dep_ == "aux:pass" for c in kids):
            passive, subj = passive + subj, []
        objs = [c for c in kids if c.dep_ == "obj"]
        if objs:
            # "X a racheté A ainsi que B": the parser often hangs B on the verb as a conj.
            objs += [c for c in kids if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                     and not any(g.dep_.startswith("nsubj") for g in c.children)]
        agents = _agents(tok)
        reflexive = any(c.lower_ in ("s'", "s’", "se") for c in kids)
        if lemma == "offrir" and not reflexive:
            continue
        if lemma in lex["acquired"] or (lemma == "mettre" and any(o.lower_ == "main" for o in objs)):
            targets = objs if lemma != "mettre" else [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "sur")]
            yield from _pairs(view, tok, subj, targets, "acquired", (ORG,), (ORG, PROD), "verb-acquired")
            yield from _pairs(view, tok, agents, passive, "acquired", (ORG,), (ORG, PROD), "passive-acquired")
        if lemma in ("céder", "vendre", "revendre"):
            # "X cède Y à Z": Z acquires Y.
            buyers = [c for c in kids if c.dep_.startswith("obl") and _has_case(c, "à", "au", "aux")]
            yield from _pairs(view, tok, buyers, objs, "acquired", (ORG,), (ORG, PROD), "verb-divest")
        if lemma in lex["madeBy"]:
            yield from _pairs(view, tok, objs, subj, "madeBy", (PROD,), (ORG,), "verb-madeBy")
        if lemma in lex["founded_verbs"]:
            yield from _pairs(view, tok, passive, agents, "foundedBy", (ORG,), (PER,), "passive-foundedBy")
            yield from _pairs(view, tok, objs, subj, "foundedBy", (ORG,), (PER,), "verb-foundedBy")
        if lemma in lex["runs_on_verbs"]:
            sous = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "sous")]
            yield from _pairs(view, tok, sous, subj, "runsOn", (PROD,), (PROD,), "verb-runsOn-sous")
        if lemma in ("unifier", "équiper", "animer", "propulser"):
            yield from _pairs(view, tok, subj or [tok.head], objs, "runsOn", (PROD,), (PROD,), "verb-runsOn")
        if lemma in lex["competitor_verbs"] and not blocked(tok):
            rivals = _rivals(view, [t for o in objs for t in o.subtree])
            for s in subj and [k for x in subj for k in view.conjuncts(x, ORG, PROD)] or _clause_subject(view, tok, (ORG, PROD)):
                for o in rivals:
                    if o != s:
                        yield s, "competitorOf", o, tok, "verb-competitor", 0.7
        if lemma in lex["partner_verbs"]:
            obls = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "avec", "à", "au", "aux")]
            yield from _pairs(view, tok, subj, obls, "partnerOf", (ORG,), (ORG,), "verb-partner")


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


_PARTICIPLE = {
    "fonder": ("foundedBy", False), "cofonder": ("foundedBy", False), "créer": ("foundedBy", False),
    "diriger": ("leads", True), "présider": ("leads", True),
    "racheter": ("acquired", True), "acquérir": ("acquired", True), "reprendre": ("acquired", True),
    "concevoir": ("madeBy", False), "développer": ("madeBy", False), "fabriquer": ("madeBy", False),
    "éditer": ("madeBy", False), "produire": ("madeBy", False), "lancer": ("madeBy", False),
}


def _agents(tok: Token) -> list[Token]:
    """The agent of a passive verb or participle: ``obl:agent``, or an ``obl`` in "par" that the
    parser left as ``obl:mod`` when the verb is passive ("a été racheté par Atos")."""
    agents = [c for c in tok.children if c.dep_ == "obl:agent"]
    passive = "Part" in tok.morph.get("VerbForm") or any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)
    if not agents and passive:
        agents = [c for c in tok.children if c.dep_ in ("obl", "obl:mod") and _has_case(c, "par")]
    return agents


def participle_relations(view: DocView) -> Iterator[Cand]:
    """"X, fondée par Y", "Le groupe dirigé par Y", "Fondée en 2005 par Y, X…", "conçu par Y":
    a participle with an agent; the noun it qualifies (or the clause subject) is the patient."""
    for tok in view.tokens:
        lemma = tok.lemma_.lower()
        if lemma not in _PARTICIPLE or "Part" not in tok.morph.get("VerbForm"):
            continue
        agents = _agents(tok)
        if not agents or blocked(tok):
            continue
        predicate, agent_first = _PARTICIPLE[lemma]
        if tok.dep_ in ("acl", "acl:relcl", "appos", "conj") and tok.head.i != tok.i:
            patient = [tok.head]
        else:
            patient = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        types = _TYPES[predicate]
        pairs = (agents, patient) if agent_first else (patient, agents)
        yield from _pairs(view, tok, pairs[0], pairs[1], predicate,
                          tuple(types[0]), tuple(types[1]), "participle-" + predicate)


def _pairs(view, trigger, subjects, objects, predicate, stypes, otypes, rule) -> Iterator[Cand]:
    """Every (subject entity, object entity) across the coordinated arguments, unless blocked."""
    if not subjects or not objects or blocked(trigger):
        return
    skeys = [k for s in subjects for k in view.conjuncts(s, *stypes)]
    okeys = [k for o in objects for k in view.conjuncts(o, *otypes)]
    for s in dict.fromkeys(skeys):
        for o in dict.fromkeys(okeys):
            if s != o:
                yield s, predicate, o, trigger, rule, 0.75


def prep_rival_relations(view: DocView) -> Iterator[Cand]:
    """"face à Samsung", "derrière le chinois Tencent" (in a ranking): rivals of the subject."""
    for tok in view.tokens:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        ranking = _has_case(tok, "derrière", "devant") and _RANKING.search(tok.sent.text)
        if (_has_case(tok, "face") or ranking) and not blocked(tok.head):
            for s in _clause_subject(view, tok, (ORG, PROD)) or _sentence_topic(view, tok):
                for o in view.conjuncts(tok, ORG, PROD):
                    if o != s:
                        yield s, "competitorOf", o, tok, "face-competitor", 0.7


_APPOS_DET = {"le", "la", "l'", "l’", "les", "sa", "son", "ses", "leur", "un", "une"}
_PARENT_WORDS = {"mère", "holding", "maison-mère", "actionnaire"}


def apposition_relations(view: DocView) -> Iterator[Cand]:
    """Surface appositions, which the parser often leaves unattached:
    "Microsoft Gaming, la division jeux vidéo de Microsoft," → subsidiaryOf;
    "Alphabet, la maison mère de Google," → subsidiaryOf(Google, Alphabet);
    "Windows Phone, le système d'exploitation mobile de Microsoft," → madeBy;
    "SFR, sa filiale de télécommunications," → subsidiaryOf(SFR, the clause subject)."""
    doc = view.doc
    lex = _lex()
    product_nouns = lex["madeBy_nouns"] | {"système"}
    for m_end in _mention_ends(view):
        x = view.key(doc[m_end - 1])
        if m_end + 2 >= len(doc) or doc[m_end].text != "," or doc[m_end + 1].lower_ not in _APPOS_DET:
            continue
        head = doc[m_end + 2]
        words, y = _apposition_tail(view, m_end + 2)
        lemma = head.lemma_.lower()
        possessive = doc[m_end + 1].lower_ in ("sa", "son", "ses", "leur")
        if y is None and possessive:
            y = next(iter(_clause_subject(view, head, (ORG,)) or _clause_subject(view, doc[m_end - 1], (ORG,))), None)
        if y is None or y == x:
            continue
        tx, ty = view.type(x), view.type(y)
        if lemma in lex["subsidiary_nouns"] and lemma != "marque" and tx == ORG and ty == ORG:
            yield x, "subsidiaryOf", y, head, "surface-appos-subsidiary", 0.75
        elif words & _PARENT_WORDS and tx == ORG and ty == ORG:
            yield y, "subsidiaryOf", x, head, "surface-appos-parent", 0.75
        elif (lemma in product_nouns or lemma == "marque") and tx == PROD and ty == ORG:
            yield x, "madeBy", y, head, "surface-appos-madeBy", 0.75
        elif lemma in lex["competitor_nouns"] and tx in (ORG, PROD) and ty in (ORG, PROD):
            yield x, "competitorOf", y, head, "surface-appos-competitor", 0.7


def _mention_ends(view: DocView) -> list[int]:
    """Token index just past each named entity mention."""
    ends = set()
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name":
            ends.add(m.end)
    return sorted(ends)


def _apposition_tail(view: DocView, start: int) -> tuple[set[str], str | None]:
    """Words of an apposition up to the next comma or sentence end, and the organisation or
    product named after "de"/"du"/"d'" in it (or a description resolved to one)."""
    doc = view.doc
    words: set[str] = set()
    for j in range(start, min(len(doc), start + 12)):
        tok = doc[j]
        if tok.text in (",", ".", ";", ":", "(", ")") or "\n" in tok.text:
            break
        words.add(tok.lower_)
        key = view.key(tok)
        if key and view.type(key) in (ORG, PROD) and doc[j - 1].lower_ in ("de", "du", "d'", "d’", "des"):
            return words, key
    return words, None


def _sentence_topic(view: DocView, tok: Token) -> list[str]:
    """The organisation or product named last before ``tok`` in its sentence, outside the
    rival phrase, when the parse gives no subject ("Le système Symbian plafonne face à …")."""
    start = min(t.i for t in tok.subtree)
    for t in reversed(view.tokens[tok.sent.start:start]):
        key = view.ent_of(t, ORG, PROD)
        if key:
            return [key]
    return []


def copula_relations(view: DocView) -> Iterator[Cand]:
    """"Free Mobile est une filiale d'Iliad", "X est le concurrent de Y"."""
    lex = _lex()
    for tok in view.tokens:
        if not any(c.dep_ == "cop" for c in tok.children) or blocked(tok):
            continue
        subjects = [k for c in tok.children if c.dep_ == "nsubj" for k in view.conjuncts(c, ORG, PROD)]
        if not subjects:
            continue
        lemma = tok.lemma_.lower()
        other = _subtree_ent(view, tok, (ORG, PROD), depth=2)
        if not other:
            continue
        for s in subjects:
            if s == other:
                continue
            if lemma in ("filiale", "division", "branche", "unité"):
                yield s, "subsidiaryOf", other, tok, "copula-subsidiary", 0.75
            elif lemma in lex["competitor_nouns"]:
                yield s, "competitorOf", other, tok, "copula-competitor", 0.7
            elif lemma in ("partenaire",):
                yield s, "partnerOf", other, tok, "copula-partner", 0.7


def noun_relations(view: DocView) -> Iterator[Cand]:
    """Nominal triggers: "le rachat de Y par X", "concurrents", "partenariat avec", "filiale de"."""
    lex = _lex()
    for tok in view.tokens:
        if tok.pos_ != "NOUN":
            continue
        lemma = tok.lemma_.lower()
        nmods = [c for c in tok.children if c.dep_ == "nmod"]
        if lemma in lex["acquired_nouns"]:
            targets = [c for c in nmods if _has_case(c, "de", "d'", "d’", "du", "des")]
            agents = [c for c in nmods if _has_case(c, "par")]
            head = tok.head if tok.dep_ in ("obj", "nsubj") else tok
            yield from _pairs(view, head, agents or [s for s in head.children if s.dep_ == "nsubj"], targets, "acquired", (ORG,), (ORG, PROD), "noun-acquired")
        if lemma in lex["competitor_nouns"] or (lemma == "face" and tok.dep_.startswith("obl")):
            rivals = [c for c in tok.children if c.dep_ in ("appos", "nmod", "conj")] + [tok]
            if lemma != "face" and tok.dep_ == "appos" and view.ent_of(tok.head, ORG, PROD):
                yield from _pairs(view, tok.head, [tok.head], [c for c in nmods], "competitorOf", (ORG, PROD), (ORG, PROD), "appos-competitor")
            subjects = _clause_subject(view, tok, (ORG, PROD))
            okeys = [k for r in rivals for k in view.conjuncts(r, ORG, PROD)]
            for t in tok.subtree:
                if t.dep_ in ("appos", "conj", "nmod") and t.head.i >= tok.i:
                    okeys += view.conjuncts(t, ORG, PROD)
            if subjects and not blocked(tok.head):
                for s in subjects:
                    for o in dict.fromkeys(okeys):
                        if o != s and o not in subjects:
                            yield s, "competitorOf", o, tok, "noun-competitor", 0.7
        if lemma in lex["partner_nouns"]:
            others = [c for c in nmods if _has_case(c, "avec", "entre")]
            others += [g for c in tok.children if c.dep_ == "acl" for g in c.children
                       if g.dep_.startswith("obl") and _has_case(g, "avec")]
            head = tok.head if tok.dep_ in ("obj", "obl:arg", "obl", "obl:agent") else tok
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
            yield from _pairs(view, head, subjects, others, "partnerOf", (ORG,), (ORG,), "noun-partner")
            if not others and not blocked(head):
                allies = [k for x in subjects for k in view.conjuncts(x, ORG)]
                for i, a in enumerate(allies):
                    for b in allies[i + 1:]:
                        yield a, "partnerOf", b, tok, "noun-partner-coordination", 0.7
        if lemma in lex["subsidiary_nouns"]:
            yield from _possessive_part(view, tok)
        if lemma in lexicon_sets().device_nouns:
            yield from _device_sous(view, tok)
        if lemma in ("maison", "société", "mère", "holding", "actionnaire") and tok.dep_ == "appos" and _is_parent_noun(tok):
            parent = view.ent_of(tok.head, ORG)
            child = _subtree_ent(view, tok, (ORG,), depth=2)
            if child and parent and child != parent:
                yield child, "subsidiaryOf", parent, tok, "appos-parent", 0.75
        if lemma in lex["subsidiary_nouns"] and tok.dep_ == "appos":
            child = view.ent_of(tok.head, ORG)
            parent = _subtree_ent(view, tok, (ORG,), depth=2)
            if child and parent and child != parent:
                yield child, "subsidiaryOf", parent, tok, "appos-subsidiary", 0.75


def _is_parent_noun(tok: Token) -> bool:
    """"la maison mère de X", "la société mère", "la holding de X"."""
    words = {c.lower_ for c in tok.children} | {tok.lower_}
    return "mère" in words or tok.lemma_.lower() == "holding"


def _possessive_part(view: DocView, tok: Token) -> Iterator[Cand]:
    """"sa filiale Aricent", "sa division Devices & Services", "Vertu, sa marque de luxe"."""
    det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("sa", "son", "ses")]
    if not det:
        return
    named = view.conjuncts(tok, ORG, PROD)
    if not named:
        # "sa filiale Aricent" with the name split off by the parser: read the surface.
        j = tok.i + 1
        while j < len(view.tokens) and view.tokens[j].pos_ == "ADJ" and not view.key(view.tokens[j]):
            j += 1
        key = view.ent_of(view.tokens[j], ORG, PROD) if j < len(view.tokens) else None
        named = [key] if key else []
    if tok.dep_ == "appos" and view.ent_of(tok.head, ORG, PROD):
        named.append(view.ent_of(tok.head, ORG, PROD))
    owners = _clause_subject(view, tok, (ORG,))
    for owner in owners[:1]:
        for key in named:
            if key == owner:
                continue
            if view.type(key) == ORG and tok.lemma_.lower() != "marque":
                yield key, "subsidiaryOf", owner, tok, "possessive-subsidiary", 0.7
            elif view.type(key) == PROD:
                yield key, "madeBy", owner, tok, "possessive-brand", 0.7


def _device_sous(view: DocView, tok: Token) -> Iterator[Cand]:
    """"un smartphone sous Android": the device named with the noun runs the system."""
    systems = [k for c in tok.children if c.dep_ == "nmod" and _has_case(c, "sous")
               for k in view.conjuncts(c, PROD)]
    if not systems:
        return
    own = view.ent_of(tok, PROD) or view.ent_of(view._inner_token(tok, PROD) or tok, PROD)
    devices = [own] if own else []
    if not devices and tok.dep_ in ("appos", "nmod", "flat:name") and view.ent_of(tok.head, PROD):
        devices = [view.ent_of(tok.head, PROD)]
    if not devices:
        devices = [view.ent_of(c, PROD) for c in tok.head.children if c.dep_ in ("nsubj", "appos") and view.ent_of(c, PROD)]
    for os_ in systems:
        for dev in devices:
            if dev != os_:
                yield os_, "runsOn", dev, tok, "device-sous-runsOn", 0.7


def genitive_relations(view: DocView) -> Iterator[Cand]:
    """"Android de Google", "smartphones Lumia de Nokia", "Microsoft Windows Phone", possessives."""
    doc = view.doc
    for tok in doc:
        prod = view.ent_of(tok, PROD)
        if not prod or (tok.i > 0 and view.key(doc[tok.i - 1]) == prod):
            continue
        span_end = tok.i
        while span_end + 1 < len(doc) and view.key(doc[span_end + 1]) == prod:
            span_end += 1
        holders = [tok, *[doc[i] for i in range(tok.i, span_end + 1)]]
        if tok.head.lower_ in {"système", "smartphone", "smartphones", "tablette", "service", "terminaux", "logiciel", "marque", "marques", "plateforme", "application"}:
            holders.append(tok.head)
        for h in holders:
            for c in h.children:
                if c.dep_ == "nmod" and c.i > h.i and _has_case(c, "de", "d'", "d’", "du", "chez"):
                    org = view.ent_of(c, ORG) or _named_after(view, c, ORG)
                    if org:
                        yield prod, "madeBy", org, tok, "genitive-madeBy", 0.8
                if c.dep_ == "nmod" and _has_case(c, "sous"):
                    for os_ in view.conjuncts(c, PROD):
                        if os_ != prod:
                            yield os_, "runsOn", prod, tok, "sous-runsOn", 0.75
                if c.dep_ == "appos":
                    org = _subtree_ent(view, c, (ORG,), depth=3)
                    if org and (c.lemma_.lower() in _lex()["madeBy_nouns"] or c.lemma_.lower() == "système"):
                        yield prod, "madeBy", org, tok, "appos-madeBy", 0.8
        maker = gazetteer().entries.get(prod)
        surface = doc[tok.i:span_end + 1].text
        maker_name = gazetteer().entries[maker.maker].name if maker and maker.maker else None
        if maker_name and surface.startswith(maker_name + " ") and len(gazetteer().by_form.get(fold(maker_name), {})) == 1:
            yield prod, "madeBy", maker.maker, tok, "name-prefix-madeBy", 0.75
        if tok.i > 0:
            org = view.ent_of(doc[tok.i - 1], ORG)
            if org and view.key(doc[tok.i - 1]) != prod:
                yield prod, "madeBy", org, tok, "adjacent-madeBy", 0.7
        yield from _possessive(view, tok, prod)


def _named_after(view: DocView, tok: Token, *types: str) -> str | None:
    """"de l'américain iRobot": the name that follows a demonym or a description noun."""
    for c in tok.children:
        if c.dep_ in ("flat:name", "appos", "nmod") and c.i == tok.i + 1:
            return view.ent_of(c, *types)
    if tok.i + 1 < len(view.doc):
        return view.ent_of(view.doc[tok.i + 1], *types)
    return None


def _possessive(view: DocView, tok: Token, prod: str) -> Iterator[Cand]:
    """"RIM … son nouveau système BlackBerry 10": the possessor is the clause subject."""
    doc = view.doc
    nouns = _lex()["madeBy_nouns"] | {"système"}
    for j in range(tok.i - 1, max(0, tok.i - 7) - 1, -1):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or view.key(t) or "\n" in t.text or t.text in ".!?":
            return
        if t.lower_ in ("son", "sa", "ses") and t.head.lemma_.lower() in nouns:
            for s in _clause_subject(view, t.head, (ORG,)):
                yield prod, "madeBy", s, tok, "possessive-madeBy", 0.65
            return


def description_facts(view: DocView) -> Iterator[Cand]:
    """Facts stated by descriptions and demonyms (``doc._.kg_facts``)."""
    for f in view.doc._.kg_facts or []:
        yield f.subject, f.predicate, f.object, view.doc[f.token], f.rule, f.confidence


def gazetteer_makers(view: DocView) -> Iterator[Cand]:
    """A product and its known maker both named in the article: madeBy, with the sentence that
    names the product (lower confidence when the maker is only named elsewhere)."""
    g = gazetteer()
    named = {m.key for m in view.doc._.kg_mentions or [] if m.kind in ("name", "description", "apposition")}
    for sent in view.sents:
        keys = {view.key(t): t for t in sent if view.key(t)}
        for key, tok in keys.items():
            entry = g.entries.get(key)
            if entry and entry.maker and entry.maker in keys:
                yield key, "madeBy", entry.maker, tok, "gazetteer-maker", 0.6
            elif entry and entry.maker and entry.maker in named:
                yield key, "madeBy", entry.maker, tok, "gazetteer-maker-article", 0.5


_TYPES = {
    "worksFor": ({PER}, {ORG}), "leads": ({PER}, {ORG}), "foundedBy": ({ORG}, {PER}),
    "madeBy": ({PROD}, {ORG}), "basedIn": ({ORG}, {PLACE}), "subsidiaryOf": ({ORG}, {ORG}),
    "acquired": ({ORG}, {ORG, PROD}), "partnerOf": ({ORG}, {ORG}),
    "competitorOf": ({ORG, PROD}, {ORG, PROD}), "runsOn": ({PROD}, {PROD}),
}
FAMILIES = (role_relations, verb_relations, participle_relations, owner_relations,
            prep_rival_relations, copula_relations, apposition_relations, noun_relations, genitive_relations,
            description_facts, gazetteer_makers)


def extract_relations(view: DocView, min_confidence: float = 0.0) -> list[Relation]:
    """All relations of the doc, typed-checked, one per (subject, predicate, object, sentence)."""
    seen: dict[tuple, Relation] = {}
    calibrated = rule_confidence()
    for family in FAMILIES:
        for s, p, o, tok, rule, conf in family(view):
            conf = calibrated.get(rule, conf)
            stypes, otypes = _TYPES[p]
            if view.type(s) not in stypes or view.type(o) not in otypes or s == o or conf < min_confidence:
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
