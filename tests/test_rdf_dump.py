"""RDF dumps of the corpus store parse back, with pyoxigraph and with rdflib, to what the store holds."""

from __future__ import annotations

import io

import pytest
import rdflib
from pyoxigraph import Quad, RdfFormat, parse

from kg.errors import ExportError
from kg.export.rdf import FORMATS, dump, write
from kg.vocab import KG, SCHEMA

DISTINCT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class QueryOnly:
    """The corpus store seen through ``query`` alone, as a backend without raw access is."""

    def __init__(self, store) -> None:
        self.query = store.query


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


@pytest.fixture(scope="module")
def store(corpus_store):
    with corpus_store.open() as kg_store:
        yield kg_store


@pytest.fixture(scope="module")
def stored_quads(store) -> set[Quad]:
    return set(store.store.quads_for_pattern(None, None, None, None))


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_dataset_dumps_parse_back_to_the_stored_quads(store, stored_quads, fmt):
    parsed = list(parse(dump(store, fmt), FORMATS[fmt]))
    assert len(parsed) == count(store, QUADS) == len(stored_quads)
    assert set(parsed) == stored_quads


def test_turtle_is_the_union_graph_without_duplicates(store):
    data = dump(store, "turtle")
    triples = list(parse(data, RdfFormat.TURTLE))
    assert len(triples) == len(set(triples)) == count(store, DISTINCT_TRIPLES)
    # Facts stated by several articles are merged, so the union is smaller than the dataset.
    assert len(triples) < count(store, QUADS)
    text = data.decode("utf-8")
    assert f"@prefix kg: <{KG.iri}>" in text and f"@prefix schema: <{SCHEMA.iri}>" in text
    assert "schema:NewsArticle" in text


def test_rdflib_reads_the_turtle_and_jsonld_dumps(store):
    graph = rdflib.Graph().parse(data=dump(store, "turtle"), format="turtle")
    assert len(graph) == count(store, DISTINCT_TRIPLES)
    dataset = rdflib.Dataset().parse(data=dump(store, "jsonld"), format="json-ld")
    assert sum(1 for _ in dataset.quads()) == count(store, QUADS)
    named = {g.identifier for g in dataset.graphs() if len(g)}
    assert len(named) == count(store, GRAPHS)


def test_trig_keeps_one_named_graph_per_article_plus_entities(store):
    dataset = rdflib.Dataset().parse(data=dump(store, "trig"), format="trig")
    named = {g.identifier for g in dataset.graphs() if len(g)}
    assert len(named) == len(store.articles()) + 1
    assert f"@prefix kgr: <{store.prefixes['kgr']}>" in dump(store, "trig").decode("utf-8")


@pytest.mark.parametrize("fmt", ["turtle", "nquads"])
def test_a_backend_read_through_sparql_gives_the_same_dump(store, fmt):
    generic = set(parse(dump(QueryOnly(store), fmt), FORMATS[fmt]))
    assert generic == set(parse(dump(store, fmt), FORMATS[fmt]))


def test_write_streams_into_a_file(store, tmp_path):
    path = tmp_path / "corpus.nq"
    with path.open("wb") as out:
        write(store, "nquads", out)
    assert path.read_bytes() == dump(store, "nquads")


@pytest.mark.parametrize("fmt", ["xml", "ttl", ""])
def test_unknown_format_is_an_export_error(store, fmt):
    with pytest.raises(ExportError) as err:
        dump(store, fmt)
    assert err.value.code.startswith("KG4")
    assert "turtle" in str(err.value) and "jsonld" in str(err.value)


def test_a_closed_output_is_an_export_error(store):
    out = io.BytesIO()
    out.close()
    with pytest.raises(ExportError):
        write(store, "trig", out)
