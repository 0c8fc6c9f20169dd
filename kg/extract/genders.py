"""The gender a text gives a person by the role noun it sets beside the name ("X, vice-présidente
de Y", "la directrice financière, X"), for names whose first name we do not know."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.speech import cues

_FEM_DET = {"la", "une", "cette", "sa"}
_MASC_DET = {"le", "un", "ce", "cet", "son"}


def noun_gender(word: str) -> str | None:
    """"présidente" → Fem, "président" → Masc, "analyste" → None: a role noun of the quote cues
    whose other-gender form is also one (an epicene noun gives nothing)."""
    nouns = cues()["person_nouns"]
    w = word.lower()
    if w not in nouns:
        return None
    masc = {w[:-1], w[:-2], w[:-4] + "eur"} if len(w) > 4 else set()
    fem = {w + "e", w + "ne", w[:-3] + "rice", w[:-3] + "euse"}
    if w.endswith(("e", "rice", "euse")) and masc & nouns:
        return "Fem"
    if fem & nouns:
        return "Masc"
    return None


def _phrase_gender(toks: list[Token]) -> str | None:
    """The gender of the first role noun of a phrase, its determiner first."""
    for k, t in enumerate(toks):
        gender = noun_gender(t.text)
        if gender is None and t.lower_ in cues()["person_nouns"] and k and toks[k - 1].lower_ in _FEM_DET | _MASC_DET:
            gender = "Fem" if toks[k - 1].lower_ in _FEM_DET else "Masc"  # "la ministre"
        if gender is not None:
            return gender
    return None


def apposed_gender(tokens: list[Token], start: int, end: int) -> str | None:
    """The gender of the role noun set off by a comma right after the name tokens
    ``[start, end)`` ("X, vice-présidente de …") or right before it ("la directrice, X")."""
    n = len(tokens)
    if end + 1 < n and tokens[end].text == ",":
        after = []
        for t in tokens[end + 1:end + 5]:
            if t.is_punct or "\n" in t.text:
                break
            after.append(t)
        gender = _phrase_gender(after)
        if gender:
            return gender
    if start > 1 and tokens[start - 1].text == ",":
        before = []
        for t in reversed(tokens[max(0, start - 9):start - 1]):
            if t.is_punct or "\n" in t.text or t.pos_ in ("VERB", "AUX"):
                break
            before.insert(0, t)
        return _phrase_gender(before)
    return None
