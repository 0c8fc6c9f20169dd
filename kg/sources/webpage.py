"""Saved web pages: the article's main text and its metadata, through trafilatura.

trafilatura (https://trafilatura.readthedocs.io) removes the page's boilerplate — menus,
share buttons, photo credits, "Voir aussi" links, comments, footers — and reads the metadata:
headline, publication date (``article:published_time``, JSON-LD ``datePublished``, Open
Graph…), canonical URL (``og:url`` / ``link rel=canonical``), author and site name
(``og:site_name``). It is only ever given the saved HTML string: nothing is fetched.

The article id is taken from the canonical URL (see :func:`kg.sources._markup.url_id`), so
the same page saved twice, or also read from a feed, is one article; without a URL it is the
file stem.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

import trafilatura

from kg.errors import InputError
from kg.model import Article
from kg.sources._bytes import Blob, decode_lenient
from kg.sources._markup import layout, plain, url_id
from kg.sources.text import parse_date

# htmldate: the original publication date, from the page's markup only (no guessing from text).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

# Fewer words than this is a menu, a cookie wall or a login page, not an article.
MIN_WORDS = 8


def read_html(blob: Blob, default_date: dt.date | None = None) -> Article | InputError:
    """The Article of a saved HTML page, or the error that prevents reading it."""
    markup = _decode(blob)
    if isinstance(markup, InputError):
        return markup
    markup, warning = markup
    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, date_extraction_params=_DATE_PARAMS,
            # precision: a page of menus and links yields nothing rather than its menu
            favor_precision=True,
        )
    except (ValueError, TypeError) as exc:  # lxml could not build a tree at all
        return InputError(f"malformed HTML ({exc}); save the page again", source=blob.source)
    body = [line.strip() for line in (doc.text or "").splitlines() if line.strip()] if doc else []
    if sum(len(line.split()) for line in body) < MIN_WORDS:
        return InputError(
            "HTML page with no article text (trafilatura found only boilerplate or nothing); "
            "check that the saved page holds the article", source=blob.source)
    title = plain(doc.title or "") or body[0]
    url = doc.url if url_id(doc.url) else None
    return Article(
        id=url_id(url) or blob.stem,
        text=layout(title, body),
        title=title,
        date=parse_date(doc.date) or default_date,
        url=url,
        path=blob.source,
        author=plain(doc.author or "") or None,
        site=plain(doc.sitename or "") or None,
        warnings=(warning,) if warning else (),
    )


def _decode(blob: Blob) -> tuple[str, str | None] | InputError:
    """The page as text: UTF-8, else the charset its ``<meta>`` declares, else Windows-1252."""
    try:
        return blob.data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(blob.data[:4096])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii", "replace"))
            return blob.data.decode(codec.name), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back as for undeclared pages
    return decode_lenient(blob.data, blob.source, blob.offset)
