"""Products and their makers: genitives, possessives, descriptions, the gazetteer's makers."""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

from kg.extract.context import DocView, blocked
from kg.extract.relations._common import (ORG, PLACE, PROD, Cand, _clause_subject, _has_case, _named_after,
                                          _subtree_ent, generic_org, lex_verbs, name_before_comma,
                                          phrase_start)
from kg.nlp.resources import fold, gazetteer


def genitive_relations(view: DocView) -> Iterator[Cand]:
    """"Android de Google", "smartphones Lumia de Nokia", "Microsoft Windows Phone", possessives."""
    doc = view.doc
    token_ent = view.token_ent
    for i, prod in enumerate(token_ent):
        # The first token of each product name (read on the entity column, no Token made).
        if not prod or (i > 0 and token_ent[i - 1] == prod) or view.type(prod) != PROD:
            continue
        tok = view.tokens[i]
        span_end = i
        while span_end + 1 < len(doc) and token_ent[span_end + 1] == prod:
            span_end += 1
        holders = [tok, *[doc[i] for i in range(tok.i, span_end + 1)]]
        if tok.head.lower_ in {"système", "smartphone", "smartphones", "tablette", "service", "terminaux", "logiciel", "marque", "marques", "plateforme", "application"}:
            holders.append(tok.head)
        for h in holders:
            for c in h.children:
                if c.dep_ == "nmod" and c.i > h.i and _has_case(c, "de", "d'", "d’", "du", "chez"):
                    org = view.ent_of(c, ORG) or _named_after(view, c, ORG)
                    if org:
                        yield prod, "madeBy", org, tok, "genitive-madeBy", 0.8
                if c.dep_ == "nmod" and _has_case(c, "sous"):
                    for os_ in view.conjuncts(c, PROD):
                        if os_ != prod:
                            yield os_, "runsOn", prod, tok, "sous-runsOn", 0.75
                if c.dep_ == "appos":
                    org = _subtree_ent(view, c, (ORG,), depth=3)
                    if org and (c.lemma_.lower() in lex_verbs()["madeBy_nouns"] or c.lemma_.lower() == "système"):
                        yield prod, "madeBy", org, tok, "appos-madeBy", 0.8
        maker = gazetteer().entries.get(prod)
        surface = doc[tok.i:span_end + 1].text
        maker_name = gazetteer().entries[maker.maker].name if maker and maker.maker else None
        if maker_name and surface.startswith(maker_name + " ") and len(gazetteer().by_form.get(fold(maker_name), {})) == 1:
            yield prod, "madeBy", maker.maker, tok, "name-prefix-madeBy", 0.75
        if tok.i > 0:
            org = view.ent_of(doc[tok.i - 1], ORG)
            if org and view.key(doc[tok.i - 1]) != prod:
                yield prod, "madeBy", org, tok, "adjacent-madeBy", 0.7
        yield from _possessive(view, tok, prod)


def _possessive(view: DocView, tok: Token, prod: str) -> Iterator[Cand]:
    """"RIM … son nouveau système BlackBerry 10", "MediaTek lance son Dimensity 9000": the
    possessor is the subject of the clause, or the organisation a participle clause qualifies
    ("Google, accusé d'abuser de son système Android")."""
    doc = view.doc
    nouns = lex_verbs()["madeBy_nouns"] | {"système"}
    for j in range(tok.i - 1, max(0, tok.i - 7) - 1, -1):
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or view.key(t) or "\n" in t.text or t.text in ".!?":
            return
        if t.lower_ in ("son", "sa", "ses") and (t.head.lemma_.lower() in nouns or view.key(t.head) == prod):
            owner = _qualified_org(view, t.head)
            for s in [owner] if owner else _clause_subject(view, t.head, (ORG,)):
                yield prod, "madeBy", s, tok, "possessive-madeBy", 0.65
            return


def _qualified_org(view: DocView, tok: Token) -> str | None:
    """The organisation an adjectival clause on the way up qualifies: in "X inflige une amende à
    Google, accusé d'avoir abusé de son système", "son" is Google's, not X's."""
    head = tok
    for _ in range(8):
        if head.dep_ in ("acl", "acl:relcl") and head.head is not head:
            return view.ent_of(head.head, ORG)
        if head.dep_ in ("ROOT",) or head.head is head or head.pos_ in ("AUX",):
            return None
        if head.pos_ == "VERB" and any(c.dep_.startswith("nsubj") for c in head.children):
            return None
        head = head.head
    return None


def non_maker(view: DocView, key: str) -> bool:
    """A regulator, court or government never makes a product ("la Commission européenne",
    "l'Autorité de la concurrence", "le gendarme des télécoms"): words of its names say so."""
    words = lex_verbs()["non_maker_words"]
    entry = gazetteer().entries.get(key)
    ent = view.entities.get(key)
    names = [ent.label, *ent.aliases] if ent else []
    if entry:
        names += [entry.name, *entry.aliases, *entry.nicknames]
    return any(w in words for n in names if n for w in fold(n).split())


def description_facts(view: DocView) -> Iterator[Cand]:
    """Facts stated by descriptions and demonyms (``doc._.kg_facts``)."""
    for f in view.doc._.kg_facts or []:
        yield f.subject, f.predicate, f.object, view.doc[f.token], f.rule, f.confidence


