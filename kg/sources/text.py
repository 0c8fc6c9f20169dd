"""Plain-text and Markdown articles: one file, one article, first non-empty line = title."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kg.errors import BadDateError, EmptyInputError, InputError
from kg.model import Article
from kg.sources._bytes import decode, first_line, read_bytes, sniff

SUFFIXES = (".txt", ".md")


def read_text_article(path: Path, default_date: dt.date | None = None) -> Article | InputError:
    """Read one ``.txt``/``.md`` file into an Article, or return the error that prevents it.

    The text is kept verbatim (only ``\\r\\n`` becomes ``\\n``) because every offset refers to
    it. The date comes from a sibling ``STEM.json`` with a ``"date"`` key (the gold format)
    when there is one, else ``default_date``.
    """
    source = str(path)
    read = read_bytes(path)
    if isinstance(read, InputError):
        return read
    data, bom = read
    problem = sniff(data, source)
    if problem:
        return problem
    text = decode(data, source, offset=bom)
    if isinstance(text, InputError):
        return text
    if not text.strip():
        return EmptyInputError("file is empty (only whitespace)", source=source)
    date = sibling_date(path, default_date)
    if isinstance(date, InputError):
        return date
    return Article(
        id=path.stem, text=text, title=_title(text, path.suffix.lower()), date=date, path=source
    )


def _title(text: str, suffix: str) -> str:
    title = first_line(text)
    if suffix == ".md":
        # A Markdown heading's "#" marks are markup, not part of the headline.
        title = title.lstrip("#").strip() or title
    return title


def sibling_date(path: Path, default: dt.date | None) -> dt.date | None | InputError:
    """The ``"date"`` of a sibling ``STEM.json`` object (ISO date or null), else ``default``.

    A sibling that is not a JSON object with a ``"date"`` key is not ours to judge: it is
    ignored. A ``"date"`` that is present but not an ISO date is a BadDateError.
    """
    sibling = path.with_suffix(".json")
    if not sibling.is_file():
        return default
    try:
        meta = json.loads(sibling.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return default
    if not isinstance(meta, dict) or "date" not in meta:
        return default
    value = meta["date"]
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        return BadDateError(
            f"\"date\" in {sibling.name} is {value!r}, not an ISO date (YYYY-MM-DD) or null",
            source=str(path),
        )
    return parsed


def parse_date(value: object) -> dt.date | None:
    """An ISO 8601 date (or the date part of an ISO datetime) as a date, or None if invalid.

    >>> parse_date("2012-09-24"), parse_date("2012-09-24T08:30:00Z"), parse_date("24/09/2012")
    (datetime.date(2012, 9, 24), datetime.date(2012, 9, 24), None)
    """
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None
