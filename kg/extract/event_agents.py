"""Who an event is about: the agent organisation read on the parse.

The buyer of an acquisition (never its target), the company funded rather than its investor,
the plaintiff of a complaint or the party sanctioned by a fine, else the subject, the "par X"
agent or the "de X" of a nominal trigger; the article's most salient organisation when the
sentence names none.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.event_parse import (RELATIVE, COMPL, by_agent, fallback, has_case, maker, orgs,
                                     prep_orgs, rules, subjects)
from kg.extract.event_parties import authority, defendant, plaintiff
from kg.nlp.coref import SUBORDINATE
from kg.nlp.resources import fold, lex


def _targets(view: DocView, tok: Token, trig: str = "") -> set[str]:
    """What an acquisition is of: the object, the passive subject, the "de Y" / "sur Y" (a
    product bought is no organisation: "Google a racheté YouTube" does not make Google a target
    because the gazetteer gives YouTube's maker as Google); the "de Y" of the trigger phrase's
    own noun ("a pris le contrôle de ce dernier")."""
    out: set[str] = set()
    words = set(trig.split()[1:])
    phrase_nouns = [c for c in tok.children if c.dep_ == "obj" and fold(c.lemma_.lower()) in words]
    for c in [*tok.children, *(d for n in phrase_nouns for d in n.children if d.dep_ == "nmod")]:
        if c.dep_ in ("obj", "nsubj:pass") or (c.dep_ in ("nmod", "obl:arg") and has_case(c, "de", "d'", "d’", "du", "sur")):
            out |= set(orgs(view, c)) if not view.ent_of(c, "Product") else set()
    return out


def agents(view: DocView, tok: Token, typ: str, trig: str, salient: str | None) -> list[str]:
    """The organisations an event is about (usually one).

    Acquisition: the "par X" agent, the buyer "à X" of "céder", else the subject; never the
    target. Funding by an investor ("miser sur", "investir dans"): the company funded. Lawsuit:
    the plaintiff for complaints ("a saisi", "a porté plainte", "attaqué en justice"), the party
    sanctioned for fines and verdicts. Others: the "par X", the subject, the "de X" of a noun.
    """
    table = rules()
    if tok.dep_.startswith("expl") and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head  # "X s'offre Y": the trigger phrase starts on the reflexive, the verb acts
    if typ == "Lawsuit":
        if trig in table.get("plaintiff", ()):
            return plaintiff(view, tok, salient)
        # "X a enfreint", "X a écopé d'une amende": the subject of the verb or of the noun's verb
        if trig in table.get("subject_defendant", ()) or (
                tok.pos_ == "NOUN" and fold(tok.head.lemma_.lower()) in table.get("subject_defendant", ())):
            return _at_fault(view, tok, salient)
        return defendant(view, tok, salient)
    if typ == "Acquisition":
        if trig in table.get("seller", ()):  # "céder X à Y", the "à Y" on the verb or on X
            objects = [c for c in tok.children if c.dep_ == "obj"]
            return prep_orgs(view, tok, ("à", "au", "aux"), COMPL) or next(
                (found for o in objects if (found := prep_orgs(view, o, ("à", "au", "aux"), ("nmod",)))), [])
        targets = _targets(view, tok, trig)
        # "son grand concurrent avait mis la main sur X": someone else than the article's company
        other = _possessive_subject(tok)
        for found in (by_agent(view, tok), _que_subject(view, tok), subjects(view, tok, passive=False),
                      _conj_subject(view, tok), _adjacent_subject(view, tok), [] if other else fallback(salient)):
            found = [k for k in found if k not in targets]
            if found:
                return found
        return []
    if typ == "Funding" and trig in table.get("investor", ()):
        investors = set(subjects(view, tok))
        if tok.dep_ == "acl":  # "les fonds X et Y, entrés au capital en 2016": the noun invests
            investors |= set(orgs(view, tok.head))
        capital = [c for c in tok.children if fold(c.lemma_.lower()) == "capital"]
        funded = next((found for t in (tok, *capital, *[c for c in tok.children if c.dep_ == "obj"])
                       if (found := prep_orgs(view, t, ("sur", "dans", "de", "d'", "d’", "du", "au"), COMPL))), [])
        return [k for k in funded or fallback(salient) if k not in investors]
    found = by_agent(view, tok, direct=typ == "Funding") or _product_maker(view, tok) or _reported_subject(view, tok) \
        or (_passive_owner(view, tok) if typ == "ProductLaunch" else []) \
        or subjects(view, tok) or prep_orgs(view, tok, ("chez",), COMPL)[:1] or _conj_subject(view, tok) \
        or _adjacent_subject(view, tok)
    if not found and tok.pos_ == "NOUN":
        found = prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    if not found and typ == "Outage":
        found = _hit(view, tok)
    return found or _main_subject(view, tok) or _topic(view, tok) or fallback(salient)


def _topic(view: DocView, tok: Token) -> list[str]:
    """The organisation the text is about at this point, when the sentence names none: the
    latest organisation subject of the two sentences before ("Apple a publié ses comptes. Le
    chiffre d'affaires a progressé de 8 %")."""
    key = view.subject_before(tok, "Organization")
    return [key] if key and not authority(view, key) else []  # a regulator reports no results


def _passive_owner(view: DocView, tok: Token) -> list[str]:
    """"La console de Sony est commercialisée jeudi": the "de X" of the product launched."""
    for c in tok.children:
        if c.dep_ == "nsubj:pass" and c.pos_ == "NOUN" and not _apposition(view, c):
            found = [k for d in c.subtree if d.dep_ == "nmod" and has_case(d, "de", "d'", "d’", "du")
                     and not any(a.dep_ == "acl:relcl" and a.i > c.i for a in d.ancestors) for k in orgs(view, d)]
            if found:
                return found[:1]
    return []


def _apposition(view: DocView, noun: Token) -> bool:
    """"X, qui fonctionne sous Android, le système de Google, avait été lancé": a noun phrase
    right after a name and a comma describes that name; the parser took it for the subject."""
    first = noun.left_edge.i
    return first >= 2 and view.tokens[first - 1].text == "," and view.ent_of(view.tokens[first - 2]) is not None


def _at_fault(view: DocView, tok: Token, salient: str | None) -> list[str]:
    """The subject of "X a écopé de", "X a enfreint": not a regulator; for a description, the
    organisation inside it ("la fonction des montres d'Apple enfreignait" → Apple), never the
    "de X" of a relational noun ("la filiale d'Alphabet a écopé …" is not Alphabet)."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    subj = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
    relational = rules().get("relational_nouns", frozenset())
    owned = set()
    if subj is not None and fold(subj.lemma_.lower()) in relational:
        owned = {k for c in subj.children if c.dep_ == "nmod" for k in orgs(view, c)}
    found = [k for k in subjects(view, tok, clause=True) if not authority(view, k) and k not in owned]
    if found or subj is None:
        return found
    if not owned and subj.pos_ == "NOUN":
        inside = [k for t in subj.subtree if (k := view.ent_of(t, "Organization")) and not authority(view, k)]
        if inside:
            return inside[:1]
    described = _described_subject(tok) and not authority(view, salient)
    return [k for k in fallback(salient) if k not in owned] if described else []


def _reported_subject(view: DocView, tok: Token) -> list[str]:
    """"X a fait savoir qu'il se séparerait de …": a pronoun subject of a reported clause is
    the organisation subject of the verb reporting it."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(2):  # "qu'il allait se séparer de …": the pronoun is the subject of "aller"
        if verb.dep_ != "xcomp" or any(c.dep_.startswith("nsubj") for c in verb.children):
            break
        verb = verb.head
    pron = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and c.pos_ == "PRON"
                 and c.lower_ in ("il", "elle")), None)
    if pron is None or verb.dep_ not in ("ccomp", "xcomp") or not any(
            has_case(c, "que", "qu'", "qu’") or c.lower_ in ("que", "qu'", "qu’") for c in verb.children):
        return []
    heads = [verb.head, verb.head.head]  # "a fait savoir qu'il …": the subject of "fait"
    heads += [c for c in verb.head.children if c.dep_ == "dep" and c.pos_ == "VERB"]  # "fait" split off "savoir"
    for head in heads:
        for c in head.children:
            if c.dep_ == "nsubj" and (found := orgs(view, c) or _named_in(view, c)):
                return found[:1]
    return []


