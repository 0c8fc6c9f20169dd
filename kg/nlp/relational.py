"""Relational descriptions: an organisation named by its tie to another name.

"la maison mère de Google" is Google's parent (Alphabet), "la filiale d'Alphabet" the child of
Alphabet that the article names (Google), "l'éditeur de Windows" the maker of Windows
(Microsoft). The tie comes from the description's apposition ("Meta, la maison mère de
Facebook") or from the gazetteer's ``parent`` and ``maker`` fields; the description is then a
mention of that organisation and states the tie (subsidiaryOf, madeBy). Head nouns are data:
``lexicon.json`` ``coref`` ``child_nouns``, ``parent_nouns``, ``maker_nouns``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from spacy.attrs import LOWER
from spacy.tokens import Doc

from kg.model import Entity
from kg.nlp.entities import Ment
from kg.nlp.resources import fold, gazetteer, lexicon
from kg.nlp.tokens import positions

_DETS = {"la", "le", "l'", "l’"}
_DE = {"de", "d'", "d’", "du"}
_LINK_WORDS = {"d", "de", "du", "des", "la", "le", "l", "en"}


@lru_cache(maxsize=1)
def _nouns() -> dict[str, frozenset[str]]:
    raw = lexicon()["coref"]
    return {k: frozenset(raw[k]) for k in ("child_nouns", "parent_nouns", "parent_second", "maker_nouns")}


def _is_head(word: str) -> bool:
    n = _nouns()
    return word in n["child_nouns"] or word in n["parent_nouns"] or word in n["maker_nouns"]


def _kind(doc: Doc, i: int) -> tuple[str, int] | None:
    """The kind of tie the noun at ``i`` names and the token after the noun ("maison mère")."""
    n, word = _nouns(), doc[i].lower_
    if word in n["child_nouns"]:
        return "child", i + 1
    if word in n["maker_nouns"]:
        return "maker", i + 1
    if word in n["parent_nouns"]:
        if i + 1 < len(doc) and doc[i + 1].lower_ in n["parent_second"]:
            return "parent", i + 2
    return None


def _complement(doc: Doc, j: int, token_ent: list[str | None]) -> tuple[int, int] | None:
    """The name the description is "de": over lower-case modifiers ("la filiale de cloud
    d'Alphabet", "de l'opérateur américain Sprint"); its (start, end) tokens."""
    k, seen_de = j, False
    while k < len(doc) and k < j + 7:
        tok = doc[k]
        if token_ent[k] is not None:
            if not seen_de:
                return None
            end = k
            while end < len(doc) and token_ent[end] == token_ent[k]:
                end += 1
            return k, end
        if tok.lower_ in _DE:
            seen_de = True
        # a lower-case word the tagger took for a name is a modifier too ("la filiale cloud de")
        elif not (tok.text.islower() and tok.pos_ in ("ADJ", "NOUN", "PRON", "DET", "ADP", "PROPN", "X")):
            return None  # a verb, a comma, a capitalised word we do not know
        k += 1
    return None


_ARTICLE = {"du": "le", "de la": "la", "de l'": "l'", "de l’": "l'", "d'": "", "d’": "", "de": ""}


def _nickname(doc: Doc, j: int, end: int) -> str | None:
    """The organisation a complement's nickname names ("la filiale cloud du géant de Seattle":
    Amazon), where the name found last is only the nickname's place."""
    for k in range(j, end):
        word = doc[k].lower_
        if word in _DE:
            det = word if word != "de" or k + 1 >= end or doc[k + 1].lower_ not in ("la", "l'", "l’") \
                else f"de {doc[k + 1].lower_}"
            rest = doc[k + (2 if " " in det else 1):end].text
            return gazetteer().by_nickname.get(fold(f"{_ARTICLE[det]} {rest}"))
    return None


def _apposed_name(doc: Doc, start: int, token_ent, entities) -> str | None:
    """"Meta, la maison mère de Facebook": the organisation named right before the comma."""
    if start < 2 or doc[start - 1].text != ",":
        return None
    key = token_ent[start - 2]
    return key if key and entities.get(key) and entities[key].type == "Organization" else None


def _product_form(doc: Doc, start: int, end: int, key: str, entities) -> str | None:
    """The Product a name stands for when the gazetteer has it as both ("Facebook")."""
    ent = entities.get(key)
    if ent is not None and ent.type == "Product":
        return key
    found = gazetteer().by_form.get(fold(doc[start:end].text), {})
    return found.get("Product")


def _child(key: str, words: set[str], entities: dict[str, Entity], salience: Callable) -> str | None:
    """The organisation of the article whose gazetteer parent (or grandparent) is ``key``;
    one whose name holds a word of the description first ("la filiale de cloud" → Google Cloud)."""
    g = gazetteer()
    kids, grandkids = set(), set()
    for k, e in entities.items():
        entry = g.entries.get(k)
        if e.type != "Organization" or entry is None or entry.parent is None or k == key:
            continue
        if entry.parent == key:
            kids.add(k)
        elif (up := g.entries.get(entry.parent)) is not None and up.parent == key:
            grandkids.add(k)
    worded = {k for k in kids | grandkids if words & set(fold(entities[k].label).split())}
    # "la branche d'informatique en nuage d'Alphabet": a branch named by its trade may be a
    # grandchild (Google Cloud); a bare "la filiale d'Alphabet" is a direct child.
    pool = worded or ((kids | grandkids) if words - _LINK_WORDS else kids)
    if not pool:
        return None
    return next(iter(pool)) if len(pool) == 1 else salience(pool)


def _tie(doc: Doc, kind: str, span: tuple[int, int, int], target: str | None, other: str,
         entities: dict[str, Entity], salience: Callable) -> tuple[str | None, tuple | None]:
    """The organisation a relational description names and the (subject, predicate, object)
    it states; ``span`` = (end of the noun, start and end of the name it is "de")."""
    g = gazetteer()
    j, cs, ce = span
    other_org = entities.get(other) is not None and entities[other].type == "Organization"
    if kind == "child":
        if not other_org:
            return None, None
        words = {w for t in doc[j:cs] for w in fold(t.text).split()}
        target = target or _child(other, words, entities, salience)
        return target, ((target, "subsidiaryOf", other) if target else None)
    product = _product_form(doc, cs, ce, other, entities)
    pentry = g.entries.get(product) if product else None
    if pentry is not None and pentry.maker and target in (None, pentry.maker):
        return pentry.maker, (product, "madeBy", pentry.maker)
    if kind == "maker":
        return None, None  # "le fabricant de puces Xilinx": not a tie
    entry = g.entries.get(other)
    # Owners change (Sprint: SoftBank's in 2013, T-Mobile US's since 2020): the gazetteer's
    # parent only when the article names it too.
    parent = entry.parent if entry is not None and other_org and entry.parent in entities else None
    target = target or parent
    return target, ((other, "subsidiaryOf", target) if target and other_org else None)


def relational_descriptions(doc: Doc, token_ent: list[str | None], entities: dict[str, Entity],
                            salience: Callable[[set[str]], str | None]) -> tuple[list[Ment], list[tuple]]:
    """Mentions of relational descriptions and the ties they state, as (subject, predicate,
    object, token, rule) tuples; ``token_ent`` is marked with the mentions found."""
    g = gazetteer()
    out: list[Ment] = []
    facts: list[tuple] = []
    for i in positions(doc, LOWER, _is_head):
        found = _kind(doc, i)
        if found is None or i == 0 or doc[i - 1].lower_ not in _DETS or token_ent[i] is not None:
            continue
        kind, j = found
        comp = _complement(doc, j, token_ent)
        if comp is None:
            continue
        start, (cs, ce) = i - 1, comp
        other = _nickname(doc, j, ce) or token_ent[cs]
        text = doc[start:ce].text
        target = g.by_nickname.get(fold(text)) or _apposed_name(doc, start, token_ent, entities)
        target, fact = _tie(doc, kind, (j, cs, ce), target, other, entities, salience)
        named = other if fact is None else (fact[2] if fact[0] == target else fact[0])
        if not target or target == named or target not in g.entries and target not in entities:
            continue
        if fact is not None:
            facts.append((*fact, i, f"coref-{kind}"))
        out.append(Ment(start, j, target, "description"))
        for t in range(start, j):
            token_ent[t] = target
    return out, facts
