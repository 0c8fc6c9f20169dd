"""Token lookups read on spaCy's attribute arrays instead of Token objects.

Scanning every token of an article for a word list makes a Token object per token (and its
``lower_``/``lemma_`` strings): that was most of kg's component time. Each distinct string of
the doc is tested once here, and only the matching positions come back.
"""

from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc


# test → {string hash → verdict}. A string's hash is the same in every doc and vocab, so a
# verdict holds for the whole process; looking strings up in the StringStore costs as much as
# making the Token objects. Tests must be long-lived callables (module functions, bound methods
# of loaded word sets): the cache is keyed by the callable.
_SEEN: dict[Callable[[str], object], dict[int, bool]] = {}
_MAX_SEEN = 500_000  # strings remembered per test before starting over (keeps memory flat)


def positions(doc: Doc, attr: int, test: Callable[[str], object]) -> list[int]:
    """Indices, in order, of the tokens whose ``attr`` string (``spacy.attrs.LOWER``,
    ``LEMMA``, ``ORTH``…) passes ``test``; each distinct string is tested once per process.

    >>> import spacy
    >>> from spacy.attrs import LOWER
    >>> positions(spacy.blank("fr")("Le groupe et le Groupe."), LOWER, {"groupe"}.__contains__)
    [1, 4]
    """
    hashes, seen = _verdicts(doc, attr, test)
    return [i for i, h in enumerate(hashes) if seen[h]]


def flags(doc: Doc, attr: int, test: Callable[[str], object]) -> list[bool]:
    """``test`` of each token's ``attr`` string, one bool per token (see :func:`positions`)."""
    hashes, seen = _verdicts(doc, attr, test)
    return [seen[h] for h in hashes]


def _verdicts(doc: Doc, attr: int, test) -> tuple[list[int], dict[int, bool]]:
    """The doc's ``attr`` hashes and the verdicts of ``test``, known for every one of them."""
    seen = _SEEN.setdefault(test, {})
    if len(seen) > _MAX_SEEN:
        seen.clear()
    hashes = doc.to_array(attr).tolist() if len(doc) else []
    strings = doc.vocab.strings
    for h in set(hashes).difference(seen):
        seen[h] = bool(test(strings[h]))
    return hashes, seen
