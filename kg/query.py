"""Saved queries (``queries/NAME.rq``), parameters as bindings, and result formatting.

A saved query starts with a comment header::

    # title: Qui travaille où
    # description: People and the organisations they work for.
    # param: ?orgLabel — label of the organisation (default: "RIM")

Parameters are passed to the store as bindings (SPARQL substitutions), never formatted into
the query text; a bound variable must appear in the query's SELECT clause.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    serialize,
)

from kg.errors import QueryError, QueryParameterError, UnknownQueryError
from kg.store.base import KgStore, QueryResult, Term
from kg.vocab import PREFIXES

FORMATS = ("table", "json", "csv", "tsv")
_RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
_HEADER_LINE = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^[?$](\w+)\s*(?:[—–:-]+\s*)?(.*?)\s*$")
_DEFAULT = re.compile(r"\s*\(default:\s*(.*?)\s*\)\s*$")
MAX_CELL = 60


@dataclass(frozen=True)
class Param:
    """A declared parameter: variable name (without ``?``), meaning and raw default (or None)."""

    name: str
    help: str
    default: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    """A ``queries/NAME.rq`` file and its header."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    path: Path


def parse_header(text: str) -> tuple[str, str, tuple[Param, ...]]:
    """(title, description, params) from the leading ``#`` comment lines of a query.

    >>> parse_header('# title: T\\n# param: ?org — the org (default: "RIM")\\nSELECT * {}')
    ('T', '', (Param(name='org', help='the org', default='"RIM"'),))
    """
    title, description, params = "", [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("#"):
            break
        match = _HEADER_LINE.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value
        elif key == "description":
            description.append(value)
        elif (param := _parse_param(value)) is not None:
            params.append(param)
    return title, " ".join(description), tuple(params)


def _parse_param(value: str) -> Param | None:
    match = _PARAM.match(value)
    if not match:
        return None
    name, rest = match.groups()
    default = None
    found = _DEFAULT.search(rest)
    if found:
        rest = rest[: found.start()]
        # "(default: none)" documents an optional parameter: it stays unbound.
        default = None if found.group(1).lower() in ("", "none") else found.group(1)
    return Param(name=name, help=rest.strip(), default=default)


def load(path: str | Path) -> SavedQuery:
    """Read one ``.rq`` file and its header."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnknownQueryError(f"cannot read query file ({exc})", source=str(path)) from None
    title, description, params = parse_header(text)
    return SavedQuery(path.stem, title, description, params, path)


def list_queries(directory: str | Path) -> list[SavedQuery]:
    """The saved queries of ``directory``, sorted by name (empty if it does not exist)."""
    folder = Path(directory)
    if not folder.is_dir():
        return []
    return [load(p) for p in sorted(folder.glob("*.rq"))]


def resolve(spec: str, directory: str | Path) -> str:
    """The text of a query given as a ``.rq`` path or as the NAME of a saved query.

    Raises:
        UnknownQueryError: no such file, or no saved query of that name (lists the names).
    """
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise UnknownQueryError("no such query file", source=spec)
        return path.read_text("utf-8")
    candidate = Path(directory) / f"{spec}.rq"
    if candidate.is_file():
        return candidate.read_text("utf-8")
    names = [q.name for q in list_queries(directory)]
    available = ", ".join(names) if names else f"none (no .rq files in {directory})"
    raise UnknownQueryError(
        f"unknown query {spec!r}; available: {available}; see `kg query --list`", source=spec
    )


def parse_value(raw: str) -> Term:
    """A parameter value as an RDF term: ``<…>`` is an IRI, anything else a plain literal.

    Surrounding double quotes are removed, as header defaults are written ``"RIM"``.

    >>> parse_value("<https://example.org/x>"), parse_value('"RIM"'), parse_value("RIM")
    (<NamedNode value=https://example.org/x>, <Literal value=RIM datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>, <Literal value=RIM datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>)
    """
    if raw.startswith("<") and raw.endswith(">"):
        try:
            return NamedNode(raw[1:-1])
        except ValueError as exc:
            raise QueryParameterError(f"invalid IRI {raw}: {exc}") from None
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        raw = raw[1:-1]
    return Literal(raw)


def bindings(
    text: str, given: Mapping[str, str] | None = None, *, source: str | None = None
) -> dict[str, Term]:
    """The bindings for a query: the values given, else the header defaults.

    Args:
        text: the query text (its header declares the parameters).
        given: ``{name: raw value}`` as typed by the user (``--param name=value``).
        source: the query's file or name, for error messages.

    Raises:
        QueryParameterError: a name the header does not declare (when it declares any), or
            an invalid IRI.
    """
    given = {k.lstrip("?$"): v for k, v in (given or {}).items()}
    declared = parse_header(text)[2]
    names = {p.name for p in declared}
    unknown = sorted(set(given) - names)
    if declared and unknown:
        raise QueryParameterError(
            f"unknown parameter(s) {', '.join(unknown)}; this query takes: "
            + ", ".join(sorted(names)),
            source=source,
        )
    raw = {p.name: p.default for p in declared if p.default is not None}
    raw.update(given)
    try:
        return {name: parse_value(value) for name, value in raw.items()}
    except QueryParameterError as exc:
        exc.source = exc.source or source
        raise


def run(
    store: KgStore, text: str, bindings: dict[str, Term] | None = None, *, source: str | None = None
) -> QueryResult:
    """Run a query on the store; errors name ``source`` (the query file or name)."""
    try:
        return store.query(text, bindings)
    except QueryError as exc:
        if exc.source is None:
            exc.source = source
        raise


def format_result(
    result: QueryResult, fmt: str = "table", prefixes: Mapping[str, str] | None = None
) -> str:
    """Render a result (consuming it): table, or W3C SPARQL results JSON, CSV or TSV.

    ASK gives ``true``/``false`` (JSON: ``{"head":{},"boolean":…}``); CONSTRUCT and DESCRIBE
    give Turtle whatever the format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    prefixes = dict(PREFIXES if prefixes is None else prefixes)
    try:
        if isinstance(result, QueryBoolean):
            if fmt == "table":
                return "true" if bool(result) else "false"
            return result.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
        if not isinstance(result, QuerySolutions):
            return serialize(list(result), format=RdfFormat.TURTLE, prefixes=prefixes).decode()
        if fmt == "table":
            return table(result, prefixes)
        return result.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed while reading results: {exc}") from None


def table(solutions: QuerySolutions, prefixes: Mapping[str, str]) -> str:
    """An aligned plain-text table, IRIs shortened with ``prefixes``, literals as text."""
    names = [v.value for v in solutions.variables]
    rows = [[shorten(sol[v], prefixes) for v in solutions.variables] for sol in solutions]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [_line(names, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def shorten(term: object, prefixes: Mapping[str, str]) -> str:
    """A term for display: ``prefix:local`` for known namespaces, literal values as text.

    >>> shorten(NamedNode("https://w3id.org/frtechkg/ontology#worksFor"), PREFIXES)
    'kg:worksFor'
    >>> shorten(Literal("Le  constructeur\\ncanadien", language="fr"), PREFIXES)
    'Le constructeur canadien'
    """
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        iri = term.value
        for prefix, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return _clip(f"{prefix}:{iri[len(ns):]}")
        return _clip(f"<{iri}>")
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return _clip(" ".join(term.value.split()))
    return _clip(str(term))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _width(text: str) -> int:
    # Wide (CJK, emoji) characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()
