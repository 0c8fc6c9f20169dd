"""Entity mentions: type and clean the model's entities, link them to the gazetteer, and merge
the surface forms of one entity within an article (acronyms, "X (Y)", surnames).

Output: ``doc._.kg_mentions`` (list of :class:`Ment`) and ``doc._.kg_entities`` (key → Entity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.nlp.products import LEADING, cued_names, extend_models
from kg.nlp.doctext import doc_text
from kg.nlp.entity_types import (first_names, institution_metonyms, one_type_per_name, role_after,
                                 type_and_key)
from kg.nlp.missed_names import (acronym_positions, acronym_sites, body_acronyms,
                                 extra_names)
from kg.nlp.resources import fold, gazetteer, lex
from kg.nlp.tokens import positions
from kg.vocab import entity_key

_EDGE_PUNCT = "–—-‐,;:.!?«»\"“”'’()[] \n\t"
# Function words a name cannot end on: the model sometimes stops an ORG span before its
# complement ("Institut de médecine moléculaire d'" + "Oslo").
_TRAILING = {"de", "du", "des", "d'", "d’", "l'", "l’", "le", "la", "les", "et", "ou", "en", "à",
             "au", "aux", "pour", "sur", "avec", "par"}


@dataclass
class Ment:
    """A mention of an entity over tokens ``[start, end)``; ``kind`` says how it was found."""

    start: int
    end: int
    key: str
    kind: str  # name | description | pronoun | demonym


def _person_titles() -> frozenset[str]:
    return lex().person_titles


def _name_article(doc: Doc, i: int) -> bool:
    """A capitalised article inside a sentence belongs to the name ("Le Chat", "La Poste")."""
    tok = doc[i]
    if tok.text not in ("Le", "La", "Les") or i == 0 or i + 1 >= len(doc):
        return False
    prev = doc[i - 1]
    return prev.text not in (".", "!", "?", ":", "«", "“", '"', "—", "–", "-") and "\n" not in prev.text \
        and doc[i + 1].text[:1].isupper()


def clean_span(span: Span) -> Span | None:
    """Strip determiners, prepositions, titles and edge punctuation from an entity span."""
    doc, start, end = span.doc, span.start, span.end
    titles = _person_titles()
    while start < end and not _name_article(doc, start) and (
        (tok := doc[start]).lower_ in LEADING
        or tok.is_punct
        or tok.is_space
        or fold(tok.text) in titles
    ):
        start += 1
    while end > start and ((tok := doc[end - 1]).is_punct or tok.is_space
                           or tok.lower_ in _TRAILING):
        end -= 1
    if start >= end:
        return None
    if end < len(doc) and doc[end - 1].text[-1] in "'’" and not doc[end - 1].whitespace_ \
            and doc[end].lower_ == "s":
        end += 1  # the tokenizer reads "McDonald's" as an elision: "McDonald'" + "s"
    out = doc[start:end]
    text = out.text.strip(_EDGE_PUNCT)
    if not text or not any(c.isalnum() for c in text):
        return None
    return out


_WEB_NAME = re.compile(r"^[A-Z][\w-]*\.(?:com|fr|io|net|org|eu|co)$")


_WEB_SUFFIX = re.compile(r"\.(?:com|fr|io|net|org|eu|co)")


def _web_names(doc: Doc, raw: list) -> list:
    """Names with a web suffix that the model missed ("Carpooling.com"): organisations."""
    if not _WEB_SUFFIX.search(doc_text(doc)):
        return []  # most articles name no web site: no need to read every token
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    return [(doc[i:i + 1], "Organization", None) for i in positions(doc, ORTH, _WEB_NAME.match)
            if i not in taken]



@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """The last word of every person title, folded ("ministre" of "premier ministre")."""
    return frozenset({fold(t).split()[-1] for t in lex().person_titles} | {"premier", "premiere"})


def _titled_person(span: Span) -> Span | None:
    """"Premier ministre Jean-Marc Ayrault" tagged as one name: the person after the title."""
    doc = span.doc
    titles = _title_words()
    i = span.start
    while i < span.end and fold(doc[i].text) in titles:
        i += 1
    rest = doc[i:span.end]
    if i == span.start or not 2 <= len(rest) <= 3 or not all(t.text[:1].isupper() for t in rest):
        return None
    return rest


def _is_acronym_of(short: str, long: str) -> bool:
    """``RIM`` is the acronym of ``Research In Motion``."""
    if not (2 <= len(short) <= 6 and short.isupper()):
        return False
    words = [w for w in re.split(r"[\s\-]+", long) if w and w[0].isalpha()]
    initials = "".join(w[0] for w in words).upper()
    caps = "".join(w[0] for w in words if w[0].isupper()).upper()
    return short in (initials, caps)


class _Clusters:
    """Union of surface forms that name the same non-gazetteer entity in one article."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _joined_ents(doc: Doc) -> list[tuple[Span, str, str]]:
    """The doc's entities as (span, label, gazetteer id); a gazetteer organisation directly
    followed by an organisation name of the model is one name with it ("Sony" + "Computer
    Entertainment": the ruler tags the known part first, the model the rest), unless the
    second name starts with a first name or is a person by its role ("à Reuters Kirk
    Boodry, analyste")."""
    ents = list(doc.ents)
    out: list[tuple[Span, str, str]] = []
    i = 0
    while i < len(ents):
        a = ents[i]
        b = ents[i + 1] if i + 1 < len(ents) else None
        if b is not None and a.ent_id_ and a.label_ == "ORG" and b.label_ == "ORG" \
                and not b.ent_id_ and b.start == a.end and a[-1].whitespace_ \
                and b[0].text not in first_names() and not role_after(b):
            out.append((doc[a.start:b.end], "ORG", ""))
            i += 2
            continue
        out.append((a, a.label_, a.ent_id_))
        i += 1
    return out


