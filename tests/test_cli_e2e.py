"""The ``kg`` command end to end, as a subprocess, on the real corpus and real stores.

``corpus/`` is ingested once per session (``corpus_store`` in conftest.py); tests that write
work on a copy of that store. Bad inputs must each give one ``error [KG…] <input>: …`` line on
stderr, exit code 1 and leave the store as it was.
"""

from __future__ import annotations

import json
import os
import pty
import re
import threading
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat

from kg.model import Article
from kg.sources import read_paths
from kg.store import open_store
from kg.vocab import Minter

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SUMMARY = re.compile(r"^(\d+) new, (\d+) updated, (\d+) unchanged, (\d+) skipped, (\d+) failed; "
                     r".+ triples in .+ s\)$")
MINT = Minter()


def summary(stderr: str) -> tuple[int, int, int, int, int]:
    """(new, updated, unchanged, skipped, failed) from the summary line of ``kg ingest``."""
    lines = [m for m in map(SUMMARY.match, stderr.splitlines()) if m]
    assert len(lines) == 1, stderr
    return tuple(int(g) for g in lines[0].groups())


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("error")]


def only_errors_and_summary(stderr: str) -> list[str]:
    """The error lines; every other stderr line must be the summary."""
    errors = error_lines(stderr)
    others = [line for line in stderr.splitlines() if line not in errors]
    assert all(SUMMARY.match(line) for line in others), stderr
    return errors


def stats_json(kg_run, store: Path) -> dict:
    proc = kg_run("stats", "--json", "--store", store)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def nquads(settings) -> list[str]:
    with open_store(settings, read_only=True) as kg_store:
        return sorted(kg_store.store.dump(format=RdfFormat.N_QUADS).decode("utf-8").splitlines())


def snapshot(kg_run, corpus_store, store: Path) -> tuple[dict, list[str]]:
    return stats_json(kg_run, store), nquads(corpus_store.settings(store))


def corpus_articles() -> list[Article]:
    found = list(read_paths([str(CORPUS)]))
    assert all(isinstance(a, Article) for a in found), [str(a) for a in found]
    return found


# ---------------------------------------------------------------- ingest twice, query


def test_first_ingest_writes_every_corpus_article(corpus_store):
    proc = corpus_store.first_run
    assert error_lines(proc.stderr) == []
    assert summary(proc.stderr) == (len(corpus_articles()), 0, 0, 0, 0)
    assert proc.stdout == ""  # data goes to stdout, messages to stderr: ingest prints no data


