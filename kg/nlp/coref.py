"""Coreference of descriptions and subject pronouns, and nationality adjectives.

"le constructeur canadien", "le Canadien", "le géant de Redmond", "l'entreprise" and subject
"il"/"elle" become mentions of the organisation they stand for. The antecedent is chosen by
evidence first (a gazetteer nickname; the organisation the gazetteer places in that country or
city), then by salience (most mentioned organisation so far, the latest on ties). A nationality
adjective is also a mention of its Place and states ``basedIn``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from kg.model import Entity
from kg.nlp.entities import Ment
from kg.nlp.org_classes import KnownClasses, class_of
from kg.nlp.pronouns import reflexive_subject, subject_pronouns, the_latter, unattached_subject
from kg.nlp.relational import relational_descriptions
from kg.nlp.resources import demonyms, fold, gazetteer, lex
from kg.nlp.tokens import positions

_DEFINITE = {"le", "la", "l'", "l’", "du", "au"}


@dataclass(frozen=True)
class Fact:
    """A relation stated by a description itself ("le constructeur canadien" → basedIn)."""

    subject: str
    predicate: str
    object: str
    token: int  # a token of the sentence that states it
    rule: str
    confidence: float


def _org_noun_lemma(lemma: str) -> bool:
    return lemma.lower() in lex().org_nouns


def _place_of(tok: Token, token_ent: list[str | None]) -> tuple[str | None, Token | None]:
    """The place a description names: a demonym adjective or "de Redmond"."""
    dem = demonyms()
    for child in tok.children:
        if child.dep_ == "amod" and child.lower_ in dem:
            return dem[child.lower_], child
    for child in tok.children:
        if child.dep_ == "nmod" and child.i < len(token_ent):
            key = token_ent[child.i]
            if key and key.startswith("place/"):
                return key, child
    # A demonym adjective is lower case ("le groupe de San José" names no demonym).
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in dem and tok.doc[tok.i + 1].text.islower():
        nxt = tok.doc[tok.i + 1]
        return dem[nxt.lower_], nxt
    return None, None


class _Salience:
    """Organisation mention counts, updated as the text is read left to right."""

    def __init__(self, mentions: list[Ment], entities: dict[str, Entity]) -> None:
        # A name typed Product in one sentence and Organization in another ("les clients de
        # SolarWinds", "l'éditeur SolarWinds") is still a mention of the company.
        org_of = {fold(e.label): k for k, e in entities.items() if e.type == "Organization"}
        as_org = {k: org_of.get(fold(e.label)) for k, e in entities.items() if e.type == "Product"}
        self.orgs = sorted(
            (m if entities[m.key].type == "Organization" else Ment(m.start, m.end, as_org[m.key], m.kind)
             for m in mentions if entities[m.key].type == "Organization" or as_org.get(m.key)),
            key=lambda m: m.start,
        )
        self.total = Counter(m.key for m in self.orgs)

    def best(self, before: int, prefer: set[str] | None = None) -> str | None:
        """The most salient organisation before token ``before`` (among ``prefer`` if given)."""
        seen: Counter[str] = Counter()
        last: dict[str, int] = {}
        for m in self.orgs:
            if m.start >= before:
                break
            seen[m.key] += 1
            last[m.key] = m.start
        pool = seen or self.total
        if prefer is not None:
            pool = Counter({k: v for k, v in (seen or self.total).items() if k in prefer}) or Counter(
                {k: self.total[k] for k in prefer if k in self.total}
            )
        if not pool:
            return None
        # Descriptions name the article's main actors: whole-article salience first. Ties are
        # read in key order: ``prefer`` is a set, whose order changes with the hash seed.
        return max(sorted(pool), key=lambda k: (pool[k] + self.total[k], last.get(k, -1)))


class _SubjectChain:
    """Organisations in subject position, read left to right: "Lenovo a racheté Motorola
    Mobility à Google. Le groupe …" continues with the subject Lenovo, not the latest name."""

    def __init__(self, doc: Doc, orgs: list[Ment], sent_starts: list[int]) -> None:
        self.sent_starts = sent_starts
        firsts = set(sent_starts)
        self.items = [(m.start, m.key) for m in orgs
                      if any(doc[i].dep_ in ("nsubj", "nsubj:pass") and _main_clause(doc[i].head)
                             for i in range(m.start, m.end)) or reflexive_subject(doc, m)
                      or _topic(doc, m, firsts) or unattached_subject(doc, m, firsts)]

    def add(self, i: int, key: str) -> None:
        """Record a description resolved in subject position."""
        insort(self.items, (i, key))

    def last(self, i: int) -> str | None:
        """The latest subject organisation before token ``i``, in its sentence or the one before."""
        n = bisect_right(self.sent_starts, i) - 1
        floor = self.sent_starts[max(0, n - 2)] if n >= 0 else 0
        k = bisect_left(self.items, (i, "")) - 1
        return self.items[k][1] if k >= 0 and self.items[k][0] >= floor else None


