"""Ingest: read articles, annotate them with spaCy, extract, build and write each article's graph.

Unchanged articles (same content hash in the store) are skipped before any NLP runs. Each
article is written in one transaction, so the store only ever holds whole articles. A bad
article is reported and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import gc
import signal
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from kg.build import ArticleGraph, GraphBuilder
from kg.config import Settings
from kg.errors import InputError, KgError
from kg.language import foreign_language
from kg.model import Article, Entity, Extraction
from kg.sources import count_articles, read_paths
from kg.store import KgStore, open_store
from kg.vocab import Minter, content_hash

Progress = Callable[[int, int], None]  # (articles handled so far, articles in the input)


class ProcessingError(KgError):
    code = "KG150"


class StopRequested(KeyboardInterrupt):
    """Raised between two articles after a first Ctrl-C."""


@dataclass
class IngestReport:
    """What an ingest did: counts for the summary line, the failures and the warnings."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # not in an accepted language
    failed: list[KgError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False
    entities: int = 0
    relations: int = 0
    quotes: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    entity_keys: set[str] = field(default_factory=set, repr=False)

    @property
    def articles_written(self) -> int:
        """New plus updated articles."""
        return self.new + self.updated

    @property
    def handled(self) -> int:
        """Articles dealt with so far, whatever the outcome (for the progress bar)."""
        return self.articles_written + self.unchanged + self.skipped + len(self.failed)

    def summary(self, store: str) -> str:
        """The line ``kg ingest`` ends with: "12 new, 3 updated, 431 unchanged, 0 skipped,
        1 failed; 824 entities, 954 relations, 35499 triples in kg-data (13.4 s)"."""
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.skipped} skipped, {len(self.failed)} failed; {self.entities} entities, "
            f"{self.relations} relations, {self.triples} triples in {store} ({self.seconds:.1f} s)"
        )


def ingest(
    paths: Iterable[str],
    settings: Settings,
    default_date: dt.date | None = None,
    progress: Progress | None = None,
    store: KgStore | None = None,
    piece_chars: int | None = None,
) -> IngestReport:
    """Ingest files or folders into the store at ``settings.store``.

    Ctrl-C stops between two article writes (a second Ctrl-C stops at once): the report comes
    back with ``interrupted`` set, and the store holds every article written so far, whole
    and counted.

    Args:
        paths: files or folders (read by :func:`kg.sources.read_paths`).
        settings: store location, model, batch size, base IRI, languages, size limit.
        default_date: publication date for articles that carry none.
        progress: called with (articles handled so far, articles in the input).
        store: an open writable store (opened from ``settings`` when omitted).
        piece_chars: longest text sent to the model in one piece (default PIECE_CHARS).
    """
    report = IngestReport()
    start = time.perf_counter()
    paths = list(paths)
    total = count_articles(paths) if progress is not None else 0
    own = store is None
    store = store or open_store(settings)
    try:
        minter = Minter(settings.base_iri)
        with _DeferredInterrupt() as stop:
            def tick() -> None:
                if progress is not None:
                    progress(report.handled, total)
                if stop.requested:  # between two articles: nothing is half-written or uncounted
                    raise StopRequested

            todo = _todo(read_paths(paths, default_date), store, minter, settings, report, tick)
            _process(todo, settings, store, GraphBuilder(minter), report, tick,
                     piece_chars or PIECE_CHARS)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        if own:
            store.close()
    report.entities = len(report.entity_keys)
    report.seconds = time.perf_counter() - start
    return report


