"""Article + extractions → quads of the article's named graph, per VOCABULARY.md."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad


@dataclass(frozen=True)
class ArticleGraph:
    """What the store writes for one article, in one transaction.

    ``quads`` all live in the article's named graph (``iri``); ``entity_quads`` live in the
    shared entities graph (labels, aliases, types, links) and are only ever added, so that an
    entity described by two articles keeps both descriptions.
    """

    iri: NamedNode
    content_hash: str
    quads: tuple[Quad, ...]
    entity_quads: tuple[Quad, ...]
