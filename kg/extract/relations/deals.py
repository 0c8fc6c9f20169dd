"""Acquisitions told around a verb: an amount paid for a company ("X a déboursé 15 milliards pour
Y") and an object relative ("AOL, que Verizon avait acquis")."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, is_negated, is_question
from kg.extract.relations._common import ORG, PROD, Cand, _clause_subject, _has_case, lex_verbs, phrase_names


_MONEY = {"milliard", "million", "dollar", "euro", "livre", "yen", "franc"}


def paid_for(view: DocView, tok: Token, subj: list[Token]) -> Iterator[Cand]:
    """"X a déboursé 15,7 milliards de dollars pour Y (et 6,5 milliards pour Z)": an amount paid
    for an organisation or a product buys it."""
    amounts = [c for c in tok.children if c.dep_ in ("obj", "conj") and c.lemma_.lower() in _MONEY]
    if not amounts:
        return
    bought = [c for c in tok.children if c.dep_.startswith("obl") and _has_case(c, "pour")]
    bought += [g for a in amounts for g in a.children if g.dep_ == "nmod" and _has_case(g, "pour")]
    buyers = [k for x in subj for k in phrase_names(view, x, ORG)] or _clause_subject(view, tok, (ORG,))
    for b in buyers:
        for t in (k for x in bought for k in phrase_names(view, x, ORG, PROD)):
            if t != b:
                yield b, "acquired", t, tok, "verb-paid-for", 0.7


def own_modality(tok: Token) -> bool:
    """Negation, conditional, future or "pouvoir" on the verb itself (a relative clause does not
    take the modality of the clause it hangs on: "seront rapprochées d'AOL, que Verizon avait acquis")."""
    for t in (tok, *[c for c in tok.children if c.dep_.startswith("aux")]):
        if {"Cnd"} & set(t.morph.get("Mood")) or {"Fut"} & set(t.morph.get("Tense")) or t.lemma_.lower() == "pouvoir":
            return True
    return is_negated(tok) or is_question(tok.sent)


def relative_object_deal(view: DocView, tok: Token) -> Iterator[Cand]:
    """"AOL, que Verizon avait acquis l'an dernier", "Mandiant, une société de sécurité
    qu'Alphabet avait absorbée": read on the surface (the parser rarely links the relative
    "que" to its antecedent); the buyer is named between "que" and the verb."""
    toks = view.tokens
    j = tok.i - 1
    while j > 0 and (toks[j].pos_ in ("AUX", "ADV") or toks[j].lower_ in ("l'", "l’", "ne", "n'", "n’")) and not view.key(toks[j]):
        j -= 1
    buyer = view.ent_of(toks[j], ORG) if j > 0 else None
    while buyer and j > 0 and view.key(toks[j - 1]) == buyer:
        j -= 1
    if not buyer or j < 2 or toks[j - 1].lower_ not in ("que", "qu'", "qu’"):
        return
    for k in range(j - 2, max(tok.sent.start, j - 14) - 1, -1):
        t = toks[k]
        if t.text == ",":
            target = view.ent_of(toks[k - 1], ORG, PROD) if k > 0 else None
            first = k - 1
            while target and first > 0 and view.key(toks[first - 1]) == target:
                first -= 1
            # "un ancien ingénieur d'Apple, qu'il a rachetée": a complement is no antecedent
            complement = toks[first - 1].lower_ in ("de", "d'", "d’", "du", "des") and toks[first - 2].pos_ == "NOUN" \
                and toks[first - 2].lemma_.lower() not in lex_verbs()["acquired_nouns"] | {"emplette", "celle", "celui"}
            if target and target != buyer and toks[first].text[:1].isupper() and not complement:
                yield buyer, "acquired", target, tok, "relative-object-acquired", 0.7
            return
        if t.pos_ in ("VERB", "AUX") or (view.key(t) and k < j - 2) or t.text in (".", ";", ":"):
            if k == j - 2 and view.ent_of(t, ORG, PROD) and view.ent_of(t, ORG, PROD) != buyer:
                yield buyer, "acquired", view.ent_of(t, ORG, PROD), tok, "relative-object-acquired", 0.7
            return
