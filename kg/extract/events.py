"""Events (outages, layoffs, acquisitions, launches, funding, lawsuits, results).

A trigger word of ``lexicon.json`` opens an event when its sentence also holds what the type
needs (an amount for Funding, a figure for Results, a product for ProductLaunch…). The agent is
read on the parse (see :func:`_agents`), else it is the article's most salient organisation;
the date is the sentence's date expression nearest the trigger (a period rather than a day for
Results; deadlines and comparisons "contre 3 % un an plus tôt" left out); the place is the
sentence's first Place; the quantity is the figure the type is about (see :func:`quantity`).
Negated, conditional, future, failed or forecast statements and quoted words open no event.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from kg.extract.context import DocView, is_hypothetical, is_negated
from kg.extract.quantities import FIGURE as _FIGURE
from kg.extract.quantities import MONEY as _MONEY
from kg.extract.quantities import MONEY_WORD as _MONEY_WORD
from kg.extract.quantities import quantity
from kg.model import Event
from kg.nlp.resources import fold, gazetteer, lex, lexicon


_AMOUNT_TYPES = ("Funding", "Acquisition", "Lawsuit")  # "X en 2014, puis Y en 2016": one event each


@lru_cache(maxsize=1)
def _rules() -> dict[str, frozenset[str]]:
    """The event-only word lists of ``lexicon.json`` (``event_rules``), folded."""
    raw = lexicon().get("event_rules", {})
    return {k: frozenset(fold(w) for w in v) for k, v in raw.items() if isinstance(v, list)}


def _find_triggers(view: DocView, sent: Span) -> list[tuple[Token, str, str]]:
    """(token, event type, folded trigger) for each trigger phrase (longest phrase first)."""
    lexi = lex()
    table, firsts = lexi.event_triggers, lexi.event_first_words
    tokens = view.tokens
    found = []
    for i in range(sent.start, sent.end):
        tok = tokens[i]
        lemma = fold(tok.lemma_.lower())
        if fold(tok.lower_) not in firsts and lemma not in firsts:
            continue
        for n in (4, 3, 2, 1):
            if i + n > sent.end:
                continue
            phrase = " ".join(fold(t.lower_) for t in tokens[i:i + n])
            typ = table.get(phrase)
            # a verb of the lexicon read through the lemma matches a verb, not its noun ("offre")
            if typ is None and n == 1 and table.get(lemma) and (_verb(tok) or not lemma.endswith("r")):
                typ, phrase = table[lemma], lemma
            if typ:
                found.append((tok, typ, phrase))
                break
    return found


def _verb(tok: Token) -> bool:
    """A verb, unless a determiner makes it a noun the tagger missed ("l'offre")."""
    return tok.pos_ in ("VERB", "AUX") and not any(c.dep_ == "det" for c in tok.children)


def _court_case(view: DocView, sent: Span, tok: Token, trig: str) -> bool:
    """"attaquer", "saisir", "procédure" are lawsuits only before a court or an authority."""
    words = {fold(t.lower_) for t in sent}
    if words & _rules().get("court", frozenset()):
        return True
    if trig in ("saisir", "poursuivre"):
        return any(c.dep_ == "obj" and view.ent_of(c, "Organization") for c in tok.children)
    if trig.startswith("procedure"):
        return tok.head.lemma_.lower() in ("engager", "lancer", "ouvrir", "intenter")
    return False


def _requirements_met(view: DocView, sent: Span, typ: str, tok: Token, trig: str) -> bool:
    text = sent.text
    kinds = {view.type(view.key(t)) for t in sent if view.key(t)}
    if typ == "Funding":
        return bool(_MONEY_WORD.search(text)) or "bourse" in text.lower()
    if typ == "Results":
        forecast = _rules().get("forecast", frozenset())
        return (quantity(typ, text) is not None and tok.pos_ in ("NOUN", "VERB", "ADJ", "ADP")
                and not any(fold(t.lower_) in forecast for t in sent))
    if typ == "ProductLaunch":
        return "Product" in kinds and tok.pos_ in ("VERB", "NOUN")
    if typ == "Acquisition":
        orgs = {view.key(t) for t in sent if view.type(view.key(t)) in ("Organization", "Product")}
        return len(orgs) >= 2 or (len(orgs) >= 1 and _MONEY_WORD.search(text) is not None)
    if typ == "Layoff":
        return bool(_FIGURE.search(text)) or "plan" in text.lower()
    if typ == "Lawsuit":
        if trig in ("attaquer", "saisir", "recours", "poursuivre") or trig.startswith("procedure"):
            return "Organization" in kinds and _court_case(view, sent, tok, trig)
        if trig.startswith("sanction"):  # trade sanctions are no lawsuit; fines come with an amount
            return "Organization" in kinds and _MONEY.search(text) is not None
        return "Organization" in kinds
    return True


_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "imposer", "impose", "poursuivre"}  # folded


def _orgs(view: DocView, tok: Token) -> list[str]:
    """Organisations a noun phrase names: itself or a name inside it ("le japonais Rakuten",
    "les fonds Silver Lake et Thoma Bravo"), a relative pronoun's antecedent, a product's maker."""
    if tok.lower_ in _RELATIVE and tok.head.dep_.startswith("acl") and tok.head.head is not tok.head:
        tok = tok.head.head
    found = view.conjuncts(tok, "Organization")
    if found:
        return found
    product = view.ent_of(tok, "Product")
    if product:
        for c in tok.children:  # "la PlayStation 4 de Sony"
            if c.dep_ == "nmod" and view.ent_of(c, "Organization"):
                return [view.ent_of(c, "Organization")]
        entry = gazetteer().entries.get(product)
        if entry and entry.maker in view.entities:
            return [entry.maker]
    return []


def _has_case(tok: Token, *words: str) -> bool:
    return any(c.dep_ in ("case", "mark") and c.lower_ in words for c in tok.children)


def _by_agent(view: DocView, tok: Token) -> list[str]:
    """The "par X" of a passive or a nominalisation ("racheté par l'américain Semtech",
    "le rachat de Lucent par le français Alcatel")."""
    for t in tok.subtree if tok.pos_ == "NOUN" else tok.children:
        if t is tok:
            continue  # "renforcé par le rachat de X": the trigger's own "par"
        if (t.dep_ == "obl:agent" or (t.dep_ in ("nmod", "obl", "obl:mod") and _has_case(t, "par"))) \
                and t.head.lower_ != "intermédiaire":
            found = _orgs(view, t)
            if found:
                return found
    return []


def _subjects(view: DocView, tok: Token, passive: bool = True) -> list[str]:
    """Organisations subject of the trigger or of the verbs above it (with "X et Y" subjects)."""
    deps = ("nsubj", "expl:subj", "nsubj:pass") if passive else ("nsubj", "expl:subj")
    head = tok
    for _ in range(4):
        for c in head.children:
            if c.dep_ in deps:
                found = _orgs(view, c) + [view.ent_of(t, "Organization") for t in c.subtree
                                          if t.dep_ == "conj" and view.ent_of(t, "Organization")]
                if found:
                    return list(dict.fromkeys(found))
                subj = c.head.head if c.lower_ in _RELATIVE and c.head.dep_.startswith("acl") else c
                if view.ent_of(subj, "Person"):
                    return []  # a person acts: the organisation is not named here
        if head.head is head:
            break
        head = head.head
    return []


def _prep_orgs(view: DocView, tok: Token, preps: tuple[str, ...], deps: tuple[str, ...]) -> list[str]:
    """Organisations of the trigger's (or its verb's) complements introduced by ``preps``."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in deps and _has_case(c, *preps):
                found = _orgs(view, c)
                if found:
                    return found
    return []


