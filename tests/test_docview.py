"""DocView's token columns read on the doc's arrays say what the Token attributes say."""

from __future__ import annotations

from pathlib import Path

from kg.extract.context import DocView
from kg.nlp import annotate
from kg.nlp.resources import fold

SEED = Path("/work/shared/seed/000_5f6b052bc33bd45f.txt")
TEXT = ("L’Autorité de la concurrence a infligé une amende à Google.\n"
        "Le PDG de Research In Motion, Thorsten Heins, a présenté le BlackBerry 10 à Orlando.")


def test_columns_match_token_attributes(nlp):
    texts = [TEXT, SEED.read_text(encoding="utf-8")] if SEED.exists() else [TEXT]
    docs = list(annotate(nlp, ((t, None) for t in texts)))
    for doc in docs:
        for _ in range(2):  # the second view reads the strings decoded for the first
            view = DocView(doc)
            assert view.texts == [t.text for t in doc]
            assert view.lowers == [t.lower_ for t in doc]
            assert view.lemmas == [t.lemma_.lower() for t in doc]
            assert view.pos == [t.pos_ for t in doc]
            assert view.deps == [t.dep_ for t in doc]
            assert view.heads == [t.head.i for t in doc]
            assert view.folded_lowers == [fold(t.lower_) for t in doc]
            assert view.folded_lemmas == [fold(t.lemma_.lower()) for t in doc]
    first = DocView(docs[0])
    assert first.folded_lowers[:2] == ["l", "autorite"] and "PROPN" in first.pos
