"""kg eval: scoring rules on hand-made graphs, and the command on a real gold pair."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg.evaluate import EvalReport, score_article

ROOT = Path(__file__).resolve().parents[1]

GOLD = {
    "entities": [
        {"name": "Research In Motion", "type": "Organization", "aliases": ["RIM"]},
        {"name": "IDC", "type": "Organization"},
        {"name": "Francisco Geronimo", "type": "Person"},
        {"name": "BlackBerry 10", "type": "Product"},
    ],
    "relations": [
        {"subject": "Francisco Geronimo", "predicate": "worksFor", "object": "IDC", "evidence": "l’analyste d’IDC"},
        {"subject": "BlackBerry 10", "predicate": "madeBy", "object": "RIM", "evidence": "son système"},
        {"subject": "RIM", "predicate": "competitorOf", "object": "IDC", "evidence": "x"},
    ],
    "quotes": [{"speaker": "Francisco Geronimo", "starts_with": "Cette panne ne pouvait", "reported_by": None}],
    "events": [
        {"type": "Outage", "agent": "RIM", "date": "2012-09-21", "place": None},
        {"type": "Layoff", "agent": "RIM", "date": None, "place": None},
    ],
}


def _graph(**over):
    ents = [
        {"type": "Organization", "label": "Research In Motion", "names": {"research in motion", "rim"}},
        {"type": "Organization", "label": "IDC", "names": {"idc"}},
        {"type": "Person", "label": "Francisco Geronimo", "names": {"francisco geronimo"}},
        {"type": "Product", "label": "BlackBerry 10", "names": {"blackberry 10"}},
        {"type": "Place", "label": "Canada", "names": {"canada"}},
    ]
    graph = {
        "entities": ents,
        "relations": [
            ({"francisco geronimo"}, "worksFor", {"idc"}, "FG worksFor IDC", "s"),
            ({"blackberry 10"}, "madeBy", {"research in motion", "rim"}, "BB10 madeBy RIM", "s"),
            ({"idc"}, "competitorOf", {"rim"}, "IDC competitorOf RIM", "s"),  # symmetric: reversed is fine
            ({"idc"}, "madeBy", {"rim"}, "wrong", "s"),
        ],
        "quotes": [({"francisco geronimo"}, "cette panne ne pouvait pas arriver", "FG", "t")],
        "events": [("Outage", {"rim"}, "2012-09-21", "o", "s"), ("Layoff", {"rim"}, "2012", "l", "s"),
                   ("Outage", {"rim"}, "2011-10", "o2", "s")],
    }
    graph.update(over)
    return graph


def test_scores_follow_the_gold_format_rules():
    report = EvalReport()
    score_article("seed", GOLD, _graph(), report)
    s = report.scores
    assert (s["entities"].tp, s["entities"].fp, s["entities"].fn) == (4, 1, 0)
    assert (s["relations"].tp, s["relations"].fp, s["relations"].fn) == (3, 1, 0)
    assert (s["quotes"].tp, s["quotes"].fp, s["quotes"].fn) == (1, 0, 0)
    # a dated gold event needs the same date; an undated one matches any date
    assert (s["events"].tp, s["events"].fp, s["events"].fn) == (2, 1, 0)
    assert report.detail["relations"]["madeBy"].fp == 1
    assert ("seed", "relations", "FP", "wrong", "s") in report.misses


def test_wrong_type_and_wrong_speaker_do_not_match():
    report = EvalReport()
    graph = _graph(quotes=[({"idc"}, "cette panne ne pouvait pas", "IDC", "t")])
    graph["entities"][1] = {"type": "Product", "label": "IDC", "names": {"idc"}}
    score_article("seed", GOLD, graph, report)
    assert report.scores["entities"].fn == 1 and report.scores["entities"].fp == 2
    assert report.scores["quotes"].tp == 0 and report.scores["quotes"].fn == 1


def test_near_misses_count_pairs_that_differ_in_one_field():
    report = EvalReport()
    graph = _graph(quotes=[({"idc"}, "cette panne ne pouvait pas", "IDC", "t")],
                   events=[("Outage", {"idc"}, "2012-09-21", "o", "s"), ("Layoff", {"rim"}, "2012", "l", "s")])
    score_article("seed", GOLD, graph, report)
    # the quote's text is right but its speaker wrong; the outage's agent is wrong, its date right
    assert dict(report.near["quotes"]) == {"speaker": 1}
    assert dict(report.near["events"]) == {"agent": 1}
    graph = _graph(events=[("Outage", {"rim"}, "2012-09-22", "o", "s"), ("Layoff", {"rim"}, None, "l", "s")])
    report = EvalReport()
    score_article("seed", GOLD, graph, report)
    assert dict(report.near["events"]) == {"date": 1} and "quotes" not in report.near
    assert "events near misses (one FN + one FP that differ only in): date 1" in report.format_text()


def test_eval_command_with_misses_and_baseline(kg_run, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for suffix in (".txt", ".json"):
        shutil.copy(ROOT / "corpus" / f"000_5f6b052bc33bd45f{suffix}", gold / f"seed{suffix}")
    calib = tmp_path / "confidence.json"
    ours = kg_run("eval", str(gold), "--json", "--misses", "--calibrate", str(calib))
    assert ours.returncode == 0, ours.stderr
    rules = json.loads(calib.read_text("utf-8"))["rules"]
    assert rules and all(0 < r["confidence"] < 1 for r in rules.values())
    assert rules["role-worksFor"]["tp"] >= 1  # Francisco Geronimo, analyst of IDC
    scores = json.loads(ours.stdout)
    assert scores["articles"] == 1
    assert scores["relations"]["f1"] > 0.5 and scores["quotes"]["f1"] > 0.5
    assert all({"article", "category", "kind", "what", "sentence"} <= set(m) for m in scores["misses"])
    base = json.loads(kg_run("eval", str(gold), "--json", "--baseline").stdout)
    assert base["relations"]["f1"] == 0.0 and base["quotes"]["f1"] == 0.0
    assert 0 < base["entities"]["f1"] < scores["entities"]["f1"]
