"""The store contract every backend fulfils (checked by tests/test_store.py for each one)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Sequence, Union

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples

from kg.errors import KgError, QuerySyntaxError

if TYPE_CHECKING:  # build may grow heavy imports; readers of the store must not pay them
    from kg.build import ArticleGraph

Term = Union[NamedNode, BlankNode, Literal]
QueryResult = Union[QuerySolutions, QueryBoolean, QueryTriples]

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")
_MAX_MESSAGE = 160


class KgStore(ABC):
    """An RDF dataset holding one named graph per article plus the shared entities graph.

    Queries see the union of all graphs as the default graph. Writers replace an article's
    graph atomically; readers never take the write lock. Use as a context manager, or call
    :meth:`close`, to release the store.
    """

    read_only: bool
    prefixes: dict[str, str]

    @abstractmethod
    def article_hash(self, article_iri: NamedNode) -> str | None:
        """The ``kg:contentHash`` stored for an article, or None when it is not stored."""

    @abstractmethod
    def replace_article(self, graph: ArticleGraph) -> bool:
        """Atomically replace an article's named graph and add its entity quads.

        Returns False, writing nothing, when the stored content hash equals the new one.
        """

    def replace_articles(self, graphs: Sequence[ArticleGraph]) -> list[bool | KgError]:
        """:meth:`replace_article` for each graph, in order; each article stays all-or-nothing.

        Returns, per graph, what :meth:`replace_article` returned or the error it raised (one
        bad article does not stop the others). Backends may write several articles in one
        transaction; the result is the same as writing them one after the other.
        """
        return [self._try_replace(graph) for graph in graphs]

    def _try_replace(self, graph: ArticleGraph) -> bool | KgError:
        """:meth:`replace_article`, its error returned instead of raised."""
        try:
            return self.replace_article(graph)
        except KgError as exc:
            return exc

    @abstractmethod
    def delete_article(self, article_iri: NamedNode) -> bool:
        """Drop an article's named graph, and the descriptions of entities that no other
        article mentions, in one transaction; True if the article existed."""

    @abstractmethod
    def articles(self) -> list[NamedNode]:
        """The IRIs of the stored articles, sorted."""

    @abstractmethod
    def triple_count(self) -> int:
        """The number of stored quads, over all graphs."""

    @abstractmethod
    def query(self, sparql: str, bindings: dict[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query over the union graph, with the standard prefixes predeclared.

        Args:
            sparql: the query text, never built by formatting user input.
            bindings: values for variables (``{"org": NamedNode(...)}``), per SEP-0007.

        Raises:
            QuerySyntaxError: the query does not parse (the message gives line and column).
            QueryParameterError: a binding cannot be applied.
        """

    def flush(self) -> None:
        """Make written data durable (a no-op where writes are already durable)."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (and its lock); the object cannot be used afterwards."""

    def __enter__(self) -> "KgStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def value_rows(store, sparql: str):
    """A SELECT's solutions as dicts of lexical values (unbound variables are absent)."""
    results = store.query(sparql)
    names = [v.value for v in results.variables]
    for solution in results:
        yield {n: solution[n].value for n in names if solution[n] is not None}


def syntax_error(exc: SyntaxError, what: str = "SPARQL") -> QuerySyntaxError:
    """A QuerySyntaxError whose message gives line and column, from a parser's SyntaxError.

    >>> syntax_error(SyntaxError("error at 3:2: expected OPTIONAL")).message
    'SPARQL syntax error at line 3, column 2: expected OPTIONAL'
    """
    text = str(exc.args[0] if exc.args else exc)
    match = _POSITION.match(text)
    if match:
        line, column = match.group(1), match.group(2)
        detail = text[match.end():]
    else:
        line, column, detail = getattr(exc, "lineno", None), getattr(exc, "offset", None), text
    detail = " ".join(detail.split())
    if len(detail) > _MAX_MESSAGE:
        # The parser lists every acceptable character class; the start is what helps.
        detail = detail[:_MAX_MESSAGE].rstrip() + "…"
    where = f" at line {line}, column {column}" if line is not None else ""
    return QuerySyntaxError(f"{what} syntax error{where}: {detail}")
