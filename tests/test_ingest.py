"""Ingest in the real world: incremental runs, articles listed and deleted, foreign-language and
oversized input, long texts in pieces, and crash safety under SIGINT and SIGKILL.

Real ``kg`` subprocesses, the real model, real Oxigraph stores; the articles are corpus/ files.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, KG_MAIN, kg_env
from kg.config import Settings
from kg.errors import KgError, StoreError
from kg.ingest import ingest, split_text
from kg.language import detect, foreign_language, surely_french
from kg.sources import read_paths
from kg.store import open_store
from kg.validate import validate_store

pytestmark = pytest.mark.slow

SUMMARY = re.compile(r"^(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) skipped, (\d+) failed; ",
                     re.M)
# Written for this test: an English press release dropped into a French corpus by mistake.
ENGLISH = (
    "Cloud provider posts record quarter\n"
    "The company said on Tuesday that its cloud revenue grew faster than analysts expected, "
    "driven by demand for machine learning services, and it raised its forecast for the "
    "full year while announcing a new data centre in Ohio."
)


def counts(stderr: str) -> tuple[int, ...]:
    """(new, updated, unchanged, skipped, failed) from ``kg ingest``'s summary line."""
    match = SUMMARY.search(stderr)
    assert match, stderr
    return tuple(int(g) for g in match.groups())


