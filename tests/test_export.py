"""Export: the views, their filters, and every format written and read back.

A small hand-built store pins down the definitions (counts, directions, dates); the corpus store
(``kg ingest corpus/``, session fixture) checks every view and format on real extractions.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import matplotlib.image
import networkx as nx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg.errors import ExportError
from kg.export import (GRAPH_FORMATS, VIEWS, Filters, build_view, co_mention_graph,
                       entity_graph, event_timeline, find_entity, load_snapshot, pagerank,
                       rank_nodes, relation_graph, render, render_graph)
from kg.export.html import to_html
from kg.vocab import KG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, Minter, entity_key

M = Minter()


class UnionStore:
    """The store contract's ``query`` over a plain pyoxigraph Store: union default graph,
    standard prefixes predeclared."""

    def __init__(self, quads: list[Quad]) -> None:
        self.store = Store()
        self.store.extend(quads)

    def query(self, sparql: str, bindings: dict | None = None):
        return self.store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)


def ent(type_: str, name: str) -> NamedNode:
    return M.entity(entity_key(type_, name))


RIM, IDC = ent("Organization", "RIM"), ent("Organization", "IDC")
VODAFONE, APPLE = ent("Organization", "Vodafone"), ent("Organization", "Apple")
GERONIMO, BB10 = ent("Person", "Francisco Geronimo"), ent("Product", "BlackBerry 10")
EMEA = ent("Place", "EMEA")
UNTYPED = ent("Organization", "Sans Type")  # appears in a relation but is never typed
A0, A1, A2 = (M.article(f"export-{i}") for i in range(3))
DATES = {A0: "2012-09-24", A1: "2013-01-30", A2: None}  # article 2 is undated
OUTAGE = M.part(A0, "event", "outage")


def entity_quads() -> list[Quad]:
    g = M.entities_graph
    quads = []
    for iri, type_, label in [
        (RIM, "Organization", Literal("RIM", language="fr")), (IDC, "Organization", Literal("IDC")),
        (VODAFONE, "Organization", Literal("Vodafone")), (APPLE, "Organization", Literal("Apple")),
        (GERONIMO, "Person", Literal("Francisco Geronimo")),
        (BB10, "Product", Literal("BlackBerry 10")), (EMEA, "Place", Literal("EMEA")),
    ]:
        quads += [Quad(iri, RDF.type, SCHEMA[type_], g), Quad(iri, RDFS.label, label, g)]
    quads += [Quad(RIM, SKOS.altLabel, Literal(a, language="fr"), g)
              for a in ("Research In Motion", "le constructeur canadien")]
    return quads


def relation(art: NamedNode, s: NamedNode, p: NamedNode, o: NamedNode,
             n_evidence: int = 1) -> list[Quad]:
    quads = [Quad(s, p, o, art)]
    for i in range(n_evidence):
        ev = M.part(art, "evidence", s.value, p.value, o.value, i)
        quads += [Quad(ev, RDF.type, KG.Evidence, art), Quad(ev, KG.subject, s, art),
                  Quad(ev, KG.predicate, p, art), Quad(ev, KG.object, o, art),
                  Quad(ev, KG.sentence, Literal(f"phrase {i} de {art.value[-1]}"), art),
                  Quad(ev, KG.confidence, Literal("0.8", datatype=XSD.double), art),
                  Quad(ev, PROV.wasDerivedFrom, art, art)]
    return quads


def article(art: NamedNode, *entities: NamedNode) -> list[Quad]:
    quads = [Quad(art, RDF.type, SCHEMA.NewsArticle, art),
             Quad(art, SCHEMA.headline, Literal(f"Titre {art.value[-1]}"), art)]
    if DATES[art]:
        quads.append(Quad(art, SCHEMA.datePublished, Literal(DATES[art], datatype=XSD.date), art))
    return quads + [Quad(art, SCHEMA.mentions, e, art) for e in entities]


def sample_quads() -> list[Quad]:
    """Three articles: RIM everywhere, BlackBerry 10 twice, Apple a rival stated both ways."""
    return (
        entity_quads()
        + article(A0, RIM, IDC, GERONIMO, BB10, EMEA)
        + article(A1, RIM, BB10, VODAFONE)
        + article(A2, RIM, APPLE)
        + relation(A0, GERONIMO, KG.worksFor, IDC)
        + relation(A0, BB10, KG.madeBy, RIM, n_evidence=2)
        + relation(A1, RIM, KG.partnerOf, VODAFONE)
        + relation(A2, APPLE, KG.competitorOf, RIM)
        + relation(A1, RIM, KG.competitorOf, APPLE)  # the same symmetric fact, other way
        + relation(A2, RIM, KG.competitorOf, UNTYPED)
        + [Quad(OUTAGE, RDF.type, KG.Event, A0), Quad(OUTAGE, RDF.type, KG.Outage, A0),
           Quad(OUTAGE, KG.agent, RIM, A0), Quad(OUTAGE, KG.place, EMEA, A0),
           Quad(OUTAGE, KG.date, Literal("2012-09-21"), A0),
           Quad(OUTAGE, PROV.wasDerivedFrom, A0, A0)]
    )


@pytest.fixture(scope="module")
def store() -> UnionStore:
    return UnionStore(sample_quads())


@pytest.fixture(scope="module")
def graph(store: UnionStore) -> nx.Graph:
    return entity_graph(store)


def pairs(g: nx.Graph) -> set[frozenset]:
    return {frozenset((u, v)) for u, v in g.edges()}


# ---- view definitions on the hand-built store ----------------------------------------------

def test_nodes_carry_label_type_mentions_aliases_headlines_and_dates(graph: nx.Graph) -> None:
    assert set(graph.nodes) == {n.value for n in (RIM, IDC, VODAFONE, APPLE, GERONIMO, BB10, EMEA)}
    assert graph.nodes[RIM.value] == {
        "label": "RIM", "type": "Organization", "mentions": 3,
        "aliases": ["Research In Motion", "le constructeur canadien"],
        "articles": ["2013-01-30 · Titre 1", "2012-09-24 · Titre 0", "Titre 2"],
        "first_seen": "2012-09-24", "last_seen": "2013-01-30",
    }
    assert graph.nodes[BB10.value]["mentions"] == 2
    assert (graph.nodes[GERONIMO.value]["type"], graph.nodes[EMEA.value]["type"]) == ("Person", "Place")


def test_entity_view_edges_merge_relations_and_co_mentions(graph: nx.Graph) -> None:
    made = graph.edges[BB10.value, RIM.value]
    assert made["relations"] == [{
        "subject": BB10.value, "predicate": "madeBy", "object": RIM.value, "evidence": 2,
        "sentences": ["phrase 0 de 0", "phrase 1 de 0"], "articles": ["2012-09-24 · Titre 0"]}]
    assert (made["predicates"], made["evidence"], made["co_mentions"], made["weight"]) == \
        (["madeBy"], 2, 2, 2)
    rivals = graph.edges[RIM.value, APPLE.value]
    assert rivals["predicates"] == ["competitorOf"] and rivals["evidence"] == 2
    assert len(rivals["relations"]) == 1  # both stored directions are one symmetric fact
    assert graph.edges[IDC.value, EMEA.value]["relations"] == []
    # article 0 has 5 entities (10 pairs), article 1 adds Vodafone–RIM and Vodafone–BB10,
    # article 2 adds Apple–RIM; the relation to an untyped node is left out
    assert graph.number_of_edges() == 13
    assert UNTYPED.value not in graph


def test_relation_view_is_typed_directed_and_counts_evidence(store: UnionStore) -> None:
    g = relation_graph(store)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.edges(keys=True)) == {
        (GERONIMO.value, IDC.value, "worksFor"), (BB10.value, RIM.value, "madeBy"),
        (RIM.value, VODAFONE.value, "partnerOf"), (APPLE.value, RIM.value, "competitorOf"),
    }
    made = g.edges[BB10.value, RIM.value, "madeBy"]
    assert (made["evidence"], made["weight"], made["confidence"], made["symmetric"]) == \
        (2, 2, 0.8, False)
    rivals = g.edges[APPLE.value, RIM.value, "competitorOf"]
    assert rivals["symmetric"] and rivals["evidence"] == 2
    assert (rivals["first_seen"], rivals["last_seen"]) == ("2013-01-30", "2013-01-30")
    assert EMEA.value not in g  # no relation: not in the relation view


def test_co_mention_view_weighs_pairs_by_shared_articles(store: UnionStore) -> None:
    g = co_mention_graph(store)
    assert g.number_of_edges() == 13
    assert g.edges[RIM.value, BB10.value]["weight"] == 2
    assert g.edges[RIM.value, APPLE.value]["weight"] == 1
    assert g.edges[RIM.value, BB10.value]["articles"] == ["2013-01-30 · Titre 1",
                                                           "2012-09-24 · Titre 0"]


def test_timeline_view_links_entities_to_their_events(store: UnionStore) -> None:
    g = event_timeline(store)
    assert set(g.edges(data="role")) == {(RIM.value, OUTAGE.value, "agent"),
                                         (EMEA.value, OUTAGE.value, "place")}
    event = g.nodes[OUTAGE.value]
    assert (event["type"], event["kind"], event["date"], event["article"]) == \
        ("Event", "Outage", "2012-09-21", "Titre 0")


def test_min_co_mentions_keeps_relations(store: UnionStore) -> None:
    strict = entity_graph(store, min_co_mentions=2)
    assert pairs(strict) == {frozenset(p) for p in [
        (BB10.value, RIM.value), (GERONIMO.value, IDC.value), (RIM.value, VODAFONE.value),
        (RIM.value, APPLE.value)]}


def test_views_are_deterministic(store: UnionStore, graph: nx.Graph) -> None:
    assert nx.utils.graphs_equal(entity_graph(store), graph)
    assert render(store, "png") == render(store, "png")
    assert render(store, "svg") == render(store, "svg")


# ---- filters -------------------------------------------------------------------------------

def test_date_range_keeps_the_facts_of_articles_in_range(store: UnionStore) -> None:
    g = build_view(store, "entities", Filters(since="2013"))
    assert set(g) == {RIM.value, BB10.value, VODAFONE.value, APPLE.value}  # article 1 only
    assert g.nodes[RIM.value]["mentions"] == 1
    assert g.edges[RIM.value, APPLE.value]["predicates"] == ["competitorOf"]
    assert set(build_view(store, "relations", Filters(until="2012-09")).edges(keys=True)) == {
        (GERONIMO.value, IDC.value, "worksFor"), (BB10.value, RIM.value, "madeBy")}
    # a bound leaves out undated articles: article 2's facts are in neither range
    assert build_view(store, "entities", Filters(since="1900")).nodes[RIM.value]["mentions"] == 2


def test_quarter_bounds_cover_their_three_months(store: UnionStore) -> None:
    third = build_view(store, "entities", Filters(since="2012-Q3", until="2012-Q3"))
    assert nx.utils.graphs_equal(
        third, build_view(store, "entities", Filters(since="2012-07", until="2012-09")))
    assert RIM.value in third  # article 0, 2012-09-24
    assert nx.utils.graphs_equal(  # article 1 (2013-01-30) alone
        build_view(store, "entities", Filters(since="2012-Q4")),
        build_view(store, "entities", Filters(since="2013")))


def test_type_and_predicate_filters(store: UnionStore) -> None:
    orgs = build_view(store, "entities", Filters(types=("Organization",)))
    assert {orgs.nodes[n]["type"] for n in orgs} == {"Organization"}
    assert len(orgs) == 4
    made = build_view(store, "relations", Filters(predicates=("madeBy", "worksFor")))
    assert {k for _, _, k in made.edges(keys=True)} == {"madeBy", "worksFor"}
    assert set(build_view(store, "relations", Filters(types=("Person", "Organization")))
               .edges(keys=True)) == {(GERONIMO.value, IDC.value, "worksFor"),
                                      (RIM.value, VODAFONE.value, "partnerOf"),
                                      (APPLE.value, RIM.value, "competitorOf")}


def test_min_mentions_and_min_weight(store: UnionStore) -> None:
    assert set(build_view(store, "co-mentions", Filters(min_mentions=2))) == \
        {RIM.value, BB10.value}
    heavy = build_view(store, "co-mentions", Filters(min_weight=2))
    assert pairs(heavy) == {frozenset((RIM.value, BB10.value))}
    assert set(heavy) == {RIM.value, BB10.value}  # nodes left without edges go
    # in the entities view, relation edges stay whatever their weight
    assert len(pairs(build_view(store, "entities", Filters(min_weight=2)))) == 4


@pytest.mark.parametrize("name", ["RIM", "rim", "research in motion", "Le Constructeur Canadien",
                                  RIM.value])
def test_ego_graph_finds_the_entity_by_label_alias_or_iri(store: UnionStore, name: str) -> None:
    g = build_view(store, "relations", Filters(entity=name, hops=1))
    assert set(g) == {RIM.value, BB10.value, VODAFONE.value, APPLE.value}
    assert g.graph["centre"] == RIM.value
    two = build_view(store, "entities", Filters(entity=name, hops=0))
    assert set(two) == {RIM.value}


def test_unknown_entity_is_a_clear_error(store: UnionStore) -> None:
    with pytest.raises(ExportError, match=r"no entity named 'Vodafon'.*did you mean 'Vodafone'"):
        build_view(store, "entities", Filters(entity="Vodafon"))
    with pytest.raises(ExportError, match="no entity named 'IDC'"):  # filtered out by type
        build_view(store, "entities", Filters(entity="IDC", types=("Person",)))


def test_top_n_by_degree_and_pagerank(store: UnionStore) -> None:
    g = co_mention_graph(store)
    assert rank_nodes(g, "degree")[0] == RIM.value
    assert rank_nodes(g, "pagerank")[:2] == [RIM.value, BB10.value]
    # IDC, EMEA and Francisco Geronimo tie for third place: the label decides
    top = build_view(store, "co-mentions", Filters(top=3, rank="pagerank"))
    assert set(top) == {RIM.value, BB10.value, EMEA.value}
    assert sum(pagerank(g).values()) == pytest.approx(1.0)


@pytest.mark.parametrize("view", ["co-mentions", "relations"])
def test_pagerank_matches_networkx(store: UnionStore, view: str) -> None:
    import scipy  # noqa: F401 - networkx's own pagerank needs it (test extra); ours does not
    g = build_view(store, view)
    expected = nx.pagerank(g, weight="weight", tol=1e-12)
    assert pagerank(g) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("filters, message", [
    (Filters(since="2012-13"), "not a date"), (Filters(until="hier"), "not a date"),
    (Filters(since="2012-Q5"), "not a date"),
    (Filters(rank="betweenness"), "unknown rank"), (Filters(types=("Company",)), "entity type"),
    (Filters(predicates=("employs",)), "unknown predicate"), (Filters(top=0), "top"),
])
def test_bad_filters_are_export_errors(store: UnionStore, filters: Filters, message: str) -> None:
    with pytest.raises(ExportError, match=message) as err:
        build_view(store, "entities", filters)
    assert err.value.code == "KG400"


# ---- renderers on the hand-built store -----------------------------------------------------

def test_html_embeds_evidence_headlines_and_no_external_resource(
    store: UnionStore, graph: nx.Graph
) -> None:
    page = render(store, "html")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    rim = next(n for n in data["nodes"] if n["id"] == RIM.value)
    assert rim["aliases"] == ["Research In Motion", "le constructeur canadien"]
    assert rim["articles"][0] == "2013-01-30 · Titre 1"
    made = [r for e in data["edges"] for r in e["relations"] if r["p"] == "madeBy"]
    assert made[0]["sentences"] == ["phrase 0 de 0", "phrase 1 de 0"]
    # offline: no script, stylesheet, image or frame is fetched from anywhere
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert not re.search(r"@import|url\(|https?://[^\"']*\.js", page)


def test_html_data_cannot_close_the_script_element() -> None:
    g = nx.Graph()
    g.add_node("x", label="</script><script>alert(1)</script>", type="Person", mentions=1,
               aliases=["<!-- a & b"])
    page = to_html(g)
    assert page.count("</script>") == 2  # the data block and the viewer, nothing injected
    block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_html_keeps_the_most_mentioned_nodes(graph: nx.Graph) -> None:
    page = to_html(graph, max_nodes=2)
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert [n["label"] for n in data["nodes"]] == ["RIM", "BlackBerry 10"]
    assert "2 / 7" in page


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_format_renders_every_view_of_an_empty_store(fmt: str, view: str) -> None:
    assert render(UnionStore([]), fmt, view=view)


def test_unknown_format_view_or_option_is_an_export_error(store, graph) -> None:
    with pytest.raises(ExportError, match="unknown export format 'dot'") as err:
        render(store, "dot")
    assert err.value.code == "KG400" and "gexf" in str(err.value)
    with pytest.raises(ExportError, match="unknown view 'people'"):
        render(store, "png", view="people")
    with pytest.raises(ExportError, match="colour"):
        render_graph(graph, "png", colour="red")
    with pytest.raises(ExportError, match="whole store"):
        render(store, "turtle", view="relations")


def test_works_on_the_oxigraph_kg_store(tmp_path) -> None:
    from kg.store.oxigraph import OxigraphStore

    kg_store = OxigraphStore(tmp_path / "store")
    try:
        kg_store.store.extend(sample_quads())
        expected = entity_graph(UnionStore(sample_quads()))
        assert nx.utils.graphs_equal(entity_graph(kg_store), expected)
    finally:
        kg_store.close()


# ---- every view and format on the corpus ---------------------------------------------------

@pytest.fixture(scope="module")
def corpus(corpus_store):
    """The corpus store (open read-only for the module) and its snapshot."""
    with corpus_store.open() as kg_store:
        yield kg_store, load_snapshot(kg_store)


def read_back(fmt: str, data: bytes | str) -> nx.Graph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    return nx.node_link_graph(json.loads(data), edges="edges")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_corpus_files_read_back_with_the_same_shape(corpus, view: str, fmt: str) -> None:
    kg_store, snap = corpus
    g = build_view(snap, view)
    assert g.number_of_nodes() > 20 and g.number_of_edges() > 20
    back = read_back(fmt, render(kg_store, fmt, view=view))
    assert (back.number_of_nodes(), back.number_of_edges()) == \
        (g.number_of_nodes(), g.number_of_edges())
    assert back.is_directed() == g.is_directed()
    node = rank_nodes(g)[0]
    assert back.nodes[node]["label"] == g.nodes[node]["label"]
    assert back.nodes[node]["type"] == g.nodes[node]["type"]
    if fmt == "json":  # lists and nested records survive untouched
        assert nx.utils.graphs_equal(back, g)
    else:  # lists joined into strings, numbers and dates kept
        assert back.nodes[node]["aliases"] == "; ".join(g.nodes[node]["aliases"])
        assert back.nodes[node].get("first_seen") == g.nodes[node].get("first_seen")


def test_corpus_relation_file_keeps_predicates_and_evidence(corpus) -> None:
    kg_store, snap = corpus
    g = relation_graph(snap)
    rim = find_entity(g, "RIM")
    back = nx.read_graphml(io.BytesIO(render(kg_store, "graphml", view="relations")))
    for u, v, key, data in g.in_edges(rim, keys=True, data=True):
        assert back.edges[u, v, key]["predicate"] == key
        assert back.edges[u, v, key]["evidence"] == data["evidence"]
        assert back.edges[u, v, key]["sentences"] == " | ".join(data["sentences"])
    gexf = nx.read_gexf(io.BytesIO(render(kg_store, "gexf", view="relations")))
    assert gexf.nodes[rim]["viz"]["color"] == {"r": 78, "g": 121, "b": 167, "a": 1.0}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_corpus_pictures_decode_at_the_expected_size(corpus, view: str) -> None:
    kg_store, _ = corpus
    if view == "timeline":  # a chart with a row per entity: the width is set, rows give height
        png = render(kg_store, "png", view=view, width_px=800)
        assert matplotlib.image.imread(io.BytesIO(png), format="png").shape[1] == 800
    else:
        png = render(kg_store, "png", view=view, size=(8, 6), dpi=100)
        assert matplotlib.image.imread(io.BytesIO(png), format="png").shape[:2] == (600, 800)
    root = ET.fromstring(render(kg_store, "svg", view=view))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("864pt", "720pt")
    # text stays text: the labels can be found (and read by screen readers) in the SVG
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Légende" in texts and len(texts) > 10


def test_corpus_filters_reduce_the_graph_as_documented(corpus) -> None:
    _, snap = corpus
    full = build_view(snap, "entities")
    year = build_view(snap, "entities", Filters(since="2012", until="2012"))
    assert 0 < len(year) < len(full)
    assert all(d.get("first_seen", "2012")[:4] == "2012" == d.get("last_seen", "2012")[:4]
               for _, d in year.nodes(data=True))
    ego = build_view(snap, "relations", Filters(entity="rim", hops=2))
    labels = {d["label"] for _, d in ego.nodes(data=True)}
    assert {"Research In Motion", "BlackBerry 10", "Canada"} <= labels
    assert len(ego) < len(relation_graph(snap))
    assert all(nx.shortest_path_length(ego.to_undirected(), ego.graph["centre"], n) <= 2
               for n in ego)
    top = build_view(snap, "co-mentions", Filters(top=50, rank="pagerank"))
    assert len(top) == 50
    people = build_view(snap, "relations", Filters(types=("Person",), predicates=("worksFor",)))
    assert len(people) == 0  # worksFor joins a person to an organisation: none left


def test_corpus_html_holds_rims_evidence(corpus) -> None:
    kg_store, snap = corpus
    page = render(kg_store, "html", view="relations", filters=Filters(entity="RIM", hops=1))
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    centre = data["nodes"][data["centre"]]
    assert centre["label"] == "Research In Motion" and "RIM" in centre["aliases"]
    sentences = [s for e in data["edges"] for r in e["relations"] for s in r["sentences"]]
    assert any("constructeur canadien" in s for s in sentences)


def test_cli_writes_every_graph_format_and_reports_errors(corpus_store, kg_run, tmp_path):
    out = tmp_path / "co.gexf"
    proc = kg_run("export", "--format", "gexf", "--view", "co-mentions", "--top", "20",
                  "--rank", "pagerank", "--since", "2012", "--out", out,
                  "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}" in proc.stderr
    assert nx.read_gexf(out).number_of_nodes() == 20
    proc = kg_run("export", "--format", "png", "--entity", "Nokiaa", "--out", tmp_path / "x.png",
                  "--store", corpus_store.path)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error [KG400] Nokiaa: no entity named 'Nokiaa'")
    assert "did you mean 'Nokia'" in proc.stderr
    assert not (tmp_path / "x.png").exists()


def test_cli_dumps_the_store_as_rdf(corpus_store, kg_run, tmp_path) -> None:
    out = tmp_path / "kg.nq"
    proc = kg_run("export", "--format", "nquads", "--out", out, "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    with corpus_store.open() as kg_store:
        expected = kg_store.triple_count()
    assert sum(1 for _ in parse(path=str(out), format=RdfFormat.N_QUADS)) == expected
