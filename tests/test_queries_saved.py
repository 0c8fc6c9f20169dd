"""Saved queries: each has a header, parses, and answers with the expected rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store, Variable

from kg.vocab import KG, NIF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, Minter, entity_key

QUERIES = Path(__file__).resolve().parents[1] / "queries"
HEADER = re.compile(r"^#\s*(title|description|param):\s*(.+)$")
M = Minter()
FR = "fr"

RIM = M.entity(entity_key("Organization", "RIM"))
IDC = M.entity(entity_key("Organization", "IDC"))
REUTERS = M.entity(entity_key("Organization", "Reuters"))
GERONIMO = M.entity(entity_key("Person", "Francisco Geronimo"))
BB10 = M.entity(entity_key("Product", "BlackBerry 10"))
EMEA = M.entity(entity_key("Place", "EMEA"))
ART1 = M.article("test-panne")
ART2 = M.article("test-plan-social")

# Sentences written for this test (not taken from any article).
WORKS_SENTENCE = "Francisco Geronimo, analyste chez IDC, juge la situation tendue."
MADE_SENTENCE = "RIM développe BlackBerry 10, son prochain système mobile."
QUOTE_TEXT = "Le fabricant joue gros avec ce système"


def header(path: Path) -> dict[str, list[str]]:
    """The comment header of a saved query: title, description, params."""
    fields: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            break
        m = HEADER.match(line)
        if m:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
    return fields


def params(path: Path) -> list[str]:
    """Variable names declared by ``# param: ?name — ...`` lines."""
    return [re.match(r"\?(\w+)", p).group(1) for p in header(path).get("param", [])]


def _entity(q: list, iri: NamedNode, type_: str, label: Literal, *aliases: str) -> None:
    g = M.entities_graph
    q.append(Quad(iri, RDF.type, SCHEMA[type_], g))
    q.append(Quad(iri, RDFS.label, label, g))
    q.extend(Quad(iri, SKOS.altLabel, Literal(a, language=FR), g) for a in aliases)


def _article(q: list, art: NamedNode, headline: str, date: str, *mentioned: NamedNode) -> None:
    q.append(Quad(art, RDF.type, SCHEMA.NewsArticle, art))
    q.append(Quad(art, SCHEMA.headline, Literal(headline), art))
    q.append(Quad(art, SCHEMA.datePublished, Literal(date, datatype=XSD.date), art))
    q.append(Quad(art, SCHEMA.inLanguage, Literal("fr"), art))
    q.extend(Quad(art, SCHEMA.mentions, e, art) for e in mentioned)


def _relation(q: list, art: NamedNode, s, p, o, sentence: str, start: int) -> None:
    ev = M.part(art, "evidence", s.value, p.value, o.value)
    q.append(Quad(s, p, o, art))
    for pred, obj in (
        (RDF.type, KG.Evidence), (KG.subject, s), (KG.predicate, p), (KG.object, o),
        (KG.sentence, Literal(sentence)), (NIF.beginIndex, Literal(start)),
        (NIF.endIndex, Literal(start + len(sentence))), (KG.confidence, Literal(0.85)),
        (KG.extractor, Literal("test-rule")), (PROV.wasDerivedFrom, art),
    ):
        q.append(Quad(ev, pred, obj, art))


def _event(q: list, art: NamedNode, type_: str, agent, date: str, place=None, qty=None) -> None:
    ev = M.part(art, "event", type_, agent.value, date)
    q.extend(Quad(ev, RDF.type, t, art) for t in (KG.Event, KG[type_]))
    q.append(Quad(ev, KG.agent, agent, art))
    q.append(Quad(ev, KG.date, Literal(date), art))
    q.append(Quad(ev, PROV.wasDerivedFrom, art))
    if place is not None:
        q.append(Quad(ev, KG.place, place, art))
    if qty is not None:
        q.append(Quad(ev, KG.quantity, Literal(qty), art))


