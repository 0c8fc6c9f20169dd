"""Pronouns of coreference: subject "il"/"elle" and "ce dernier", "celle-ci"…

Subject "il"/"elle" stand for the subject organisation or person of the previous sentence (of
their own sentence in a dependent clause), impersonal "il faut", "il s'agit" for nothing; "ce
dernier", "cette dernière", "celui-ci", "celle-ci" for the latest organisation or person named
before them. Used by :mod:`kg.nlp.coref` after descriptions are resolved.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.nlp.entities import Ment
from kg.nlp.resources import lex
from kg.nlp.tokens import positions

_PRONOUNS = {"il", "elle"}


def reflexive_subject(doc: Doc, m: Ment) -> bool:
    """"SoftBank s'est délesté de …": the parser leaves a name before a reflexive verb
    unattached (``dep``); it is the verb's subject."""
    if m.end >= len(doc) or doc[m.start].dep_ != "dep":
        return False
    clitic = doc[m.end]
    return clitic.lower_ in ("s'", "s’", "se") and clitic.dep_.startswith("expl") and clitic.head.i == doc[m.start].head.i


def unattached_subject(doc: Doc, m: Ment, firsts: set[int]) -> bool:
    """A name opening its sentence that the parser did not make its verb's subject although it
    is (see :func:`opening_subject`)."""
    return m.start in firsts and opening_subject(doc, m.start, m.end)


def opening_subject(doc: Doc, start: int, end: int) -> bool:
    """The name at ``start:end``, first in its sentence, is the main verb's subject the parser
    missed: "Bouygues Telecom, qui avait anticipé le choc, s'est montré prudent" (the verb has
    no subject), "Deezer, le concurrent français de Spotify, n'a pas annoncé …" (its subject is
    the apposition right after the name)."""
    first, root = doc[start], doc[start].sent.root
    if root == first:
        # "Bouygues Telecom, qui …, s'est d'abord voulu prudent" parsed with the name as root.
        return end < len(doc) and doc[end].text == "," and any(t.pos_ == "VERB" for t in first.sent)
    if root.pos_ not in ("VERB", "AUX", "ADJ") or not (first.head == root or first.head == first):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
    if not subjects:
        return first.head == root
    return end < len(doc) and doc[end].text == "," and all(
        s.pos_ == "NOUN" and end < s.i <= end + 3 for s in subjects)


def subject_pronouns(doc: Doc, mentions: list[Ment], entities: dict[str, Entity],
                     sent_starts: list[int]) -> list[Ment]:
    """Subject "il"/"elle" → the subject entity of the previous sentence (organisation or person);
    ``sent_starts``: the first token of each sentence."""
    by_token = {}
    for m in mentions:
        for i in range(m.start, m.end):
            by_token.setdefault(i, m)
    out = []
    last_subject: str | None = None
    # Only mention tokens and "il"/"elle" can change anything: read those, sentence by sentence.
    reads = sorted(set(by_token) | set(positions(doc, LOWER, _PRONOUNS.__contains__)))
    current, found = -1, None
    for i in reads:
        n = bisect_right(sent_starts, i) - 1
        if n != current:
            if found:
                last_subject = found
            current, found = n, None
        tok = doc[i]
        m = by_token.get(tok.i)
        if m and (tok.dep_.startswith("nsubj") or tok.dep_ == "expl:subj" or reflexive_subject(doc, m)) \
                and entities.get(m.key) \
                and entities[m.key].type in ("Organization", "Person"):
            found = found or m.key
        elif tok.lower_ in _PRONOUNS and tok.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and not _impersonal(tok):
            # "X mène une bataille contre Apple, qu'il accuse …": in a dependent clause the
            # pronoun is the subject named earlier in its own sentence.
            antecedent = found if found and _dependent_clause(tok) else last_subject
            if antecedent:
                out.append(Ment(tok.i, tok.i + 1, antecedent, "pronoun"))
    return out


_LATTER = {"celui-ci", "celle-ci", "dernier", "dernière"}


def the_latter(doc: Doc, mentions: list[Ment], entities: dict[str, Entity]) -> list[Ment]:
    """"ce dernier", "cette dernière", "celui-ci", "celle-ci" stand for the latest organisation or
    person named before them ("la maison mère de Sprint avait pris le contrôle de ce dernier")."""
    out = []
    named = sorted((m for m in mentions if entities.get(m.key) and entities[m.key].type in ("Organization", "Person")),
                   key=lambda m: m.start)
    starts = [m.start for m in named]
    split = [i for i in positions(doc, LOWER, ("celle", "celui").__contains__)  # "Celle - ci" at a sentence start
             if i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ == "ci"]
    for i in sorted(positions(doc, LOWER, _LATTER.__contains__) + split):
        start = i
        if doc[i].lower_ in ("celle", "celui"):
            i += 2
        elif doc[i].lower_ in ("dernier", "dernière"):
            if i == 0 or doc[i - 1].lower_ not in ("ce", "cette") or doc[i - 1].pos_ != "DET":
                continue  # "le dernier trimestre", "l'an dernier"
            start = i - 1
        k = bisect_left(starts, start) - 1
        speaker = doc[i].head.lemma_.lower() in lex().speech_verbs  # "a déclaré ce dernier": a person
        feminine = doc[start].lower_.startswith("celle") or doc[i].lower_ == "dernière"
        # not a name inside the latest one's description ("X, le patron de Juniper. Ce dernier …")
        while k >= 0 and (named[k].end > start or doc[named[k].start - 1].lower_ in ("de", "d'", "d’", "du")
                          or speaker and entities[named[k].key].type != "Person"
                          or _gender(doc[named[k].start]) not in (None, feminine)):
            k -= 1
        if k >= 0 and start - named[k].end < 60:
            out.append(Ment(start, i + 1, named[k].key, "pronoun"))
    return out


def _gender(first: Token) -> bool | None:
    """Feminine (True) or masculine (False) by a description's determiner, else None."""
    word = first.lower_
    return True if word == "la" else False if word in ("le", "du", "au") else None


_IMPERSONAL = {"agir", "falloir", "sembler", "paraître", "rester", "manquer", "pleuvoir", "exister"}


def _impersonal(tok: Token) -> bool:
    """"il s'agit de", "il faut", "il existe", "il (n')y a", "il reste": no referent."""
    doc = tok.doc
    nxt = [doc[j].lower_ for j in range(tok.i + 1, min(tok.i + 3, len(doc)))]
    there = nxt[:1] == ["y"] or nxt[:1] in (["n'"], ["n’"], ["ne"]) and nxt[1:2] == ["y"]
    return tok.lower_ == "il" and (tok.head.lemma_.lower() in _IMPERSONAL or there)


def _dependent_clause(tok: Token) -> bool:
    """The pronoun's verb is not its sentence's main verb (a relative, a completive…)."""
    verb = tok.head
    return verb.head.i != verb.i and verb.dep_ in ("acl:relcl", "acl", "ccomp", "advcl", "conj", "xcomp", "parataxis")
