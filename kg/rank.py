"""PageRank for kg's networkx views and ``kg stats`` (one implementation for both).

networkx's own ``pagerank`` needs SciPy, which kg does not depend on; this is the same
definition (uniform teleport, dangling nodes spread evenly, edge weights, undirected edges in
both directions, parallel edges adding up) by power iteration on numpy arrays.
"""

from __future__ import annotations

import networkx as nx
import numpy as np


def pagerank(graph: nx.Graph, *, alpha: float = 0.85, weight: str = "weight",
             tol: float = 1e-10, max_iter: int = 500) -> dict:
    """The PageRank of every node of ``graph`` (an edge without ``weight`` weighs 1).

    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> r = pagerank(g); round(r["b"], 3), round(sum(r.values()), 6)
    (0.486, 1.0)
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v], float(w))
                      for u, v, w in graph.edges(data=weight, default=1)], dtype=float).reshape(-1, 3)
    src, dst, wts = edges[:, 0].astype(int), edges[:, 1].astype(int), edges[:, 2]
    if not graph.is_directed():
        src, dst, wts = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([wts, wts])
    strength = np.bincount(src, weights=wts, minlength=n)
    dangling = strength == 0
    share = np.divide(wts, strength[src], out=np.zeros_like(wts), where=strength[src] > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = np.bincount(dst, weights=rank[src] * share, minlength=n)
        new = alpha * spread + (alpha * rank[dangling].sum() + 1 - alpha) / n
        done = np.abs(new - rank).sum() < n * tol
        rank = new
        if done:
            break
    return dict(zip(nodes, rank.tolist()))
