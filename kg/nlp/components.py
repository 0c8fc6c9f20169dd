"""kg's spaCy components. Each is a factory with a default config and writes ``Doc._.kg_*``."""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_TYPE, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from kg.nlp.coref import resolve_descriptions
from kg.nlp.dates import find_dates
from kg.nlp.doctext import doc_text
from kg.nlp.entities import resolve_names

for _name, _default in (
    ("kg_pubdate", None),
    ("kg_mentions", None),
    ("kg_entities", None),
    ("kg_facts", None),
    ("kg_dates", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.factory("kg_gazetteer", default_config={
    "phrase_matcher_attr": None,
    "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
    "validate": False,
    "overwrite_ents": False,
    "ent_id_sep": "||",
    "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
})
def make_gazetteer(nlp: Language, name: str, *, phrase_matcher_attr, matcher_fuzzy_compare,
                   validate: bool, overwrite_ents: bool, ent_id_sep: str,
                   scorer) -> "GazetteerRuler":
    return GazetteerRuler(nlp, name, phrase_matcher_attr=phrase_matcher_attr,
                          matcher_fuzzy_compare=matcher_fuzzy_compare, validate=validate,
                          overwrite_ents=overwrite_ents, ent_id_sep=ent_id_sep, scorer=scorer)


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler (the same matches, the same entities) without the per-doc work
    that phrase patterns alone do not need: ``len(self)``, which sums the ~2,000 pattern lists
    on every doc only to warn when there are none; the empty token Matcher under a warnings
    filter; a Token per matched token to look for entities a doc without any cannot have."""

    def match(self, doc: Doc):
        """The phrase matches, longest first, then leftmost (as :meth:`EntityRuler.match`)."""
        if self.token_patterns:
            return super().match(doc)
        # Built from the same sequence as the parent's set, so ties sort the same way.
        final = {(m_id, start, end) for m_id, start, end in self.phrase_matcher(doc)
                 if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc: Doc, matches) -> None:
        """Matches as entities, as the parent does, when the doc has no entity yet; a match
        inside a run of capitalised words is held back (see :func:`_inside_name`)."""
        held = [m for m in matches if _inside_name(doc, m[1], m[2])]
        if held:
            doc.spans[HELD] = [Span(doc, s, e, label=self._ent_ids[m][0], span_id=self._ent_ids[m][1])
                               if m in self._ent_ids else Span(doc, s, e, label=m)
                               for m, s, e in held]
            matches = [m for m in matches if m not in held]
        if self.overwrite or doc.ents or doc.to_array(ENT_TYPE).any():
            return super().set_annotations(doc, matches)
        entities: list[Span] = []
        taken: set[int] = {i for _, s, e in held for i in range(s, e)}
        for match_id, start, end in matches:
            if start in taken or end - 1 in taken:
                continue
            if match_id in self._ent_ids:
                label, ent_id = self._ent_ids[match_id]
                span = Span(doc, start, end, label=label, span_id=ent_id)
            else:
                span = Span(doc, start, end, label=match_id)
            entities.append(span)
            taken.update(range(start, end))
        doc.ents = entities


HELD = "kg_gazetteer_held"


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """A gazetteer name between two capitalised words inside a sentence is part of a longer
    name ("Kelly Bayer Rosmarin", a person): left to the statistical model, and given back
    by :func:`restore_held` only where the model finds no entity over it."""
    if start < 2 or end >= len(doc):
        return False
    before, after = doc[start - 1], doc[end]
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in (before, after)) \
        and not before.is_sent_start and doc[start - 2].text not in ".!?:«\"“"


def restore_held(doc: Doc) -> None:
    """Gazetteer matches held back by the ruler become entities where the model put none."""
    held = doc.spans.get(HELD)
    if not held:
        return
    free = [s for s in held if all(t.ent_iob_ in ("O", "") for t in s)]
    if free:
        doc.set_ents(free, default="unmodified")


# A word that starts a sentence is not a sentence of its own: the parser cut "Georges |
# -Olivier Reymond compte…" after a full stop. So no sentence starts on a token glued to a
# sentence-initial word. (Forbidding starts after any glued token also mended mid-sentence
# cuts, "Metro-Goldwyn | -Mayer", "UFC | - | Que Choisir", but the relation and event rules
# read the fragments better than the mended sentences' parses; after any word or comma, more
# so: more FPs there.)
_MAY_END = (".", "!", "?", "…", ":", ";", "»", "”", '"', ")", "]")
_FINAL = (".", "!", "?", "…")
_NOT_START = numpy.uint64(2 ** 64 - 1)  # -1 in the SENT_START column: "not a start"


@Language.component("kg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, intertitles and paragraphs never run together;
    and no sentence starts after a token that cannot end one."""
    starts = _paragraph_starts(doc)
    if doc.has_annotation("DEP"):  # after the parser: let Token's setter raise its error
        for i in starts:
            doc[i].is_sent_start = True
        return doc
    # Written as one column: Token.is_sent_start's setter checks the whole doc for a parse on
    # every call (~9 us per paragraph, most of this component's time).
    held = _no_start(doc) if len(doc) > 1 else numpy.zeros(0, dtype=bool)
    if not starts and not held.any():
        return doc
    column = doc.to_array([SENT_START])
    column[1:][held] = _NOT_START
    column[sorted(starts)] = 1
    doc.from_array([SENT_START], column)
    return doc


_ENDINGS: dict[int, tuple[bool, bool, bool]] = {}  # orth id -> (may end, ends, starts with "-")


def _no_start(doc: Doc) -> numpy.ndarray:
    """Per token but the first: True where no sentence may start: a hyphenated piece glued to
    a sentence-initial word that cannot end a sentence ("Georges | -Olivier"). Only there: each
    position marked so costs the parser time on the whole doc. Each spelling is read once."""
    arr = doc.to_array([ORTH, SPACY, IS_SPACE])
    strings, known = doc.vocab.strings, _ENDINGS
    n = len(doc)
    out = numpy.zeros(max(n - 1, 0), dtype=bool)
    orths, spaced, space = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist()
    verdicts = []
    for o in orths:
        v = known.get(o)
        if v is None:
            text = strings[o]
            v = known[o] = (text.endswith(_MAY_END), text.endswith(_FINAL), text.startswith(("-", "‑")))
        verdicts.append(v)
    start = True
    for i in range(n - 1):
        v = verdicts[i]
        if start and not spaced[i] and not v[0] and verdicts[i + 1][2]:
            out[i] = True
        start = v[1] or space[i] == 1
    return out


def _paragraph_starts(doc: Doc) -> set[int]:
    """Tokens after a token holding a line break, and tokens starting with one that are glued
    to the token before. Read on the token-attribute arrays (a Token object per token cost
    more than the rest of the component); spaCy's tokenizer makes every run of whitespace but a
    single space a token of its own, so only space tokens can hold a line break."""
    arr = doc.to_array([ORTH, SPACY, IS_SPACE])
    strings = doc.vocab.strings
    starts: set[int] = set()
    last = len(doc) - 1
    for i in numpy.flatnonzero(arr[:, 2]).tolist():
        text = strings[int(arr[i, 0])]
        if "\n" not in text:
            continue
        if i < last:
            starts.add(i + 1)
        if i > 0 and not arr[i - 1, 1] and text.startswith("\n"):
            starts.add(i)
    return starts


@Language.factory("kg_entities", default_config={})
def make_entities(nlp: Language, name: str) -> "EntityResolver":
    return EntityResolver()


class EntityResolver:
    """Types and links entity mentions, then resolves descriptions and pronouns to them."""

    def __call__(self, doc: Doc) -> Doc:
        restore_held(doc)
        mentions, entities = resolve_names(doc)
        extra, facts = resolve_descriptions(doc, mentions, entities)
        doc._.kg_mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))
        doc._.kg_entities = entities
        doc._.kg_facts = facts
        return doc


@Language.component("kg_dates")
def dates(doc: Doc) -> Doc:
    """Date expressions, resolved against ``doc._.kg_pubdate``, as (start, end, value) chars."""
    doc._.kg_dates = find_dates(doc_text(doc), doc._.kg_pubdate)
    return doc
