"""Article + extractions → quads of the article's named graph, per VOCABULARY.md."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.model import Event, Extraction, Quote, Relation
from kg.vocab import (
    ITSRDF, KG, NIF, OWL, PROV, RDF, RDFS, SCHEMA, SKOS, WIKIDATA, XSD, Minter, content_hash,
)


@dataclass(frozen=True)
class ArticleGraph:
    """What the store writes for one article, in one transaction.

    ``quads`` all live in the article's named graph (``iri``); ``entity_quads`` live in the
    shared entities graph (labels, aliases, types, links) and are only ever added, so that an
    entity described by two articles keeps both descriptions.
    """

    iri: NamedNode
    content_hash: str
    quads: tuple[Quad, ...]
    entity_quads: tuple[Quad, ...]


def _lit(value: str, lang: str | None = None) -> Literal:
    return Literal(value, language=lang) if lang else Literal(value)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


class GraphBuilder:
    """Turns an :class:`~kg.model.Extraction` into an :class:`ArticleGraph`."""

    def __init__(self, minter: Minter | None = None) -> None:
        self.m = minter or Minter()

    def build(self, x: Extraction) -> ArticleGraph:
        """The quads of one article's named graph and of its entities' descriptions."""
        a = x.article
        iri = self.m.article(a.id)
        digest = content_hash(a.text)
        q: list[Quad] = []

        def add(s, p, o) -> None:
            q.append(Quad(s, p, o, iri))

        self._article(add, iri, x, digest)
        for men in x.mentions:
            node = self.m.part(iri, "mention", men.start, men.end, men.entity)
            add(node, RDF.type, NIF.Phrase)
            add(node, NIF.referenceContext, iri)
            add(node, NIF.anchorOf, _lit(men.text))
            add(node, NIF.beginIndex, _int(men.start))
            add(node, NIF.endIndex, _int(men.end))
            add(node, ITSRDF.taIdentRef, self.m.entity(men.entity))
        for r in x.relations:
            self._relation(add, iri, r)
        for quote in x.quotes:
            self._quote(add, iri, quote)
        for ev in x.events:
            self._event(add, iri, ev)
        return ArticleGraph(iri, digest, tuple(q), tuple(self._entities(x)))

    def _article(self, add, iri: NamedNode, x: Extraction, digest: str) -> None:
        a = x.article
        add(iri, RDF.type, SCHEMA.NewsArticle)
        add(iri, SCHEMA.headline, _lit(a.title))
        add(iri, SCHEMA.inLanguage, _lit("fr"))
        add(iri, SCHEMA.text, _lit(a.text))
        add(iri, KG.contentHash, _lit(digest))
        if a.date:
            add(iri, SCHEMA.datePublished, Literal(a.date.isoformat(), datatype=XSD.date))
        if a.url:
            add(iri, SCHEMA.url, _lit(a.url))
        # Names as the page or feed gives them: plain literals, not entities of the graph.
        if a.author:
            add(iri, SCHEMA.author, _lit(a.author))
        if a.site:
            add(iri, SCHEMA.publisher, _lit(a.site))
        if a.summary_only:
            add(iri, KG.summaryOnly, Literal("true", datatype=XSD.boolean))
        for e in x.entities:
            add(iri, SCHEMA.mentions, self.m.entity(e.key))

    def _relation(self, add, iri: NamedNode, r: Relation) -> None:
        s, o = self.m.entity(r.subject), self.m.entity(r.object)
        add(s, KG[r.predicate], o)
        ev = self.m.part(iri, "evidence", r.subject, r.predicate, r.object, r.start)
        add(ev, RDF.type, KG.Evidence)
        add(ev, KG.subject, s)
        add(ev, KG.predicate, KG[r.predicate])
        add(ev, KG.object, o)
        add(ev, KG.sentence, _lit(r.sentence))
        add(ev, NIF.beginIndex, _int(r.start))
        add(ev, NIF.endIndex, _int(r.end))
        add(ev, KG.confidence, Literal(f"{r.confidence:.2f}", datatype=XSD.decimal))
        add(ev, KG.extractor, _lit(r.rule))
        add(ev, PROV.wasDerivedFrom, iri)

    def _quote(self, add, iri: NamedNode, quote: Quote) -> None:
        node = self.m.part(iri, "quote", quote.start, quote.end)
        add(node, RDF.type, KG.Quote)
        add(node, KG.speaker, self.m.entity(quote.speaker))
        add(node, KG.text, _lit(quote.text))
        add(node, NIF.beginIndex, _int(quote.start))
        add(node, NIF.endIndex, _int(quote.end))
        add(node, KG.extractor, _lit(quote.rule))
        add(node, KG.confidence, Literal(f"{quote.confidence:.2f}", datatype=XSD.decimal))
        if quote.reported_by:
            add(node, KG.reportedBy, self.m.entity(quote.reported_by))
        add(node, PROV.wasDerivedFrom, iri)

    def _event(self, add, iri: NamedNode, ev: Event) -> None:
        node = self.m.part(iri, "event", ev.type, ev.agent, ev.date, ev.start)
        add(node, RDF.type, KG.Event)
        add(node, RDF.type, KG[ev.type])
        add(node, KG.agent, self.m.entity(ev.agent))
        if ev.date:
            add(node, KG.date, _lit(ev.date))
        if ev.place:
            add(node, KG.place, self.m.entity(ev.place))
        if ev.quantity:
            add(node, KG.quantity, _lit(ev.quantity))
        add(node, KG.sentence, _lit(ev.sentence))
        add(node, NIF.beginIndex, _int(ev.start))
        add(node, NIF.endIndex, _int(ev.end))
        add(node, KG.extractor, _lit(ev.rule))
        add(node, PROV.wasDerivedFrom, iri)

    def _entities(self, x: Extraction) -> list[Quad]:
        g = self.m.entities_graph
        out = []
        for e in x.entities:
            node = self.m.entity(e.key)
            out.append(Quad(node, RDF.type, SCHEMA[e.type], g))
            out.append(Quad(node, RDFS.label, _lit(e.label, "fr"), g))
            for alias in e.aliases:
                out.append(Quad(node, SKOS.altLabel, _lit(alias, "fr"), g))
            if e.qid:
                out.append(Quad(node, OWL.sameAs, NamedNode(WIKIDATA + e.qid), g))
        return out
