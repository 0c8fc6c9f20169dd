"""Organisation names the model misses or cuts, found on the tokens: the long name before an
acronym in brackets, ministries of foreign countries, newspapers whose article a preposition
swallowed. Used by :mod:`kg.nlp.entities`."""

from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span

from kg.nlp.doctext import doc_text
from kg.nlp.resources import demonyms, fold, gazetteer, lexicon
from kg.nlp.tokens import positions

_LINKS = {"de", "des", "du", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "en", "pour", "à",
          "aux", "au", "sur"}


def _acronym_names(doc: Doc) -> dict[int, Span]:
    """"L'Autorité australienne des communications et des médias (ACMA)", "Le Centre
    hospitalier Sud Francilien (CHSF)": the name before an acronym in brackets, whatever the
    model made of it (its first word, two places), found back from the bracket as the
    shortest run of words from a capitalised one whose initials are the acronym's letters,
    in any order (acronyms of translated names keep the source order). Keyed by the
    acronym's token index."""
    found: dict[int, Span] = {}
    for k in positions(doc, ORTH, "(".__eq__):
        if k + 2 >= len(doc) or doc[k + 2].text != ")":
            continue
        short = doc[k + 1].text
        if not (2 <= len(short) <= 6 and short.isupper() and short.isalpha()):
            continue
        letters, initials = sorted(short), []
        for i in range(k - 1, max(-1, k - 13), -1):
            tok = doc[i]
            if not (tok.is_alpha or tok.lower_ in _LINKS):
                break
            if tok.is_alpha and tok.lower_ not in _LINKS:
                initials.append(tok.text[0].upper())
            if len(initials) > len(letters):
                break
            if tok.is_title and sorted(initials) == letters:
                found[k + 1] = doc[i:k]
                break
    return found


def acronym_sites(doc: Doc) -> tuple[dict[int, Span], dict[int, str]]:
    """The organisation names found before an acronym (see :func:`_acronym_names`) that the
    model did not tag whole, and the label each acronym takes: ORG, or MISC after a name the
    model tags MISC only ("Digital Services Act (DSA)": a law); none over a person."""
    names: dict[int, Span] = {}
    labels: dict[int, str] = {}
    for i, name in _acronym_names(doc).items():
        found = {e.label_ for e in name.ents if not e.ent_id_}
        if found == {"MISC"}:
            labels[i] = "MISC"
        elif not found & {"PER", "MISC"}:
            labels[i] = "ORG"
            if not any(e.start == name.start and e.end == name.end for e in doc.ents):
                names[i] = name
    return names, labels


_MINISTRY = frozenset({"ministère", "ministere"})
_DE = frozenset({"de", "du", "des", "d'", "d’"})


def _ministries(doc: Doc) -> list[Span]:
    """"le ministère allemand de l'Economie", "le ministère de l'Economie allemand": a
    ministry qualified by a foreign nationality is that country's, never the French one
    the gazetteer knows by the bare name (Bercy); a French one is named by its domains
    ("le ministère de la Transformation et de la Fonction publiques"). The model's
    lowercase span would be dropped as noise."""
    if not any(w in doc_text(doc) for w in ("ministère", "ministere")):
        return []
    nations = demonyms()
    france = nations["français"]

    def foreign(j: int) -> bool:
        return j < len(doc) and nations.get(doc[j].lower_, france) != france

    out = []
    for i in positions(doc, LOWER, _MINISTRY.__contains__):
        j = i + 2 if foreign(i + 1) else i + 1
        if j >= len(doc) or doc[j].lower_ not in _DE:
            continue
        j += 2 if j + 1 < len(doc) and doc[j + 1].lower_ in ("la", "l'", "l’", "les") else 1
        if j >= len(doc) or not doc[j].text[:1].isupper():
            continue
        end = j + 1 if foreign(i + 1) else j + 2 if foreign(j + 1) else _domain_end(doc, j)
        out.append(doc[i:end])
    return out


def _domain_end(doc: Doc, j: int) -> int:
    """End of a ministry's domains from the capitalised word at ``j``: that word, up to two
    lowercase adjectives that are no nationality, and more domains after "et de la"
    ("de la Transformation et de la Fonction publiques", "de l'Education nationale")."""
    nations = demonyms()
    while True:
        k = j + 1
        while k < len(doc) and k <= j + 2 and doc[k].pos_ == "ADJ" and doc[k].text.islower() \
                and doc[k].lower_ not in nations:
            k += 1
        if k + 2 >= len(doc) or doc[k].lower_ != "et" or doc[k + 1].lower_ not in _DE:
            return k
        m = k + 3 if doc[k + 2].lower_ in ("la", "l'", "l’", "les") else k + 2
        if m >= len(doc) or not doc[m].text[:1].isupper() or not doc[m].is_alpha:
            return k
        j = m


