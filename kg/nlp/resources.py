"""Loaders for the versioned data files behind the rules (gazetteer, demonyms, lexicon).

Each file is read once per process; the loaders return plain, read-only lookups.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from kg.vocab import entity_key

_PUNCT = re.compile(r"[\s\-‐–—'’`´.,;:!?()\[\]«»\"“”]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold case, accents, apostrophes and punctuation for comparing names.

    >>> fold("L’Autorité de la Concurrence")
    'l autorite de la concurrence'
    """
    # ASCII text has no decomposition and no combining mark (the role n-grams extraction
    # folds are mostly ASCII): skipping NFKD and the per-character filter halves the cost.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _PUNCT.sub(" ", text.lower()).strip()


def _read(name: str) -> Any:
    with resources.files("kg.data").joinpath(name).open("r", encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class GazetteerEntry:
    """One entry of ``kg/data/gazetteer.json``."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    country: str | None = None  # key of a Place
    city: str | None = None  # key of a Place
    maker: str | None = None  # key of an Organization
    parent: str | None = None  # key of an Organization
    nicknames: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """The gazetteer, indexed by key and by folded surface form (per type)."""

    version: str
    entries: dict[str, GazetteerEntry]
    by_form: dict[str, dict[str, str]] = field(default_factory=dict)  # fold → {type: key}
    by_nickname: dict[str, str] = field(default_factory=dict)  # fold → key

    def lookup(self, text: str, type_: str | None = None) -> GazetteerEntry | None:
        """The entry whose name or alias folds to ``text`` (of ``type_`` when given)."""
        found = self.by_form.get(fold(text))
        if not found:
            return None
        if type_ is not None:
            key = found.get(type_)
            return self.entries[key] if key else None
        if len(found) == 1:
            return self.entries[next(iter(found.values()))]
        return None  # ambiguous between types: let the context decide


def _place_key(name: str | None) -> str | None:
    return entity_key("Place", name) if name else None


def _org_key(name: str | None) -> str | None:
    return entity_key("Organization", name) if name else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load ``kg/data/gazetteer.json`` once."""
    data = _read("gazetteer.json")
    entries: dict[str, GazetteerEntry] = {}
    by_form: dict[str, dict[str, str]] = {}
    by_nick: dict[str, str] = {}
    for raw in data["entries"]:
        key = entity_key(raw["type"], raw["name"])
        entry = GazetteerEntry(
            key=key,
            name=raw["name"],
            type=raw["type"],
            aliases=tuple(raw.get("aliases", ())),
            qid=raw.get("qid"),
            country=_place_key(raw.get("country")),
            city=_place_key(raw.get("city")),
            maker=_org_key(raw.get("maker")),
            parent=_org_key(raw.get("parent")),
            nicknames=tuple(raw.get("nicknames", ())),
        )
        entries[key] = entry
        for form in (entry.name, *entry.aliases):
            by_form.setdefault(fold(form), {}).setdefault(entry.type, key)
        for nick in entry.nicknames:
            by_nick[fold(nick)] = key
    return Gazetteer(data.get("version", "?"), entries, by_form, by_nick)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-case nationality adjective → key of the Place it refers to."""
    data = _read("demonyms.json")
    return {adj.lower(): entity_key("Place", place) for adj, place in data["demonyms"].items()}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """Trigger words of the rules (``kg/data/lexicon.json``)."""
    return _read("lexicon.json")


@dataclass(frozen=True)
class Lexicon:
    """``lexicon.json`` as ready-made lookups, built once: rules test membership per token."""

    org_nouns: frozenset[str]
    person_titles: frozenset[str]  # folded
    not_entities: frozenset[str]
    roles: dict[str, frozenset[str]]  # leads | worksFor | founder → folded role phrases
    role_words: frozenset[str]  # folded single words that start a role phrase
    negation: frozenset[str]  # the words that negate with 'ne' (pas, jamais…), not 'ne' itself
    weak_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    device_nouns: frozenset[str]
    female_first_names: frozenset[str]
    event_triggers: dict[str, str]  # folded trigger phrase → event type
    event_first_words: frozenset[str]  # folded first word of every trigger phrase
    verbs: dict[str, frozenset[str]]  # relation_verbs, each list as a set


@lru_cache(maxsize=1)
def lex() -> Lexicon:
    """The rules' lexicon as sets (see :class:`Lexicon`)."""
    raw = lexicon()
    roles = {cat: frozenset(fold(r) for r in words) for cat, words in raw["person_role_nouns"].items()}
    triggers: dict[str, str] = {}
    for typ, words in raw["events"].items():
        for w in words:
            triggers.setdefault(fold(w), typ)
    return Lexicon(
        org_nouns=frozenset(raw["org_nouns"]),
        person_titles=frozenset(fold(t) for t in raw["person_titles"]),
        not_entities=frozenset(raw["not_entities"]),
        roles=roles,
        role_words=frozenset(r.split()[0] for rs in roles.values() for r in rs),
        # A bare "ne" is no negation ("ne cesse de", "ne … que"): only its partner words count.
        negation=frozenset(raw["negation_words"]) - {"ne", "n'", "n’"},
        weak_verbs=frozenset(raw["weak_verbs_block"]),
        speech_verbs=frozenset(raw["speech_verbs"]) | _inflections(raw["speech_verbs"]),
        device_nouns=frozenset(raw["device_nouns"]),
        female_first_names=frozenset(raw["female_first_names"]),
        event_triggers=triggers,
        event_first_words=frozenset(t.split()[0] for t in triggers if t),
        verbs={k: frozenset(v) for k, v in raw["relation_verbs"].items()},
    )


@lru_cache(maxsize=1)
def rule_confidence() -> dict[str, float]:
    """Calibrated confidence per relation rule (``kg/data/confidence.json``), or empty."""
    try:
        data = _read("confidence.json")
    except FileNotFoundError:
        return {}
    return {rule: v["confidence"] for rule, v in data.get("rules", {}).items()}


_IRREGULAR = {
    "dire": ("dit", "disait", "disent"), "répondre": ("répond", "répondu", "répondait"),
    "reconnaître": ("reconnaît", "reconnu", "reconnaissait"), "admettre": ("admet", "admis"),
    "prévenir": ("prévient", "prévenu"), "conclure": ("conclut", "conclu"), "écrire": ("écrit",),
    "soutenir": ("soutient", "soutenu"), "avertir": ("avertit", "averti"), "réagir": ("réagit", "réagi"),
    "poursuivre": ("poursuit", "poursuivi"), "promettre": ("promet", "promis"),
}


def _inflections(verbs: list[str]) -> frozenset[str]:
    """Third-person and participle forms of the speech verbs, for when the lemmatiser leaves a
    form as its own lemma ("estime" → "estime")."""
    forms: set[str] = set()
    for verb in verbs:
        if verb.endswith("er") and " " not in verb:
            stem = verb[:-2]
            forms |= {stem + end for end in ("e", "ent", "é", "ée", "ait", "aient", "a", "ant")}
        forms |= set(_IRREGULAR.get(verb, ()))
    return frozenset(forms)
