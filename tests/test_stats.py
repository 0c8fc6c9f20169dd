"""`kg stats` analytics on the corpus store, checked against SPARQL counts of the same store."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from pyoxigraph import Literal, Quad, Store

from kg.model import ENTITY_TYPES, PREDICATES
from kg.stats import entity_graph, stats
from kg.store import open_store
from kg.vocab import KG, SCHEMA

TYPES = " ".join(str(SCHEMA[t]) for t in ENTITY_TYPES)
RELATION_PREDICATES = " ".join(str(KG[p]) for p in PREDICATES)


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def neighbours(store, iri: str) -> int:
    """Distinct typed entities co-mentioned with, or related to, the entity (SPARQL only)."""
    return count(store, f"""
SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {{
  VALUES ?t {{ {TYPES} }}
  VALUES ?p {{ {RELATION_PREDICATES} }}
  ?n a ?t .
  {{ ?a schema:mentions <{iri}> , ?n }} UNION {{ <{iri}> ?p ?n }} UNION {{ ?n ?p <{iri}> }}
  FILTER(?n != <{iri}>)
}}""")


@pytest.fixture(scope="module")
def store(corpus_store):
    with corpus_store.open() as kg_store:
        yield kg_store


@pytest.fixture(scope="module")
def report(corpus_store, kg_run) -> dict:
    proc = kg_run("stats", "--json", "--top", "7", "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_keeps_the_counts_and_adds_the_analytics(report, store):
    assert report["articles"] == len(store.articles())
    assert set(report) >= {"entities", "relations", "quotes", "events", "triples", "predicates",
                           "sources", "graph", "top", "components", "communities"}
    assert len(report["top"]["degree"]) == len(report["top"]["pagerank"]) == 7


def test_graph_has_every_typed_entity(report, store):
    typed = count(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {TYPES} }} ?e a ?t }}")
    assert report["graph"]["nodes"] == typed
    assert report["graph"]["edges"] > typed  # a news graph: more links than entities


def test_top_degree_is_the_number_of_distinct_neighbours(report, store):
    ranked = report["top"]["degree"]
    assert [e["degree"] for e in ranked] == sorted((e["degree"] for e in ranked), reverse=True)
    for entity in ranked[:3]:
        assert entity["degree"] == neighbours(store, entity["iri"])
        assert entity["type"] in ENTITY_TYPES and entity["label"]


def test_top_pagerank_is_sorted_and_a_share_of_one(report):
    ranks = [e["pagerank"] for e in report["top"]["pagerank"]]
    assert ranks == sorted(ranks, reverse=True)
    assert 0 < sum(ranks) < 1
    # The most central entity is also among the best connected.
    top_degree = {e["iri"] for e in report["top"]["degree"]}
    assert report["top"]["pagerank"][0]["iri"] in top_degree


def test_components_and_communities_partition_the_entities(report, store):
    comp, comm, nodes = report["components"], report["communities"], report["graph"]["nodes"]
    assert 1 <= comp["count"] <= nodes and comp["largest"] == comp["sizes"][0] <= nodes
    assert comp["sizes"] == sorted(comp["sizes"], reverse=True)
    assert comp["isolated"] == count(store, f"""
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?t {{ {TYPES} }} ?e a ?t .
  FILTER NOT EXISTS {{
    VALUES ?u {{ {TYPES} }} VALUES ?p {{ {RELATION_PREDICATES} }}
    ?x a ?u . FILTER(?x != ?e)
    {{ ?a schema:mentions ?e , ?x }} UNION {{ ?e ?p ?x }} UNION {{ ?x ?p ?e }}
  }}
}}""")
    sizes = [c["size"] for c in comm["largest"]]
    assert comm["count"] >= len(sizes) >= 2 and sizes == sorted(sizes, reverse=True)
    assert sum(sizes) <= nodes - comp["isolated"]
    members = [m["iri"] for c in comm["largest"] for m in c["members"]]
    assert len(members) == len(set(members))  # a partition: nobody in two communities
    assert comm["modularity"] > 0.3  # real topical structure, not noise


def test_predicates_match_sparql_counts(report, store):
    rows = {r["predicate"]: r for r in report["predicates"]}
    assert {p: r["relations"] for p, r in rows.items()} == \
        {p: n for p, n in report["relations"].items() if n}
    for name, row in rows.items():
        assert row["evidence"] == count(store, f"""
SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE {{ ?ev a kg:Evidence ; kg:predicate {KG[name]} }}""")
        assert 1 <= row["articles"] <= report["articles"]
    order = [(r["relations"], r["evidence"]) for r in report["predicates"]]
    assert order == sorted(order, reverse=True)


def test_corpus_articles_have_no_known_source(report):
    assert report["sources"] == [{"source": None, "articles": report["articles"]}]


def test_sources_are_publishers_else_url_hosts(corpus_store, store, tmp_path):
    path = corpus_store.copy(tmp_path / "store")
    articles = store.articles()
    raw = Store(str(path))
    facts = [(0, SCHEMA.publisher, "Le Monde Informatique"), (1, SCHEMA.publisher, "Le Monde Informatique"),
             (2, SCHEMA.url, "https://www.zdnet.fr/actualites/x.htm"),
             (3, SCHEMA.url, "http://ZDNet.fr/y"), (4, SCHEMA.url, "https://user@01net.com:443/a"),
             (4, SCHEMA.publisher, "01net")]
    raw.extend(Quad(articles[i], p, Literal(v), articles[i]) for i, p, v in facts)
    raw.flush()
    del raw  # releases the write lock
    with open_store(corpus_store.settings(path), read_only=True) as copy:
        sources = stats(copy, top=3)["sources"]
    # By articles, then name; a publisher wins over the URL; hosts lose "www." and case.
    assert sources == [
        {"source": None, "articles": len(articles) - 5},
        {"source": "Le Monde Informatique", "articles": 2},
        {"source": "zdnet.fr", "articles": 2},
        {"source": "01net", "articles": 1},
    ]


def test_counts_only(store, corpus_store, kg_run, report):
    counts = stats(store, top=None)
    assert "graph" not in counts and counts["articles"] == len(store.articles())
    proc = kg_run("stats", "--counts-only", "--json", "--store", corpus_store.path)
    assert json.loads(proc.stdout) == {k: report[k] for k in counts}


def test_pagerank_is_networkx_pagerank(store, report):
    graph = entity_graph(store)
    expected = nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-12)
    for entity in report["top"]["pagerank"]:
        assert entity["pagerank"] == pytest.approx(expected[entity["iri"]], abs=1e-6)


def test_same_store_same_report(store, report):
    again = stats(store, top=7)
    assert again == report


def test_entity_graph_weights_are_co_mentions_plus_relations(store):
    graph = entity_graph(store)
    assert all(d["weight"] == d["co_mentions"] + d["relations"] > 0
               for _, _, d in graph.edges(data=True))
    related = sum(d["relations"] for _, _, d in graph.edges(data=True))
    # Relations between distinct typed entities, counted once per (s, p, o).
    assert related == count(store, f"""
SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {RELATION_PREDICATES} }} VALUES ?t {{ {TYPES} }} VALUES ?u {{ {TYPES} }}
  ?s ?p ?o . ?s a ?t . ?o a ?u . FILTER(?s != ?o) }} }}""")


def test_text_report_is_readable(corpus_store, kg_run, report):
    proc = kg_run("stats", "--top", "3", "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["articles", str(report["articles"])]
    for title in ("most active predicates", "sources", "entity graph:", "components",
                  "communities", "top entities by degree", "top entities by PageRank"):
        assert any(line.startswith(title) for line in lines), title
    assert report["top"]["pagerank"][0]["label"] in proc.stdout
    assert "(unknown)" in proc.stdout


def test_top_must_be_positive(corpus_store, kg_run):
    proc = kg_run("stats", "--top", "0", "--store", corpus_store.path)
    assert proc.returncode == 2 and "--top" in proc.stderr


def test_big_graphs_fall_back_to_label_propagation(store, monkeypatch):
    import kg.stats

    monkeypatch.setattr(kg.stats, "LOUVAIN_MAX_EDGES", 0)
    communities = stats(store, top=3)["communities"]
    assert communities["method"] == "label propagation"
    sizes = [c["size"] for c in communities["largest"]]
    assert sizes == sorted(sizes, reverse=True) and communities["modularity"] > 0
    assert sum(sizes) <= entity_graph(store).number_of_nodes()
