"""SVG picture of a view: the same figure as the PNG, with text kept as text (searchable,
selectable, and smaller than glyph outlines)."""

from __future__ import annotations

import io

import matplotlib
import networkx as nx

from kg.export.png import DEFAULT_MAX_NODES, figure


def to_svg(graph: nx.Graph, *, max_nodes: int | None = DEFAULT_MAX_NODES,
           title: str = "kg — entités", size: tuple[float, float] = (12, 10)) -> str:
    """A view as SVG text, ``size`` inches (width and height in points, 72 per inch).

    Args:
        graph: any view of :mod:`kg.export.project`.
        max_nodes: keep only the most mentioned entities (``None``: all).
        title: the figure title.
        size: width and height in inches.
    """
    buffer = io.StringIO()
    # svg.hashsalt: matplotlib's element ids are random otherwise; same graph, same file
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg"}):
        figure(graph, max_nodes=max_nodes, title=title, size=size, dpi=72, halo=False).savefig(
            buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
