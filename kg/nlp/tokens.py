"""Token lookups read on spaCy's attribute arrays instead of Token objects.

Scanning every token of an article for a word list makes a Token object per token (and its
``lower_``/``lemma_`` strings): that was most of kg's component time. Each distinct string of
the doc is tested once here, and only the matching positions come back.
"""

from __future__ import annotations

from typing import Callable

import numpy
from spacy.tokens import Doc


# test → (hashes tested, hashes that passed). A string's hash is the same in every doc and
# vocab, so a verdict holds for the whole process; looking strings up in the StringStore costs
# as much as making the Token objects. Tests must be long-lived callables (module functions,
# bound methods of loaded word sets): the cache is keyed by the callable.
_KNOWN: dict[Callable[[str], object], tuple[set[int], set[int]]] = {}
_MAX_SEEN = 500_000  # strings remembered per test before starting over (keeps memory flat)
_FEW = 8  # up to this many matching strings, positions are found with numpy comparisons


def positions(doc: Doc, attr: int, test: Callable[[str], object]) -> list[int]:
    """Indices, in order, of the tokens whose ``attr`` string (``spacy.attrs.LOWER``,
    ``LEMMA``, ``ORTH``…) passes ``test``; each distinct string is tested once per process.

    >>> import spacy
    >>> from spacy.attrs import LOWER
    >>> positions(spacy.blank("fr")("Le groupe et le Groupe."), LOWER, {"groupe"}.__contains__)
    [1, 4]
    """
    column = _column(doc, attr)
    hits = _passed(doc, column, test) & column.distinct
    if not hits:
        return []
    if len(hits) > _FEW:
        return [i for i, h in enumerate(column.hashes) if h in hits]
    # Word lists match few distinct strings: a comparison of the whole column per string.
    found = iter(hits)
    mask = column.array == next(found)
    for h in found:
        mask |= column.array == h
    return numpy.flatnonzero(mask).tolist()


def flags(doc: Doc, attr: int, test: Callable[[str], object]) -> list[bool]:
    """``test`` of each token's ``attr`` string, one bool per token (see :func:`positions`)."""
    column = _column(doc, attr)
    passed = _passed(doc, column, test)
    return [h in passed for h in column.hashes]


class _Column:
    """One token attribute of a doc: its hashes (numpy and list, in token order) and the set
    of distinct ones."""

    __slots__ = ("array", "hashes", "distinct")

    def __init__(self, array: numpy.ndarray) -> None:
        self.array = array
        self.hashes = array.tolist()
        self.distinct = set(self.hashes)


def _column(doc: Doc, attr: int) -> _Column:
    """The doc's ``attr`` column, read once per doc: kg's components scan the same LOWER
    column for several word lists. Kept in ``doc.user_data`` with the token count it was read
    for (a doc retokenised afterwards is read anew)."""
    key = ("kg_column", attr)
    cached = doc.user_data.get(key)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    column = _Column(doc.to_array(attr) if len(doc) else numpy.zeros(0, dtype="uint64"))
    doc.user_data[key] = (len(doc), column)
    return column


def _passed(doc: Doc, column: _Column, test) -> set[int]:
    """The hashes known to pass ``test``, after testing the strings of ``column`` not yet seen."""
    known = _KNOWN.get(test)
    if known is None or len(known[0]) > _MAX_SEEN:
        known = _KNOWN[test] = (set(), set())
    tested, passed = known
    new = column.distinct - tested
    if new:
        strings = doc.vocab.strings
        tested |= new
        passed.update(h for h in new if test(strings[h]))
    return passed
