"""The reference article end to end: real model, real ingest, real Oxigraph store, read in SPARQL.

The seed (``../shared/seed/000_5f6b052bc33bd45f.txt``, copied as ``corpus/`` with its sibling
``.json`` giving the date 2012-09-24) is ingested once per session with the rest of the corpus
(see ``corpus_store`` in conftest.py); every assertion reads the store through the public
vocabulary of ``../shared/VOCABULARY.md``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, Quad, RdfFormat, serialize

from kg.build import GraphBuilder
from kg.nlp import annotate
from kg.extract import extract
from kg.sources import read_paths
from kg.store import open_store
from kg.vocab import XSD, Minter, content_hash

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"
SEED_ID = "000_5f6b052bc33bd45f"
SEED = CORPUS / f"{SEED_ID}.txt"

MINT = Minter()
ARTICLE = MINT.article(SEED_ID)
ENTITIES_GRAPH = MINT.entities_graph


@pytest.fixture(scope="module")
def store(corpus_store):
    with corpus_store.open() as kg_store:
        yield kg_store


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text("utf-8")


def rows(store, sparql: str, **bindings) -> list[dict]:
    """Solutions as dicts of terms; bindings go in as SPARQL substitutions, never as text."""
    result = store.query(sparql, bindings or None)
    names = [v.value for v in result.variables]
    return [{n: sol[n] for n in names} for sol in result]


def in_seed(store, sparql: str) -> list[dict]:
    """Rows of a query whose ``?a`` is the seed article's graph."""
    return [r for r in rows(store, sparql, a=ARTICLE) if r["a"] == ARTICLE]


def test_corpus_copy_is_the_shared_seed(seed_text):
    assert (SHARED / "seed" / f"{SEED_ID}.txt").read_text("utf-8") == seed_text
    assert '"date": "2012-09-24"' in (CORPUS / f"{SEED_ID}.json").read_text("utf-8")


def test_article_node(store, seed_text):
    found = in_seed(store, """
        SELECT ?a ?headline ?date ?lang ?hash ?text WHERE { GRAPH ?a {
          ?a a schema:NewsArticle ; schema:headline ?headline ; schema:datePublished ?date ;
             schema:inLanguage ?lang ; kg:contentHash ?hash ; schema:text ?text } }""")
    assert len(found) == 1
    row = found[0]
    assert row["headline"].value == seed_text.splitlines()[0]
    assert row["date"] == Literal("2012-09-24", datatype=XSD.date)
    assert row["lang"].value == "fr"
    assert row["text"].value == seed_text
    assert row["hash"].value == content_hash(seed_text)


def test_analyst_works_for_idc_with_evidence(store):
    found = in_seed(store, """
        SELECT ?a ?sentence ?begin ?end ?confidence ?extractor ?text WHERE {
          GRAPH ?a {
            ?p kg:worksFor ?o .
            ?ev a kg:Evidence ; kg:subject ?p ; kg:predicate kg:worksFor ; kg:object ?o ;
                kg:sentence ?sentence ; nif:beginIndex ?begin ; nif:endIndex ?end ;
                kg:confidence ?confidence ; kg:extractor ?extractor ; prov:wasDerivedFrom ?a .
            ?a schema:text ?text .
          }
          ?p a schema:Person ; rdfs:label ?pl . FILTER(STR(?pl) = "Francisco Geronimo")
          ?o a schema:Organization ; rdfs:label ?ol . FILTER(STR(?ol) = "IDC")
        }""")
    assert found, "no kg:worksFor from Francisco Geronimo to IDC with evidence in the seed graph"
    for row in found:
        sentence, text = row["sentence"].value, row["text"].value
        assert "Francisco Geronimo" in sentence
        assert text[int(row["begin"].value):int(row["end"].value)] == sentence
        assert row["confidence"].datatype == XSD.decimal
        assert 0.0 < float(row["confidence"].value) <= 1.0
        assert row["extractor"].value.strip()