def test_second_ingest_changes_nothing(corpus_store, kg_run, tmp_path):
    store = corpus_store.copy(tmp_path / "store")
    before = snapshot(kg_run, corpus_store, store)
    proc = kg_run("ingest", CORPUS, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert summary(proc.stderr) == (0, 0, len(corpus_articles()), 0, 0)
    after = snapshot(kg_run, corpus_store, store)
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert before[0]["articles"] == len(corpus_articles())
    assert stats_json(kg_run, corpus_store.path) == before[0]


def test_query_json_is_w3c_sparql_results(corpus_store, kg_run):
    proc = kg_run("query", "-e",
                  "SELECT ?person ?name ?org WHERE { ?person kg:worksFor ?org ; rdfs:label ?name }",
                  "--format", "json", "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["head"]["vars"] == ["person", "name", "org"]
    bindings = data["results"]["bindings"]
    assert bindings
    for row in bindings:
        assert set(row) <= {"person", "name", "org"}
        for term in row.values():
            assert term["type"] in ("uri", "literal", "bnode") and isinstance(term["value"], str)
    analyst = MINT.entity("person/francisco-geronimo").value
    rows = [r for r in bindings if r["person"]["value"] == analyst]
    assert rows and rows[0]["person"]["type"] == "uri"
    assert rows[0]["name"] == {"type": "literal", "value": "Francisco Geronimo", "xml:lang": "fr"}
    assert rows[0]["org"] == {"type": "uri", "value": MINT.entity("organization/idc").value}


def test_saved_query_runs_on_the_ingested_corpus(corpus_store, kg_run):
    proc = kg_run("query", "works_for", "--param", "orgLabel=IDC", "--format", "json",
                  "--store", corpus_store.path)
    assert proc.returncode == 0, proc.stderr
    values = {t["value"] for row in json.loads(proc.stdout)["results"]["bindings"]
              for t in row.values()}
    assert any("Francisco Geronimo" in v for v in values), values


# ---------------------------------------------------------------- bad inputs leave the store


@pytest.fixture(scope="module")
def shared_copy(corpus_store, tmp_path_factory) -> Path:
    """One copy of the corpus store for the bad-input tests (none of them may change it)."""
    return corpus_store.copy(tmp_path_factory.mktemp("bad-inputs") / "store")


LATIN1 = "Panne géante chez Orange\n\nLe réseau mobile est resté coupé toute la journée.\n"

BAD_FILES = [
    ("empty", "vide.txt", b"", "KG102", "empty"),
    ("whitespace-only", "blanc.md", b"  \n\n\t\n", "KG102", "empty"),
    ("binary-png", "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "KG103", "PNG"),
    ("binary-nul", "dump.txt", b"Panne\x00\x00\x01\x02 chez Orange", "KG103", "binary"),
    # 0x81 is undefined in Windows-1252 too: the text cannot be recovered with a warning.
    ("invalid-utf8", "latin1.txt", LATIN1.encode("latin-1") + b"\x81", "KG104",
     f"byte 0xe9 at offset {LATIN1.encode('latin-1').index(0xE9)}"),
    ("invalid-utf8-jsonl", "flux.jsonl",
     '{"id": "x", "text": "Le réseau est coupé.\x81"}\n'.encode("latin-1"), "KG104", "line 1"),
]


def assert_one_error(proc, code: str, source: str, *, ingest: bool = True) -> str:
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    errors = only_errors_and_summary(proc.stderr) if ingest else error_lines(proc.stderr)
    assert len(errors) == 1, proc.stderr
    line = errors[0]
    assert line.startswith(f"error [{code}] {source}: "), line
    if not ingest:
        assert proc.stderr.strip() == line
    return line


@pytest.mark.parametrize("case, name, data, code, detail", BAD_FILES,
                         ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_reported_and_store_unchanged(corpus_store, kg_run, shared_copy, tmp_path,
                                                  case, name, data, code, detail):
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(kg_run, corpus_store, shared_copy)
    proc = kg_run("ingest", path, "--store", shared_copy)
    line = assert_one_error(proc, code, str(path))
    assert detail in line
    assert summary(proc.stderr) == (0, 0, 0, 0, 1)
    assert snapshot(kg_run, corpus_store, shared_copy) == before


def test_missing_path_is_reported_and_store_unchanged(corpus_store, kg_run, shared_copy, tmp_path):
    missing = tmp_path / "absent" / "article.txt"
    before = snapshot(kg_run, corpus_store, shared_copy)
    proc = kg_run("ingest", missing, "--store", shared_copy)
    assert_one_error(proc, "KG101", str(missing))
    assert snapshot(kg_run, corpus_store, shared_copy) == before


def test_unknown_query_name(corpus_store, kg_run, shared_copy):
    before = snapshot(kg_run, corpus_store, shared_copy)
    proc = kg_run("query", "qui_dirige_quoi", "--store", shared_copy)
    line = assert_one_error(proc, "KG301", "qui_dirige_quoi", ingest=False)
    assert "works_for" in line  # the message lists the saved queries to choose from
    assert proc.stdout == ""
    assert snapshot(kg_run, corpus_store, shared_copy) == before


def test_sparql_syntax_error_reports_line_and_column(corpus_store, kg_run, shared_copy):
    sparql = "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  ?x ?y @@ .\n}"
    before = snapshot(kg_run, corpus_store, shared_copy)
    proc = kg_run("query", "-e", sparql, "--store", shared_copy)
    line = assert_one_error(proc, "KG302", "-e", ingest=False)
    found = re.search(r"at line (\d+), column (\d+)", line)
    assert found, line
    assert int(found.group(1)) == 4 and 9 <= int(found.group(2)) <= 12
    assert snapshot(kg_run, corpus_store, shared_copy) == before


def test_syntax_error_in_query_file_counts_its_header_lines(corpus_store, kg_run, tmp_path):
    rq = tmp_path / "cassee.rq"
    rq.write_text("# title: Requête cassée\n# description: for the test\n"
                  "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n  ?x ?y @@ .\n}\n", "utf-8")
    proc = kg_run("query", rq, "--store", corpus_store.path)
    line = assert_one_error(proc, "KG302", str(rq), ingest=False)
    assert "at line 6, column" in line


# ---------------------------------------------------------------- partial batches (real NLP)

GOOD_1 = ("Orange relance son offre de fibre\n\n"
          "L'opérateur Orange a présenté mardi une nouvelle offre de fibre pour les entreprises.\n")
GOOD_2 = ("Capgemini recrute en Inde\n\n"
          "Le groupe Capgemini annonce l'ouverture d'un centre de services à Bangalore.\n")


def test_one_bad_article_does_not_stop_the_batch(corpus_store, kg_run, tmp_path):
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / "a-orange.txt").write_text(GOOD_1, "utf-8")
    (folder / "b-casse.txt").write_bytes(LATIN1.encode("latin-1") + b"\x81")
    (folder / "c-capgemini.txt").write_text(GOOD_2, "utf-8")
    store = tmp_path / "store"
    proc = kg_run("ingest", folder, "--store", store)
    assert_one_error(proc, "KG104", str(folder / "b-casse.txt"))
    assert summary(proc.stderr) == (2, 0, 0, 0, 1)
    with open_store(corpus_store.settings(store), read_only=True) as kg_store:
        assert kg_store.articles() == [MINT.article("a-orange"), MINT.article("c-capgemini")]


def test_invalid_jsonl_line_is_reported_and_other_lines_ingested(corpus_store, kg_run, tmp_path):
    path = tmp_path / "flux.jsonl"
    lines = [
        json.dumps({"id": "orange-fibre", "date": "2024-02-06", "text": GOOD_1}),
        '{"id": "casse", "text": "Une ligne coupée en plein milieu',
        json.dumps({"id": "capgemini-inde", "text": GOOD_2}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    store = tmp_path / "store"
    proc = kg_run("ingest", path, "--store", store)
    line = assert_one_error(proc, "KG105", str(path))
    assert "line 2" in line
    assert summary(proc.stderr) == (2, 0, 0, 0, 1)
    assert stats_json(kg_run, store)["articles"] == 2
    with open_store(corpus_store.settings(store), read_only=True) as kg_store:
        assert kg_store.articles() == [MINT.article("capgemini-inde"), MINT.article("orange-fibre")]


# ---------------------------------------------------------------- interactive terminal


def test_ingest_on_a_terminal(corpus_store, kg_run, tmp_path):
    store = corpus_store.copy(tmp_path / "store")
    leader, follower = pty.openpty()
    shown: list[bytes] = []
    # Read while the child runs: a full pty buffer would block it.
    reader = threading.Thread(target=_drain, args=(leader, shown))
    reader.start()
    try:
        proc = kg_run("ingest", CORPUS / "000_5f6b052bc33bd45f.txt", "--store", store,
                      stderr=follower, timeout=120)
    finally:
        os.close(follower)
        reader.join(timeout=30)
    text = b"".join(shown).decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert proc.returncode == 0, text


def _drain(fd: int, out: list[bytes]) -> None:
    try:
        while chunk := os.read(fd, 65536):
            out.append(chunk)
    except OSError:  # EIO once the child side is closed
        pass
    finally:
        os.close(fd)
