"""Closed namespaces and IRI minting: the only module that spells IRIs.

Terms are pyoxigraph ``NamedNode`` objects, so that ``build`` writes straight to the store
without conversions. A namespace is closed: a misspelt term raises instead of minting an IRI.

>>> KG.worksFor.value
'https://w3id.org/frtechkg/ontology#worksFor'
>>> KG.workFor
Traceback (most recent call last):
...
AttributeError: 'workFor' is not a term of https://w3id.org/frtechkg/ontology#
>>> entity_key("Organization", "Research In Motion")
'organization/research-in-motion'
>>> Minter().entity("organization/research-in-motion").value
'https://w3id.org/frtechkg/resource/organization/research-in-motion'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from kg.model import ENTITY_TYPES, EVENT_TYPES, PREDICATES

DEFAULT_BASE = "https://w3id.org/frtechkg/"


class ClosedNamespace:
    """A namespace that only knows a fixed set of local names."""

    def __init__(self, iri: str, terms: tuple[str, ...] | list[str]) -> None:
        self._iri = iri
        self._terms = {t: NamedNode(iri + t) for t in terms}
        # Terms are also plain instance attributes, so ``RDF.type`` is an ordinary attribute
        # read (the graph build reads a few hundred per article); only a name that is not a
        # term falls through to __getattr__, which raises. The class's own names keep winning.
        self.__dict__.update({t: n for t, n in self._terms.items() if not hasattr(type(self), t)})

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self.__dict__["_terms"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self.__dict__['_iri']}") from None

    def __getitem__(self, name: str) -> NamedNode:
        try:
            return self._terms[name]
        except KeyError:
            return self.__getattr__(name)  # raises the AttributeError

    def __contains__(self, name: str) -> bool:
        return name in self._terms

    @property
    def iri(self) -> str:
        return self._iri

    def terms(self) -> dict[str, NamedNode]:
        return dict(self._terms)


KG = ClosedNamespace(
    "https://w3id.org/frtechkg/ontology#",
    (
        *PREDICATES,
        "Evidence", "subject", "predicate", "object", "sentence", "confidence", "extractor",
        "Quote", "speaker", "text", "reportedBy",
        "Event", *EVENT_TYPES, "agent", "date", "place", "quantity",
        "contentHash", "summaryOnly",
    ),
)
SCHEMA = ClosedNamespace(
    "https://schema.org/",
    (
        "NewsArticle", "headline", "datePublished", "inLanguage", "url", "text", "mentions",
        "publisher", "author", *ENTITY_TYPES,
    ),
)
RDF = ClosedNamespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", ("type",))
RDFS = ClosedNamespace("http://www.w3.org/2000/01/rdf-schema#", ("label", "comment"))
SKOS = ClosedNamespace("http://www.w3.org/2004/02/skos/core#", ("altLabel",))
OWL = ClosedNamespace("http://www.w3.org/2002/07/owl#", ("sameAs",))
XSD = ClosedNamespace(
    "http://www.w3.org/2001/XMLSchema#",
    ("string", "date", "integer", "decimal", "double", "boolean"),
)
PROV = ClosedNamespace("http://www.w3.org/ns/prov#", ("wasDerivedFrom",))
NIF = ClosedNamespace(
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    ("Phrase", "referenceContext", "anchorOf", "beginIndex", "endIndex"),
)
ITSRDF = ClosedNamespace("http://www.w3.org/2005/11/its/rdf#", ("taIdentRef",))
WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES = {
    "kg": KG.iri,
    "kgr": DEFAULT_BASE + "resource/",
    "schema": SCHEMA.iri,
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "skos": SKOS.iri,
    "owl": OWL.iri,
    "xsd": XSD.iri,
    "prov": PROV.iri,
    "nif": NIF.iri,
    "itsrdf": ITSRDF.iri,
}

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Fold accents, case and punctuation into a dash-separated ASCII slug.

    >>> slug("Société Générale & Co.")
    'societe-generale-co'
    >>> slug("iPhone 5")
    'iphone-5'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if s:
        return s
    return "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def entity_key(type_: str, name: str) -> str:
    """The stable key of an entity: its type and the slug of its canonical name."""
    return f"{type_.lower()}/{slug(name)}"


def content_hash(text: str) -> str:
    """Hex SHA-256 of the normalised text (NFC, unified line ends, stripped)."""
    norm = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


class Minter:
    """Mints resource IRIs under a configurable base (default ``https://w3id.org/frtechkg/``)."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.resource = base + "resource/"
        self.entities_graph = NamedNode(self.resource + "graph/entities")

    def entity(self, key: str) -> NamedNode:
        """The IRI of an entity from its key."""
        return NamedNode(self.resource + key)

    def article(self, article_id: str) -> NamedNode:
        """The IRI of an article (also the IRI of its named graph).

        >>> Minter().article("000_5f6b052bc33bd45f").value
        'https://w3id.org/frtechkg/resource/article/000-5f6b052bc33bd45f'
        """
        return NamedNode(self.resource + "article/" + slug(article_id))

    def part(self, article: NamedNode, kind: str, *parts: object) -> NamedNode:
        """A deterministic IRI for a node inside an article (mention, evidence, quote, event).

        The local name hashes the parts, so the same extraction always gives the same IRI.
        """
        digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
        return NamedNode(f"{article.value}/{kind}/{digest}")

    def key_of(self, iri: str) -> str | None:
        """The entity key of an entity IRI minted here, or None."""
        if iri.startswith(self.resource) and not iri.startswith(self.resource + "article/"):
            return iri[len(self.resource):]
        return None