def test_blackberry_10_made_by_rim(store):
    found = in_seed(store, """
        SELECT ?a ?org WHERE {
          GRAPH ?a { ?prod kg:madeBy ?org .
                     ?ev kg:subject ?prod ; kg:predicate kg:madeBy ; kg:object ?org }
          ?prod a schema:Product ; rdfs:label ?pl . FILTER(STR(?pl) = "BlackBerry 10")
          ?org a schema:Organization ; rdfs:label ?ol ; skos:altLabel ?alt .
          FILTER(STR(?ol) = "Research In Motion" && STR(?alt) = "RIM")
        }""")
    assert found


def test_rim_based_in_canada(store):
    found = in_seed(store, """
        SELECT ?a WHERE {
          GRAPH ?a { ?org kg:basedIn ?place .
                     ?ev a kg:Evidence ; kg:subject ?org ; kg:predicate kg:basedIn ; kg:object ?place }
          ?org rdfs:label ?ol . FILTER(STR(?ol) = "Research In Motion")
          ?place a schema:Place ; rdfs:label ?pl . FILTER(STR(?pl) = "Canada")
        }""")
    assert found


QUOTES = """
    SELECT ?a ?text ?speaker ?outlet WHERE {
      GRAPH ?a { ?q a kg:Quote ; kg:text ?text ; kg:speaker ?s ; prov:wasDerivedFrom ?a }
      ?s rdfs:label ?sl . BIND(STR(?sl) AS ?speaker)
      OPTIONAL { GRAPH ?a { ?q kg:reportedBy ?r } ?r rdfs:label ?rl }
      BIND(STR(?rl) AS ?outlet)
    }"""


def quote(store, starts: str) -> dict:
    found = [r for r in in_seed(store, QUOTES) if r["text"].value.startswith(starts)]
    assert len(found) == 1, f"expected one quote starting {starts!r}, found {found}"
    return found[0]


def test_analyst_quote_reported_by_reuters(store):
    row = quote(store, "Cette panne ne pouvait pas")
    assert row["speaker"].value == "Francisco Geronimo"
    assert row["outlet"].value == "Reuters"


def test_apology_quote_spoken_by_rim(store):
    row = quote(store, "Nos excuses")
    assert row["speaker"].value == "Research In Motion"
    assert row["outlet"] is None  # a press release: no outlet (gold: reported_by null)


def test_outage_of_rim_in_emea_on_21_september(store):
    found = in_seed(store, """
        SELECT ?a ?date WHERE {
          GRAPH ?a { ?e a kg:Event, kg:Outage ; kg:agent ?org ; kg:date ?date ; kg:place ?place ;
                        prov:wasDerivedFrom ?a }
          ?org rdfs:label ?ol . FILTER(STR(?ol) = "Research In Motion")
          ?place a schema:Place ; rdfs:label ?pl . FILTER(STR(?pl) = "EMEA")
        }""")
    assert "2012-09-21" in {r["date"].value for r in found}


def test_every_mention_slices_the_text_to_its_anchor(store, seed_text):
    found = in_seed(store, """
        SELECT ?a ?anchor ?begin ?end ?entity WHERE { GRAPH ?a {
          ?m a nif:Phrase ; nif:referenceContext ?a ; nif:anchorOf ?anchor ;
             nif:beginIndex ?begin ; nif:endIndex ?end ; itsrdf:taIdentRef ?entity } }""")
    assert len(found) >= 30  # RIM alone is named or described a dozen times
    for row in found:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert seed_text[begin:end] == row["anchor"].value, (begin, end)
    anchors = {r["anchor"].value for r in found}
    assert {"RIM", "Research In Motion", "Francisco Geronimo", "EMEA", "Reuters"} <= anchors


def test_every_evidence_event_and_quote_offset_slices_the_text(store, seed_text):
    found = in_seed(store, """
        SELECT ?a ?kind ?span ?begin ?end WHERE { GRAPH ?a {
          { ?n a kg:Evidence ; kg:sentence ?span } UNION { ?n a kg:Event ; kg:sentence ?span }
          UNION { ?n a kg:Quote ; kg:text ?span }
          ?n a ?kind ; nif:beginIndex ?begin ; nif:endIndex ?end } }""")
    assert found
    for row in found:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert seed_text[begin:end] == row["span"].value


