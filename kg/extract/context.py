"""What every extractor needs from an annotated Doc: token → entity, sentences, modality."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS
from spacy.tokens import Doc, Span, Token

from kg.model import Entity
from kg.nlp.doctext import doc_text
from kg.nlp.pronouns import opening_subject
from kg.nlp.resources import fold, lex

# (attribute, conversion) → {hash: string}: a hash names the same string in every doc, and
# decoding it from the StringStore costs more than the rest of reading a column.
_DECODED: dict[tuple[int, Callable[[str], str] | None], dict[int, str]] = {}
_MAX_DECODED = 500_000  # strings remembered per column kind before starting over


def _fold_lower(text: str) -> str:
    return fold(text.lower())


@dataclass
class DocView:
    """Read-only helpers over an annotated Doc (extractors never mutate annotations)."""

    doc: Doc
    previous_speaker: str | None = None  # set by the quote extractor as it reads on

    def __post_init__(self) -> None:
        # spaCy's Token.sent and Span.sent walk the doc's sentences on every call (a third of
        # extraction time); with the sentences indexed once, the hooks answer in O(1).
        sents = self.sents
        index = [0] * len(self.doc)
        for n, sent in enumerate(sents):
            index[sent.start:sent.end] = [n] * (sent.end - sent.start)
        self.doc.user_token_hooks["sent"] = lambda tok: sents[index[tok.i]]
        self.doc.user_span_hooks["sent"] = lambda span: sents[index[span.start]]

    def memo(self, name: str, build: Callable[[DocView], Any]) -> Any:
        """``build(self)``, computed once per view: an extractor's per-document table."""
        cache = self.__dict__.setdefault("_memo", {})
        if name not in cache:
            cache[name] = build(self)
        return cache[name]

    @cached_property
    def tokens(self) -> list[Token]:
        """The doc's tokens, made once (spaCy builds a new Token object on every index)."""
        return list(self.doc)

    def _strings(self, attr: int, convert: Callable[[str], str] | None = None) -> list[str]:
        """Each token's string value of ``attr`` (what ``tok.lemma_``/``lower_``/``dep_`` give),
        ``convert``ed, read from the doc's array; each string is decoded once per process."""
        ids = self.doc.to_array([attr]).tolist()
        cache = _DECODED.setdefault((attr, convert), {})
        try:
            return [cache[h] for h in ids]
        except KeyError:
            pass
        if len(cache) > _MAX_DECODED:
            cache.clear()  # keeps memory flat on an endless stream of new words
        strings = self.doc.vocab.strings
        for h in set(ids).difference(cache):
            cache[h] = convert(strings[h]) if convert else strings[h]
        return [cache[h] for h in ids]

    @cached_property
    def lemmas(self) -> list[str]:
        """Each token's lemma, lower-cased (rules test it on every token: read once)."""
        return self._strings(LEMMA, convert=str.lower)

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's lower-cased text."""
        return self._strings(LOWER)

    @cached_property
    def texts(self) -> list[str]:
        """Each token's text (``tok.text``)."""
        return self._strings(ORTH)

    @cached_property
    def pos(self) -> list[str]:
        """Each token's coarse part of speech (``tok.pos_``)."""
        return self._strings(POS)

    @cached_property
    def folded_lowers(self) -> list[str]:
        """Each token's text folded (``fold(tok.lower_)``), for lexicon look-ups."""
        return self._strings(LOWER, convert=fold)

    @cached_property
    def folded_lemmas(self) -> list[str]:
        """Each token's lemma folded (``fold(tok.lemma_.lower())``)."""
        return self._strings(LEMMA, convert=_fold_lower)

    @cached_property
    def deps(self) -> list[str]:
        """Each token's dependency label."""
        return self._strings(DEP)

    @cached_property
    def heads(self) -> list[int]:
        """Each token's head index (a root is its own head), without making head Tokens."""
        return [i + rel for i, rel in enumerate(self.doc.to_array([HEAD]).view("int64").tolist())]

    @cached_property
    def text(self) -> str:
        """The doc's text, made once (spaCy joins every token's text on each ``doc.text``)."""
        return doc_text(self.doc)

    @cached_property
    def sents(self) -> list[Span]:
        """The doc's sentences, made once."""
        return list(self.doc.sents)

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return self.doc._.kg_entities or {}

    @cached_property
    def token_ent(self) -> list[str | None]:
        """The entity key each token belongs to (names win over descriptions and pronouns)."""
        out: list[str | None] = [None] * len(self.doc)
        order = {"name": 0, "apposition": 1, "description": 2, "demonym": 3, "generic": 4, "pronoun": 5}
        for m in sorted(self.doc._.kg_mentions or [], key=lambda m: -order.get(m.kind, 9)):
            for i in range(m.start, m.end):
                out[i] = m.key
        return out

    def key(self, tok: Token) -> str | None:
        return self.token_ent[tok.i]

    def type(self, key: str | None) -> str | None:
        e = self.entities.get(key) if key else None
        return e.type if e else None

    def ent_of(self, tok: Token, *types: str) -> str | None:
        """The entity of ``tok`` if it is one of ``types``."""
        key = self.token_ent[tok.i]
        if key and (not types or self.type(key) in types):
            return key
        return None

    def conjuncts(self, tok: Token, *types: str) -> list[str]:
        """Entities of ``tok`` and of the tokens coordinated with it ("iPhone et terminaux Android")."""
        out = []
        for t in (tok, *tok.conjuncts):
            inner = self._inner_token(t, *types) if not self.ent_of(t, *types) else t
            for u in (inner, *(inner.conjuncts if inner is not None and inner is not t else ())):
                key = self.ent_of(u, *types) if u is not None else None
                if key and key not in out:
                    out.append(key)
        return out

    def _inner_token(self, tok: Token, *types: str) -> Token | None:
        """The token of an entity directly inside a common-noun phrase ("terminaux Android",
        "la tablette PlayBook", "son rival, l'allemand Carpooling.com")."""
        for child in tok.children:
            if child.dep_ in ("appos", "flat:name", "nmod", "amod", "compound", "fixed") and child.i > tok.i:
                has_case = any(c.dep_ == "case" for c in child.children)
                if has_case:
                    continue
                if self.ent_of(child, *types):
                    return child
                if child.dep_ == "appos":
                    deeper = self._inner_token(child, *types)
                    if deeper is not None:
                        return deeper
        return None

    @cached_property
    def _salient(self) -> str | None:
        counts = Counter(
            m.key for m in self.doc._.kg_mentions or [] if self.type(m.key) == "Organization"
        )
        return counts.most_common(1)[0][0] if counts else None

    def salient_org(self) -> str | None:
        """The organisation the article mentions most (its main subject)."""
        return self._salient

    @cached_property
    def _subjects(self) -> list[tuple[int, str]]:
        """(sentence start, entity key) for each entity in subject position, in text order."""
        out = []
        token_ent, deps = self.token_ent, self.deps
        for sent in self.sents:
            for i in range(sent.start, sent.end):
                key = token_ent[i]
                if key and deps[i] in ("nsubj", "nsubj:pass"):
                    out.append((sent.start, key))
        return out

    @cached_property
    def _speaking_subjects(self) -> list[tuple[int, str]]:
        """``_subjects`` plus what a statement's description may stand for: a fronted topic
        ("Chez Dish, on …", "Pour X, …") and a name opening a sentence whose main verb the
        parser left without a subject ("Bouygues Telecom, qui …, s'est montré prudent"); each
        before its sentence's subjects (a stable sort keeps that order)."""
        openers = [(sent.start, key) for sent in self.sents if (key := self._opening_subject(sent))]
        return sorted(openers + self._subjects, key=lambda item: item[0])

    def _opening_subject(self, sent: Span) -> str | None:
        """The fronted topic or the unattached opening name of ``sent``, if any."""
        token_ent, toks = self.token_ent, self.tokens
        topic = toks[sent.start].lower_ in _TOPICS and sent.start + 1 < sent.end and token_ent[sent.start + 1]
        start = sent.start + 1 if topic else sent.start
        key = token_ent[start]
        if not key:
            return None
        end = start + 1
        while end < sent.end and token_ent[end] == key:
            end += 1
        if topic:
            # The parser sometimes ends the sentence at the topic's comma ("Chez Dish | , on …").
            return key if end < len(toks) and toks[end].text == "," else None
        return key if opening_subject(self.doc, start, end) else None

    def subject_before(self, tok: Token, *types: str, sentences: int = 2, topics: bool = False) -> str | None:
        """The latest entity of ``types`` in subject position within the ``sentences``
        sentences before ``tok``'s, the antecedent of a possessive ("Son grand rival");
        ``topics``: fronted topics and unattached opening names count (see ``_speaking_subjects``)."""
        starts = [s.start for s in self.sents if s.start < tok.sent.start][-sentences:]
        if not starts:
            return None
        for start, key in reversed(self._speaking_subjects if topics else self._subjects):
            if start < starts[0]:
                break
            if start < tok.sent.start and (not types or self.type(key) in types):
                return key
        return None


