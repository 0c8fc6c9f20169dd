"""Frozen records passed between stages.

Every record keeps character offsets into ``Article.text`` so that each triple traces back to
its sentence. Entities are referred to by ``key`` (see :func:`kg.vocab.entity_key`), which is
stable across articles: the same key always mints the same IRI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Place", "Product")

PREDICATES = (
    "worksFor",
    "leads",
    "foundedBy",
    "madeBy",
    "basedIn",
    "subsidiaryOf",
    "acquired",
    "partnerOf",
    "competitorOf",
    "runsOn",
)
SYMMETRIC_PREDICATES = frozenset({"partnerOf", "competitorOf"})

EVENT_TYPES = ("Outage", "Layoff", "Acquisition", "ProductLaunch", "Funding", "Lawsuit", "Results")


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before any NLP.

    ``id`` is a stable identifier (file stem, the JSONL/CSV ``id``, or the page's canonical
    URL); ``text`` is the exact text that every offset refers to; ``title`` defaults to the
    first line of the text. ``author`` and ``site`` (the publisher's name) come from page or
    feed metadata; ``summary_only`` marks a feed item that carried only its summary;
    ``warnings`` are problems the reader worked around (e.g. a Windows-1252 file), one line
    each, for the caller to report.
    """

    id: str
    text: str
    title: str
    date: dt.date | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    author: str | None = None
    site: str | None = None
    summary_only: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity: one node in the graph, the same across articles."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    qid: str | None = None


@dataclass(frozen=True)
class Mention:
    """A surface form of an entity at ``[start, end)`` of the article text."""

    start: int
    end: int
    text: str
    entity: str  # Entity.key


@dataclass(frozen=True)
class Relation:
    """A typed relation between two entities, with the sentence that states it."""

    subject: str  # Entity.key
    predicate: str  # one of PREDICATES
    object: str  # Entity.key
    sentence: str
    start: int  # offsets of the sentence in the article text
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker and, when named, the outlet it was given to."""

    speaker: str  # Entity.key
    text: str
    start: int  # offsets of the quoted text (inside the quotation marks)
    end: int
    reported_by: str | None = None  # Entity.key
    rule: str = ""
    confidence: float = 0.8


@dataclass(frozen=True)
class Event:
    """An event of one of EVENT_TYPES, with its agent and, when known, date, place, quantity."""

    type: str
    agent: str  # Entity.key
    sentence: str
    start: int
    end: int
    date: str | None = None  # YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Qn
    place: str | None = None  # Entity.key
    quantity: str | None = None
    rule: str = ""
    confidence: float = 0.7


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article: what ``build`` turns into its named graph."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())
