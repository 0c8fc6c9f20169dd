"""Events (outages, layoffs, acquisitions, launches, funding, lawsuits, results).

A trigger word of ``lexicon.json`` opens an event when its sentence also holds what the type
needs (an amount for Funding, a figure for Results, a product for ProductLaunch…). The agent is
read on the parse (see :func:`kg.extract.event_agents.agents`), else it is the article's most salient organisation;
the date is the sentence's date expression nearest the trigger (:mod:`kg.extract.event_dates`; a period rather than a day for
Results; deadlines and comparisons "contre 3 % un an plus tôt" left out); the place is the
sentence's first Place; the quantity is the figure the type is about (see :func:`quantity`).
Negated, conditional, future, failed or forecast statements and quoted words open no event.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg.extract.context import DocView
from kg.extract.event_blocks import blocked
from kg.extract.event_agents import agents
from kg.extract.event_dates import amount_dates, event_date, present_tense
from kg.extract.event_parse import has_case, rules as _rules
from kg.extract.event_results import SHARE_TRIGGERS, ranked_orgs
from kg.extract.event_sentences import back_reference, heading_line, sentences
from kg.extract.quantities import FIGURE as _FIGURE
from kg.extract.quantities import MONEY as _MONEY
from kg.extract.quantities import MONEY_WORD as _MONEY_WORD
from kg.extract.quantities import quantity
from kg.model import Event
from kg.nlp.resources import fold, lex


_AMOUNT_TYPES = ("Funding", "Acquisition", "Lawsuit")
_CASES = ("à", "au", "aux", "de", "du", "des", "d'", "d’", "en", "dans", "sur", "pour", "par", "avec")  # "X en 2014, puis Y en 2016": one event each


def _find_triggers(view: DocView, sent: Span) -> list[tuple[Token, str, str]]:
    """(token, event type, folded trigger) for each trigger phrase (longest phrase first)."""
    lexi = lex()
    table, firsts = lexi.event_triggers, lexi.event_first_words
    tokens, lowers, lemmas = view.tokens, view.folded_lowers, view.folded_lemmas
    found = []
    for i in range(sent.start, sent.end):
        lemma = lemmas[i]  # folded columns: a Token is made only for a possible trigger
        if lowers[i] not in firsts and lemma not in firsts:
            if ("se " + lemma) in table:
                reflexive = _reflexive_trigger(tokens[i], lemma, table)
                if reflexive:
                    found.append((tokens[i], table[reflexive], reflexive))
            continue
        tok = tokens[i]
        for n in (4, 3, 2, 1):
            if i + n > sent.end:
                continue
            words = [fold(t.lower_) for t in tokens[i:i + n]]
            phrase = " ".join(words)
            typ = table.get(phrase)
            if typ is None and n > 1:  # an inflected verb in an idiom: "a mis la main", "se séparerait"
                for variant in ([lemma, *words[1:]], [*words[:-1], fold(tokens[i + n - 1].lemma_.lower())]):
                    if table.get(" ".join(variant)):
                        phrase = " ".join(variant)
                        typ = table[phrase]
                        break
            # a verb of the lexicon read through the lemma matches a verb, not its noun ("offre")
            if typ is None and n == 1 and table.get(lemma) and (_verb(tok) or not lemma.endswith("r")):
                typ, phrase = table[lemma], lemma
            if typ:
                found.append((tok, typ, phrase))
                break
    return found


_REFLEXIVE = ("se", "s'", "s’")


def _reflexive_trigger(tok: Token, lemma: str, table: dict[str, str]) -> str | None:
    """"se séparer" in a compound tense, its clitic away from the verb ("il s'était séparé de
    1 900 personnes", "ils se sont séparés de"): the phrase "se" + the verb's lemma."""
    if tok.pos_ != "VERB" or ("se " + lemma) not in table:
        return None
    clitic = next((c for c in tok.children if c.lower_ in _REFLEXIVE and c.dep_.startswith(("expl", "obj"))), None)
    return "se " + lemma if clitic is not None and clitic.i != tok.i - 1 else None


def _verb(tok: Token) -> bool:
    """A verb, unless a determiner makes it a noun the tagger missed ("l'offre")."""
    return tok.pos_ in ("VERB", "AUX") and not any(c.dep_ == "det" for c in tok.children)


def _court_case(view: DocView, sent: Span, tok: Token, trig: str) -> bool:
    """"attaquer", "saisir", "procédure" are lawsuits only before a court or an authority."""
    words = {fold(t.lower_) for t in sent}
    if words & _rules().get("court", frozenset()):
        return True
    if trig in ("saisir", "poursuivre"):  # "poursuivi le fabricant de puces": a company described
        org_nouns = lex().org_nouns
        return any(c.dep_ == "obj" and (view.ent_of(c, "Organization") or (
            trig == "poursuivre" and c.lemma_.lower() in org_nouns and any(
                d.dep_ == "det" and d.lower_ in ("le", "la", "l'", "l’") for d in c.children))) for c in tok.children)
    if trig.startswith("procedure"):
        return tok.head.lemma_.lower() in ("engager", "lancer", "ouvrir", "intenter")
    return False


_BENCH = {"juge", "juges", "jury", "jures", "cour", "tribunal", "tribunaux", "justice"}


def _court_subject(tok: Token) -> bool:
    """A ruling verb ("rejeter", "confirmer", "estimer") says a court ruled when its subject, or
    the agent of its passive, is a court, a judge or a jury ("la cour d'appel a confirmé",
    "confirmée par la cour d'appel", "le Conseil d'Etat a rejeté")."""
    if tok.pos_ != "VERB":
        return False
    for c in tok.children:
        if c.dep_ in ("nsubj", "obl:agent"):
            words = [fold(t.lower_) for t in c.subtree if t.dep_ not in ("acl", "acl:relcl")]
            if _BENCH & set(words) or "conseil d etat" in " ".join(words):  # fold drops the apostrophe
                return True
    return False


def _requirements_met(view: DocView, sent: Span, typ: str, tok: Token, trig: str) -> bool:
    text = sent.text
    kinds = {view.type(view.key(t)) for t in sent if view.key(t)}
    if typ == "Funding":  # an amount of money, not "deux millions de joueurs"
        if trig == "faire son entree":  # "a fait son entrée mardi sur le Nasdaq", not "au gouvernement"
            return _MARKET.search(text) is not None
        return bool(_MONEY.search(text)) or "bourse" in text.lower()
    if typ == "Results":
        if trig == "perdre" and not _MONEY.search(text):
            return False  # "l'action a perdu 4,9 %", "perdu 800 000 abonnés": no loss made
        if trig == "profit" and has_case(tok, "à", "au"):
            return False  # "mettre cette période à profit", "au profit de": no earnings
        forecast = _rules().get("forecast", frozenset())
        if tok.pos_ == "NOUN" and tok.head.text == "%" and fold(tok.head.head.lemma_.lower()) not in _CHANGES \
                and trig not in SHARE_TRIGGERS:
            return False  # "jusqu'à 10 % de son chiffre d'affaires": a cap, not a result ("un recul de 9 % de" is)
        return (quantity(typ, text) is not None and tok.pos_ in ("NOUN", "VERB", "ADJ", "ADP")
                and not any(fold(t.lower_) in forecast for t in sent) and not _price(tok, text))
    if typ == "ProductLaunch":
        if tok.pos_ == "NOUN" and tok.dep_ == "nmod" and not any(c.dep_ == "det" for c in tok.children) \
                and has_case(tok, "de", "d'", "d’"):
            return False  # "le catalogue de lancement", "prix de lancement": a kind, not a launch
        if trig == "sortir" and (present_tense(tok) or any(has_case(c, *_rules().get("exit_cases", ())) for c in tok.children)):
            return False  # "sorti du capital": leaving; "qui sort vendredi": still to come
        if tok.pos_ == "ADJ":  # "disponible depuis février": on sale since then; "disponible dès …" is not news
            return trig in ("disponible", "accessible") and any(has_case(c, "depuis") for c in tok.children) and (
                "Product" in kinds or any(c.dep_ == "nsubj" and any(view.ent_of(t, "Organization") for t in c.subtree)
                                        for c in tok.children))
        return tok.pos_ in ("VERB", "NOUN") and _launches_product(view, tok) and (
            "Product" in kinds or _launched_kind(view, tok))
    if typ == "Acquisition":
        if any((c.dep_ == "obj" or (c.dep_.startswith("obl") and not has_case(c, *_CASES)))
               and fold(c.lemma_.lower()) in _rules().get("non_targets", ()) for c in tok.children):
            return False  # "a repris la première place", "a repris la main": a rank, not a company
        if trig in _rules().get("needs_target", ()) and not _named_target(view, tok):
            return False  # "en mettant la main sur le réseau social": whose? said elsewhere
        orgs = {view.key(t) for t in sent if view.type(view.key(t)) in ("Organization", "Product")}
        return len(orgs) >= 2 or (len(orgs) >= 1 and (_MONEY_WORD.search(text) is not None or _named_object(view, tok)))
    if typ == "Layoff":
        if trig in _rules().get("staff_objects", ()):
            return _staff_object(tok, counted=trig == "remercier")
        if trig in _rules().get("needs_jobs", ()):  # "se séparer de sa filiale", "le départ de son PDG"
            sub = list((tok.head if tok.dep_.startswith("expl") else tok).subtree)  # "se" of "se séparer"
            phrase = view.text[sub[0].idx:sub[-1].idx + len(sub[-1])]
            return quantity(typ, phrase) is not None or _STAFF_SHARE.search(phrase) is not None
        cut = _cut_noun(tok) if " " not in trig else None  # "plan de départs": the phrase is the trigger
        if cut is not None and not _staff(cut):
            return False  # "a supprimé des milliers de comptes": what is cut is not staff
        return bool(_FIGURE.search(text)) or "plan" in text.lower() or cut is not None  # "des milliers d'emplois"
    if typ == "Lawsuit":
        if trig in _rules().get("court_rulings", ()):
            return _court_subject(tok)
        if trig == "en appel":  # "condamné en appel": the verb is the trigger that decides
            gov = tok.head.head
            if fold(gov.lemma_.lower()) in lex().event_triggers or fold(gov.lower_) in lex().event_triggers:
                return False
        if trig in ("attaquer", "saisir", "recours", "poursuivre", "jugement") or trig.startswith("procedure"):
            return "Organization" in kinds and _court_case(view, sent, tok, trig)
        if trig.startswith("sanction"):  # trade sanctions are no lawsuit; fines come with an amount
            trade = _rules().get("trade_sanctions", frozenset())
            if any(c.dep_ == "amod" and fold(c.lemma_.lower()) in trade for c in tok.children):
                return False  # "malgré les sanctions américaines": a state's measures, no fine
            return "Organization" in kinds and _MONEY.search(text) is not None
        # "des employés ont déposé une plainte devant le tribunal": a court names no organisation
        return "Organization" in kinds or bool({fold(t.lower_) for t in sent} & _rules().get("court", frozenset()))
    return True


# nouns of a change in a figure: "un recul de 9 % de son chiffre d'affaires" states a result
_CHANGES = {"recul", "hausse", "baisse", "progression", "croissance", "chute", "repli", "augmentation",
            "bond", "diminution", "contraction", "envolee", "plongeon", "effondrement", "amelioration"}
_MARKET = re.compile(r"\b(?:bourse|nasdaq|euronext|nyse|wall street|cotation|cotée?s?)\b", re.I)
# "10 % de ses effectifs": a share of the staff
_STAFF_SHARE = re.compile(r"\d[\d\s,.]*\s*%\s+(?:de\s+)?(?:ses|son|leurs?|des)\s+(?:effectifs|salariés|employés|"
                          r"personnel|postes)", re.I)
_PRICE = re.compile(r"\s*(?:,\s*)?(?:à\s+partir\s+de|au\s+prix\s+de|à|pour)?\s*$", re.I)


def _price(tok: Token, text: str) -> bool:
    """ "vendu (à partir de) 3 999 euros" states a price, not sales: a sum without millions or
    billions right after a form of "vendre"."""
    if fold(tok.lemma_.lower()) != "vendre":
        return False
    start = tok.idx - tok.sent.start_char + len(tok.text)
    money = _MONEY.search(text, start)
    return bool(money and _PRICE.match(text[start:money.start()]) and not re.search(r"milli", money.group(0)))


def _launches_product(view: DocView, tok: Token) -> bool:
    """A launch verb whose object is a plan or a figure launches nothing ("a dévoilé son projet
    de rachat", "a présenté ses résultats"): event_rules.launch_non_objects."""
    words = _rules().get("launch_non_objects", frozenset())
    return not any((c.dep_ == "obj" or (c.dep_.startswith("obl") and has_case(c, "sur")))
                   and fold(c.lemma_.lower()) in words for c in tok.children)  # "levé le voile sur ses résultats"


def _launched_kind(view: DocView, tok: Token) -> bool:
    """A launch verb done by an organisation on a kind of product the text does not name
    ("Samsung a dévoilé ses smartphones pliables", "les deux montres, présentées le 12
    septembre", "Elle a lancé une offre"): the object, the passive subject or the noun a
    participle qualifies is a product noun (event_rules.launch_kinds)."""
    if tok.pos_ != "VERB":
        return False
    nouns = _rules().get("launch_kinds", frozenset())
    things = [t for t in _clause(tok) if t.dep_ in ("obj", "nsubj:pass", "nmod", "obl:mod", "obl:arg", "appos", "conj")]
    if tok.dep_ == "acl":
        things.append(tok.head)
    stop = _rules().get("launch_non_objects", frozenset())
    if not any((fold(t.lower_) in nouns or fold(t.lemma_.lower()) in nouns)
               and not any(fold(x.lower_) in stop for x in t.subtree) for t in things):
        return False  # "une offre publique d'achat" is no product
    return bool(view.salient_org()) or any(view.ent_of(t, "Organization") for t in tok.sent)


def _clause(tok: Token) -> list[Token]:
    """The tokens of the verb's own clause: not those of a clause below it."""
    out, todo = [], [c for c in tok.children]
    while todo:
        t = todo.pop()
        if t.dep_ in ("acl:relcl", "advcl", "ccomp", "csubj", "parataxis") or (
                t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            continue
        out.append(t)
        todo.extend(t.children)
    return out


def _named_target(view: DocView, tok: Token) -> bool:
    """The trigger's object, "sur X" or "de X" names an organisation or a product ("a mis la main
    sur Altera", "la reprise de l'activité serveurs d'IBM"; not "la reprise du marché")."""
    return any((c.dep_ == "obj" or has_case(c, "sur", "de", "du", "d'", "d’", "des"))
               and any(view.ent_of(t, "Organization", "Product") for t in c.subtree) for c in tok.children)


def _named_object(view: DocView, tok: Token) -> bool:
    """An organisation (or a pronoun) buys something named ("il a racheté le quotidien La
    Provence"), though the name is not typed as an organisation."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return any(c.pos_ == "PRON" or view.ent_of(c, "Organization") for c in subj) and any(
        c.dep_ == "obj" and any(t.pos_ == "PROPN" for t in c.subtree) for c in tok.children)


def _place(view: DocView, sent: Span) -> str | None:
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name" and sent.start <= m.start < sent.end and view.type(m.key) == "Place":
            return m.key
    return None


# Words for an amount of something ("11 millions de vidéos", "10 % de ses effectifs"): what
# is cut is the noun they quantify.
_AMOUNT_NOUNS = {"million", "milliard", "millier", "centaine", "dizaine", "douzaine", "partie", "moitie",
                 "tiers", "quart", "%", "pourcent", "pourcentage", "nombre", "total", "ensemble"}


def _staff(tok: Token) -> bool:
    """A staff noun of ``job_nouns`` ("postes", "salariés", "effectifs")."""
    jobs = _rules().get("job_nouns", frozenset())
    return fold(tok.lemma_.lower()) in jobs or fold(tok.lower_) in jobs


def _staff_object(tok: Token, counted: bool) -> bool:
    """The verb's object is staff ("réduire de 15 % les effectifs"), counted when asked
    ("remercié 6 000 salariés", "plusieurs centaines d'employés"; not "remercié ses équipes")."""
    cut = _cut_noun(tok)
    if cut is None or not _staff(cut):
        return False
    # the object carries the count ("plusieurs centaines d'employés"); a trigger the tagger
    # made a noun has none, and its cut noun's own phrase is read (next() raised there)
    obj = next((c for c in tok.children if c.dep_ == "obj"), cut)
    return not counted or any(t.like_num or fold(t.lemma_.lower()) in _AMOUNT_NOUNS for t in obj.subtree)


def _cut_noun(tok: Token) -> Token | None:
    """The common noun a cut removes: the object of "supprimer", the "de X" of "suppression",
    through amounts ("des milliers de", "10 % de"); None when it is not named by a noun."""
    verb_like = tok.pos_ in ("VERB", "AUX")
    cut = next((c for c in tok.children if (c.dep_ == "obj" if verb_like else
                                            c.dep_ == "nmod" and has_case(c, "de", "d'", "d’", "des", "du"))), None)
    for _ in range(3):  # down through "des milliers de", "10 % de"
        if cut is None or fold(cut.lemma_.lower()) not in _AMOUNT_NOUNS:
            break
        cut = next((c for c in cut.children if c.dep_ == "nmod"), None)
    return cut if cut is not None and cut.pos_ == "NOUN" else None


def extract_events(view: DocView) -> list[Event]:
    """Events of the doc, one per (type, agent, date); undated twins of dated ones dropped."""
    salient = view.salient_org()
    found: dict[tuple, Event] = {}
    headed: dict[tuple, int] = {}  # keys first found in a title or a heading → paragraph
    para: dict[tuple, int] = {}  # key → paragraph of its first body sentence
    for sent in sentences(view):
        heading = heading_line(view.text, sent)
        npara = view.text.count("\n\n", 0, sent.start_char)
        for tok, typ, trig in _find_triggers(view, sent):
            if blocked(tok, typ, view.text) or not _requirements_met(view, sent, typ, tok, trig):
                continue
            date = event_date(view, sent, tok, typ)
            at = tok.idx - sent.start_char
            qty = quantity(typ, sent.text, at, trig)
            occurrences = [(qty, date)]
            if typ in _AMOUNT_TYPES:
                pairs = amount_dates(view, sent, tok.idx)
                if len({d for _, d in pairs}) > 1:
                    occurrences = pairs
            place = _place(view, sent)
            back = back_reference(view, tok)
            ranked = ranked_orgs(view, sent) if typ == "Results" else {}  # "devant Apple (17 %)"
            named = agents(view, tok, typ, trig, salient)
            ranked = {**ranked, **{k: q for k, q in _gapped(view, tok, typ).items() if k not in named}}
            for agent in named + [k for k in ranked if k not in named]:
                if back and any(k[:2] == (typ, agent) and k[2] and k[2] != date for k in found):
                    continue  # "l'incident tombe mal pour X, arrivé en juillet": told before, dated there
                for amount, when in occurrences:
                    ev = Event(typ, agent, sent.text.strip(), sent.start_char, sent.end_char,
                               when, place, amount if agent in named else ranked[agent], f"event-{typ.lower()}", 0.6)
                    key = (typ, agent, when)
                    if heading and key not in found and tok.pos_ != "VERB":
                        headed[key] = npara  # a title's verb ("X lance Y") tells today's news
                    elif not heading:
                        headed.pop(key, None)
                        para.setdefault(key, npara)
                    found.setdefault(key, ev)
    dated = {(t, a) for (t, a, d) in found if d}
    # a heading's noun is the event the next two paragraphs tell and date ("Incendie chez X" →
    # "un incendie s'est déclaré mercredi …"): drop the heading's copy dated elsewhere
    told = {(k, headed[k]) for k in headed for (t, a, d), n in para.items()
            if (t, a) == k[:2] and d and headed[k] < n <= headed[k] + 2}
    retold = {k for k, _ in told}
    return [e for (t, a, d), e in found.items() if (d or (t, a) not in dated) and (t, a, d) not in retold]


_ELLIPTIC = {"celle", "celui", "celles", "ceux"}


def _gapped(view: DocView, tok: Token, typ: str) -> dict[str, str | None]:
    """A second party of a nominal trigger in a gapped clause: "X a annoncé la suppression de
    18 000 emplois, et Y celle de 10 000 postes" (Y's cut, its own figure)."""
    out: dict[str, str | None] = {}
    if tok.pos_ != "NOUN":
        return out
    for t in tok.sent[tok.i - tok.sent.start + 1:]:
        if t.lower_ in _ELLIPTIC and 0 < t.i < len(t.doc) - 1 and t.doc[t.i + 1].lower_ in ("de", "d'", "d’"):
            key = view.ent_of(t.doc[t.i - 1], "Organization")
            if key:
                rest = t.doc[t.i:t.sent.end].text
                out[key] = quantity(typ, rest.split(",")[0])
    return out
