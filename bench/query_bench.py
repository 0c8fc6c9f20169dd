"""Query latency of the saved queries and ``kg stats`` on a store of about a million triples.

Prints numbers, never asserts timings. The store is built the fastest honest way: real
articles are ingested once with ``kg.ingest.ingest``, then each article graph is copied under
a renamed article IRI (its mention, evidence, quote and event nodes renamed with it) and
written through the store contract (``store.replace_article``) until the target is reached.

Entities in the copies are either ``shared`` (default: the copies mention the same entities,
as a corpus where the same companies come back in every article) or ``copied`` (entity IRIs
and labels get a copy suffix: the number of distinct entities grows with the store).

Then every ``queries/*.rq`` runs with its header defaults (a fresh read-only open, as the CLI
does; results are consumed row by row), and again with its first parameter bound to a label
from the data; ``kg stats`` is timed the same way. Last, the CLI's cold start: ``kg query
--list`` and one saved query in new processes, and whether spaCy was imported.

Usage::

    python bench/query_bench.py --smoke                 # ~20 k triples, < 60 s on 2 cores
    python bench/query_bench.py                         # ~1 M triples from 300 articles
    python bench/query_bench.py --entities copied --store /tmp/kg-1m   # keep the store
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

REPO = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data/orangesum-hightech.jsonl")
COPY = "-copy"
SLOW_MS = 100.0


def _settings(store: Path):
    from kg.config import Settings

    return Settings.load({"store": str(store), "queries_dir": str(REPO / "queries")}, env={})


# ---------------------------------------------------------------- building the store


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ingest_base(store: Path, articles: int) -> dict:
    """Ingest the first ``articles`` real articles into ``store``."""
    from kg.ingest import ingest

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-query-"))
    try:
        sample = tmp / "sample.jsonl"
        with DATA.open(encoding="utf-8") as src, sample.open("w", encoding="utf-8") as out:
            for i, line in enumerate(src):
                if i == articles:
                    break
                out.write(line)
        report = ingest([str(sample)], _settings(store))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"articles": report.articles_written, "triples": report.triples,
            "seconds": report.seconds, "failed": len(report.failed)}


class Replicator:
    """Copies of an article graph under a renamed IRI (and, optionally, renamed entities)."""

    def __init__(self, store, resource: str, entities: str) -> None:
        self.raw = store.store
        self.resource = resource
        self.entities_graph = NamedNode(resource + "graph/entities")
        self.copy_entities = entities == "copied"

    def _is_entity(self, value: str) -> bool:
        return value.startswith(self.resource) and not value.startswith(
            (self.resource + "article/", self.resource + "graph/"))

    def _rename(self, term, article: str, k: int):
        if not isinstance(term, NamedNode):
            return term
        v = term.value
        if v == article or v.startswith(article + "/"):
            return NamedNode(f"{article}{COPY}{k}{v[len(article):]}")
        if self.copy_entities and self._is_entity(v):
            return NamedNode(f"{v}{COPY}{k}")
        return term

    def _relabel(self, term, k: int):
        # copied entities get distinct labels, as distinct entities would have
        if self.copy_entities and isinstance(term, Literal) and term.language:
            return Literal(f"{term.value} ({k})", language=term.language)
        return term

    def copy(self, article: NamedNode, k: int):
        """The ArticleGraph of copy ``k`` of a stored article."""
        from kg.build import ArticleGraph
        from kg.vocab import KG

        a = article.value
        quads, entities = [], set()
        for q in self.raw.quads_for_pattern(None, None, None, article):
            for t in (q.subject, q.object):
                if isinstance(t, NamedNode) and self._is_entity(t.value):
                    entities.add(t)
            quads.append(Quad(self._rename(q.subject, a, k), q.predicate,
                              self._rename(q.object, a, k), self._rename(article, a, k)))
        entity_quads = []
        if self.copy_entities:
            for e in entities:
                for q in self.raw.quads_for_pattern(e, None, None, self.entities_graph):
                    entity_quads.append(Quad(self._rename(q.subject, a, k), q.predicate,
                                             self._relabel(q.object, k), self.entities_graph))
        digest = next(self.raw.quads_for_pattern(article, KG.contentHash, None, article))
        return ArticleGraph(self._rename(article, a, k), digest.object.value,
                            tuple(quads), tuple(entity_quads))


def build_store(store: Path, articles: int, target: int, entities: str) -> dict:
    """Ingest real articles, then add renamed copies of their graphs up to ``target`` triples."""
    from kg.store import open_store
    from kg.vocab import Minter

    t0 = time.perf_counter()
    base = ingest_base(store, articles)
    t1 = time.perf_counter()
    _progress(f"ingested {base['articles']} articles ({base['triples']} triples) in {t1 - t0:.1f} s")
    settings = _settings(store)
    copies = 0
    with open_store(settings) as kg_store:
        originals = kg_store.articles()
        rep = Replicator(kg_store, Minter(settings.base_iri).resource, entities)
        k = 0
        while kg_store.triple_count() < target:
            k += 1
            for art in originals:
                kg_store.replace_article(rep.copy(art, k))
                copies += 1
            _progress(f"round {k}: {kg_store.triple_count()} triples")
        triples = kg_store.triple_count()
        n_articles = len(kg_store.articles())
    return {"base": base, "ingest_s": t1 - t0, "replicate_s": time.perf_counter() - t1,
            "copies": copies, "rounds": k, "articles": n_articles, "triples": triples,
            "entities_mode": entities}


# ---------------------------------------------------------------- timing queries


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def timed(fn, runs: int, budget_s: float) -> dict:
    """First (cold) call, then up to ``runs`` calls within ``budget_s``, in ms.

    At least 3 timed calls, or 1 when the first call alone took longer than the budget.
    """
    t = time.perf_counter()
    rows = fn()
    first = (time.perf_counter() - t) * 1000
    at_least = 1 if first > budget_s * 1000 else 3
    samples = []
    spent = 0.0
    while len(samples) < runs and (len(samples) < at_least or spent < budget_s):
        t = time.perf_counter()
        fn()
        dt = time.perf_counter() - t
        spent += dt
        samples.append(dt * 1000)
    return {"rows": rows, "first_ms": first, "median_ms": statistics.median(samples),
            "p95_ms": percentile(samples, 95), "runs": len(samples)}


def top_labels(store) -> dict[str, str]:
    """The label of the most-mentioned entity of each type (values for bound runs)."""
    out = {}
    for kind in ("Organization", "Person", "Product"):
        sparql = f"""SELECT ?l (COUNT(*) AS ?n) WHERE {{
            ?a schema:mentions ?e . ?e a schema:{kind} ; rdfs:label ?l }}
            GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"""
        for row in store.query(sparql):
            out[kind] = row["l"].value
    return out


# which label a parameter takes in the bound runs (first declared parameter only)
PARAM_KIND = {"personLabel": "Person", "speakerLabel": "Person", "productLabel": "Product"}
PARAM_FIXED = {"relation": "worksFor", "eventType": "Acquisition"}


def bound_value(param: str, labels: dict[str, str]) -> str | None:
    """A realistic value for a parameter, or None when the data has none."""
    if param in PARAM_FIXED:
        return PARAM_FIXED[param]
    return labels.get(PARAM_KIND.get(param, "Organization"))


def bench_queries(store_dir: Path, runs: int, budget_s: float,
                  only: set[str] | None = None) -> dict:
    """Every saved query (or those in ``only``), defaults then first parameter bound; kg stats."""
    from kg.query import bindings, list_queries, run
    from kg.stats import stats
    from kg.store import open_store

    settings = _settings(store_dir)
    saved = [q for q in list_queries(settings.queries_dir) if not only or q.name in only]
    results: dict = {"default": {}, "bound": {}, "stats": None}
    with open_store(settings, read_only=True) as store:
        labels = top_labels(store)
        results["labels"] = labels
    for q in saved:
        text = q.path.read_text("utf-8")
        cases = [("default", {})]
        value = bound_value(q.params[0].name, labels) if q.params else None
        if value is not None:
            cases.append(("bound", {q.params[0].name: value}))
        for case, given in cases:
            b = bindings(text, given, source=q.name)
            # a fresh read-only open per query, as each `kg query` does
            with open_store(settings, read_only=True) as store:
                res = timed(lambda: sum(1 for _ in run(store, text, b, source=q.name)),
                            runs, budget_s)
            res["binding"] = given
            _progress(f"{case:<8}{q.name:<22}median {res['median_ms']:.1f} ms, {res['rows']} rows")
            results[case][q.name] = res
    with open_store(settings, read_only=True) as store:
        results["stats"] = timed(lambda: stats(store)["triples"], runs, budget_s)
    return results


# ---------------------------------------------------------------- CLI cold start


def _wall(cmd: list[str], runs: int) -> dict:
    samples, last = [], None
    for _ in range(runs):
        t = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        samples.append((time.perf_counter() - t) * 1000)
    return {"median_ms": statistics.median(samples), "min_ms": min(samples),
            "rc": last.returncode, "stderr": last.stderr.strip()[-300:]}


_PROBE = """
import sys, time
t = time.perf_counter()
import kg.cli, kg.query
imported = time.perf_counter() - t
after_import = 'spacy' in sys.modules
from kg.cli import cli
for args in ({args}):
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit:
        pass
