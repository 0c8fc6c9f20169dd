"""The ontology file declares exactly the kg: vocabulary, in French and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Store

from kg.model import EVENT_TYPES, PREDICATES, SYMMETRIC_PREDICATES
from kg.vocab import KG, OWL, RDF, RDFS, SCHEMA

ONTOLOGY = Path(__file__).resolve().parents[1] / "kg" / "data" / "ontology.ttl"
OWL_NS = OWL.iri
DECLARATIONS = {
    NamedNode(OWL_NS + "Class"),
    NamedNode(OWL_NS + "ObjectProperty"),
    NamedNode(OWL_NS + "DatatypeProperty"),
    NamedNode(OWL_NS + "AnnotationProperty"),
    NamedNode(RDF.iri + "Property"),
    NamedNode(RDFS.iri + "Class"),
}


@pytest.fixture(scope="module")
def onto() -> Store:
    store = Store()
    store.load(path=str(ONTOLOGY), format=RdfFormat.TURTLE)
    return store


def _objects(store: Store, s: NamedNode, p: NamedNode) -> list:
    return [q.object for q in store.quads_for_pattern(s, p, None)]


def _declared(store: Store) -> set[str]:
    found = set()
    for q in store.quads_for_pattern(None, RDF.type, None):
        if q.object in DECLARATIONS and isinstance(q.subject, NamedNode):
            found.add(q.subject.value)
    return found


def test_is_a_versioned_owl_ontology(onto: Store) -> None:
    head = NamedNode("https://w3id.org/frtechkg/ontology")
    assert NamedNode(OWL_NS + "Ontology") in _objects(onto, head, RDF.type)
    assert _objects(onto, head, NamedNode(OWL_NS + "versionInfo"))


@pytest.mark.parametrize("name", sorted(KG.terms()))
def test_every_vocab_term_is_declared_with_labels_and_comments(onto: Store, name: str) -> None:
    term = KG[name]
    assert term.value in _declared(onto), f"kg:{name} is not declared as a class or property"
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in _objects(onto, term, prop) if isinstance(o, Literal)}
        assert {"fr", "en"} <= langs, f"kg:{name} lacks an @fr or @en {prop.value}"


def test_nothing_declared_outside_the_vocabulary(onto: Store) -> None:
    in_ns = {iri for iri in _declared(onto) if iri.startswith(KG.iri)}
    known = {t.value for t in KG.terms().values()}
    assert in_ns - known == set()
    # and every kg: subject at all (not only declared ones) is a known term
    subjects = {q.subject.value for q in onto if isinstance(q.subject, NamedNode)}
    assert {s for s in subjects if s.startswith(KG.iri)} <= known


def test_event_types_are_subclasses_of_event(onto: Store) -> None:
    sub_class_of = NamedNode(RDFS.iri + "subClassOf")
    for name in EVENT_TYPES:
        assert KG.Event in _objects(onto, KG[name], sub_class_of), name


def test_relations_have_domain_and_range(onto: Store) -> None:
    domain, range_ = NamedNode(RDFS.iri + "domain"), NamedNode(RDFS.iri + "range")
    for name in PREDICATES:
        assert _objects(onto, KG[name], domain), name
        assert _objects(onto, KG[name], range_), name
    assert _objects(onto, KG.worksFor, domain) == [SCHEMA.Person]
    assert _objects(onto, KG.worksFor, range_) == [SCHEMA.Organization]
    assert _objects(onto, KG.madeBy, domain) == [SCHEMA.Product]
    assert _objects(onto, KG.basedIn, range_) == [SCHEMA.Place]


def test_symmetric_predicates_are_owl_symmetric(onto: Store) -> None:
    symmetric = NamedNode(OWL_NS + "SymmetricProperty")
    declared = {q.subject.value for q in onto.quads_for_pattern(None, RDF.type, symmetric)}
    assert declared == {KG[name].value for name in SYMMETRIC_PREDICATES}
