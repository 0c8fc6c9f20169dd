"""Filters that keep a view readable: dates, types, predicates, thresholds, ego, top-N.

The date range, entity types and predicates act on the RDF side (:meth:`Snapshot.restrict`)
before a view is built; the others act on the built networkx graph, in this order:
``min_mentions`` → ``min_weight`` → ego graph (``entity``, ``hops``) → ``top`` by ``rank``.

>>> fold("Société Générale")
'societe generale'
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

import networkx as nx

from kg.errors import ExportError
from kg.export.snapshot import check_date_bound
from kg.rank import pagerank

RANKS = ("degree", "pagerank")


@dataclass(frozen=True)
class Filters:
    """What to keep of a view; the defaults keep everything.

    Attributes:
        since, until: article dates (``YYYY``, ``YYYY-Qn``, ``YYYY-MM`` or ``YYYY-MM-DD``),
            inclusive.
        types: entity types to keep (``("Organization", "Person")``), None for all.
        predicates: relation predicates to keep, None for all.
        min_mentions: drop entities mentioned by fewer articles.
        min_weight: drop edges lighter than this (the view's ``weight``; in the ``entities``
            view relation edges always stay); nodes it leaves without edges go too.
        entity, hops: keep the ego graph of the entity named ``entity`` (label or alias,
            case- and accent-insensitive) up to ``hops`` edges away, in either direction.
        top, rank: keep the ``top`` nodes by ``"degree"`` (weighted) or ``"pagerank"``.
    """

    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] | None = None
    predicates: tuple[str, ...] | None = None
    min_mentions: int = 0
    min_weight: float = 0
    entity: str | None = None
    hops: int = 1
    top: int | None = None
    rank: str = "degree"

    def check(self) -> None:
        """Raise ExportError for a malformed value (before any store is read)."""
        check_date_bound(self.since, "since")
        check_date_bound(self.until, "until")
        if self.rank not in RANKS:
            raise ExportError(f"unknown rank {self.rank!r}; choose one of: {', '.join(RANKS)}",
                              source="rank")
        for name in ("min_mentions", "min_weight", "hops"):
            if getattr(self, name) < 0:
                raise ExportError(f"{name} must be 0 or more", source=name)
        if self.top is not None and self.top < 1:
            raise ExportError("top must be 1 or more", source="top")


def apply_filters(graph: nx.Graph, filters: Filters) -> nx.Graph:
    """A filtered copy of ``graph`` (see the module docstring for the order)."""
    filters.check()
    kept = graph.copy()
    if filters.min_mentions:
        kept.remove_nodes_from([n for n, d in kept.nodes(data=True)
                                if d.get("type") != "Event"
                                and d.get("mentions", 0) < filters.min_mentions])
    if filters.min_weight:
        _drop_light_edges(kept, filters.min_weight)
    if filters.entity is not None:
        kept = ego(kept, filters.entity, filters.hops)
    if filters.top is not None:
        kept = kept.subgraph(rank_nodes(kept, filters.rank)[:filters.top]).copy()
    if kept.graph.get("view") == "timeline":  # an event without its entities says nothing
        kept.remove_nodes_from([n for n, d in kept.nodes(data=True)
                                if d.get("type") == "Event" and kept.degree(n) == 0])
    return kept


def _drop_light_edges(graph: nx.Graph, minimum: float) -> None:
    had_edges = {n for n in graph if graph.degree(n)}
    keys = graph.is_multigraph()
    light = [e[:-1] for e in graph.edges(keys=True, data=True) if _light(e[-1], minimum)] \
        if keys else [e[:2] for e in graph.edges(data=True) if _light(e[2], minimum)]
    graph.remove_edges_from(light)
    graph.remove_nodes_from([n for n in had_edges if graph.degree(n) == 0])


def _light(data: dict, minimum: float) -> bool:
    return data.get("weight", 1) < minimum and not data.get("relations")


def fold(text: str) -> str:
    """Lower case without accents: ``fold("Éric")`` → ``"eric"``."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def find_entity(graph: nx.Graph, name: str) -> str:
    """The node whose label, alias or IRI is ``name`` (case- and accent-insensitive).

    A label match wins over an alias match; among equals, the most mentioned entity.

    Raises:
        ExportError: no node has that name (the message suggests close labels).
    """
    wanted = fold(name)
    label_hits, alias_hits = [], []
    for node, data in graph.nodes(data=True):
        if node == name or fold(data.get("label", "")) == wanted:
            label_hits.append(node)
        elif any(fold(a) == wanted for a in data.get("aliases", ())):
            alias_hits.append(node)
    hits = label_hits or alias_hits
    if hits:
        return min(hits, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    labels = sorted({d.get("label", "") for _, d in graph.nodes(data=True)})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else \
        "; check the spelling, or the date, type and predicate filters"
    raise ExportError(f"no entity named {name!r} in this view{hint}", source=name)


def ego(graph: nx.Graph, name: str, hops: int = 1) -> nx.Graph:
    """The entity named ``name`` and every node at most ``hops`` edges away (any direction).

    Raises:
        ExportError: no entity has that name.
    """
    centre = find_entity(graph, name)
    found = nx.ego_graph(graph, centre, radius=hops, undirected=True)
    found.graph["centre"] = centre
    return found


def rank_nodes(graph: nx.Graph, by: str = "degree") -> list[str]:
    """Nodes best first by weighted ``"degree"`` or ``"pagerank"``; ties by label, then IRI."""
    if by == "pagerank":
        score = pagerank(graph)
    else:
        score = dict(graph.degree(weight="weight"))
    # Rounded: equal scores differ by float noise (1e-19), and ties must go to the label.
    return sorted(graph, key=lambda n: (-round(score[n], 12), graph.nodes[n].get("label", ""), n))