class _DeferredInterrupt:
    """Within the block, a first SIGINT only sets ``requested`` (the loop stops at the next
    article boundary); a second one raises KeyboardInterrupt at once. Outside the main thread,
    where handlers cannot be installed, SIGINT keeps its default behaviour."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def __enter__(self) -> "_DeferredInterrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def _todo(items, store: KgStore, minter: Minter, settings: Settings, report: IngestReport,
          tick) -> Iterator[tuple[Article, bool]]:
    """(article, is new) for each article to process; the others are counted in ``report``."""
    languages = settings.accepted_languages
    for item in items:
        if isinstance(item, KgError):
            report.failed.append(item)
        elif len(item.text) > settings.max_chars:
            report.failed.append(InputError(
                f"article too long ({len(item.text):,} characters, limit {settings.max_chars:,}); "
                "split it, or raise KG_MAX_CHARS", source=_where(item)))
        else:
            stored = store.article_hash(minter.article(item.id))
            if stored == content_hash(item.text):
                report.unchanged += 1
            elif (lang := foreign_language(item.text, languages)) is not None:
                report.skipped += 1
                report.warnings.append(f"{_where(item)}: skipped, written in {lang!r}, "
                                       f"not in {','.join(languages)}")
            else:
                # A reader's workaround (e.g. a Windows-1252 file) is said once, when it matters.
                report.warnings += [f"{_where(item)}: {w}" for w in item.warnings]
                yield item, stored is None
                continue
        tick()


def _where(article: Article) -> str:
    """The file of an article, with its id when the file holds several (feed, JSONL, CSV)."""
    if not article.path:
        return article.id
    stem = article.path.rsplit("/", 1)[-1].split(".", 1)[0]
    return article.path if stem == article.id else f"{article.path} [{article.id}]"


def _process(articles: Iterator[tuple[Article, bool]], settings, store, builder, report,
             tick, piece_chars: int) -> None:
    """Annotate in batches with nlp.pipe and write each article as soon as it is extracted.

    Texts longer than ``piece_chars`` go through the model in pieces (spaCy's parser needs memory
    in proportion to the text), extracted one by one and merged back into one article.
    """
    first = next(articles, None)
    if first is None:
        return
    from kg.nlp import load_pipeline

    nlp = load_pipeline(settings.model, components=not settings.baseline)
    # The model and the lexicons are ~0.5 M objects that live as long as the ingest: frozen,
    # the cyclic GC's full collections (~0.1 s CPU each) stop walking them again and again.
    gc.freeze()
    try:
        _annotate_and_write(nlp, _chain(first, articles), settings, store, builder, report, tick,
                            piece_chars)
    finally:
        gc.unfreeze()


def _annotate_and_write(nlp, articles, settings, store, builder, report, tick,
                        piece_chars: int) -> None:
    """The loop of :func:`_process` once the model is loaded: articles are extracted and built
    one by one, and written a batch at a time (:meth:`KgStore.replace_articles`)."""
    from kg.extract import extract
    from kg.extract.baseline import extract_baseline
    from kg.nlp import annotate

    pending: list[tuple[Article, bool, list[tuple[int, str]]]] = []

    def items() -> Iterator[tuple[str, dt.date | None]]:
        for art, is_new in articles:
            parts = split_text(art.text, piece_chars)
            pending.append((art, is_new, parts))
            for _, piece in parts:
                yield piece, art.date

    done: list[tuple[int, Extraction]] = []
    built: list[_Built] = []
    try:
        for doc in annotate(nlp, items(), settings.batch_size):
            art, is_new, parts = pending[0]
            offset, text = parts[len(done)]
            piece = replace(art, text=text) if len(parts) > 1 else art
            try:
                done.append((offset, extract_baseline(doc, piece) if settings.baseline
                              else extract(doc, piece, settings.min_confidence)))
            except Exception as exc:  # a bug on one article must not lose the batch
                done.append((offset, exc))
            if len(done) < len(parts):
                continue
            pending.pop(0)
            built.append(_build(art, is_new, done, builder))
            done = []
            if len(built) >= settings.batch_size:
                _write(built, store, report)
                built = []
            tick()
    except (Exception, StopRequested):
        # Ctrl-C stops here, between two articles: the articles built so far are written and
        # counted first (a second Ctrl-C, a plain KeyboardInterrupt, does not wait for that).
        _write(built, store, report)
        raise
    _write(built, store, report)


@dataclass
class _Built:
    """An article ready to be written: its graph, or why it cannot be."""

    article: Article
    is_new: bool
    extraction: Extraction | None = None
    graph: ArticleGraph | None = None
    error: KgError | None = None


def _build(art: Article, is_new: bool, parts, builder) -> _Built:
    """Merge an article's extracted pieces and build its graph (a failure is kept, not raised)."""
    errors = [x for _, x in parts if isinstance(x, Exception)]
    try:
        if errors:
            raise errors[0]
        x = parts[0][1] if len(parts) == 1 else merge_pieces(art, parts)
        return _Built(art, is_new, x, builder.build(x))
    except KgError as exc:
        return _Built(art, is_new, error=exc)
    except Exception as exc:  # noqa: BLE001 - reported with the article, the batch goes on
        return _Built(art, is_new, error=ProcessingError(f"could not process: {exc!r}",
                                                         source=_where(art)))


