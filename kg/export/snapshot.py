"""Read what the graph views need from a store, once, into plain Python records.

Every view (:mod:`kg.export.project`) is built from a :class:`Snapshot`, and the filters that
act on the RDF side (date range, entity type, predicate) act on the snapshot, so they mean the
same thing in every view. The store is read only through ``store.query(sparql)`` over the union
of all named graphs, so any :class:`kg.store.KgStore` backend works.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Protocol

from kg.errors import ExportError
from kg.model import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.store.base import value_rows
from kg.vocab import KG, PREFIXES, SCHEMA


class Queryable(Protocol):
    """Anything with kg's ``query(sparql, bindings=None)`` over the union graph."""

    def query(self, sparql: str, bindings: dict | None = None) -> Any: ...


_HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_TYPES = " ".join(f"<{SCHEMA[t].value}>" for t in ENTITY_TYPES)
_RELATIONS = " ".join(f"<{KG[p].value}>" for p in PREDICATES)
_EVENTS = " ".join(f"<{KG[t].value}>" for t in EVENT_TYPES)

ENTITIES = _HEADER + f"""
SELECT ?e ?type ?label WHERE {{
  VALUES ?type {{ {_TYPES} }}
  ?e a ?type .
  OPTIONAL {{ ?e rdfs:label ?label }}
}}"""
ALIASES = _HEADER + "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
ARTICLES = _HEADER + """
SELECT ?a ?title ?date WHERE {
  ?a a schema:NewsArticle .
  OPTIONAL { ?a schema:headline ?title }
  OPTIONAL { ?a schema:datePublished ?date }
}"""
MENTIONS = _HEADER + "SELECT DISTINCT ?a ?e WHERE { ?a schema:mentions ?e }"
RELATIONS = _HEADER + f"""
SELECT DISTINCT ?a ?s ?p ?o WHERE {{ VALUES ?p {{ {_RELATIONS} }} GRAPH ?a {{ ?s ?p ?o }} }}"""
EVIDENCE = _HEADER + """
SELECT ?a ?ev ?s ?p ?o ?sentence ?confidence WHERE {
  GRAPH ?a {
    ?ev a kg:Evidence ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o .
    OPTIONAL { ?ev kg:sentence ?sentence }
    OPTIONAL { ?ev kg:confidence ?confidence }
  }
}"""
EVENTS = _HEADER + f"""
SELECT ?a ?ev ?kind ?agent ?date ?place ?quantity WHERE {{
  VALUES ?kind {{ {_EVENTS} }}
  GRAPH ?a {{
    ?ev a ?kind .
    OPTIONAL {{ ?ev kg:agent ?agent }}
    OPTIONAL {{ ?ev kg:date ?date }}
    OPTIONAL {{ ?ev kg:place ?place }}
    OPTIONAL {{ ?ev kg:quantity ?quantity }}
  }}
}}"""

_DATE_BOUND = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True)
class EntityInfo:
    """An entity: canonical label, one of ENTITY_TYPES, other surface forms."""

    label: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleInfo:
    """An article: headline and ``YYYY-MM-DD`` publication date ("" when unknown)."""

    title: str
    date: str = ""


@dataclass(frozen=True)
class Evidence:
    """One ``kg:Evidence`` node: the triple it supports, its sentence and confidence."""

    article: str
    subject: str
    predicate: str
    object: str
    sentence: str = ""
    confidence: float | None = None


@dataclass(frozen=True, order=True)
class EventInfo:
    """One ``kg:Event``: its type (e.g. ``"Outage"``), agent, date, place and quantity."""

    iri: str
    article: str
    kind: str
    agent: str = ""
    date: str = ""
    place: str = ""
    quantity: str = ""


@dataclass(frozen=True)
class Snapshot:
    """What the views read from a store: entities, articles and the facts of each article.

    ``relations`` holds ``(article, subject, predicate, object)`` tuples (predicate names as in
    PREDICATES); ``mentions`` holds ``(article, entity)`` pairs. Everything is sorted, so the
    same store always gives the same snapshot.
    """

    entities: dict[str, EntityInfo]
    articles: dict[str, ArticleInfo]
    mentions: tuple[tuple[str, str], ...] = ()
    relations: tuple[tuple[str, str, str, str], ...] = ()
    evidence: tuple[Evidence, ...] = ()
    events: tuple[EventInfo, ...] = ()

    def restrict(self, *, since: str | None = None, until: str | None = None,
                 types: Iterable[str] | None = None,
                 predicates: Iterable[str] | None = None) -> Snapshot:
        """Keep the facts of articles dated within [since, until], about entities of ``types``,
        and relations with ``predicates`` (None: no restriction).

        Bounds are ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM-DD`` and inclusive:
        ``until="2012"`` keeps all of 2012, ``since="2012-Q3"`` starts on 1 July 2012. With a bound, undated articles are left out.

        Raises:
            ExportError: a bound is not a date, or a type or predicate is unknown.
        """
        check_date_bound(since, "since")
        check_date_bound(until, "until")
        kept = {a for a, info in self.articles.items() if _in_range(info.date, since, until)}
        entities = _keep_types(self.entities, types)
        names = _check_names(predicates, PREDICATES, "predicate")

        def ok(*iris: str) -> bool:
            return all(i in entities for i in iris)

        return replace(
            self,
            entities=entities,
            articles={a: i for a, i in self.articles.items() if a in kept},
            mentions=tuple(m for m in self.mentions if m[0] in kept and ok(m[1])),
            relations=tuple(r for r in self.relations if r[0] in kept and ok(r[1], r[3])
                            and (names is None or r[2] in names)),
            evidence=tuple(e for e in self.evidence if e.article in kept
                           and ok(e.subject, e.object)
                           and (names is None or e.predicate in names)),
            events=tuple(e for e in self.events if e.article in kept),
        )