_COMPL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod")


def _targets(view: DocView, tok: Token) -> set[str]:
    """What an acquisition is of: the object, the passive subject, the "de Y" / "sur Y"."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("obj", "nsubj:pass") or (c.dep_ in ("nmod", "obl:arg") and _has_case(c, "de", "d'", "d’", "du", "sur")):
            out |= set(_orgs(view, c))
    return out


def _agents(view: DocView, tok: Token, typ: str, trig: str, salient: str | None) -> list[str]:
    """The organisations an event is about (usually one).

    Acquisition: the "par X" agent, the buyer "à X" of "céder", else the subject; never the
    target. Funding by an investor ("miser sur", "investir dans"): the company funded. Lawsuit:
    the plaintiff for complaints ("a saisi", "a porté plainte", "attaqué en justice"), the party
    sanctioned for fines and verdicts. Others: the "par X", the subject, the "de X" of a noun.
    """
    rules = _rules()
    if typ == "Lawsuit":
        if trig in rules.get("plaintiff", ()):
            return _by_agent(view, tok) or _subjects(view, tok, passive=False) or _defendant(view, tok) or _fallback(salient)
        if trig == "enfreindre":
            return _subjects(view, tok)
        return _defendant(view, tok)
    if typ == "Acquisition":
        if trig in rules.get("seller", ()):  # "céder X à Y", the "à Y" on the verb or on X
            objects = [c for c in tok.children if c.dep_ == "obj"]
            return _prep_orgs(view, tok, ("à", "au", "aux"), _COMPL) or next(
                (found for o in objects if (found := _prep_orgs(view, o, ("à", "au", "aux"), ("nmod",)))), [])
        targets = _targets(view, tok)
        for found in (_by_agent(view, tok), _subjects(view, tok, passive=False), _fallback(salient)):
            found = [k for k in found if k not in targets]
            if found:
                return found
        return []
    if typ == "Funding" and trig in rules.get("investor", ()):
        investors = set(_subjects(view, tok))
        funded = _prep_orgs(view, tok, ("sur", "dans", "de", "du", "au"), _COMPL)
        return [k for k in funded or _fallback(salient) if k not in investors]
    found = _by_agent(view, tok) or _subjects(view, tok)
    if not found and tok.pos_ == "NOUN":
        found = _prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    return found or _fallback(salient)


def _fallback(salient: str | None) -> list[str]:
    return [salient] if salient else []


def _defendant(view: DocView, tok: Token) -> list[str]:
    """The party a fine or a sentence falls on: "à X" of "infliger", the object of "condamner",
    the subject of a passive "X a été condamné", else the sentence's first organisation that
    does not sanction. A person sentenced is no company's lawsuit: nothing."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    for t in (verb, tok):
        for c in t.children:
            if c.dep_ in ("iobj", "obl", "obl:arg", "obl:mod") and _has_case(c, "à", "au", "contre"):
                if _orgs(view, c):
                    return _orgs(view, c)[:1]
            if c.dep_ == "obj" and fold(verb.lemma_) in _SANCTION and _orgs(view, c):
                return _orgs(view, c)[:1]
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.pos_ != "VERB" or verb.dep_ == "acl"
    if passive and fold(tok.lemma_) in _SANCTION:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if view.ent_of(c, "Person"):
                    return []
                if _orgs(view, c):
                    return _orgs(view, c)[:1]
    sent = tok.sent
    authorities = set()
    for t in sent:
        if fold(t.lemma_) in _SANCTION:
            for h in (t, t.head):
                authorities |= {view.ent_of(c, "Organization") for c in h.children if c.dep_ == "nsubj"}
    for t in sent:
        key = view.ent_of(t, "Organization")
        if key and key not in authorities and t.dep_ != "nsubj":
            return [key]
    return []


