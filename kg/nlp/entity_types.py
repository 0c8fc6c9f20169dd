"""The type of a name the model or the gazetteer found: Organization, Person, Place or Product
from its label, its spelling and its context ("la société X", "X, le premier opérateur", a list
of services), or None for noise. Used by :mod:`kg.nlp.entities`."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.nlp.missed_names import body_nouns
from kg.nlp.products import ORG_CUE, PRODUCT_CUE, WEAK_CUES, cue_after, cue_before
from kg.nlp.resources import demonyms, fold, gazetteer, lex, lexicon

LABEL_TYPE = {"ORG": "Organization", "PER": "Person", "LOC": "Place", "PRODUCT": "Product"}
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z][a-z]+[A-Z]|\d")
_INNER_CAPS = re.compile(r"^[A-Z]?[a-z]+[A-Z]")
_BAD_POS = {"VERB", "AUX", "ADV", "ADJ", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PUNCT"}


def _not_entities() -> frozenset[str]:
    return lex().not_entities



@lru_cache(maxsize=1)
def _category_words() -> frozenset[str]:
    """Kinds of products spelt in capitals ("des PC", "les cartes SIM"): never names."""
    return frozenset(lexicon()["product_cues"].get("category_words", ()))



@lru_cache(maxsize=1)
def _org_noun_pattern() -> re.Pattern:
    words = sorted(lex().org_nouns, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _org_cue_before(span: Span) -> bool:
    """An organisation noun just before the name ("la start-up hongroise AutoHop"), read on the
    text because the tokenizer splits some of them ("start - up")."""
    doc = span.doc
    # The ten tokens before, not doc.text: spaCy joins the whole text on every doc.text.
    window = "".join(t.text_with_ws for t in doc[max(0, span.start - 10):span.start])[-28:]
    return bool(_org_noun_pattern().search(window))


def _is_org_noun(doc: Doc, j: int) -> bool:
    """The token at ``j`` ends an organisation noun ("cabinet", "start-up" split in three)."""
    nouns = lex().org_nouns | body_nouns()
    tok = doc[j]
    if tok.lemma_.lower() in nouns or tok.lower_ in nouns:
        return True
    return j >= 2 and "".join(t.lower_ for t in doc[j - 2:j + 1]) in nouns


def _org_noun_right_before(span: Span) -> bool:
    """An organisation noun right before the name, over adjectives only ("l'éditeur
    américain X"); unlike ``_org_cue_before`` no word between, so that "la société basée à
    Paris" leaves Paris a place."""
    doc, j = span.doc, span.start - 1
    while j > 0 and j >= span.start - 3 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j -= 1
    return j > 0 and doc[j].text.islower() and _is_org_noun(doc, j)


def _org_apposition_after(span: Span) -> bool:
    """"X, le premier opérateur mobile de Pologne": an apposed description with an
    organisation noun names an organisation."""
    doc, j = span.doc, span.end
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("le", "la", "l'", "l’"):
        return False
    j += 2
    while j < len(doc) and j <= span.end + 4 and doc[j].pos_ in ("ADJ", "NUM") and doc[j].text.islower():
        j += 1
    return j < len(doc) and doc[j].text.islower() and _is_org_noun(doc, j)


@lru_cache(maxsize=1)
def _firm_nouns() -> frozenset[str]:
    return frozenset(lexicon()["firm_nouns"]["nouns"])


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Known first names: the lexicon's and those of the gazetteer's persons."""
    persons = (e.name.split()[0] for e in gazetteer().entries.values()
               if e.type == "Person" and " " in e.name)
    return frozenset(persons) | lex().female_first_names


def _firm_before(span: Span) -> bool:
    """A name the model reads as a person is a firm after "chez" (unless it starts with a
    known first name) or right after a firm noun: "analyste chez Quilter Cheviot", "le groupe
    belge Rossel", "la société de gestion Baron Capital", "des fonds, dont X". Not after
    "de" ("le groupe de Rupert Murdoch"): the noun must stand in apposition to the name."""
    doc, j = span.doc, span.start - 1
    if j < 1:
        return False
    if doc[j].lower_ == "chez":
        return span[0].text not in first_names()
    if doc[j].lower_ == "dont" and doc[j - 1].text == ",":
        j -= 2  # "plusieurs fonds, dont X"
    elif j >= 2 and doc[j].text.islower() and doc[j].pos_ == "NOUN" \
            and doc[j - 1].lower_ in ("de", "d'", "d’"):
        j -= 2  # "la société de gestion X", "le cabinet d'études X"
    while j > 0 and j >= span.start - 4 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j -= 1
    return j >= 0 and doc[j].lower_ in _firm_nouns()


def _misc_type(span: Span) -> str | None:
    """MISC is an Organization after an organisation noun, a nationality ("le britannique X")
    or with a web suffix, a Product when it looks like one (iPhone 5, PlayBook) or a product
    noun precedes."""
    text = span.text
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if ".fr" in text or ".com" in text or _org_cue_before(span) or prev in demonyms():
        return "Organization"
    if _CAMEL.search(text) or prev in PRODUCT_CUE:
        return "Product"
    return None


def _looks_like_noise(span: Span) -> bool:
    """Single capitalised common words the model mistakes for names ("Rappelons", "Crédit")."""
    if len(span) == 1:
        tok = span[0]
        if _INNER_CAPS.search(tok.text) or (tok.text.isupper() and tok.text.isalpha() and len(tok.text) > 2):
            return False  # "FireEye", "CISA": no common word is spelt so, whatever the tagger says
        if tok.pos_ in _BAD_POS or (tok.pos_ == "NOUN" and tok.is_sent_start):
            return True
        if tok.is_sent_start and tok.pos_ != "PROPN":
            return True
    return span.text[:1].islower() and not _CAMEL.search(span.text)


def _in_title(span: Span) -> bool:
    """Part of a job title ("ministre déléguée à l'Économie numérique"), not an entity."""
    doc = span.doc
    return any(doc[j].lower_ in ("ministre", "ministère", "secrétaire") for j in range(max(0, span.start - 4), span.start))


def role_after(span: Span) -> bool:
    """A two- or three-word capitalised name followed by ", (le|la) <role>" names a person."""
    doc = span.doc
    if not 2 <= len(span) <= 3 or not all(t.text[:1].isupper() for t in span):
        return False
    j = span.end
    if j + 1 >= len(doc) or doc[j].text != ",":
        return False
    j += 1 + (doc[j + 1].lower_ in ("le", "la", "l'", "l’"))
    roles = lex().role_words | lex().person_titles
    if j >= len(doc) or doc[j].lemma_.lower() in lex().org_nouns or doc[j].lower_ in lex().org_nouns:
        return False  # "Medidata Solutions, le spécialiste new-yorkais"
    return fold(doc[j].text) in roles or doc[j].lower_ in ("analyste", "porte-parole")


def _list_type(span: Span) -> str | None:
    """The one type the gazetteer gives the names listed with ``span`` ("Disney+ et Netflix",
    "Instagram, WhatsApp et Messenger"), read on the tokens: the parser often hangs such lists
    on the noun before them. None when the neighbours are unknown, ambiguous or mixed."""
    doc, g = span.doc, gazetteer()
    found = set()
    for ent in doc.ents:
        before = ent.end == span.start - 1 and doc[ent.end].text in (",", "et", "ou")
        after = ent.start == span.end + 1 and doc[span.end].text in (",", "et", "ou")
        if before or after:
            types = g.by_form.get(fold(ent.text), {})
            if len(types) == 1:
                found |= set(types)
    return next(iter(found)) if len(found) == 1 else None


def _ambiguous_type(span: Span, types: dict[str, str]) -> str:
    """Decide Organization vs Product for a name the gazetteer has as both (BlackBerry)."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    root = span.root
    if prev is not None and prev.lower_ in PRODUCT_CUE | {"les", "des", "un", "une", "ces", "ses", "son", "sa", "sur", "via"}:
        return "Product"  # "sur Twitter", "via WhatsApp": the service
    if cue_before(doc, span.start):
        return "Product"
    coordinated = _list_type(span)
    if coordinated in types:
        return coordinated  # "Disney+ et Netflix", "ses services Instagram, WhatsApp"
    head = root.head
    if root.dep_ == "nmod" and head.lower_ in PRODUCT_CUE:
        return "Product"
    if root.dep_ in ("nmod", "appos") and head.pos_ == "NOUN" and head.lower_ not in ORG_CUE:
        roles = lex().role_words
        if fold(head.lemma_) in roles or fold(head.text) in roles:
            return "Organization"
    if root.dep_.startswith("nsubj") or (prev is not None and prev.lower_ in ORG_CUE):
        return "Organization"
    return "Organization" if "Organization" in types else next(iter(types))


def type_and_key(span: Span, label: str, ent_id: str) -> tuple[str, str | None] | None:
    """The type of a cleaned span and its gazetteer key, or None to drop it."""
    g = gazetteer()
    text = span.text
    found = g.by_form.get(fold(text))
    if found:
        typ = _ambiguous_type(span, found) if len(found) > 1 else next(iter(found))
        return typ, found[typ]
    if ent_id:
        entry = g.entries.get(ent_id)
        return (entry.type, entry.key) if entry else None
    if text.lower() in demonyms() or _looks_like_noise(span) or text in _not_entities() \
            or text in _category_words():
        return None
    cue = cue_before(span.doc, span.start)
    if (cue and (label != "PER" or cue not in WEAK_CUES)) or (label != "PER" and cue_after(span.doc, span.end)):
        return ("Product", None)
    if label in ("LOC", "MISC") and (_org_noun_right_before(span) or _org_apposition_after(span)):
        return ("Organization", None)  # "du cabinet Cravath", "sur Play, le premier opérateur"
    if label in ("LOC", "ORG", "MISC") and role_after(span):
        return ("Person", None)  # "Panos Panay, le directeur produit de Microsoft"
    if _in_title(span) and not (label == "PER" and len(span) > 1):
        return None
    if label == "MISC":
        typ = _misc_type(span)
        return (typ, None) if typ else None
    if label == "PER" and _firm_before(span):
        return ("Organization", None)
    typ = LABEL_TYPE.get(label)
    if typ == "Person" and (len(span) < 2 or not all(t.text[:1].isupper() for t in span if t.is_alpha and len(t) > 3)):
        return ("Person", None) if len(span) >= 2 else ("Person?", None)
    return (typ, None) if typ else None


def one_type_per_name(raw: list) -> list:
    """A name the gazetteer does not know, typed Organization in one sentence ("la société de
    cybersécurité FireEye"), stays an organisation where its spelling made it a product or the
    model a place."""
    orgs = {span.text for span, typ, key in raw if typ == "Organization" and key is None}
    # Likewise a name the model tags as a place elsewhere ("sur Play, le premier opérateur").
    return [(span, "Organization" if typ in ("Product", "Place") and key is None and span.text in orgs else typ, key)
            for span, typ, key in raw]


@lru_cache(maxsize=1)
def _metonyms() -> dict[str, str]:
    """Gazetteer key of a place → key of the institution it may stand for."""
    g = gazetteer()
    out = {}
    for place, institution in lexicon()["place_metonyms"]["places"].items():
        p, i = g.by_form.get(fold(place), {}), g.by_form.get(fold(institution), {})
        if "Place" in p and "Organization" in i:
            out[p["Place"]] = i["Organization"]
    return out


def _acts(span: Span) -> bool:
    """The place acts in its sentence (see ``place_metonyms`` in the lexicon)."""
    doc, root = span.doc, span.root
    if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("selon", "par"):
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    return root.dep_ in ("nsubj", "nsubj:pass", "obl:agent", "obj") \
        or (nxt is not None and nxt.pos_ in ("VERB", "AUX"))


def institution_metonyms(raw: list) -> list:
    """"Bruxelles inflige une amende": a seat city that acts is its institution."""
    table = _metonyms()
    return [(span, "Organization", table[key]) if typ == "Place" and key in table and _acts(span)
            else (span, typ, key) for span, typ, key in raw]