def load_snapshot(store: Queryable) -> Snapshot:
    """Read entities, articles, mentions, relations, evidence and events from ``store``."""
    return Snapshot(
        entities=_entities(store),
        articles={r["a"]: ArticleInfo(r.get("title", ""), r.get("date", "")[:10])
                  for r in value_rows(store, ARTICLES)},
        mentions=tuple(sorted((r["a"], r["e"]) for r in value_rows(store, MENTIONS))),
        relations=tuple(sorted((r["a"], r["s"], _name(r["p"]), r["o"])
                               for r in value_rows(store, RELATIONS))),
        evidence=tuple(sorted(
            (Evidence(r["a"], r["s"], _name(r["p"]), r["o"], r.get("sentence", ""),
                      float(r["confidence"]) if "confidence" in r else None)
             for r in value_rows(store, EVIDENCE)),
            key=lambda e: (e.article, e.subject, e.predicate, e.object, e.sentence))),
        events=tuple(sorted(
            EventInfo(r["ev"], r["a"], _name(r["kind"]), r.get("agent", ""), r.get("date", ""),
                      r.get("place", ""), r.get("quantity", ""))
            for r in value_rows(store, EVENTS))),
    )


def check_date_bound(value: str | None, option: str) -> None:
    """Raise ExportError unless ``value`` is None or ``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or
    ``YYYY-MM-DD``."""
    if value is not None and not _valid_bound(value):
        raise ExportError(f"{option} {value!r} is not a date; write YYYY, YYYY-Qn, YYYY-MM or "
                          "YYYY-MM-DD", source=option)


def _valid_bound(value: str) -> bool:
    if not _DATE_BOUND.match(value):
        return False
    if _QUARTER.match(value):
        return True
    try:  # a real month and day: "2012-13" or "2012-02-30" is a typo, not a date
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    """ISO dates compare as strings; a bound compares with the date's prefix of its length."""
    if since is None and until is None:
        return True
    if not date:
        return False
    since, until = _month_of_quarter(since, 0), _month_of_quarter(until, 2)
    return (since is None or date[:len(since)] >= since) and \
        (until is None or date[:len(until)] <= until)


def _month_of_quarter(bound: str | None, offset: int) -> str | None:
    """A quarter bound as the month it starts (offset 0) or ends (offset 2) on; else as is."""
    found = _QUARTER.match(bound) if bound else None
    if found is None:
        return bound
    return f"{found[1]}-{3 * int(found[2]) - 2 + offset:02d}"


def _check_names(names: Iterable[str] | None, known: tuple[str, ...], what: str) -> set[str] | None:
    if names is None:
        return None
    chosen = set(names)
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ExportError(f"unknown {what} {', '.join(map(repr, unknown))}; "
                          f"choose among: {', '.join(known)}", source=what)
    return chosen


def _keep_types(entities: dict[str, EntityInfo],
                types: Iterable[str] | None) -> dict[str, EntityInfo]:
    chosen = _check_names(types, ENTITY_TYPES, "entity type")
    if chosen is None:
        return entities
    return {iri: e for iri, e in entities.items() if e.type in chosen}


def _name(iri: str) -> str:
    """``kg:worksFor`` → ``"worksFor"`` (the local name after the namespace)."""
    return iri[len(KG.iri):] if iri.startswith(KG.iri) else iri


def _entities(store: Queryable) -> dict[str, EntityInfo]:
    """Typed entities; deterministic when the data disagree (first type, smallest label)."""
    order = {SCHEMA[t].value: i for i, t in enumerate(ENTITY_TYPES)}
    types: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for row in value_rows(store, ENTITIES):
        types.setdefault(row["e"], set()).add(row["type"])
        labels.setdefault(row["e"], set()).update([row["label"]] if "label" in row else [])
    aliases: dict[str, set[str]] = {}
    for row in value_rows(store, ALIASES):
        aliases.setdefault(row["e"], set()).add(row["alias"])
    found = {}
    for iri in sorted(types):
        type_iri = min(types[iri], key=order.__getitem__)
        label = min(labels[iri]) if labels[iri] else iri.rstrip("/").rsplit("/", 1)[-1]
        found[iri] = EntityInfo(label, ENTITY_TYPES[order[type_iri]],
                                tuple(sorted(aliases.get(iri, set()) - {label})))
    return found