def sample_quads() -> list[Quad]:
    """Two small articles about RIM written with the kg vocabulary, as VOCABULARY.md says."""
    q: list[Quad] = []
    # Labels mix @fr and plain strings, as the vocabulary allows both.
    _entity(q, RIM, "Organization", Literal("RIM", language=FR), "Research In Motion",
            "le constructeur canadien")
    _entity(q, IDC, "Organization", Literal("IDC"))
    _entity(q, REUTERS, "Organization", Literal("Reuters", language=FR))
    _entity(q, GERONIMO, "Person", Literal("Francisco Geronimo", language=FR))
    _entity(q, BB10, "Product", Literal("BlackBerry 10", language=FR))
    _entity(q, EMEA, "Place", Literal("EMEA"))
    _article(q, ART1, "Panne de messagerie chez BlackBerry", "2012-09-24",
             RIM, IDC, REUTERS, GERONIMO, BB10, EMEA)
    _article(q, ART2, "RIM réduit ses effectifs", "2012-06-29", RIM, BB10)
    _relation(q, ART1, GERONIMO, KG.worksFor, IDC, WORKS_SENTENCE, 100)
    _relation(q, ART1, BB10, KG.madeBy, RIM, MADE_SENTENCE, 400)
    quote = M.part(ART1, "quote", GERONIMO.value, QUOTE_TEXT)
    q.extend(Quad(quote, p, o, ART1) for p, o in (
        (RDF.type, KG.Quote), (KG.speaker, GERONIMO), (KG.text, Literal(QUOTE_TEXT)),
        (KG.reportedBy, REUTERS), (PROV.wasDerivedFrom, ART1),
    ))
    _event(q, ART1, "Outage", RIM, "2012-09-21", place=EMEA)
    _event(q, ART2, "Layoff", RIM, "2012-06", qty="5000")
    return q


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store()
    s.extend(sample_quads())
    return s


def run(store: Store, query: str, /, **bindings: str) -> list[dict[str, str]]:
    """Run a saved query with plain-string bindings; rows as {var: lexical value}."""
    subs = {Variable(k): Literal(v) for k, v in bindings.items()}
    results = store.query((QUERIES / f"{query}.rq").read_text("utf-8"),
                          use_default_graph_as_union=True, substitutions=subs or None)
    names = [v.value for v in results.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in results]


ALL = sorted(QUERIES.glob("*.rq"))


def test_there_are_at_least_twelve_saved_queries() -> None:
    assert len(ALL) >= 12


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_header_has_title_and_description(path: Path) -> None:
    fields = header(path)
    assert len(fields.get("title", [])) == 1
    assert len(fields.get("description", [])) == 1
    assert path.read_text("utf-8").startswith("# title: ")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_parses_and_runs_on_an_empty_store(path: Path) -> None:
    assert list(Store().query(path.read_text("utf-8"), use_default_graph_as_union=True)) == []


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_params_are_projected_so_they_can_be_bound(path: Path, store: Store) -> None:
    # pyoxigraph refuses a substitution of a variable the SELECT does not project
    for name in params(path):
        run(store, path.stem, **{name: "no such label"})


def test_works_for_gives_person_org_and_evidence(store: Store) -> None:
    rows = run(store, "works_for")
    assert [(r["personLabel"], r["relation"], r["orgLabel"], r["sentence"]) for r in rows] == [
        ("Francisco Geronimo", "worksFor", "IDC", WORKS_SENTENCE)
    ]
    assert rows[0]["article"] == ART1.value


@pytest.mark.parametrize("org, expected", [("IDC", 1), ("RIM", 0), ("Reuters", 0)])
def test_works_for_binding_restricts(store: Store, org: str, expected: int) -> None:
    assert len(run(store, "works_for", orgLabel=org)) == expected


def test_products_of(store: Store) -> None:
    rows = run(store, "products_of")
    assert [(r["productLabel"], r["makerLabel"], r["sentence"]) for r in rows] == [
        ("BlackBerry 10", "RIM", MADE_SENTENCE)
    ]
    # "RIM"@fr in the store matches the plain string the caller binds
    assert len(run(store, "products_of", makerLabel="RIM")) == 1
    assert run(store, "products_of", makerLabel="IDC") == []


def test_quotes_by(store: Store) -> None:
    rows = run(store, "quotes_by", speakerLabel="Francisco Geronimo")
    assert [(r["speakerLabel"], r["text"], r["reportedByLabel"], r["headline"]) for r in rows] == [
        ("Francisco Geronimo", QUOTE_TEXT, "Reuters", "Panne de messagerie chez BlackBerry")
    ]
    assert run(store, "quotes_by", speakerLabel="RIM") == []


