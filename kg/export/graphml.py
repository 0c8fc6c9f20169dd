"""GraphML rendering of the entity graph (for Gephi, yEd, Cytoscape)."""

from __future__ import annotations

import io

import networkx as nx


def relation_text(graph: nx.Graph, relation: dict) -> str:
    """``"Francisco Geronimo worksFor IDC (1)"``: a relation with labels and evidence count."""
    subject = graph.nodes[relation["subject"]]["label"]
    obj = graph.nodes[relation["object"]]["label"]
    return f"{subject} {relation['predicate']} {obj} ({relation['evidence']})"


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of the projection whose attributes are all strings or numbers.

    GraphML has no lists: aliases and predicates become ``"; "``-joined strings and relations
    become readable ``subject predicate object (evidence)`` strings.
    """
    flat = nx.Graph()
    for node, data in graph.nodes(data=True):
        flat.add_node(
            node,
            label=data["label"],
            type=data["type"],
            mentions=int(data["mentions"]),
            aliases="; ".join(data["aliases"]),
        )
    for u, v, data in graph.edges(data=True):
        flat.add_edge(
            u,
            v,
            predicates="; ".join(data["predicates"]),
            relations="; ".join(relation_text(graph, r) for r in data["relations"]),
            evidence=int(data["evidence"]),
            co_mentions=int(data["co_mentions"]),
        )
    return flat


def to_graphml(graph: nx.Graph) -> bytes:
    """The entity graph as GraphML (UTF-8 bytes), attributes typed string or int."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
