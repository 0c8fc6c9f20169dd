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


_ROLE_POS = frozenset(("NOUN", "PROPN", "ADJ"))


def role_relations(view: DocView) -> Iterator[Cand]:
    """"X, le PDG de Y", "l'analyste d'IDC X", "X est président de Y", "fondateur de Y"."""
    doc = view.doc
    role_words = lexicon_sets().role_words
    texts, token_ent = view.texts, view.token_ent
    for i, pos in enumerate(view.pos):
        # "X, cofondateur et président de Y": the tagger often makes the first role an ADJ.
        # Read on the doc's arrays: a Token is made only for a possible role word.
        if pos not in _ROLE_POS or token_ent[i] or _first_folded(texts[i]) not in role_words:
            continue
        tok = view.tokens[i]
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
        # "son cofondateur et PDG": the first conjunct's possessive determines the second role too.
        possessive = any(c.dep_ == "det" and c.lower_ in POSSESSIVES
                         for c in (*tok.children, *(tok.head.children if tok.dep_ == "conj" else ())))
        person = _role_person(view, tok)
        if not org and person and possessive:
            org = possessor(view, tok, [], ORG)  # "Kevin Thompson, son directeur général"
        elif not org and person and _bare_company_role(view, tok, role[1]):
            # "Gilles Grapinet, le directeur général": the company the article is about, when the
            # sentence or the one before names it (never a company named only further back).
            org = possessor(view, tok, [], ORG)
            org = org if org == view.salient_org() else None
        if not org or not person:
            continue
        cat = _category(view, tok, role[0], org)
        if cat == "founder":
            yield org, "foundedBy", person, tok, "role-founder", 0.85
        else:
            yield person, cat, org, tok, f"role-{cat}", 0.85


# Roles that only a company has: bare with a definite article they name its officer ("X, le
# directeur financier"); "le président X" may be a head of state, "l'analyste X" of any firm.
_COMPANY_ROLES = ("directeur", "directrice", "pdg", "p.-d.g.", "ceo", "cofondat", "fondat", "co-fondat", "patron",
                  "dirigeant", "dirigeante", "cto", "cfo", "coo")


def _bare_company_role(view: DocView, tok: Token, phrase: str) -> bool:
    """"le directeur général", "la directrice juridique", "le cofondateur": a company role with a
    definite article and no complement at all ("adjoint", "délégué" make it a deputy's)."""
    if not phrase.startswith(_COMPANY_ROLES) or any(
            t.lower_.startswith(("adjoint", "délégué", "intérim")) for t in view.tokens[tok.i + 1:tok.i + 4]):
        return False
    definite = any(c.dep_ == "det" and c.lower_ in ("le", "la", "l'", "l’") for c in tok.children)
    return definite and not any(c.dep_ in ("nmod", "obl") for c in tok.children)


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
    pos = view.pos
    for i, key in enumerate(view.token_ent):
        if not key or pos[i] != "NOUN" or view.type(key) != ORG:
            continue
        tok, org = view.tokens[i], key
        for c in tok.children:
            if c.dep_ == "nmod" and _has_case(c, "de", "d'", "d’") and view.ent_of(c, PER):
                yield view.ent_of(c, PER), "leads", org, tok, "owner-leads", 0.65


_TAKE_HEAD = {"prendre", "reprendre", "assurer", "conserver", "garder"}
_STATE_VERBS = {"être", "rester", "demeurer"}
# Verbs whose subject ends up at the head: "X, nommé à la tête de Y", "X reste à la tête de Y"
# (not "le plan intervient en pleine transition à la tête de Y").
_PUT_AT_HEAD = _STATE_VERBS | {"nommer", "arriver", "revenir", "propulser", "placer", "maintenir"}


def head_of_relations(view: DocView) -> Iterator[Cand]:
    """"X, à la tête de Y depuis 2006", "X est à la tête de Y", "X a pris la tête (la direction)
    de Y": the person leads the organisation."""
    for i, lemma in enumerate(view.lemmas):
        if lemma not in ("tête", "direction"):
            continue
        tok = view.tokens[i]
        cop = [c for c in tok.children if c.dep_ == "cop"]
        verb = tok if cop else tok.head  # "X est à la tête de Y": the noun heads the clause
        at_head = lemma == "tête" and _has_case(tok, "à")
        taken = tok.dep_ == "obj" and verb.lemma_.lower() in _TAKE_HEAD
        if not (at_head or taken) or blocked(verb if taken else tok):
            continue
        state = cop[0] if cop else verb
        if at_head and state.lemma_.lower() in _STATE_VERBS and "Imp" in state.morph.get("Tense") \
                and not _has_case_child(tok, "depuis"):
            continue  # "X était à la tête de Y": a former role
        org = _subtree_ent(view, tok, (ORG,), depth=2) or _org_after_role(view, tok)
        person = _head_person(view, tok, verb if taken or cop or verb.lemma_.lower() in _PUT_AT_HEAD else None)
        if org and person and not any(c.lower_ in ("ancien", "ancienne", "ex") for c in tok.children):
            yield person, "leads", org, tok, "head-of-leads", 0.8


def _has_case_child(tok: Token, word: str) -> bool:
    """A complement of ``tok`` introduced by ``word`` ("depuis 2019")."""
    return any(_has_case(c, word) for c in tok.children)


def _head_person(view: DocView, tok: Token, verb: Token | None) -> str | None:
    """The person named before the comma that opens "à la tête de Y", else the subject of the
    governing verb when it puts its subject at the head (or the antecedent of its "qui")."""
    start = min(t.i for t in tok.subtree)
    if start > 1 and view.tokens[start - 1].text == ",":
        named = view.ent_of(view.tokens[start - 2], PER)
        if named:
            return named
    for c in verb.children if verb is not None else ():
        if c.dep_ in ("nsubj", "nsubj:pass"):
            if c.lower_ == "qui" and verb.dep_ == "acl:relcl":
                return view.ent_of(verb.head, PER)
            named = view.ent_of(c, PER)
            if named:
                return named
    return None