def test_timeline_is_in_date_order(store: Store) -> None:
    rows = run(store, "timeline")
    got = [(r["date"], r["eventType"], r["agentLabel"], r.get("placeLabel"), r.get("quantity"))
           for r in rows]
    assert got == [
        ("2012-06", "Layoff", "RIM", None, "5000"),
        ("2012-09-21", "Outage", "RIM", "EMEA", None),
    ]
    assert [r["eventType"] for r in run(store, "timeline", eventType="Outage")] == ["Outage"]


def test_aliases(store: Store) -> None:
    rows = run(store, "aliases")
    assert [(r["name"], r["type"], r["alias"]) for r in rows] == [
        ("RIM", "Organization", "Research In Motion"),
        ("RIM", "Organization", "le constructeur canadien"),
    ]


def test_outages(store: Store) -> None:
    rows = run(store, "outages", agentLabel="RIM")
    assert [(r["date"], r["placeLabel"]) for r in rows] == [("2012-09-21", "EMEA")]


def test_articles_mentioning_newest_first(store: Store) -> None:
    rows = run(store, "articles_mentioning", name="BlackBerry 10")
    assert [r["headline"] for r in rows] == [
        "Panne de messagerie chez BlackBerry", "RIM réduit ses effectifs"
    ]


def test_co_mentions_counts_articles(store: Store) -> None:
    rows = run(store, "co_mentions")
    top = rows[0]
    assert {top["label1"], top["label2"]} == {"RIM", "BlackBerry 10"}
    assert top["articles"] == "2"
    assert len(rows) == 15  # C(6, 2) pairs in the first article, one of them also in the second


def test_sources_counts_quotes(store: Store) -> None:
    rows = run(store, "sources")
    assert [(r["sourceLabel"], r["quotes"], r["articles"]) for r in rows] == [("Reuters", "1", "1")]


def test_people(store: Store) -> None:
    rows = run(store, "people")
    assert [(r["personLabel"], r["articles"], r["organisations"]) for r in rows] == [
        ("Francisco Geronimo", "1", "IDC (worksFor)")
    ]


def test_entity_card(store: Store) -> None:
    rows = run(store, "entity_card", name="RIM")
    facts = {(r["direction"], r["property"], r["valueLabel"]) for r in rows}
    assert ("attribute", "type", "Organization") in facts
    assert ("attribute", "altLabel", "Research In Motion") in facts
    assert ("in", "madeBy", "BlackBerry 10") in facts
    assert ("mentioned in", "mentions", "RIM réduit ses effectifs") in facts
    assert {r["name"] for r in rows} == {"RIM"}


def test_quotes_about(store: Store) -> None:
    assert [r["text"] for r in run(store, "quotes_about", name="IDC")] == [QUOTE_TEXT]
    assert run(store, "quotes_about", name="Nobody") == []


def test_competitors_and_acquisitions_empty_here(store: Store) -> None:
    # the sample has neither; their positive cases are in test_symmetric_and_acquisitions
    assert run(store, "competitors") == []
    assert run(store, "acquisitions") == []


def test_symmetric_and_acquisitions() -> None:
    s = Store()
    q = sample_quads()
    apple = M.entity(entity_key("Organization", "Apple"))
    _entity(q, apple, "Organization", Literal("Apple", language=FR))
    _relation(q, ART2, apple, KG.competitorOf, RIM, "Apple et RIM se disputent le marché.", 10)
    _relation(q, ART2, RIM, KG.acquired, IDC, "RIM rachète un cabinet d'études.", 90)
    _event(q, ART2, "Acquisition", RIM, "2012-07-02", qty="20 millions de dollars")
    s.extend(q)
    rim_rivals = run(s, "competitors", entityLabel="RIM")
    apple_rivals = run(s, "competitors", entityLabel="Apple")
    assert [(r["competitorLabel"], r["articles"]) for r in rim_rivals] == [("Apple", "1")]
    assert [r["competitorLabel"] for r in apple_rivals] == ["RIM"]
    rows = run(s, "acquisitions")
    assert [(r["buyerLabel"], r["targetLabel"], r["date"], r["quantity"], r["source"])
            for r in rows] == [("RIM", "IDC", "2012-07-02", "20 millions de dollars", "relation")]


