"""Which kind of organisation a description names ("l'opérateur", "le constructeur") and which
organisations of an article are known to be of that kind, so that "un porte-parole de
l'opérateur" goes to the carrier of the article, not to its most mentioned company.

An organisation's classes come from the article itself (a description placed before or in
apposition to its name: "l'éditeur américain SolarWinds", "Orange, l'opérateur historique"),
from the gazetteer's nicknames ("l'opérateur historique" for Orange) and from world knowledge
(``org_classes.json``: Verizon is an operator, Nvidia a chip maker). Class nouns and their
synonyms are data (``lexicon.json`` ``org_classes``); generic nouns ("l'entreprise", "le
groupe") fit every organisation.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from kg.nlp.resources import fold, gazetteer, lexicon


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    """Folded class noun → the first noun of its synonym group."""
    out: dict[str, str] = {}
    for group in lexicon()["org_classes"]["groups"]:
        for word in group:
            out[fold(word)] = fold(group[0])
    return out


def class_of(tok: Token) -> str | None:
    """The class a description's head noun names ("fabricant" → constructeur), None for a
    generic noun ("entreprise", "groupe") or a word that is not a class noun."""
    classes = _classes()
    for word in (tok.lower_, tok.lemma_.lower()):
        found = classes.get(fold(word))
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def known_classes() -> dict[str, frozenset[str]]:
    """Organisation key → the classes world knowledge gives it (``kg/data/org_classes.json``),
    folded like :func:`class_of`'s answers."""
    with resources.files("kg.data").joinpath("org_classes.json").open("r", encoding="utf-8") as fh:
        data = json.load(fh)
    return {key: frozenset(fold(c) for c in classes) for key, classes in data["classes"].items()}


@lru_cache(maxsize=4096)
def gazetteer_classes(key: str) -> frozenset[str]:
    """Classes the gazetteer gives an organisation: by its nicknames ("l'opérateur historique")
    and by world knowledge (``org_classes.json``)."""
    entry = gazetteer().entries.get(key)
    if entry is None:
        return frozenset()
    classes = _classes()
    nicks = frozenset(classes[w] for nick in entry.nicknames for w in fold(nick).split() if w in classes)
    return nicks | known_classes().get(key, frozenset())


class KnownClasses:
    """The classes each organisation of one article is known by, learnt as the text is read."""

    def __init__(self) -> None:
        self.known: dict[str, set[str]] = {}

    def learn(self, key: str, cls: str | None) -> None:
        """Record that the article calls ``key`` a ``cls``."""
        if cls is not None:
            self.known.setdefault(key, set()).add(cls)

    def of(self, key: str) -> set[str]:
        """Classes of ``key`` from the article and the gazetteer."""
        return self.known.get(key, set()) | gazetteer_classes(key)

    def fitting(self, cls: str | None, candidates: set[str]) -> set[str] | None:
        """The candidates a description of class ``cls`` may name: those known by that class,
        else those not known by another class; None when the class rules nothing out."""
        if cls is None or not candidates:
            return None
        fits = {k for k in candidates if cls in self.of(k)}
        if fits:
            return fits
        unknown = {k for k in candidates if not self.of(k)}
        return unknown if unknown and unknown != candidates else None