_DEADLINE = re.compile(r"(d['’]ici|jusqu['’]|avant|horizon|prévu|attendu)[^.,;]{0,14}$", re.I)
_COMPARISON = re.compile(r"\bcontre\b[^.;:]{0,30}$|\bqu(?:e\s+|['’])$", re.I)
_DEADLINE_IN = re.compile(r"d['’]ici|avant|jusqu", re.I)


def _date(view: DocView, sent: Span, tok: Token, typ: str) -> str | None:
    """The date expression of the sentence nearest the trigger, deadlines ("d'ici fin 2013")
    and comparisons ("contre 3 % un an plus tôt") left out; results are dated by their period
    (a quarter, a year) rather than by the day they were published. An undated statement in
    the present tense, or in the title, happens at the article's news date."""
    text = view.doc.text
    dates = [(abs(s - tok.idx), v) for s, e, v in view.doc._.kg_dates or []
             if sent.start_char <= s < sent.end_char and not _DEADLINE.search(text[max(0, s - 30):s])
             and not _DEADLINE_IN.match(text, s)
             and not _COMPARISON.search(text[max(sent.start_char, s - 40):s])]
    if typ == "Results" and any(len(v) != 10 for _, v in dates):
        dates = [(d, v) for d, v in dates if len(v) != 10]
    if dates:
        return min(dates)[1]
    if _present(tok) or "\n" not in text[:sent.start_char].strip():
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


