"""Views: networkx projections of the RDF graph, for the renderers and for notebooks.

Each view is a plain function of a store (anything with ``query(sparql)`` over the union graph)
or of a :class:`~kg.export.snapshot.Snapshot` (to filter by date, type or predicate first)::

    from kg.config import Settings
    from kg.store import open_store
    from kg.export.project import relation_graph

    with open_store(Settings(store="kg-data"), read_only=True) as store:
        g = relation_graph(store)
    g.edges[person_iri, org_iri, "worksFor"]["sentences"]   # the sentences that say so

Every entity node has ``label``, ``type`` (Person, Organization, Place, Product), ``mentions``
(number of articles that mention it), ``aliases`` (list), ``articles`` (up to
:data:`MAX_ARTICLES` ``"YYYY-MM-DD · headline"`` strings, newest first) and, when some article
is dated, ``first_seen`` / ``last_seen`` (ISO dates). Every edge has a numeric ``weight``.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any, Iterable, Union

import networkx as nx

from kg.export.snapshot import Queryable, Snapshot, load_snapshot
from kg.model import SYMMETRIC_PREDICATES

MAX_ARTICLES = 8  # article headlines kept per node or edge
MAX_SENTENCES = 3  # evidence sentences kept per relation

# One colour per node type, shared by the HTML, SVG and PNG renderers so all read the same.
TYPE_COLOURS = {
    "Person": "#e15759",
    "Organization": "#4e79a7",
    "Place": "#59a14f",
    "Product": "#f28e2b",
    "Event": "#9c755f",
}

Source = Union[Queryable, Snapshot]


def snapshot_of(source: Source) -> Snapshot:
    """The source itself when it is a Snapshot, else a snapshot read from the store."""
    return source if isinstance(source, Snapshot) else load_snapshot(source)


def relation_graph(source: Source) -> nx.MultiDiGraph:
    """Entities joined by the relations the articles state: one typed directed edge per fact.

    Definition: nodes are the entities that take part in at least one of the ten relation
    predicates; an edge ``s → o`` with key = predicate name (``worksFor`` …) exists when some
    article's graph holds the triple ``s kg:predicate o``. Edge attributes: ``predicate``,
    ``evidence`` (number of ``kg:Evidence`` nodes), ``weight`` (= evidence, at least 1),
    ``symmetric`` (``partnerOf``/``competitorOf``: the two directions are one edge, from the
    smaller IRI), ``confidence`` (highest), ``sentences`` (up to :data:`MAX_SENTENCES`),
    ``articles``, ``first_seen``/``last_seen``.

    Example: ``relation_graph(store).edges[person, org, "worksFor"]["sentences"]``.
    """
    snap = snapshot_of(source)
    graph = nx.MultiDiGraph(view="relations")
    index = _mention_index(snap)
    for (s, p, o), fact in _relation_facts(snap).items():
        for iri in (s, o):
            if iri not in graph:
                graph.add_node(iri, **_node(snap, iri, index))
        graph.add_edge(s, o, key=p, **fact)
    return graph


def co_mention_graph(source: Source) -> nx.Graph:
    """Entities mentioned together: an undirected edge for every pair that shares an article.

    Definition: nodes are the entities with at least one ``schema:mentions``; ``weight`` of
    edge u–v = number of distinct articles that mention both. Edge attributes also hold
    ``articles`` (headlines) and ``first_seen``/``last_seen``.

    Example: ``max(co_mention_graph(store).edges(data="weight"), key=lambda e: e[2])``.
    """
    snap = snapshot_of(source)
    graph = nx.Graph(view="co-mentions")
    index = _mention_index(snap)
    for iri in sorted(_mentioned(snap)):
        graph.add_node(iri, **_node(snap, iri, index))
    for (u, v), articles in sorted(_co_mentions(snap).items()):
        graph.add_edge(u, v, weight=len(articles), **_dated(snap, articles))
    return graph


def entity_graph(source: Source, *, min_co_mentions: int = 1) -> nx.Graph:
    """Relations and co-mentions in one undirected graph (the default export view).

    Definition: nodes are the entities mentioned by or related in some article. An edge
    joins two entities that are related, co-mentioned, or both. Attributes: ``relations`` —
    list of ``{"subject", "predicate", "object", "evidence", "sentences", "articles"}``, one per
    relation fact (direction kept here); ``predicates`` — sorted names; ``evidence`` — total
    evidence count; ``co_mentions`` — articles mentioning both; ``weight`` — ``co_mentions``
    (at least 1 when related). Co-mention-only pairs become edges when
    ``co_mentions >= min_co_mentions``.

    Example: ``entity_graph(store).edges[rim, apple]["predicates"] == ["competitorOf"]``.
    """
    snap = snapshot_of(source)
    graph = nx.Graph(view="entities")
    index = _mention_index(snap)
    facts = _relation_facts(snap)
    nodes = _mentioned(snap) | {iri for key in facts for iri in (key[0], key[2])}
    for iri in sorted(nodes):
        graph.add_node(iri, **_node(snap, iri, index))
    for (s, p, o), fact in facts.items():
        edge = _combined_edge(graph, s, o)
        edge["relations"].append({"subject": s, "predicate": p, "object": o,
                                  "evidence": fact["evidence"], "sentences": fact["sentences"],
                                  "articles": fact["articles"]})
        edge["predicates"] = sorted({*edge["predicates"], p})
        edge["evidence"] += fact["evidence"]
    for (u, v), articles in sorted(_co_mentions(snap).items()):
        if graph.has_edge(u, v) or len(articles) >= min_co_mentions:
            _combined_edge(graph, u, v)["co_mentions"] = len(articles)
    for _, _, data in graph.edges(data=True):
        data["weight"] = max(data["co_mentions"], 1 if data["relations"] else 0)
    return graph


def event_timeline(source: Source) -> nx.DiGraph:
    """Events and the entities they concern: who did what, when.

    Definition: one node per ``kg:Event`` (``type="Event"``, ``kind`` such as ``"Outage"``,
    ``date`` as written in the graph — ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``YYYY-Qn`` —,
    ``quantity``, ``article`` headline, ``article_date``) and one per entity that is an event's
    agent or place; an edge entity → event with ``role`` ``"agent"`` or ``"place"``, ``weight``
    1 and the event's ``date``. Events with neither a known agent nor place are left out.

    Example: ``sorted(g.nodes[e]["date"] for e in g.successors(rim))`` lists RIM's event dates.
    """
    snap = snapshot_of(source)
    graph = nx.DiGraph(view="timeline")
    index = _mention_index(snap)
    for event in snap.events:
        roles = [(r, iri) for r, iri in (("agent", event.agent), ("place", event.place))
                 if iri in snap.entities]
        if not roles:
            continue
        article = snap.articles.get(event.article)
        graph.add_node(event.iri, label=" ".join(filter(None, (event.kind, event.date))),
                       type="Event", kind=event.kind, date=event.date,
                       quantity=event.quantity, mentions=0, aliases=[],
                       article=article.title if article else "",
                       article_date=article.date if article else "")
        for role, iri in roles:
            if iri not in graph:
                graph.add_node(iri, **_node(snap, iri, index))
            graph.add_edge(iri, event.iri, role=role, weight=1, date=event.date)
    return graph


def drawable(graph: nx.Graph) -> nx.Graph:
    """Any view as an undirected simple graph with the :func:`entity_graph` edge schema.

    The pictures (HTML, SVG, PNG) draw this: parallel and opposite edges merge into one line
    whose ``relations`` keep each fact's direction; timeline roles read as relations.
    """
    if graph.graph.get("view") == "entities" or graph.graph.get("drawable"):
        return graph
    flat = nx.Graph(**{**graph.graph, "drawable": True})
    flat.add_nodes_from(graph.nodes(data=True))
    for u, v, data in _edges(graph):
        edge = _combined_edge(flat, u, v)
        name = data.get("predicate") or data.get("role")
        if name:
            edge["relations"].append({
                "subject": u, "predicate": name, "object": v,
                "evidence": data.get("evidence", 1), "sentences": data.get("sentences", []),
                "articles": data.get("articles", [])})
            edge["predicates"] = sorted({*edge["predicates"], name})
            edge["evidence"] += data.get("evidence", 1)
        else:
            edge["co_mentions"] = data.get("weight", 1)
        edge["weight"] = max(edge["weight"], data.get("weight", 1))
    return flat


def top_nodes(graph: nx.Graph, max_nodes: int | None) -> nx.Graph:
    """The subgraph of the ``max_nodes`` most mentioned entities (ties broken by label, IRI)."""
    if max_nodes is None or graph.number_of_nodes() <= max_nodes:
        return graph
    if graph.graph.get("view") == "timeline":
        return _top_timeline(graph, max_nodes)
    ranked = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0),
                                                graph.nodes[n]["label"], n))
    return graph.subgraph(ranked[:max_nodes])


def _top_timeline(graph: nx.Graph, max_nodes: int) -> nx.Graph:
    """The entities with the most events, each with all its events, within ``max_nodes``."""
    entities = sorted((n for n, d in graph.nodes(data=True) if d["type"] != "Event"),
                      key=lambda n: (-graph.degree(n), graph.nodes[n]["label"], n))
    kept: set[str] = set()
    for node in entities:
        group = {node, *graph.neighbors(node)}
        if len(kept | group) > max_nodes:
            break
        kept |= group
    return graph.subgraph(kept)


def _edges(graph: nx.Graph) -> Iterable[tuple[str, str, dict]]:
    if graph.is_multigraph():
        return ((u, v, d) for u, v, _, d in graph.edges(keys=True, data=True))
    return graph.edges(data=True)


def _combined_edge(graph: nx.Graph, u: str, v: str) -> dict[str, Any]:
    """The attribute dict of edge u–v, created with empty defaults."""
    if not graph.has_edge(u, v):
        graph.add_edge(u, v, relations=[], predicates=[], evidence=0, co_mentions=0, weight=0)
    return graph.edges[u, v]


def _mentioned(snap: Snapshot) -> set[str]:
    return {e for a, e in snap.mentions if e in snap.entities and a in snap.articles}


def _mention_index(snap: Snapshot) -> dict[str, set[str]]:
    """Entity IRI → the articles that mention it."""
    index: dict[str, set[str]] = defaultdict(set)
    for article, entity in snap.mentions:
        if article in snap.articles:
            index[entity].add(article)
    return index


def _node(snap: Snapshot, iri: str, index: dict[str, set[str]]) -> dict[str, Any]:
    """label, type, mentions, aliases, articles and first/last dates of one entity."""
    info = snap.entities[iri]
    articles = index.get(iri, set())
    return {"label": info.label, "type": info.type, "mentions": len(articles),
            "aliases": list(info.aliases), **_dated(snap, articles)}


def _dated(snap: Snapshot, articles: Iterable[str]) -> dict[str, Any]:
    """``articles`` (newest first, at most MAX_ARTICLES) and ``first_seen``/``last_seen``."""
    infos = sorted((snap.articles[a] for a in set(articles) if a in snap.articles),
                   key=lambda i: (i.date, i.title), reverse=True)
    out: dict[str, Any] = {
        "articles": [" · ".join(filter(None, (i.date, i.title))) for i in infos[:MAX_ARTICLES]]
    }
    dates = [i.date for i in infos if i.date]
    if dates:
        out["first_seen"], out["last_seen"] = min(dates), max(dates)
    return out


def _co_mentions(snap: Snapshot) -> dict[tuple[str, str], set[str]]:
    """(u, v) with u < v → the articles that mention both."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for article, entity in snap.mentions:
        if entity in snap.entities and article in snap.articles:
            by_article[article].add(entity)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, entities in by_article.items():
        for pair in combinations(sorted(entities), 2):
            pairs[pair].add(article)
    return pairs