# Sentence written for this test (not taken from any article).
WORKS_AGAIN = "Francisco Geronimo, chez IDC depuis dix ans, reste prudent."


def test_a_fact_stated_by_two_articles_gives_one_row_per_evidence() -> None:
    # The default graph is the union of the article graphs and keeps both copies of the triple:
    # joining the bare triple with its evidences would give 2 x 2 rows.
    s = Store()
    q = sample_quads()
    _relation(q, ART2, GERONIMO, KG.worksFor, IDC, WORKS_AGAIN, 30)
    s.extend(q)
    rows = run(s, "works_for")
    assert sorted((r["article"], r["sentence"]) for r in rows) == sorted(
        [(ART1.value, WORKS_SENTENCE), (ART2.value, WORKS_AGAIN)])
    assert len(run(s, "relations", relation="worksFor")) == 2
    assert len(run(s, "works_for", personLabel="Francisco Geronimo")) == 2
    card = run(s, "entity_card", name="IDC")
    assert [(r["direction"], r["property"], r["valueLabel"]) for r in card
            if r["direction"] == "in"] == [("in", "worksFor", "Francisco Geronimo")]


def test_products_of_reads_the_evidence_of_the_same_article_only() -> None:
    s = Store()
    q = sample_quads()
    again = "Le BlackBerry 10 est conçu par RIM pour les entreprises."
    _relation(q, ART2, BB10, KG.madeBy, RIM, again, 10)
    s.extend(q)
    rows = run(s, "products_of", makerLabel="RIM")
    assert sorted((r["article"], r["sentence"]) for r in rows) == sorted(
        [(ART1.value, MADE_SENTENCE), (ART2.value, again)])


def test_people_counts_articles_and_roles_separately() -> None:
    s = Store()
    q = sample_quads()
    _relation(q, ART2, GERONIMO, KG.worksFor, IDC, WORKS_AGAIN, 30)
    q.append(Quad(ART2, SCHEMA.mentions, GERONIMO, ART2))
    s.extend(q)
    rows = run(s, "people", personLabel="Francisco Geronimo")
    assert [(r["articles"], r["organisations"]) for r in rows] == [("2", "IDC (worksFor)")]


def _co_mention_store(n_entities: int, n_articles: int) -> tuple[Store, list[tuple]]:
    """Articles mentioning overlapping sets of entities, and the expected top 20 pairs."""
    s = Store()
    q: list[Quad] = []
    ents = [M.entity(entity_key("Organization", f"Org {i:02d}")) for i in range(n_entities)]
    for i, e in enumerate(ents):
        _entity(q, e, "Organization", Literal(f"Org {i:02d}", language=FR))
    counts: dict[tuple, int] = {}
    for a in range(n_articles):
        art = M.article(f"co-{a}")
        # a deterministic spread: low-numbered entities are mentioned far more often
        mentioned = [e for i, e in enumerate(ents) if (a * 7 + i * 3) % (i + 2) < 2]
        _article(q, art, f"Article {a}", "2020-01-01", *mentioned)
        labels = sorted(f"Org {ents.index(e):02d}" for e in mentioned)
        for x in range(len(labels)):
            for y in range(x + 1, len(labels)):
                counts[labels[x], labels[y]] = counts.get((labels[x], labels[y]), 0) + 1
    s.extend(q)
    # IRIs sort like their labels here, so the pair's orientation is the labels' order
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    return s, [(a, b, str(c)) for (a, b), c in expected]


@pytest.mark.parametrize("n_entities, n_articles", [(6, 3), (25, 40)])
def test_co_mentions_top_pairs_are_exact(n_entities: int, n_articles: int) -> None:
    # the query prunes rarely mentioned entities; the answer must equal the brute-force one
    s, expected = _co_mention_store(n_entities, n_articles)
    rows = run(s, "co_mentions")
    assert [(r["label1"], r["label2"], r["articles"]) for r in rows] == expected