def _typed_ents(doc: Doc) -> list[tuple[Span, str, str | None]]:
    """The doc's entities, cleaned and typed, each with its gazetteer key (or None)."""
    names, acronyms = acronym_sites(doc)
    bodies = body_acronyms(doc)
    extra = [(n, None) for n in names.values()] + extra_names(doc)
    raw: list[tuple[Span, str, str | None]] = [(n, "Organization", k) for n, k in extra]
    inside = {i for name, _ in extra for i in range(name.start, name.end)}
    for ent, label, ent_id in _joined_ents(doc):
        span = clean_span(ent)
        if span is None or span.start in inside or span.end - 1 in inside:
            continue
        titled = _titled_person(span)
        span, label = (titled, "PER") if titled is not None else (span, label)
        if span.start in acronyms and len(span) == 1 and not ent_id:
            label = acronyms[span.start]  # "(ONF)" tagged MISC: the organisation's acronym
        if len(span) == 1 and not ent_id and span.text in bodies:
            raw.append((span, "Organization", None))  # "Le CISPE, l'association qui …"
            continue
        typed = type_and_key(span, label, ent_id)
        if typed:
            raw.append((span, typed[0], typed[1]))
    found = {span.start for span, _, _ in raw}
    # "(CHSF)" the model did not tag: the acronym of the name before it.
    raw += [(doc[i:i + 1], "Organization", None) for i in names if i not in found]
    if bodies:  # the mentions of an organisation's acronym the model did not tag
        taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
        raw += [(doc[i:i + 1], "Organization", None)
                for i in acronym_positions(doc) if i not in taken and doc[i].text in bodies]
    raw.sort(key=lambda r: r[0].start)
    return raw


def resolve_names(doc: Doc) -> tuple[list[Ment], dict[str, Entity]]:
    """Named mentions of the doc, each linked to an entity key, and the entities they name."""
    g = gazetteer()
    raw = _typed_ents(doc)
    raw += _web_names(doc, raw)
    raw = extend_models(doc, raw)
    raw += cued_names(doc, raw)
    raw = institution_metonyms(one_type_per_name(raw))
    persons = [s.text for s, t, _ in raw if t == "Person"]
    persons += [g.entries[k].name for s, t, k in raw if t == "Person" and k]
    clusters = _Clusters()
    local: list[tuple[Span, str, str | None]] = []
    surnames = {p.split()[-1] for p in persons if " " in p}
    for span, typ, key in raw:
        if typ == "Organization" and key is None and len(span) == 1 and span.text in surnames:
            typ = "Person?"  # "la famille Klaba" after "Octave Klaba": the person's surname
        if typ == "Person?":
            full = [p for p in persons if p.split()[-1] == span.text or p.split()[0] == span.text]
            if not full:
                continue
            typ = "Person"
            found = g.lookup(full[0], "Person")
            key = found.key if found else None
            if key is None:
                clusters.union(f"Person|{span.text}", f"Person|{full[0]}")
        local.append((span, typ, key))
    _merge_acronyms(doc, local, clusters)
    local = _short_forms(local, clusters)
    local += _maker_prefixes(local)
    return _build(local, clusters)


