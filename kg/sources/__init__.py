"""Readers: files, folders and stdin → Article records (or the errors that stop one).

Formats: plain text and Markdown, JSON Lines, saved HTML pages, RSS/Atom feeds and CSV
exports, each possibly gzipped. The reader is chosen by the content's first bytes, then by the
extension (see :mod:`kg.sources.formats`). Errors are yielded, not raised, so that one bad
article is reported and the batch goes on; problems worked around (a Windows-1252 file) ride
on ``Article.warnings``.

>>> from kg.errors import MissingPathError
>>> [type(x).__name__ for x in read_paths(["/nonexistent/corpus"])]
['MissingPathError']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError, MissingPathError, UnsupportedInputError
from kg.model import Article
from kg.sources import csvfile, feeds, formats, jsonl, text, webpage
from kg.sources._bytes import BOM, STDIN, Blob, load, sniff

SUFFIXES = tuple(formats.SUFFIXES) + (".gz",)

__all__ = ["SUFFIXES", "STDIN", "count_articles", "read_paths", "read_file", "walk"]


def read_paths(
    paths: list[str], default_date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield the articles of files and folders, in order, and an error for each bad input.

    Folders are walked recursively in sorted order, reading the files whose extension is in
    ``SUFFIXES`` and ignoring others; a file named explicitly is read whatever its extension.
    ``-`` reads standard input (its format judged by content).

    Args:
        paths: files, folders, or ``-``.
        default_date: publication date for articles that carry none.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield from read_file(Path(STDIN), default_date)
        elif not path.exists():
            yield MissingPathError("no such file or directory; check the path", source=str(raw))
        elif path.is_dir():
            for found in walk(path):
                yield from read_file(found, default_date)
        else:
            yield from read_file(path, default_date)


# Documentation that lives beside articles (a folder's README, the gold set's INDEX).
NOT_ARTICLES = frozenset({"readme", "index", "license", "changelog"})


def walk(folder: Path) -> list[Path]:
    """The readable files under ``folder``, recursively, sorted; hidden entries and folder
    documentation (``README.md``, ``INDEX.md``…) are skipped.

    A ``.gz`` is read when the name under it has a readable extension or none
    (``a.html.gz``, ``flux.gz``), not when it is another archive (``x.tar.gz``).
    """
    found = []
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        inner = Path(path.stem) if path.suffix.lower() == ".gz" else path
        suffix = inner.suffix.lower()
        if suffix in (".txt", ".md") and inner.stem.lower() in NOT_ARTICLES:
            continue
        readable = suffix in formats.SUFFIXES or (inner is not path and not suffix)
        if readable and path.is_file():
            found.append(path)
    return found


def read_file(path: Path, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield the article(s) of one file (``-`` for stdin), read by its content, or its error."""
    blob = load(path)
    if isinstance(blob, InputError):
        yield blob
        return
    problem = sniff(blob.data, blob.source)
    if problem:
        yield problem
        return
    yield from read_blob(blob, default_date)


def read_blob(blob: Blob, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield the article(s) of bytes already loaded, with the reader their content calls for.

    Content that only reads as plain text under an extension kg does not know (``.json``,
    ``.docx``…) is refused: it is more likely a wrong file than an article.
    """
    kind = formats.detect(blob.data, blob.suffix)
    if kind == "text" and blob.suffix and blob.suffix not in formats.SUFFIXES:
        yield UnsupportedInputError(
            f"unsupported file type {blob.suffix!r}; kg reads {', '.join(SUFFIXES)} "
            "(and any of them gzipped)", source=blob.source)
    elif kind == "feed":
        yield from feeds.read_feed(blob, default_date)
    elif kind == "html":
        yield webpage.read_html(blob, default_date)
    elif kind == "jsonl":
        yield from jsonl.read_jsonl(blob, default_date)
    elif kind == "csv":
        yield from csvfile.read_csv(blob, default_date)
    else:
        yield text.read_text(blob, default_date)


def count_articles(paths: list[str]) -> int:
    """How many articles ``read_paths`` will yield at most, cheaply: for a progress bar.

    Files count one each, JSON Lines one per line, CSV one per row, feeds one per item;
    standard input counts one (it cannot be read twice).
    """
    total = 0
    for raw in paths:
        path = Path(raw)
        files = walk(path) if path.is_dir() else [path] if path.is_file() else []
        total += 1 if str(raw) == STDIN else sum(_count(f) for f in files)
    return total


def _count(path: Path) -> int:
    """Articles in one file; a plain-text or HTML file counts one from its first bytes alone
    (the format is judged on them), so only multi-article files are read twice."""
    if path.suffix.lower() != ".gz":
        try:
            with path.open("rb") as fh:
                head = fh.read(formats.HEAD_BYTES + len(BOM))
        except OSError:
            return 1
        head = head[len(BOM):] if head.startswith(BOM) else head[:formats.HEAD_BYTES]
        if formats.detect(head, path.suffix.lower()) in ("text", "html"):
            return 1
    blob = load(path)
    if isinstance(blob, InputError) or sniff(blob.data, blob.source):
        return 1
    kind = formats.detect(blob.data, blob.suffix)
    if kind == "jsonl":
        return sum(1 for line in blob.data.split(b"\n") if line.strip())
    if kind == "csv":
        return max(1, csvfile.count_rows(blob))
    if kind == "feed":
        return max(1, blob.data.count(b"<item") + blob.data.count(b"<entry"))
    return 1
