"""The event timeline of the corpus store: events, filters, and a PNG of the expected size."""

from __future__ import annotations

import datetime as dt
import io

import matplotlib.image as mpimg
import pytest

from kg.errors import BadDateError, ExportError, KgError
from kg.export.timeline import parse_period, timeline_events, timeline_png

DATED_EVENTS = """
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a kg:Event ; kg:agent ?agent .
  { ?e kg:date ?d } UNION { ?e prov:wasDerivedFrom ?a . ?a schema:datePublished ?d }
}"""
APPLE_EVENTS = """
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a kg:Event ; kg:agent ?agent . ?agent rdfs:label "Apple"@fr .
}"""


@pytest.fixture(scope="module")
def store(corpus_store):
    with corpus_store.open() as kg_store:
        yield kg_store


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def decode(png: bytes):
    return mpimg.imread(io.BytesIO(png), format="png")


@pytest.mark.parametrize("text, expected", [
    ("2012", (dt.date(2012, 1, 1), dt.date(2012, 12, 31))),
    ("2012-Q1", (dt.date(2012, 1, 1), dt.date(2012, 3, 31))),
    ("2012-Q4", (dt.date(2012, 10, 1), dt.date(2012, 12, 31))),
    ("2011-02", (dt.date(2011, 2, 1), dt.date(2011, 2, 28))),
    ("2012-09-21", (dt.date(2012, 9, 21), dt.date(2012, 9, 21))),
    ("2012-13", None), ("2012-Q5", None), ("2011-02-29", None), ("21/09/2012", None),
    ("2012-Q1-01", None), ("", None),
])
def test_dates_of_every_precision_become_periods(text, expected):
    assert parse_period(text) == expected


def test_every_event_with_an_agent_and_a_date_is_on_the_timeline(store):
    events = timeline_events(store)
    assert len(events) == count(store, DATED_EVENTS) > 100
    assert events == sorted(events, key=lambda e: (e.start, e.end, e.label, e.iri))
    assert {e.type for e in events} <= {"Outage", "Layoff", "Acquisition", "ProductLaunch",
                                        "Funding", "Lawsuit", "Results"}
    assert any(not e.exact for e in events) and any(e.exact for e in events)


@pytest.mark.parametrize("name", ["Apple", "apple", "ÁPPLE", "https://w3id.org/frtechkg/resource/organization/apple"])
def test_entity_filter_by_label_or_iri(store, name):
    events = timeline_events(store, entity=name)
    assert {e.label for e in events} == {"Apple"}
    assert len(events) == count(store, APPLE_EVENTS)


def test_date_range_keeps_events_overlapping_it(store):
    events = timeline_events(store, since="2015", until="2016-Q2")
    assert events
    assert all(e.end >= dt.date(2015, 1, 1) and e.start <= dt.date(2016, 6, 30) for e in events)
    everything = timeline_events(store)
    assert len(events) < len(everything)
    assert timeline_events(store, since=dt.date(2015, 1, 1), until="2016-06-30") == events


def test_png_has_the_requested_width_and_one_row_per_agent(store):
    full = decode(timeline_png(store, max_rows=12))
    assert full.shape[1] == 1600 and full.shape[2] in (3, 4)
    one = decode(timeline_png(store, entity="Apple", width_px=900))
    assert one.shape[1] == 900
    # Every row adds height (at least 30 px, readable labels): 12 rows against one.
    assert full.shape[0] >= one.shape[0] + 11 * 30
    assert full.std() > 0.05  # something is drawn, not a blank canvas


def test_png_of_an_empty_range_still_decodes(store):
    image = decode(timeline_png(store, since="1900", until="1901", width_px=800))
    assert image.shape[1] == 800


def test_unknown_entity_is_a_clear_error(store):
    with pytest.raises(KgError) as err:
        timeline_png(store, entity="Nokiaa Networks")
    assert isinstance(err.value, ExportError)
    assert "Nokiaa Networks" in str(err.value) and "no entity" in str(err.value)
    with pytest.raises(ExportError, match=r"no entity named 'Applle'.*did you mean 'Apple'"):
        timeline_events(store, entity="Applle")


@pytest.mark.parametrize("since, until", [("2015-13", None), ("hier", None), ("2016", "2015")])
def test_bad_dates_are_input_errors(store, since, until):
    with pytest.raises(BadDateError) as err:
        timeline_png(store, since=since, until=until)
    assert err.value.code == "KG107"


def test_too_narrow_is_an_export_error(store):
    with pytest.raises(ExportError):
        timeline_png(store, width_px=100)