_TOPICS = {"chez", "pour", "côté"}  # "Chez X, on …": the organisation the sentence is about


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def is_negated(tok: Token) -> bool:
    """``ne … pas/jamais/plus/rien…`` on the verb or its auxiliaries.

    A bare ``ne`` is not a negation: "ne cesse de" (keeps on), "ne … que" (only).
    """
    neg = lex().negation
    for t in (tok, *[c for c in tok.children if c.dep_.startswith("aux") or c.dep_ == "cop"]):
        for child in t.children:
            if child.lower_ in neg and child.dep_ in ("advmod", "det", "nsubj", "obj", "cc"):
                return True
    return False


def is_question(sent: Span) -> bool:
    """The sentence ends with a question mark (read on its last tokens, not its joined text)."""
    for t in reversed(sent):
        if not t.is_space:
            return t.text.rstrip().endswith("?")
    return False


def is_hypothetical(tok: Token) -> bool:
    """Conditional or future mood, a question, or a modal/intent verb governing ``tok``."""
    weak = lex().weak_verbs
    if is_question(tok.sent):
        return True
    chain = [tok]
    head = tok
    while head.dep_ in ("xcomp", "ccomp", "acl", "advcl", "obj") and head.head is not head:
        head = head.head
        chain.append(head)
        if len(chain) > 4:
            break
    for t in chain:
        moods = t.morph.get("Mood")
        tenses = t.morph.get("Tense")
        aux = [c for c in t.children if c.dep_.startswith("aux")]
        if "Cnd" in moods or any("Cnd" in a.morph.get("Mood") for a in aux):
            return True
        if "Fut" in tenses or any("Fut" in a.morph.get("Tense") for a in aux):
            return True
        if t is not tok and _lemma(t) in weak:
            return True
        if any(_lemma(a) == "pouvoir" for a in aux):
            return True
    return False


def blocked(tok: Token) -> bool:
    """True when a trigger must not yield a fact: negated or hypothetical."""
    return is_negated(tok) or is_hypothetical(tok)
