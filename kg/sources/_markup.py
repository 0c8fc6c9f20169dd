"""Helpers shared by the HTML, feed and CSV readers: HTML fragments to text, ids from URLs.

Every reader lays an article out like the plain-text corpus: the headline, a blank line, then
the paragraphs separated by blank lines, so that the same article read from a page, a feed or
a ``.txt`` gives the same text (and the same graph).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

# Elements whose end closes a paragraph.
_BLOCKS = frozenset(
    "p div section article header h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td th "
    "dd dt dl main".split()
)
# Elements that hold no article prose in a feed item (credits, embeds, share bars).
_SKIPPED = frozenset(
    "script style noscript template iframe object embed svg figure figcaption aside nav "
    "footer form button select".split()
)
_VOID = frozenset("br img hr meta link input source wbr area col embed param track".split())
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u202f]+")
_TRACKING = re.compile(r"^(utm_|xtor$|at_|fbclid$|gclid$)")


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment as a list of paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self._skip += tag not in _VOID
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "br" and not self._skip:
            self._current.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and tag not in _VOID:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        lines = "".join(self._current).split("\n")
        text = "\n".join(s for s in (_SPACES.sub(" ", line).strip() for line in lines) if s)
        if text:
            self.paragraphs.append(text)
        self._current = []


def html_paragraphs(fragment: str) -> list[str]:
    """The paragraphs of an HTML fragment, whitespace collapsed, non-prose elements dropped.

    >>> html_paragraphs("<p>Un <b>texte</b>&nbsp;!</p><figure>Crédit photo ©</figure><p>Deux</p>")
    ['Un texte !', 'Deux']
    >>> html_paragraphs("Sans balise &amp; sur une ligne")
    ['Sans balise & sur une ligne']
    """
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.paragraphs


def plain(fragment: str) -> str:
    """An HTML-or-text fragment (a title, an author) as one line of plain text."""
    return _SPACES.sub(" ", " ".join(html_paragraphs(fragment)) or html.unescape(fragment)).strip()


def layout(title: str, paragraphs: list[str]) -> str:
    """The article text: the headline, then the paragraphs, separated by blank lines.

    >>> layout("Titre", ["Titre", "Un.", "Deux."])
    'Titre\\n\\nUn.\\n\\nDeux.'
    """
    if paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]  # the body already opens with the headline
    return "\n\n".join([title, *paragraphs]) if title else "\n\n".join(paragraphs)


def url_id(url: str | None) -> str | None:
    """A stable article id from an http(s) URL: host without ``www.``, path, query sans tracking.

    >>> url_id("https://www.exemple.fr/tech/2014/02/rachat.html?utm_source=rss#haut")
    'exemple.fr/tech/2014/02/rachat'
    >>> url_id("urn:uuid:1234") is None
    True
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", parts.path.rstrip("/"))
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return host + path + (f"?{query}" if query else "")
