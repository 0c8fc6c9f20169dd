"""Statements that open no event: negated, hypothetical, planned, failed or called-off
triggers, imperatives, triggers inside a quotation or introducing one ("« … », a lancé X")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import is_hypothetical, is_negated, is_question
from kg.extract.event_parse import rules as _rules
from kg.nlp.resources import fold


def _quoted(tok: Token, text: str) -> bool:
    """The trigger is inside a quotation: what someone says, not what the article reports."""
    before = text[text.rfind("\n", 0, tok.idx) + 1:tok.idx]  # the paragraph so far
    # Straight quotes ("…") open and close alike: an odd count so far means inside one.
    return before.count("«") > before.count("»") or before.count("“") > before.count("”") \
        or before.count('"') % 2 == 1


def _incise(tok: Token, text: str) -> bool:
    """The verb introduces what was just quoted ("« … », a lancé le sénateur"): speech, not an event."""
    i = tok.i - 1  # the parser may end the sentence at the closing quote
    while i >= 0 and (tok.doc[i].dep_.startswith("aux") or tok.doc[i].text == "," or tok.doc[i].is_space):
        i -= 1
    return i >= 0 and tok.doc[i].text in ("»", "”", '"') and (
        tok.doc[i].text != '"' or text.count('"', 0, tok.doc[i].idx) % 2 == 1)  # a closing "


def blocked(tok: Token, typ: str, text: str) -> bool:
    """Negated, hypothetical, failed, forecast or quoted triggers open no event; an announced
    job-cut plan is news even in the future tense ("10 000 postes seront supprimés"), a
    conditional one is not."""
    if tok.pos_ == "PRON" and tok.lower_ in ("s'", "s’", "se") and tok.head.pos_ == "VERB":
        tok = tok.head  # "pour s'offrir X", "renoncé à s'emparer de X": the verb is what is governed
    if _quoted(tok, text) or _incise(tok, text) or _governed_by_blocker(tok, typ):
        return True
    if _none_of(tok) or "Imp" in tok.morph.get("Mood") or _reflexive_launch(tok, typ):
        return True  # "Sortez les appareils photos !": an imperative tells no news
    if typ == "Layoff":
        return _negated(tok) or "Cnd" in tok.morph.get("Mood") or is_question(tok.sent)
    return _negated(tok) or is_hypothetical(tok)


def _reflexive_launch(tok: Token, typ: str) -> bool:
    """"se lancer dans la vente", "se lancer sur YouTube": starting out, not launching a product."""
    return typ == "ProductLaunch" and tok.pos_ == "VERB" and any(
        c.dep_ in ("expl:comp", "expl:pv", "obj") and c.lower_ in ("se", "s'", "s’") for c in tok.children)


def _none_of(tok: Token) -> bool:
    """A trigger noun with a negative determiner ("aucun incident n'a été signalé", "sans
    aucune suppression de poste"): nothing happened."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("aucun", "aucune", "nul", "nulle")
                                      for c in tok.children)


def _negated(tok: Token) -> bool:
    """Negated in written French: a negative word and its "ne" ("deux fois plus que" is not)."""
    if not is_negated(tok):
        return False
    verbs = (tok, *[c for c in tok.children if c.dep_.startswith("aux") or c.dep_ == "cop"])
    return any(c.lower_ in ("ne", "n'", "n’") for t in verbs for c in t.children)


# Voluntary departures offered are the layoff news ("a proposé des départs volontaires à 2 000 salariés").
_OFFER = {"proposer"}


def _done(verb: Token) -> bool:
    """"devoir" in a past compound tense says it was done ("a dû verser", "avait dû supprimer"),
    not that it is to come ("doit verser")."""
    if fold(verb.lemma_.lower()) != "devoir":
        return False
    if "Part" in verb.morph.get("VerbForm"):
        return any(c.dep_ == "aux:tense" for c in verb.children) or (
            verb.dep_ == "aux" and any(c.dep_ == "aux:tense" for c in verb.head.children))
    return False


def _colon_between(a: Token, b: Token) -> bool:
    """A colon or a semicolon between a trigger's phrase and the verb above it: "Il doit composer
    avec … : en mars, X l'a poursuivi" is a clause of its own, not governed."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in (":", ";") for t in a.doc[lo + 1:hi])


# Climb from the trigger to the verbs that govern it; not out of a participial modifier ("X,
# racheté en 2012 par Y, n'a jamais …" is a done deal whatever the main verb says).
_GOVERNED = ("xcomp", "ccomp", "obj", "obl", "obl:arg", "obl:mod", "advcl", "nmod", "nsubj", "nsubj:pass")


def _governed_by_blocker(tok: Token, typ: str = "") -> bool:
    """A verb above the trigger says the event failed or is only planned ("a renoncé à
    racheter", "n'a pas réussi à mettre la main sur", "prépare son introduction en Bourse"); a
    deal called off ("mis fin à leur projet de fusion"), but a settlement that ends lawsuits is news."""
    stop = _rules().get("blockers", frozenset())
    ends = _rules().get("blocker_objects", frozenset())
    plans = _rules().get("plan_blockers", frozenset())
    if any(c.dep_.startswith("aux") and fold(c.lemma_.lower()) in stop and not _done(c) for c in tok.children):
        return True  # "doit disparaître", "doit dévoiler": "devoir" tagged as an auxiliary
    head = tok.head if tok.dep_ == "case" else tok  # "du marché": from the noun
    for _ in range(3):
        if head.head.i == head.i or head.dep_ not in _GOVERNED or _colon_between(head, head.head):
            break
        head = head.head
        if (fold(head.lemma_.lower()) in stop or fold(head.lower_) in stop) and not _done(head) and not (
                typ == "Layoff" and fold(head.lemma_.lower()) in _OFFER):
            return True
        if typ != "Layoff" and fold(head.lemma_.lower()) in plans:
            return True  # "dont le lancement est prévu mardi"; a job-cut plan is news ("prévoit 300 suppressions")
        if typ != "Lawsuit" and any(c.dep_ == "obj" and fold(c.lemma_.lower()) in ends for c in head.children):
            return True  # "ont mis fin à leur projet de fusion", "jeté l'éponge sur le rachat"
        # an announced job-cut plan "qui se traduira par 10 000 suppressions" is news: not blocked by the future
        if head.pos_ in ("VERB", "AUX") and (_negated(head) or ("Fut" in head.morph.get("Tense") and typ != "Layoff")
                                             or "Cnd" in head.morph.get("Mood")):
            return True  # "pourrait exposer le groupe à des amendes"
    return False
