"""Ties stated by idioms: "son partenaire X", "un accord lie X à Y", "X dispute le marché à Y",
"X a pour concurrent (partenaire, maison mère, filiale) Y"."""

from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked, is_hypothetical, is_negated
from kg.nlp.resources import lex as lexicon_sets
from kg.extract.relations._common import (ORG, POSSESSIVES, PROD, Cand, _clause_subject, _has_case, _pairs, lex_verbs,
                                          names_after, negative_det, phrase_names, possessor)

_ALLY_NOUNS = {"partenaire", "allié", "alliée"}
_TO = ("à", "au", "aux")


def alliance_relations(view: DocView) -> Iterator[Cand]:
    """The idioms of this module, each read from its trigger lemma."""
    rivals = lex_verbs()["competitor_nouns"]
    for i, lemma in enumerate(view.lemmas):
        tok = view.tokens[i]
        if lemma in _ALLY_NOUNS and tok.pos_ == "NOUN":
            yield from _possessive_allies(view, tok)
        elif lemma == "lier" and tok.pos_ == "VERB":
            yield from _bound_by(view, tok)
        elif lemma in ("disputer", "dispute") and tok.pos_ == "VERB":
            yield from _disputed(view, tok)
        elif lemma == "pour" and tok.dep_ == "case" and tok.head.pos_ == "NOUN":
            noun = tok.head
            nl = noun.lemma_.lower()
            if nl in rivals or nl in _ALLY_NOUNS or nl in ("filiale", "maison", "mère", "maison-mère"):
                yield from _has_for(view, noun, nl in rivals)


def _possessive_allies(view: DocView, tok: Token) -> Iterator[Cand]:
    """"OpenAI et son partenaire Microsoft", "ses alliés Orange et SFR": the names after the noun
    are partners of its possessor."""
    if not any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in tok.children):
        return
    allies = names_after(view, tok.i + 1, ORG, limit=8)
    subject = tok.dep_ in ("nsubj", "nsubj:pass")
    if not allies or (not subject and blocked(tok.head if tok.dep_ != "ROOT" else tok)):
        return
    owner = _conjoined_before(view, tok) or possessor(view, tok, allies, ORG)
    for a in allies if owner and owner not in allies else ():
        yield owner, "partnerOf", a, tok, "possessive-partner-noun", 0.7


def _intended(verb: Token) -> bool:
    """An intent or modal verb ("envisager", "vouloir"), or a conditional the tagger read as an
    imperfect ("envisagerait")."""
    return verb.lemma_.lower() in lexicon_sets().weak_verbs or verb.lower_.endswith(("rait", "raient"))


def _conjoined_before(view: DocView, tok: Token) -> str | None:
    """"OpenAI et son partenaire Microsoft": the name joined by "et" to the possessive phrase."""
    j = tok.i - 1
    while j > 0 and view.tokens[j].pos_ in ("DET", "ADJ") and not view.key(view.tokens[j]):
        j -= 1
    if j > 0 and view.tokens[j].lower_ in ("et", "avec"):
        return view.ent_of(view.tokens[j - 1], ORG)
    return None


def _bound_by(view: DocView, tok: Token) -> Iterator[Cand]:
    """"Un partenariat lie X à Y", "l'accord qui lie X et Y": the agreement noun is the subject,
    the two parties follow the verb (read on the surface: the parser often breaks the names)."""
    agreement = tok.head if tok.dep_ in ("acl", "acl:relcl") else next(
        (c for c in tok.children if c.dep_ == "nsubj"), None)
    if agreement is None or agreement.lemma_.lower() not in lex_verbs()["partner_nouns"] or blocked(tok):
        return
    if any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children):
        return
    first = names_after(view, tok.i + 1, ORG, limit=6)
    if not first:
        return
    j = max(t.i for t in view.tokens[tok.i + 1:tok.i + 12] if view.key(t) in first) + 1
    second = names_after(view, j + 1, ORG, limit=6) if j < len(view.tokens) and view.tokens[j].lower_ in _TO else []
    parties = list(dict.fromkeys(first + second))
    for k, a in enumerate(parties):
        for b in parties[k + 1:]:
            yield a, "partnerOf", b, tok, "agreement-binds-partner", 0.7


def _disputed(view: DocView, tok: Token) -> Iterator[Cand]:
    """"X dispute le marché des PC à Y", "X dispute la première place à Y": Y, in a phrase in
    "à" of the clause (the parser may hang it on the object), is X's rival."""
    hypothetical = is_hypothetical(tok) and not _spurious_future(tok)
    if is_negated(tok) or hypothetical or any(c.lower_ in ("se", "s'", "s’") for c in tok.children):
        return  # "se disputer": the subjects fight over something, said elsewhere
    rivals: list[str] = []
    for t in tok.subtree:
        if t.i > tok.i and _has_case(t, *_TO) and tok.i in (t.head.i, t.head.head.i):
            rivals += [k for k in phrase_names(view, t, ORG, PROD) + names_after(view, t.i, ORG, PROD)
                       if k not in rivals]
    subjects = [k for c in tok.children if c.dep_ == "nsubj" for k in phrase_names(view, c, ORG, PROD)]
    for s in subjects or _clause_subject(view, tok, (ORG, PROD)):
        for r in rivals:
            if r != s:
                yield s, "competitorOf", r, tok, "verb-dispute-competitor", 0.7


