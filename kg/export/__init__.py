"""Renderers of the entity graph: ``render(store, fmt)`` → HTML page, GraphML or PNG.

The store is projected once onto an entity graph (:func:`kg.export.project.entity_graph`);
each renderer is a pure function of that graph. The CLI writes the returned value to a file.

>>> sorted(FORMATS)
['graphml', 'html', 'png']
"""

from __future__ import annotations

import inspect
from typing import Any, Callable

import networkx as nx

from kg.errors import ExportError
from kg.export.project import Queryable, entity_graph


def _call(fmt: str, func: Callable[..., bytes | str], graph: nx.Graph, options: dict) -> Any:
    """Call a renderer, turning options it does not take into an ExportError."""
    try:
        inspect.signature(func).bind(graph, **options)
    except TypeError as exc:
        raise ExportError(f"bad option for the {fmt} export: {exc}", source=fmt) from None
    return func(graph, **options)


def _graphml(graph: nx.Graph, **options: Any) -> bytes:
    from kg.export.graphml import to_graphml

    return _call("graphml", to_graphml, graph, options)


def _html(graph: nx.Graph, **options: Any) -> str:
    from kg.export.html import to_html

    return _call("html", to_html, graph, options)


def _png(graph: nx.Graph, **options: Any) -> bytes:
    # imported lazily: matplotlib is slow to import and only PNG needs it
    from kg.export.png import to_png

    return _call("png", to_png, graph, options)


FORMATS: dict[str, Callable[..., bytes | str]] = {"graphml": _graphml, "html": _html, "png": _png}


def render_graph(graph: nx.Graph, fmt: str, **options: Any) -> bytes | str:
    """Render an already projected entity graph; see :func:`render`."""
    return _renderer(fmt)(graph, **options)


def render(store: Queryable, fmt: str, **options: Any) -> bytes | str:
    """Render the store's entity graph as ``"html"`` (str), ``"graphml"`` or ``"png"`` (bytes).

    Args:
        store: a kg store, read through ``store.query`` only.
        fmt: one of :data:`FORMATS`.
        options: passed to the renderer (``title``, ``max_nodes`` for html and png).

    Raises:
        ExportError: the format is unknown or an option does not apply to it.
    """
    _renderer(fmt)  # fail before reading the store
    return render_graph(entity_graph(store), fmt, **options)


def _renderer(fmt: str) -> Callable[..., bytes | str]:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}",
            source=str(fmt),
        ) from None


__all__ = ["FORMATS", "ExportError", "entity_graph", "render", "render_graph"]
