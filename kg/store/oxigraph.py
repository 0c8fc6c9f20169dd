"""Embedded Oxigraph backend: a RocksDB directory, one writer process, any number of readers."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from pyoxigraph import DefaultGraph, NamedNode, Quad, Store, Variable

from kg.errors import KgError, QueryParameterError, StoreError, StoreLockedError, StoreMissingError
from kg.store.base import KgStore, QueryResult, Term, syntax_error
from kg.vocab import KG, PREFIXES, RDFS, SCHEMA, SKOS

if TYPE_CHECKING:  # build may grow heavy imports; readers of the store must not pay them
    from kg.build import ArticleGraph

# Entity quads remembered as written before the set is cleared (a few tens of MB at most).
_MAX_REMEMBERED = 200_000
_ARTICLES = "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } } ORDER BY ?a"


class OxigraphStore(KgStore):
    """A kg store in an embedded Oxigraph database at ``path``."""

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 prefixes: dict[str, str] | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.prefixes = {**PREFIXES, **(prefixes or {})}
        self._store: Store | None = _open(Path(path), read_only)
        # Entity quads this handle has written: most articles re-describe entities already
        # described, and letting RocksDB find each of those quads present again cost about a
        # seventh of the write. Only this process writes (RocksDB's lock), so the set stays true
        # until a delete, which may remove entity descriptions and so clears it.
        self._written: set[Quad] = set()

    @property
    def store(self) -> Store:
        """The underlying ``pyoxigraph.Store`` (for renderers that need raw access)."""
        if self._store is None:
            raise StoreError("store is closed", source=self.path)
        return self._store

    def article_hash(self, article_iri: NamedNode) -> str | None:
        """The ``kg:contentHash`` of the article, read from its own graph, or None."""
        for quad in self.store.quads_for_pattern(article_iri, KG.contentHash, None, article_iri):
            return quad.object.value
        return None

    def replace_article(self, graph: ArticleGraph) -> bool:
        """Drop the article's graph and insert its quads and entity quads in one transaction."""
        self._writable()
        if self.article_hash(graph.iri) == graph.content_hash:
            return False
        written = self._written
        entity_quads = [q for q in self._first_label_wins(graph.entity_quads) if q not in written]
        if not self.store.contains_named_graph(graph.iri):
            # A new article: one atomic extend (cheaper than parsing an update).
            try:
                self.store.extend([*graph.quads, *entity_quads])
            except OSError as exc:
                raise StoreError(f"could not write: {exc}", source=self.path) from None
            self._remember(entity_quads)
            return True
        blocks = defaultdict(list)
        for quad in graph.quads:
            blocks[graph.iri].append(quad)
        for quad in entity_quads:
            blocks[quad.graph_name].append(quad)
        body = "\n".join(_graph_block(name, quads) for name, quads in blocks.items())
        # One SPARQL update is one transaction: readers see the old graph or the new one.
        self._update(f"DROP SILENT GRAPH {graph.iri} ;\nINSERT DATA {{\n{body}\n}}")
        self._remember(entity_quads)
        return True

    def replace_articles(self, graphs: Sequence[ArticleGraph]) -> list[bool | KgError]:
        """:meth:`KgStore.replace_articles`, consecutive new articles written in one transaction
        (one commit per run instead of one per article); a run that fails is written again
        article by article, so that an error stays with its article."""
        self._writable()
        results: list = [None] * len(graphs)
        run = _Run()
        for k, graph in enumerate(graphs):
            if graph.iri in run.iris:  # the same article twice: as if written one after the other
                self._commit(run, graphs, results)
                run = _Run()
            if self.article_hash(graph.iri) == graph.content_hash:
                results[k] = False
            elif self.store.contains_named_graph(graph.iri):
                self._commit(run, graphs, results)
                run = _Run()
                results[k] = self._try_replace(graph)
            else:
                entity_quads = self._first_label_wins(graph.entity_quads, run.labels)
                new = [q for q in entity_quads if q not in self._written and q not in run.fresh]
                run.add(k, graph, new)
        self._commit(run, graphs, results)
        return results

    def _commit(self, run: "_Run", graphs: Sequence[ArticleGraph], results: list) -> None:
        """Write a run of new articles in one transaction, or one by one if that fails."""
        if not run.positions:
            return
        try:
            self.store.extend(run.quads)
        except OSError:
            for k in run.positions:
                results[k] = self._try_replace(graphs[k])
            return
        self._remember(run.fresh)
        for k in run.positions:
            results[k] = True

    def _remember(self, quads: Iterable[Quad]) -> None:
        """Note entity quads just written (forgetting them all past a bound: memory stays flat)."""
        if len(self._written) > _MAX_REMEMBERED:
            self._written.clear()
        self._written.update(quads)

    def _first_label_wins(self, quads, pending: dict | None = None) -> list[Quad]:
        """An entity keeps the first ``rdfs:label`` it was given; another spelling of the same
        key from a later article ("Etat" after "État") becomes a ``skos:altLabel``. Only one
        process writes (RocksDB's lock), so reading before the update is safe. ``pending``
        holds the labels of articles not written yet that come first ((entity, graph) → labels)
        and gets this article's."""
        out = []
        for quad in quads:
            if quad.predicate == RDFS.label:
                existing = [q.object for q in self.store.quads_for_pattern(quad.subject, RDFS.label, None, quad.graph_name)]
                if pending is not None:
                    existing += pending.get((quad.subject, quad.graph_name), [])
                if existing and quad.object not in existing:
                    quad = Quad(quad.subject, SKOS.altLabel, quad.object, quad.graph_name)
                elif pending is not None:
                    pending.setdefault((quad.subject, quad.graph_name), []).append(quad.object)
            out.append(quad)
        return out

    def delete_article(self, article_iri: NamedNode) -> bool:
        """Drop the article's named graph and, in the same transaction, the descriptions of the
        entities it mentioned that no other article refers to."""
        self._writable()
        if not self.store.contains_named_graph(article_iri):
            return False
        mentioned = {q.object for q in self.store.quads_for_pattern(
            article_iri, SCHEMA.mentions, None, article_iri)}
        values = " ".join(str(e) for e in mentioned if isinstance(e, NamedNode))
        orphans = "" if not values else f""" ;
DELETE {{ GRAPH ?g {{ ?e ?p ?o }} }} WHERE {{
  VALUES ?e {{ {values} }}
  GRAPH ?g {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?h a <{SCHEMA.NewsArticle.value}> . ?x ?q ?e }} }}
}}"""
        self._written.clear()  # orphaned entity descriptions go with the article
        self._update(f"DROP SILENT GRAPH {article_iri}{orphans}")
        return True

    def articles(self) -> list[NamedNode]:
        """The IRIs of stored articles (graphs holding a ``schema:NewsArticle``), sorted."""
        return [row["a"] for row in self.query(_ARTICLES)]

    def triple_count(self) -> int:
        """The number of stored quads over all graphs."""
        return len(self.store)

    def query(self, sparql: str, bindings: dict[str, Term] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs; see :meth:`KgStore.query`."""
        substitutions = {Variable(name.lstrip("?$")): term for name, term in (bindings or {}).items()}
        try:
            return self.store.query(
                sparql,
                prefixes=self.prefixes,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise syntax_error(exc) from None
        except RuntimeError as exc:
            if "projection" in str(exc):
                raise QueryParameterError(
                    f"{exc}; a parameter must be a variable the query SELECTs "
                    "(SPARQL substitution binds projected variables only)"
                ) from None
            raise StoreError(f"query failed: {exc}", source=self.path) from None
        except OSError as exc:
            raise StoreError(f"cannot read the store: {exc}", source=self.path) from None

    def flush(self) -> None:
        """Flush RocksDB buffers to disk (writers only)."""
        if self._store is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and drop the database handle, releasing the write lock."""
        self.flush()
        # RocksDB releases its lock when the last reference to the Store goes away.
        self._store = None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("store was opened read-only; only `kg ingest` writes", source=self.path)

    def _update(self, update: str) -> None:
        try:
            self.store.update(update)
        except SyntaxError as exc:
            # Our own serialisation failed to parse: a bug, but report it, don't crash.
            raise StoreError(f"could not write: {syntax_error(exc, 'update').message}",
                             source=self.path) from None
        except OSError as exc:
            raise StoreError(f"could not write: {exc}", source=self.path) from None


class _Run:
    """New articles waiting to be written together: their positions, quads, and what they add
    to the entities graph (labels given, entity quads not yet in the store)."""

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.iris: set[NamedNode] = set()
        self.quads: list[Quad] = []
        self.labels: dict = {}
        self.fresh: set[Quad] = set()

    def add(self, position: int, graph: ArticleGraph, entity_quads: list[Quad]) -> None:
        self.positions.append(position)
        self.iris.add(graph.iri)
        self.quads += graph.quads
        self.quads += entity_quads
        self.fresh.update(entity_quads)


def _graph_block(name: object, quads: list[Quad]) -> str:
    """Quads as an INSERT DATA block, terms in N-Triples form (``str(term)`` escapes them)."""
    triples = "\n".join(f"  {q.subject} {q.predicate} {q.object} ." for q in quads)
    if isinstance(name, DefaultGraph):
        return triples
    return f" GRAPH {name} {{\n{triples}\n }}"


def _open(path: Path, read_only: bool) -> Store:
    """Open the RocksDB directory, turning OS errors into store errors that say what to do."""
    is_store = (path / "CURRENT").is_file()
    if read_only and not is_store:
        raise StoreMissingError(f"no store at {path}; run `kg ingest` first", source=str(path))
    if not read_only and path.is_dir() and any(path.iterdir()) and not is_store:
        raise StoreError(
            f"{path} exists and is not a kg store; choose an empty or new --store directory",
            source=str(path),
        )
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"store {path} is locked by another writer (is a `kg ingest` running?); "
                "wait for it to finish — `kg query`, `kg stats` and `kg export` work meanwhile",
                source=str(path),
            ) from None
        raise StoreError(f"cannot open store: {exc}", source=str(path)) from None
    except RuntimeError as exc:
        # RocksDB refuses a store that a first `kg ingest` is still creating (or a damaged one).
        raise StoreError(f"cannot open store (still being created by `kg ingest`, or damaged): "
                         f"{exc}", source=str(path)) from None

