"""Static pictures of a view: PNG (and SVG, see :mod:`kg.export.svg`) with matplotlib's Agg
canvas, no display needed.

Entities are coloured by type and sized by mentions; stated relations are dark arrows from
subject to object with the predicate written at the middle, co-mentions light lines. Labels
get a white halo and are moved (above, below, right, left) or, as a last resort for the least
mentioned, left out where they would overlap a label already placed. The figure has a fixed
size (``size`` inches × ``dpi``), so the picture's pixel size is known in advance.
"""

from __future__ import annotations

import io
import math

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kg.export.project import TYPE_COLOURS, drawable, top_nodes

SEED = 42
DEFAULT_MAX_NODES = 60
_HALO = {"path_effects": [patheffects.withStroke(linewidth=3, foreground="white")]}
# matplotlib draws text with path effects as outlines; in SVG a box keeps labels as <text>
_BOX = {"bbox": {"boxstyle": "round,pad=0.1", "fc": (1, 1, 1, 0.75), "ec": "none"}}


def _spring(graph: nx.Graph, centre: tuple[float, float], half: float) -> dict:
    """Spring layout (fixed seed) of one connected component, fitted in a square box."""
    if graph.number_of_nodes() == 1:
        return {next(iter(graph)): np.array(centre)}
    weighted = nx.Graph(graph)  # a copy: the view is left untouched
    for _, _, data in weighted.edges(data=True):
        # stated relations pull harder than mere co-mentions
        data["layout_weight"] = 1 + min(data["co_mentions"], 10) + 2 * len(data["relations"])
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


def _radius_points(data: dict) -> float:
    return math.sqrt(30 + 25 * math.sqrt(data.get("mentions", 0))) / 2


def _draw_edges(ax, graph: nx.Graph, pos: dict) -> None:
    """Co-mentions as light lines; each relation as an arrow from its subject to its object."""
    co_only = [(u, v, d["co_mentions"]) for u, v, d in graph.edges(data=True)
               if not d["relations"]]
    # heavier co-mentions (more shared articles) are thicker and darker
    ax.add_collection(LineCollection(
        [(pos[u], pos[v]) for u, v, _ in co_only], zorder=1,
        linewidths=[0.4 + 0.5 * math.sqrt(max(w, 1) - 1) for _, _, w in co_only],
        colors=[(0.55, 0.55, 0.6, min(0.25 + 0.12 * w, 0.9)) for _, _, w in co_only]))
    for u, v, data in graph.edges(data=True):
        for s, o in {(r["subject"], r["object"]) for r in data["relations"]}:
            ax.annotate("", xy=pos[o], xytext=pos[s], zorder=2, arrowprops={
                "arrowstyle": "-|>", "color": "#444444", "lw": 1.3, "mutation_scale": 11,
                "shrinkA": _radius_points(graph.nodes[s]) + 1,
                "shrinkB": _radius_points(graph.nodes[o]) + 1})
        if data["predicates"] and graph.graph.get("view") != "timeline":  # roles: arrows say it
            x, y = (pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2
            ax.text(x, y, ", ".join(data["predicates"]), fontsize=7, color="#555555",
                    style="italic", ha="center", va="center", zorder=2.5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})


def _draw_nodes(ax, graph: nx.Graph, pos: dict) -> None:
    """One scatter per type (so the legend lists the types present); the ego centre ringed."""
    for type_, colour in TYPE_COLOURS.items():
        nodes = [n for n in graph.nodes if graph.nodes[n]["type"] == type_]
        if nodes:
            ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                       s=[(2 * _radius_points(graph.nodes[n])) ** 2 for n in nodes],
                       c=colour, label=type_, zorder=3, edgecolors="white", linewidths=0.8)
    centre = graph.graph.get("centre")
    if centre in pos:
        ax.scatter([pos[centre][0]], [pos[centre][1]], zorder=3.5, facecolors="none",
                   s=(2 * _radius_points(graph.nodes[centre]) + 8) ** 2,
                   edgecolors="#111111", linewidths=2)


def _overlaps(box, placed: list) -> bool:
    return any(box.overlaps(other) for other in placed)


