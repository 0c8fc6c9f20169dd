"""GraphML rendering of a view (for Gephi, yEd, Cytoscape, networkx)."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

# Long free-text lists (headlines, sentences) may contain ";", so they get a rarer separator.
SEPARATORS = {"articles": " | ", "sentences": " | "}
DEFAULT_SEPARATOR = "; "


def relation_text(graph: nx.Graph, relation: dict) -> str:
    """``"Francisco Geronimo worksFor IDC (1)"``: a relation with labels and evidence count."""
    subject = graph.nodes[relation["subject"]]["label"]
    obj = graph.nodes[relation["object"]]["label"]
    return f"{subject} {relation['predicate']} {obj} ({relation['evidence']})"


def flat_value(graph: nx.Graph, name: str, value: Any) -> Any:
    """A value GraphML and GEXF can hold: str, int, float or bool; None when there is none.

    Lists become one string (``"; "``-joined, ``" | "`` for headlines and sentences); the
    ``relations`` list becomes readable ``subject predicate object (evidence)`` strings.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if name == "relations":
        return DEFAULT_SEPARATOR.join(relation_text(graph, r) for r in value)
    if isinstance(value, (list, tuple, set)):
        return SEPARATORS.get(name, DEFAULT_SEPARATOR).join(map(str, value))
    return str(value)


def _flat_attrs(graph: nx.Graph, data: dict) -> dict[str, Any]:
    flat = {k: flat_value(graph, k, v) for k, v in data.items()}
    return {k: v for k, v in flat.items() if v is not None}


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of a view (same class, same nodes, edges and keys) whose attributes are all
    strings, numbers or booleans: what GraphML and GEXF can store."""
    flat = graph.__class__()
    flat.graph.update(_flat_attrs(graph, graph.graph))
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **_flat_attrs(graph, data))
    if graph.is_multigraph():
        for u, v, key, data in graph.edges(keys=True, data=True):
            flat.add_edge(u, v, key=key, **_flat_attrs(graph, data))
    else:
        for u, v, data in graph.edges(data=True):
            flat.add_edge(u, v, **_flat_attrs(graph, data))
    return flat


def to_graphml(graph: nx.Graph) -> bytes:
    """The view as GraphML (UTF-8 bytes), attributes typed string, int, double or boolean."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