# Dependency labels of a subordinate clause's verb (event agents read them too).
SUBORDINATE = frozenset({"advcl", "acl", "acl:relcl", "ccomp", "csubj"})


def _main_clause(verb: Token) -> bool:
    """A verb of the main clause, not of "alors que X …", "qui …" or "que X …"."""
    return verb.dep_ not in SUBORDINATE and (verb.dep_ != "conj" or verb.head.dep_ not in SUBORDINATE)


_ROLE_HEADS = {"porte-parole", "pdg", "patron", "patronne", "dirigeant", "dirigeante", "président",
               "présidente", "directeur", "directrice", "fondateur", "fondatrice", "cofondateur",
               "cofondatrice", "direction", "responsable", "représentant", "représentante"}

_TOPIC = {"pour", "chez"}


def _topic(doc: Doc, m: Ment, firsts: set[int]) -> bool:
    """"Pour Lenovo, c'est …", "Chez Alphabet, …": a fronted name the sentence is about."""
    return m.start - 1 in firsts and doc[m.start - 1].lower_ in _TOPIC and m.end < len(doc) and doc[m.end].text == ","


def _org_located(place: str, candidates: set[str]) -> set[str]:
    """Organisations of ``candidates`` that the gazetteer puts in ``place``."""
    g = gazetteer()
    out = set()
    for key in candidates:
        entry = g.entries.get(key)
        if entry and place in (entry.country, entry.city):
            out.add(key)
    return out


def _description_end(tok: Token, place_tok: Token | None) -> int:
    end = tok.i + 1
    if place_tok is not None:
        end = max(end, place_tok.i + 1)
    return end


def resolve_descriptions(
    doc: Doc, mentions: list[Ment], entities: dict[str, Entity]
) -> tuple[list[Ment], list[Fact]]:
    """Mentions for descriptions, demonyms and pronouns, plus the facts descriptions state."""
    token_ent: list[str | None] = [None] * len(doc)
    for m in mentions:
        for i in range(m.start, m.end):
            token_ent[i] = m.key
    org_nouns = lex().org_nouns
    dem = demonyms()
    sal = _Salience(mentions, entities)
    sent_starts = [sent.start for sent in doc.sents]  # read once: doc.sents makes every Span
    chain = _SubjectChain(doc, sal.orgs, sent_starts)
    known = KnownClasses()
    out, ties = relational_descriptions(doc, token_ent, entities, lambda pool: sal.best(len(doc), pool))
    facts = [Fact(s, p, o, t, rule, 0.75) for s, p, o, t, rule in ties]
    for m in out:
        _ensure_entity(entities, m.key)
    for s, p, o, _t, _r in ties:
        _ensure_entity(entities, s)
        _ensure_entity(entities, o)
    demonym_at = positions(doc, LOWER, dem.__contains__)
    # Only tokens that may be a description's noun are read as Token objects.
    candidates = sorted(set(positions(doc, LEMMA, _org_noun_lemma))
                        | set(positions(doc, LOWER, org_nouns.__contains__)) | set(demonym_at))
    for i in candidates:
        tok = doc[i]
        if token_ent[tok.i] is not None or tok.i == 0:
            continue
        is_noun = tok.lemma_.lower() in org_nouns or tok.lower_ in org_nouns
        # "le Canadien", and a lower-case subject "le suédois a …" (not "parle le français")
        is_demonym_noun = tok.lower_ in dem and (tok.text[:1].isupper() or tok.dep_ in ("nsubj", "nsubj:pass"))
        if not (is_noun or is_demonym_noun):
            continue
        prev = _determiner(doc, tok)
        if prev is None:
            continue
        before_name = _following_org(doc, tok, token_ent, entities)
        if is_demonym_noun and not is_noun and tok.text.islower() and before_name is not None:
            continue  # "le japonais Rakuten": read by _demonym_before_names
        if prev.lower_ in ("les", "des"):
            _plural_apposition(doc, tok, token_ent, entities, facts, out)
            continue
        if is_demonym_noun:
            place, place_tok = dem[tok.lower_], tok
        else:
            place, place_tok = _place_of(tok, token_ent)
        end = _description_end(tok, place_tok)
        text = doc[prev.i:end].text
        target = _target(tok, text, before_name, place, token_ent, entities, sal, known, chain)
        if target is None or target not in entities and target not in gazetteer().entries:
            continue
        if tok.dep_ in ("nsubj", "nsubj:pass"):
            chain.add(tok.i, target)
        _ensure_entity(entities, target)
        kind = "description" if (place or before_name is None) else "apposition"
        if before_name is None:
            out.append(Ment(prev.i, end, target, "description" if place or text.lower() != text else "generic"))
        if place is not None and place_tok is not None:
            _ensure_entity(entities, place)
            if place_tok is not tok:
                out.append(Ment(place_tok.i, place_tok.i + 1, place, "demonym"))
            facts.append(Fact(target, "basedIn", place, tok.i, f"coref-{kind}-place", 0.8))
    out.extend(_demonym_before_names(doc, demonym_at, token_ent, entities, facts))
    out.extend(subject_pronouns(doc, mentions + out, entities, sent_starts))
    out.extend(the_latter(doc, mentions + out, entities))
    return out, facts


