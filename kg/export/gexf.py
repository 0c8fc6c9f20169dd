"""GEXF rendering of a view, Gephi's own format, with colours and sizes preset."""

from __future__ import annotations

import io
import math

import networkx as nx

from kg.export.graphml import flat_graph
from kg.export.project import TYPE_COLOURS


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def to_gexf(graph: nx.Graph) -> bytes:
    """The view as GEXF 1.2 (UTF-8 bytes).

    Attributes are flattened as for GraphML (lists joined); each node also carries
    ``viz`` colour by type and size by mentions, so Gephi opens it already readable. Edge
    keys of the relations view (the predicate) become GEXF edge ids.
    """
    flat = flat_graph(graph)
    for _, data in flat.nodes(data=True):
        colour = TYPE_COLOURS.get(data.get("type", ""), "#999999")
        data["viz"] = {"color": {**_rgb(colour), "a": 1.0},
                       "size": round(4 + 3 * math.sqrt(data.get("mentions", 0)), 2)}
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
