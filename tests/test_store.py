"""The store contract, run against every backend in kg.store.BACKENDS."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap

import pytest
from pyoxigraph import Literal, Quad

from _plumbing import (ANALYST, BLACKBERRY, HEINS, IDC, MINT, PANNE, RESULTATS, RIM, article_graph,
                       filled_store)
from kg.config import Settings
from kg.errors import (
    QueryParameterError,
    QuerySyntaxError,
    StoreError,
    StoreLockedError,
    StoreMissingError,
)
from kg.store import BACKENDS, open_store
from kg.vocab import KG, RDFS, SCHEMA, content_hash

pytestmark = pytest.mark.parametrize("backend", sorted(BACKENDS))


def rows(store, sparql, **bindings):
    result = store.query(sparql, bindings or None)
    return sorted(tuple(sol[v] for v in result.variables) for sol in result)


def test_replace_then_read_back(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, read_only=True, backend=backend) as store:
        assert store.articles() == sorted([PANNE.iri, RESULTATS.iri], key=lambda n: n.value)
        assert store.article_hash(PANNE.iri) == PANNE.content_hash
        assert store.article_hash(MINT.article("absent")) is None
        distinct = set(PANNE.quads) | set(RESULTATS.quads) | set(PANNE.entity_quads)
        assert store.triple_count() == len(distinct)
        # The default graph is the union: plain patterns see every article's graph.
        # ("/" must be escaped in a prefixed name: kgr:person\\/thorsten-heins.)
        assert rows(store, "SELECT ?g WHERE { GRAPH ?g { kgr:person\\/thorsten-heins kg:leads ?o } }")\
            == [(PANNE.iri,), (RESULTATS.iri,)]
        assert rows(store, 'SELECT ?e WHERE { ?e skos:altLabel "RIM"@fr }') == [(RIM,)]


def test_same_hash_is_not_rewritten(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, backend=backend) as store:
        before = store.triple_count()
        assert store.replace_article(PANNE) is False
        assert store.triple_count() == before


def test_new_text_replaces_the_whole_article_graph(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    text = "Panne réparée\nTout fonctionne de nouveau."
    newer = article_graph("panne", text, relations=[(HEINS, "worksFor", RIM)])
    with open_store(settings, backend=backend) as store:
        assert store.replace_article(newer) is True
        assert store.article_hash(PANNE.iri) == content_hash(text)
        in_panne = rows(store, "SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?p IN "
                               "(kg:leads, kg:worksFor, kg:madeBy)) }", g=PANNE.iri)
        assert in_panne == [(PANNE.iri, KG.worksFor)]
        # Entity descriptions are shared and survive the replacement.
        assert rows(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", e=RIM) == [
            (RIM, Literal("Research In Motion", language="fr"))]


def test_tricky_literals_round_trip(tmp_path, backend):
    text = 'Titre « guillemets »\nUn "mot", un \\ antislash,\tune tabulation et un émoji 📱.\n'
    graph = article_graph("piege", text)
    with open_store(Settings(store=str(tmp_path / "s")), backend=backend) as store:
        store.replace_article(graph)
        assert rows(store, "SELECT * WHERE { ?a schema:text ?t }", a=graph.iri) == [
            (graph.iri, Literal(text))]


def test_delete_article(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, backend=backend) as store:
        assert store.delete_article(PANNE.iri) is True
        assert store.delete_article(PANNE.iri) is False
        assert store.articles() == [RESULTATS.iri]
        assert store.article_hash(PANNE.iri) is None


def test_delete_keeps_entities_mentioned_elsewhere_and_drops_orphans(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    described = "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l }"
    with open_store(settings, backend=backend) as store:
        before = {e for (e,) in rows(store, described)}
        assert {HEINS, RIM, ANALYST, IDC, BLACKBERRY} <= before
        store.delete_article(PANNE.iri)
        after = {e for (e,) in rows(store, described)}
        # Heins and RIM are still mentioned by RESULTATS; the analyst, IDC, BlackBerry are not.
        assert {HEINS, RIM} <= after
        assert not after & {ANALYST, IDC, BLACKBERRY}
        assert rows(store, "SELECT ?e ?p ?o WHERE { ?e ?p ?o }", e=IDC) == []
        store.delete_article(RESULTATS.iri)
        assert rows(store, described) == []
        assert store.triple_count() == 0


def test_entities_described_again_after_their_article_is_deleted(tmp_path, backend):
    # The same open store writes, deletes, then writes again: an entity whose description the
    # delete removed is described anew by the next article that mentions it.
    settings = Settings(store=str(tmp_path / "s"))
    with open_store(settings, backend=backend) as store:
        store.replace_article(PANNE)
        store.delete_article(PANNE.iri)
        assert rows(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", e=RIM) == []
        store.replace_article(RESULTATS)
        mentioned = {q.object for q in RESULTATS.quads if q.predicate == SCHEMA.mentions}
        described = {e for (e,) in rows(store, "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l }")}
        assert {HEINS, RIM} <= mentioned <= described


def test_replace_articles_writes_as_one_after_the_other(tmp_path, backend):
    # New articles, the same one again, a different spelling of an entity's label, an update:
    # writing them as a batch gives the store (and the answers) of writing them in turn.
    relabelled = dataclasses.replace(RESULTATS, entity_quads=tuple(
        Quad(q.subject, q.predicate, Literal("R.I.M.", language="fr"), q.graph_name)
        if q.subject == RIM and q.predicate == RDFS.label else q for q in RESULTATS.entity_quads))
    newer = article_graph("panne", "Panne réparée\nTout fonctionne de nouveau.", relations=[(HEINS, "worksFor", RIM)])
    graphs = [PANNE, relabelled, PANNE, newer, RESULTATS]
    dumps = []
    for name, write in (("one", lambda s: [s.replace_article(g) for g in graphs]),
                        ("batch", lambda s: s.replace_articles(graphs))):
        with open_store(Settings(store=str(tmp_path / name)), backend=backend) as store:
            assert write(store) == [True, True, False, True, False]
            dumps.append(sorted(str(q) for q in store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")))
            assert rows(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", e=RIM) == [
                (RIM, Literal("Research In Motion", language="fr"))]
            alt = store.query("SELECT ?e ?l WHERE { ?e skos:altLabel ?l }", {"e": RIM})
            assert Literal("R.I.M.", language="fr") in {row["l"] for row in alt}
    assert dumps[0] == dumps[1]


def test_bindings_and_their_limits(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, read_only=True, backend=backend) as store:
        # The union graph keeps one row per graph: the same fact from two articles is two rows.
        assert rows(store, "SELECT ?p ?o WHERE { ?p kg:leads ?o }", p=HEINS) == [(HEINS, RIM)] * 2
        assert rows(store, "SELECT DISTINCT ?p ?o WHERE { ?p kg:leads ?o }", p=HEINS) == [
            (HEINS, RIM)]
        label = Literal("Thorsten Heins", language="fr")
        assert rows(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", l=label) == [(HEINS, label)]
        with pytest.raises(QueryParameterError, match="projected"):
            store.query("SELECT ?o WHERE { ?p kg:leads ?o }", {"p": HEINS})


def test_syntax_error_gives_line_and_column(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, read_only=True, backend=backend) as store:
        with pytest.raises(QuerySyntaxError) as err:
            store.query("SELECT ?s\nWHERE {\n  ?s kg:leads ?o\n  FILTER(\n}")
        assert err.value.code == "KG302"
        assert "line 5, column" in err.value.message


def test_read_only_open_of_missing_store(tmp_path, backend):
    with pytest.raises(StoreMissingError) as err:
        open_store(Settings(store=str(tmp_path / "nope")), read_only=True, backend=backend)
    assert err.value.message == f"no store at {tmp_path / 'nope'}; run `kg ingest` first"
    assert not (tmp_path / "nope").exists()


def test_read_only_store_refuses_writes(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, read_only=True, backend=backend) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.replace_article(dataclasses.replace(PANNE, content_hash="0" * 64))


def test_close_releases_the_write_lock(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    with open_store(settings, backend=backend) as store:
        assert store.triple_count() > 0


def test_refuses_a_folder_that_is_not_a_store(tmp_path, backend):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("à garder", "utf-8")
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(Settings(store=str(tmp_path / "docs")), backend=backend)


def test_second_writer_is_locked_out_but_readers_work(tmp_path, backend):
    settings = filled_store(tmp_path / "s", backend)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from kg.config import Settings
            from kg.store import open_store
            store = open_store(Settings(store={settings.store!r}), backend={backend!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError) as err:
            open_store(settings, backend=backend)
        assert "locked by another writer" in err.value.message
        with open_store(settings, read_only=True, backend=backend) as reader:
            assert reader.articles() == [PANNE.iri, RESULTATS.iri]
    finally:
        holder.communicate("", timeout=30)
