"""Readers: files and folders of articles → Article records (or the errors that stop one).

Errors are yielded, not raised, so that one bad article is reported and the batch goes on.

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
from kg.sources import jsonl, text

SUFFIXES = text.SUFFIXES + jsonl.SUFFIXES

__all__ = ["SUFFIXES", "count_articles", "read_paths", "read_file", "walk"]


def count_articles(paths: list[str]) -> int:
    """How many articles ``read_paths`` will yield at most (files, plus JSONL lines), cheaply:
    for a progress bar's length."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = walk(path) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            if f.suffix.lower() in jsonl.SUFFIXES:
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


def read_paths(
    paths: list[str], default_date: dt.date | None = None
) -> Iterator[Article | InputError]:
    """Yield the articles of files and folders, in order, and an error for each bad input.

    Folders are walked recursively in sorted order, reading ``.txt``, ``.md`` and ``.jsonl``
    and ignoring other files; a file named explicitly with another extension is an
    UnsupportedInputError.

    Args:
        paths: files or folders.
        default_date: publication date for articles that carry none.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
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
    documentation (``README.md``, ``INDEX.md``…) are skipped."""
    found = []
    for path in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        if path.stem.lower() in NOT_ARTICLES:
            continue
        if not hidden and path.is_file() and path.suffix.lower() in SUFFIXES:
            found.append(path)
    return found


def read_file(path: Path, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield the article(s) of one file, chosen by its extension, or its error."""
    suffix = path.suffix.lower()
    if suffix in jsonl.SUFFIXES:
        yield from jsonl.read_jsonl(path, default_date)
    elif suffix in text.SUFFIXES:
        yield text.read_text_article(path, default_date)
    else:
        yield UnsupportedInputError(
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"kg reads {', '.join(SUFFIXES)}",
            source=str(path),
        )
