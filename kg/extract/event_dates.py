"""Event dates: the date expression nearest a trigger in its own clause, a reported period for
results, the article's news date for undated present-tense news, and (amount, date) pairs for
"150 000 euros en janvier 2014 …, puis 100 000 euros en mars 2016"."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from kg.extract.context import DocView
from kg.extract.event_parse import has_case
from kg.extract.quantities import MONEY as _MONEY


_DEADLINE = re.compile(r"(d['’]ici|jusqu['’]|avant|horizon|prévu|attendu)[^.,;]{0,14}$", re.I)
_COMPARISON = re.compile(r"\bcontre\b[^.;:]{0,30}$|\bqu(?:e\s+|['’])$", re.I)
_DEADLINE_IN = re.compile(r"d['’]ici|avant|jusqu", re.I)


def event_date(view: DocView, sent: Span, tok: Token, typ: str) -> str | None:
    """The date expression of the sentence nearest the trigger, deadlines ("d'ici fin 2013")
    and comparisons ("contre 3 % un an plus tôt") left out; results are dated by their period
    (a quarter, a year) rather than by the day they were published. An undated statement in
    the present tense, or in the title, happens at the article's news date."""
    text = view.text
    lo, hi = sent.start_char, sent.end_char
    if tok.pos_ == "NOUN" and has_case(tok, "après"):  # "lundi, après une plainte de X": earlier
        lo = tok.idx
    spans = [(s, e, v) for s, e, v in view.doc._.kg_dates or []
             if lo <= s < hi and not _DEADLINE.search(text[max(0, s - 30):s])
             and not _DEADLINE_IN.match(text, s)
             and not _COMPARISON.search(text[max(sent.start_char, s - 40):s])]
    # "X, dont HPE est issu après la scission de novembre 2015, avait repris Y en mars 2015":
    # a date inside another clause (relative, participle) dates that clause, not the trigger
    own = [(s, e, v) for s, e, v in spans if not _other_clause(view, tok, s, e)]
    # "Annoncé en mai 2022, le rachat de X a été finalisé mercredi": the participle's date is
    # the announcement's; the verb's own date, when there is one, is the event's
    main = [(s, e, v) for s, e, v in own if not _in_participle(view, tok, s, e)]
    own = main or own
    if spans and not own and _lead(text, sent) and _perfect(tok):
        return news_date(view)  # "a infligé une amende à X pour les engagements pris en 2022": today's news
    if (anaphor := _anaphoric(view, sent, tok, own or spans)) is not None:
        return anaphor
    dates = [(abs(s - tok.idx), v) for s, _, v in own or spans]
    if typ == "Results" and dates:  # a period: a quarter or a half, else a year, else a month
        finest = min(_period_rank(v) for _, v in dates)
        dates = [(d, v) for d, v in dates if _period_rank(v) == finest]
    if dates:  # a half ("2020-H1") is no date of the vocabulary: its year
        value = min(dates)[1]
        return value[:4] if "-H" in value else value
    if lo != sent.start_char:
        return None
    if present_tense(tok) or "\n" not in text[:sent.start_char].strip():
        return news_date(view)
    return None


def _lead(text: str, sent: Span) -> bool:
    """The sentence is in the title or the article's first paragraph: the news of the day."""
    return text.count("\n\n", 0, sent.start_char) <= 1


def _perfect(tok: Token) -> bool:
    """The trigger's verb is in the passé composé ("a infligé"), the tense of the day's news; a
    pluperfect ("avait porté") tells the background."""
    verb = next((t for t in (tok, *tok.ancestors) if t.pos_ == "VERB"), None)
    return verb is not None and any(c.dep_ == "aux:tense" and "Pres" in c.morph.get("Tense") for c in verb.children)


_SAME_DAY = re.compile(r"\b(?:le|ce)\s+même\s+jour\b", re.I)


def _anaphoric(view: DocView, sent: Span, tok: Token, spans: list) -> str | None:
    """A date the sentence only points back to. "Le même jour" with no other date in the
    sentence is the day the article reports on (the last day named before may be a
    background one: "présenté le 24 juin … Le même jour, l'éditeur a commercialisé");
    "X avait alors saisi la CNIL" with no date of its own is the date the sentence before
    ended on ("Le dossier remonte à novembre 2018.")."""
    text = view.text
    same = _SAME_DAY.search(text, sent.start_char, sent.end_char)
    if same and not _other_clause(view, tok, same.start(), same.end()):
        others = [v for s, e, v in spans if not (same.start() <= s < same.end())]
        return None if others else news_date(view)
    if spans:
        return None
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if not any(c.lower_ == "alors" and c.dep_ == "advmod" for c in verb.children):
        return None
    before = [v for s, _, v in view.doc._.kg_dates or [] if s < sent.start_char
              and "\n\n" not in text[s:sent.start_char]]
    return before[-1] if before else None


_CLAUSES = ("acl", "acl:relcl", "advcl", "ccomp")


def _other_clause(view: DocView, tok: Token, start: int, end: int) -> bool:
    """The date at ``start:end`` sits in a clause (relative, participle, adverbial, reported)
    that neither contains the trigger nor qualifies it."""
    span = view.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    above = set()
    t = tok
    for _ in range(40):  # the trigger and every head above it, up to the root
        above.add(t.i)
        if t.head.i == t.i:
            break
        t = t.head
    t = span.root
    for _ in range(40):
        if t.i in above:
            return False
        if t.dep_ in _CLAUSES:  # "l'incident qui a paralysé mardi …": a clause on the trigger dates it
            return t.head.i != tok.i
        if t.head.i == t.i:
            return False
        t = t.head
    return False


# participles that date an announcement, not the deal done ("une sanction ramenée en 2022 à …"
# dates the sanction's own step and stays)
_ANNOUNCED = {"annoncer", "dévoiler", "officialiser", "évoquer", "envisager", "proposer", "présenter", "lancer"}


def _in_participle(view: DocView, tok: Token, start: int, end: int) -> bool:
    """The date at ``start:end`` belongs to an announcing participle other than the trigger
    ("annoncé en mai 2022", "dévoilée en janvier") on the way up to the trigger or its verbs."""
    span = view.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    above = {a.i for a in tok.ancestors} | {tok.i}
    t = span.root
    for _ in range(40):
        if t.i in above:
            return False
        if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and t.lemma_.lower() in _ANNOUNCED:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _period_rank(value: str) -> int:
    """How well a date names the period results cover: quarter or half, year, month, day."""
    if "Q" in value or "H" in value:
        return 0
    return {4: 1, 7: 2}.get(len(value), 3)


def present_tense(tok: Token) -> bool:
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


def amount_dates(view: DocView, sent: Span, after: int) -> list[tuple[str, str]]:
    """(amount, date) pairs after the trigger where an amount is followed by its own date:
    "150 000 euros en janvier 2014 …, puis 100 000 euros en mars 2016"."""
    text = view.text
    dates = [(s, v) for s, _, v in view.doc._.kg_dates or [] if after <= s < sent.end_char]
    pairs = []
    for m in _MONEY.finditer(text, after, sent.end_char):
        nxt = [(s, v) for s, v in dates if m.end() <= s <= m.end() + 30]
        if nxt and not _MONEY.search(text, m.end(), nxt[0][0]) and "action" not in m.group(0):
            value = nxt[0][1]
            pairs.append((" ".join(m.group(0).split()), value[:4] if "-H" in value else value))
    return pairs