def _maker_prefixes(local: list) -> list:
    """"Microsoft Windows Phone" also mentions Microsoft: a product named after its maker."""
    g = gazetteer()
    out = []
    for span, typ, key in local:
        entry = g.entries.get(key) if key else None
        maker = g.entries.get(entry.maker) if entry and entry.maker else None
        # Not when the prefix is also a product brand ("BlackBerry 10": BlackBerry names the
        # phones, and in 2012 their maker was Research In Motion).
        ambiguous = maker is not None and len(g.by_form.get(fold(maker.name), {})) > 1
        if maker and not ambiguous and span.text.startswith(maker.name + " "):
            n = len(maker.name.split())
            out.append((span[:n], "Organization", maker.key))
    return out


def _short_forms(local: list, clusters: _Clusters) -> list:
    """"l'Autorité" after "l'Autorité de la concurrence": a one-word organisation name that
    starts a longer organisation name of the same article is that organisation."""
    longer = {}
    for span, typ, key in local:
        if typ == "Organization" and len(span) > 1:
            longer.setdefault(span[0].text, (span.text, key))
    out = []
    for span, typ, key in local:
        if typ == "Organization" and len(span) == 1 and key is None and span.text in longer:
            full, full_key = longer[span.text]
            if full_key is None:
                clusters.union(f"Organization|{span.text}", f"Organization|{full}")
                out.append((span, typ, None))
                continue
            key = full_key
        out.append((span, typ, key))
    return out


def _merge_acronyms(doc: Doc, local: list, clusters: _Clusters) -> None:
    """Merge "X (Y)" pairs and acronyms with their expansion (non-gazetteer names)."""
    names = [(s, t, k) for s, t, k in local if k is None]
    # Every pair is compared: each span's text is joined once, not once per pair.
    texts = [span.text for span, _, _ in names]
    for i, (span, typ, _key) in enumerate(names):
        text = texts[i]
        for j, (other, typ2, _) in enumerate(names):
            if other is span or typ2 != typ:
                continue
            if _is_acronym_of(text, texts[j]):
                clusters.union(f"{typ}|{text}", f"{typ}|{texts[j]}")
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.text == "(" and i + 1 < len(names):
            inner, typ2, _ = names[i + 1]
            if typ2 == typ and inner.start == span.end + 1 and doc[inner.end].text == ")":
                clusters.union(f"{typ}|{text}", f"{typ}|{texts[i + 1]}")


def _build(local: list, clusters: _Clusters) -> tuple[list[Ment], dict[str, Entity]]:
    """Pick a canonical name per cluster (the longest form) and mint the keys."""
    g = gazetteer()
    texts = [span.text for span, _, _ in local]
    members: dict[str, list[str]] = {}
    for (span, typ, key), text in zip(local, texts):
        if key is None:
            members.setdefault(clusters.find(f"{typ}|{text}"), []).append(text)
    canon = {root: max(forms, key=len) for root, forms in members.items()}
    mentions: list[Ment] = []
    entities: dict[str, Entity] = {}
    aliases: dict[str, dict[str, None]] = {}
    for (span, typ, key), text in zip(local, texts):
        if key is None:
            label = canon[clusters.find(f"{typ}|{text}")]
            key = entity_key(typ, label)
            entities.setdefault(key, Entity(key, label, typ))
        else:
            entry = g.entries[key]
            entities.setdefault(key, Entity(key, entry.name, entry.type, qid=entry.qid))
        aliases.setdefault(key, {})[text] = None
        mentions.append(Ment(span.start, span.end, key, "name"))
    for key, forms in aliases.items():
        e = entities[key]
        alts = tuple(f for f in forms if f != e.label)
        entities[key] = Entity(e.key, e.label, e.type, alts, e.qid)
    return mentions, entities
