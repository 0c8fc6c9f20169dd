"""Product names read from their context: the product noun before a name ("le smartphone X",
"l'application de rencontres X"), an apposition after it ("X, son service de …"), and model
designations that continue a product name ("Galaxy S II", "Wii U"). Cue words are data
(``lexicon.json`` ``product_cues``)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from kg.nlp.resources import fold, gazetteer, lex, lexicon
from kg.nlp.tokens import flags

# Words that open a noun phrase (clean_span strips them from names too).
LEADING = {"le", "la", "les", "l'", "l’", "du", "des", "de", "d'", "d’", "au", "aux", "un", "une",
           "à", "en", "chez", "par", "sur", "pour", "avec", "et", "ou", "son", "sa", "ses"}
PRODUCT_CUE = {"smartphone", "smartphones", "système", "tablette", "service", "application",
               "logiciel", "console", "marque", "terminal", "terminaux", "offre", "box",
               "gamme", "téléphone", "mobile", "ordinateur", "montre", "appareil", "plateforme",
               "modèle", "puce", "processeur", "navigateur", "messagerie", "assistant", "jeu",
               "forfait", "produit", "réseau", "appli", "app", "os", "suite", "clients",
               "utilisateurs", "utilisateur", "client", "abonnés", "abonné", "version"}
ORG_CUE = {"chez", "groupe", "société", "entreprise", "constructeur", "opérateur", "éditeur",
           "firme", "start-up", "fabricant", "équipementier", "cabinet", "agence"}


@lru_cache(maxsize=1)
def _product_cues() -> tuple[frozenset[str], frozenset[str]]:
    """Product cue nouns and model-name suffixes (``lexicon.json`` ``product_cues``)."""
    raw = lexicon()["product_cues"]
    return frozenset(raw["nouns"]), frozenset(raw["model_suffixes"])


_DE = {"de", "d'", "d’", "du", "des"}
WEAK_CUES = {"assistant", "assistants", "agent", "service", "services",
             "réseau", "réseaux", "site", "base", "version", "offre", "offres"}


def cue_before(doc: Doc, start: int) -> str | None:
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
        if tok.lemma_.lower() in lex().org_nouns or tok.lower_ in ORG_CUE:
            return None  # "le service … du groupe X"
        if tok.pos_ in ("ADJ", "NOUN") and tok.text.islower() or tok.lower_ in _DE:
            j -= 1
            continue
        return None
    return None


def cue_after(doc: Doc, end: int) -> bool:
    """"X, le service de …", "X, son système d'exploitation", "X, un smartphone sous …"."""
    cues = _product_cues()[0]
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in LEADING | {"l'", "l’"}:
        return False
    for tok in doc[end + 2:end + 5]:
        if tok.lower_ in cues and tok.lower_ not in WEAK_CUES - {"service", "services"}:
            return True
        if tok.pos_ != "ADJ":
            return False
    return False


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


def extend_models(doc: Doc, raw: list) -> list:
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


def cued_names(doc: Doc, raw: list) -> list:
    """Capitalised names right after a product noun that the model did not tag ("l'application
    de rencontres Tinder", "son réseau bas débit 0G")."""
    taken = {i for span, _, _ in raw for i in range(span.start, span.end)}
    like = flags(doc, ORTH, _name_like)  # read on the strings, not a Token per token
    out = []
    n = len(doc)
    i = 1
    while i < n:
        if not like[i] or i in taken or doc[i].is_sent_start or not cue_before(doc, i):
            i += 1
            continue
        j = i + 1
        while j < n and j not in taken and like[j] and not doc[j].is_sent_start:
            j += 1
        span = doc[i:j]
        acronym = len(span) == 1 and span.text.isupper() and len(span.text) <= 4 and span.text.isalpha()
        if not acronym and span.text not in lex().not_entities and fold(span.text) not in lex().person_titles:
            out.append((span, "Product", None))
        i = j
    return out


def _name_like(text: str) -> bool:
    return bool(text[:1].isupper() or (text[:1].isdigit() and any(c.isupper() for c in text)))

