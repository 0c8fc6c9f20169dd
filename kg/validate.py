"""SHACL validation of a kg store against ``kg/data/shapes.ttl``.

The store is read a batch of article graphs at a time into an rdflib graph, together with the
shared descriptions (entities graph) of the nodes the batch refers to, so memory stays bounded
whatever the size of the store. pySHACL checks the core constraints of each batch; the
``sh:sparql`` constraints are run by this module once per batch with ``$this`` free, because
pySHACL runs them once per focus node through rdflib's SPARQL engine (five minutes on the
62-article corpus instead of a few seconds). Finally the shared graphs are checked on their own.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode as OxBlankNode
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode
from pyshacl import validate as shacl_validate
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import BNode, Node, URIRef

from kg.errors import InputError
from kg.store.base import KgStore
from kg.vocab import PREFIXES, XSD

SHAPES_NS = "https://w3id.org/frtechkg/shapes#"
DEFAULT_BATCH = 50
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_TEMPLATE = re.compile(r"\{[?$](\w+)\}")
_MAX_VALUE = 60
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL validation result: a focus node that breaks a constraint of a shape."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: str
    value: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The results of validating a store (or one article), with what was read and how long."""

    violations: tuple[Violation, ...]
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0
    prefixes: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def conforms(self) -> bool:
        """True when no result has severity Violation (warnings do not fail a graph)."""
        return not any(v.severity == "Violation" for v in self.violations)

    def counts(self) -> dict[str, int]:
        """The number of results per severity."""
        out = {"Violation": 0, "Warning": 0, "Info": 0}
        for v in self.violations:
            out[v.severity] = out.get(v.severity, 0) + 1
        return out

    def format_text(self, limit: int | None = 50) -> str:
        """One line per result (up to ``limit``), then a summary line."""
        shown = self.violations if limit is None else self.violations[:limit]
        lines = [self._line(v) for v in shown]
        if len(shown) < len(self.violations):
            lines.append(f"… and {len(self.violations) - len(shown)} more")
        n = self.counts()
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(
            f"{verdict}: {n['Violation']} violations, {n['Warning']} warnings in {self.graphs} "
            f"graphs ({self.triples} triples), {self.seconds:.1f} s"
        )
        return "\n".join(lines)

    def _line(self, v: Violation) -> str:
        short = lambda s: _shorten(s, self.prefixes)  # noqa: E731
        path = f" {short(v.path)}" if v.path else ""
        value = f" (value {short(v.value)})" if v.value is not None else ""
        return f"{v.severity} {short(v.focus)}{path}: {v.message}{value} [{short(v.shape)}]"

    def to_json(self) -> str:
        """The report as a JSON document (conforms, counts, violations, graphs, triples, seconds)."""
        doc = {
            "conforms": self.conforms,
            "counts": self.counts(),
            "graphs": self.graphs,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "violations": [asdict(v) for v in self.violations],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class SparqlConstraint:
    """An ``sh:sparql`` constraint of a node shape, run with ``$this`` free."""

    shape: Node
    query: Query  # parsed once, run on every batch
    message: str
    severity: str
    targets: tuple[tuple[URIRef, Node], ...]


@dataclass(frozen=True)
class Shapes:
    """A shapes graph split into what pySHACL checks and the SPARQL constraints run here."""

    graph: rdflib.Graph  # the full shapes graph, for naming anonymous shapes
    core: rdflib.Graph  # without the sh:sparql constraints
    sparql: tuple[SparqlConstraint, ...]


def load_shapes(source: str | Path | rdflib.Graph | None = None) -> Shapes:
    """Load shapes from a Turtle file or an rdflib graph (default: kg's own shapes.ttl).

    Raises:
        InputError: the file cannot be read or is not valid Turtle.
    """
    if isinstance(source, rdflib.Graph):
        graph = source
    else:
        graph = _parse_shapes(source)
    core = rdflib.Graph()
    for triple in graph:
        core.add(triple)
    for shape, constraint in list(graph.subject_objects(SH.sparql)):
        core.remove((shape, SH.sparql, constraint))
    return Shapes(graph, core, tuple(_sparql_constraints(graph)))


def _parse_shapes(source: str | Path | None) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        if source is None:
            text = resources.files("kg.data").joinpath("shapes.ttl").read_text(encoding="utf-8")
            return graph.parse(data=text, format="turtle")
        return graph.parse(str(source), format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"cannot read SHACL shapes: {exc}", source=str(source)) from None


def _sparql_constraints(graph: rdflib.Graph) -> Iterator[SparqlConstraint]:
    """Every SELECT-based SPARQL constraint of the node shapes, parsed with its prefixes.

    Raises:
        InputError: a constraint's query does not parse.
    """
    for shape, node in graph.subject_objects(SH.sparql):
        select = graph.value(node, SH.select)
        if select is None or graph.value(node, SH.deactivated) == rdflib.Literal(True):
            continue
        heads = [f"PREFIX {p}: <{ns}>" for p, ns in _declared_prefixes(graph, node)]
        message = graph.value(node, SH.message) or graph.value(shape, SH.message)
        severity = graph.value(shape, SH.severity) or SH.Violation
        targets = tuple((t, o) for t in _TARGETS for o in graph.objects(shape, t))
        try:
            query = prepareQuery("\n".join([*heads, str(select)]))
        except Exception as exc:  # pyparsing raises its own exception types
            raise InputError(f"SPARQL constraint of {shape} does not parse: {exc}") from None
        yield SparqlConstraint(
            shape, query, str(message or "SPARQL constraint not met"), _local(severity), targets,
        )


def _declared_prefixes(graph: rdflib.Graph, node: Node) -> Iterator[tuple[str, str]]:
    for ontology in graph.objects(node, SH.prefixes):
        for decl in graph.objects(ontology, SH.declare):
            yield str(graph.value(decl, SH.prefix)), str(graph.value(decl, SH.namespace))


def validate_graph(graph: rdflib.Graph, shapes: Shapes | None = None) -> list[Violation]:
    """Validate an rdflib graph (one batch): pySHACL's core results plus the SPARQL ones."""
    shapes = shapes or load_shapes()
    _, results, _ = shacl_validate(
        graph, shacl_graph=shapes.core, inference="none", allow_warnings=True, allow_infos=True,
    )
    found = [_from_result(results, r, shapes.graph) for r in results.subjects(RDF.type, SH.ValidationResult)]
    for constraint in shapes.sparql:
        found.extend(_run_sparql(graph, constraint))
    return found


def _from_result(results: rdflib.Graph, r: Node, shapes: rdflib.Graph) -> Violation:
    """A Violation from one sh:ValidationResult of pySHACL's results graph."""
    path = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
    return Violation(
        focus=_text(results.value(r, SH.focusNode)),
        path=_text(path) if isinstance(path, URIRef) else ("(complex path)" if path else None),
        message=messages[0] if messages else "constraint not met",
        severity=_local(results.value(r, SH.resultSeverity) or SH.Violation),
        shape=_shape_name(shapes, results.value(r, SH.sourceShape)),
        value=_text(value) if value is not None else None,
    )


def _shape_name(shapes: rdflib.Graph, shape: Node | None) -> str:
    """The shape's IRI; for an anonymous property shape, the named shape that holds it."""
    seen = set()
    while isinstance(shape, BNode) and shape not in seen:
        seen.add(shape)
        parent = next(iter(shapes.subjects(SH.property, shape)), None)
        if parent is None:
            parent = next(iter(shapes.subjects(SH.node, shape)), None)
        if parent is None:
            return "(anonymous shape)"
        shape = parent
    return _text(shape) if shape is not None else "(anonymous shape)"


def _run_sparql(graph: rdflib.Graph, c: SparqlConstraint) -> Iterator[Violation]:
    """Rows of a SPARQL constraint over the whole graph, kept for the shape's focus nodes."""
    for row in graph.query(c.query):
        binding = row.asdict()
        this = binding.get("this")
        if this is None or not _is_focus(graph, this, c.targets):
            continue
        path, value = binding.get("path"), binding.get("value")
        yield Violation(
            focus=_text(this),
            path=_text(path) if path is not None else None,
            message=_TEMPLATE.sub(lambda m: _brief(binding.get(m.group(1))), c.message),
            severity=c.severity,
            shape=_text(c.shape),
            value=_text(value) if value is not None else None,
        )


def _is_focus(graph: rdflib.Graph, node: Node, targets: Iterable[tuple[URIRef, Node]]) -> bool:
    """Whether ``node`` is a focus node of a shape with these targets (SHACL 2.1.3)."""
    for kind, target in targets:
        if kind == SH.targetNode and node == target:
            return True
        if kind == SH.targetClass and (node, RDF.type, target) in graph:
            return True
        if kind == SH.targetSubjectsOf and (node, target, None) in graph:
            return True
        if kind == SH.targetObjectsOf and (None, target, node) in graph:
            return True
    return False


# --- reading the store ---------------------------------------------------------------------

_XSD_STRING = XSD.string.value


def to_rdflib(term) -> Node:
    """The rdflib term of a pyoxigraph term (``xsd:string`` literals become plain literals)."""
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, OxBlankNode):
        return BNode(term.value)
    if isinstance(term, OxLiteral):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def _graph_triples(store: KgStore, name: NamedNode) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of one named graph, through the store contract's query."""
    # The graph name comes from the store itself, never from user input; str() gives its
    # escaped N-Triples form.
    result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
    for t in result:
        yield to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)


