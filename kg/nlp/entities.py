"""Entity mentions: type and clean the model's entities, link them to the gazetteer, and merge
the surface forms of one entity within an article (acronyms, "X (Y)", surnames).

Output: ``doc._.kg_mentions`` (list of :class:`Ment`) and ``doc._.kg_entities`` (key → Entity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from kg.model import Entity
from kg.nlp.resources import demonyms, fold, gazetteer, lex, lexicon
from kg.vocab import entity_key

LABEL_TYPE = {"ORG": "Organization", "PER": "Person", "LOC": "Place", "PRODUCT": "Product"}
_LEADING = {"le", "la", "les", "l'", "l’", "du", "des", "de", "d'", "d’", "au", "aux", "un", "une",
            "à", "en", "chez", "par", "sur", "pour", "avec", "et", "ou", "son", "sa", "ses"}
_EDGE_PUNCT = "–—-‐,;:.!?«»\"“”'’()[] \n\t"
_CAMEL = re.compile(r"[a-z][A-Z]|^[A-Z][a-z]+[A-Z]|\d")
_PRODUCT_CUE = {"smartphone", "smartphones", "système", "tablette", "service", "application",
                "logiciel", "console", "marque", "terminal", "terminaux", "offre", "box",
                "gamme", "téléphone", "mobile", "ordinateur", "montre", "appareil", "plateforme",
                "modèle", "puce", "processeur", "navigateur", "messagerie", "assistant", "jeu",
                "forfait", "produit", "réseau", "appli", "app", "os", "suite", "clients",
                "utilisateurs", "utilisateur", "client", "abonnés", "abonné", "version"}
_ORG_CUE = {"chez", "groupe", "société", "entreprise", "constructeur", "opérateur", "éditeur",
            "firme", "start-up", "fabricant", "équipementier", "cabinet", "agence"}
_BAD_POS = {"VERB", "AUX", "ADV", "ADJ", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PUNCT"}


@lru_cache(maxsize=1)
def _product_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Product cue nouns and model-name suffixes (``lexicon.json`` ``product_cues``)."""
    raw = lexicon()["product_cues"]
    return frozenset(raw["nouns"]), frozenset(raw["model_suffixes"])


_DE = {"de", "d'", "d’", "du", "des"}
_WEAK_CUES = {"assistant", "assistants", "agent", "service", "services",
              "réseau", "réseaux", "site", "base", "version", "offre", "offres"}


def _cue_before(doc: Doc, start: int) -> str | None:
    """The product noun a name follows: "le smartphone X", "son assistant conversationnel X",
    "l'application de rencontres X", "la montre connectée X"."""
    cues = _product_cues()[0]
    j = start - 1
    if j >= 0 and doc[j].lower_ in _DE:
        return None  # "les produits de X", "les jeux d'X": X is the maker
    if j >= 0 and doc[j].text == ",":
        j -= 1  # "son modèle le plus puissant, X"
    while j >= 0 and j >= start - 7:
        tok = doc[j]
        if tok.lower_ in ("plus", "moins", "le", "la", "les") and j + 1 < start and doc[j + 1].pos_ in ("ADJ", "ADV"):
            j -= 1
            continue
        if tok.lower_ in cues and tok.text[:1].islower() and tok.pos_ in ("NOUN", "PROPN", "ADJ", "X"):
            return tok.lower_
        if tok.lemma_.lower() in lex().org_nouns or tok.lower_ in _ORG_CUE:
            return None  # "le service … du groupe X"
        if tok.pos_ in ("ADJ", "NOUN") and tok.text.islower() or tok.lower_ in _DE:
            j -= 1
            continue
        return None
    return None


def _cue_after(doc: Doc, end: int) -> bool:
    """"X, le service de …", "X, son système d'exploitation", "X, un smartphone sous …"."""
    cues = _product_cues()[0]
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in _LEADING | {"l'", "l’"}:
        return False
    for tok in doc[end + 2:end + 5]:
        if tok.lower_ in cues and tok.lower_ not in _WEAK_CUES - {"service", "services"}:
            return True
        if tok.pos_ != "ADJ":
            return False
    return False


@dataclass
class Ment:
    """A mention of an entity over tokens ``[start, end)``; ``kind`` says how it was found."""

    start: int
    end: int
    key: str
    kind: str  # name | description | pronoun | demonym


def _person_titles() -> frozenset[str]:
    return lex().person_titles


def _not_entities() -> frozenset[str]:
    return lex().not_entities


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
        doc[start].lower_ in _LEADING
        or doc[start].is_punct
        or doc[start].is_space
        or fold(doc[start].text) in titles
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    out = doc[start:end]
    text = out.text.strip(_EDGE_PUNCT)
    if not text or not any(c.isalnum() for c in text):
        return None
    return out


_WEB_NAME = re.compile(r"^[A-Z][\w-]*\.(?:com|fr|io|net|org|eu|co)$")


