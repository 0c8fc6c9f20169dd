"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files, through feedparser: one article per item.

An item's text is its full content (``content:encoded`` in RSS, ``<content>`` in Atom) turned
from HTML into paragraphs; an item that carries only a summary (``<description>``,
``<summary>``) is read from it and marked ``summary_only``, so that queries can tell short
items from whole articles. The date is the item's own ``pubDate``/``published`` (else
``updated``), in the time zone it was written in; the id comes from the item's link, else
its ``guid``/``id`` or title under the feed's home page, so that the same item read from two
saved copies of a feed is one article.

feedparser (https://feedparser.readthedocs.io) only ever gets the file's bytes, wrapped in a
stream, so it never fetches anything. A feed that is not well-formed XML is refused with the
line and column of the fault rather than half-read.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
from collections.abc import Iterator
from xml.sax import SAXParseException

import feedparser

from kg.errors import EmptyInputError, InputError
from kg.model import Article
from kg.sources._bytes import Blob
from kg.sources._markup import html_paragraphs, layout, plain, url_id
from kg.sources.text import parse_date


def read_feed(blob: Blob, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield one Article per item of an RSS or Atom feed, or the feed's error."""
    parsed = feedparser.parse(io.BytesIO(blob.data), resolve_relative_uris=False)
    warning = None
    if parsed.bozo:
        problem = _bozo(parsed.bozo_exception, blob.source)
        if isinstance(problem, InputError):
            yield problem
            return
        warning = problem
    if not parsed.version:
        yield InputError("XML that is not an RSS or Atom feed; kg reads RSS 2.0, RSS 1.0 and "
                         "Atom", source=blob.source)
        return
    if not parsed.entries:
        yield EmptyInputError("feed has no items", source=blob.source)
        return
    site = plain(parsed.feed.get("title") or "") or None
    # Ids must not depend on the file name: a feed saved every day repeats its items.
    home = url_id(parsed.feed.get("link")) or blob.stem
    for position, entry in enumerate(parsed.entries, start=1):
        yield _article(entry, position, blob, (site, home), default_date, warning)


def _bozo(exc: Exception, source: str) -> str | InputError | None:
    """A warning for an encoding feedparser worked around; an error for broken XML."""
    if isinstance(exc, (feedparser.CharacterEncodingOverride, feedparser.CharacterEncodingUnknown)):
        return f"{exc}; re-save the feed as UTF-8"
    if isinstance(exc, feedparser.ThingsNobodyCaresAboutButMe):
        return None  # what feedparser itself calls harmless (e.g. an HTTP content type)
    if isinstance(exc, SAXParseException):
        return InputError(
            f"malformed feed XML (line {exc.getLineNumber()}, column {exc.getColumnNumber()}: "
            f"{exc.getMessage()}); repair or re-export the feed", source=source)
    return InputError(f"unreadable feed ({exc}); repair or re-export the feed", source=source)


def _article(
    entry, position: int, blob: Blob, feed: tuple[str | None, str], default_date,
    warning: str | None,
) -> Article | InputError:
    site, home = feed
    paragraphs, summary_only = _body(entry)
    title = plain(entry.get("title") or "") or (paragraphs[0] if paragraphs else "")
    if not paragraphs:
        return EmptyInputError(
            f"item {position} ({title or 'untitled'}) has no content and no summary",
            source=blob.source)
    link = entry.get("link") if url_id(entry.get("link")) else None
    guid = (entry.get("id") or "").strip()
    ident = url_id(link) or url_id(guid) or (f"{home}/{guid or title}" if guid or title else None)
    return Article(
        id=ident or f"{blob.stem}-{position}",
        text=layout(title, paragraphs),
        title=title,
        date=_date(entry) or default_date,
        url=link,
        path=blob.source,
        author=plain(entry.get("author") or "") or None,
        site=site,
        summary_only=summary_only,
        warnings=(warning,) if warning else (),
    )


def _body(entry) -> tuple[list[str], bool]:
    """The item's paragraphs, and whether they come from its summary only."""
    contents = [c for c in entry.get("content", ()) if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return _paragraphs(best["value"], best.get("type", "")), False
    summary = entry.get("summary_detail") or {}
    value = summary.get("value") or entry.get("summary") or ""
    return _paragraphs(value, summary.get("type", "text/html")), True


def _paragraphs(value: str, mime: str) -> list[str]:
    if mime == "text/plain":
        return [" ".join(p.split()) for p in value.split("\n\n") if p.strip()]
    return html_paragraphs(value)


def _date(entry) -> dt.date | None:
    """The item's date as written (its own time zone): published, else updated."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        date = parse_date(raw)
        if date:
            return date
        try:
            return email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError):
            parsed = entry.get(f"{key}_parsed")
            if parsed:
                return dt.date(*parsed[:3])
    return None
