"""Static PNG picture of the entity graph (matplotlib's Agg canvas, no display needed)."""

from __future__ import annotations

import io
import math

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from kg.export.project import TYPE_COLOURS, top_nodes
from kg.model import ENTITY_TYPES

SEED = 42
DEFAULT_MAX_NODES = 60


def _spring(graph: nx.Graph, centre: tuple[float, float], half: float) -> dict:
    """Spring layout (fixed seed) of one connected component, fitted in a square box."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph)): np.array(centre)}
    weighted = nx.Graph(graph)  # a copy: the projection is left untouched
    for _, _, data in weighted.edges(data=True):
        # stated relations pull harder than mere co-mentions
        data["layout_weight"] = 1 + data["co_mentions"] + 2 * len(data["relations"])
    k = 1.5 / math.sqrt(graph.number_of_nodes())
    return nx.spring_layout(weighted, seed=SEED, weight="layout_weight", k=k, iterations=200,
                            scale=half, center=centre)


def _layout(graph: nx.Graph) -> dict:
    """The biggest component in the unit square, the others in a row of small boxes below.

    Laying the whole graph out at once sends small components far away and squashes the
    main one; packing them keeps every part readable. Same graph, same picture (seed 42).
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    pos = _spring(graph.subgraph(components[0]), (0.0, 0.0), 1.0)
    x, y, row = -1.0, min(p[1] for p in pos.values()) - 0.25, 0.0
    for nodes in components[1:]:
        size = 0.2 + 0.6 * math.sqrt(len(nodes) / len(components[0]))
        if x + size > 1.0 + 1e-9:  # next row
            x, y, row = -1.0, y - row - 0.1, 0.0
        pos.update(_spring(graph.subgraph(nodes), (x + size / 2, y - size / 2), size / 2.4))
        x, row = x + size + 0.1, max(row, size)
    return pos


def _draw_edges(ax, graph: nx.Graph, pos: dict) -> None:
    """Relations as solid dark lines, co-mentions only as light thin lines."""
    related = [(pos[u], pos[v]) for u, v, d in graph.edges(data=True) if d["relations"]]
    co_only = [(pos[u], pos[v]) for u, v, d in graph.edges(data=True) if not d["relations"]]
    ax.add_collection(LineCollection(co_only, colors="#bbbbbb", linewidths=0.5, zorder=1))
    ax.add_collection(LineCollection(related, colors="#444444", linewidths=1.4, zorder=2))


def _draw_edge_labels(ax, graph: nx.Graph, pos: dict) -> None:
    """The predicate names at the middle of relation edges, small and grey."""
    for u, v, data in graph.edges(data=True):
        if data["predicates"]:
            x, y = (pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2
            ax.text(x, y, ", ".join(data["predicates"]), fontsize=6.5, color="#555555",
                    style="italic", ha="center", va="center", zorder=2.5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})


def _draw_nodes(ax, graph: nx.Graph, pos: dict) -> None:
    """One scatter per type, so the legend lists the types present."""
    for type_ in ENTITY_TYPES:
        nodes = [n for n in graph.nodes if graph.nodes[n]["type"] == type_]
        if not nodes:
            continue
        xs = [pos[n][0] for n in nodes]
        ys = [pos[n][1] for n in nodes]
        sizes = [30 + 25 * math.sqrt(graph.nodes[n]["mentions"]) for n in nodes]
        ax.scatter(xs, ys, s=sizes, c=TYPE_COLOURS[type_], label=type_, zorder=3,
                   edgecolors="white", linewidths=0.8)


def _draw_labels(ax, graph: nx.Graph, pos: dict) -> None:
    """Labels with a white halo so they stay readable over edges."""
    halo = [patheffects.withStroke(linewidth=3, foreground="white")]
    for node, (x, y) in pos.items():
        ax.annotate(graph.nodes[node]["label"], (x, y), xytext=(0, 7), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, zorder=4, path_effects=halo)


def to_png(graph: nx.Graph, *, max_nodes: int | None = DEFAULT_MAX_NODES,
           title: str = "kg — entités", dpi: int = 120) -> bytes:
    """The entity graph as PNG bytes: spring layout (seed 42), colours and legend by type.

    Args:
        graph: the projection from :func:`kg.export.project.entity_graph`.
        max_nodes: keep only the most mentioned entities (``None``: all) so labels stay legible.
        title: the figure title.
        dpi: resolution of the 12×12 inch figure.
    """
    shown = top_nodes(graph, max_nodes)
    fig = Figure(figsize=(12, 12), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title)
    if shown.number_of_nodes():
        pos = _layout(shown)
        _draw_edges(ax, shown, pos)
        _draw_edge_labels(ax, shown, pos)
        _draw_nodes(ax, shown, pos)
        _draw_labels(ax, shown, pos)
        ax.set_aspect("equal")
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                           title="Type")
        for handle in legend.legend_handles:
            handle.set_sizes([60])  # same marker for every type, whatever its first node's size
        ax.margins(0.08)
    else:
        ax.text(0.5, 0.5, "aucune entité", ha="center", va="center", transform=ax.transAxes)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return buffer.getvalue()
