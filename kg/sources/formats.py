"""Which reader a file needs, judged by its first bytes before its extension.

A saved page named ``.txt`` is still HTML and a feed saved as ``.xml`` is still a feed, so the
content decides first; the extension only settles what the content leaves open.

>>> detect(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel/></rss>', ".txt")
'feed'
>>> detect(b"<!DOCTYPE html><html><body><p>Bonjour</p></body></html>", ".txt")
'html'
>>> detect(b'{"text": "Bonjour"}\\n', "")
'jsonl'
>>> detect(b"titre;contenu\\nUn;Deux\\n", "")
'csv'
>>> detect(b"Orange rach\\xc3\\xa8te une start-up\\n\\nLe texte.", ".txt")
'text'
"""

from __future__ import annotations

import re

from kg.sources.csvfile import SYNONYMS

SUFFIXES = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".csv": "csv", ".tsv": "csv",
}
HEAD_BYTES = 4096

# Prolog items before the root element: XML declaration, processing instructions, comments.
_PROLOG = re.compile(r"\A\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.S)
_ROOT = re.compile(r"<(!doctype\s+html|[a-z][\w:.-]*)", re.I)
_FEED_ROOTS = {"rss", "feed", "rdf:rdf"}
_HTML_ROOTS = {"!doctype html", "html", "head", "body"}
_HTML_TAG = re.compile(r"<(?:p|div|article|h1|meta|title|br)\b[^>]*>", re.I)
# Header cells that name the text column: the CSV reader's own names for it, matched here
# exactly (the reader also folds accents and spacing, too loose for sniffing unknown files).
_CSV_TEXT = frozenset(SYNONYMS["text"])


def detect(data: bytes, suffix: str) -> str:
    """``"feed"``, ``"html"``, ``"jsonl"``, ``"csv"`` or ``"text"`` for these bytes.

    Args:
        data: the file's bytes (without BOM, decompressed).
        suffix: the file's lower-case extension, a hint when the content is not conclusive.
    """
    head = data[:HEAD_BYTES].decode("utf-8", "replace")
    markup = _markup(head)
    if markup:
        return markup
    line = head.lstrip().split("\n", 1)[0].strip()
    if line.startswith("{") and line.endswith("}"):
        return "jsonl"
    by_suffix = SUFFIXES.get(suffix)
    if by_suffix in ("csv", "jsonl", "html"):
        return by_suffix
    if by_suffix == "feed" and head.lstrip().startswith("<"):
        return "feed"
    if _looks_like_csv(line):
        return "csv"
    return "text"


def _markup(head: str) -> str | None:
    """``"feed"`` or ``"html"`` when ``head`` opens with such a root element."""
    rest = head[_PROLOG.match(head).end():]
    if not rest.startswith("<"):
        return None
    root = _ROOT.match(rest)
    if root is None:
        return None
    name = re.sub(r"\s+", " ", root.group(1).lower())
    if name in _FEED_ROOTS:
        return "feed"
    if name in _HTML_ROOTS or _HTML_TAG.search(head):
        return "html"
    return None


def _looks_like_csv(line: str) -> bool:
    """A header line with a delimiter and a cell naming the text column."""
    for delimiter in (";", ",", "\t"):
        cells = [c.strip().strip('"').strip().casefold() for c in line.split(delimiter)]
        if len(cells) > 1 and _CSV_TEXT & set(cells):
            return True
    return False
