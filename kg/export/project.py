"""Project the RDF graph onto an entity graph (networkx) that the renderers draw.

The projection reads the store only through ``store.query(sparql)`` (the union of all named
graphs), so it works with any :class:`kg.store.KgStore` backend.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Protocol

import networkx as nx

from kg.model import ENTITY_TYPES, PREDICATES
from kg.vocab import KG, PREFIXES, SCHEMA


class Queryable(Protocol):
    """Anything with kg's ``query(sparql, bindings=None)`` over the union graph."""

    def query(self, sparql: str, bindings: dict | None = None) -> Any: ...


_HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_TYPES = " ".join(f"<{SCHEMA[t].value}>" for t in ENTITY_TYPES)
_RELATIONS = " ".join(f"<{KG[p].value}>" for p in PREDICATES)

# One colour per entity type, shared by the HTML and PNG renderers so both read the same.
TYPE_COLOURS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Place": "#59a14f",
    "Product": "#f28e2b",
}

ENTITIES = _HEADER + f"""
SELECT ?e ?type ?label WHERE {{
  VALUES ?type {{ {_TYPES} }}
  ?e a ?type .
  OPTIONAL {{ ?e rdfs:label ?label }}
}}"""
ALIASES = _HEADER + "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
MENTIONS = _HEADER + """
SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a schema:mentions ?e } GROUP BY ?e"""
RELATIONS = _HEADER + f"""
SELECT ?s ?p ?o (COUNT(DISTINCT ?ev) AS ?n) WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  ?s ?p ?o .
  OPTIONAL {{ ?ev a kg:Evidence ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o . }}
}} GROUP BY ?s ?p ?o"""
CO_MENTIONS = _HEADER + """
SELECT ?x ?y (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?a schema:mentions ?x , ?y .
  FILTER(STR(?x) < STR(?y))
} GROUP BY ?x ?y"""


def entity_graph(store: Queryable, *, min_co_mentions: int = 1) -> nx.Graph:
    """The undirected graph of entities, their relations and their co-mentions.

    Definition:

    * **Nodes** are the entities (IRIs typed ``schema:Person``, ``Organization``, ``Place`` or
      ``Product``), keyed by IRI, with attributes ``label`` (the ``rdfs:label``, the smallest
      one when several; the IRI's last segment when none), ``type`` (``"Person"`` …; the first
      in ENTITY_TYPES order if several), ``mentions`` (number of distinct articles with
      ``schema:mentions`` of the entity) and ``aliases`` (sorted list of ``skos:altLabel``).
    * **Edges** join two entities that are related, co-mentioned, or both. Attributes:
      ``relations`` — list of ``{"subject", "predicate", "object", "evidence"}`` dicts, one per
      direct triple with one of the ten relation predicates (direction kept here since the
      graph is undirected; ``evidence`` = number of ``kg:Evidence`` nodes for that triple);
      ``predicates`` — sorted distinct predicate names; ``evidence`` — total evidence count;
      ``co_mentions`` — number of distinct articles mentioning both entities.
    * Pairs that are only co-mentioned become edges when ``co_mentions >= min_co_mentions``.
      Relation endpoints that are not typed entities are left out; self-loops are dropped.

    Args:
        store: a kg store (or any object with ``query(sparql)`` over the union graph).
        min_co_mentions: threshold for co-mention-only edges (raise it on big corpora).
    """
    graph = nx.Graph()
    _add_nodes(graph, store)
    _add_relations(graph, _rows(store, RELATIONS))
    for row in _rows(store, CO_MENTIONS):
        x, y, n = row["x"], row["y"], int(row["n"])
        if x in graph and y in graph and (graph.has_edge(x, y) or n >= min_co_mentions):
            _edge(graph, x, y)["co_mentions"] = n
    return graph


def _rows(store: Queryable, sparql: str) -> Iterable[dict[str, str]]:
    """Solutions as dicts of lexical values (unbound variables are absent)."""
    results = store.query(sparql)
    names = [v.value for v in results.variables]
    for solution in results:
        yield {n: solution[n].value for n in names if solution[n] is not None}


def _add_nodes(graph: nx.Graph, store: Queryable) -> None:
    """Entities with label, type, mentions and aliases; deterministic when data disagree."""
    order = {SCHEMA[t].value: i for i, t in enumerate(ENTITY_TYPES)}
    found: dict[str, dict[str, Any]] = {}
    for row in _rows(store, ENTITIES):
        node = found.setdefault(row["e"], {"types": set(), "labels": set()})
        node["types"].add(row["type"])
        if "label" in row:
            node["labels"].add(row["label"])
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, ALIASES):
        aliases[row["e"]].add(row["alias"])
    mentions = {row["e"]: int(row["n"]) for row in _rows(store, MENTIONS)}
    for iri in sorted(found):
        info = found[iri]
        type_iri = min(info["types"], key=order.__getitem__)
        label = min(info["labels"]) if info["labels"] else iri.rstrip("/").rsplit("/", 1)[-1]
        graph.add_node(
            iri,
            label=label,
            type=ENTITY_TYPES[order[type_iri]],
            mentions=mentions.get(iri, 0),
            aliases=sorted(aliases[iri] - {label}),
        )


def _add_relations(graph: nx.Graph, rows: Iterable[dict[str, str]]) -> None:
    """One entry in the edge's ``relations`` per direct relation triple."""
    for row in sorted(rows, key=lambda r: (r["s"], r["p"], r["o"])):
        s, o = row["s"], row["o"]
        if s == o or s not in graph or o not in graph:
            continue
        edge = _edge(graph, s, o)
        name = row["p"][len(KG.iri):]
        edge["relations"].append(
            {"subject": s, "predicate": name, "object": o, "evidence": int(row["n"])}
        )
        edge["predicates"] = sorted({*edge["predicates"], name})
        edge["evidence"] += int(row["n"])


def _edge(graph: nx.Graph, u: str, v: str) -> dict[str, Any]:
    """The attribute dict of edge u–v, created with empty defaults."""
    if not graph.has_edge(u, v):
        graph.add_edge(u, v, relations=[], predicates=[], evidence=0, co_mentions=0)
    return graph.edges[u, v]


def top_nodes(graph: nx.Graph, max_nodes: int | None) -> nx.Graph:
    """The subgraph of the ``max_nodes`` most mentioned entities (ties broken by label, IRI)."""
    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n]["mentions"],
                                                graph.nodes[n]["label"], n))
    return graph.subgraph(ranked[:max_nodes])