def _named_in(view: DocView, phrase: Token) -> list[str]:
    """The organisation named inside a description ("le site d'enchères eBay", which the parser
    may hang on the wrong word), not in a clause of it."""
    def in_clause(t: Token) -> bool:  # a clause between the phrase's head and the name
        return any(a.dep_ in ("acl", "acl:relcl") and any(x.i == phrase.i for x in a.ancestors)
                   for a in t.ancestors)

    return [k for t in phrase.subtree if (k := view.ent_of(t, "Organization")) and not in_clause(t)][:1]


def _adjacent_subject(view: DocView, tok: Token) -> list[str]:
    """The organisation named right before the verb ("Sony Interactive Entertainment
    commercialise …") when the parser split the name and gave the verb no subject."""
    verb = tok if tok.pos_ == "VERB" else None
    if verb is None or any(c.dep_.startswith("nsubj") or c.dep_ == "expl:subj" for c in verb.children):
        return []
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].dep_.startswith(("aux", "expl")) or verb.doc[i].pos_ == "ADV"):
        i -= 1
    key = view.ent_of(verb.doc[i], "Organization") if i >= verb.sent.start else None
    return [key] if key else []


def _conj_subject(view: DocView, tok: Token) -> list[str]:
    """A second verb sharing the subject of the first ("Le distributeur a finalisé … et mis la
    main sur …") that the parser hung on a noun: the subject of the nearest main verb before it,
    or the name it hung on ("X, dont Y est issu, avait repris …")."""
    if tok.pos_ != "VERB" or tok.dep_ != "conj" or any(c.dep_.startswith("nsubj") or c.dep_ == "expl:subj"
                                                       for c in tok.children):
        return []
    if tok.head.pos_ in ("VERB", "AUX"):
        return []  # a verb head: its subject is read by subjects()
    if tok.head.i < tok.i and (key := view.ent_of(tok.head, "Organization")):
        return [key]
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 40), -1):
        t = doc[i]
        if t.text in (".", "!", "?", ";") or "\n" in t.text:
            break
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in SUBORDINATE:
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
            if subj is not None:
                return orgs(view, subj)[:1]
    return []


