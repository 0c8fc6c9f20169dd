"""The words quotes are read by: speech verbs (any inflection, accents folded) and the quote
cues of ``lexicon.json`` (person and organisation nouns, spokespersons, outlets, skip words)."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.nlp.resources import fold, lex, lexicon

PRONOUN = {"il", "elle", "-il", "-elle", "-t-il", "-t-elle", "t-il", "t-elle"}
EUPHONIC = {"-t", "-t-", "t"}  # "a-t-il" is tokenised "a", "-t", "-il"
IMPERSONAL = {"-on", "-t-on", "t-on"}  # "indique-t-on chez Orange", "peut-on lire dans …"
OBJ_PRONOUN = {"lui", "elle", "eux", "elles"}
SPEAKERS = ("Person", "Organization")
PREPS = {"à", "au", "aux", "sur", "dans", "lors", "en", "devant", "auprès", "chez", "via",
         "pendant", "depuis", "après", "avant", "face", "par", "pour", "de", "du", "des", "d'", "d’"}
DET = {"le", "la", "l'", "l’", "les", "un", "une", "son", "sa", "ses", "ce", "cet", "cette", "leur"}
SELON = {"selon", "d'après", "d’après"}
ANONYMOUS = ""  # a speaker the text names but we cannot (or must not) resolve: no fallback


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The ``quote_cues`` word lists of ``lexicon.json``."""
    raw = lexicon()["quote_cues"]
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@lru_cache(maxsize=None)
def folded_cues(kind: str) -> frozenset[str]:
    """The ``kind`` quote cues with accents and case folded, to compare with folded labels."""
    return frozenset(fold(w) for w in cues()[kind])


@lru_cache(maxsize=1)
def _speech_forms() -> frozenset[str]:
    """Speech verbs and their forms, accents folded ("tempère" matches "tempérer")."""
    return frozenset(fold(v) for v in lex().speech_verbs)


def speech_verb(tok: Token) -> bool:
    """A speech verb in any form ("a déclaré", "tempère", "estimant"), or the first word of a
    multi-word one ("met en garde")."""
    verbs = lex().speech_verbs
    if tok.lemma_.lower() in verbs or tok.lower_ in verbs:
        return True
    if tok.lower_ == "savoir" and tok.i > 0 and _opens(tok.nbor(-1), "faire"):
        return True  # "a fait savoir X"
    # Every -er verb's -e form is in the lexicon's inflections ("tempère" for "tempérer").
    return fold(tok.text) in _speech_forms() or phrase_rest(tok) > 0


# Forms of the first verbs of multi-word speech verbs, which the tagger often leaves as their
# own lemma or reads as a noun ("», fait savoir l'ACMA": "fait" NOUN).
_PHRASE_FORMS = {"mettre": {"met", "mettent", "mis", "mettait"},
                 "faire": {"fait", "font", "faisait"}}


@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word speech verbs of the lexicon by their first word: "mettre" → (("en", "garde"),)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for verb in lex().speech_verbs:
        first, *rest = verb.split()
        if rest and not first.endswith("'") and first != "se":
            out.setdefault(first, []).append(tuple(rest))
    return {k: tuple(v) for k, v in out.items()}


def _opens(tok: Token, first: str) -> bool:
    return tok.lemma_.lower() == first or tok.lower_ in _PHRASE_FORMS.get(first, ())


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Every form that may open a multi-word speech verb (first words and their forms)."""
    return frozenset(_phrases()) | frozenset(f for k in _phrases() for f in _PHRASE_FORMS.get(k, ()))


def phrase_rest(tok: Token) -> int:
    """How many words follow ``tok`` in the multi-word speech verb it opens ("met" of "met en
    garde": 2), 0 when it opens none."""
    if tok.lower_ not in _openers() and tok.lemma_.lower() not in _openers():
        return 0
    doc = tok.doc
    for first, tails in _phrases().items():
        if not _opens(tok, first):
            continue
        for tail in tails:
            end = tok.i + 1 + len(tail)
            if end <= len(doc) and tuple(t.lower_ for t in doc[tok.i + 1:end]) == tail:
                return len(tail)
    return 0


def selon_width(toks: list[Token], i: int) -> int:
    """Tokens the source cue at ``i`` spans: 1 for "selon", 2 for "d'après" (which the
    tokenizer splits into "d'" and "après"), 0 when there is none."""
    if toks[i].lower_ in SELON:
        return 1
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return 2 if nxt is not None and toks[i].lower_ in ("d'", "d’") and nxt.lower_ == "après" else 0


def has_cue(tok: Token, kind: str) -> bool:
    """``tok`` (or its lemma) is one of the ``kind`` quote cues."""
    words = cues()[kind]
    return tok.lower_ in words or tok.lemma_.lower() in words
