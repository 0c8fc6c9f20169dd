"""Pure functions from an annotated Doc to records: entities, mentions, relations, quotes, events."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.context import DocView
from kg.extract.events import extract_events
from kg.extract.quotes import extract_quotes
from kg.extract.relations import extract_relations
from kg.model import Article, Entity, Extraction, Mention


# A description read after a preposition keeps its article, not the contraction: "du
# constructeur canadien" is listed as "le constructeur canadien".
_CONTRACTED = re.compile(r"^(?:(du|au)|(des|aux)|(?:de|à) (la|l['’]))\s*", re.I)


def alias_form(text: str) -> str:
    """A surface form as an alias: a leading contracted article restored.

    >>> alias_form("du constructeur canadien"), alias_form("de l'opérateur"), alias_form("RIM")
    ('le constructeur canadien', "l'opérateur", 'RIM')
    """
    m = _CONTRACTED.match(text)
    if not m:
        return text
    article = "le " if m.group(1) else "les " if m.group(2) else m.group(3).lower()
    if article == "la":
        article = "la "
    return article + text[m.end():]


def extract(doc: Doc, article: Article, min_confidence: float = 0.0) -> Extraction:
    """Everything kg extracts from one annotated article."""
    view = DocView(doc)
    mentions = []
    aliases: dict[str, dict[str, None]] = {}
    for m in doc._.kg_mentions or []:
        span = doc[m.start:m.end]
        mentions.append(Mention(span.start_char, span.end_char, span.text, m.key))
        if m.kind in ("name", "description"):
            aliases.setdefault(m.key, {})[alias_form(span.text)] = None
    # The speakers read the relations too ("le patron de X": the one X's relations name).
    relations = view.memo("relations", extract_relations) if not min_confidence \
        else extract_relations(view, min_confidence)
    quotes = extract_quotes(view)
    events = extract_events(view)
    used = {m.entity for m in mentions if m.entity in view.entities}
    for r in relations:
        used |= {r.subject, r.object}
    entities = []
    for key in sorted(used):
        e = view.entities[key]
        forms = tuple(f for f in {**dict.fromkeys(e.aliases), **aliases.get(key, {})} if f != e.label)
        entities.append(Entity(e.key, e.label, e.type, forms, e.qid))
    return Extraction(
        article=article,
        entities=tuple(entities),
        mentions=tuple(m for m in mentions if m.entity in view.entities),
        relations=tuple(relations),
        quotes=tuple(quotes),
        events=tuple(events),
    )
