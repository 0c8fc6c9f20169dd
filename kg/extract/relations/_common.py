"""Shared helpers of the relation rules: argument lookup along dependencies, typing, pairing."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.nlp.resources import lex as lexicon_sets

ORG, PER, PROD, PLACE = "Organization", "Person", "Product", "Place"
Cand = tuple[str, str, str, Token, str, float]  # subject, predicate, object, token, rule, conf
TYPES = {
    "worksFor": ({PER}, {ORG}), "leads": ({PER}, {ORG}), "foundedBy": ({ORG}, {PER}),
    "madeBy": ({PROD}, {ORG}), "basedIn": ({ORG}, {PLACE}), "subsidiaryOf": ({ORG}, {ORG}),
    "acquired": ({ORG}, {ORG, PROD}), "partnerOf": ({ORG}, {ORG}),
    "competitorOf": ({ORG, PROD}, {ORG, PROD}), "runsOn": ({PROD}, {PROD}),
}


def lex_verbs() -> dict[str, frozenset[str]]:
    """The relation trigger lists of the lexicon (``relation_verbs``), each as a set."""
    return lexicon_sets().verbs


def _has_case(tok: Token, *words: str) -> bool:
    return any(c.dep_ == "case" and c.lower_ in words for c in tok.children)


def _subtree_ent(view: DocView, tok: Token, types: tuple[str, ...], depth: int = 3) -> str | None:
    """The first entity of ``types`` down the nmod chain of ``tok`` ("PDG du conseil de Nokia")."""
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for t in frontier:
            for c in t.children:
                if c.dep_ in ("nmod", "obl", "obl:arg", "appos", "flat:name") and c.i > tok.i:
                    key = view.ent_of(c, *types)
                    if key:
                        return key
                    nxt.append(c)
        frontier = nxt
    return None


def _clause_subject(view: DocView, tok: Token, types: tuple[str, ...]) -> list[str]:
    """Entities in subject position of the clause governing ``tok`` (following xcomp chains)."""
    head = tok
    for _ in range(6):
        subs = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj")]
        for s in subs:
            if s.lower_ in ("qui", "lequel", "laquelle") and s.i > 1 and view.tokens[s.i - 1].text == ",":
                # "Thales, qui emploie …": the antecedent before the comma (alone: the parser
                # may hang a later list on it as conjuncts)
                ante = view.ent_of(view.tokens[s.i - 2], *types)
                if ante:
                    return [ante]
            keys = phrase_names(view, s, *types)
            if keys:
                return keys
        if head.dep_ in ("ROOT",) or head.head is head:
            break
        head = head.head
    if head.pos_ in ("VERB", "AUX") and not any(c.dep_.startswith("nsubj") for c in head.children):
        # "Thales revendique …" parsed as two roots: the name left of the main verb.
        return list(dict.fromkeys(k for t in left_subject(view, head, *types) for k in phrase_names(view, t, *types)))
    return []


def _agents(tok: Token) -> list[Token]:
    """The agent of a passive verb or participle: ``obl:agent``, or an ``obl`` in "par" that the
    parser left as ``obl:mod`` when the verb is passive ("a été racheté par Atos")."""
    agents = [c for c in tok.children if c.dep_ == "obl:agent"]
    passive = "Part" in tok.morph.get("VerbForm") or any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)
    if not agents and passive:
        agents = [c for c in tok.children if c.dep_ in ("obl", "obl:mod") and _has_case(c, "par")]
    return agents


def _pairs(view, trigger, subjects, objects, predicate, stypes, otypes, rule) -> Iterator[Cand]:
    """Every (subject entity, object entity) across the coordinated arguments, unless blocked."""
    if not subjects or not objects or blocked(trigger):
        return
    skeys = [k for s in subjects for k in phrase_names(view, s, *stypes)]
    okeys = [k for o in objects for k in phrase_names(view, o, *otypes)]
    for s in dict.fromkeys(skeys):
        for o in dict.fromkeys(okeys):
            if s != o:
                yield s, predicate, o, trigger, rule, 0.75


def _mention_ends(view: DocView) -> list[int]:
    """Token index just past each named entity mention."""
    ends = set()
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name":
            ends.add(m.end)
    return sorted(ends)


def _sentence_topic(view: DocView, tok: Token) -> list[str]:
    """The organisation or product named last before ``tok`` in its sentence, outside the
    rival phrase, when the parse gives no subject ("Le système Symbian plafonne face à …")."""
    start = min(t.i for t in tok.subtree)
    for t in reversed(view.tokens[tok.sent.start:start]):
        key = view.ent_of(t, ORG, PROD)
        if key:
            return [key]
    return []


def _named_after(view: DocView, tok: Token, *types: str) -> str | None:
    """"de l'américain iRobot": the name that follows a demonym or a description noun."""
    for c in tok.children:
        if c.dep_ in ("flat:name", "appos", "nmod") and c.i == tok.i + 1:
            return view.ent_of(c, *types)
    if tok.i + 1 < len(view.doc):
        return view.ent_of(view.doc[tok.i + 1], *types)
    return None


POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
# Words that may sit between the names of a surface list ("le suédois Ericsson et le chinois Huawei").
_LIST_GLUE = {",", "et", "ou", "ainsi", "que", "mais", "aussi", "le", "la", "l'", "l’", "les", "dont", "notamment"}


def names_after(view: DocView, start: int, *types: str, limit: int = 24) -> list[str]:
    """Entities of ``types`` listed on the surface from token ``start`` ("Orange, SFR et Bouygues
    Telecom", "le suédois Ericsson et le chinois Huawei"): the parser often scatters such lists.
    Adjectives, numbers, demonyms and list words are skipped; anything else ends the list."""
    out: list[str] = []
    toks = view.tokens
    for j in range(start, min(len(toks), start + limit)):
        t = toks[j]
        key = view.key(t)
        if t.pos_ == "PRON" and t.text[:1].islower():
            break  # "…de Google, mais elle …": a pronoun starts another clause
        if key and view.type(key) in types:
            if key not in out:
                out.append(key)
        elif key and view.type(key) == PLACE and t.text[:1].islower():
            continue  # a demonym before its name
        elif key or "\n" in t.text:
            break
        elif not (t.lower_ in _LIST_GLUE or t.pos_ in ("ADJ", "NUM")):
            break
    return out


_CLITICS = {"s'", "s’", "se", "ne", "n'", "n’", "l'", "l’", "y", "en", "lui", "leur"}


def left_subject(view: DocView, verb: Token, *types: str) -> list[Token]:
    """"Ubisoft s'allie à Tencent", "Orange et Capgemini s'étaient alliés à Microsoft": names
    right before a verb the parser gave no subject (it often splits such a sentence into two
    roots, or takes a name for an auxiliary)."""
    toks = view.tokens
    start = verb.sent.start
    if start > 0 and toks[start - 1].text not in (".", "!", "?", ":", ";", "»") and not toks[start - 1].is_space:
        start = toks[start - 1].sent.start  # the parser cut the sentence at the name
    j = verb.i - 1
    while j >= start and (toks[j].lower_ in _CLITICS or toks[j].pos_ in ("AUX", "ADV")) \
            and not view.key(toks[j]):
        j -= 1
    out: list[Token] = []
    while j >= start and view.ent_of(toks[j], *types):
        t = toks[j]
        # Only a name the parser left dangling (its own root, an "auxiliary", a conjunct of
        # one) is a lost subject; a name in any other function belongs to its own clause.
        if not (t.dep_ in ("ROOT", "dep", "aux:tense", "aux:pass") or (out and t.dep_ == "conj")) \
                or any(c.dep_ == "case" for c in t.children):
            break
        out.append(t)
        key = view.key(t)
        while j >= start and view.key(toks[j]) == key:
            j -= 1  # to the first word of the name
        if j > start and toks[j].lower_ in ("et", ","):
            j -= 1
        else:
            break
    return out


def described_names(view: DocView, start: int, *types: str, limit: int = 6) -> list[str]:
    """"de l'opérateur américain Sprint", "des chaînes BFMTV et RMC", "du japonais SoftBank": the
    names a determiner, a description noun, adjectives or a demonym lead up to, read on the
    surface from token ``start`` (the parser often makes the description the head)."""
    toks = view.tokens
    for j in range(start, min(len(toks), start + limit)):
        t = toks[j]
        key = view.key(t)
        if key and view.type(key) in types:
            return names_after(view, j, *types)
        if key and not (view.type(key) == PLACE and t.text[:1].islower()):
            return []
        if t.pos_ in ("DET", "ADJ", "NUM") or (t.pos_ == "NOUN" and t.text[:1].islower()):
            continue
        if t.lower_ in ("de", "d'", "d’") and j + 1 < len(toks) and toks[j + 1].pos_ == "NOUN" \
                and toks[j + 1].text[:1].islower():
            continue  # "le fournisseur d'accès Alice": a bare noun completes the description
        return []
    return []


def phrase_names(view: DocView, tok: Token, *types: str) -> list[str]:
    """Entities a noun phrase headed by ``tok`` names: its own and coordinated names, else the
    names its description or demonym leads up to ("le néerlandais SecureLink et le britannique
    SecureData", "le fournisseur d'accès Alice")."""
    if tok.lower_ in ("dernier", "dernière") and any(c.lower_ in ("ce", "cette") for c in tok.children):
        return _last_named(view, tok, *types)
    if ORG in types and tok.pos_ == "NOUN" and any(c.lower_ == "deux" for c in tok.children) \
            and tok.lemma_.lower() in lexicon_sets().org_nouns and not view.key(tok):
        return _pair_before(view, tok)
    own = view.key(tok)
    if own and tok.pos_ == "NOUN" and tok.text[:1].islower() and tok.text not in view.entities[own].label:
        # "l'éditeur américain de logiciels Splunk": the name closing a description wins over
        # what coreference made of the description.
        j = tok.i + 1
        while j < len(view.tokens) and view.key(view.tokens[j]) == own and view.tokens[j].text[:1].islower():
            j += 1
        j = _compound_end(view, j)
        named = names_after(view, j, *types) if j < len(view.tokens) and view.ent_of(view.tokens[j], *types) else []
        if named and own not in named:
            return named
        if own in named and _relational(tok):
            return []  # "la maison mère de l'opérateur Sprint" is not Sprint, whatever coreference said
    keys: list[str] = []
    for t in (tok, *tok.conjuncts):
        if t is not tok and comma_description(view, t):
            continue  # "le finlandais Supercell, l'éditeur de Clash of Clans": an apposition parsed as conj
        inner = t if view.ent_of(t, *types) else view._inner_token(t, *types)
        if inner is not None and inner is not t and _relational(t) and any(
                c.dep_ == "nmod" and c.i < inner.i and _has_case(c, "de", "d'", "d’", "du", "des") for c in t.children):
            continue  # "la maison mère de l'opérateur Sprint": Sprint is the complement, not the head
        for u in (inner, *(inner.conjuncts if inner is not None and inner is not t else ())):
            key = view.ent_of(u, *types) if u is not None else None
            if key and key not in keys:
                keys.append(key)
    if keys or (tok.pos_ not in ("NOUN", "ADJ") and not tok.text[:1].islower()):
        return keys
    return described_names(view, tok.i, *types)


_RELATIONAL = {"maison", "mère", "maison-mère", "holding", "propriétaire", "actionnaire", "patron", "patronne"}


def _relational(tok: Token) -> bool:
    """A noun that names something by its tie to the entity in its "de" complement."""
    lex = lexicon_sets().verbs
    lemma = tok.lemma_.lower()
    return lemma in _RELATIONAL or lemma in lex["subsidiary_nouns"] or lemma in lex["competitor_nouns"]


# (view, token index) of the "ce dernier" phrases being resolved: when the phrase is itself its
# clause's subject, finding that subject would resolve the phrase again, without end.
_RESOLVING: set[tuple[int, int]] = set()


def _last_named(view: DocView, tok: Token, *types: str) -> list[str]:
    """"ce dernier", "cette dernière": the entity of ``types`` named last before ``tok``, other
    than the subject of its own clause ("X a pris le contrôle de ce dernier")."""
    mark = (id(view), tok.i)
    if mark in _RESOLVING:
        return []  # "Ce dernier a racheté Y": the phrase is the subject, and excludes nothing
    _RESOLVING.add(mark)
    try:
        own = set(_clause_subject(view, tok, types))
    finally:
        _RESOLVING.discard(mark)
    for j in range(tok.i - 1, max(-1, tok.i - 80), -1):
        t = view.tokens[j]
        key = view.ent_of(t, *types)
        if key and t.text[:1].isupper() and key not in own:
            return [key]
    return []


def _pair_before(view: DocView, tok: Token) -> list[str]:
    """"un accord signé entre les deux sociétés": the two organisations named before the phrase
    in its own sentence; nothing when the count is not two (across sentences the pair is too
    often another one: "Google, qui avait racheté Motorola … Les deux groupes ont signé …")."""
    start = min(t.i for t in tok.subtree)
    keys = list(dict.fromkeys(k for k in view.token_ent[tok.sent.start:start] if k and view.type(k) == ORG))
    return keys if len(keys) == 2 else []


def _compound_end(view: DocView, j: int) -> int:
    """Past adjectives and "de" + bare nouns ("de logiciels de sécurité") from token ``j``."""
    toks = view.tokens
    while j < len(toks):
        t = toks[j]
        bare = t.pos_ == "NOUN" and t.text[:1].islower() and not view.key(t)
        if t.pos_ == "ADJ" and not view.key(t):
            j += 1
        elif t.lower_ in ("de", "d'", "d’") and j + 1 < len(toks) and toks[j + 1].pos_ == "NOUN" \
                and toks[j + 1].text[:1].islower():
            j += 1
        elif bare and toks[j - 1].lower_ in ("de", "d'", "d’"):
            j += 1
        else:
            break
    return j


def comma_description(view: DocView, tok: Token) -> bool:
    """", l'éditeur …": a common noun that a comma and a determiner introduce."""
    toks = view.tokens
    return (tok.pos_ == "NOUN" and not view.key(tok) and tok.i > 1 and toks[tok.i - 1].pos_ == "DET"
            and toks[tok.i - 2].text == ",")


def possessor(view: DocView, tok: Token, exclude: list[str], *types: str) -> str | None:
    """Who "son"/"sa"/"ses" before ``tok`` stands for: the clause subject, else the entity named
    last before the phrase in the sentence, else the organisation in subject position in the
    previous sentences, else the article's main organisation. Inside a description of a named
    organisation ("Wiz, une start-up fondée par …, dont son directeur général X"), that one."""
    described = _described_org(view, tok) if ORG in types else None
    if described is not None and described not in exclude:
        return described
    for key in _clause_subject(view, tok, types):
        if key not in exclude:
            return key
    for key in _sentence_topic(view, tok):
        if key not in exclude and view.type(key) in types:
            return key
    key = view.subject_before(tok, ORG, sentences=3) or view.salient_org()
    return key if key not in exclude and view.type(key) in types else None


def _described_org(view: DocView, tok: Token) -> str | None:
    """The organisation whose apposed description (with its participles and relatives)
    contains ``tok``: climbing from ``tok``, the first apposition hung on an organisation name."""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return None
        if t.dep_ == "appos" and t.head.i < t.i and (key := view.ent_of(t.head, ORG)):
            return key
        if t.i != tok.i and t.pos_ == "NOUN" and not view.key(t) and (
                key := name_before_comma(view, phrase_start(view, t), ORG)):
            return key  # "racheter Wiz, une start-up …": the parser made the description a second object
        t = t.head
    return None


_DEFINITE = {"le", "la", "l'", "l’"}


def generic_org(view: DocView, tok: Token) -> str | None:
    """"le groupe", "l'entreprise" left unresolved (coreference does not resolve a description
    whose participle names its own agent, "le groupe dirigé par X"): the article's main
    organisation, the name an apposition describes."""
    if view.key(tok) or tok.pos_ != "NOUN" or tok.lemma_.lower() not in lexicon_sets().org_nouns:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    if tok.dep_ == "appos":  # "Gameloft, l'éditeur fondé par X": the name it describes
        return view.ent_of(tok.head, ORG)
    main, recent = view.salient_org(), view.subject_before(tok, ORG, sentences=3)
    return main if recent in (None, main) else None


def name_before_comma(view: DocView, tok: Token, *types: str) -> str | None:
    """"Cycleo, racheté en 2012 par X": the name right before the comma that opens ``tok``'s phrase."""
    if tok.i > 1 and view.tokens[tok.i - 1].text == ",":
        return view.ent_of(view.tokens[tok.i - 2], *types)
    return None


def phrase_start(view: DocView, tok: Token) -> Token:
    """The first word of ``tok``'s phrase (its subtree without the punctuation hung on it)."""
    return view.tokens[min(t.i for t in tok.subtree if t.pos_ != "PUNCT" or t.i == tok.i)]


def negative_det(tok: Token) -> bool:
    """"n'ont conclu aucun accord": the negation sits on the noun's determiner."""
    return any(c.lower_ in ("aucun", "aucune", "nul", "nulle") for c in tok.children)

