"""A self-contained interactive HTML page of the entity graph: works offline, no CDN.

The page embeds the graph as JSON in ``<script type="application/json" id="kg-data">`` and a
small vanilla-JS force layout on a ``<canvas>`` (see :mod:`kg.export._viewer`): nodes coloured
by type with a legend and sized by mentions, labels, drag, pan and wheel zoom, a tooltip with
aliases and counts, a side panel with the clicked node's relations, and a search box. The
physics stops once the layout has settled.
"""

from __future__ import annotations

import html
import json
from typing import Any

import networkx as nx

from kg.export._viewer import CSS, SCRIPT
from kg.export.project import TYPE_COLOURS, top_nodes
from kg.model import ENTITY_TYPES

DEFAULT_MAX_NODES = 400  # the JS layout is O(n²) per step; beyond this it gets sluggish


def graph_data(graph: nx.Graph, title: str) -> dict[str, Any]:
    """The JSON the page embeds: nodes, edges by node index, colours by type."""
    ids = sorted(graph.nodes,
                 key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["label"], n))
    index = {node: i for i, node in enumerate(ids)}
    nodes = [
        {
            "id": node,
            "label": graph.nodes[node]["label"],
            "type": graph.nodes[node]["type"],
            "mentions": graph.nodes[node]["mentions"],
            "aliases": list(graph.nodes[node]["aliases"]),
        }
        for node in ids
    ]
    edges = []
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        relations = [
            {"s": index[r["subject"]], "p": r["predicate"], "o": index[r["object"]],
             "n": r["evidence"]}
            for r in data["relations"]
        ]
        edges.append({"source": index[u], "target": index[v], "relations": relations,
                      "co": data["co_mentions"]})
    return {"title": title, "colours": TYPE_COLOURS, "nodes": nodes, "edges": edges}


def embed_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``&`` can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _legend(graph: nx.Graph) -> str:
    present = {data["type"] for _, data in graph.nodes(data=True)}
    return "".join(
        f'<span style="--c:{TYPE_COLOURS[t]}">{t}</span>' for t in ENTITY_TYPES if t in present
    )


def to_html(graph: nx.Graph, *, title: str = "kg — graphe des entités",
            max_nodes: int | None = DEFAULT_MAX_NODES) -> str:
    """The entity graph as one HTML page with embedded data, style and script.

    Args:
        graph: the projection from :func:`kg.export.project.entity_graph`.
        title: the page title.
        max_nodes: keep only the most mentioned entities (``None``: all).
    """
    shown = top_nodes(graph, max_nodes)
    note = ""
    if shown.number_of_nodes() < graph.number_of_nodes():
        note = f" ({shown.number_of_nodes()} / {graph.number_of_nodes()} entités les plus citées)"
    safe_title = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{safe_title}</title>
<style>{CSS}</style>
</head>
<body>
<div id="kg-main">
  <canvas id="kg-canvas" aria-label="graphe des entités"></canvas>
  <div id="kg-bar">
    <h1>{safe_title}{html.escape(note)}</h1>
    <input id="kg-search" type="search" placeholder="Rechercher une entité…"
      aria-label="Rechercher">
    <span id="kg-count"></span>
    <div id="kg-legend">{_legend(shown)}</div>
  </div>
  <div id="kg-tip"></div>
</div>
<aside id="kg-panel"></aside>
<script type="application/json" id="kg-data">{embed_json(graph_data(shown, title))}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
