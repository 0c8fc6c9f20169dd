"""The plain spaCy baseline: the model's own entities, typed by label, nothing else.

What kg's evaluation compares itself with: no gazetteer, no cleaning, no aliases, no
coreference, no relations, quotes or events.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.model import Article, Entity, Extraction, Mention
from kg.vocab import entity_key

LABEL_TYPE = {"PER": "Person", "ORG": "Organization", "LOC": "Place", "MISC": "Product"}


def extract_baseline(doc: Doc, article: Article) -> Extraction:
    """Entities and mentions straight from ``doc.ents``."""
    entities: dict[str, Entity] = {}
    mentions = []
    for ent in doc.ents:
        typ = LABEL_TYPE.get(ent.label_)
        text = ent.text.strip()
        if typ is None or not text:
            continue
        key = entity_key(typ, text)
        entities.setdefault(key, Entity(key, text, typ))
        mentions.append(Mention(ent.start_char, ent.end_char, ent.text, key))
    return Extraction(article=article, entities=tuple(entities.values()), mentions=tuple(mentions))
