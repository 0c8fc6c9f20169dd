"""Who an event is about: the agent organisation read on the parse.

The buyer of an acquisition (never its target), the company funded rather than its investor,
the plaintiff of a complaint or the party sanctioned by a fine, else the subject, the "par X"
agent or the "de X" of a nominal trigger; the article's most salient organisation when the
sentence names none.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.nlp.resources import fold, gazetteer, lex, lexicon


@lru_cache(maxsize=1)
def rules() -> dict[str, frozenset[str]]:
    """The event-only word lists of ``lexicon.json`` (``event_rules``), folded."""
    raw = lexicon().get("event_rules", {})
    return {k: frozenset(fold(w) for w in v) for k, v in raw.items() if isinstance(v, list)}


_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles", "dont"}
_SANCTIONERS = {"infliger", "condamner", "sanctionner"}  # folded; "imposer" also restricts, "frapper" also hits
_SANCTION = {"infliger", "condamner", "sanctionner", "frapper", "imposer", "impose", "poursuivre"}  # folded


def _orgs(view: DocView, tok: Token) -> list[str]:
    """Organisations a noun phrase names: itself or a name inside it ("le japonais Rakuten",
    "les fonds Silver Lake et Thoma Bravo"), a relative pronoun's antecedent, a product's maker."""
    if tok.lower_ in _RELATIVE and tok.head.dep_.startswith("acl") and tok.head.head.i != tok.head.i:
        tok = tok.head.head
    found = view.conjuncts(tok, "Organization")
    if found:
        return found
    product = view.ent_of(tok, "Product")
    if product:
        for c in tok.children:  # "la PlayStation 4 de Sony"
            if c.dep_ == "nmod" and view.ent_of(c, "Organization"):
                return [view.ent_of(c, "Organization")]
        maker = _maker(view, tok)
        if maker:
            return [maker]
    return []


def has_case(tok: Token, *words: str) -> bool:
    """``tok`` is introduced by one of ``words`` (its case or mark)."""
    return any(c.dep_ in ("case", "mark") and c.lower_ in words for c in tok.children)


def _by_agent(view: DocView, tok: Token, direct: bool = False) -> list[str]:
    """The "par X" of a passive or a nominalisation ("racheté par l'américain Semtech",
    "le rachat de Lucent par le français Alcatel"); ``direct``: only on the trigger itself
    (a round "menée par le fonds X": X invests, it is not funded)."""
    for t in tok.subtree if tok.pos_ == "NOUN" and not direct else tok.children:
        if t.i == tok.i:
            continue  # "renforcé par le rachat de X": the trigger's own "par"
        if (t.dep_ == "obl:agent" or (t.dep_ in ("nmod", "obl", "obl:mod") and has_case(t, "par"))) \
                and t.head.lower_ != "intermédiaire":
            found = _orgs(view, t)
            if found:
                return found
    return []


def _subjects(view: DocView, tok: Token, passive: bool = True) -> list[str]:
    """Organisations subject of the trigger or of the verbs above it (with "X et Y" subjects)."""
    deps = ("nsubj", "expl:subj", "nsubj:pass") if passive else ("nsubj", "expl:subj")
    if tok.pos_ == "NOUN" and tok.dep_.startswith("nsubj"):
        return []  # "une panne … a privé …": the trigger is the subject, whose is it not
    head = tok
    for _ in range(4):
        for c in head.children:
            if c.dep_ in deps or (c.dep_ == "nsubj:pass" and not _passive(head)):
                found = _apposed_name(view, c) or _orgs(view, c) + [view.ent_of(t, "Organization") for t in c.subtree
                                          if t.dep_ == "conj" and view.ent_of(t, "Organization")
                                          and not _in_clause(t, c)]
                if found:
                    return list(dict.fromkeys(found))
                subj = c.head.head if c.lower_ in _RELATIVE and c.head.dep_.startswith("acl") else c
                if view.ent_of(subj, "Person"):
                    return []  # a person acts: the organisation is not named here
        if head.head.i == head.i or (head.i != tok.i and head.dep_ in ("acl", "acl:relcl")):
            break  # the noun a participle or relative qualifies is not its subject
        head = head.head
    return []


def _apposed_name(view: DocView, subj: Token) -> list[str]:
    """"la FTC, l'autorité américaine de la concurrence, avait poursuivi …": the parser makes the
    description the subject and hangs the name on the verb; the name just before the
    description, a comma between, is the subject."""
    if subj.pos_ != "NOUN" or subj.left_edge.i < 2:  # a name written out beats a coreference guess
        return []
    comma, name = subj.doc[subj.left_edge.i - 1], subj.doc[subj.left_edge.i - 2]
    key = view.ent_of(name, "Organization")
    if comma.text != "," or not key:
        return []
    top = name
    while top.head.i != top.i and top.head.i != subj.head.i and top.head.i < subj.i:
        top = top.head  # from the name up to the dependent of the verb it hangs on
    if any(t.dep_ == "conj" for t in (name, top)) or any(c.dep_ in ("case", "mark") for c in top.children):
        return []  # "face aux géants X, Y et Z, l'hébergeur a …": a complement, not the subject
    return [key] if top.head.i == subj.head.i and top.dep_ not in ("obj", "iobj", "nsubj") else []


def _in_clause(tok: Token, top: Token) -> bool:
    """``tok`` sits in a relative clause below ``top`` ("le groupe, dont l'État et Dassault sont
    actionnaires, …": Dassault is not the subject)."""
    while tok.i != top.i and tok.head.i != tok.i:  # compare indices: spaCy makes a new Token per access
        if tok.dep_ == "acl:relcl":  # not a participle: "X, fondée par Y, et Z" is often parsed in it
            return True
        tok = tok.head
    return False


def _passive(verb: Token) -> bool:
    """A passive verb; the parser also labels "nsubj:pass" the subject of "avait racheté"."""
    return any(c.dep_ == "aux:pass" for c in verb.children) or (verb.dep_ == "acl" and "Part" in verb.morph.get("VerbForm"))


def _prep_orgs(view: DocView, tok: Token, preps: tuple[str, ...], deps: tuple[str, ...]) -> list[str]:
    """Organisations of the trigger's (or its verb's) complements introduced by ``preps``."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ in deps and has_case(c, *preps):
                found = _orgs(view, c)
                if found:
                    return found
    return []


_COMPL = ("obl", "obl:arg", "obl:mod", "iobj", "nmod")


def _targets(view: DocView, tok: Token) -> set[str]:
    """What an acquisition is of: the object, the passive subject, the "de Y" / "sur Y"."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("obj", "nsubj:pass") or (c.dep_ in ("nmod", "obl:arg") and has_case(c, "de", "d'", "d’", "du", "sur")):
            out |= set(_orgs(view, c))
    return out


def agents(view: DocView, tok: Token, typ: str, trig: str, salient: str | None) -> list[str]:
    """The organisations an event is about (usually one).

    Acquisition: the "par X" agent, the buyer "à X" of "céder", else the subject; never the
    target. Funding by an investor ("miser sur", "investir dans"): the company funded. Lawsuit:
    the plaintiff for complaints ("a saisi", "a porté plainte", "attaqué en justice"), the party
    sanctioned for fines and verdicts. Others: the "par X", the subject, the "de X" of a noun.
    """
    table = rules()
    if typ == "Lawsuit":
        if trig in table.get("plaintiff", ()):
            return _plaintiff(view, tok, salient)
        if trig in table.get("subject_defendant", ()):  # "X a écopé d'une amende", "X a enfreint"
            return _subjects(view, tok) or (_fallback(salient) if _described_subject(tok) else [])
        return _defendant(view, tok, salient)
    if typ == "Acquisition":
        if trig in table.get("seller", ()):  # "céder X à Y", the "à Y" on the verb or on X
            objects = [c for c in tok.children if c.dep_ == "obj"]
            return _prep_orgs(view, tok, ("à", "au", "aux"), _COMPL) or next(
                (found for o in objects if (found := _prep_orgs(view, o, ("à", "au", "aux"), ("nmod",)))), [])
        targets = _targets(view, tok)
        # "son grand concurrent avait mis la main sur X": someone else than the article's company
        other = _possessive_subject(tok)
        for found in (_by_agent(view, tok), _subjects(view, tok, passive=False), [] if other else _fallback(salient)):
            found = [k for k in found if k not in targets]
            if found:
                return found
        return []
    if typ == "Funding" and trig in table.get("investor", ()):
        investors = set(_subjects(view, tok))
        if tok.dep_ == "acl":  # "les fonds X et Y, entrés au capital en 2016": the noun invests
            investors |= set(_orgs(view, tok.head))
        capital = [c for c in tok.children if fold(c.lemma_.lower()) == "capital"]
        funded = next((found for t in (tok, *capital, *[c for c in tok.children if c.dep_ == "obj"])
                       if (found := _prep_orgs(view, t, ("sur", "dans", "de", "d'", "d’", "du", "au"), _COMPL))), [])
        return [k for k in funded or _fallback(salient) if k not in investors]
    found = _by_agent(view, tok, direct=typ == "Funding") or _product_maker(view, tok) or _reported_subject(view, tok) \
        or _subjects(view, tok) or _prep_orgs(view, tok, ("chez",), _COMPL)[:1] or _adjacent_subject(view, tok)
    if not found and tok.pos_ == "NOUN":
        found = _prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    if not found and typ == "Outage":
        found = _hit(view, tok)
    return found or _main_subject(view, tok) or _fallback(salient)


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
    for head in (verb.head, verb.head.head):  # "a fait savoir qu'il …": the subject of "fait"
        for c in head.children:
            if c.dep_ == "nsubj" and (found := _orgs(view, c)):
                return found[:1]
    return []


def _adjacent_subject(view: DocView, tok: Token) -> list[str]:
    """The organisation named right before the verb ("Sony Interactive Entertainment
    commercialise …") when the parser split the name and gave the verb no subject."""
    verb = tok if tok.pos_ == "VERB" else None
    if verb is None or any(c.dep_.startswith("nsubj") or c.dep_ == "expl:subj" for c in verb.children):
        return []
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].dep_.startswith("aux") or verb.doc[i].pos_ == "ADV"):
        i -= 1
    key = view.ent_of(verb.doc[i], "Organization") if i >= verb.sent.start else None
    return [key] if key else []


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
    return _orgs(view, subj)[:1] if subj is not None else []


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
    return _orgs(view, product)