def _main_subject(view: DocView, tok: Token) -> list[str]:
    """The organisation the sentence is about when the trigger hangs on a noun phrase:
    "Amazon a porté à 18 000 le nombre de postes supprimés", "c'était Meta qui annonçait …"
    (a cleft: the organisation is the root). Not the subject of a speech or opinion verb."""
    root = tok.sent.root
    if root.i == tok.i:
        return []
    if any(c.dep_ == "cop" for c in root.children) and (key := view.ent_of(root, "Organization")):
        return [key]
    if root.pos_ not in ("VERB", "AUX") or fold(root.lemma_.lower()) in lex().speech_verbs:
        return []
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return orgs(view, subj)[:1] if subj is not None else []


def _described_subject(tok: Token) -> bool:
    """The subject is a definite description we cannot name ("la firme", "la filiale de X")."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    return any(c.dep_.startswith("nsubj") and c.pos_ == "NOUN"
               and any(d.dep_ == "det" and d.lower_ in ("la", "le", "l'", "l’") for d in c.children)
               for c in verb.children)


def _product_maker(view: DocView, tok: Token) -> list[str]:
    """A participle qualifying a product is its maker's act ("le Quest 3 de Meta, commercialisé
    depuis octobre"; "Meta, dont le casque Quest 3, commercialisé …")."""
    named = tok.head.children if tok.dep_ == "acl" else ()
    if tok.dep_ != "acl" or not (view.ent_of(tok.head, "Product") or any(
            c.dep_ in ("nmod", "appos", "flat:name") and view.ent_of(c, "Product") for c in named)):
        return []  # "la console Switch, commercialisée …": the name hangs on the noun
    product = tok.head
    dont = next((c for c in product.children if c.lower_ == "dont"), None)
    if dont is not None and dont.i > 0:  # "X, dont le casque …": X just before "dont"
        before = tok.doc[dont.i - 2] if tok.doc[dont.i - 1].is_punct and dont.i > 1 else tok.doc[dont.i - 1]
        if view.ent_of(before, "Organization"):
            return [view.ent_of(before, "Organization")]
    return orgs(view, product)


def _hit(view: DocView, tok: Token) -> list[str]:
    """The organisation whose service an outage hit: "une panne qui a touché le cloud Azure
    de Microsoft", "la panne a paralysé le réseau d'Orange" (verbs in event_rules.outage_verbs)."""
    verbs = rules().get("outage_verbs", frozenset())
    for t in tok.sent:
        if fold(t.lemma_.lower()) not in verbs or t.i < tok.i:
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None or (subj.i != tok.i and not (subj.lower_ in RELATIVE and subj.i - tok.i < 15)):
            continue
        for c in t.children:
            if c.i != subj.i and c.dep_ not in ("punct", "aux:tense", "aux:pass", "advmod") \
                    and not has_case(c, "selon", "d'après", "d’après"):  # "selon Reuters": the source
                found = [k for x in c.subtree if (k := view.ent_of(x, "Organization") or maker(view, x))]
                if found:
                    return found[:1]
    return []


def _possessive_subject(tok: Token) -> bool:
    """The subject is a relational noun with a possessive ("son concurrent", "sa filiale"): it
    is related to the article's company, so it is not that company."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    relational = rules().get("relational_nouns", frozenset())
    return any(c.dep_.startswith("nsubj") and fold(c.lemma_.lower()) in relational and any(
        d.dep_ == "det" and d.lower_ in ("son", "sa", "ses", "leur", "leurs") for d in c.children)
        for c in verb.children)


def _que_subject(view: DocView, tok: Token) -> list[str]:
    """In an object relative "X, qu'Alphabet avait absorbé en 2022", the name between "que"
    and the verb is its subject, whatever the parser hung it on."""
    if tok.pos_ != "VERB":
        return []
    i = tok.i - 1
    while i > tok.sent.start and (tok.doc[i].dep_.startswith("aux") or tok.doc[i].pos_ == "ADV"):
        i -= 1
    key = view.ent_of(tok.doc[i], "Organization")
    if key is None:
        return []
    while i > tok.sent.start and view.ent_of(tok.doc[i - 1], "Organization") == key:
        i -= 1
    return [key] if tok.doc[i - 1].lower_ in ("que", "qu'", "qu’") else []
