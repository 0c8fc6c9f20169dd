"""Lawsuit parties: the plaintiff of a complaint and the party a fine or a sentence falls on,
never the authority that sanctions."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.event_parse import by_agent, fallback, has_case, orgs, rules, subjects
from kg.nlp.resources import fold, gazetteer


_SANCTIONERS = {"infliger", "condamner", "sanctionner"}  # folded; "imposer" also restricts, "frapper" also hits
_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "imposer", "impose", "poursuivre", "debouter"}  # folded
_PAY = {"payer", "verser", "regler", "acquitter", "rembourser"}  # folded: who pays a fine is the party at fault


def authority(view: DocView, key: str | None) -> bool:
    """A regulator or a court ("CNIL", "Autorité de la concurrence", "Tribunal de l'UE"): one of
    its names (label, aliases, gazetteer names) holds a word of event_rules.authority_words.
    Fines and verdicts never fall on it."""
    if not key:
        return False
    words = rules().get("authority_words", frozenset())
    ent = view.entities.get(key)
    entry = gazetteer().entries.get(key)
    names = [ent.label, *ent.aliases] if ent else []
    if entry:
        names += [entry.name, *entry.aliases, *entry.nicknames]
    return any(w in words for n in names for w in fold(n.lower()).replace("'", " ").replace("’", " ").split())


def plaintiff(view: DocView, tok: Token, salient: str | None) -> list[str]:
    """Who complains or sues: the "par X", the subject, the "de X" of a noun ("une plainte de
    X"); never the authority seized (the object of "saisir"). A subject the text names but we
    cannot resolve ("le service de son fondateur") leaves the event without an agent."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    seized = {k for c in verb.children if c.dep_ == "obj" for k in orgs(view, c)}
    found = by_agent(view, tok)
    if not found and tok.pos_ == "NOUN":  # "après une plainte de X": X, not the clause's subject
        found = _author(view, tok)
        if not found and (tok.dep_ in ("obl:mod", "nmod", "obl:agent") or has_case(tok, "après", "par")):
            return []  # "une enquête ouverte après des plaintes": whose is not said
    found = [k for k in found or subjects(view, tok, passive=False) if k not in seized]
    if found:
        return found
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and _people(c) for c in verb.children):
        return defendant(view, tok, salient) or fallback(salient)  # "des salariés ont porté plainte"
    if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c.i != tok.i for c in verb.children):
        return []
    # "le procès antitrust contre Google s'est ouvert": no plaintiff named, the party sued
    return [k for k in defendant(view, tok) if k not in seized] or fallback(salient)


def _author(view: DocView, tok: Token) -> list[str]:
    """The author a complaint noun names: "une plainte de X", "les plaintes de plusieurs
    comparateurs, dont X", "la plainte qu'il a déposée" (the relative clause's subject)."""
    for c in tok.children:
        if c.dep_ == "nmod" and (has_case(c, "de", "d'", "d’", "du", "des") or any(
                d.lower_ == "dont" for d in c.subtree)):
            found = orgs(view, c) or [k for d in c.children if d.dep_ in ("nmod", "appos") for k in orgs(view, d)]
            if found:
                return found[:1]
        if c.dep_ == "acl:relcl":
            if fold(c.lemma_.lower()) == "opposer":  # "le procès qui oppose X à Y": X
                found = [k for d in c.children if d.dep_ == "obj" for k in orgs(view, d)]
                if found:
                    return found[:1]
            for d in c.children:
                if d.dep_ == "nsubj" and d.lower_ not in ("qui",) and (found := orgs(view, d)):
                    return found[:1]
    return []


def _authorities(view: DocView) -> set[str | None]:
    """Organisations that sanction somewhere in the article (subjects of "infliger", "condamner" …)."""
    return {view.ent_of(x, "Organization") for t in view.tokens if fold(t.lemma_) in _SANCTIONERS
            for c in t.children if c.dep_ == "nsubj" for x in _phrase(c)}


def _salient_party(view: DocView) -> str | None:
    """The most mentioned organisation that never sanctions in the article (not the CNIL that
    fines, but the company fined)."""
    authorities = _authorities(view)
    counts = Counter(m.key for m in view.doc._.kg_mentions or []
                     if view.type(m.key) == "Organization" and m.key not in authorities)
    return counts.most_common(1)[0][0] if counts else None


def _definite_description(view: DocView, tok: Token) -> bool:
    """"la firme", "le groupe": a definite common noun naming no entity (its referent is elsewhere)."""
    return tok.pos_ == "NOUN" and not view.ent_of(tok) and any(
        c.dep_ == "det" and c.lower_ in ("la", "le", "l'", "l’") for c in tok.children) and not any(
        c.dep_ in ("nmod", "appos") for c in tok.children)


def _people(tok: Token) -> bool:
    """An indefinite group of people ("des employés", "plusieurs utilisateurs"), who sue the
    organisation the article is about."""
    people = rules().get("people_nouns", frozenset())
    return fold(tok.lemma_.lower()) in people and any(
        c.dep_ in ("det", "nummod") and c.lower_ not in ("le", "la", "l'", "l’", "les", "son", "sa", "ses")
        for c in tok.children)