def _hit(view: DocView, tok: Token) -> list[str]:
    """The organisation whose service an outage hit: "une panne qui a touché le cloud Azure
    de Microsoft", "la panne a paralysé le réseau d'Orange" (verbs in event_rules.outage_verbs)."""
    verbs = rules().get("outage_verbs", frozenset())
    for t in tok.sent:
        if fold(t.lemma_.lower()) not in verbs or t.i < tok.i:
            continue
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is None or (subj.i != tok.i and not (subj.lower_ in _RELATIVE and subj.i - tok.i < 15)):
            continue
        for c in t.children:
            if c.i != subj.i and c.dep_ not in ("punct", "aux:tense", "aux:pass", "advmod") \
                    and not has_case(c, "selon", "d'après", "d’après"):  # "selon Reuters": the source
                found = [k for x in c.subtree if (k := view.ent_of(x, "Organization") or _maker(view, x))]
                if found:
                    return found[:1]
    return []


def _maker(view: DocView, tok: Token) -> str | None:
    """The maker of the product ``tok`` names, when the gazetteer knows it and the text names it."""
    product = view.ent_of(tok, "Product")
    entry = gazetteer().entries.get(product) if product else None
    return entry.maker if entry and entry.maker in view.entities else None


def _plaintiff(view: DocView, tok: Token, salient: str | None) -> list[str]:
    """Who complains or sues: the "par X", the subject, the "de X" of a noun ("une plainte de
    X"); never the authority seized (the object of "saisir"). A subject the text names but we
    cannot resolve ("le service de son fondateur") leaves the event without an agent."""
    found = _by_agent(view, tok)
    if not found and tok.pos_ == "NOUN":  # "après une plainte de X": X, not the clause's subject
        found = _prep_orgs(view, tok, ("de", "d'", "d’", "du", "des"), ("nmod",))[:1]
    found = found or _subjects(view, tok, passive=False)
    if found:
        return found
    verb = tok if tok.pos_ == "VERB" else tok.head
    if any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and _people(c) for c in verb.children):
        return _defendant(view, tok, salient) or _fallback(salient)  # "des salariés ont porté plainte"
    if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return []
    seized = {k for c in verb.children if c.dep_ == "obj" for k in _orgs(view, c)}
    return [k for k in _defendant(view, tok) if k not in seized] or _fallback(salient)


