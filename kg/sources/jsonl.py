"""JSON Lines corpora: one article per line, each line checked on its own.

A line is an object with ``text`` (required) and optional ``id``, ``title``, ``date``, ``url``,
``source``. A bad line becomes a JsonlError naming the line, and the other lines still come
through, so one broken record does not stop a batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import EncodingError, InputError, JsonlError
from kg.model import Article
from kg.sources._bytes import decode, first_line, read_bytes, sniff
from kg.sources.text import parse_date

SUFFIXES = (".jsonl",)
_OPTIONAL_STRINGS = ("title", "url", "source")


def read_jsonl(path: Path, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield one Article per non-blank line of ``path``, or the error of each bad line.

    ``default_date`` applies to lines without a ``"date"`` key; ``"date": null`` means unknown.
    """
    source = str(path)
    read = read_bytes(path)
    if isinstance(read, InputError):
        yield read
        return
    data, offset = read
    problem = sniff(data, source)
    if problem:
        yield problem
        return
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield _parse_line(raw, lineno, offset, path, default_date)
        offset += len(raw) + 1


def _parse_line(
    raw: bytes, lineno: int, offset: int, path: Path, default_date: dt.date | None
) -> Article | InputError:
    source = str(path)
    line = decode(raw, source, offset=offset)
    if isinstance(line, EncodingError):
        return EncodingError(f"line {lineno}: {line.message}", source=source)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(path, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return _bad(path, lineno, f"expected a JSON object, got {type(record).__name__}")
    return _article(record, path, lineno, default_date)


def _article(
    record: dict, path: Path, lineno: int, default_date: dt.date | None
) -> Article | JsonlError:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return _bad(path, lineno, '"text" is missing or empty; every line needs the article text')
    text = text.replace("\r\n", "\n")
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return _bad(path, lineno, f'"{key}" must be a string, got {record[key]!r}')
    ident = record.get("id")
    if ident is None:
        ident = f"{path.stem}-{lineno}"
    elif not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident).strip():
        return _bad(path, lineno, f'"id" must be a non-empty string or integer, got {ident!r}')
    date = default_date
    if "date" in record:
        date = parse_date(record["date"]) if record["date"] is not None else None
        if record["date"] is not None and date is None:
            return _bad(
                path, lineno, f'"date" is {record["date"]!r}, not an ISO date (YYYY-MM-DD) or null'
            )
    return Article(
        id=str(ident),
        text=text,
        title=record.get("title") or first_line(text),
        date=date,
        url=record.get("url"),
        source=record.get("source"),
        path=str(path),
    )


def _bad(path: Path, lineno: int, problem: str) -> JsonlError:
    return JsonlError(f"line {lineno}: {problem}", source=str(path))
