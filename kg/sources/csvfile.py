"""CSV exports (spreadsheets, scrapers, CMS dumps): one article per row.

The first row is a header. Its cells are matched case-insensitively, accents and spaces
ignored, against these names (French or English):

==========  ==========================================================  ========
field       header names                                                required
==========  ==========================================================  ========
text        text, texte, contenu, content, body, corps, article        yes
id          id, identifiant, guid                                       no
title       title, titre, headline                                      no
date        date, published, date_publication, datepublished, pubdate  no
url         url, lien, link                                             no
site        site, source, publisher, media, journal                     no
author      author, auteur, auteurs, authors                            no
==========  ==========================================================  ========

Other columns are ignored. The delimiter (``,``, ``;`` or tab) is sniffed. A file without a
text column is one error naming the file and the column; a bad row (empty text, a date that
is not ISO) is an error naming its row, and the other rows still come through. The id is the
``id`` column, else the id of the ``url``, else ``STEM-ROW``. As for pages and feeds, the
text is the headline (``title`` column), a blank line and the text column, so the headline is
analysed too; without a title column the text is kept as is and its first line is the title.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from collections.abc import Iterator

from kg.errors import BadDateError, InputError
from kg.model import Article
from kg.sources._bytes import Blob, decode_lenient, first_line
from kg.sources._markup import url_id
from kg.sources.text import parse_date

SYNONYMS = {
    "text": ("text", "texte", "contenu", "content", "body", "corps", "article"),
    "id": ("id", "identifiant", "guid"),
    "title": ("title", "titre", "headline"),
    "date": ("date", "published", "datepublication", "datepublished", "pubdate"),
    "url": ("url", "lien", "link"),
    "site": ("site", "source", "publisher", "media", "journal"),
    "author": ("author", "auteur", "auteurs", "authors"),
}
_FIELD_OF = {name: field for field, names in SYNONYMS.items() for name in names}
# A row's text can be a whole article: lift the csv module's 128 KB field limit.
csv.field_size_limit(16 * 1024 * 1024)


def read_csv(blob: Blob, default_date: dt.date | None = None) -> Iterator[Article | InputError]:
    """Yield one Article per data row of a CSV export, or the errors of the file or its rows."""
    decoded = decode_lenient(blob.data, blob.source, blob.offset)
    if isinstance(decoded, InputError):
        yield decoded
        return
    content, warning = decoded
    rows = _rows(content)
    try:
        header = next(rows, [])
        columns = column_map(header)
        if "text" not in columns:
            yield InputError(
                f"CSV has no text column (header: {', '.join(header) or 'empty'}); name the "
                f"article text column one of: {', '.join(SYNONYMS['text'])}", source=blob.source)
            return
        for number, row in enumerate(rows, start=2):
            if any(cell.strip() for cell in row):
                yield _article(row, number, columns, blob, default_date, warning)
    except csv.Error as exc:
        yield InputError(f"malformed CSV ({exc}); re-export the file", source=blob.source)


def count_rows(blob: Blob) -> int:
    """How many data rows a CSV export holds (0 when it cannot be read): for progress bars."""
    decoded = decode_lenient(blob.data, blob.source, blob.offset)
    if isinstance(decoded, InputError):
        return 0
    try:
        return sum(1 for row in _rows(decoded[0]) if any(c.strip() for c in row)) - 1
    except csv.Error:
        return 0


def _rows(content: str) -> Iterator[list[str]]:
    """The rows of CSV text, with its delimiter sniffed among ``,``, ``;`` and tab."""
    try:
        dialect = csv.Sniffer().sniff(content[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column, or too irregular to sniff: plain commas
    return csv.reader(content.splitlines(keepends=True), dialect)


def column_map(header: list[str]) -> dict[str, int]:
    """Field name → column index, the first matching column winning.

    >>> column_map(["Titre", "Date de publication", "CONTENU", "Lien", "Contenu"])
    {'title': 0, 'date': 1, 'text': 2, 'url': 3}
    """
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        field = _FIELD_OF.get(_fold(cell))
        if field and field not in columns:
            columns[field] = index
    return columns


def _fold(name: str) -> str:
    """A header cell without accents, case, spaces, dashes or underscores; "de" dropped."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = [w for w in ascii_name.casefold().replace("_", " ").replace("-", " ").split() if w != "de"]
    return "".join(words)


def _article(row, number, columns, blob: Blob, default_date, warning) -> Article | InputError:
    def cell(field: str) -> str | None:
        index = columns.get(field)
        value = row[index].strip() if index is not None and index < len(row) else ""
        return value or None

    text = (cell("text") or "").replace("\r\n", "\n")
    if not text.strip():
        return InputError(f"row {number}: the text column is empty", source=blob.source)
    date = default_date
    if cell("date"):
        date = parse_date(cell("date"))
        if date is None:
            return BadDateError(
                f"row {number}: date {cell('date')!r} is not an ISO date (YYYY-MM-DD)",
                source=blob.source)
    url, title = cell("url"), cell("title")
    if title and first_line(text) != title:
        text = f"{title}\n\n{text}"  # the headline is analysed too, as for pages and feeds
    return Article(
        id=cell("id") or url_id(url) or f"{blob.stem}-{number}",
        text=text,
        title=title or first_line(text),
        date=date,
        url=url,
        source=cell("site"),
        path=blob.source,
        author=cell("author"),
        site=cell("site"),
        warnings=(warning,) if warning else (),
    )