def _shared_names(store: KgStore, articles: list[NamedNode]) -> list[NamedNode]:
    """The named graphs that are not an article's: the entities graph (and any stray one)."""
    known = set(articles)
    return [row["g"] for row in store.query(_GRAPHS) if row["g"] not in known]


def _shared_graph(store: KgStore, names: Iterable[NamedNode]) -> tuple[rdflib.Graph, int]:
    """The graphs that are not articles' (entities graph, strays) merged, and their quads."""
    graph, count = rdflib.Graph(), 0
    for name in names:
        for triple in _graph_triples(store, name):
            graph.add(triple)
            count += 1
    return graph, count


def _batch_graph(store: KgStore, articles: list[NamedNode], shared: rdflib.Graph) -> tuple[rdflib.Graph, int]:
    """A batch of article graphs plus the shared descriptions of the nodes they refer to."""
    graph, count, nodes = rdflib.Graph(), 0, set()
    for name in articles:
        for s, p, o in _graph_triples(store, name):
            graph.add((s, p, o))
            count += 1
            nodes.update(n for n in (s, o) if isinstance(n, URIRef))
    for node in nodes:
        for p, o in shared.predicate_objects(node):
            graph.add((node, p, o))
    return graph, count


def _batches(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), max(1, size)):
        yield items[i:i + max(1, size)]