def _web_names(doc: Doc, raw: list) -> list:
    """Names with a web suffix that the model missed ("Carpooling.com"): organisations."""
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    return [(doc[t.i:t.i + 1], "Organization", None) for t in doc
            if t.i not in taken and _WEB_NAME.match(t.text)]


_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX)$")
_MODEL = re.compile(r"^(?:[A-Z]{0,3}\d+(?:[.,]\d+)?[A-Za-z]{0,3}|[A-Z])$")
_UNITS = {"go", "to", "mo", "euros", "euro", "dollars", "%", "millions", "milliards", "pouces", "ans", "mois", "jours", "exemplaires", "unités", "fois"}


def _model_tail(doc: Doc, end: int) -> int:
    """End of a model name after a product name: "Galaxy S II", "Galaxy Tab 10.1",
    "Snapdragon 845", "Wii U", "Surface Pro 8", "Xbox Series S" (not "iPhone 5 64 Go")."""
    suffixes = _product_cues()[1]
    j = end
    while j < len(doc) and j < end + 3 and doc[j].whitespace_ is not None:
        tok = doc[j]
        nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
        if tok.text in suffixes or _ROMAN.match(tok.text):
            j += 1
        elif _MODEL.match(tok.text) and not re.fullmatch(r"(?:19|20)\d\d", tok.text) and nxt not in _UNITS:
            j += 1
        else:
            break
        if not doc[j - 1].whitespace_:
            glued = j < len(doc) and doc[j].text.isalnum()
            return j + 1 if glued else j  # "5G" tokenised "5", "G"
    return j


def _extend_models(doc: Doc, raw: list) -> list:
    """A product name continued by a model designation is the model, a product of its own."""
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    out = []
    for span, typ, key in raw:
        end = _model_tail(doc, span.end) if typ == "Product" else span.end
        if end > span.end and not any(i in taken for i in range(span.end, end)):
            longer = doc[span.start:end]
            found = gazetteer().lookup(longer.text, "Product")
            out.append((longer, "Product", found.key if found else None))
        else:
            out.append((span, typ, key))
    return out


def _cued_names(doc: Doc, raw: list) -> list:
    """Capitalised names right after a product noun that the model did not tag ("l'application
    de rencontres Tinder", "son réseau bas débit 0G")."""
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    out = []
    i = 1
    while i < len(doc):
        tok = doc[i]
        if i in taken or not _name_like(tok) or tok.is_sent_start or not _cue_before(doc, i):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and _name_like(doc[j]) and not doc[j].is_sent_start:
            j += 1
        span = doc[i:j]
        acronym = len(span) == 1 and span.text.isupper() and len(span.text) <= 4 and span.text.isalpha()
        if not acronym and span.text not in _not_entities() and fold(span.text) not in _person_titles():
            out.append((span, "Product", None))
        i = j
    return out


def _name_like(tok) -> bool:
    text = tok.text
    return bool(text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text)))


