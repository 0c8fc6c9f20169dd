"""Hand-built article graphs (no NLP) for the store, query, stats and CLI tests."""

from __future__ import annotations

from pyoxigraph import Literal, Quad

from kg.build import ArticleGraph
from kg.config import Settings
from kg.store import KgStore, open_store
from kg.vocab import KG, NIF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, Minter, content_hash, entity_key

MINT = Minter()
RIM = MINT.entity(entity_key("Organization", "Research In Motion"))
HEINS = MINT.entity(entity_key("Person", "Thorsten Heins"))
IDC = MINT.entity(entity_key("Organization", "IDC"))
ANALYST = MINT.entity(entity_key("Person", "Francisco Geronimo"))
EMEA = MINT.entity(entity_key("Place", "EMEA"))
BLACKBERRY = MINT.entity(entity_key("Product", "BlackBerry"))


def fr(text: str) -> Literal:
    return Literal(text, language="fr")


def entity_quads() -> list[Quad]:
    g = MINT.entities_graph
    rows = [
        (RIM, "Organization", "Research In Motion", ["RIM", "le constructeur canadien"]),
        (HEINS, "Person", "Thorsten Heins", []),
        (IDC, "Organization", "IDC", []),
        (ANALYST, "Person", "Francisco Geronimo", []),
        (EMEA, "Place", "EMEA", []),
        (BLACKBERRY, "Product", "BlackBerry", []),
    ]
    quads = []
    for iri, type_, label, aliases in rows:
        quads += [Quad(iri, RDF.type, SCHEMA[type_], g), Quad(iri, RDFS.label, fr(label), g)]
        quads += [Quad(iri, SKOS.altLabel, fr(a), g) for a in aliases]
    return quads


def article_graph(article_id: str, text: str, relations=(), events=(), quotes=0) -> ArticleGraph:
    """An article graph with headline, hash, text, mentions, relations with evidence, events."""
    a = MINT.article(article_id)
    quads = [
        Quad(a, RDF.type, SCHEMA.NewsArticle, a),
        Quad(a, SCHEMA.headline, Literal(text.splitlines()[0]), a),
        Quad(a, SCHEMA.datePublished, Literal("2012-09-24", datatype=XSD.date), a),
        Quad(a, SCHEMA.inLanguage, Literal("fr"), a),
        Quad(a, KG.contentHash, Literal(content_hash(text)), a),
        Quad(a, SCHEMA.text, Literal(text), a),
    ]
    for s, pred, o in relations:
        ev = MINT.part(a, "evidence", s.value, pred, o.value)
        quads += [
            Quad(s, KG[pred], o, a),
            Quad(a, SCHEMA.mentions, s, a),
            Quad(a, SCHEMA.mentions, o, a),
            Quad(ev, RDF.type, KG.Evidence, a),
            Quad(ev, KG.subject, s, a),
            Quad(ev, KG.predicate, KG[pred], a),
            Quad(ev, KG.object, o, a),
            Quad(ev, KG.sentence, Literal(text), a),
            Quad(ev, NIF.beginIndex, Literal(0), a),
            Quad(ev, NIF.endIndex, Literal(len(text)), a),
            Quad(ev, KG.confidence, Literal(0.85), a),
            Quad(ev, KG.extractor, Literal("test-rule"), a),
            Quad(ev, PROV.wasDerivedFrom, a, a),
        ]
    for type_, agent in events:
        ev = MINT.part(a, "event", type_, agent.value)
        quads += [
            Quad(ev, RDF.type, KG.Event, a),
            Quad(ev, RDF.type, KG[type_], a),
            Quad(ev, KG.agent, agent, a),
            Quad(ev, KG.date, Literal("2012-09-21"), a),
            Quad(ev, PROV.wasDerivedFrom, a, a),
        ]
    for n in range(quotes):
        q = MINT.part(a, "quote", n)
        quads += [
            Quad(q, RDF.type, KG.Quote, a),
            Quad(q, KG.speaker, ANALYST, a),
            Quad(q, KG.text, Literal(f"citation {n}"), a),
            Quad(q, PROV.wasDerivedFrom, a, a),
        ]
    return ArticleGraph(iri=a, content_hash=content_hash(text), quads=tuple(quads),
                        entity_quads=tuple(entity_quads()))


PANNE = article_graph(
    "panne",
    "Panne géante chez le constructeur canadien\nLe service a été coupé vendredi.",
    relations=[(HEINS, "leads", RIM), (ANALYST, "worksFor", IDC), (BLACKBERRY, "madeBy", RIM)],
    events=[("Outage", RIM)],
    quotes=2,
)
RESULTATS = article_graph(
    "resultats",
    "Des résultats trimestriels attendus\nLe groupe publiera ses comptes jeudi.",
    relations=[(HEINS, "leads", RIM), (RIM, "basedIn", EMEA)],
    events=[("Results", RIM), ("Layoff", RIM)],
)


def filled_store(path, backend: str = "oxigraph") -> Settings:
    """Write PANNE and RESULTATS into a store at ``path``; return settings pointing at it."""
    settings = Settings(store=str(path))
    store: KgStore
    with open_store(settings, backend=backend) as store:
        store.replace_article(PANNE)
        store.replace_article(RESULTATS)
    return settings