def gazetteer_makers(view: DocView) -> Iterator[Cand]:
    """A product and its known maker both named in the article: madeBy, with the sentence that
    names the product (lower confidence when the maker is only named elsewhere)."""
    g = gazetteer()
    named = {m.key for m in view.doc._.kg_mentions or [] if m.kind in ("name", "description", "apposition")}
    token_ent = view.token_ent
    for sent in view.sents:
        last: dict[str, int] = {}  # key -> its last token in the sentence, keys in first-seen order
        for i in range(sent.start, sent.end):
            if token_ent[i]:
                last[token_ent[i]] = i
        keys = {key: view.tokens[i] for key, i in last.items()}
        for key, tok in keys.items():
            entry = g.entries.get(key)
            if entry and entry.maker and entry.maker in keys:
                yield key, "madeBy", entry.maker, tok, "gazetteer-maker", 0.6
            elif entry and entry.maker and entry.maker in named:
                yield key, "madeBy", entry.maker, tok, "gazetteer-maker-article", 0.5


def based_relations(view: DocView) -> Iterator[Cand]:
    """"l'entreprise, basée à Austin", "le fabricant basé à Libertyville", "tous deux basés à San
    Francisco": a participle of ``based_verbs`` places the organisation it qualifies."""
    based, founded = lex_verbs()["based_verbs"], lex_verbs()["founded_verbs"]
    for i, lemma in enumerate(view.lemmas):
        if lemma not in based and lemma not in founded:
            continue
        tok = view.tokens[i]
        if "Part" not in tok.morph.get("VerbForm") or blocked(tok):
            continue
        # "basée à Austin", "installé en Irlande"; "Fondé en 2007 à Paris, X": a city of foundation
        cases = ("à", "au", "en", "dans") if lemma in based else ("à",)
        places = [k for c in tok.children if c.dep_.startswith("obl") and _has_case(c, *cases)
                  for k in view.conjuncts(c, PLACE)]
        if not places:
            continue
        orgs = [name_before_comma(view, tok, ORG)] if name_before_comma(view, tok, ORG) else []
        if not orgs and tok.dep_ in ("acl", "appos"):
            orgs = _described_org(view, tok.head)
        if not orgs and tok.dep_ in ("acl", "appos", "advcl") and view.tokens[tok.i - 1].text == ",":
            head = view.tokens[tok.i - 2]  # "l'entreprise, basée à Austin"
            orgs = [k for k in (view.ent_of(head, ORG), generic_org(view, head)) if k][:1]
        if not orgs and tok.i == tok.sent.start:
            orgs = _name_after_fronted(view, tok)
        for o in orgs:
            for p in places:
                yield o, "basedIn", p, tok, "participle-basedIn", 0.75


def _described_org(view: DocView, noun: Token) -> list[str]:
    """The organisation a participle's noun stands for: up the complement chain to the phrase's
    head ("l'éditeur de logiciels de virtualisation basé à …"), the name a comma sets that
    description after ("VMware, l'éditeur … basé à …": whatever coreference made of it), else
    the noun's own entity or the article's main organisation for "le groupe"."""
    h = noun
    while h.dep_ == "nmod" and h.head.pos_ == "NOUN" and h.head.i < h.i:
        h = h.head
    if h.pos_ == "NOUN" and h.text[:1].islower():
        named = name_before_comma(view, phrase_start(view, h), ORG)
        if named:
            return [named]
    return view.conjuncts(noun, ORG) or ([g] if (g := generic_org(view, noun)) else [])


def _name_after_fronted(view: DocView, tok: Token) -> list[str]:
    """"Installé à Amsterdam, Gemalto fournit …": a participle opening the sentence qualifies the
    organisation named right after its comma."""
    for j in range(tok.i + 1, min(len(view.tokens) - 1, tok.i + 12)):
        if view.tokens[j].text == ",":
            nxt = view.tokens[j + 1]
            key = view.ent_of(nxt, ORG) or generic_org(view, nxt)
            return [key] if key else []
        if view.tokens[j].pos_ in ("VERB", "AUX") and not view.key(view.tokens[j]):
            break
    return []


_AVAILABLE = {"disponible": ("sur", "sous"), "compatible": ("avec",)}


def available_relations(view: DocView) -> Iterator[Cand]:
    """"l'application, disponible sur iOS et sur Android", "vSphere, qui est disponible sur
    Azure", "un jeu compatible avec la Switch": the product runs on the platform."""
    for i, lemma in enumerate(view.lemmas):
        if lemma not in _AVAILABLE:
            continue
        tok = view.tokens[i]
        platforms = [k for c in tok.children if c.dep_.startswith(("obl", "nmod")) and _has_case(c, *_AVAILABLE[lemma])
                     for k in view.conjuncts(c, PROD)]
        if not platforms or blocked(tok):
            continue
        for app in _available_subject(view, tok):
            for plat in platforms:
                if app != plat:
                    yield app, "runsOn", plat, tok, "available-on-runsOn", 0.7


def _available_subject(view: DocView, tok: Token) -> list[str]:
    """The product the adjective is said of: its subject (a relative "qui" standing for the noun
    the clause qualifies), the noun it qualifies, or the name that noun is apposed to."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ == "qui":
        noun = tok.head if tok.dep_ in ("acl:relcl", "acl") else None
    elif subj is not None:
        return view.conjuncts(subj, PROD)
    else:
        noun = tok.head if tok.dep_ in ("amod", "acl", "appos") and tok.head.i != tok.i else None
    before = name_before_comma(view, tok, PROD)
    if noun is None:
        return [before] if before else []
    key = view.ent_of(noun, PROD)
    if key and noun.text[:1].isupper():
        return [key]
    if noun.dep_ == "appos" and view.ent_of(noun.head, PROD):
        return [view.ent_of(noun.head, PROD)]
    # "vSphere, la suite phare de l'éditeur, qui est disponible sur Azure"
    named = name_before_comma(view, phrase_start(view, noun), PROD) or before
    return [named] if named else []
