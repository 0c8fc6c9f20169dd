"""kg's spaCy components. Each is a factory with a default config and writes ``Doc._.kg_*``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.coref import resolve_descriptions
from kg.nlp.dates import find_dates
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
    for tok in doc[:-1]:
        if "\n" in tok.text or (tok.is_space and "\n" in tok.text_with_ws):
            doc[tok.i + 1].is_sent_start = True
        elif tok.whitespace_ == "" and tok.i + 1 < len(doc) and doc[tok.i + 1].text.startswith("\n"):
            doc[tok.i + 1].is_sent_start = True
    return doc


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
    doc._.kg_dates = find_dates(doc.text, doc._.kg_pubdate)
    return doc
