"""Events (outages, layoffs, acquisitions, launches, funding, lawsuits, results).

A trigger word of ``lexicon.json`` opens an event when its sentence also holds what the type
needs (an amount for Funding, a figure for Results, a product for ProductLaunch…). The agent is
the subject or the "de X" of the trigger, else the article's most salient organisation; the
date is the nearest date expression of the sentence; the place its first Place; the quantity
its first figure with a unit. Negated, conditional and future statements open no event.
"""

from __future__ import annotations

import datetime as dt
import re
from spacy.tokens import Span, Token

from kg.extract.context import DocView, blocked, is_negated
from kg.model import Event
from kg.nlp.resources import fold, lex

_NUM = r"\d[\d\s  .,]*\d|\d"
_QTY = re.compile(
    rf"(?:{_NUM})\s*(?:milliards?|millions?|mds?|m)?\s*(?:d['’]\s*|de\s+)?"
    r"(?:euros?|dollars?|€|\$|livres|francs|yens?|%|postes|emplois|salariés|personnes|"
    r"employés|utilisateurs|clients|abonnés|unités|exemplaires|smartphones|terminaux)",
    re.I,
)
_MONEY = re.compile(r"euros?|dollars?|€|\$|milliards?|millions?", re.I)
_FIGURE = re.compile(r"\d")


def _find_triggers(view: DocView, sent: Span) -> list[tuple[Token, str]]:
    """(token, event type) for each trigger phrase of the sentence (longest phrase first)."""
    lexi = lex()
    table, firsts = lexi.event_triggers, lexi.event_first_words
    tokens = view.tokens
    found = []
    for i in range(sent.start, sent.end):
        tok = tokens[i]
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if fold(lower) not in firsts and fold(lemma) not in firsts:
            continue
        for n in (3, 2, 1):
            if i + n > sent.end:
                continue
            phrase = " ".join(fold(t.lower_) for t in tokens[i:i + n])
            typ = table.get(phrase) or (table.get(fold(lemma)) if n == 1 else None)
            if typ:
                found.append((tok, typ))
                break
    return found


def _requirements_met(view: DocView, sent: Span, typ: str, tok: Token) -> bool:
    text = sent.text
    kinds = {view.type(view.key(t)) for t in sent if view.key(t)}
    if typ == "Funding":
        return bool(_MONEY.search(text)) or "bourse" in text.lower()
    if typ == "Results":
        return bool(_FIGURE.search(text)) and tok.pos_ in ("NOUN", "VERB", "ADJ", "ADP")
    if typ == "ProductLaunch":
        return "Product" in kinds and tok.pos_ in ("VERB", "NOUN")
    if typ == "Acquisition":
        orgs = {view.key(t) for t in sent if view.type(view.key(t)) in ("Organization", "Product")}
        return len(orgs) >= 2 or (len(orgs) >= 1 and _MONEY.search(text) is not None)
    if typ == "Layoff":
        return bool(_FIGURE.search(text)) or "plan" in text.lower()
    if typ == "Lawsuit":
        return "Organization" in kinds
    return True


_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "poursuivre", "assigner", "attaquer"}


def _agent(view: DocView, tok: Token, typ: str, salient: str | None) -> str | None:
    """The organisation an event is about.

    Subject of the trigger or of the verbs above it first; for a noun trigger, its "de X"
    ("la panne d'Orange") — except for acquisitions, whose "de X" is the target and "par X" the
    agent; for lawsuits, the party sanctioned rather than the authority that sanctions.
    """
    orgs = ("Organization",)
    if typ == "Lawsuit":
        return _defendant(view, tok) or salient
    if typ == "Acquisition":
        for c in tok.children:
            if c.dep_ == "nmod" and any(x.lower_ == "par" for x in c.children) and view.ent_of(c, *orgs):
                return view.ent_of(c, *orgs)
    head = tok
    for _ in range(4):
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and view.ent_of(c, *orgs):
                return view.ent_of(c, *orgs)
        if head.head is head:
            break
        head = head.head
    if typ != "Acquisition":
        for c in tok.children:
            if c.dep_ in ("nmod", "obl", "obl:arg") and view.ent_of(c, *orgs):
                return view.ent_of(c, *orgs)
    return salient


