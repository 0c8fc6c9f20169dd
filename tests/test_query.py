"""Saved queries, parameters as bindings, and the shape of every output format."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, RdfFormat, Triple, parse

from _plumbing import ANALYST, HEINS, IDC, RIM, filled_store
from kg.errors import QueryParameterError, QuerySyntaxError, UnknownQueryError
from kg.query import (
    Param,
    bindings,
    format_result,
    list_queries,
    parse_value,
    resolve,
    run,
)
from kg.store import open_store
from kg.vocab import KG

LEADERS = """\
# title: Dirigeants
# description: Who leads which organisation,
# description: one row per pair.
# param: ?orgLabel — label of the organisation (default: "Research In Motion")
SELECT DISTINCT ?personLabel ?orgLabel WHERE {
  ?p kg:leads ?o ; rdfs:label ?pl .
  ?o rdfs:label ?ol .
  BIND(STR(?pl) AS ?personLabel)
  BIND(STR(?ol) AS ?orgLabel)
}
"""
EMPLOYER = """\
# title: Employeur
# param: ?person – an entity IRI (default: none)
# param: ?org: organisation IRI (default: <https://w3id.org/frtechkg/resource/organization/idc>)
SELECT DISTINCT ?person ?org WHERE { ?person kg:worksFor|kg:leads ?org }
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    settings = filled_store(tmp_path_factory.mktemp("q") / "store")
    with open_store(settings, read_only=True) as kg_store:
        yield kg_store


@pytest.fixture()
def queries(tmp_path):
    (tmp_path / "leaders.rq").write_text(LEADERS, "utf-8")
    (tmp_path / "employer.rq").write_text(EMPLOYER, "utf-8")
    (tmp_path / "notes.txt").write_text("not a query", "utf-8")
    return tmp_path


def test_list_queries_reads_headers(queries):
    employer, leaders = list_queries(queries)
    assert (leaders.name, leaders.title, leaders.path) == ("leaders", "Dirigeants",
                                                            queries / "leaders.rq")
    assert leaders.description == "Who leads which organisation, one row per pair."
    assert leaders.params == (Param("orgLabel", "label of the organisation",
                                    '"Research In Motion"'),)
    assert employer.params == (
        Param("person", "an entity IRI", None),
        Param("org", "organisation IRI",
              "<https://w3id.org/frtechkg/resource/organization/idc>"),
    )
    assert list_queries(queries / "absent") == []


def test_resolve_by_name_or_path(queries):
    assert resolve("leaders", queries) == LEADERS
    assert resolve(str(queries / "employer.rq"), queries) == EMPLOYER


def test_unknown_query_lists_available_names(queries):
    with pytest.raises(UnknownQueryError) as err:
        resolve("dirigeant", queries)
    assert err.value.code == "KG301"
    assert "unknown query 'dirigeant'; available: employer, leaders" in err.value.message
    with pytest.raises(UnknownQueryError, match="no such query file"):
        resolve(str(queries / "absent.rq"), queries)


@pytest.mark.parametrize(
    "raw, term",
    [
        ("<https://w3id.org/frtechkg/resource/organization/idc>", IDC),
        ('"RIM"', Literal("RIM")),
        ("RIM", Literal("RIM")),
        ("<pas une IRI>", None),
    ],
)
def test_parse_value(raw, term):
    if term is None:
        with pytest.raises(QueryParameterError):
            parse_value(raw)
    else:
        assert parse_value(raw) == term


def test_defaults_apply_and_given_values_win():
    assert bindings(LEADERS) == {"orgLabel": Literal("Research In Motion")}
    assert bindings(LEADERS, {"orgLabel": "IDC"}) == {"orgLabel": Literal("IDC")}
    assert bindings(EMPLOYER) == {"org": IDC}
    with pytest.raises(QueryParameterError, match="unknown parameter.*orgLabel"):
        bindings(EMPLOYER, {"orgLabel": "IDC"})
    # A query without a header takes any binding.
    assert bindings("SELECT * {}", {"x": "1"}) == {"x": Literal("1")}