def _draw_labels(ax, graph: nx.Graph, pos: dict, renderer, style: dict) -> None:
    """Most mentioned first; each label tries four spots and is dropped if all overlap."""
    order = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("mentions", 0), n))
    placed: list = []
    for rank, node in enumerate(order):
        gap = _radius_points(graph.nodes[node]) + 2
        spots = [((0, gap), "center", "bottom"), ((0, -gap), "center", "top"),
                 ((gap, 0), "left", "center"), ((-gap, 0), "right", "center")]
        for offset, ha, va in spots:
            text = ax.annotate(graph.nodes[node]["label"], pos[node], xytext=offset,
                               textcoords="offset points", ha=ha, va=va, fontsize=8.5,
                               zorder=4, **style)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            if not _overlaps(box, placed) or rank < 10:  # the ten biggest are always named
                placed.append(box)
                break
            text.remove()


def _legend(fig: Figure, graph: nx.Graph) -> None:
    present = {d["type"] for _, d in graph.nodes(data=True)}
    handles = [Line2D([], [], marker="o", ls="", color=c, markersize=9, label=t)
               for t, c in TYPE_COLOURS.items() if t in present]
    if any(d["relations"] for _, _, d in graph.edges(data=True)):
        handles.append(Line2D([], [], color="#444444", lw=1.3, label="relation (→ objet)"))
    if any(not d["relations"] for _, _, d in graph.edges(data=True)):
        handles.append(Line2D([], [], color="#c8c8c8", lw=1.2, label="co-citation"))
    fig.legend(handles=handles, loc="upper right", frameon=False, fontsize=10,
               title="Légende", title_fontsize=11)


def _fit(ax, pos: dict, fig: Figure) -> None:
    """Axis limits with a margin and equal scales on both axes (the axes box is fixed)."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    pad = 0.12 * max(max(xs) - min(xs), max(ys) - min(ys), 0.5)
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    box = ax.get_position()
    ratio = (box.width * fig.get_figwidth()) / (box.height * fig.get_figheight())
    if (x1 - x0) / (y1 - y0) < ratio:  # widen x to the box's shape, else heighten y
        grow = ((y1 - y0) * ratio - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = ((x1 - x0) / ratio - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def figure(graph: nx.Graph, *, max_nodes: int | None = DEFAULT_MAX_NODES,
           title: str = "kg — entités", size: tuple[float, float] = (12, 10),
           dpi: int = 120, halo: bool = True) -> Figure:
    """The matplotlib Figure of any view (drawn as :func:`kg.export.project.drawable`);
    labels have a white halo, or a white box behind them with ``halo=False``."""
    shown = top_nodes(drawable(graph), max_nodes)
    fig = Figure(figsize=size, dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    fig.suptitle(title, fontsize=14, x=0.02, ha="left")
    ax = fig.add_axes((0.01, 0.01, 0.84, 0.92))
    ax.set_axis_off()
    if not shown.number_of_nodes():
        ax.text(0.5, 0.5, "aucune entité", ha="center", va="center", transform=ax.transAxes)
        return fig
    pos = _layout(shown)
    _fit(ax, pos, fig)
    _draw_edges(ax, shown, pos)
    _draw_nodes(ax, shown, pos)
    _draw_labels(ax, shown, pos, canvas.get_renderer(), _HALO if halo else _BOX)
    _legend(fig, shown)
    return fig


def to_png(graph: nx.Graph, *, max_nodes: int | None = DEFAULT_MAX_NODES,
           title: str = "kg — entités", size: tuple[float, float] = (12, 10),
           dpi: int = 120) -> bytes:
    """A view as PNG bytes of exactly ``size[0]*dpi`` × ``size[1]*dpi`` pixels.

    Args:
        graph: any view of :mod:`kg.export.project`.
        max_nodes: keep only the most mentioned entities (``None``: all) so labels stay legible.
        title: the figure title.
        size: width and height in inches.
        dpi: pixels per inch.
    """
    buffer = io.BytesIO()
    figure(graph, max_nodes=max_nodes, title=title, size=size, dpi=dpi).savefig(
        buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