@lru_cache(maxsize=1)
def _org_noun_pattern() -> re.Pattern:
    words = sorted(lex().org_nouns, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _org_cue_before(span: Span) -> bool:
    """An organisation noun just before the name ("la start-up hongroise AutoHop"), read on the
    text because the tokenizer splits some of them ("start - up")."""
    doc = span.doc
    window = doc.text[max(0, span.start_char - 28):span.start_char]
    return bool(_org_noun_pattern().search(window))


def _misc_type(span: Span) -> str | None:
    """MISC is an Organization after an organisation noun or with a web suffix, a Product when
    it looks like one (iPhone 5, PlayBook) or a product noun precedes."""
    text = span.text
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if ".fr" in text or ".com" in text or _org_cue_before(span):
        return "Organization"
    if _CAMEL.search(text) or prev in _PRODUCT_CUE:
        return "Product"
    return None


def _looks_like_noise(span: Span) -> bool:
    """Single capitalised common words the model mistakes for names ("Rappelons", "Crédit")."""
    if len(span) == 1:
        tok = span[0]
        if tok.pos_ in _BAD_POS or (tok.pos_ == "NOUN" and tok.is_sent_start):
            return True
        if tok.is_sent_start and tok.pos_ != "PROPN":
            return True
    return span.text[:1].islower() and not _CAMEL.search(span.text)


def _in_title(span: Span) -> bool:
    """Part of a job title ("ministre déléguée à l'Économie numérique"), not an entity."""
    doc = span.doc
    return any(doc[j].lower_ in ("ministre", "ministère", "secrétaire") for j in range(max(0, span.start - 4), span.start))


def _role_after(span: Span) -> bool:
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


def _ambiguous_type(span: Span, types: dict[str, str]) -> str:
    """Decide Organization vs Product for a name the gazetteer has as both (BlackBerry)."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    root = span.root
    if prev is not None and prev.lower_ in _PRODUCT_CUE | {"les", "des", "un", "une", "ces", "ses", "son", "sa", "sur", "via"}:
        return "Product"  # "sur Twitter", "via WhatsApp": the service
    if _cue_before(doc, span.start):
        return "Product"
    head = root.head
    if root.dep_ == "nmod" and head.lower_ in _PRODUCT_CUE:
        return "Product"
    if root.dep_ in ("nmod", "appos") and head.pos_ == "NOUN" and head.lower_ not in _ORG_CUE:
        roles = lex().role_words
        if fold(head.lemma_) in roles or fold(head.text) in roles:
            return "Organization"
    if root.dep_.startswith("nsubj") or (prev is not None and prev.lower_ in _ORG_CUE):
        return "Organization"
    return "Organization" if "Organization" in types else next(iter(types))


def _type_and_key(span: Span, label: str, ent_id: str) -> tuple[str, str | None] | None:
    """The type of a cleaned span and its gazetteer key, or None to drop it."""
    g = gazetteer()
    found = g.by_form.get(fold(span.text))
    if found:
        typ = _ambiguous_type(span, found) if len(found) > 1 else next(iter(found))
        return typ, found[typ]
    if ent_id:
        entry = g.entries.get(ent_id)
        return (entry.type, entry.key) if entry else None
    if span.text.lower() in demonyms() or _looks_like_noise(span) or span.text in _not_entities():
        return None
    cue = _cue_before(span.doc, span.start)
    if (cue and (label != "PER" or cue not in _WEAK_CUES)) or (label != "PER" and _cue_after(span.doc, span.end)):
        return ("Product", None)
    if label in ("LOC", "ORG", "MISC") and _role_after(span):
        return ("Person", None)  # "Panos Panay, le directeur produit de Microsoft"
    if _in_title(span) and not (label == "PER" and len(span) > 1):
        return None
    if label == "MISC":
        typ = _misc_type(span)
        return (typ, None) if typ else None
    typ = LABEL_TYPE.get(label)
    if typ == "Person" and (len(span) < 2 or not all(t.text[:1].isupper() for t in span if t.is_alpha and len(t) > 3)):
        return ("Person", None) if len(span) >= 2 else ("Person?", None)
    return (typ, None) if typ else None


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


def resolve_names(doc: Doc) -> tuple[list[Ment], dict[str, Entity]]:
    """Named mentions of the doc, each linked to an entity key, and the entities they name."""
    g = gazetteer()
    raw: list[tuple[Span, str, str | None]] = []
    for ent in doc.ents:
        span = clean_span(ent)
        if span is None:
            continue
        typed = _type_and_key(span, ent.label_, ent.ent_id_)
        if typed:
            raw.append((span, typed[0], typed[1]))
    raw += _web_names(doc, raw)
    raw = _extend_models(doc, raw)
    raw += _cued_names(doc, raw)
    persons = [s.text for s, t, _ in raw if t == "Person"]
    persons += [g.entries[k].name for s, t, k in raw if t == "Person" and k]
    clusters = _Clusters()
    local: list[tuple[Span, str, str | None]] = []
    for span, typ, key in raw:
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
    for i, (span, typ, _key) in enumerate(names):
        for other, typ2, _ in names:
            if other is span or typ2 != typ:
                continue
            if _is_acronym_of(span.text, other.text):
                clusters.union(f"{typ}|{span.text}", f"{typ}|{other.text}")
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.text == "(" and i + 1 < len(names):
            inner, typ2, _ = names[i + 1]
            if typ2 == typ and inner.start == span.end + 1 and doc[inner.end].text == ")":
                clusters.union(f"{typ}|{span.text}", f"{typ}|{inner.text}")


def _build(local: list, clusters: _Clusters) -> tuple[list[Ment], dict[str, Entity]]:
    """Pick a canonical name per cluster (the longest form) and mint the keys."""
    g = gazetteer()
    members: dict[str, list[str]] = {}
    for span, typ, key in local:
        if key is None:
            members.setdefault(clusters.find(f"{typ}|{span.text}"), []).append(span.text)
    canon = {root: max(forms, key=len) for root, forms in members.items()}
    mentions: list[Ment] = []
    entities: dict[str, Entity] = {}
    aliases: dict[str, dict[str, None]] = {}
    for span, typ, key in local:
        if key is None:
            label = canon[clusters.find(f"{typ}|{span.text}")]
            key = entity_key(typ, label)
            entities.setdefault(key, Entity(key, label, typ))
        else:
            entry = g.entries[key]
            entities.setdefault(key, Entity(key, entry.name, entry.type, qid=entry.qid))
        aliases.setdefault(key, {})[span.text] = None
        mentions.append(Ment(span.start, span.end, key, "name"))
    for key, forms in aliases.items():
        e = entities[key]
        alts = tuple(f for f in forms if f != e.label)
        entities[key] = Entity(e.key, e.label, e.type, alts, e.qid)
    return mentions, entities