print()
print(after_import, 'spacy' in sys.modules, 'matplotlib' in sys.modules, imported)
"""


def cold_start(store_dir: Path, query: str, runs: int) -> dict:
    """Wall time of `kg query` in new processes, and whether spaCy gets imported."""
    kg_exe = shutil.which("kg") or "kg"
    py = sys.executable
    out = {
        "python -c pass": _wall([py, "-c", "pass"], runs),
        "python -c 'import spacy'": _wall([py, "-c", "import spacy"], runs),
        "kg query --list": _wall([kg_exe, "query", "--list"], runs),
        f"kg query {query}": _wall([kg_exe, "query", query, "--store", str(store_dir)], runs),
    }
    args = repr([["query", "--list"], ["query", query, "--store", str(store_dir)]])
    probe = subprocess.run([py, "-c", _PROBE.format(args=args)], capture_output=True,
                           text=True, cwd=REPO)
    last = probe.stdout.strip().splitlines()[-1].split()
    out["probe"] = {"spacy_after_import": last[0] == "True", "spacy_after_run": last[1] == "True",
                    "matplotlib_after_run": last[2] == "True",
                    "import_ms": float(last[3]) * 1000, "rc": probe.returncode}
    return out


# ---------------------------------------------------------------- report


def _row(name: str, r: dict) -> str:
    flag = "  SLOW" if r["median_ms"] > SLOW_MS else ""
    return (f"  {name:<22}{r['rows']:>9}{r['first_ms']:>10.1f}{r['median_ms']:>10.1f}"
            f"{r['p95_ms']:>10.1f}{r['runs']:>6}{flag}")


def report(r: dict) -> str:
    """The measurements as a readable report."""
    b = r["build"]
    head = f"  {'query':<22}{'rows':>9}{'first':>10}{'median':>10}{'p95':>10}{'runs':>6}"
    lines = [
        f"query bench: {b['triples']} triples, {b['articles']} articles "
        f"({b['base']['articles']} ingested + {b['copies']} copies, entities {b['entities_mode']})",
        f"  built in {b['ingest_s']:.1f} s ingest ({b['base']['triples']} triples) "
        f"+ {b['replicate_s']:.1f} s replication through store.replace_article",
        "",
        "saved queries with header defaults (ms; results consumed; fresh read-only open):",
        head,
    ]
    q = r["queries"]
    lines += [_row(name, res) for name, res in q["default"].items()]
    lines.append(_row("kg stats", q["stats"]))
    lines += ["", f"first parameter bound to data labels {q['labels']} (ms):", head]
    for name, res in q["bound"].items():
        (param, value), = res["binding"].items()
        lines.append(_row(name, res) + f"  [{param}={value}]")
    slow = sorted(n for case in ("default", "bound") for n, res in q[case].items()
                  if res["median_ms"] > SLOW_MS)
    lines.append(f"\nslower than {SLOW_MS:.0f} ms (median): {', '.join(slow) or 'none'}"
                 + ("; kg stats" if q["stats"]["median_ms"] > SLOW_MS else ""))
    c = r["cold"]
    lines += ["", "CLI cold start (new process each run, wall ms):"]
    for name, res in c.items():
        if name != "probe":
            lines.append(f"  {name:<40} median {res['median_ms']:8.0f}  min {res['min_ms']:8.0f}"
                         f"  exit {res['rc']}")
    p = c["probe"]
    lines.append(f"  import kg.cli, kg.query: {p['import_ms']:.0f} ms; 'spacy' in sys.modules "
                 f"after import: {p['spacy_after_import']}, after running both commands: "
                 f"{p['spacy_after_run']} (matplotlib: {p['matplotlib_after_run']})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Build (or reuse) the store, time the queries and the CLI, print the report."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--smoke", action="store_true", help="~20 k triples from 10 articles (CI)")
    p.add_argument("--triples", type=int, help="target triples (default 1 000 000; smoke 20 000)")
    p.add_argument("--articles", type=int, help="real articles to ingest (default 300; smoke 10)")
    p.add_argument("--entities", choices=["shared", "copied"], default="shared",
                   help="copies mention the same entities, or renamed copies of them")
    p.add_argument("--runs", type=int, help="timed runs per query (default 20; smoke 5)")
    p.add_argument("--budget", type=float, default=20.0, help="max seconds of runs per query")
    p.add_argument("--cli-runs", type=int, help="runs per CLI command (default 5; smoke 3)")
    p.add_argument("--only", help="comma-separated saved query names (default: all)")
    p.add_argument("--store", help="keep the store here; reused when it already exists")
    p.add_argument("--json", help="also write the raw numbers to this file")
    a = p.parse_args(argv)
    target = a.triples or (20_000 if a.smoke else 1_000_000)
    articles = a.articles or (10 if a.smoke else 300)
    runs = a.runs or (5 if a.smoke else 20)
    cli_runs = a.cli_runs or (3 if a.smoke else 5)
    only = set(a.only.split(",")) if a.only else None
    start = time.perf_counter()
    tmp = None if a.store else Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    store_dir = Path(a.store) if a.store else tmp / "store"
    try:
        if a.store and (store_dir / "CURRENT").is_file():
            build = _describe(store_dir, a.entities)
        else:
            build = build_store(store_dir, articles, target, a.entities)
        results = {"build": build, "queries": bench_queries(store_dir, runs, a.budget, only),
                   "cold": cold_start(store_dir, "sources", cli_runs)}
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(report(results))
    print(f"\nbench wall time {time.perf_counter() - start:.1f} s")
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")


def _describe(store_dir: Path, entities: str) -> dict:
    """Build figures for a reused store (what was measured when it was built is unknown)."""
    from kg.store import open_store

    with open_store(_settings(store_dir), read_only=True) as store:
        arts = store.articles()
        triples = store.triple_count()
    copies = sum(COPY in a.value for a in arts)
    return {"base": {"articles": len(arts) - copies, "triples": 0}, "ingest_s": 0.0,
            "replicate_s": 0.0, "copies": copies, "rounds": 0, "articles": len(arts),
            "triples": triples, "entities_mode": entities + " (reused store)"}


if __name__ == "__main__":
    main()
