"""Which language an article is written in, before any NLP runs (py3langid, model in the wheel).

kg's pipeline and rules are French: an English press release or a German page dropped into the
corpus folder would yield nonsense facts, so ingest skips it with a warning. Only a confident
verdict on enough text skips an article; a headline-sized text is given the benefit of the doubt.
"""

from __future__ import annotations

from functools import lru_cache

# Below this many characters the classifier guesses; the article is then assumed French.
MIN_CHARS = 100
# The verdict must be this sure (normalised probability) before an article is skipped.
MIN_PROBABILITY = 0.9
# The opening of an article decides: enough for a sure verdict, cheap on very long texts.
SAMPLE_CHARS = 5000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text``'s language and the classifier's probability.

    >>> detect("Le constructeur canadien a annoncé une panne de ses serveurs en Europe.")[0]
    'fr'
    """
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def foreign_language(text: str, accepted: tuple[str, ...]) -> str | None:
    """The language of ``text`` when it is surely not one of ``accepted``, else None.

    >>> foreign_language("Apple announced record iPhone sales on Tuesday, beating every "
    ...                  "analyst's expectations for the quarter, and said demand in China "
    ...                  "stayed strong despite the slowdown of the wider smartphone market.", ("fr",))
    'en'
    """
    if not accepted or len(text.strip()) < MIN_CHARS:
        return None
    lang, prob = detect(text)
    if lang in accepted or prob < MIN_PROBABILITY:
        return None
    return lang
