"""JSON Lines corpora: one article per line, each line checked on its own.

A line is an object with ``text`` (required) and optional ``id``, ``title``, ``date``, ``url``,
``source``, ``site`` (publisher name; ``source`` stands in when absent), ``author``. A bad
line becomes a JsonlError naming the line, and the other lines still come through, so one
broken record does not stop a batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace

from kg.errors import EncodingError, InputError, JsonlError
from kg.model import Article
from kg.sources._bytes import Blob, decode_lenient, first_line
from kg.sources.text import parse_date

_OPTIONAL_STRINGS = ("title", "url", "source", "site", "author")


def read_jsonl(blob: Blob, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield one Article per non-blank line, or the error of each bad line.

    ``default_date`` applies to lines without a ``"date"`` key; ``"date": null`` means unknown.
    """
    offset = blob.offset
    for lineno, raw in enumerate(blob.data.split(b"\n"), start=1):
        if raw.strip():
            yield _parse_line(raw, lineno, offset, blob, default_date)
        offset += len(raw) + 1


def _parse_line(
    raw: bytes, lineno: int, offset: int, blob: Blob, default_date: dt.date | None
) -> Article | InputError:
    decoded = decode_lenient(raw, blob.source, offset=offset)
    if isinstance(decoded, EncodingError):
        return EncodingError(f"line {lineno}: {decoded.message}", source=blob.source)
    line, warning = decoded
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(blob.source, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return _bad(blob.source, lineno, f"expected a JSON object, got {type(record).__name__}")
    article = _article(record, blob, lineno, default_date)
    if warning and isinstance(article, Article):
        article = replace(article, warnings=(f"line {lineno}: {warning}",))
    return article


def _article(
    record: dict, blob: Blob, lineno: int, default_date: dt.date | None
) -> Article | JsonlError:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return _bad(blob.source, lineno, '"text" is missing or empty; every line needs the article text')
    text = text.replace("\r\n", "\n")
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return _bad(blob.source, lineno, f'"{key}" must be a string, got {record[key]!r}')
    ident = record.get("id")
    if ident is None:
        ident = f"{blob.stem}-{lineno}"
    elif not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident).strip():
        return _bad(blob.source, lineno, f'"id" must be a non-empty string or integer, got {ident!r}')
    date = default_date
    if "date" in record:
        date = parse_date(record["date"]) if record["date"] is not None else None
        if record["date"] is not None and date is None:
            return _bad(
                blob.source, lineno, f'"date" is {record["date"]!r}, not an ISO date (YYYY-MM-DD) or null'
            )
    return Article(
        id=str(ident),
        text=text,
        title=record.get("title") or first_line(text),
        date=date,
        url=record.get("url"),
        source=record.get("source"),
        path=blob.source,
        author=record.get("author"),
        site=record.get("site") or record.get("source"),
    )


def _bad(source: str, lineno: int, problem: str) -> JsonlError:
    return JsonlError(f"line {lineno}: {problem}", source=source)
