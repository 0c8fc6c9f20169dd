"""Export: the entity-graph projection and its GraphML, PNG and HTML renderings."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import matplotlib.image
import networkx as nx
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.errors import ExportError
from kg.export import FORMATS, render, render_graph
from kg.export.html import to_html
from kg.export.project import entity_graph
from kg.vocab import KG, PROV, RDF, RDFS, SCHEMA, SKOS, Minter, entity_key

M = Minter()


class UnionStore:
    """The store contract's ``query`` over a plain pyoxigraph Store (union default graph)."""

    def __init__(self, quads: list[Quad]) -> None:
        self.store = Store()
        self.store.extend(quads)

    def query(self, sparql: str, bindings: dict | None = None):
        return self.store.query(sparql, use_default_graph_as_union=True)


def ent(type_: str, name: str) -> NamedNode:
    return M.entity(entity_key(type_, name))


RIM, IDC = ent("Organization", "RIM"), ent("Organization", "IDC")
VODAFONE, APPLE = ent("Organization", "Vodafone"), ent("Organization", "Apple")
GERONIMO, BB10 = ent("Person", "Francisco Geronimo"), ent("Product", "BlackBerry 10")
EMEA = ent("Place", "EMEA")
UNTYPED = ent("Organization", "Sans Type")  # appears in a relation but is never typed
ARTICLES = [M.article(f"export-{i}") for i in range(3)]


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
                  Quad(ev, KG.sentence, Literal(f"phrase de test {i}"), art),
                  Quad(ev, PROV.wasDerivedFrom, art, art)]
    return quads


def mentions(art: NamedNode, *entities: NamedNode) -> list[Quad]:
    return [Quad(art, RDF.type, SCHEMA.NewsArticle, art)] + [
        Quad(art, SCHEMA.mentions, e, art) for e in entities
    ]


def sample_quads() -> list[Quad]:
    """Three articles: RIM everywhere, BlackBerry 10 twice, Apple a rival stated once."""
    a0, a1, a2 = ARTICLES
    return (
        entity_quads()
        + mentions(a0, RIM, IDC, GERONIMO, BB10, EMEA)
        + mentions(a1, RIM, BB10, VODAFONE)
        + mentions(a2, RIM, APPLE)
        + relation(a0, GERONIMO, KG.worksFor, IDC)
        + relation(a0, BB10, KG.madeBy, RIM, n_evidence=2)
        + relation(a1, RIM, KG.partnerOf, VODAFONE)
        + relation(a2, APPLE, KG.competitorOf, RIM)
        + relation(a2, RIM, KG.competitorOf, UNTYPED)
    )


@pytest.fixture(scope="module")
def store() -> UnionStore:
    return UnionStore(sample_quads())


@pytest.fixture(scope="module")
def graph(store: UnionStore) -> nx.Graph:
    return entity_graph(store)


def test_nodes_are_typed_entities_with_label_type_mentions_aliases(graph: nx.Graph) -> None:
    assert set(graph.nodes) == {n.value for n in (RIM, IDC, VODAFONE, APPLE, GERONIMO, BB10, EMEA)}
    assert graph.nodes[RIM.value] == {
        "label": "RIM", "type": "Organization", "mentions": 3,
        "aliases": ["Research In Motion", "le constructeur canadien"],
    }
    assert graph.nodes[BB10.value]["mentions"] == 2
    assert graph.nodes[GERONIMO.value]["type"] == "Person"
    assert graph.nodes[EMEA.value]["type"] == "Place"


def test_edges_carry_relations_evidence_and_co_mentions(graph: nx.Graph) -> None:
    made = graph.edges[BB10.value, RIM.value]
    assert made["predicates"] == ["madeBy"]
    assert made["relations"] == [
        {"subject": BB10.value, "predicate": "madeBy", "object": RIM.value, "evidence": 2}
    ]
    assert made["evidence"] == 2
    assert made["co_mentions"] == 2  # articles 0 and 1 mention both
    assert graph.edges[RIM.value, APPLE.value]["predicates"] == ["competitorOf"]
    assert graph.edges[IDC.value, EMEA.value] == {
        "relations": [], "predicates": [], "evidence": 0, "co_mentions": 1
    }
    # article 0 has 5 entities (10 pairs), article 1 adds Vodafone–RIM and Vodafone–BB10,
    # article 2 adds Apple–RIM; the relation to an untyped node is left out
    assert graph.number_of_edges() == 13
    assert UNTYPED.value not in graph


def test_min_co_mentions_keeps_relations(store: UnionStore) -> None:
    strict = entity_graph(store, min_co_mentions=2)
    assert {frozenset(e) for e in strict.edges} == {
        frozenset({BB10.value, RIM.value}), frozenset({GERONIMO.value, IDC.value}),
        frozenset({RIM.value, VODAFONE.value}), frozenset({RIM.value, APPLE.value}),
    }


def test_projection_is_deterministic(store: UnionStore, graph: nx.Graph) -> None:
    assert nx.utils.graphs_equal(entity_graph(store), graph)
    assert render(store, "png") == render(store, "png")


def test_graphml_reads_back_with_the_same_shape(store: UnionStore, graph: nx.Graph) -> None:
    data = render(store, "graphml")
    assert isinstance(data, bytes)
    back = nx.read_graphml(io.BytesIO(data))
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[RIM.value]["label"] == "RIM"
    assert back.nodes[RIM.value]["mentions"] == 3
    assert back.nodes[RIM.value]["aliases"] == "Research In Motion; le constructeur canadien"
    edge = back.edges[BB10.value, RIM.value]
    assert (edge["predicates"], edge["evidence"], edge["co_mentions"]) == ("madeBy", 2, 2)
    assert edge["relations"] == "BlackBerry 10 madeBy RIM (2)"