def corpus_copy(dest: Path, names: list[str]) -> Path:
    """Copy corpus articles (text and gold, which carries the date) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        for suffix in (".txt", ".json"):
            shutil.copy(CORPUS / f"{name}{suffix}", dest / f"{name}{suffix}")
    return dest


def corpus_names(n: int) -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.txt"))[:n]


def graph_quads(store_dir: Path) -> dict[str, set[str]]:
    """Each article graph of a store as a set of N-Triples lines."""
    out: dict[str, set[str]] = {}
    with open_store(Settings(store=str(store_dir)), read_only=True) as store:
        for article in store.articles():
            out[article.value] = {
                f"{q.subject} {q.predicate} {q.object}"
                for q in store.store.quads_for_pattern(None, None, None, article)}
    return out


# ---------------------------------------------------------------- incremental, articles, delete


def test_second_run_reports_new_updated_unchanged(kg_run, tmp_path):
    src = corpus_copy(tmp_path / "src", corpus_names(3))
    store = tmp_path / "store"
    first = kg_run("ingest", src, "--store", store)
    assert first.returncode == 0 and counts(first.stderr) == (3, 0, 0, 0, 0), first.stderr
    changed = src / f"{corpus_names(3)[0]}.txt"
    changed.write_text(changed.read_text("utf-8") + "\nUne phrase ajoutée après coup.\n", "utf-8")
    corpus_copy(src, [corpus_names(4)[3]])
    second = kg_run("ingest", src, "--store", store)
    assert second.returncode == 0 and counts(second.stderr) == (1, 1, 2, 0, 0), second.stderr
    third = kg_run("ingest", src, "--store", store)
    assert counts(third.stderr) == (0, 0, 4, 0, 0)


def test_articles_lists_ids_dates_titles_and_counts(corpus_store, kg_run):
    proc = kg_run("articles", "--json", "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    rows = {r["id"]: r for r in json.loads(proc.stdout)}
    seed = rows["000-5f6b052bc33bd45f"]
    assert seed["date"] == "2012-09-24"
    assert "BlackBerry" in seed["title"] or "RIM" in seed["title"]
    assert seed["entities"] >= 5 and seed["relations"] >= 2 and seed["quotes"] >= 1
    assert len(rows) == len(list(CORPUS.rglob("*.txt")))
    dates = [r["date"] for r in json.loads(proc.stdout)]
    assert dates == sorted(dates, reverse=True)  # newest first
    table = kg_run("articles", "--store", corpus_store.path)
    assert table.stdout.splitlines()[0].split()[:2] == ["id", "date"]
    assert any(line.startswith("000-5f6b052bc33bd45f ") for line in table.stdout.splitlines())


def test_delete_removes_facts_and_orphan_entities_only(corpus_store, kg_run, tmp_path):
    store = corpus_store.copy(tmp_path / "store")
    labels = "SELECT DISTINCT ?l WHERE { ?e rdfs:label ?l }"
    with open_store(Settings(store=str(store)), read_only=True) as s:
        before = {r["l"].value for r in s.query(labels)}
    assert {"Francisco Geronimo", "Research In Motion"} <= before
    proc = kg_run("delete", "000-5f6b052bc33bd45f", "--store", store)
    assert proc.returncode == 0, proc.stderr
    with open_store(Settings(store=str(store)), read_only=True) as s:
        after = {r["l"].value for r in s.query(labels)}
        gone = [a.value for a in s.articles() if a.value.endswith("/000-5f6b052bc33bd45f")]
    assert gone == []
    assert "Francisco Geronimo" not in after  # only the seed article quotes him
    assert "Research In Motion" in after  # other corpus articles still mention RIM
    assert "Vodafone" in before


def test_delete_of_an_unknown_id_deletes_nothing(corpus_store, kg_run, tmp_path):
    store = corpus_store.copy(tmp_path / "store")
    before = graph_quads(store)
    proc = kg_run("delete", "000-5f6b052bc33bd45f", "pas-un-article", "--store", store)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error [KG108]") and "pas-un-article" in proc.stderr
    assert graph_quads(store) == before


# ---------------------------------------------------------------- language, size, pieces


def test_foreign_article_is_skipped_with_a_warning(kg_run, tmp_path):
    src = corpus_copy(tmp_path / "src", corpus_names(1))
    (src / "press-release.txt").write_text(ENGLISH, "utf-8")
    proc = kg_run("ingest", src, "--store", tmp_path / "store", "--date", "2024-01-10")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc.stderr) == (1, 0, 0, 1, 0)
    assert re.search(r"^warning .*press-release\.txt: skipped, written in 'en'", proc.stderr, re.M)


def test_a_missing_model_raises_from_the_loading_thread(tmp_path):
    # A model that cannot load must reach the caller as a KgError with its code.
    src = corpus_copy(tmp_path / "src", corpus_names(1))
    with pytest.raises(KgError) as err:
        ingest([str(src)], Settings(store=str(tmp_path / "store"), model="fr_pas_de_modele"))
    assert err.value.code == "KG010" and "fr_pas_de_modele" in str(err.value)


FOREIGN = [
    ENGLISH,
    "La empresa anunció el martes que sus ingresos trimestrales aumentaron un 12 por ciento, "
    "impulsados por la demanda de servicios en la nube, mientras los analistas esperaban menos.",
    "La società ha annunciato martedì che i ricavi trimestrali sono aumentati del 12 per cento, "
    "grazie alla domanda di servizi cloud, mentre gli analisti si aspettavano una crescita minore.",
    "Das Unternehmen teilte am Dienstag mit, dass der Umsatz im Quartal um zwölf Prozent stieg, "
    "getrieben von der Nachfrage nach Cloud-Diensten, während Analysten weniger erwartet hatten.",
]


def test_the_french_fast_path_agrees_with_the_classifier():
    # surely_french spares the classifier on plain French; it must never pass a text the
    # classifier would call foreign, and never claim a foreign text.
    texts = [p.read_text("utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    fast = [t for t in texts if surely_french(t)]
    assert len(fast) == len(texts)
    assert {detect(t)[0] for t in fast} == {"fr"}
    for text in FOREIGN:
        assert not surely_french(text) and detect(text)[0] != "fr"
        assert foreign_language(text, ("fr",)) == detect(text)[0]


def test_only_foreign_or_unchanged_articles_write_nothing(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "press-release.txt").write_text(ENGLISH, "utf-8")
    report = ingest([str(src)], Settings(store=str(tmp_path / "store")))
    assert (report.skipped, report.articles_written, report.failed) == (1, 0, [])


def test_oversized_article_fails_alone_and_quickly(kg_run, tmp_path):
    src = corpus_copy(tmp_path / "src", corpus_names(1))
    sentence = "Le constructeur a annoncé une nouvelle panne de ses serveurs en Europe. "
    big = src / "enorme.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("Un article démesuré\n")
        for _ in range(50 * 2**20 // len(sentence.encode()) + 1):
            fh.write(sentence)
    assert big.stat().st_size > 50 * 2**20
    store = tmp_path / "store"
    proc = kg_run("ingest", src, "--store", store, "--date", "2024-01-10")
    assert proc.returncode == 1
    assert counts(proc.stderr) == (1, 0, 0, 0, 1)
    assert re.search(r"^error \[KG100\] .*enorme\.txt: article too long \(5\d,\d{3},\d{3} "
                     r"characters, limit 2,000,000\)", proc.stderr, re.M), proc.stderr
    assert len(graph_quads(store)) == 1


def test_split_text_cuts_at_line_breaks_and_joins_back():
    text = CORPUS.joinpath("a05-atos-rachete-bull.txt").read_text("utf-8")
    pieces = split_text(text, 700)
    assert len(pieces) > 3
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 700 for _, p in pieces)
    assert all(text[off:off + len(p)] == p for off, p in pieces)
    assert all(p.endswith(("\n", ". ")) for _, p in pieces[:-1])  # a paragraph or sentence end


def test_long_text_in_pieces_keeps_offsets_and_facts(tmp_path):
    article = CORPUS / "a05-atos-rachete-bull.txt"
    whole, pieced = tmp_path / "whole", tmp_path / "pieced"
    assert ingest([str(article)], Settings(store=str(whole))).new == 1
    assert ingest([str(article)], Settings(store=str(pieced)), piece_chars=700).new == 1
    anchors = """SELECT ?t ?b ?e ?s WHERE { ?a schema:text ?t .
        ?m nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?s }"""
    facts = "SELECT DISTINCT ?s ?p ?o WHERE { ?v a kg:Evidence; kg:subject ?s; kg:predicate ?p; kg:object ?o }"
    with open_store(Settings(store=str(pieced)), read_only=True) as s:
        rows = list(s.query(anchors))
        assert len(rows) > 20
        for r in rows:  # every mention's offsets point at its text in the whole article
            assert r["t"].value[int(r["b"].value):int(r["e"].value)] == r["s"].value
        pieced_facts = {tuple(r) for r in s.query(facts)}
    with open_store(Settings(store=str(whole)), read_only=True) as s:
        whole_facts = {tuple(r) for r in s.query(facts)}
    # Facts stated within one piece survive; cross-piece coreference may lose a few.
    assert len(pieced_facts & whole_facts) >= 0.6 * len(whole_facts) > 0


def test_a_file_that_disappears_during_the_run_is_reported(tmp_path):
    src = corpus_copy(tmp_path / "src", corpus_names(2))
    items = read_paths([str(src)])
    first = next(items)
    assert first.id == corpus_names(2)[0]
    (src / f"{corpus_names(2)[1]}.txt").unlink()
    rest = list(items)
    assert len(rest) == 1 and "cannot read file" in str(rest[0])
    assert f"{corpus_names(2)[1]}.txt" in str(rest[0])


# ---------------------------------------------------------------- crash safety


def start_ingest(src: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", KG_MAIN, "ingest", str(src), "--store", str(store)],
                            env=kg_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_articles(store: Path, proc: subprocess.Popen, at_least: int = 1) -> None:
    """Poll the store read-only (readers never wait for the writer) until it holds articles."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with open_store(Settings(store=str(store)), read_only=True) as s:
                if len(s.articles()) >= at_least:
                    return
        except StoreError:  # not created yet
            pass
        time.sleep(0.2)
    raise AssertionError("ingest wrote nothing in time")


