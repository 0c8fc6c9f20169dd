"""Evaluation against gold annotations (``gold/FORMAT.md``).

``evaluate(gold_dir, settings)`` builds a fresh temporary graph from the folder's ``.txt``
files (publication dates from the ``.json``), reads each article's graph back through the
public vocabulary, and scores it: entities (name + type), relations (subject, predicate,
object; symmetric predicates in either direction), quotes (speaker + first words) and events
(type + agent, and date when the gold gives one), micro-averaged. Names match when one of the
gold entity's name/aliases equals one of the graph entity's labels, folded (case, accents,
punctuation). Matching is one-to-one.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.config import Settings
from kg.errors import EvalError
from kg.nlp.resources import fold
from kg.store import KgStore, open_store
from kg.vocab import Minter

CATEGORIES = ("entities", "relations", "quotes", "events")


@dataclass
class Score:
    """Counts of one category (or one predicate/type) and the derived P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EvalReport:
    """Scores per category, per predicate / type, and the misses (with their article)."""

    articles: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    detail: dict[str, dict[str, Score]] = field(
        default_factory=lambda: {c: defaultdict(Score) for c in CATEGORIES}
    )
    # (article, category, "FN" | "FP", what, sentence or "")
    misses: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    rules: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))  # relation rule → TP/FP
    # category → near-miss class ("wrong date", "wrong speaker", …) → count of FN/FP pairs
    near: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def to_json(self, misses: bool = False) -> dict:
        """``{"entities": {"p", "r", "f1", …}, "relations": …, "quotes": …, "events": …}``,
        with ``by_kind`` (per type / predicate) and, when asked, ``misses``."""
        out: dict = {c: self.scores[c].as_dict() for c in CATEGORIES}
        out["by_kind"] = {c: {k: s.as_dict() for k, s in sorted(self.detail[c].items())} for c in CATEGORIES}
        out["articles"] = self.articles
        out["rules"] = {r: {"tp": sc.tp, "fp": sc.fp} for r, sc in sorted(self.rules.items())}
        out["near_misses"] = {c: dict(sorted(n.items())) for c, n in sorted(self.near.items())}
        if misses:
            out["misses"] = [dict(zip(("article", "category", "kind", "what", "sentence"), m))
                             for m in self.misses]
        return out

    def format_text(self, misses: bool = False) -> str:
        """A readable table of scores, the per-kind breakdown, then the misses."""
        lines = [f"{self.articles} articles", f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
        for c in CATEGORIES:
            s = self.scores[c]
            lines.append(f"{c:<14}{s.p:>7.3f}{s.r:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        for c in CATEGORIES:
            lines.append(f"\n{c} by kind")
            for k, s in sorted(self.detail[c].items()):
                lines.append(f"  {k:<14}{s.p:>7.3f}{s.r:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        for c, n in sorted(self.near.items()):
            lines.append(f"\n{c} near misses (one FN + one FP that differ only in): "
                         + ", ".join(f"{k} {v}" for k, v in sorted(n.items())))
        if misses and self.misses:
            lines.append("\nmisses (FN = in gold, not in graph; FP = in graph, not in gold)")
            for a, c, k, w, sentence in self.misses:
                lines.append(f"  {a}  {c:<9} {k}  {w}")
                if sentence:
                    lines.append(f"      « {' '.join(sentence.split())[:300]} »")
        lines += [f"failed: {f}" for f in self.failed]
        return "\n".join(lines)


def gold_pairs(gold_dir: Path) -> list[tuple[Path, dict]]:
    """The (text path, gold json) pairs of a folder."""
    if not gold_dir.is_dir():
        raise EvalError("not a folder of gold pairs", source=str(gold_dir))
    pairs = []
    for txt in sorted(gold_dir.glob("*.txt")):
        js = txt.with_suffix(".json")
        if js.is_file():
            try:
                pairs.append((txt, json.loads(js.read_text("utf-8"))))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise EvalError(f"invalid gold JSON: {exc}", source=str(js)) from None
    if not pairs:
        raise EvalError("no NAME.txt + NAME.json pairs found", source=str(gold_dir))
    return pairs


def evaluate(gold_dir: str | Path, settings: Settings) -> EvalReport:
    """Build a temporary graph from the gold folder's texts and score it against the gold."""
    from kg.ingest import ingest

    pairs = gold_pairs(Path(gold_dir))
    report = EvalReport()
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        local = replace(settings, store=str(Path(tmp) / "store"))
        with open_store(local) as store:
            result = ingest([str(p) for p, _ in pairs], local, store=store)
            report.failed = [str(e) for e in result.failed]
            minter = Minter(local.base_iri)
            for path, gold in pairs:
                graph = read_article(store, minter.article(path.stem).value)
                score_article(path.stem, gold, graph, report)
                report.articles += 1
    return report


_ENTITIES = """SELECT ?a ?e ?type ?label ?alt WHERE {
  GRAPH ?a { ?a schema:mentions ?e }
  ?e a ?type ; rdfs:label ?label . OPTIONAL { ?e skos:altLabel ?alt }
  VALUES ?type { schema:Person schema:Organization schema:Place schema:Product } }"""
_RELATIONS = """SELECT ?a ?s ?p ?o (SAMPLE(?text) AS ?sentence) (GROUP_CONCAT(DISTINCT ?rule) AS ?rules)
  WHERE { GRAPH ?a { ?ev a kg:Evidence ; kg:subject ?s ; kg:predicate ?p ; kg:object ?o ;
                      kg:sentence ?text ; kg:extractor ?rule } }
  GROUP BY ?a ?s ?p ?o"""
_QUOTES = """SELECT ?a ?q ?sp ?text ?by WHERE { GRAPH ?a {
  ?q a kg:Quote ; kg:speaker ?sp ; kg:text ?text . OPTIONAL { ?q kg:reportedBy ?by } } }"""
_EVENTS = """SELECT ?a ?ev ?type ?agent ?date ?sentence WHERE { GRAPH ?a {
  ?ev a kg:Event, ?type ; kg:agent ?agent . OPTIONAL { ?ev kg:date ?date }
  OPTIONAL { ?ev kg:sentence ?sentence }
  FILTER(?type != kg:Event) } }"""


def _local(iri) -> str:
    return iri.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def read_article(store: KgStore, article_iri: str) -> dict:
    """An article's entities, relations, quotes and events, read back through the vocabulary."""
    from pyoxigraph import NamedNode

    b = {"a": NamedNode(article_iri)}
    ents: dict[str, dict] = {}
    for row in store.query(_ENTITIES, b):
        e = ents.setdefault(row["e"].value, {"type": _local(row["type"]), "label": row["label"].value, "names": set()})
        e["names"].add(fold(row["label"].value))
        if row["alt"] is not None:
            e["names"].add(fold(row["alt"].value))
    names = lambda iri: ents.get(iri.value, {}).get("names") or {fold(_local(iri).replace("-", " "))}  # noqa: E731
    label = lambda iri: ents.get(iri.value, {}).get("label", _local(iri))  # noqa: E731
    rels = [(names(r["s"]), _local(r["p"]), names(r["o"]), f"{label(r['s'])} {_local(r['p'])} {label(r['o'])}",
             r["sentence"].value if r["sentence"] else "", (r["rules"].value if r["rules"] else "").split())
            for r in store.query(_RELATIONS, b)]
    quotes = [(names(r["sp"]), fold(r["text"].value), f"{label(r['sp'])}: {r['text'].value[:50]}",
               r["text"].value)
              for r in store.query(_QUOTES, b)]
    events = [(_local(r["type"]), names(r["agent"]), r["date"].value if r["date"] else None,
               f"{_local(r['type'])} {label(r['agent'])} {r['date'].value if r['date'] else '-'}",
               r["sentence"].value if r["sentence"] else "")
              for r in store.query(_EVENTS, b)]
    return {"entities": list(ents.values()), "relations": rels, "quotes": quotes, "events": events}


def _gold_names(gold: dict) -> dict[str, set[str]]:
    """Gold name or alias (folded) → every folded name of that entity (union over homonyms)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in gold.get("entities", []):
        forms = {fold(e["name"]), *(fold(a) for a in e.get("aliases", []) or [])}
        for f in forms:
            out[f] |= forms
    return out


def _match(gold_items, pred_items, same, exact=None) -> tuple[list[int], list[int]]:
    """Greedy one-to-one matching: indices of unmatched gold and unmatched predictions.

    ``exact(g, p)``, when given, ranks candidates: a prediction that matches exactly (same
    canonical name) is taken before one that matches only through an alias.
    """
    free = list(range(len(pred_items)))
    missed = []
    for gi, g in enumerate(gold_items):
        hits = [pi for pi in free if same(g, pred_items[pi])]
        if exact is not None:
            hits.sort(key=lambda pi: not exact(g, pred_items[pi]))
        if not hits:
            missed.append(gi)
        else:
            free.remove(hits[0])
    return missed, free


def _near(report, cat, gold_items, pred_items, missed, extra, tests) -> None:
    """Pair each missed gold item with an unmatched prediction that differs from it in one
    field only, and count those pairs by field (``tests``: field name → same-except test)."""
    free = list(extra)
    for gi in missed:
        for what, same in tests:
            hit = next((pi for pi in free if same(gold_items[gi], pred_items[pi])), None)
            if hit is not None:
                report.near[cat][what] += 1
                free.remove(hit)
                break


def _tally(report, art, cat, kinds_g, kinds_p, missed, extra, gdesc, pdesc, gsent=None, psent=None) -> None:
    s = report.scores[cat]
    tp = len(kinds_g) - len(missed)
    s.tp += tp
    s.fn += len(missed)
    s.fp += len(extra)
    for i, k in enumerate(kinds_g):
        d = report.detail[cat][k]
        if i in missed:
            d.fn += 1
            report.misses.append((art, cat, "FN", gdesc[i], gsent[i] if gsent else ""))
        else:
            d.tp += 1
    for i in extra:
        report.detail[cat][kinds_p[i]].fp += 1
        report.misses.append((art, cat, "FP", pdesc[i], psent[i] if psent else ""))


def score_article(art: str, gold: dict, graph: dict, report: EvalReport) -> None:
    """Add one article's matches and misses to the report."""
    gn = _gold_names(gold)
    names = lambda n: gn.get(fold(n), {fold(n)})  # noqa: E731
    ge = [(e["type"], {fold(e["name"]), *(fold(a) for a in e.get("aliases", []) or [])}, fold(e["name"]))
          for e in gold.get("entities", [])]
    pe = [(e["type"], e["names"], fold(e["label"])) for e in graph["entities"]]
    m, x = _match(ge, pe, lambda g, p: g[0] == p[0] and g[1] & p[1], exact=lambda g, p: g[2] == p[2])
    _tally(report, art, "entities", [g[0] for g in ge], [p[0] for p in pe], m, x,
           [f"{e['type']} {e['name']}" for e in gold.get("entities", [])],
           [f"{e['type']} {e['label']}" for e in graph["entities"]])
    gr = [(names(r["subject"]), r["predicate"], names(r["object"])) for r in gold.get("relations", [])]
    sym = {"partnerOf", "competitorOf"}

    def same_rel(g, p):
        if g[1] != p[1]:
            return False
        return bool(g[0] & p[0] and g[2] & p[2]) or (g[1] in sym and bool(g[0] & p[2] and g[2] & p[0]))

    m, x = _match(gr, graph["relations"], same_rel)
    extra = set(x)
    for i, rel in enumerate(graph["relations"]):
        for rule in rel[5] if len(rel) > 5 else ():  # hand-built graphs may leave the rules out
            score = report.rules[rule]
            if i in extra:
                score.fp += 1
            else:
                score.tp += 1
    _tally(report, art, "relations", [g[1] for g in gr], [p[1] for p in graph["relations"]], m, x,
           [f"{r['subject']} {r['predicate']} {r['object']}" for r in gold.get("relations", [])],
           [p[3] for p in graph["relations"]],
           [r.get("evidence", "") for r in gold.get("relations", [])], [p[4] for p in graph["relations"]])
    gq = [(names(q["speaker"]), fold(q["starts_with"])) for q in gold.get("quotes", [])]
    m, x = _match(gq, graph["quotes"], lambda g, p: bool(g[0] & p[0]) and p[1].startswith(g[1]))
    _near(report, "quotes", gq, graph["quotes"], m, x, [("speaker", lambda g, p: p[1].startswith(g[1]))])
    _tally(report, art, "quotes", ["quote"] * len(gq), ["quote"] * len(graph["quotes"]), m, x,
           [f"{q['speaker']}: {q['starts_with']}" for q in gold.get("quotes", [])],
           [p[2] for p in graph["quotes"]], None, [p[3] for p in graph["quotes"]])
    gv = [(e["type"], names(e["agent"]), e.get("date")) for e in gold.get("events", [])]
    m, x = _match(gv, graph["events"], lambda g, p: g[0] == p[0] and bool(g[1] & p[1]) and (g[2] is None or g[2] == p[2]))
    _near(report, "events", gv, graph["events"], m, x, [
        ("date", lambda g, p: g[0] == p[0] and bool(g[1] & p[1])),
        ("agent", lambda g, p: g[0] == p[0] and (g[2] is None or g[2] == p[2])),
        ("type", lambda g, p: bool(g[1] & p[1]) and (g[2] is None or g[2] == p[2]))])
    _tally(report, art, "events", [g[0] for g in gv], [p[0] for p in graph["events"]], m, x,
           [f"{e['type']} {e['agent']} {e.get('date') or '-'}" for e in gold.get("events", [])],
           [p[3] for p in graph["events"]],
           [e.get("evidence", "") for e in gold.get("events", [])], [p[4] for p in graph["events"]])


def calibration(report: EvalReport) -> dict:
    """Per-rule confidence from a scored gold set: Laplace-smoothed precision ``(tp+1)/(tp+fp+2)``
    of the relations each rule produced (the content of ``kg/data/confidence.json``)."""
    return {
        "comment": "Relation confidence per rule: (tp + 1) / (tp + fp + 2) measured by "
                   "`kg eval corpus --calibrate`; rules not listed keep their prior.",
        "articles": report.articles,
        "rules": {r: {"confidence": round((sc.tp + 1) / (sc.tp + sc.fp + 2), 3), "tp": sc.tp, "fp": sc.fp}
                  for r, sc in sorted(report.rules.items())},
    }