def _authorities(view: DocView) -> set[str | None]:
    """Organisations that sanction somewhere in the article (subjects of "infliger", "condamner" …)."""
    return {view.ent_of(c, "Organization") for t in view.tokens if fold(t.lemma_) in _SANCTIONERS
            for c in t.children if c.dep_ == "nsubj"}


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


def _possessive_subject(tok: Token) -> bool:
    """The subject is a relational noun with a possessive ("son concurrent", "sa filiale"): it
    is related to the article's company, so it is not that company."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    relational = rules().get("relational_nouns", frozenset())
    return any(c.dep_.startswith("nsubj") and fold(c.lemma_.lower()) in relational and any(
        d.dep_ == "det" and d.lower_ in ("son", "sa", "ses", "leur", "leurs") for d in c.children)
        for c in verb.children)


def _people(tok: Token) -> bool:
    """An indefinite group of people ("des employés", "plusieurs utilisateurs"), who sue the
    organisation the article is about."""
    people = rules().get("people_nouns", frozenset())
    return fold(tok.lemma_.lower()) in people and any(
        c.dep_ in ("det", "nummod") and c.lower_ not in ("le", "la", "l'", "l’", "les", "son", "sa", "ses")
        for c in tok.children)


def _fallback(salient: str | None) -> list[str]:
    return [salient] if salient else []


def _defendant(view: DocView, tok: Token, salient: str | None = None) -> list[str]:
    """The party a fine or a sentence falls on: "à X" of "infliger", the object of "condamner",
    the subject of a passive "X a été condamné", else the sentence's first organisation that
    does not sanction. A person sentenced is no company's lawsuit: nothing."""
    verb = tok if tok.pos_ == "VERB" else tok.head
    described = False
    for t in (verb, tok):
        for c in t.children:
            if c.dep_ in ("iobj", "obl", "obl:arg", "obl:mod", "nmod") and has_case(c, "à", "au", "contre"):
                if found := _orgs(view, c):
                    return found[:1]
                described = described or _definite_description(view, c)
            if c.dep_ == "obj" and fold(verb.lemma_) in _SANCTION and (found := _orgs(view, c)):
                return found[:1]
    passive = any(c.dep_ == "aux:pass" for c in verb.children) or verb.pos_ != "VERB" or verb.dep_ == "acl"
    if passive and fold(tok.lemma_) in _SANCTION:
        # "X a démissionné après avoir été condamné": the infinitive's subject is the main one
        owner = verb if any(c.dep_.startswith("nsubj") for c in verb.children) else verb.head
        for c in owner.children:
            if c.dep_ in ("nsubj", "nsubj:pass"):
                if view.ent_of(c, "Person"):
                    return []
                if found := _orgs(view, c):
                    return found[:1]
    described = described or any(t.dep_ in ("nmod", "obl", "obl:mod") and has_case(t, "contre")
                                 and _definite_description(view, t) for t in tok.subtree)
    if described and (party := _salient_party(view)):
        return [party]  # "les sanctions de la Commission contre la firme": the article's company
    sent = tok.sent
    authorities = _authorities(view)
    for t in sent:
        if fold(t.lemma_) in _SANCTION:
            for h in (t, t.head):
                authorities |= {view.ent_of(c, "Organization") for c in h.children if c.dep_ == "nsubj"}
    relational = rules().get("relational_nouns", frozenset())
    for t in sent:
        key = view.ent_of(t, "Organization")
        if key and key not in authorities and t.dep_ != "nsubj" \
                and not (t.dep_ == "nmod" and fold(t.head.lemma_.lower()) in relational):
            return [key]  # "la filiale d'Alphabet a écopé …": not Alphabet
    return []
