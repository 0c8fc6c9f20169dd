"""Speakers a quotation's neighbouring sentences name: the subject of the sentence before it
(in its paragraph or closing the previous one), "selon X" heading the previous sentence, the
named subject of a sentence a fragment of speech is woven into, a speaker the next sentence
names."""

from __future__ import annotations

from kg.extract.context import DocView
from kg.extract.referents import named, pronoun_speaker
from kg.extract.speaker_roles import org_in, spokesperson_org
from kg.extract.speakers import clause_subject, speaker_of, subject_np, text_sentence_start, verb_like
from kg.extract.speech import OBJ_PRONOUN, SPEAKERS, has_cue, selon_width


def subject_person(view: DocView, open_i: int) -> str | None:
    """"Chez X, l'analyste Jean Dupont voit dans l'accord « une victoire majeure »": a fragment
    of speech woven into a sentence whose main subject is a named person, with no speech verb."""
    if open_i + 1 >= len(view.tokens) or not view.tokens[open_i + 1].text[:1].islower():
        return None
    toks = view.tokens[text_sentence_start(view, open_i):open_i]
    for t in toks:
        if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.head.i < open_i:
            if has_cue(t, "spokesperson_nouns") and t.pos_ == "NOUN":
                # "Un porte-parole de X a exprimé sa crainte de voir … « des risques … »"
                return spokesperson_org(view, [u for u in t.subtree if u.i > t.i], open_i)
            key = named(view, t, "Person") or next(
                (named(view, c, "Person") for c in t.children
                 if c.dep_ in ("appos", "flat:name") and named(view, c, "Person")), None)
            return key or _role_subject(view, t, open_i)
    return None


def _role_subject(view: DocView, subj, open_i: int) -> str | None:
    """"Le dirigeant voit dans l'accord « … »": the person a definite role-noun subject
    stands for (never an organisation: "le groupe voit" is no one's words)."""
    det = [c for c in subj.children if c.dep_ == "det" and c.i < subj.i]
    if subj.pos_ != "NOUN" or not has_cue(subj, "person_nouns") or not det \
            or det[0].lower_ not in ("le", "la", "l'", "l’", "son", "sa", "ce", "cette"):
        return None
    np = [det[0]] + [u for u in subj.subtree if u.i >= subj.i and u.i < open_i][:6]
    key = speaker_of(view, np, open_i)
    return key if key and view.type(key) == "Person" else None


def previous_subject(view: DocView, open_i: int) -> str | None:
    """"Xavier Niel se montre plus prudent. « … »": a quotation standing alone as its sentence
    is the subject's of the sentence just before it, in the same paragraph (an organisation
    only when no quotation came earlier in the paragraph) or, for a person, closing the
    previous paragraph."""
    start = text_sentence_start(view, open_i)
    if start != open_i or start < 2:
        return None
    # "Le directeur général de SFR, X, défend la stratégie.\n\n« … »": a paragraph opening on
    # a quotation takes the person the previous paragraph closes on.
    new_paragraph = "\n" in view.tokens[start - 1].text
    end = start - 1 if new_paragraph else start
    toks = view.tokens[text_sentence_start(view, end - 1):end]
    if not toks or toks[-1].text not in (".", ":") or any(t.text in ("«", "»", "“", "”") for t in toks):
        return None
    key = clause_subject(view, toks, open_i)
    if new_paragraph and (not key or view.type(key) != "Person"):
        return None
    if not key or view.type(key) == "Person":
        return key or None
    para = view.text.rfind("\n", 0, toks[0].idx) + 1
    return None if any(c in view.text[para:toks[0].idx] for c in "«“") else key


def selon_before(view: DocView, open_i: int) -> str | None:
    """"Selon X, … . Les cases … « … »": the source named at the head of the previous sentence
    of the same paragraph, for a quotation its own sentence does not attribute."""
    start = text_sentence_start(view, open_i)
    if start < 2 or "\n" in view.tokens[start - 1].text:
        return None
    toks = view.tokens[text_sentence_start(view, start - 1):start - 1]
    width = selon_width(toks, 0) if len(toks) >= 3 else 0
    if not width:
        return None
    if toks[width].lower_ in OBJ_PRONOUN:
        return pronoun_speaker(view, toks[width], open_i)
    np = subject_np(view, toks[width:width + 7])
    return speaker_of(view, np, open_i) if np and np[0].i == toks[width].i else None


def speaker_next(view: DocView, close_i: int) -> str | None:
    """"« … » La formule est de X." / "« … » C'est ainsi que X conclut.": a quotation that
    ends its sentence, attributed by the next sentence to a speaker it names."""
    toks, n = [], len(view.tokens)
    j = close_i + 1
    if j < n and view.tokens[j].text in (".", "!", "?"):
        j += 1
    while j < n and len(toks) < 40 and view.tokens[j].text not in (".", "!", "?", "«", "“"):
        if "\n" in view.tokens[j].text:
            break
        toks.append(view.tokens[j])
        j += 1
    names = {view.key(t) for t in toks if named(view, t, *SPEAKERS)}
    for i, t in enumerate(toks):
        if verb_like(t):
            subjects = [view.key(c) for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")]
            key = next((k for k in subjects if k in names), None)
            if key:
                return key
        if has_cue(t, "quote_nouns") and i + 2 < len(toks) and toks[i + 1].lemma_ in ("être", "signer"):
            return org_in(view, toks[i + 2:i + 6])
    return None