def _key(s: str, p: str, o: str) -> tuple[str, str, str]:
    """Symmetric predicates are one fact whichever direction an article stored."""
    return (min(s, o), p, max(s, o)) if p in SYMMETRIC_PREDICATES else (s, p, o)


def _relation_facts(snap: Snapshot) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(subject, predicate, object) → the relation-graph edge attributes, sorted by key."""
    articles: dict[tuple, set[str]] = defaultdict(set)
    for article, s, p, o in snap.relations:
        if s != o and s in snap.entities and o in snap.entities:
            articles[_key(s, p, o)].add(article)
    evidence: dict[tuple, list] = defaultdict(list)
    for ev in snap.evidence:
        evidence[_key(ev.subject, ev.predicate, ev.object)].append(ev)
    facts = {}
    for key in sorted(articles):
        found = evidence.get(key, [])
        sentences = list(dict.fromkeys(e.sentence for e in found if e.sentence))
        confidences = [e.confidence for e in found if e.confidence is not None]
        fact = {"predicate": key[1], "evidence": len(found), "weight": max(len(found), 1),
                "symmetric": key[1] in SYMMETRIC_PREDICATES,
                "sentences": sentences[:MAX_SENTENCES], **_dated(snap, articles[key])}
        if confidences:
            fact["confidence"] = max(confidences)
        facts[key] = fact
    return facts