def _target(tok: Token, text: str, before_name: str | None, place: str | None,
            token_ent: list[str | None], entities: dict[str, Entity], sal: _Salience,
            known: KnownClasses, chain: _SubjectChain) -> str | None:
    """The organisation a description stands for: a gazetteer nickname, the name it
    introduces or is apposed to, else the most salient organisation of its class (in its
    place when it names one)."""
    cls = class_of(tok)
    exact = _nickname(text) or before_name or _apposed_org(tok, token_ent, entities)
    if exact is not None:
        known.learn(exact, cls)
        return exact
    if place is None and not _generic_slot(tok):
        return None
    candidates = set(sal.total)
    pool = known.fitting(cls, candidates)
    if place is not None:
        # "le groupe américain" is none of the organisations the gazetteer seats elsewhere.
        candidates = {k for k in candidates if _may_be_in(k, place)}
        if not candidates:
            return None
        fitting = known.fitting(cls, candidates)
        located = _org_located(place, candidates)
        narrowed = (located & fitting) if located and fitting else None
        pool = narrowed or located or fitting or candidates
    # A subject description continues the subject chain; so does the complement of a role
    # noun ("un porte-parole du groupe", "le PDG du groupe"), whose phrase is the speaker.
    subject = chain.last(tok.i) if tok.dep_ in ("nsubj", "nsubj:pass") or (
        tok.dep_ == "nmod" and tok.head.lemma_.lower() in _ROLE_HEADS) else None
    if subject is not None and (pool is None or subject in pool):
        return subject  # a subject description continues the subject chain
    return sal.best(tok.i, pool)


_CONTRACTED = {"du": "le", "au": "le"}


def _nickname(text: str) -> str | None:
    """The organisation a nickname names, also after "du"/"au" ("du géant de Seattle")."""
    found = gazetteer().by_nickname.get(fold(text))
    first, _, rest = text.partition(" ")
    if found is None and first.lower() in _CONTRACTED:
        found = gazetteer().by_nickname.get(fold(f"{_CONTRACTED[first.lower()]} {rest}"))
    return found


def _may_be_in(key: str, place: str) -> bool:
    """Whether organisation ``key`` may be based in ``place``: unknown, or the gazetteer seats
    it in that place or in that place's country."""
    g = gazetteer()
    entry = g.entries.get(key)
    if entry is None or entry.country is None or place in (entry.country, entry.city):
        return True
    where = g.entries.get(place)
    if where is not None and where.country:
        return entry.country == where.country  # a city or region: its country
    return place not in _countries()  # a continent, or a place we cannot tell


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Keys of the places the gazetteer uses as some entry's country."""
    return frozenset(e.country for e in gazetteer().entries.values() if e.country)


def _apposed_org(tok: Token, token_ent: list[str | None], entities: dict[str, Entity]) -> str | None:
    """"Orange, l'opérateur historique": the organisation a description is in apposition to."""
    if tok.dep_ != "appos" or tok.head.i >= tok.i:
        return None
    key = token_ent[tok.head.i]
    return key if key and entities.get(key) and entities[key].type == "Organization" else None


