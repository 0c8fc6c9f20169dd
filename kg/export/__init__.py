"""Views of the graph and their renderers: ``render(store, fmt, view=…, filters=…)``.

A *view* is a networkx projection of the RDF graph (:mod:`kg.export.project`): ``entities``
(relations and co-mentions, the default), ``relations`` (typed directed edges),
``co-mentions`` (weighted by shared articles) or ``timeline`` (events and their entities).
:class:`~kg.export.filters.Filters` keep part of it (dates, types, predicates, thresholds, ego
graph, top-N). A *renderer* is a pure function of the view: GraphML, GEXF, node-link JSON,
interactive HTML, SVG, PNG. The RDF formats dump the whole store (:mod:`kg.export.rdf`).
The CLI writes the returned value to a file.

>>> sorted(GRAPH_FORMATS)
['gexf', 'graphml', 'html', 'json', 'png', 'svg']
>>> sorted(VIEWS)
['co-mentions', 'entities', 'relations', 'timeline']
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

import networkx as nx

from kg.errors import ExportError
from kg.export import rdf
from kg.export.filters import Filters, apply_filters, ego, find_entity, pagerank, rank_nodes
from kg.export.project import (co_mention_graph, drawable, entity_graph, event_timeline,
                               relation_graph, snapshot_of)
from kg.export.snapshot import Queryable, Snapshot, load_snapshot

VIEWS: dict[str, Callable[[Any], nx.Graph]] = {
    "entities": entity_graph,
    "relations": relation_graph,
    "co-mentions": co_mention_graph,
    "timeline": event_timeline,
}

TITLES = {
    "entities": "kg — entités, relations et co-citations",
    "relations": "kg — relations entre entités",
    "co-mentions": "kg — entités citées ensemble",
    "timeline": "kg — événements par entité",
}


def _renderer(module: str, name: str) -> Callable[..., bytes | str]:
    """A renderer imported on first use (matplotlib is slow to import; only pictures need it)."""
    def render_with(graph: nx.Graph, **options: Any) -> bytes | str:
        func = getattr(importlib.import_module(f"kg.export.{module}"), name)
        try:
            inspect.signature(func).bind(graph, **options)
        except TypeError as exc:
            raise ExportError(f"bad option for the {module} export: {exc}", source=module) from None
        return func(graph, **options)
    return render_with


GRAPH_FORMATS: dict[str, Callable[..., bytes | str]] = {
    "graphml": _renderer("graphml", "to_graphml"),
    "gexf": _renderer("gexf", "to_gexf"),
    "json": _renderer("nodelink", "to_json"),
    "html": _renderer("html", "to_html"),
    "svg": _renderer("svg", "to_svg"),
    "png": _renderer("png", "to_png"),
}
RDF_FORMATS = tuple(rdf.FORMATS)
FORMATS = (*GRAPH_FORMATS, *RDF_FORMATS)
EXTENSIONS = {**{f: f for f in GRAPH_FORMATS}, **rdf.EXTENSIONS}
PICTURES = ("html", "svg", "png")  # formats that cut the view to their max_nodes


def build_view(source: Queryable | Snapshot, view: str = "entities",
               filters: Filters | None = None) -> nx.Graph:
    """The named view of a store (or snapshot), filtered.

    Example (notebook)::

        g = build_view(store, "co-mentions", Filters(since="2012", top=50, rank="pagerank"))

    Raises:
        ExportError: unknown view, a malformed filter, or an ``entity`` not in the view.
    """
    filters = filters or Filters()
    filters.check()
    builder = _view(view)
    snap = snapshot_of(source).restrict(since=filters.since, until=filters.until,
                                        types=filters.types, predicates=filters.predicates)
    return apply_filters(builder(snap), filters)


def render_graph(graph: nx.Graph, fmt: str, **options: Any) -> bytes | str:
    """Render an already built view: ``str`` for json/html/svg, ``bytes`` otherwise.

    Raises:
        ExportError: the format is unknown or an option does not apply to it.
    """
    if fmt not in GRAPH_FORMATS:
        raise _unknown_format(fmt, GRAPH_FORMATS)
    return GRAPH_FORMATS[fmt](graph, **options)


def render(store: Queryable, fmt: str, *, view: str = "entities",
           filters: Filters | None = None, **options: Any) -> bytes | str:
    """Render a view of the store in ``fmt``, or dump the whole store in an RDF format.

    Args:
        store: a kg store, read through ``store.query`` only.
        fmt: one of :data:`FORMATS`.
        view: one of :data:`VIEWS` (graph formats only).
        filters: what to keep of the view (graph formats only).
        options: passed to the renderer (``title``, ``max_nodes`` for html, svg and png).
            With ``filters.top`` set, pictures show all the kept nodes unless ``max_nodes``
            says otherwise.

    Raises:
        ExportError: unknown format or view, an option that does not apply, a bad filter.
    """
    if fmt in RDF_FORMATS:
        if view != "entities" or (filters and filters != Filters()) or options:
            raise ExportError(f"{fmt} dumps the whole store: views, filters and options "
                              "apply to the graph formats only", source=fmt)
        return rdf.dump(store, fmt)
    if fmt not in GRAPH_FORMATS:
        raise _unknown_format(fmt, FORMATS)
    _view(view)  # fail before reading the store
    if view == "timeline" and fmt == "png":
        return _timeline_png(store, filters or Filters(), options)
    graph = build_view(store, view, filters)
    if fmt in PICTURES:
        options.setdefault("title", _title(graph, view, filters))
        if filters and filters.top is not None:
            options.setdefault("max_nodes", None)
    return render_graph(graph, fmt, **options)


def _timeline_png(store: Queryable, filters: Filters, options: dict[str, Any]) -> bytes:
    """The timeline view as a chart (one row per entity, events along time), not a network."""
    from kg.export.timeline import timeline_png

    filters.check()
    unused = Filters(entity=filters.entity, hops=filters.hops, since=filters.since,
                     until=filters.until, rank=filters.rank)
    if filters != unused:
        raise ExportError("the timeline picture takes --entity, --since and --until only "
                          "(use another format for the other filters)", source="timeline")
    try:
        inspect.signature(timeline_png).bind(store, **options)
    except TypeError as exc:
        raise ExportError(f"bad option for the timeline picture: {exc}", source="png") from None
    return timeline_png(store, entity=filters.entity, since=filters.since,
                        until=filters.until, **options)


def _title(graph: nx.Graph, view: str, filters: Filters | None) -> str:
    """``"kg — relations entre entités"``, naming the ego centre and date range when set."""
    parts = [TITLES[view]]
    centre = graph.graph.get("centre")
    if centre is not None:
        parts.append(f"autour de {graph.nodes[centre]['label']} ({filters.hops} pas)")
    if filters and filters.since and filters.since == filters.until:
        parts.append(filters.since)
    elif filters and (filters.since or filters.until):
        parts.append(f"{filters.since or '…'} – {filters.until or '…'}")
    return ", ".join(parts)


def _view(name: str) -> Callable[[Any], nx.Graph]:
    try:
        return VIEWS[name]
    except KeyError:
        raise ExportError(f"unknown view {name!r}; choose one of: {', '.join(VIEWS)}",
                          source=str(name)) from None


def _unknown_format(fmt: str, known: Any) -> ExportError:
    return ExportError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(known))}",
                       source=str(fmt))


__all__ = ["EXTENSIONS", "FORMATS", "GRAPH_FORMATS", "RDF_FORMATS", "VIEWS", "ExportError",
           "Filters", "Snapshot", "apply_filters", "build_view", "co_mention_graph", "drawable",
           "ego", "entity_graph", "event_timeline", "find_entity", "load_snapshot", "pagerank",
           "rank_nodes", "relation_graph", "render", "render_graph"]
