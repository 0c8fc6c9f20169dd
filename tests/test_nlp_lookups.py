"""kg's fast token lookups give what the plain per-token reading gives: paragraph breaks read on
the attribute arrays, word positions read once per distinct string, the shared doc text, and
the date patterns skipped when their words are absent. Texts are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.attrs import LEMMA, LOWER, ORTH

from kg.nlp.components import _paragraph_starts
from kg.nlp.dates import find_dates
from kg.nlp.doctext import doc_text
from kg.nlp.tokens import flags, positions

TEXTS = [
    "Titre de l'article\n\nLe groupe a annoncé lundi un accord.\nLa suite demain.",
    "Intertitre\n \nUn paragraphe  avec deux espaces.\n\n\nFin",
    "\nCommence par un saut.\tPuis une tabulation\n",
    "Pas de saut de ligne du tout.",
    "",
]


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("fr")


def _starts_per_token(doc) -> set[int]:
    """The rule read token by token: the reference the array version must match."""
    out = set()
    for tok in doc[:-1]:
        if "\n" in tok.text:
            out.add(tok.i + 1)
        elif tok.whitespace_ == "" and doc[tok.i + 1].text.startswith("\n"):
            out.add(tok.i + 1)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_paragraph_starts_match_the_per_token_rule(blank, text):
    doc = blank(text)
    assert _paragraph_starts(doc) == _starts_per_token(doc)


def test_a_line_break_starts_the_next_sentence(blank):
    # The break glued to "Titre" starts a sentence of its own; the paragraph starts after it.
    doc = blank("Titre\n\nLe groupe a annoncé un accord.")
    assert [t.text for t in doc if t.i in _paragraph_starts(doc)] == ["\n\n", "Le"]


@pytest.mark.parametrize("text", TEXTS)
def test_positions_match_reading_every_token(blank, text):
    doc = blank(text)
    words = frozenset({"le", "groupe", "la", "un"})
    assert positions(doc, LOWER, words.__contains__) == [t.i for t in doc if t.lower_ in words]
    assert flags(doc, ORTH, str.istitle) == [t.text.istitle() for t in doc]


def test_positions_read_lemmas(nlp):
    doc = nlp("Les opérateurs ont baissé leurs prix ; l'opérateur historique aussi.")
    found = positions(doc, LEMMA, frozenset({"opérateur"}).__contains__)
    assert [doc[i].text for i in found] == ["opérateurs", "opérateur"]


def test_doc_text_is_the_doc_text_and_follows_a_retokenised_doc(blank):
    doc = blank("Le groupe Zoupla a annoncé un accord.")
    assert doc_text(doc) == doc.text
    with doc.retokenize() as retok:
        retok.merge(doc[1:3])
    assert doc_text(doc) == doc.text


PUB = dt.date(2013, 5, 6)


@pytest.mark.parametrize("text, expected", [
    ("AU PREMIER TRIMESTRE 2013, les ventes ont baissé.", ["2013-Q1"]),
    ("Le Printemps 2012 fut calme, puis vint l'été.", ["2012"]),
    ("Un accord signé en 2010. Deux ans plus tard, il expire.", ["2010", "2012"]),
    ("Le groupe a publié ses comptes.", []),
    # "ſ" matches "s" for the regex module but not for str.lower(): every pattern runs.
    ("Le ſemestre s'achève ; au deuxième trimestre 2012 la marge a progressé.", ["2012-Q2"]),
])
def test_date_patterns_skipped_only_when_they_cannot_match(text, expected):
    assert [v for _, _, v in find_dates(text, PUB)] == expected


@pytest.mark.parametrize("text", ["Réunion à İzmir le 3 MARS 2012, puis L’AN DERNIER.",
                                  "Réunion à Paris le 3 MARS 2012, puis L’AN DERNIER."])
def test_date_offsets_point_into_the_original_text(text):
    # "İ" lower-cases to two characters: that text is read as written, offsets unmoved.
    found = find_dates(text, PUB)
    assert [(text[s:e], v) for s, e, v in found] == [("3 MARS 2012", "2012-03-03"),
                                                     ("L’AN DERNIER", "2012")]


def test_world_knowledge_classes_name_gazetteer_organisations_and_class_groups():
    from kg.nlp.org_classes import _classes, gazetteer_classes, known_classes
    from kg.nlp.resources import gazetteer

    known = known_classes()
    entries = gazetteer().entries
    groups = set(_classes().values())
    assert len(known) > 300
    for key, classes in known.items():
        assert key in entries and entries[key].type == "Organization", key
        assert classes and classes <= groups, (key, classes)
    assert {"operateur"} <= gazetteer_classes("organization/verizon")
    assert gazetteer_classes("organization/nvidia") >= {"constructeur"}
    # nickname classes still count ("le gendarme des télécoms")
    assert "regulateur" in gazetteer_classes("organization/arcep")
