"""Ingest: read articles, annotate them with spaCy, extract, build and write each article's graph.

Unchanged articles (same content hash in the store) are skipped before any NLP runs. Each
article is written in one transaction, so the store only ever holds whole articles. A bad
article is reported and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kg.build import GraphBuilder
from kg.config import Settings
from kg.errors import KgError
from kg.model import Article
from kg.sources import count_articles, read_paths
from kg.store import KgStore, open_store
from kg.vocab import Minter, content_hash

Progress = Callable[[int, int], None]  # (articles handled so far, articles in the input)


class ProcessingError(KgError):
    code = "KG150"


@dataclass
class IngestReport:
    """What an ingest did: counts for the summary line and the failures, each with its input."""

    articles_written: int = 0
    unchanged: int = 0
    failed: list[KgError] = field(default_factory=list)
    entities: int = 0
    relations: int = 0
    quotes: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    entity_keys: set[str] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        """One line: articles, entities, relations, triples, seconds."""
        return (
            f"{self.articles_written} articles written, {self.unchanged} unchanged, "
            f"{len(self.failed)} failed; {self.entities} entities, {self.relations} relations, "
            f"{self.quotes} quotes, {self.events} events, {self.triples} triples "
            f"in {self.seconds:.1f} s"
        )


def ingest(
    paths: Iterable[str],
    settings: Settings,
    default_date: dt.date | None = None,
    progress: Progress | None = None,
    store: KgStore | None = None,
) -> IngestReport:
    """Ingest files or folders into the store at ``settings.store``.

    Args:
        paths: files or folders (read by :func:`kg.sources.read_paths`).
        settings: store location, model, batch size, base IRI.
        default_date: publication date for articles that carry none.
        progress: called with (articles handled so far, articles in the input).
        store: an open writable store (opened from ``settings`` when omitted).
    """
    report = IngestReport()
    start = time.perf_counter()
    paths = list(paths)
    if progress is not None:
        total = count_articles(paths)
        bar = progress
        progress = lambda done: bar(done, total)  # noqa: E731
    own = store is None
    store = store or open_store(settings)
    try:
        minter = Minter(settings.base_iri)
        todo = _changed(read_paths(paths, default_date), store, minter, report, progress)
        _process(todo, settings, store, GraphBuilder(minter), report, progress)
    finally:
        if own:
            store.close()
    report.entities = len(report.entity_keys)
    report.seconds = time.perf_counter() - start
    return report


def _changed(items, store: KgStore, minter: Minter, report: IngestReport, progress) -> Iterator[Article]:
    """Articles whose text is new or changed; failures and unchanged ones are counted."""
    for item in items:
        if isinstance(item, KgError):
            report.failed.append(item)
            continue
        if store.article_hash(minter.article(item.id)) == content_hash(item.text):
            report.unchanged += 1
            if progress:
                progress(report.unchanged + report.articles_written + len(report.failed))
            continue
        yield item


def _process(articles: Iterator[Article], settings, store, builder, report, progress) -> None:
    """Annotate in batches with nlp.pipe and write each article as soon as it is extracted."""
    first = next(articles, None)
    if first is None:
        return
    from kg.extract import extract
    from kg.extract.baseline import extract_baseline
    from kg.nlp import annotate, load_pipeline

    nlp = load_pipeline(settings.model, components=not settings.baseline)
    pending: list[Article] = []

    def items() -> Iterator[tuple[str, dt.date | None]]:
        for art in _chain(first, articles):
            pending.append(art)
            yield art.text, art.date

    for doc in annotate(nlp, items(), settings.batch_size):
        art = pending.pop(0)
        try:
            x = extract_baseline(doc, art) if settings.baseline else extract(doc, art, settings.min_confidence)
            graph = builder.build(x)
            store.replace_article(graph)
        except KgError as exc:
            report.failed.append(exc)
            continue
        except Exception as exc:  # a bug on one article must not lose the batch
            report.failed.append(ProcessingError(f"could not process: {exc!r}", source=art.path or art.id))
            continue
        report.articles_written += 1
        report.entity_keys.update(e.key for e in x.entities)
        report.relations += len(x.relations)
        report.quotes += len(x.quotes)
        report.events += len(x.events)
        report.triples += len(graph.quads)
        if progress:
            progress(report.unchanged + report.articles_written + len(report.failed))


def _chain(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    yield first
    yield from rest
