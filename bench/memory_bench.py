"""Peak memory of ``kg ingest`` as the input grows, and the cost of a re-run with nothing new.

Prints numbers, never asserts them. Each ``kg ingest`` is a real subprocess; its peak resident
set size is read from ``os.wait4`` (the kernel's ``ru_maxrss`` of that one child).

1. ``kg ingest`` of the real file (orangesum-hightech, 531 articles) into a fresh store;
2. the same command again (everything unchanged: no model load, no NLP): its time against 1.;
3. ``kg ingest`` of a generated file SCALE times larger into another fresh store. Copy k of an
   article keeps its sentences but rotates its paragraphs by k and gets its own id, so every
   text (and content hash) is new while the vocabulary stays that of real articles.

Memory is flat in the number of articles when 3.'s peak stays within 1.5× of 1.'s.

Usage::

    python bench/memory_bench.py --smoke     # 20 articles, 3× (CI, about a minute)
    python bench/memory_bench.py             # 531 articles, then 10× = 5,310 (~15 min here)
    python bench/memory_bench.py --n 100 --scale 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path("/work/shared/data/orangesum-hightech.jsonl")
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
TARGET_RATIO = 1.5


def read_articles(source: Path, n: int | None) -> list[dict]:
    """The first ``n`` JSON records of ``source`` (all when None)."""
    out = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
            if n is not None and len(out) == n:
                break
    return out


def rotated(text: str, k: int) -> str:
    """``text`` with its first line kept and its paragraphs rotated by ``k``."""
    title, _, body = text.partition("\n")
    paras = [p for p in body.split("\n") if p.strip()]
    if not paras:
        return f"{text} ({k})"
    k %= len(paras)
    return "\n".join([title, *paras[k:], *paras[:k]]) + ("" if k or len(paras) > 1 else f" ({k})")


def write_jsonl(records: list[dict], scale: int, dest: Path) -> int:
    """Write ``scale`` copies of ``records`` (copy 0 unchanged); the number of lines."""
    lines = 0
    with dest.open("w", encoding="utf-8") as out:
        for k in range(scale):
            for i, rec in enumerate(records):
                copy = dict(rec, id=f"{rec.get('id', i)}-copy{k}" if k else rec.get("id", str(i)))
                if k:
                    copy["text"] = rotated(rec["text"], k)
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
                lines += 1
    return lines


def run_ingest(path: Path, store: Path) -> dict:
    """``kg ingest PATH --store STORE`` in a child process: seconds, peak RSS, summary line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    start = time.perf_counter()
    proc = subprocess.Popen([*KG, "ingest", str(path), "--store", str(store)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"kg ingest {path} failed (exit {proc.returncode})")
    summary = stderr.strip().splitlines()[-1]
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024, "summary": summary}


def measure(n: int | None, scale: int) -> dict:
    """The three runs of the module docstring, in a temporary directory."""
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-memory-"))
    try:
        records = read_articles(DATA, n)
        base, big = tmp / "base.jsonl", tmp / f"x{scale}.jsonl"
        write_jsonl(records, 1, base)
        lines = write_jsonl(records, scale, big)
        first = run_ingest(base, tmp / "store-1")
        rerun = run_ingest(base, tmp / "store-1")
        scaled = run_ingest(big, tmp / "store-n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"articles": len(records), "scale": scale, "scaled_articles": lines,
            "first": first, "rerun": rerun, "scaled": scaled,
            "rerun_ratio": rerun["seconds"] / first["seconds"],
            "memory_ratio": scaled["peak_rss_mb"] / first["peak_rss_mb"]}


def report(r: dict) -> str:
    """The numbers as a few lines of text."""
    f, re_, s = r["first"], r["rerun"], r["scaled"]
    return "\n".join([
        f"kg ingest, {r['articles']} articles: {f['seconds']:.1f} s, peak RSS {f['peak_rss_mb']:.0f} MB",
        f"  {f['summary']}",
        f"same command again: {re_['seconds']:.2f} s = {100 * r['rerun_ratio']:.1f} % of the first run "
        f"(target < 10 %), peak RSS {re_['peak_rss_mb']:.0f} MB",
        f"  {re_['summary']}",
        f"kg ingest, {r['scaled_articles']} articles ({r['scale']}×): {s['seconds']:.1f} s, "
        f"peak RSS {s['peak_rss_mb']:.0f} MB = {r['memory_ratio']:.2f}× the first run "
        f"(target ≤ {TARGET_RATIO}×)",
        f"  {s['summary']}",
    ])


def main(argv: list[str] | None = None) -> None:
    """Parse options, measure, print (and optionally write JSON)."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--smoke", action="store_true", help="20 articles, 3× (CI)")
    p.add_argument("--n", type=int, default=None, help="articles of the real file (default all)")
    p.add_argument("--scale", type=int, default=None, help="size of the generated file (default 10)")
    p.add_argument("--json", help="also write the raw numbers to this file")
    args = p.parse_args(argv)
    n = args.n or (20 if args.smoke else None)
    scale = args.scale or (3 if args.smoke else 10)
    result = measure(n, scale)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