def test_png_is_a_decodable_picture(store: UnionStore) -> None:
    data = render(store, "png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(io.BytesIO(data), format="png")
    height, width = pixels.shape[:2]
    assert height > 100 and width > 100


def test_html_embeds_data_labels_and_no_external_resource(
    store: UnionStore, graph: nx.Graph
) -> None:
    page = render(store, "html")
    assert isinstance(page, str)
    for label in ("RIM", "Francisco Geronimo", "BlackBerry 10", "Vodafone", "EMEA"):
        assert label in page
    embedded = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    data = json.loads(embedded.group(1))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    rim = next(n for n in data["nodes"] if n["id"] == RIM.value)
    assert rim["aliases"] == ["Research In Motion", "le constructeur canadien"]
    # offline: no script, stylesheet, image or frame is fetched from anywhere
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert not re.search(r"@import|url\(", page)
    assert "<canvas" in page


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


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_an_empty_store(fmt: str) -> None:
    out = render(UnionStore([]), fmt)
    assert out


def test_unknown_format_is_an_export_error(store: UnionStore) -> None:
    with pytest.raises(ExportError) as err:
        render(store, "gexf")
    assert err.value.code == "KG400"
    assert "graphml, html, png" in str(err.value)


def test_unknown_option_is_an_export_error(graph: nx.Graph) -> None:
    with pytest.raises(ExportError, match="colour"):
        render_graph(graph, "png", colour="red")


def test_works_on_the_oxigraph_kg_store(tmp_path) -> None:
    oxigraph = pytest.importorskip("kg.store.oxigraph")
    kg_store = oxigraph.OxigraphStore(tmp_path / "store")
    try:
        kg_store.store.extend(sample_quads())
        expected = entity_graph(UnionStore(sample_quads()))
        assert nx.utils.graphs_equal(entity_graph(kg_store), expected)
    finally:
        kg_store.close()


# A stand-in for the few DOM objects the viewer touches, to run its script under node:
# it lets the layout run to rest, clicks on a node and types in the search box.
HARNESS = r"""
const fs = require("fs");
const page = fs.readFileSync(process.argv[2], "utf8");
const data = page.match(/<script type="application\/json" id="kg-data">([\s\S]*?)<\/script>/)[1];
const script = page.match(/<script>([\s\S]*?)<\/script>/)[1];
const at = {tx: 0, ty: 0, k: 1}, centres = {};
let bad = 0, lastArc = null;
const ctx = new Proxy({
  save() {}, restore() {}, setTransform() { at.tx = 0; at.ty = 0; at.k = 1; },
  translate(x, y) { at.tx += x * at.k; at.ty += y * at.k; }, scale(k) { at.k *= k; },
  arc(x, y) { lastArc = [x * at.k + at.tx, y * at.k + at.ty]; },
  // node labels are the only text drawn with a halo (strokeText), right after their circle
  strokeText(t, x, y) { if (!isFinite(x) || !isFinite(y)) bad++; centres[t] = lastArc; },
}, {get: (t, k) => (k in t ? t[k] : () => {}), set: (t, k, v) => { t[k] = v; return true; }});
function El(id) {
  return {id, text: "", style: {}, dataset: {}, children: [], listeners: {}, className: "",
    get textContent() { return this.text; },
    set textContent(v) { this.text = v; this.children = []; },
    classList: {add() {}, remove() {}}, addEventListener(t, f) { this.listeners[t] = f; },
    appendChild(c) { this.children.push(c); return c; }, setPointerCapture() {},
    getBoundingClientRect() { return {left: 0, top: 0, width: 800, height: 600}; },
    getContext() { return ctx; }};
}
const els = {};
const text = (e) => [e.text, ...e.children.map(text)].join(" ");
global.document = {
  getElementById(id) {
    if (!els[id]) { els[id] = El(id); if (id === "kg-data") els[id].text = data; }
    return els[id];
  },
  createElement: (tag) => El(tag),
};
const frames = [];
global.window = {devicePixelRatio: 1, addEventListener() {},
                 requestAnimationFrame: (f) => frames.push(f)};
new Function(script)();
let n = 0;
while (frames.length && n < 5000) { frames.shift()(); n++; }
const c = centres[process.argv[3]], ev = {clientX: c[0], clientY: c[1], pointerId: 1};
els["kg-canvas"].listeners.pointerdown(ev); els["kg-canvas"].listeners.pointerup(ev);
els["kg-search"].value = process.argv[4];
els["kg-search"].listeners.input({});
console.log(JSON.stringify({frames: n, bad, labels: Object.keys(centres).sort(),
  panel: text(els["kg-panel"]), count: els["kg-count"].text}));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_viewer_script_lays_out_stops_and_answers_clicks_and_search(store, tmp_path) -> None:
    (tmp_path / "page.html").write_text(render(store, "html"), "utf-8")
    (tmp_path / "harness.js").write_text(HARNESS, "utf-8")
    run = subprocess.run(
        ["node", str(tmp_path / "harness.js"), str(tmp_path / "page.html"),
         "Francisco Geronimo", "research in"],
        capture_output=True, text=True, timeout=60, check=True,
    )
    result = json.loads(run.stdout)
    assert result["frames"] < 1000  # the physics stopped by itself
    assert result["bad"] == 0  # no NaN positions
    assert result["labels"] == sorted(
        ["RIM", "IDC", "Vodafone", "Apple", "Francisco Geronimo", "BlackBerry 10", "EMEA"]
    )
    assert "worksFor" in result["panel"] and "IDC" in result["panel"]
    assert result["count"] == "1 résultat(s)"  # found by RIM's alias, accents and case folded