def test_one_named_graph_per_article_plus_entities(store, corpus_store):
    graphs = {r["g"] for r in rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    articles = {r["a"] for r in rows(
        store, "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } }")}
    assert ARTICLE in articles
    assert graphs == articles | {ENTITIES_GRAPH}
    written = re.search(r"^(\d+) new", corpus_store.first_run.stderr, re.M)
    assert written and len(articles) == int(written.group(1))
    # Each article graph describes exactly one article: itself.
    per_graph = rows(store, """
        SELECT ?g (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a schema:NewsArticle } }
        GROUP BY ?g""")
    assert {int(r["n"].value) for r in per_graph} == {1}
    assert not list(store.store.quads_for_pattern(None, None, None, DefaultGraph()))


def test_entities_have_exactly_one_class(store):
    multi = rows(store, """
        SELECT ?e WHERE { GRAPH ?g { ?e a ?t } VALUES ?t { schema:Person schema:Organization
                                                         schema:Place schema:Product } }
        GROUP BY ?e HAVING (COUNT(DISTINCT ?t) != 1)""")
    assert multi == []
    untyped = rows(store, """
        SELECT DISTINCT ?e WHERE { GRAPH ?g { ?m itsrdf:taIdentRef ?e }
          FILTER NOT EXISTS { ?e a ?t } }""")
    assert untyped == []


def _build_seed(nlp):
    """The seed's ArticleGraph, from a fresh pass of the real pipeline."""
    article = next(read_paths([str(SEED)]))
    doc = next(annotate(nlp, [(article.text, article.date)]))
    return GraphBuilder().build(extract(doc, article))


def _rdflib_graph(quads):
    import rdflib

    triples = [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]
    return rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES).decode(),
                                format="nt")


def test_building_twice_gives_the_same_graph(nlp):
    from rdflib.compare import isomorphic

    first, second = _build_seed(nlp), _build_seed(nlp)
    assert first.iri == second.iri == ARTICLE
    assert first.content_hash == second.content_hash
    assert set(first.quads) == set(second.quads)
    assert set(first.entity_quads) == set(second.entity_quads)
    assert isomorphic(_rdflib_graph(first.quads), _rdflib_graph(second.quads))
    assert len(set(first.quads)) > 100


def test_stored_graph_is_what_the_builder_builds(nlp, store):
    """The `kg ingest` subprocess wrote exactly this process's build (another hash seed)."""
    built = _build_seed(nlp)
    stored = store.store.quads_for_pattern(None, None, None, ARTICLE)
    assert {_by_value(q) for q in stored} == {_by_value(q) for q in built.quads}
    entities = {_by_value(q) for q in store.store.quads_for_pattern(None, None, None, ENTITIES_GRAPH)}
    assert {_by_value(q) for q in built.entity_quads} <= entities


def _by_value(quad: Quad) -> tuple:
    """A quad as a comparable tuple; xsd:decimal by value, since Oxigraph stores the
    canonical lexical form ("0.80" is read back as "0.8")."""
    obj = quad.object
    if isinstance(obj, Literal) and obj.datatype == XSD.decimal:
        obj = ("decimal", Decimal(obj.value))
    return (quad.subject, quad.predicate, obj, quad.graph_name)


def test_one_label_per_entity_across_articles(analyse, tmp_path):
    texts = {"a": "Hélène Lefèvre a rejoint la direction de Qonto en janvier.",
             "b": "Helene Lefevre a rejoint la direction de Qonto en janvier."}
    with open_store(_settings(tmp_path / "store")) as kg_store:
        for ident, text in texts.items():
            kg_store.replace_article(GraphBuilder().build(analyse(text, None, ident)))
        person = MINT.entity("person/helene-lefevre")
        labels = rows(kg_store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", e=person)
        alts = rows(kg_store, "SELECT ?e ?l WHERE { ?e skos:altLabel ?l }", e=person)
    assert len(labels) == 1
    assert {r["l"].value for r in labels + alts} == {"Hélène Lefèvre", "Helene Lefevre"}


def _settings(path):
    from kg.config import Settings

    return Settings(store=str(path))