def _quoted(tok: Token) -> bool:
    """The trigger is inside a quotation: what someone says, not what the article reports."""
    text = tok.doc.text
    before = text[text.rfind("\n", 0, tok.idx) + 1:tok.idx]  # the paragraph so far
    return before.count("«") > before.count("»") or before.count("“") > before.count("”")


def _blocked(tok: Token, typ: str) -> bool:
    """Negated, hypothetical, failed, forecast or quoted triggers open no event; an announced
    job-cut plan is news even in the future tense ("10 000 postes seront supprimés"), a
    conditional one is not."""
    if _quoted(tok) or _governed_by_blocker(tok):
        return True
    if typ == "Layoff":
        return _negated(tok) or "Cnd" in tok.morph.get("Mood") or tok.sent.text.rstrip().endswith("?")
    return _negated(tok) or is_hypothetical(tok)


def _negated(tok: Token) -> bool:
    """Negated in written French: a negative word and its "ne" ("deux fois plus que" is not)."""
    if not is_negated(tok):
        return False
    verbs = (tok, *[c for c in tok.children if c.dep_.startswith("aux") or c.dep_ == "cop"])
    return any(c.lower_ in ("ne", "n'", "n’") for t in verbs for c in t.children)


# Climb from the trigger to the verbs that govern it; not out of a participial modifier ("X,
# racheté en 2012 par Y, n'a jamais …" is a done deal whatever the main verb says).
_GOVERNED = ("xcomp", "ccomp", "obj", "obl", "obl:arg", "advcl", "nmod", "nsubj", "nsubj:pass")


def _governed_by_blocker(tok: Token) -> bool:
    """A verb above the trigger says the event failed or is only planned ("a renoncé à
    racheter", "n'a pas réussi à mettre la main sur", "prépare son introduction en Bourse")."""
    stop = _rules().get("blockers", frozenset())
    head = tok
    for _ in range(3):
        if head.head is head or head.dep_ not in _GOVERNED:
            break
        head = head.head
        if fold(head.lemma_.lower()) in stop or fold(head.lower_) in stop:
            return True
        if head.pos_ in ("VERB", "AUX") and (_negated(head) or "Fut" in head.morph.get("Tense")):
            return True
    return False


def _amount_dates(view: DocView, sent: Span, after: int) -> list[tuple[str, str]]:
    """(amount, date) pairs after the trigger where an amount is followed by its own date:
    "150 000 euros en janvier 2014 …, puis 100 000 euros en mars 2016"."""
    text = view.doc.text
    dates = [(s, v) for s, _, v in view.doc._.kg_dates or [] if after <= s < sent.end_char]
    pairs = []
    for m in _MONEY.finditer(text, after, sent.end_char):
        nxt = [(s, v) for s, v in dates if m.end() <= s <= m.end() + 30]
        if nxt and not _MONEY.search(text, m.end(), nxt[0][0]) and "action" not in m.group(0):
            pairs.append((" ".join(m.group(0).split()), nxt[0][1]))
    return pairs


def extract_events(view: DocView) -> list[Event]:
    """Events of the doc, one per (type, agent, date); undated twins of dated ones dropped."""
    salient = view.salient_org()
    found: dict[tuple, Event] = {}
    for sent in view.sents:
        for tok, typ, trig in _find_triggers(view, sent):
            if _blocked(tok, typ) or not _requirements_met(view, sent, typ, tok, trig):
                continue
            date = _date(view, sent, tok, typ)
            at = tok.idx - sent.start_char
            qty = quantity(typ, sent.text, at, trig)
            occurrences = [(qty, date)]
            if typ in _AMOUNT_TYPES:
                pairs = _amount_dates(view, sent, tok.idx)
                if len({d for _, d in pairs}) > 1:
                    occurrences = pairs
            place = _place(view, sent)
            for agent in _agents(view, tok, typ, trig, salient):
                for amount, when in occurrences:
                    ev = Event(typ, agent, sent.text.strip(), sent.start_char, sent.end_char,
                               when, place, amount, f"event-{typ.lower()}", 0.6)
                    found.setdefault((typ, agent, when), ev)
    dated = {(t, a) for (t, a, d) in found if d}
    return [e for (t, a, d), e in found.items() if d or (t, a) not in dated]
