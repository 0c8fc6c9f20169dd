"""What the store holds, counted with SPARQL: articles, entities, relations, quotes, events."""

from __future__ import annotations

from typing import Any

from kg.model import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.store.base import KgStore
from kg.vocab import KG, SCHEMA

# The VALUES lists are built from closed vocabulary terms, never from user input.
_ENTITIES = f"""
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?type {{ {" ".join(str(SCHEMA[t]) for t in ENTITY_TYPES)} }}
  ?e a ?type .
}} GROUP BY ?type"""

# A fact stated by two articles is one relation: count distinct (subject, object) pairs.
_RELATIONS = f"""
SELECT ?type (COUNT(*) AS ?n) WHERE {{
  SELECT DISTINCT ?s ?type ?o WHERE {{
    VALUES ?type {{ {" ".join(str(KG[p]) for p in PREDICATES)} }}
    ?s ?type ?o .
  }}
}} GROUP BY ?type"""

_EVENTS = f"""
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?type {{ {" ".join(str(KG[t]) for t in EVENT_TYPES)} }}
  ?e a kg:Event, ?type .
}} GROUP BY ?type"""

_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
_QUOTES = "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a kg:Quote }"
# Every quad of every named graph (all kg data lives in named graphs).
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def stats(store: KgStore) -> dict[str, Any]:
    """Counts of what the store holds.

    Returns:
        ``{"articles": int, "entities": {type: int}, "relations": {predicate: int},
        "quotes": int, "events": {type: int}, "triples": int}``; every type and predicate of
        the vocabulary is present, with 0 when absent.
    """
    return {
        "articles": _count(store, _ARTICLES),
        "entities": _grouped(store, _ENTITIES, SCHEMA.iri, ENTITY_TYPES),
        "relations": _grouped(store, _RELATIONS, KG.iri, PREDICATES),
        "quotes": _count(store, _QUOTES),
        "events": _grouped(store, _EVENTS, KG.iri, EVENT_TYPES),
        "triples": _count(store, _TRIPLES),
    }


def _count(store: KgStore, sparql: str) -> int:
    for row in store.query(sparql):
        return int(row["n"].value)
    return 0


def _grouped(store: KgStore, sparql: str, namespace: str, names: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for row in store.query(sparql):
        counts[row["type"].value[len(namespace):]] = int(row["n"].value)
    return counts


def format_stats(counts: dict[str, Any]) -> str:
    """The counts of :func:`stats` as a short readable report."""
    lines = [f"articles   {counts['articles']}"]
    for key in ("entities", "relations", "events"):
        group = counts[key]
        lines.append(f"{key:<10} {sum(group.values())}")
        lines += [f"  {name:<14} {n}" for name, n in group.items() if n]
    lines.append(f"quotes     {counts['quotes']}")
    lines.append(f"triples    {counts['triples']}")
    return "\n".join(lines)