def _defendant(view: DocView, tok: Token) -> str | None:
    """In a sanction sentence, the organisation that is not the subject of the sanction verb."""
    sent = tok.sent
    authorities = set()
    for t in sent:
        if t.lemma_.lower() in _SANCTION:
            authorities |= {view.ent_of(c, "Organization") for c in t.children if c.dep_ == "nsubj"}
            head = t.head
            authorities |= {view.ent_of(c, "Organization") for c in head.children if c.dep_ == "nsubj"}
    for t in sent:
        key = view.ent_of(t, "Organization")
        if key and key not in authorities and t.dep_ not in ("nsubj",) :
            return key
    return None


_DEADLINE = re.compile(r"(d['’]ici|jusqu['’]|avant|horizon|prévu|attendu)[^.,;]{0,14}$", re.I)


def _date(view: DocView, sent: Span, tok: Token) -> str | None:
    """The date expression of the sentence nearest the trigger, deadlines ("d'ici fin 2013")
    left out; an undated statement in the present tense happens at the article's news date."""
    text = view.doc.text
    dates = [(abs(s - tok.idx), v) for s, e, v in view.doc._.kg_dates or []
             if sent.start_char <= s < sent.end_char and not _DEADLINE.search(text[max(0, s - 30):s])]
    if dates:
        return min(dates)[1]
    if _present(tok):
        return news_date(view)
    return None


def _present(tok: Token) -> bool:
    """The trigger (or, for a noun, its verb) is in the present indicative: reported as news."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_.startswith("aux") for c in verb.children):
        return False  # compound tenses ("a annoncé") carry their own time
    return "Pres" in verb.morph.get("Tense") and "Ind" in verb.morph.get("Mood")


def news_date(view: DocView) -> str | None:
    """The day the article reports on: its first weekday or "hier" in the week before
    publication, else the publication date."""
    pub = view.doc._.kg_pubdate
    if pub is None:
        return None
    for _, _, value in view.doc._.kg_dates or []:
        if len(value) == 10 and 0 <= (pub - dt.date.fromisoformat(value)).days <= 6:
            return value
    return pub.isoformat()


def _place(view: DocView, sent: Span) -> str | None:
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name" and sent.start <= m.start < sent.end and view.type(m.key) == "Place":
            return m.key
    return None


def _blocked(tok: Token, typ: str) -> bool:
    """Negated or hypothetical triggers open no event; an announced job-cut plan is news even in
    the future tense ("10 000 postes seront supprimés"), a conditional one is not."""
    if typ == "Layoff":
        return is_negated(tok) or "Cnd" in tok.morph.get("Mood") or tok.sent.text.rstrip().endswith("?")
    return blocked(tok)


def extract_events(view: DocView) -> list[Event]:
    """Events of the doc, one per (type, agent, date); undated twins of dated ones dropped."""
    salient = view.salient_org()
    found: dict[tuple, Event] = {}
    for sent in view.sents:
        seen_types = set()
        for tok, typ in _find_triggers(view, sent):
            if typ in seen_types or _blocked(tok, typ) or not _requirements_met(view, sent, typ, tok):
                continue
            agent = _agent(view, tok, typ, salient)
            if agent is None:
                continue
            seen_types.add(typ)
            qty = _QTY.search(sent.text)
            ev = Event(typ, agent, sent.text.strip(), sent.start_char, sent.end_char,
                       _date(view, sent, tok), _place(view, sent),
                       qty.group(0).strip() if qty else None, f"event-{typ.lower()}", 0.6)
            found.setdefault((typ, agent, ev.date), ev)
    dated = {(t, a) for (t, a, d) in found if d}
    return [e for (t, a, d), e in found.items() if d or (t, a) not in dated]