def _json_rows(output: str) -> list[dict]:
    doc = json.loads(output)
    return doc["head"]["vars"], sorted(
        ({k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]),
        key=lambda r: sorted(r.items()))


def test_bindings_filter_results(store):
    rows = lambda text, b: _json_rows(format_result(run(store, text, b), "json"))[1]
    assert rows(LEADERS, bindings(LEADERS)) == [
        {"personLabel": "Thorsten Heins", "orgLabel": "Research In Motion"}]
    assert rows(LEADERS, bindings(LEADERS, {"orgLabel": "IDC"})) == []
    assert rows(EMPLOYER, bindings(EMPLOYER)) == [{"person": ANALYST.value, "org": IDC.value}]
    assert rows(EMPLOYER, bindings(EMPLOYER, {"org": f"<{RIM.value}>"})) == [
        {"person": HEINS.value, "org": RIM.value}]


def test_json_is_w3c_sparql_results(store):
    out = format_result(run(store, "SELECT DISTINCT ?p ?label ?missing WHERE { ?p kg:leads ?o ;"
                                   " rdfs:label ?label }"), "json")
    assert json.loads(out) == {
        "head": {"vars": ["p", "label", "missing"]},
        "results": {"bindings": [{
            "p": {"type": "uri", "value": HEINS.value},
            "label": {"type": "literal", "value": "Thorsten Heins", "xml:lang": "fr"},
        }]},
    }


def test_csv_and_tsv_are_w3c(store):
    text = "SELECT DISTINCT ?p ?label WHERE { ?p kg:leads ?o ; rdfs:label ?label }"
    assert format_result(run(store, text), "csv") == (
        f"p,label\r\n{HEINS.value},Thorsten Heins\r\n")
    assert format_result(run(store, text), "tsv") == (
        f'?p\t?label\n<{HEINS.value}>\t"Thorsten Heins"@fr\n')


def test_table_shortens_iris_and_aligns(store):
    out = format_result(run(store, "SELECT DISTINCT ?s ?p ?label WHERE { ?s ?p ?o ; rdfs:label "
                                   "?label FILTER(?p IN (kg:leads, kg:worksFor)) } ORDER BY ?s"),
                        "table")
    lines = out.splitlines()
    assert lines[0].split() == ["s", "p", "label"]
    assert lines[2].split() == ["kgr:person/francisco-geronimo", "kg:worksFor", "Francisco",
                                "Geronimo"]
    assert lines[3].split() == ["kgr:person/thorsten-heins", "kg:leads", "Thorsten", "Heins"]
    assert lines[-1] == "(2 rows)"
    assert len({line.index("kg:") for line in lines[2:4]}) == 1  # columns line up


def test_ask_and_construct(store):
    ask = "ASK { ?p kg:leads ?o }"
    assert format_result(run(store, ask), "table") == "true"
    assert json.loads(format_result(run(store, ask), "json")) == {"head": {}, "boolean": True}
    turtle = format_result(run(store, "CONSTRUCT { ?p kg:leads ?o } WHERE { ?p kg:leads ?o }"),
                           "table")
    assert turtle.startswith("@prefix")
    parsed = {q.triple for q in parse(turtle.encode(), format=RdfFormat.TURTLE)}
    assert parsed == {Triple(HEINS, KG.leads, RIM)}


def test_syntax_error_names_line_column_and_source(store):
    with pytest.raises(QuerySyntaxError) as err:
        run(store, "SELECT ?s WHERE {\n  ?s kg:leads ?o .\n  ?s rdfs:label\n}", source="x.rq")
    assert err.value.source == "x.rq"
    assert err.value.message.startswith("SPARQL syntax error at line 4, column 1:")
    assert str(err.value).startswith("[KG302] x.rq: SPARQL syntax error at line 4")


def test_binding_an_unprojected_variable_is_a_clear_error(store):
    with pytest.raises(QueryParameterError, match="SELECT"):
        run(store, "SELECT ?o WHERE { ?p kg:leads ?o }", {"p": HEINS})
