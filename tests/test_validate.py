"""SHACL validation: the corpus graph conforms, and each kind of broken graph is caught."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.build import ArticleGraph, GraphBuilder
from kg.errors import InputError
from kg.model import PREDICATES, Article, Entity, Event, Extraction, Mention, Quote, Relation
from kg.store import OxigraphStore
from kg.validate import ValidationReport, load_shapes, validate_article, validate_store
from kg.vocab import KG, NIF, OWL, RDF, SCHEMA, XSD, Minter

M = Minter()
TEXT = (
    "Orbitel recrute à Lyon\n"
    "Claire Martin, ingénieure chez Orbitel, présente Nimbus OS, le système conçu par Orbitel "
    "à Lyon. « Nous voulons doubler l'équipe », a-t-elle déclaré. Vexa reste en retrait."
)
PERSON, ORG, PLACE, PRODUCT, RIVAL = (
    "person/claire-martin", "organization/orbitel", "place/lyon", "product/nimbus-os",
    "organization/vexa",
)
ENTITIES = (
    Entity(PERSON, "Claire Martin", "Person"),
    Entity(ORG, "Orbitel", "Organization", aliases=("la société lyonnaise",)),
    Entity(PLACE, "Lyon", "Place", qid="Q456"),
    Entity(PRODUCT, "Nimbus OS", "Product"),
    Entity(RIVAL, "Vexa", "Organization"),
)
SHAPES = load_shapes()


def _span(text: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(text, start)
    return begin, begin + len(text)


def _mentions() -> tuple[Mention, ...]:
    found = []
    for key, surface in ((PERSON, "Claire Martin"), (ORG, "Orbitel"), (PLACE, "Lyon"),
                         (PRODUCT, "Nimbus OS"), (RIVAL, "Vexa")):
        begin, end = _span(surface)
        found.append(Mention(begin, end, surface, key))
    return tuple(found)


def _relation(subject: str, predicate: str, obj: str) -> Relation:
    sentence = TEXT.splitlines()[1].split(" « ")[0]
    begin, end = _span(sentence)
    return Relation(subject, predicate, obj, sentence, begin, end, 0.85, "test-rule")


def extraction(relations: tuple[Relation, ...] | None = None) -> Extraction:
    """A small, correct extraction of TEXT, written by hand."""
    quote_text = "Nous voulons doubler l'équipe"
    q_begin, q_end = _span(quote_text)
    sentence = TEXT.splitlines()[1].split(" « ")[0]
    s_begin, s_end = _span(sentence)
    article = Article(id="test-orbitel", text=TEXT, title=TEXT.splitlines()[0],
                      date=dt.date(2024, 3, 1), url="https://example.org/orbitel",
                      author="Camille Roux", site="Exemple Tech", summary_only=True)
    return Extraction(
        article=article,
        entities=ENTITIES,
        mentions=_mentions(),
        relations=relations if relations is not None else (
            _relation(PERSON, "worksFor", ORG),
            _relation(PRODUCT, "madeBy", ORG),
            _relation(ORG, "basedIn", PLACE),
        ),
        quotes=(Quote(PERSON, quote_text, q_begin, q_end, rule="test-quote"),),
        events=(Event("ProductLaunch", ORG, sentence, s_begin, s_end, date="2024-03",
                      place=PLACE, rule="test-event"),),
    )


def _store(tmp_path: Path, graph: ArticleGraph) -> OxigraphStore:
    store = OxigraphStore(tmp_path / "store")
    store.replace_article(graph)
    return store


def _node(quads, kind: str) -> NamedNode:
    """The first node of an article graph whose IRI has ``/kind/`` (evidence, mention, event)."""
    return next(q.subject for q in quads if f"/{kind}/" in q.subject.value)


@pytest.fixture
def good() -> ArticleGraph:
    return GraphBuilder().build(extraction())


def test_hand_built_graph_conforms(tmp_path, good):
    with _store(tmp_path, good) as store:
        report = validate_store(store, SHAPES)
    assert report.violations == (), report.format_text()
    assert report.conforms
    assert report.graphs == 2  # the article and the entities graph
    assert report.triples == len(good.quads) + len(good.entity_quads)


def _set_confidence(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    ev = _node(g.quads, "evidence")
    quads = [Quad(q.subject, q.predicate, Literal("1.7", datatype=XSD.decimal), q.graph_name)
             if q.subject == ev and q.predicate == KG.confidence else q for q in g.quads]
    return dataclasses.replace(g, quads=tuple(quads)), ev.value


def _two_classes(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    org = M.entity(ORG)
    extra = Quad(org, RDF.type, SCHEMA.Place, M.entities_graph)
    return dataclasses.replace(g, entity_quads=(*g.entity_quads, extra)), org.value


def _no_hash(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    quads = tuple(q for q in g.quads if q.predicate != KG.contentHash)
    return dataclasses.replace(g, quads=quads), g.iri.value


def _works_for_between_orgs(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    broken = GraphBuilder().build(extraction((_relation(ORG, "worksFor", RIVAL),)))
    return broken, M.entity(ORG).value


def _same_as_wikipedia(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    place = M.entity(PLACE)
    link = Quad(place, OWL.sameAs, NamedNode("https://fr.wikipedia.org/wiki/Lyon"), M.entities_graph)
    return dataclasses.replace(g, entity_quads=(*g.entity_quads, link)), place.value


def _mention_offsets_shifted(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    men = _node(g.quads, "mention")
    quads = [Quad(q.subject, q.predicate, Literal(str(int(q.object.value) + 1), datatype=XSD.integer),
                  q.graph_name)
             if q.subject == men and q.predicate.value.endswith("#beginIndex") else q for q in g.quads]
    return dataclasses.replace(g, quads=tuple(quads)), men.value


def _relation_without_evidence(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    extra = Quad(M.entity(PRODUCT), KG.competitorOf, M.entity(RIVAL), g.iri)
    return dataclasses.replace(g, quads=(*g.quads, extra)), M.entity(PRODUCT).value


def _event_date_in_french_form(g: ArticleGraph) -> tuple[ArticleGraph, str]:
    event = _node(g.quads, "event")
    quads = [Quad(q.subject, q.predicate, Literal("01/03/2024"), q.graph_name)
             if q.predicate == KG.date else q for q in g.quads]
    return dataclasses.replace(g, quads=tuple(quads)), event.value


@pytest.mark.parametrize("breaker, path, shape, words", [
    (_set_confidence, KG.confidence.value, "ConfidenceShape", "[0, 1]"),
    (_two_classes, RDF.type.value, "EntityShape", "exactly one of schema:Person"),
    (_no_hash, KG.contentHash.value, "NewsArticleShape", "SHA-256"),
    (_works_for_between_orgs, None, "WorksForShape", "subject must be a schema:Person"),
    (_same_as_wikipedia, OWL.sameAs.value, "EntityShape", "Wikidata"),
    (_mention_offsets_shifted, NIF.anchorOf.value, "MentionShape", "not the article text"),
    (_relation_without_evidence, KG.competitorOf.value, "RelationEvidenceShape", "no kg:Evidence"),
    (_event_date_in_french_form, KG.date.value, "EventShape", "YYYY-MM-DD"),
], ids=lambda x: x.__name__.strip("_") if callable(x) else None)
def test_broken_graph_names_the_focus_node(tmp_path, good, breaker: Callable, path, shape, words):
    broken, focus = breaker(good)
    with _store(tmp_path, broken) as store:
        report = validate_store(store, SHAPES)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == focus and v.shape.endswith("#" + shape)]
    assert hits, report.format_text()
    assert any(v.path == path and words in v.message for v in hits), report.format_text()
    assert all(v.severity == "Violation" for v in report.violations)


SPLIT = " « Lyon d'abord », a-t-elle ajouté, « Paris ensuite »."


def _split_quote_graph(last: str) -> ArticleGraph:
    """TEXT with a quotation an incise splits, stored as "A […] ``last``" over its whole span."""
    x = extraction()
    text = TEXT + SPLIT
    begin = text.index("Lyon d'abord")
    end = text.index("Paris ensuite") + len("Paris ensuite")
    quote = Quote(PERSON, f"Lyon d'abord […] {last}", begin, end, rule="test-quote")
    article = dataclasses.replace(x.article, text=text)
    return GraphBuilder().build(dataclasses.replace(x, article=article, quotes=(*x.quotes, quote)))


def test_a_quote_split_by_an_incise_conforms_and_its_parts_are_checked(tmp_path):
    (tmp_path / "ok").mkdir()
    (tmp_path / "bad").mkdir()
    with _store(tmp_path / "ok", _split_quote_graph("Paris ensuite")) as store:
        assert validate_store(store, SHAPES).conforms
    with _store(tmp_path / "bad", _split_quote_graph("Paris toujours")) as store:
        report = validate_store(store, SHAPES)
    assert not report.conforms
    assert any(v.shape.endswith("#QuoteShape") and "not the article text" in v.message
               for v in report.violations), report.format_text()

def test_odd_url_is_only_a_warning(tmp_path, good):
    quads = tuple(Quad(q.subject, q.predicate, Literal("www.example.org/orbitel"), q.graph_name)
                  if q.predicate == SCHEMA.url else q for q in good.quads)
    with _store(tmp_path, dataclasses.replace(good, quads=quads)) as store:
        report = validate_store(store, SHAPES)
    assert report.conforms
    assert report.counts() == {"Violation": 0, "Warning": 1, "Info": 0}
    (warning,) = report.violations
    assert (warning.focus, warning.path) == (good.iri.value, SCHEMA.url.value)


def test_text_and_json_reports(tmp_path, good):
    broken, evidence = _set_confidence(good)
    with _store(tmp_path, broken) as store:
        report = validate_store(store, SHAPES)
    lines = report.format_text().splitlines()
    assert len(lines) == len(report.violations) + 1
    short_evidence = "kgr:" + evidence.removeprefix(M.resource)
    assert lines[0] == (f"Violation {short_evidence} kg:confidence: at most one xsd:decimal or "
                        'xsd:double in [0, 1] (value "1.7") [kgsh:ConfidenceShape]')
    assert lines[-1].startswith("does not conform: 1 violations, 0 warnings in 2 graphs")
    assert report.format_text(limit=0).splitlines()[0] == "… and 1 more"
    doc = json.loads(report.to_json())
    assert doc["conforms"] is False
    assert doc["violations"][0]["focus"] == evidence
    assert doc["violations"][0]["value"] == '"1.7"'


def _other_article(relations: tuple[Relation, ...]) -> ArticleGraph:
    x = extraction(relations)
    return GraphBuilder().build(dataclasses.replace(
        x, article=dataclasses.replace(x.article, id="test-other")))


def test_validate_article_reports_only_that_article(tmp_path, good):
    # The other article states another relation of the same entities: read into this
    # article's check, its triple would lack its evidence.
    broken, _ = _no_hash(_other_article((_relation(PERSON, "leads", ORG),)))
    with _store(tmp_path, good) as store:
        store.replace_article(broken)
        assert not validate_store(store, SHAPES).conforms
        clean = validate_article(store, good.iri, SHAPES)
        dirty = validate_article(store, broken.iri, SHAPES)
    assert isinstance(clean, ValidationReport) and clean.conforms, clean.format_text()
    assert [v.focus for v in dirty.violations] == [broken.iri.value]
    assert clean.triples == len(good.quads)


def test_validate_article_of_an_unknown_article_is_an_input_error(tmp_path, good):
    with _store(tmp_path, good) as store, pytest.raises(InputError, match="no article"):
        validate_article(store, M.article("nowhere"), SHAPES)


def test_small_batches_give_the_same_report(tmp_path, good):
    broken, _ = _set_confidence(_other_article((_relation(PERSON, "leads", ORG),)))
    with _store(tmp_path, good) as store:
        store.replace_article(broken)
        one = validate_store(store, SHAPES, batch_size=1)
        all_ = validate_store(store, SHAPES, batch_size=50)
    assert one.violations == all_.violations and len(one.violations) == 1


def test_unreadable_shapes_file_is_an_input_error(tmp_path):
    bad = tmp_path / "shapes.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read SHACL shapes"):
        load_shapes(bad)


@pytest.mark.slow
def test_corpus_graph_conforms(corpus_store):
    with corpus_store.open() as store:
        report = validate_store(store)
        articles = len(store.articles())
    assert report.violations == (), report.format_text(limit=20)
    assert report.conforms
    assert report.graphs == articles + 1  # every article graph and the entities graph


def _classes(graph, node) -> set[str]:
    """The classes a shape or an ontology domain/range names: one class, or a union of them."""
    from rdflib.collection import Collection
    from rdflib.namespace import OWL as ROWL, SH

    if (node, SH["class"], None) in graph:
        return {str(graph.value(node, SH["class"]))}
    inner = graph.value(node, SH.node) or graph.value(node, ROWL.unionOf)
    if inner is None:
        return {str(node)}
    if (node, ROWL.unionOf, None) in graph:
        return {str(c) for c in Collection(graph, inner)}
    qualified = graph.value(graph.value(inner, SH.property), SH.qualifiedValueShape)
    return {str(c) for c in Collection(graph, graph.value(qualified, SH["in"]))}


@pytest.mark.parametrize("predicate", PREDICATES)
def test_relation_shapes_agree_with_the_ontology(predicate):
    import rdflib
    from rdflib.namespace import RDFS as RRDFS, SH

    ontology = rdflib.Graph().parse(Path(__file__).parents[1] / "kg" / "data" / "ontology.ttl")
    shapes, term = SHAPES.graph, rdflib.URIRef(KG[predicate].value)
    ((shape, prop),) = [(s, p) for s in shapes.subjects(SH.targetSubjectsOf, term)
                        for p in shapes.objects(s, SH.property) if shapes.value(p, SH.path) == term]
    assert _classes(shapes, shape) == _classes(ontology, ontology.value(term, RRDFS.domain))
    assert _classes(shapes, prop) == _classes(ontology, ontology.value(term, RRDFS.range))


def test_every_vocabulary_term_is_constrained_by_a_shape():
    used = {str(t) for triple in SHAPES.graph for t in triple}
    used |= {word for text in map(str, SHAPES.graph.objects()) for word in text.split()}
    missing = [name for name, term in KG.terms().items()
               if term.value not in used and f"kg:{name}" not in used]
    assert missing == []
