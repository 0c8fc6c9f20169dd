"""Results told for several organisations in one sentence: a market ranking ("Samsung reste
numéro un avec 20 %, devant Apple (17 %) et Xiaomi (14 %)"; "devant Apple, crédité de 18,8 %")
or a comparison ("60 millions de smartphones, contre 50 millions pour Apple")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import DocView
from kg.nlp.resources import fold

# shares of a market: "20 % de parts de marché", "14 % des livraisons" are no cap on revenue
SHARE_TRIGGERS = {"part de marche", "parts de marche", "du marche", "livraisons", "livrees", "ventes"}
_CREDITED = {"credite", "creditee", "credites", "creditees"}


def _is_figure(tokens: list[Token]) -> bool:
    """The tokens start with a figure: a number and its unit ("17 %", "50 millions")."""
    return len(tokens) >= 2 and tokens[0].like_num and (tokens[1].text == "%" or fold(tokens[1].lower_) in (
        "millions", "million", "milliards", "milliard"))


def _figure(tokens: list[Token]) -> str:
    """The figure's text: "17 %", "50 millions"."""
    return f"{tokens[0].text} {tokens[1].text}"


def ranked_orgs(view: DocView, sent: Span) -> dict[str, str | None]:
    """Organisations given their own figure in the sentence, with that figure: "Apple (17 %)",
    "Apple, crédité de 18,8 %", "contre 50 millions pour Apple" (its figure: unknown here)."""
    found: dict[str, str | None] = {}
    toks = list(sent)
    for n, t in enumerate(toks):
        key = view.ent_of(t, "Organization")
        if key is None or (n + 1 < len(toks) and view.ent_of(toks[n + 1], "Organization") == key):
            continue  # read each name at its last word
        after = toks[n + 1:n + 6]
        words = [x.text if x.is_punct else fold(x.lower_) for x in after]
        fig = after[1:] if words[:1] == ["("] else (
            after[3:] if words[2:3] and words[2] in ("de", "d'", "d’") else after[2:])
        own = (words[:1] == ["("] or (words[:1] == [","] and len(words) > 2 and words[1] in _CREDITED)) \
            and _is_figure(fig)
        if own:
            found.setdefault(key, _figure(fig))
        elif n > 0 and fold(toks[n - 1].lower_) == "pour":  # "contre 50 millions pour Apple"
            window = toks[max(0, n - 7):n - 1]
            if any(fold(x.lower_) == "contre" for x in window) and any(x.like_num for x in window):
                found.setdefault(key, None)
    return found
