"""What the store holds, counted with SPARQL, and the shape of its entity graph.

Counts (articles, entities, relations, quotes, events, triples), the most active predicates and
sources, and analytics of the entity graph (:func:`entity_graph`): top entities by degree and
PageRank, connected components and communities. Every store read is an aggregated SPARQL query
(``GROUP BY``); networkx works on the aggregated edges, so the cost grows with the number of
entities and entity pairs, not with the number of mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from kg.model import ENTITY_TYPES, EVENT_TYPES, PREDICATES
from kg.rank import pagerank
from kg.store.base import KgStore, value_rows
from kg.vocab import KG, SCHEMA

# The VALUES lists are built from closed vocabulary terms, never from user input.
_TYPE_VALUES = " ".join(str(SCHEMA[t]) for t in ENTITY_TYPES)
_PREDICATE_VALUES = " ".join(str(KG[p]) for p in PREDICATES)

_ENTITIES = f"""
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?type {{ {_TYPE_VALUES} }}
  ?e a ?type .
}} GROUP BY ?type"""

# A fact stated by two articles is one relation: count distinct (subject, object) pairs.
_RELATIONS = f"""
SELECT ?type (COUNT(*) AS ?n) WHERE {{
  SELECT DISTINCT ?s ?type ?o WHERE {{
    VALUES ?type {{ {_PREDICATE_VALUES} }}
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

# Per predicate: evidence nodes, and articles whose graph states at least one such triple.
_PREDICATE_EVIDENCE = f"""
SELECT ?type (COUNT(DISTINCT ?ev) AS ?n) WHERE {{
  VALUES ?type {{ {_PREDICATE_VALUES} }}
  ?ev a kg:Evidence ; kg:predicate ?type .
}} GROUP BY ?type"""
_PREDICATE_ARTICLES = f"""
SELECT ?type (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  VALUES ?type {{ {_PREDICATE_VALUES} }}
  GRAPH ?g {{ ?s ?type ?o }}
}} GROUP BY ?type"""

# An article's source is its publisher (site name), else the host of its URL (without
# "www."), else unknown. One source per article: the smallest value when several are stored.
_SOURCES = r"""
SELECT ?source (COUNT(?a) AS ?n) WHERE {
  {
    SELECT ?a (MIN(STR(?pub)) AS ?p) (MIN(STR(?url)) AS ?u) WHERE {
      ?a a schema:NewsArticle .
      OPTIONAL { ?a schema:publisher ?pub }
      OPTIONAL { ?a schema:url ?url }
    } GROUP BY ?a
  }
  BIND(LCASE(REPLACE(?u, "^[A-Za-z][A-Za-z0-9+.-]*://(www\\.)?([^/:?#@]*@)?([^/:?#]*).*$", "$3"))
       AS ?host)
  BIND(COALESCE(?p, IF(?host != "" && ?host != LCASE(?u), ?host, ?unbound)) AS ?source)
} GROUP BY ?source"""

_GRAPH_ENTITIES = f"""
SELECT ?e ?type (MIN(STR(?l)) AS ?label) WHERE {{
  VALUES ?type {{ {_TYPE_VALUES} }}
  ?e a ?type .
  OPTIONAL {{ ?e rdfs:label ?l }}
}} GROUP BY ?e ?type"""
_GRAPH_RELATIONS = f"""
SELECT ?s ?o (COUNT(DISTINCT ?p) AS ?n) WHERE {{
  VALUES ?p {{ {_PREDICATE_VALUES} }}
  ?s ?p ?o .
  FILTER(?s != ?o)
}} GROUP BY ?s ?o"""
# One row per (article, entity): schema:mentions is already the article-level aggregate of the
# mentions. Pairs are counted in Python from these rows: Oxigraph's GROUP BY over the pair
# join (?a schema:mentions ?x, ?y) took 27 s on a 1M-triple store, these rows plus a Counter 2 s.
_GRAPH_MENTIONS = "SELECT ?a ?e WHERE { GRAPH ?a { ?a schema:mentions ?e } }"

COMMUNITIES_SHOWN = 5
"""How many of the largest communities the report lists, with their top members."""
LOUVAIN_MAX_EDGES = 250_000
"""Above this many edges, communities come from fast label propagation instead of Louvain:
on the 380 k edges of a 1M-triple store Louvain took 19 s, label propagation 7 s. Label
propagation is coarser on hub-dominated graphs (on corpus/ it finds one giant community,
modularity 0.09, where Louvain reaches 0.47): ``method`` in the report says which ran."""


def stats(store: KgStore, *, top: int | None = 10) -> dict[str, Any]:
    """Counts of what the store holds and, unless ``top`` is None, graph analytics.

    Args:
        store: a kg store, read through ``store.query`` only.
        top: how many entities each ranking (and each community) lists; None skips the
            analytics and returns the counts only.

    Returns:
        ``{"articles": int, "entities": {type: int}, "relations": {predicate: int},
        "quotes": int, "events": {type: int}, "triples": int}``, every type and predicate of
        the vocabulary present (0 when absent); with analytics also ``"predicates"`` and
        ``"sources"`` (see :func:`predicate_activity`, :func:`source_activity`) and
        ``"graph"``, ``"top"``, ``"components"``, ``"communities"`` (see :func:`graph_analytics`).
    """
    counts: dict[str, Any] = {
        "articles": _count(store, _ARTICLES),
        "entities": _grouped(store, _ENTITIES, SCHEMA.iri, ENTITY_TYPES),
        "relations": _grouped(store, _RELATIONS, KG.iri, PREDICATES),
        "quotes": _count(store, _QUOTES),
        "events": _grouped(store, _EVENTS, KG.iri, EVENT_TYPES),
        "triples": _count(store, _TRIPLES),
    }
    if top is None:
        return counts
    counts["predicates"] = predicate_activity(store, counts["relations"])
    counts["sources"] = source_activity(store)
    counts.update(graph_analytics(entity_graph(store), top=top))
    return counts


def _count(store: KgStore, sparql: str) -> int:
    for row in store.query(sparql):
        return int(row["n"].value)
    return 0


def _grouped(store: KgStore, sparql: str, namespace: str, names: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for row in store.query(sparql):
        counts[row["type"].value[len(namespace):]] = int(row["n"].value)
    return counts


def predicate_activity(store: KgStore, relations: dict[str, int] | None = None) -> list[dict]:
    """The relation predicates, most active first.

    Returns:
        ``[{"predicate", "relations", "evidence", "articles"}]``: distinct (subject, object)
        pairs, ``kg:Evidence`` nodes, and articles stating at least one such triple; sorted by
        relations, then evidence, then name. Predicates never used are left out.
    """
    relations = relations or _grouped(store, _RELATIONS, KG.iri, PREDICATES)
    evidence = _grouped(store, _PREDICATE_EVIDENCE, KG.iri, PREDICATES)
    articles = _grouped(store, _PREDICATE_ARTICLES, KG.iri, PREDICATES)
    rows = [{"predicate": p, "relations": relations[p], "evidence": evidence[p],
             "articles": articles[p]} for p in PREDICATES if relations[p] or evidence[p]]
    return sorted(rows, key=lambda r: (-r["relations"], -r["evidence"], r["predicate"]))


def source_activity(store: KgStore) -> list[dict]:
    """Articles per source, most prolific first.

    The source of an article is its ``schema:publisher`` (the site's name), else the host of
    its ``schema:url`` without ``www.``, else None (unknown).

    Returns:
        ``[{"source": str | None, "articles": int}]`` sorted by articles, then name (unknown
        last among equals).
    """
    rows = [{"source": row.get("source"), "articles": int(row["n"])}
            for row in value_rows(store, _SOURCES)]
    return sorted(rows, key=lambda r: (-r["articles"], r["source"] is None, r["source"] or ""))


def entity_graph(store: KgStore) -> nx.Graph:
    """The weighted, undirected entity graph the analytics run on.

    Definition:

    * **Nodes**: every entity typed ``schema:Person``, ``Organization``, ``Place`` or
      ``Product``, keyed by IRI, with ``label`` (smallest ``rdfs:label``; the IRI's last
      segment when none), ``type`` (first in ENTITY_TYPES order when several) and
      ``mentions`` (distinct articles with ``schema:mentions`` of it).
    * **Edges**: two distinct entities are joined when they are related by one of the ten
      relation predicates (either direction) or co-mentioned (some article mentions both).
      ``co_mentions`` = articles mentioning both; ``relations`` = distinct relation triples
      between them (subject, predicate, object; either direction); ``weight`` =
      ``co_mentions + relations``.

    Relation endpoints that are not typed entities are left out.
    """
    graph = nx.Graph()
    order = {SCHEMA[t].value: i for i, t in enumerate(ENTITY_TYPES)}
    nodes: dict[str, dict[str, Any]] = {}
    for row in sorted(value_rows(store, _GRAPH_ENTITIES), key=lambda r: order[r["type"]]):
        if row["e"] not in nodes:
            label = row.get("label") or row["e"].rstrip("/").rsplit("/", 1)[-1]
            nodes[row["e"]] = {"label": label, "type": ENTITY_TYPES[order[row["type"]]],
                               "mentions": 0}
    by_article: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_GRAPH_MENTIONS):
        entity = row["e"].value
        if entity in nodes:
            by_article[row["a"].value].append(entity)
            nodes[entity]["mentions"] += 1
    graph.add_nodes_from(sorted(nodes.items()))
    co_mentions: Counter[tuple[str, str]] = Counter()
    for entities in by_article.values():
        co_mentions.update(combinations(sorted(entities), 2))
    relations: Counter[tuple[str, str]] = Counter()
    for row in value_rows(store, _GRAPH_RELATIONS):
        if row["s"] in nodes and row["o"] in nodes:
            relations[tuple(sorted((row["s"], row["o"])))] += int(row["n"])
    graph.add_edges_from(
        (u, v, {"relations": relations[u, v], "co_mentions": co_mentions[u, v],
                "weight": relations[u, v] + co_mentions[u, v]})
        # Query order is the store's key order: the same data gives the same graph.
        for u, v in [*co_mentions, *(pair for pair in relations if pair not in co_mentions)])
    return graph


def graph_analytics(graph: nx.Graph, *, top: int = 10) -> dict[str, Any]:
    """Rankings, components and communities of an :func:`entity_graph`.

    * **degree**: number of distinct neighbours (related or co-mentioned entities);
    * **PageRank**: networkx's definition (damping 0.85, edge ``weight``), see :func:`kg.rank.pagerank`;
    * **components**: connected components, isolated entities counted as components of one;
    * **communities**: Louvain (networkx ``louvain_communities``, ``weight``, seed 0) over the
      entities that have at least one edge, or fast label propagation above
      :data:`LOUVAIN_MAX_EDGES` edges (``method`` says which); ``modularity`` of the partition.

    Returns:
        ``{"graph": {"nodes", "edges"}, "top": {"degree": [...], "pagerank": [...]},
        "components": {"count", "largest", "isolated", "sizes"}, "communities": {"count",
        "method", "modularity", "largest": [{"size", "members": [...]}]}}``; each entity listed as
        ``{"iri", "label", "type", "mentions", "degree", "pagerank"}``.
    """
    rank = pagerank(graph)

    def entity(node: str) -> dict[str, Any]:
        data = graph.nodes[node]
        return {"iri": node, "label": data["label"], "type": data["type"],
                "mentions": data["mentions"], "degree": graph.degree(node),
                "pagerank": round(rank.get(node, 0.0), 6)}

    def best(nodes, key) -> list[dict[str, Any]]:
        return [entity(n) for n in sorted(nodes, key=lambda n: (-key(n), graph.nodes[n]["label"], n))[:top]]

    return {
        "graph": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "top": {"degree": best(graph.nodes, graph.degree),
                "pagerank": best(graph.nodes, lambda n: rank.get(n, 0.0))},
        "components": _components(graph),
        "communities": _communities(graph, lambda nodes: best(nodes, lambda n: rank.get(n, 0.0))),
    }


def _components(graph: nx.Graph) -> dict[str, Any]:
    sizes = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    return {"count": len(sizes), "largest": sizes[0] if sizes else 0,
            "isolated": sum(1 for s in sizes if s == 1), "sizes": sizes[:COMMUNITIES_SHOWN]}


def _communities(graph: nx.Graph, members) -> dict[str, Any]:
    """Communities of the entities that have edges; the largest few with their top members."""
    # A copy, not a subgraph view: views are several times slower to walk.
    linked = graph.subgraph([n for n in graph if graph.degree(n)]).copy()
    if linked.number_of_edges() == 0:
        return {"count": 0, "method": None, "modularity": 0.0, "largest": []}
    if linked.number_of_edges() <= LOUVAIN_MAX_EDGES:
        method = "louvain"
        found = nx.community.louvain_communities(linked, weight="weight", seed=0)
    else:
        method = "label propagation"
        found = nx.community.fast_label_propagation_communities(linked, weight="weight", seed=0)
    # Deterministic order: size, then the smallest IRI of the community.
    found = sorted(found, key=lambda c: (-len(c), min(c)))
    modularity = nx.community.modularity(linked, found, weight="weight")
    return {"count": len(found), "method": method, "modularity": round(modularity, 4),
            "largest": [{"size": len(c), "members": members(c)}
                        for c in found[:COMMUNITIES_SHOWN]]}


def format_stats(counts: dict[str, Any]) -> str:
    """The result of :func:`stats` as a readable report (analytics sections when present)."""
    lines = [f"articles   {counts['articles']}"]
    for key in ("entities", "relations", "events"):
        group = counts[key]
        lines.append(f"{key:<10} {sum(group.values())}")
        lines += [f"  {name:<14} {n}" for name, n in group.items() if n]
    lines.append(f"quotes     {counts['quotes']}")
    lines.append(f"triples    {counts['triples']}")
    if "graph" in counts:
        lines += _format_activity(counts) + _format_graph(counts)
    return "\n".join(lines)


def _format_activity(counts: dict[str, Any]) -> list[str]:
    lines = ["", "most active predicates     relations  evidence  articles"]
    lines += [f"  {r['predicate']:<24} {r['relations']:>9} {r['evidence']:>9} {r['articles']:>9}"
              for r in counts["predicates"]]
    lines += ["", "sources                     articles"]
    lines += [f"  {(r['source'] or '(unknown)')[:24]:<24} {r['articles']:>9}"
              for r in counts["sources"][:max(len(counts["top"]["degree"]), 10)]]
    return lines


def _format_graph(counts: dict[str, Any]) -> list[str]:
    graph, comp, comm = counts["graph"], counts["components"], counts["communities"]
    lines = ["", f"entity graph: {graph['nodes']} entities, {graph['edges']} links "
                 "(related or mentioned in the same article)",
             f"components   {comp['count']} (largest {comp['largest']}, "
             f"{comp['isolated']} isolated entities)",
             f"communities  {comm['count']} ({comm['method'] or 'none'}, "
             f"modularity {comm['modularity']})"]
    for i, c in enumerate(comm["largest"], 1):
        names = ", ".join(m["label"] for m in c["members"])
        lines.append(f"  {i}. {c['size']:>5} entities: {names}")
    for key, title in (("degree", "top entities by degree (distinct neighbours)"),
                       ("pagerank", "top entities by PageRank")):
        lines += ["", title]
        width = max((len(e["label"]) for e in counts["top"][key]), default=0)
        lines += [f"  {i:>2}. {e['label']:<{width}}  {e['type']:<12} degree {e['degree']:>5}  "
                  f"PageRank {e['pagerank']:.4f}  articles {e['mentions']}"
                  for i, e in enumerate(counts["top"][key], 1)]
    return lines