def test_sigint_stops_cleanly_with_exit_130(kg_run, tmp_path):
    src = corpus_copy(tmp_path / "src", corpus_names(40))
    store = tmp_path / "store"
    proc = start_ingest(src, store)
    wait_for_articles(store, proc, at_least=2)  # in the middle of the articles
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted: every article written so far is whole" in stderr
    written = counts(stderr)[0]
    assert 0 < written < 40, stderr
    assert len(graph_quads(store)) == written
    rerun = kg_run("ingest", src, "--store", store)
    assert counts(rerun.stderr) == (40 - written, 0, written, 0, 0)


def test_sigkill_at_random_points_leaves_only_whole_articles(kg_run, tmp_path):
    names = corpus_names(12)
    src = corpus_copy(tmp_path / "src", names)
    reference = tmp_path / "reference"
    assert kg_run("ingest", src, "--store", reference).returncode == 0
    expected = graph_quads(reference)
    assert len(expected) == len(names)
    store = tmp_path / "store"
    rng = random.Random(20261129)
    for _ in range(4):
        proc = start_ingest(src, store)
        if rng.random() < 0.75:  # mostly while articles are being written…
            wait_for_articles(store, proc) if not store.exists() else None
            time.sleep(rng.uniform(0.0, 2.5))
        else:  # …sometimes while the model loads or the store opens
            time.sleep(rng.uniform(0.2, 3.0))
        proc.kill()
        proc.communicate(timeout=60)
        if not store.exists():  # killed before the store was created
            continue
        found = graph_quads(store)  # the store opens
        for article, quads in found.items():
            assert quads == expected[article], f"partial article {article}"
        with open_store(Settings(store=str(store)), read_only=True) as s:
            report = validate_store(s)
        assert report.conforms, report.format_text()
    final = kg_run("ingest", src, "--store", store)
    assert final.returncode == 0, final.stderr
    assert counts(final.stderr)[4] == 0
    assert graph_quads(store) == expected
