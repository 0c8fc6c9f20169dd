"""RDF dumps of the whole store: Turtle, TriG, N-Quads and JSON-LD.

* ``turtle``: the union of all named graphs as one graph, each distinct triple once (an entity
  described in the entities graph and mentioned by ten articles is one node, its facts merged).
* ``trig``, ``nquads``, ``jsonld``: the dataset, every named graph kept (one per article plus
  ``kgr:graph/entities``), so a dump loads back into a store quad for quad.

The serialisers are pyoxigraph's: they write to the output as they read the store (nothing
is built in memory besides the distinct-triple set of the Turtle union). Turtle and TriG use
the store's prefixes (:data:`kg.vocab.PREFIXES`, ``kgr:`` following the configured base).

>>> sorted(FORMATS)
['jsonld', 'nquads', 'trig', 'turtle']
"""

from __future__ import annotations

import io
from typing import IO, Any, Iterator

from pyoxigraph import Quad, RdfFormat, Store, serialize

from kg.errors import ExportError
from kg.vocab import PREFIXES

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "jsonld": RdfFormat.JSON_LD,
}
"""Dump format name → pyoxigraph format."""

EXTENSIONS = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "jsonld": "jsonld"}
"""The usual file extension of each format."""

# DISTINCT: the union of the named graphs repeats a triple once per graph that states it.
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def dump(store: Any, fmt: str) -> bytes:
    """The store serialised in ``fmt`` (``"turtle"``, ``"trig"``, ``"nquads"``, ``"jsonld"``).

    Args:
        store: a kg store (an :class:`~kg.store.OxigraphStore` is dumped natively; any other
            backend through ``store.query``).
        fmt: a key of :data:`FORMATS`.

    Raises:
        ExportError: unknown format, or the store could not be serialised.
    """
    buffer = io.BytesIO()
    write(store, fmt, buffer)
    return buffer.getvalue()


def write(store: Any, fmt: str, output: IO[bytes]) -> None:
    """Stream the dump of :func:`dump` into a binary file object (for big stores).

    Raises:
        ExportError: unknown format, or reading the store or writing the output failed.
    """
    rdf_format = _format(fmt)
    prefixes = dict(getattr(store, "prefixes", None) or PREFIXES)
    if not rdf_format.supports_datasets:
        prefixes = prefixes if rdf_format is RdfFormat.TURTLE else None
        _serialize(fmt, store.query(_UNION), output, rdf_format, prefixes)
        return
    prefixes = prefixes if rdf_format is RdfFormat.TRIG else None
    raw = getattr(store, "store", None)
    if isinstance(raw, Store):
        try:
            raw.dump(output, rdf_format, prefixes=prefixes)
        except (OSError, ValueError) as exc:
            raise ExportError(f"could not write the {fmt} dump: {exc}", source=fmt) from None
        return
    _serialize(fmt, _quads(store), output, rdf_format, prefixes)


def _serialize(fmt: str, items: Any, output: IO[bytes], rdf_format: RdfFormat,
               prefixes: dict[str, str] | None) -> None:
    try:
        serialize(items, output, rdf_format, prefixes=prefixes)
    except (OSError, ValueError, TypeError) as exc:
        raise ExportError(f"could not write the {fmt} dump: {exc}", source=fmt) from None


def _quads(store: Any) -> Iterator[Quad]:
    """Every quad of every named graph, read through SPARQL (backends without raw access)."""
    for row in store.query(_QUADS):
        yield Quad(row["s"], row["p"], row["o"], row["g"])


def _format(fmt: str) -> RdfFormat:
    try:
        return FORMATS[fmt]
    except (KeyError, TypeError):
        raise ExportError(
            f"unknown RDF dump format {fmt!r}; choose one of: {', '.join(sorted(FORMATS))}",
            source=str(fmt),
        ) from None


__all__ = ["EXTENSIONS", "FORMATS", "dump", "write"]
