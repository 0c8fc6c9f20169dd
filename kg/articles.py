"""What the store holds, article by article: ``kg articles`` lists them, ``kg delete`` removes them.

An article's id is the last segment of its IRI (``…/article/<id>``): the file stem or the
feed/JSONL id, slugged. Deleting an article drops its named graph and the descriptions of the
entities no other article mentions, in one transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from pyoxigraph import NamedNode

from kg.errors import UnknownArticleError
from kg.store import KgStore
from kg.vocab import Minter

_META = """
SELECT ?a ?title ?date ?publisher ?url WHERE {
  GRAPH ?a { ?a a schema:NewsArticle ; schema:headline ?title .
    OPTIONAL { ?a schema:datePublished ?date }
    OPTIONAL { ?a schema:publisher ?publisher }
    OPTIONAL { ?a schema:url ?url } }
}"""
# Counts per article graph, one grouped query each (a join of all four would multiply rows).
_COUNTS = {
    "entities": "?a schema:mentions ?x",
    "relations": "?x a kg:Evidence",
    "quotes": "?x a kg:Quote",
    "events": "?x a kg:Event",
}
_COUNT = "SELECT ?a (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?a {{ ?a a schema:NewsArticle . {} }} }} GROUP BY ?a"


@dataclass(frozen=True)
class StoredArticle:
    """One row of ``kg articles``."""

    id: str
    date: str
    title: str
    source: str
    entities: int
    relations: int
    quotes: int
    events: int

    def as_dict(self) -> dict:
        """The row as a JSON-ready dict."""
        return asdict(self)


def article_id(iri: NamedNode) -> str:
    """The id of an article from its IRI.

    >>> article_id(Minter().article("000_5f6b052bc33bd45f"))
    '000-5f6b052bc33bd45f'
    """
    return iri.value.rsplit("/", 1)[-1]


def list_articles(store: KgStore) -> list[StoredArticle]:
    """Every stored article with its metadata and fact counts, newest first, then by id."""
    counts = {name: {row["a"]: int(row["n"].value) for row in store.query(_COUNT.format(pattern))}
              for name, pattern in _COUNTS.items()}
    out = {}
    for row in store.query(_META):
        iri = row["a"]
        if iri in out:  # a second headline or date: keep the first row
            continue
        out[iri] = StoredArticle(
            id=article_id(iri),
            date=row["date"].value if row["date"] else "",
            title=row["title"].value,
            source=_source(row["publisher"], row["url"]),
            **{name: counts[name].get(iri, 0) for name in _COUNTS},
        )
    return sorted(sorted(out.values(), key=lambda a: a.id), key=lambda a: a.date, reverse=True)


def _source(publisher, url) -> str:
    if publisher is not None:
        return publisher.value
    if url is not None:
        return urlsplit(url.value).netloc or url.value
    return ""


def resolve_article(ref: str, minter: Minter) -> NamedNode:
    """The IRI of an article given as an id (as ``kg articles`` prints it), a file stem, or
    its full IRI."""
    if ref.startswith(("http://", "https://", "urn:")):
        return NamedNode(ref)
    return minter.article(ref)


def delete_articles(store: KgStore, refs: list[str], minter: Minter) -> list[NamedNode]:
    """Delete articles given by id or IRI, each in its own transaction; the IRIs deleted.

    Raises:
        UnknownArticleError: one of ``refs`` is not in the store; nothing is deleted then.
    """
    iris = [resolve_article(ref, minter) for ref in refs]
    missing = [ref for ref, iri in zip(refs, iris) if store.article_hash(iri) is None]
    if missing:
        raise UnknownArticleError(
            f"no such article: {', '.join(missing)}; nothing deleted (`kg articles` lists the ids)",
            source=str(getattr(store, "path", "")) or None)
    for iri in dict.fromkeys(iris):
        store.delete_article(iri)
    return list(dict.fromkeys(iris))