def validate_store(store: KgStore, shapes: Shapes | str | Path | None = None, *,
                   batch_size: int = DEFAULT_BATCH) -> ValidationReport:
    """Validate the union of the store's graphs against the SHACL shapes.

    Args:
        store: an open store (read-only is enough).
        shapes: loaded shapes, a Turtle file, or None for kg's own ``shapes.ttl``.
        batch_size: article graphs read and checked together; bounds memory.

    Raises:
        StoreError: the store cannot be read.
        InputError: the shapes file cannot be read.
    """
    started = time.perf_counter()
    shapes = shapes if isinstance(shapes, Shapes) else load_shapes(shapes)
    articles = store.articles()
    others = _shared_names(store, articles)
    shared, triples = _shared_graph(store, others)
    found: set[Violation] = set()
    for batch in _batches(articles, batch_size):
        graph, count = _batch_graph(store, batch, shared)
        triples += count
        found.update(validate_graph(graph, shapes))
    if len(shared):
        found.update(validate_graph(shared, shapes))
    return _report(store, found, len(articles) + len(others), triples, started)


def validate_article(store: KgStore, article: NamedNode,
                     shapes: Shapes | str | Path | None = None) -> ValidationReport:
    """Validate one article's graph, with the descriptions of the entities it refers to.

    Raises:
        InputError: the store holds no such article.
    """
    started = time.perf_counter()
    shapes = shapes if isinstance(shapes, Shapes) else load_shapes(shapes)
    articles = store.articles()
    if article not in articles:
        raise InputError(f"no article {article.value} in the store", source=getattr(store, "path", None))
    shared, _ = _shared_graph(store, _shared_names(store, articles))
    graph, count = _batch_graph(store, [article], shared)
    return _report(store, set(validate_graph(graph, shapes)), 1, count, started)


def _report(store: KgStore, found: set[Violation], graphs: int, triples: int,
            started: float) -> ValidationReport:
    prefixes = {**PREFIXES, **store.prefixes, "kgsh": SHAPES_NS}
    return ValidationReport(tuple(sorted(found)), graphs, triples,
                            time.perf_counter() - started, prefixes)


# --- text ----------------------------------------------------------------------------------

def _text(term: Node | None) -> str:
    """A term as text: IRIs and blank nodes by their value, literals in double quotes."""
    if isinstance(term, rdflib.Literal):
        lang = f"@{term.language}" if term.language else ""
        return f'"{term}"{lang}'
    return str(term) if term is not None else ""


def _brief(term: Node | str | None) -> str:
    text = term if isinstance(term, str) else _text(term)
    return text if len(text) <= _MAX_VALUE else text[:_MAX_VALUE - 1] + "…"


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _shorten(text: str, prefixes: dict[str, str]) -> str:
    """An IRI as a prefixed name when a prefix fits; other text clipped to a readable length."""
    best = max((ns for ns in prefixes.values() if text.startswith(ns)), key=len, default=None)
    if best is not None:
        prefix = next(p for p, ns in prefixes.items() if ns == best)
        return f"{prefix}:{text[len(best):]}"
    return _brief(text)