def defendant(view: DocView, tok: Token, salient: str | None = None) -> list[str]:
    """The party a fine or a sentence falls on: "à X" of "infliger", the object of "condamner",
    the subject of a passive "X a été condamné", of "X s'est vu infliger", of "X a accepté de
    payer une amende", else the sentence's first organisation that does not sanction. Never a
    regulator or a court. A person sentenced is no company's lawsuit: nothing."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    described = False
    for t in (verb, tok):
        for c in t.children:
            if c.dep_ in ("iobj", "obl", "obl:arg", "obl:mod", "nmod") and has_case(c, "à", "au", "contre"):
                if found := _parties(view, c):
                    return found[:1]
                described = described or _definite_description(view, c)
            if c.dep_ == "obj" and fold(verb.lemma_) in _SANCTION and (found := _parties(view, c)):
                return found[:1]
            if c.dep_ == "iobj" and c.lower_ in ("lui", "leur") and t.i == verb.i and (found := _parties(view, c)):
                return found[:1]  # "elle lui avait imposé une amende", the clitic resolved
    if found := _payer(view, tok, verb):
        return found
    if found := _found_at_fault(view, tok, verb):
        return found
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.pos_ != "VERB" or verb.dep_ == "acl"
    if passive and fold(tok.lemma_) in _SANCTION:
        # "X a démissionné après avoir été condamné": the infinitive's subject is the main one
        owner = verb if any(c.dep_.startswith("nsubj") for c in verb.children) else verb.head
        for c in owner.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if view.ent_of(c, "Person"):
                    return []
                if found := _parties(view, c):
                    return found[:1]
    described = described or any(t.dep_ in ("nmod", "obl", "obl:mod") and has_case(t, "contre")
                                 and _definite_description(view, t) for t in tok.subtree)
    if described and (party := _salient_party(view)):
        return [party]  # "les sanctions de la Commission contre la firme": the article's company
    return _first_party(view, tok)


def _found_at_fault(view: DocView, tok: Token, verb: Token) -> list[str]:
    """A court that finds "que X avait abusé de sa position" (the trigger is the court, the jury
    or the verdict, subject of "estimer", "juger", "conclure"): X is the party at fault."""
    if tok.pos_ == "VERB":
        verb = tok  # "la juge a estimé que X avait …": the ruling verb is the trigger
    elif tok.dep_ != "nsubj":
        return []
    for c in verb.children:
        if c.dep_ == "ccomp":
            found = [k for s in c.children if s.dep_ in ("nsubj", "nsubj:pass") for k in _parties(view, s)]
            if found:
                return found[:1]
    return []


def _parties(view: DocView, tok: Token) -> list[str]:
    """The organisations a phrase names, regulators and courts left out."""
    return [k for k in orgs(view, tok) if not authority(view, k)]


def _payer(view: DocView, tok: Token, verb: Token) -> list[str]:
    """"X s'est vu infliger une amende", "X a accepté de payer une amende", "X devra verser 2
    millions": the subject of "voir" or of the paying verb (or of the verbs above it)."""
    for head in (verb, verb.head, verb.head.head):
        lemma = fold(head.lemma_.lower())
        if lemma == "voir" or (lemma in _PAY and head.i == verb.i):
            found = [k for k in subjects(view, head, passive=False) if not authority(view, k)]
            return found[:1]
    return []


def _first_party(view: DocView, tok: Token) -> list[str]:
    """The sentence's first organisation that neither sanctions nor judges, preferably not a
    subject ("la CNIL a infligé …"), else the subject of a verb above the trigger ("Amazon
    conteste l'amende infligée par …"); "la filiale d'Alphabet a écopé …": not Alphabet."""
    sent = tok.sent
    authorities = _authorities(view)
    for t in sent:
        if fold(t.lemma_) in _SANCTION:
            for h in (t, t.head):
                authorities |= {view.ent_of(x, "Organization") for c in h.children if c.dep_ == "nsubj"
                                for x in _phrase(c)}
    relational = rules().get("relational_nouns", frozenset())
    keys = [(t, k) for t in sent if (k := view.ent_of(t, "Organization")) and k not in authorities
            and not authority(view, k) and not (t.dep_ == "nmod" and fold(t.head.lemma_.lower()) in relational)
            and not _source(t)]
    # "Amazon conteste l'amende infligée par le régulateur": a subject that does not sanction
    above = {a.i for a in tok.ancestors}
    first = next((k for t, k in keys if t.dep_ != "nsubj"), None) or next(
        (k for t, k in keys if t.head.i in above), None)
    return [first] if first else []


def _source(tok: Token) -> bool:
    """A source reporting the news, not a party: "a rapporté Reuters", "selon Bloomberg", "un
    courriel publié par le site 9to5Mac", a viewpoint opening the sentence ("Pour le syndicat
    SUD, l'amende …")."""
    verbs = rules().get("source_verbs", frozenset())
    if (tok.dep_ in ("nsubj", "obj") and fold(tok.head.lemma_.lower()) in verbs) or has_case(
            tok, "selon", "d'après", "d’après"):
        return True
    head = tok
    while head.dep_ in ("flat:name", "flat", "appos", "nmod", "amod") and head.head.i != head.i and head.head.pos_ != "VERB":
        head = head.head  # "le site 9to5Mac", "le syndicat SUD": the phrase's own head
    if (head.dep_ == "obl:agent" or has_case(head, "par")) and fold(head.head.lemma_.lower()) in rules().get(
            "source_passives", frozenset()):
        return True
    first = head.left_edge
    return has_case(head, "pour") and first.i == head.sent.start and any(
        t.text == "," for t in head.doc[head.right_edge.i + 1:head.right_edge.i + 2])


def _phrase(tok: Token) -> list[Token]:
    """The tokens of a noun phrase with its appositions and acronyms ("la Commission irlandaise
    (DPC)"), not the clauses hanging on it."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in ("acl", "acl:relcl", "punct"):
            out += _phrase(c)
    return out
