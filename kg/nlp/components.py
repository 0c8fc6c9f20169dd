"""kg's spaCy components. Each is a factory with a default config and writes ``Doc._.kg_*``."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.coref import resolve_descriptions
from kg.nlp.dates import find_dates
from kg.nlp.doctext import doc_text
from kg.nlp.entities import resolve_names

for _name, _default in (
    ("kg_pubdate", None),
    ("kg_mentions", None),
    ("kg_entities", None),
    ("kg_facts", None),
    ("kg_dates", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, intertitles and paragraphs never run together."""
    for i in _paragraph_starts(doc):
        doc[i].is_sent_start = True
    return doc


def _paragraph_starts(doc: Doc) -> set[int]:
    """Tokens after a token holding a line break, and tokens starting with one that are glued
    to the token before. Read on the token-attribute arrays (a Token object per token cost
    more than the rest of the component); spaCy's tokenizer makes every run of whitespace but a
    single space a token of its own, so only space tokens can hold a line break."""
    arr = doc.to_array([ORTH, SPACY, IS_SPACE])
    strings = doc.vocab.strings
    starts: set[int] = set()
    last = len(doc) - 1
    for i in numpy.flatnonzero(arr[:, 2]).tolist():
        text = strings[int(arr[i, 0])]
        if "\n" not in text:
            continue
        if i < last:
            starts.add(i + 1)
        if i > 0 and not arr[i - 1, 1] and text.startswith("\n"):
            starts.add(i)
    return starts


@Language.factory("kg_entities", default_config={})
def make_entities(nlp: Language, name: str) -> "EntityResolver":
    return EntityResolver()


class EntityResolver:
    """Types and links entity mentions, then resolves descriptions and pronouns to them."""

    def __call__(self, doc: Doc) -> Doc:
        mentions, entities = resolve_names(doc)
        extra, facts = resolve_descriptions(doc, mentions, entities)
        doc._.kg_mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))
        doc._.kg_entities = entities
        doc._.kg_facts = facts
        return doc


@Language.component("kg_dates")
def dates(doc: Doc) -> Doc:
    """Date expressions, resolved against ``doc._.kg_pubdate``, as (start, end, value) chars."""
    doc._.kg_dates = find_dates(doc_text(doc), doc._.kg_pubdate)
    return doc
