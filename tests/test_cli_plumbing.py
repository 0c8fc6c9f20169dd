"""`kg query` and `kg stats` end to end on a store filled by hand (no NLP)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from _plumbing import HEINS, filled_store
from kg.cli import cli

LEADERS = """\
# title: Dirigeants
# description: Who leads which organisation.
# param: ?orgLabel — label of the organisation (default: "Research In Motion")
SELECT DISTINCT ?personLabel ?orgLabel WHERE {
  ?p kg:leads ?o ; rdfs:label ?pl .
  ?o rdfs:label ?ol .
  BIND(STR(?pl) AS ?personLabel)
  BIND(STR(?ol) AS ?orgLabel)
}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return filled_store(tmp_path_factory.mktemp("cli") / "store").store


@pytest.fixture()
def kg(tmp_path, store):
    """Run ``kg ARGS`` in-process against the filled store and a folder of saved queries."""
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "leaders.rq").write_text(LEADERS, "utf-8")
    env = {"KG_QUERIES_DIR": str(queries), "KG_STORE": store, "KG_CONFIG": str(tmp_path / "none")}

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return invoke


def test_query_inline_json(kg):
    res = kg("query", "-e", "SELECT DISTINCT ?p WHERE { ?p kg:leads ?o }", "--format", "json")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout) == {"head": {"vars": ["p"]}, "results": {"bindings": [
        {"p": {"type": "uri", "value": HEINS.value}}]}}
    assert res.stderr == ""


def test_saved_query_with_default_and_given_param(kg):
    res = kg("query", "leaders", "--format", "csv")
    assert res.exit_code == 0
    # W3C CSV lines end with CRLF (Result.stdout would normalise them, so read the bytes).
    assert res.stdout_bytes == b"personLabel,orgLabel\r\nThorsten Heins,Research In Motion\r\n"
    res = kg("query", "leaders", "--param", "orgLabel=IDC", "--format", "csv")
    assert res.stdout_bytes == b"personLabel,orgLabel\r\n"


def test_query_table_is_the_default(kg):
    res = kg("query", "leaders")
    assert res.stdout.splitlines() == [
        "personLabel     orgLabel",
        "--------------  ------------------",
        "Thorsten Heins  Research In Motion",
        "(1 row)",
    ]


def test_query_list_shows_names_titles_and_params(kg):
    res = kg("query", "--list")
    assert res.exit_code == 0
    assert res.stdout.splitlines() == [
        "leaders  Dirigeants",
        "         Who leads which organisation.",
        '           --param orgLabel=…  label of the organisation (default: "Research In Motion")',
    ]


@pytest.mark.parametrize(
    "args, line",
    [
        (["query", "dirigeants"], "error [KG301] dirigeants: unknown query 'dirigeants'; "
                                  "available: leaders; see `kg query --list`"),
        (["query", "-e", "SELECT ?s\nWHERE { ?s ?p }"],
         "error [KG302] -e: SPARQL syntax error at line 2, column 16:"),
        (["query", "leaders", "--param", "org=IDC"],
         "error [KG303] leaders: unknown parameter(s) org; this query takes: orgLabel"),
    ],
)
def test_query_errors_are_one_line_on_stderr(kg, args, line):
    res = kg(*args)
    assert res.exit_code == 1
    assert res.stdout == ""
    assert res.stderr.startswith(line) and res.stderr.count("\n") == 1


def test_missing_store_says_to_ingest_first(kg, tmp_path):
    missing = tmp_path / "absent"
    for args in (["stats"], ["query", "leaders"]):
        res = kg(*args, "--store", str(missing))
        assert res.exit_code == 1
        assert res.stderr == f"error [KG201] {missing}: no store at {missing}; run `kg ingest` first\n"


@pytest.mark.parametrize("args", [["query"], ["query", "leaders", "-e", "ASK {}"],
                                  ["query", "leaders", "--param", "orgLabel"]])
def test_usage_errors_exit_2(kg, args):
    assert kg(*args).exit_code == 2


def test_stats_json_and_text(kg):
    res = kg("stats", "--json")
    assert res.exit_code == 0
    counts = json.loads(res.stdout)
    assert counts["articles"] == 2 and counts["quotes"] == 2
    assert counts["entities"] == {"Person": 2, "Organization": 2, "Place": 1, "Product": 1}
    assert counts["relations"]["leads"] == 1 and counts["relations"]["acquired"] == 0
    assert counts["events"]["Outage"] == 1
    text = kg("stats").stdout.splitlines()
    assert text[0].split() == ["articles", "2"]
    assert ["quotes", "2"] in [line.split() for line in text]


@pytest.mark.parametrize("command", ["ingest", "query", "stats", "export", "eval"])
def test_every_command_help_has_an_example(kg, command):
    res = kg(command, "--help")
    assert res.exit_code == 0
    assert "Example" in res.stdout and f"kg {command}" in res.stdout


def test_query_does_not_import_spacy(store):
    code = (
        "import sys\n"
        "from kg.cli import main\n"
        "try:\n"
        f"    main(['query', '-e', 'ASK {{ ?s ?p ?o }}', '--store', {store!r}])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "heavy = sorted(m for m in ('spacy', 'thinc', 'torch', 'matplotlib') if m in sys.modules)\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["true", "[]"]


def test_export_writes_the_rendered_file(kg, tmp_path):
    out = tmp_path / "graphe.graphml"
    res = kg("export", "--format", "graphml", "--out", str(out))
    assert res.exit_code == 0, res.stderr
    assert res.stderr == f"wrote {out} ({out.stat().st_size} bytes)\n"
    assert out.read_bytes().startswith(b"<?xml") and b"Thorsten Heins" in out.read_bytes()
    res = kg("export", "--format", "graphml", "--out", "-")
    assert res.stdout_bytes == out.read_bytes()
