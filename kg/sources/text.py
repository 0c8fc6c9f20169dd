"""Plain-text and Markdown articles: one file, one article, first non-empty line = title."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from kg.errors import BadDateError, EmptyInputError, InputError
from kg.model import Article
from kg.sources._bytes import Blob, decode_lenient, first_line

def read_text(blob: Blob, default_date: dt.date | None = None) -> Article | InputError:
    """Read one plain-text or Markdown input into an Article, or return the error preventing it.

    The text is kept verbatim (only ``\\r\\n`` becomes ``\\n``) because every offset refers to
    it. The date comes from a sibling ``STEM.json`` with a ``"date"`` key (the gold format)
    when there is one, else ``default_date``. Text that is not UTF-8 but reads as
    Windows-1252 comes through with a warning on the Article.
    """
    text = decode_lenient(blob.data, blob.source, offset=blob.offset)
    if isinstance(text, InputError):
        return text
    text, warning = text
    if not text.strip():
        return EmptyInputError("file is empty (only whitespace)", source=blob.source)
    date = default_date
    if blob.path is not None:
        date = sibling_date(blob.path.with_name(blob.name), default_date)
        if isinstance(date, InputError):
            return date
    ident = blob.stem
    if blob.path is None:
        # Piped texts have no file name: name them by content so two of them do not collide.
        ident = f"{blob.stem}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    return Article(
        id=ident, text=text, title=_title(text, blob.suffix), date=date,
        path=blob.source, warnings=(warning,) if warning else (),
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
