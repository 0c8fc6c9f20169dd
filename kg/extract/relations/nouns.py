"""Nominal triggers: copulas, appositions, "le rachat de Y par X", "sa filiale X", "smartphone sous Y"."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, POSSESSIVES, PROD, Cand, _clause_subject, _has_case,
                                          _compound_end, _mention_ends, _pairs, _subtree_ent, described_names, lex_verbs, phrase_names, name_before_comma,
                                          names_after, phrase_start, possessor)
from kg.extract.relations.alliances import partner_noun as _partner_noun
from kg.extract.relations.participles import implicit_deal
from kg.extract.relations.products import non_maker
from kg.nlp.resources import lex as lexicon_sets


_APPOS_DET = {"le", "la", "l'", "l’", "les", "sa", "son", "ses", "leur", "un", "une"}
_PARENT_WORDS = {"mère", "holding", "maison-mère", "actionnaire"}
_OWNERSHIP = {"propriété", "propriétaire"}


def apposition_relations(view: DocView) -> Iterator[Cand]:
    """Surface appositions, which the parser often leaves unattached:
    "Microsoft Gaming, la division jeux vidéo de Microsoft," → subsidiaryOf;
    "Alphabet, la maison mère de Google," → subsidiaryOf(Google, Alphabet);
    "Windows Phone, le système d'exploitation mobile de Microsoft," → madeBy;
    "SFR, sa filiale de télécommunications," → subsidiaryOf(SFR, the possessor);
    "Canal+, filiale de Vivendi", "Arm, propriété de SoftBank" (no determiner)."""
    doc = view.doc
    lex = lex_verbs()
    ends = [(e, view.key(doc[e - 1])) for e in _mention_ends(view)] + _description_ends(view)
    for m_end, x in ends:
        comma = _after_acronym(doc, m_end)
        if comma + 2 >= len(doc) or doc[comma].text != ",":
            continue
        det = doc[comma + 1].lower_ in _APPOS_DET
        head = doc[comma + 2] if det else doc[comma + 1]
        if det and head.pos_ == "ADJ" and head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "NOUN":
            head = doc[head.i + 1]  # "Altera, l'éternel rival de Xilinx"
        lemma = head.lemma_.lower()
        if not det and lemma not in lex["subsidiary_nouns"] | _OWNERSHIP | {"maison", "partenaire"}:
            continue
        words, ys = _apposition_tail(view, head.i)
        if not ys and doc[comma + 1].lower_ in POSSESSIVES:
            ys = [possessor(view, head, [x], ORG)]
        if blocked(head.head):
            continue
        for y in ys:
            if y is not None and y != x:
                yield from _apposition_fact(view, x, y, head, words)


def _description_ends(view: DocView) -> list[tuple[int, str]]:
    """(token index past it, entity) for each resolved description in subject position, with its
    bare complements ("Le concepteur britannique de puces, propriété de SoftBank, …")."""
    out = []
    for m in view.doc._.kg_mentions or []:
        key = view.key(view.doc[m.end - 1])
        if m.kind == "description" and key and view.doc[m.start:m.end].root.dep_ in ("nsubj", "nsubj:pass"):
            out.append((_compound_end(view, m.end), key))
    return out


def _apposition_fact(view: DocView, x: str, y: str, head: Token, words: set[str]) -> Iterator[Cand]:
    """The fact an apposition headed by ``head`` states between the name ``x`` it follows and
    the name ``y`` it completes (owned, owner, maker, rival or partner)."""
    lex = lex_verbs()
    product_nouns = lex["madeBy_nouns"] | {"système"}
    lemma = head.lemma_.lower()
    tx, ty = view.type(x), view.type(y)
    if (lemma in lex["subsidiary_nouns"] - {"marque"} or lemma == "propriété"
            or words & {"propriété"}) and tx == ty == ORG:
        yield x, "subsidiaryOf", y, head, "surface-appos-subsidiary", 0.75
    elif (words & _PARENT_WORDS or lemma == "propriétaire") and tx == ORG and ty == ORG:
        yield y, "subsidiaryOf", x, head, "surface-appos-parent", 0.75
    elif (lemma in product_nouns or lemma == "marque") and tx == PROD and ty == ORG:
        yield x, "madeBy", y, head, "surface-appos-madeBy", 0.75
    elif lemma in lex["competitor_nouns"] and tx in (ORG, PROD) and ty in (ORG, PROD):
        yield x, "competitorOf", y, head, "surface-appos-competitor", 0.7
    elif lemma in ("partenaire", "allié", "alliée") and tx == ty == ORG:
        yield x, "partnerOf", y, head, "surface-appos-partner", 0.7


def _after_acronym(doc, i: int) -> int:
    """Index after a parenthesised acronym following a name ("Amazon Web Services (AWS), …")."""
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        return i + 3
    return i


def _apposition_tail(view: DocView, start: int) -> tuple[set[str], list[str]]:
    """Words of an apposition up to the next comma or sentence end, and the organisation or
    product named after "de"/"du"/"d'" in it (or a description resolved to one)."""
    doc = view.doc
    words: set[str] = set()
    for j in range(start, min(len(doc), start + 12)):
        tok = doc[j]
        if tok.text in (",", ".", ";", ":", "(", ")") or "\n" in tok.text:
            break
        words.add(tok.lower_)
        if tok.lower_ in ("de", "du", "d'", "d’", "des"):
            # "propriété du japonais SoftBank", "la maison mère de l'opérateur Free"
            named = described_names(view, j + 1, ORG, PROD)
            if named:
                return words, named
    return words, []


_FRONTED = {"partenaire": "partnerOf", "allié": "partnerOf", "alliée": "partnerOf", "filiale": "subsidiaryOf",
            "propriété": "subsidiaryOf"}


_FORMER = {"ancien", "ancienne", "ex", "ex-", "futur", "future"}


def fronted_relations(view: DocView) -> Iterator[Cand]:
    """A sentence opened by a bare relational noun phrase: "Partenaire de longue date de X, Y …",
    "Filiale de X, Y …", "Grand rival de X, Y …": Y, named after the comma, stands in that tie to X."""
    competitors = lex_verbs()["competitor_nouns"]
    for sent in view.sents:
        first = head = None
        for t in view.tokens[sent.start:sent.end]:  # only the opening words are read
            if t.is_space:
                continue
            first = first or t
            if not (t.pos_ == "ADJ" and t.lower_ not in _FORMER):
                head = t
                break
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            continue
        lemma = head.lemma_.lower()
        predicate = _FRONTED.get(lemma) or ("competitorOf" if lemma in competitors else None)
        if not predicate or view.key(head):
            continue
        prev = view.tokens[first.i - 1] if first.i > 0 else None
        if prev is not None and not (prev.is_space or prev.text in (".", "!", "?", "»", ":")):
            continue  # the parser cut a sentence mid-way: not a sentence opening
        window = view.tokens[head.i:head.i + 12]
        comma = next((t for t in window if t.text == ","), None)
        if comma is None:
            continue
        other = next((k for t in window[1:comma.i - head.i] if t.lower_ in ("de", "du", "d'", "d’", "des")
                      for k in described_names(view, t.i + 1, ORG, PROD)[:1]), None)
        subject = names_after(view, comma.i + 1, ORG, PROD)[:1]
        if other and subject and subject[0] != other and not blocked(head.head if head.dep_ != "ROOT" else head):
            yield subject[0], predicate, other, head, "fronted-" + predicate, 0.7


_COPULAR_VERBS = ("devenir", "rester", "redevenir")


def copula_relations(view: DocView) -> Iterator[Cand]:
    """"Free Mobile est une filiale d'Iliad", "X est le concurrent de Y", "Y devient une filiale de X"."""
    lex = lex_verbs()
    deps, heads, lemmas = view.deps, view.heads, view.lemmas
    # Candidates: a token with a "cop" child, or the object of a copular verb.
    with_cop = {heads[i] for i, d in enumerate(deps) if d == "cop" and heads[i] != i}
    for i in range(len(deps)):
        # "Y devient une filiale de X", "Y reste le rival de X": a copular verb with the noun as its object.
        copular_verb = deps[i] in ("obj", "xcomp") and lemmas[heads[i]] in _COPULAR_VERBS
        if not (i in with_cop or copular_verb):
            continue
        tok = view.tokens[i]
        if blocked(tok.head if copular_verb else tok):
            continue
        holder = tok.head if copular_verb else tok
        subjects = [k for c in holder.children if c.dep_ == "nsubj" for k in phrase_names(view, c, ORG, PROD)]
        if copular_verb and not subjects:
            subjects = _clause_subject(view, holder, (ORG, PROD))
        if not subjects:
            continue
        lemma = tok.lemma_.lower()
        other = _subtree_ent(view, tok, (ORG, PROD), depth=2) or next(
            (k for c in tok.children if c.dep_ == "nmod" and _has_case(c, "de", "d'", "d’", "du", "des")
             for k in phrase_names(view, c, ORG, PROD)), None)  # "de l'opérateur Sprint"
        if not other:
            continue
        for s in subjects:
            if s == other:
                continue
            if lemma in ("filiale", "division", "branche", "unité"):
                yield s, "subsidiaryOf", other, tok, "copula-subsidiary", 0.75
            elif (_is_parent_noun(tok) or lemma == "propriétaire") and view.type(s) == view.type(other) == ORG:
                # "X est la maison mère de Y", "X est (devenu) le propriétaire de Y"
                yield other, "subsidiaryOf", s, tok, "copula-parent", 0.75
            elif lemma in lex["competitor_nouns"]:
                yield s, "competitorOf", other, tok, "copula-competitor", 0.7
            elif lemma in ("partenaire",):
                yield s, "partnerOf", other, tok, "copula-partner", 0.7


@lru_cache(maxsize=1)
def _noun_triggers() -> frozenset[str]:
    """Every lemma some branch of :func:`noun_relations` reacts to."""
    lex = lex_verbs()
    return frozenset().union(lex["acquired_nouns"], lex["competitor_nouns"], lex["partner_nouns"],
                             lex["subsidiary_nouns"], lexicon_sets().device_nouns,
                             {"face", "maison", "société", "mère", "holding", "actionnaire"})


def noun_relations(view: DocView) -> Iterator[Cand]:
    """Nominal triggers: "le rachat de Y par X", "concurrents", "partenariat avec", "filiale de"."""
    lex = lex_verbs()
    triggers = _noun_triggers()
    toks = view.tokens
    for i, lemma in enumerate(view.lemmas):
        if lemma not in triggers:
            continue  # every branch below needs one of these lemmas
        tok = toks[i]
        if tok.pos_ != "NOUN":
            continue
        nmods = [c for c in tok.children if c.dep_ == "nmod"]
        if lemma in lex["acquired_nouns"]:
            targets = [_past_demonym(view, c) for c in nmods if _has_case(c, "de", "d'", "d’", "du", "des")]
            agents = [_past_demonym(view, c) for c in nmods if _has_case(c, "par")]
            # "le rachat de SFR par Altice": the parser often hangs "par X" on the target.
            agents += [g for t in targets for g in t.children if g.dep_ == "nmod" and _has_case(g, "par")]
            if not agents and tok.dep_ in ("obj", "nsubj", "obl:arg") and not _is_passive(tok.head):
                # "ont critiqué le rachat de Y par X": or on the verb, after the noun.
                agents = [c for c in tok.head.children if c.dep_.startswith("obl") and c.i > tok.i and _has_case(c, "par")]
            head = tok.head if tok.dep_ in ("obj", "nsubj") else tok
            # "X a finalisé le rachat de Y" but not "X a critiqué le rachat de Y".
            carried = head.lemma_.lower() not in lex["acquisition_judge_verbs"]
            buyers = agents or [s for s in head.children if s.dep_ == "nsubj" and carried]
            # "La Commission a validé le rachat de Y": a regulator's subject is no buyer.
            yield from (c for c in _pairs(view, head, buyers, targets, "acquired", (ORG,), (ORG, PROD), "noun-acquired")
                        if agents or not non_maker(view, c[0]))
            if not buyers and targets:
                supported = list(_supported_acquisition(view, tok, targets))
                yield from supported or implicit_deal(view, tok, targets)
        if lemma in lex["competitor_nouns"] or (lemma == "face" and tok.dep_.startswith("obl")):
            yield from _competitor_noun(view, tok, lemma, nmods)
        if lemma in lex["partner_nouns"]:
            yield from _partner_noun(view, tok, nmods)
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


def _supported_acquisition(view: DocView, tok: Token, targets: list[Token]) -> Iterator[Cand]:
    """"Cisco a annoncé avoir finalisé l'acquisition de Y", "une présence renforcée en 2019 par
    le rachat de Y": a verb that carries out the deal (relation_verbs.acquisition_support_verbs)
    takes the acquisition noun; the buyer is the subject of its clause, never a regulator."""
    verb = tok.head
    if not tok.dep_.startswith(("obj", "obl")) or verb.lemma_.lower() not in lex_verbs()["acquisition_support_verbs"]:
        return
    if blocked(verb) or (verb.dep_ in ("xcomp", "advcl") and verb.head.lemma_.lower() in lex_verbs()["failed_verbs"]):
        return
    bought = [k for t in targets for k in phrase_names(view, t, ORG, PROD)]
    for b in _clause_subject(view, verb, (ORG,)):
        if not non_maker(view, b):
            for t in bought:
                if t != b:
                    yield b, "acquired", t, tok, "noun-acquired-support", 0.7


def _past_demonym(view: DocView, tok: Token) -> Token:
    """"le rachat de l'israélien Viber": the name after a demonym the parser made the head."""
    key = view.key(tok)
    if key and view.type(key) != ORG and tok.text[:1].islower() and tok.i + 1 < len(view.tokens):
        nxt = view.tokens[tok.i + 1]
        if view.ent_of(nxt, ORG, PROD):
            return nxt
    return tok


def _competitor_noun(view: DocView, tok: Token, lemma: str, nmods: list[Token]) -> Iterator[Cand]:
    """"X est le concurrent de Y", "X, concurrent de Y", "ses concurrents Orange et SFR"."""
    rivals = [c for c in tok.children if c.dep_ in ("appos", "nmod", "conj")] + [tok]
    if lemma != "face" and tok.dep_ == "appos" and view.ent_of(tok.head, ORG, PROD):
        yield from _pairs(view, tok.head, [tok.head], [c for c in nmods], "competitorOf", (ORG, PROD), (ORG, PROD), "appos-competitor")
    if lemma != "face" and any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in tok.children):
        yield from _possessive_rivals(view, tok)
        return
    subjects = _clause_subject(view, tok, (ORG, PROD))
    okeys = [k for r in rivals for k in phrase_names(view, r, ORG, PROD)]
    for t in tok.subtree:
        if t.dep_ in ("appos", "conj", "nmod") and t.head.i >= tok.i:
            okeys += view.conjuncts(t, ORG, PROD)
    if subjects and not blocked(tok.head):
        for s in subjects:
            for o in dict.fromkeys(okeys):
                if o != s and o not in subjects:
                    yield s, "competitorOf", o, tok, "noun-competitor", 0.7


def _possessive_rivals(view: DocView, tok: Token) -> Iterator[Cand]:
    """"face à ses concurrents Orange, SFR et Free", "son principal concurrent, le suédois
    Spotify", "Son grand rival Samsung": the names listed after the noun rival its possessor."""
    rivals = names_after(view, tok.i + 1, ORG, PROD)
    # A rivalry named in subject position holds whatever its verb says ("Son grand rival X n'a
    # jamais réussi à …"); elsewhere it carries the verb's modality ("ne cite jamais ses concurrents").
    subject = tok.dep_ in ("nsubj", "nsubj:pass") or (tok.dep_ == "ROOT" and tok.head.i == tok.i and rivals)
    if not rivals or (not subject and blocked(tok.head if tok.dep_ != "ROOT" else tok)):
        return
    owner = possessor(view, tok, rivals, ORG, PROD)
    for o in rivals if owner else ():
        yield owner, "competitorOf", o, tok, "possessive-competitor", 0.7


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass", "obl:agent") for c in verb.children)


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
        # "ses deux filiales françaises, A et B": past adjectives and a comma, a list of names.
        j = tok.i + 1
        while j < len(view.tokens) and view.tokens[j].pos_ == "ADJ" and not view.key(view.tokens[j]):
            j += 1
        if j + 1 < len(view.tokens) and view.tokens[j].text == "," and j > tok.i + 1:
            j += 1
        named = names_after(view, j, ORG, PROD, limit=10)[:4] if j < len(view.tokens) else []
    if tok.dep_ == "appos" and view.ent_of(tok.head, ORG, PROD):
        named.append(view.ent_of(tok.head, ORG, PROD))
    owner = possessor(view, tok, named, ORG)
    # "sa filiale X" presupposes the tie whatever its verb says ("envisage de vendre sa filiale X").
    for owner in [owner] if owner else []:
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
    if not devices:
        # "le Droid, un smartphone sous Android": the name the phrase stands next to.
        named = name_before_comma(view, phrase_start(view, tok), PROD)
        devices = [named] if named else []
    if blocked(tok.head):
        return
    for os_ in systems:
        for dev in devices:
            if dev != os_:
                yield os_, "runsOn", dev, tok, "device-sous-runsOn", 0.7
