"""A self-contained interactive HTML page of a view: works offline, no CDN, no request.

The page embeds the graph as JSON in ``<script type="application/json" id="kg-data">`` and a
small vanilla-JS force layout on a ``<canvas>`` (see :mod:`kg.export._viewer`): nodes coloured
by type with a legend and sized by mentions, labels, drag, pan and wheel zoom, a tooltip with
aliases and counts, a side panel with the clicked node's relations, their evidence sentences
and the articles' headlines, and a search box with a result list. The physics runs on a grid
(only nearby nodes repel) and stops once the layout has settled, so thousands of nodes stay
responsive; ``<body data-state>`` says ``layout`` then ``settled``.
"""

from __future__ import annotations

import html
import json
from typing import Any

import networkx as nx

from kg.export._viewer import CSS, SCRIPT
from kg.export.project import TYPE_COLOURS, drawable, top_nodes

DEFAULT_MAX_NODES = 2000  # beyond this the page gets heavy; --top picks the ones that matter


def _node_data(node: str, data: dict) -> dict[str, Any]:
    out = {"id": node, "label": data["label"], "type": data["type"],
           "mentions": data.get("mentions", 0), "aliases": list(data.get("aliases", [])),
           "articles": list(data.get("articles", [])),
           "seen": " → ".join(dict.fromkeys(
               d for d in (data.get("first_seen"), data.get("last_seen")) if d))}
    if data["type"] == "Event":  # what a timeline event node says about itself
        out["details"] = [x for x in (data.get("date"), data.get("quantity"),
                                      data.get("article")) if x]
    return out


def graph_data(graph: nx.Graph, title: str) -> dict[str, Any]:
    """The JSON the page embeds: nodes (most mentioned first), edges by node index, colours."""
    graph = drawable(graph)
    ids = sorted(graph.nodes,
                 key=lambda n: (-graph.nodes[n].get("mentions", 0), graph.nodes[n]["label"], n))
    index = {node: i for i, node in enumerate(ids)}
    edges = []
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        relations = [
            {"s": index[r["subject"]], "p": r["predicate"], "o": index[r["object"]],
             "n": r["evidence"], "sentences": list(r.get("sentences", [])),
             "articles": list(r.get("articles", []))}
            for r in data["relations"]
        ]
        edges.append({"source": index[u], "target": index[v], "relations": relations,
                      "co": data["co_mentions"]})
    centre = graph.graph.get("centre")
    return {"title": title, "colours": TYPE_COLOURS,
            "nodes": [_node_data(n, graph.nodes[n]) for n in ids], "edges": edges,
            "centre": index.get(centre) if centre is not None else None}


def embed_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``</script>``, ``<!--`` or ``&`` can appear."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _legend(graph: nx.Graph) -> str:
    present = {data["type"] for _, data in graph.nodes(data=True)}
    return "".join(
        f'<span style="--c:{colour}">{t}</span>' for t, colour in TYPE_COLOURS.items()
        if t in present
    )


def to_html(graph: nx.Graph, *, title: str = "kg — graphe des entités",
            max_nodes: int | None = DEFAULT_MAX_NODES) -> str:
    """A view as one HTML page with embedded data, style and script.

    Args:
        graph: any view of :mod:`kg.export.project`.
        title: the page title.
        max_nodes: keep only the most mentioned entities (``None``: all).
    """
    shown = top_nodes(drawable(graph), max_nodes)
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
<body data-state="loading">
<div id="kg-main">
  <canvas id="kg-canvas" aria-label="graphe des entités"></canvas>
  <div id="kg-bar">
    <h1>{safe_title}{html.escape(note)}</h1>
    <div id="kg-find">
      <input id="kg-search" type="search" placeholder="Rechercher une entité…"
        aria-label="Rechercher une entité" autocomplete="off">
      <ul id="kg-results" role="listbox"></ul>
    </div>
    <span id="kg-count"></span>
    <div id="kg-legend">{_legend(shown)}</div>
  </div>
  <div id="kg-tip" role="tooltip"></div>
</div>
<aside id="kg-panel" aria-live="polite"></aside>
<script type="application/json" id="kg-data">{embed_json(graph_data(shown, title))}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""