def _write(built: list[_Built], store, report: IngestReport) -> None:
    """Write the built articles (each in one transaction, several per transaction where the
    store can) and count them; flush the store's buffers every FLUSH_EVERY articles."""
    ready = [b for b in built if b.error is None]
    before = report.articles_written
    try:
        results = store.replace_articles([b.graph for b in ready]) if ready else []
    except Exception:  # noqa: BLE001 - not a KgError: each article on its own, as below
        results = [_write_one(store, b) for b in ready]
    outcome = iter(results)  # one result per ready article, in order
    for b in built:
        result = b.error if b.error is not None else next(outcome)
        if isinstance(result, KgError):
            report.failed.append(result)
        elif isinstance(result, Exception):
            report.failed.append(ProcessingError(f"could not process: {result!r}",
                                                 source=_where(b.article)))
        else:
            _count(b, report)
    if report.articles_written // FLUSH_EVERY > before // FLUSH_EVERY:
        store.flush()  # RocksDB's write buffers otherwise grow with the store (~1 GB at 1M triples)


def _write_one(store, b: _Built) -> bool | Exception:
    try:
        return store.replace_article(b.graph)
    except Exception as exc:  # noqa: BLE001 - reported with the article by _write
        return exc


def _count(b: _Built, report: IngestReport) -> None:
    """Count a written article and what it holds."""
    x = b.extraction
    if b.is_new:
        report.new += 1
    else:
        report.updated += 1
    report.entity_keys.update(e.key for e in x.entities)
    report.relations += len(x.relations)
    report.quotes += len(x.quotes)
    report.events += len(x.events)
    report.triples += len(b.graph.quads)


def _chain(first, rest):
    yield first
    yield from rest


# Articles written between two flushes of the store's write buffers: keeps memory flat.
FLUSH_EVERY = 200

# spaCy's parser holds about 1 GB per 100,000 characters in memory: longer texts go in pieces.
PIECE_CHARS = 100_000


def split_text(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    r"""``text`` cut into (offset, piece) of at most ``size`` characters, at a line break, else a
    sentence end, else a space, in the second half of each piece; the pieces join back to
    ``text``.

    >>> split_text("Un. Deux.\nTrois quatre.", size=14)
    [(0, 'Un. Deux.\n'), (10, 'Trois quatre.')]
    """
    out, start = [], 0
    while len(text) - start > size:
        window = (start + size // 2, start + size)
        cut = text.rfind("\n", *window)
        if cut < 0:
            cut = text.rfind(". ", *window)
            cut = cut + 1 if cut >= 0 else text.rfind(" ", *window)
        cut = cut + 1 if cut >= 0 else start + size
        out.append((start, text[start:cut]))
        start = cut
    out.append((start, text[start:]))
    return out


def merge_pieces(article: Article, parts: list[tuple[int, Extraction]]) -> Extraction:
    """One article's Extraction from those of its pieces, offsets moved back into the article."""
    entities: dict[str, Entity] = {}
    mentions, relations, quotes, events = [], [], [], []
    for offset, x in parts:
        for e in x.entities:
            old = entities.get(e.key)
            aliases = tuple(dict.fromkeys((*old.aliases, *e.aliases))) if old else e.aliases
            entities[e.key] = replace(old or e, aliases=aliases)
        mentions += [_shift(m, offset) for m in x.mentions]
        relations += [_shift(r, offset) for r in x.relations]
        quotes += [_shift(q, offset) for q in x.quotes]
        events += [_shift(e, offset) for e in x.events]
    return Extraction(article, tuple(entities.values()), tuple(mentions), tuple(relations),
                      tuple(quotes), tuple(events))


def _shift(record, offset: int):
    return replace(record, start=record.start + offset, end=record.end + offset) if offset else record
