"""Which language an article is written in, before any NLP runs (py3langid, model in the wheel).

kg's pipeline and rules are French: an English press release or a German page dropped into the
corpus folder would yield nonsense facts, so ingest skips it with a warning. Only a confident
verdict on enough text skips an article; a headline-sized text is given the benefit of the doubt.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Below this many characters the classifier guesses; the article is then assumed French.
MIN_CHARS = 100
# The verdict must be this sure (normalised probability) before an article is skipped.
MIN_PROBABILITY = 0.9
# The opening of an article decides: enough for a sure verdict, cheap on very long texts.
SAMPLE_CHARS = 5000


# Words frequent in French prose and rare as words of other languages. When they make up a
# large share of an article's opening, it is French and the classifier (whose model takes
# ~0.4 s to read and ~3 ms per article to run) is not needed; anything else goes to it.
_FRENCH_WORDS = frozenset("les des du est et dans pour qui sur aux avec pas sont ont cette ses "
                          "leur été être à où au ne nous vous également selon".split())
_WORD = re.compile(r"[^\W\d_]+")
# French news: 0.09–0.25 on our 647 articles; English, Spanish, Italian and German prose: 0.
FRENCH_SHARE = 0.06
FRENCH_SAMPLE_CHARS = 2000


def surely_french(text: str) -> bool:
    """Whether French function words make up at least FRENCH_SHARE of the opening's words.

    >>> surely_french("Le constructeur canadien a annoncé une panne de ses serveurs, qui a "
    ...               "privé les abonnés de leurs courriels pendant trois heures en Europe.")
    True
    >>> surely_french("Apple announced record iPhone sales on Tuesday, beating expectations.")
    False
    """
    words = _WORD.findall(text[:FRENCH_SAMPLE_CHARS].lower())
    hits = sum(1 for w in words if w in _FRENCH_WORDS)
    return len(words) >= 10 and hits >= FRENCH_SHARE * len(words)


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
    if "fr" in accepted and surely_french(text):
        return None
    lang, prob = detect(text)
    if lang in accepted or prob < MIN_PROBABILITY:
        return None
    return lang
