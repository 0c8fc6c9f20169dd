"""Stores chosen by name; every backend fulfils the contract of :class:`KgStore`.

Only ``ingest`` (and delete) open a store for writing; ``query``, ``stats`` and ``export``
open it read-only, so they never take the write lock and keep working during an ingest.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.config import Settings
from kg.errors import StoreError
from kg.store.base import KgStore, QueryResult, Term, syntax_error
from kg.store.oxigraph import OxigraphStore
from kg.vocab import PREFIXES, Minter

__all__ = ["BACKENDS", "KgStore", "OxigraphStore", "QueryResult", "Term", "open_store",
           "store_prefixes", "syntax_error"]


def _oxigraph(settings: Settings, read_only: bool) -> KgStore:
    return OxigraphStore(settings.store, read_only=read_only, prefixes=store_prefixes(settings))


BACKENDS: dict[str, Callable[[Settings, bool], KgStore]] = {"oxigraph": _oxigraph}


def store_prefixes(settings: Settings) -> dict[str, str]:
    """The standard prefixes, with ``kgr:`` following the configured base IRI."""
    return {**PREFIXES, "kgr": Minter(settings.base_iri).resource}


def open_store(settings: Settings, read_only: bool = False, backend: str = "oxigraph") -> KgStore:
    """Open the store at ``settings.store``.

    Args:
        settings: where the store lives (``settings.store``) and the base IRI.
        read_only: open without the write lock (query, stats, export).
        backend: a key of :data:`BACKENDS`.

    Raises:
        StoreMissingError: read-only and no store exists there yet.
        StoreLockedError: another process holds the write lock.
        StoreError: any other failure to open.
    """
    try:
        factory = BACKENDS[backend]
    except KeyError:
        raise StoreError(
            f"unknown store backend {backend!r}; known: {', '.join(sorted(BACKENDS))}"
        ) from None
    return factory(settings, read_only)
