"""Where events are read: the sentences (a fragment the parser cut at a comma joined back),
headings, and definite trigger nouns that only refer back to an event already told."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.context import DocView


def sentences(view: DocView) -> list[Span]:
    """The doc's sentences, a fragment the parser cut at a comma joined to what follows
    ("Fin décembre | , X s'est vu infliger …", "Lancée le 3 mars, la console | s'est vendue …"):
    the date or the product of the event is in the other half."""
    out: list[Span] = []
    text = view.text
    for sent in view.sents:
        if out and "\n" not in text[out[-1].end_char - 1:sent.start_char + 1] and _cut(out[-1], sent):
            out[-1] = view.doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def _cut(prev: Span, sent: Span) -> bool:
    """``sent`` goes on the clause ``prev`` left open (no final stop before it)."""
    last, first = prev[-1].text, sent[0].text
    return last not in (".", "!", "?", "…", "»", "”", ":", ";") and (
        last == "," or first == "," or first[:1].islower())


_DEFINITE = {"le", "la", "l'", "l’", "ce", "cet", "cette", "ces"}  # "les acquisitions": generic


def back_reference(view: DocView, tok: Token) -> bool:
    """A definite trigger noun with no figure or date of its own ("l'incident", "cette
    opération") names an event already told, not a new one."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return False
    # "le souvenir de l'incendie qui avait ravagé …": the relative may hang on the noun above
    sub = list((tok.head if tok.dep_ == "nmod" and tok.head.pos_ == "NOUN" else tok).subtree)
    lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
    # the parser may hang "d'environ 9 000 postes" elsewhere: the words right after count too
    after = []
    for t in tok.doc[tok.i + 1:min(tok.i + 7, tok.sent.end)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            break  # the noun's own phrase, not the clause that goes on
        after.append(t)
    if any(t.like_num or view.ent_of(t, "Organization", "Product") for t in (*sub, *after)):
        return False  # "le rachat de SIS", "l'incendie du 10 mars": an event of its own
    return not any(lo <= s < hi for s, _, _ in view.doc._.kg_dates or [])


def heading_line(text: str, sent: Span) -> bool:
    """In a title or a section heading ("Panne géante chez AWS : …"): a one-line paragraph
    without a closing stop. Its event is the one the body tells, dated there."""
    start = text.rfind("\n", 0, sent.start_char) + 1
    end = text.find("\n", sent.start_char)
    line = text[start:end if end >= 0 else len(text)].strip()
    return bool(line) and line[-1] not in ".!?»…\"”"