_SCHOOLS = frozenset({"université", "universite", "école", "ecole", "institut"})


def _schools_of_places(doc: Doc) -> list[Span]:
    """"professeur à l'université de Santa Clara": a university, school or institute named
    by its place is an organisation of that name, not only the place."""
    places = {e.start: e for e in doc.ents if e.label_ == "LOC"}
    out = []
    for i in positions(doc, LOWER, _SCHOOLS.__contains__) if places else ():
        j = i + 1
        if j >= len(doc) or doc[j].lower_ not in _DE:
            continue
        j += 2 if j + 1 < len(doc) and doc[j + 1].lower_ in ("la", "l'", "l’", "les") else 1
        if j in places:
            out.append(doc[i:places[j].end])
    return out


_CONTRACTED = {"au": "le", "du": "le", "aux": "les", "des": "les"}


def _contracted_titles(doc: Doc) -> list[Span]:
    """"au Figaro", "du Parisien", "aux Echos": a gazetteer organisation named with its
    article ("Le Parisien") after the preposition that swallowed it; not inside a longer
    capitalised name ("la Coupe du Monde")."""
    forms = gazetteer().by_form
    out = []
    for i in positions(doc, LOWER, _CONTRACTED.__contains__):
        if i > 0 and doc[i - 1].is_title or i + 1 >= len(doc) or not doc[i + 1].is_title:
            continue
        article = _CONTRACTED[doc[i].lower_]
        for n in (3, 2, 1):
            span = doc[i + 1:i + 1 + n]
            if len(span) == n and not any(t.is_punct for t in span) \
                    and "Organization" in forms.get(fold(f"{article} {span.text}"), {}):
                out.append(span)
                break
    return out


def extra_names(doc: Doc) -> list[tuple[Span, str | None]]:
    """Organisation names the model misses or cuts, with their gazetteer key (or None)."""
    forms = gazetteer().by_form
    names = [(s, forms.get(fold(s.text), {}).get("Organization"))
             for s in _ministries(doc) + _schools_of_places(doc)]
    for span in _contracted_titles(doc):
        article = _CONTRACTED[doc[span.start - 1].lower_]
        names.append((span, forms[fold(f"{article} {span.text}")]["Organization"]))
    return names


_DEFINITE = frozenset({"le", "la", "l'", "l’", "les", "du", "au", "des", "aux"})


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    """Nouns that present a name as an organisation (``body_nouns`` in the lexicon)."""
    return frozenset(lexicon()["body_nouns"]["nouns"])


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def _body_noun_at(doc: Doc, j: int) -> bool:
    """A body noun at ``j`` after up to two lowercase adjectives from ``j`` on: the index
    test is on the noun ("l'association professionnelle X" reads back from X)."""
    nouns = body_nouns()
    return 0 <= j < len(doc) and doc[j].text.islower() \
        and (doc[j].lower_ in nouns or doc[j].lemma_.lower() in nouns)


def _presented_as_body(doc: Doc, i: int) -> bool:
    """"Le CISPE, l'association qui …", "l'association professionnelle CISPE": the acronym
    at ``i`` has a definite article and a body noun in apposition after it, or a body noun
    (over lowercase adjectives) right before it."""
    j = i - 1
    while j > 0 and j >= i - 3 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j -= 1
    if _body_noun_at(doc, j) and j > 0 and doc[j - 1].lower_ in _DEFINITE:
        return True
    if i == 0 or doc[i - 1].lower_ not in _DEFINITE or i + 3 >= len(doc) \
            or doc[i + 1].text != "," or doc[i + 2].lower_ not in ("le", "la", "l'", "l’"):
        return False
    j = i + 3
    while j < len(doc) and j <= i + 5 and doc[j].pos_ == "ADJ" and doc[j].text.islower():
        j += 1
    return _body_noun_at(doc, j)


def body_acronyms(doc: Doc) -> frozenset[str]:
    """Acronyms (2–6 capitals) the article presents as an organisation somewhere (see
    :func:`_presented_as_body`) and the gazetteer does not know: every mention of them is
    that organisation's, whatever the model tagged ("le DSA", a law, has no body noun)."""
    forms = gazetteer().by_form
    found = {doc[i].text for i in acronym_positions(doc)
             if fold(doc[i].text) not in forms and _presented_as_body(doc, i)}
    return frozenset(found)


def acronym_positions(doc: Doc) -> list[int]:
    """Indices of the tokens spelt as acronyms (2–6 capital letters)."""
    return positions(doc, ORTH, _is_acronym)
