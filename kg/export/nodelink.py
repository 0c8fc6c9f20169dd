"""Node-link JSON of a view (d3, Cytoscape.js, ``networkx.node_link_graph``)."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def node_link(graph: nx.Graph) -> dict[str, Any]:
    """networkx's node-link dict with the edge list under ``"edges"``; lists stay lists."""
    try:
        return nx.node_link_data(graph, edges="edges")
    except TypeError:  # networkx < 3.4 names the parameter ``link``
        return nx.node_link_data(graph, link="edges")


def to_json(graph: nx.Graph) -> str:
    """The view as node-link JSON text: read it back with
    ``networkx.node_link_graph(json.loads(text), edges="edges")``."""
    return json.dumps(node_link(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