def _determiner(doc: Doc, tok: Token) -> Token | None:
    """The determiner of a description, over adjectives ("le premier opérateur français")."""
    j = tok.i - 1
    while j >= 0 and j >= tok.i - 3 and doc[j].pos_ in ("ADJ", "NUM") and doc[j].lower_ not in demonyms():
        j -= 1
    if j >= 0 and doc[j].lower_ in _DEFINITE | {"les", "des"}:
        return doc[j]
    return None


def _generic_slot(tok: Token) -> bool:
    """Positions where "le groupe" / "la société" refers back to the article's organisation:
    a subject, or the complement of a role or part noun ("le PDG du groupe"). Not when the
    description names its own referent: "le groupe de Xavier Niel", "le groupe présidé par X"."""
    for c in tok.children:
        if c.dep_ == "nmod" and c.pos_ == "PROPN":
            return False
        if c.dep_.startswith("acl") and any(g.dep_ == "obl:agent" for g in c.children):
            return False
    if tok.dep_ in ("nsubj", "nsubj:pass", "obl:agent"):
        return True
    return tok.dep_ == "nmod" and tok.head.pos_ == "NOUN"


def _plural_apposition(doc, tok, token_ent, entities, facts, out) -> None:
    """"les fonds américains X et Y": a plural description with a demonym states basedIn for
    each organisation it introduces."""
    place, place_tok = _place_of(tok, token_ent)
    first = _following_org(doc, tok, token_ent, entities)
    if place is None or first is None:
        return
    _ensure_entity(entities, place)
    out.append(Ment(place_tok.i, place_tok.i + 1, place, "demonym"))
    j = place_tok.i + 1
    named = []
    while j < len(doc) and j < place_tok.i + 25 and doc[j].text not in ".;:" and "\n" not in doc[j].text:
        key = token_ent[j]
        if key and entities.get(key) and entities[key].type == "Organization" and key not in named:
            named.append(key)
        elif not key and doc[j].lower_ not in (",", "et", "ou", "ainsi", "que"):
            break
        j += 1
    for key in named:
        facts.append(Fact(key, "basedIn", place, tok.i, "demonym-plural-apposition", 0.75))


def _following_org(doc: Doc, tok: Token, token_ent: list[str | None], entities) -> str | None:
    """The organisation named right after a description ("l'opérateur britannique Vodafone")."""
    j = tok.i + 1
    # Over adjectives and a "de" complement: "l'agence fédérale de cybersécurité CISA".
    # A lowercase word the tagger took for a name is an adjective too ("la start-up hongroise X").
    while j < len(doc) and j <= tok.i + 4 and token_ent[j] is None and (
        doc[j].pos_ in ("ADJ", "NOUN") or doc[j].pos_ in ("PROPN", "X") and doc[j].text.isalpha() and doc[j].text.islower()
        or doc[j].lower_ in ("de", "d'", "d’") and j + 1 < len(doc) and doc[j + 1].text.islower()
    ):
        j += 1
    if j < len(doc) and token_ent[j] and entities.get(token_ent[j]) and entities[token_ent[j]].type == "Organization":
        return token_ent[j]
    return None


def _demonym_before_names(doc, demonym_at: list[int], token_ent, entities, facts) -> list[Ment]:
    """"le chinois Lenovo": a demonym right before a named organisation states basedIn
    (``demonym_at``: the positions of the demonyms of the doc)."""
    dem = demonyms()
    out = []
    for i in demonym_at:
        tok = doc[i]
        if tok.lower_ not in dem or token_ent[tok.i] is not None or tok.i + 1 >= len(doc):
            continue
        key = token_ent[tok.i + 1]
        in_noun_phrase = any(doc[j].lower_ in _DEFINITE | {"les", "une", "un", "des"}
                             for j in range(max(0, tok.i - 4), tok.i))
        if key and entities.get(key) and entities[key].type == "Organization" and in_noun_phrase:
            place = dem[tok.lower_]
            _ensure_entity(entities, place)
            out.append(Ment(tok.i, tok.i + 1, place, "demonym"))
            facts.append(Fact(key, "basedIn", place, tok.i, "demonym-before-name", 0.8))
    return out


def _ensure_entity(entities: dict[str, Entity], key: str) -> None:
    """Add a gazetteer entity that a description or demonym points to."""
    if key in entities:
        return
    entry = gazetteer().entries.get(key)
    if entry is not None:
        entities[key] = Entity(key, entry.name, entry.type, qid=entry.qid)