_FUTURE = re.compile(r"r(?:ai|as|a|ons|ez|ont)$")


def _spurious_future(tok: Token) -> bool:
    """A present the tagger marked as future ("dispute"): no future ending on the word."""
    return "Fut" in tok.morph.get("Tense") and not _FUTURE.search(tok.lower_)


def _has_for(view: DocView, noun: Token, rival: bool) -> Iterator[Cand]:
    """"X a pour concurrent direct Y", "X a pour maison mère Y", "X a pour partenaire Y"."""
    verb = noun.head
    if verb.lemma_.lower() != "avoir" or blocked(verb):
        return
    j = noun.i + 1
    while j < len(view.tokens) and (view.tokens[j].pos_ == "ADJ" or view.tokens[j].lower_ in ("mère", "-")) \
            and not view.key(view.tokens[j]):
        j += 1
    types = (ORG, PROD) if rival else (ORG,)
    others = names_after(view, j, *types, limit=10) if j < len(view.tokens) else []
    lemma = noun.lemma_.lower()
    subjects = _clause_subject(view, noun, types)
    if not subjects and verb.i > 0 and view.ent_of(view.tokens[verb.i - 1], *types):
        subjects = [view.ent_of(view.tokens[verb.i - 1], *types)]  # the parser lost the subject
    for s in subjects if others else ():
        for o in others:
            if o == s:
                continue
            if rival:
                yield s, "competitorOf", o, noun, "have-for-competitor", 0.7
            elif lemma in _ALLY_NOUNS:
                yield s, "partnerOf", o, noun, "have-for-partner", 0.7
            elif lemma == "filiale":
                yield o, "subsidiaryOf", s, noun, "have-for-subsidiary", 0.7
            else:
                yield s, "subsidiaryOf", o, noun, "have-for-parent", 0.7


def partner_noun(view: DocView, tok: Token, nmods: list[Token]) -> Iterator[Cand]:
    """"X a signé un partenariat avec Y", "son partenariat avec Y", "X et Y ont noué une alliance"."""
    if negative_det(tok):
        return
    # "le partenariat entre X et Y", "un accord signé entre les deux sociétés"
    entre = [c for c in nmods if _has_case(c, "entre")]
    entre += [g for c in tok.children if c.dep_ == "acl" for g in c.children if g.dep_.startswith("obl") and _has_case(g, "entre")]
    between = [k for c in entre for k in view.conjuncts(c, ORG) or phrase_names(view, c, ORG)]
    if len(between) > 1 and not blocked(tok.head):
        for i, a in enumerate(between):  # "le partenariat entre X et Y"
            for b in between[i + 1:]:
                yield a, "partnerOf", b, tok, "noun-partner-between", 0.7
    others = [c for c in nmods if _has_case(c, "avec")]
    others += [g for c in tok.children if c.dep_ == "acl" for g in c.children
               if g.dep_.startswith("obl") and _has_case(g, "avec")]
    head = tok.head if tok.dep_ in ("obj", "obl:arg", "obl", "obl:agent") else tok
    if head is not tok and _intended(head):
        return  # "X envisagerait un partenariat avec Y", "X souhaite un accord avec Y"
    if head is not tok and not others:
        # "X a renouvelé son partenariat avec Y": "avec Y" hung on the verb.
        others = [c for c in head.children if c.dep_.startswith("obl") and c.i > tok.i and _has_case(c, "avec")]
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if head.dep_ == "conj" and view.ent_of(head.head, ORG) and head.head.i < head.i:
        subjects.append(head.head)  # "X et Y ont signé un accord": X parsed as the root
    named_subjects = [k for x in subjects for k in phrase_names(view, x, ORG)]
    if others and not named_subjects and any(c.dep_ == "det" and c.lower_ in POSSESSIVES for c in tok.children):
        okeys = [k for o in others for k in phrase_names(view, o, ORG)]
        owner = possessor(view, tok, okeys, ORG)
        for o in okeys if owner and not blocked(head) else []:
            yield owner, "partnerOf", o, tok, "possessive-partner", 0.7
        return
    yield from _pairs(view, head, subjects, others, "partnerOf", (ORG,), (ORG,), "noun-partner")
    if others and not subjects and head is not tok and head.pos_ == "VERB" and not blocked(head):
        # "X a fini par signer un accord avec Y": the subject of the governing clause.
        okeys = [k for o in others for k in phrase_names(view, o, ORG)]
        for a in _clause_subject(view, head, (ORG,)):
            for b in okeys:
                if a != b:
                    yield a, "partnerOf", b, tok, "noun-partner-clause", 0.7
    if not others and not blocked(head):
        allies = [k for x in subjects for k in phrase_names(view, x, ORG)]
        for i, a in enumerate(allies):
            for b in allies[i + 1:]:
                yield a, "partnerOf", b, tok, "noun-partner-coordination", 0.7
