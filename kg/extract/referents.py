"""Who a pronoun, a role noun or a description in a quote's incise stands for: the person the
paragraph is about, the latest subject, the organisation a description names."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.genders import apposed_gender
from kg.extract.speech import OBJ_PRONOUN, PRONOUN, SPEAKERS, cues, folded_cues, speech_verb
from kg.nlp.org_classes import class_of, gazetteer_classes
from kg.nlp.resources import fold, gazetteer, lex

_INSTITUTIONS = {"regulateur", "ministere", "ambassade", "syndicat", "tribunal", "association"}  # folded


def _paragraph_start(view: DocView, i: int) -> int:
    toks = view.tokens
    while i > 0 and "\n" not in toks[i - 1].text:
        i -= 1
    return i


def gender_of(tok: Token) -> str | None:
    """Grammatical gender of a role noun or pronoun ("la ministre", "a-t-elle")."""
    if tok.lower_ in PRONOUN or tok.lower_ in OBJ_PRONOUN:
        return "Fem" if "elle" in tok.lower_ else "Masc"
    for c in tok.children:
        if c.dep_ == "det":
            if c.lower_ in ("la", "une", "cette"):
                return "Fem"
            if c.lower_ in ("le", "un", "ce", "cet"):
                return "Masc"
    if tok.lower_.endswith(("ée", "trice", "euse", "ante", "ienne")):
        return "Fem"
    genders = tok.morph.get("Gender")
    return genders[0] if genders else None


def _fits(view: DocView, key: str, gender: str | None) -> bool:
    """The person's gender (a title the text gives, "Mme X" / "M. X", else the first name)
    agrees with ``gender``."""
    if gender is None:
        return True
    titled = _titled(view).get(key)
    if titled:
        return titled == gender
    first = view.entities[key].label.split()[0]
    names = lex().female_first_names
    # "Marie-Laure Denis": a compound first name is as female as its first part.
    female = first in names or first.split("-")[0] in names
    return female == (gender == "Fem")


def gender_fits(view: DocView, key: str, gender: str | None) -> bool:
    """A person entity agrees with a pronoun's or role noun's gender ("a-t-elle", "la dirigeante")."""
    return view.type(key) == "Person" and _fits(view, key, gender)


# Titles before a name, with the gender they give ("Mme Amiri" is a woman).
TITLES = {"mme": "Fem", "madame": "Fem", "mlle": "Fem", "m.": "Masc", "monsieur": "Masc"}


def _titled(view: DocView) -> dict[str, str]:
    """Persons the text names with a gendered title ("Mme Amiri", "M. Costes") or a gendered
    role noun in apposition ("Marni Walden, vice-présidente de …")."""
    return view.memo("titled", _titled_build)


def _titled_build(view: DocView) -> dict[str, str]:
    out: dict[str, str] = {}
    roles: dict[str, str] = {}
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name" and m.start > 0 and view.type(m.key) == "Person":
            title = TITLES.get(view.tokens[m.start - 1].lower_)
            if title:
                out.setdefault(m.key, title)
            role = apposed_gender(view.tokens, m.start, m.end)
            if role:
                roles.setdefault(m.key, role)
    return {**roles, **out}


def named(view: DocView, tok: Token, *types: str) -> str | None:
    """The entity a name (not a pronoun standing for it) mentions."""
    return None if tok.pos_ == "PRON" else view.ent_of(tok, *types)


def quoted(view: DocView) -> frozenset[int]:
    """Indices of the tokens inside quotation marks: a name a speaker utters ("« Microsoft se
    porte bien », écrit-il") is no antecedent of the pronoun or role noun that follows."""
    return view.memo("quoted", _quoted_build)


def _quoted_build(view: DocView) -> frozenset[int]:
    inside, depth, straight = set(), 0, False
    for t in view.tokens:
        if "\n" in t.text:
            depth, straight = 0, False  # a run-on quotation reopens its mark at the next paragraph
        elif t.text in ("«", "“"):
            depth += 1
        elif t.text in ("»", "”"):
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight = not straight
        elif depth or straight:
            inside.add(t.i)
    return frozenset(inside)


def _cited(view: DocView, key: str | None, i: int) -> str | None:
    """``key`` unless the name at token ``i`` stands inside a quotation."""
    return None if key is None or i in quoted(view) else key


def subject_like(view: DocView, tok: Token) -> bool:
    """A subject, a name in apposition to / flat inside one, or a name opening its sentence."""
    i = tok.i
    while i > tok.sent.start and view.token_ent[i - 1] == view.token_ent[tok.i]:
        i -= 1
    if i == tok.sent.start or view.tokens[i - 1].is_space:
        return True
    for t in (tok, tok.head, tok.head.head):
        if t.dep_ in ("nsubj", "nsubj:pass"):
            return True
        # "Le patron de SFR, X, a dit": a name between commas the parser took for a conjunct.
        apposed = t.dep_ == "conj" and not any(c.dep_ == "cc" for c in t.children) \
            and t.i > 0 and t.doc[t.i - 1].text == ","
        if t.dep_ not in ("appos", "flat:name", "flat") and not apposed:
            return False
    return False


def person_ref(view: DocView, at: int, gender: str | None = None) -> str | None:
    """The person a pronoun or role noun at token ``at`` stands for: the subject person of the
    paragraph's latest sentence naming one (else its latest person), else the person the
    article names most (the latest on ties)."""
    start = _paragraph_start(view, at)
    persons = []
    for i in range(at - 1, start - 1, -1):
        key = _cited(view, named(view, view.tokens[i], "Person"), i)
        if key and _fits(view, key, gender):
            persons.append((i, key))
    if persons:
        sent_start = view.tokens[persons[0][0]].sent.start
        latest = [(i, key) for i, key in persons if i >= sent_start]
        for i, key in latest:
            if subject_like(view, view.tokens[i]):
                return key
        # No subject: the person the main clause mentions, not one inside a relative clause
        # ("Parmi eux figurait X, membre du conseil qui avait évincé Y").
        return next((key for i, key in latest if not _embedded(view.tokens[i])), persons[0][1])
    counts: Counter = Counter()
    last: dict[str, int] = {}
    for m in view.doc._.kg_mentions or []:
        # A pronoun stands for someone already named: later mentions do not count.
        if m.kind == "name" and view.type(m.key) == "Person" and m.start < at and _fits(view, m.key, gender) \
                and m.start not in quoted(view):
            # A subject mention counts more: the person the sentence is about.
            counts[m.key] += 1.5 if subject_like(view, view.tokens[m.start]) else 1
            if m.start < at:
                last[m.key] = m.start
    if not counts:
        return None if gender is None else person_ref(view, at, None)
    return max(counts, key=lambda k: (counts[k], k == view.previous_speaker, last.get(k, -1)))


def _embedded(tok: Token) -> bool:
    """``tok`` hangs under a relative or participial clause of its sentence."""
    t = tok
    for _ in range(8):
        if t.dep_ in ("acl:relcl", "acl"):
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def latest_person(view: DocView, before: int) -> str | None:
    """The person named last before token ``before`` ("a déclaré ce dernier")."""
    for i in range(before - 1, max(-1, before - 400), -1):
        key = _cited(view, named(view, view.tokens[i], "Person"), i)
        if key:
            return key
    return None


def _subject_before(view: DocView, before: int) -> tuple[int, str | None]:
    """The latest entity named as a subject (by name or description) before ``before``; in a
    sentence whose latest subject is in a relative clause ("La CGT a appelé …, dans un secteur
    où Google s'est imposé"), its main clause's subject."""
    embedded: tuple[int, str | None] = (-1, None)
    for i in range(before - 1, max(-1, before - 120), -1):
        tok = view.tokens[i]
        if embedded[1] and tok.sent.start != view.tokens[embedded[0]].sent.start:
            break
        key = _cited(view, named(view, tok, *SPEAKERS), i)
        if key and tok.dep_ in ("nsubj", "nsubj:pass"):
            if not _embedded(tok):
                return i, key
            if not embedded[1]:
                embedded = (i, key)
    return embedded


def antecedent(view: DocView, before: int) -> str | None:
    """What a pronoun before token ``before`` stands for: the latest subject entity, else the
    latest person, within the preceding 120 tokens."""
    last_person = None
    for i in range(before - 1, max(-1, before - 120), -1):
        tok = view.tokens[i]
        key = _cited(view, named(view, tok, *SPEAKERS), i)
        if not key:
            continue
        if tok.dep_ in ("nsubj", "nsubj:pass", "expl:subj") or (
            tok.head.dep_.startswith("nsubj") and tok.dep_ in ("appos", "flat:name")
        ):
            return key
        if last_person is None and view.type(key) == "Person":
            last_person = key
    return last_person


def pronoun_speaker(view: DocView, pron: Token, anchor: int) -> str | None:
    """"a-t-il déclaré": a person; "a-t-elle indiqué" with no woman in sight: the organisation."""
    gender = gender_of(pron)
    start = _paragraph_start(view, anchor)
    if not any(named(view, t, "Person") for t in view.tokens[start:anchor]):
        # No person in the paragraph: "Le groupe conteste. « … », estime-t-il" is the group.
        i, key = _subject_before(view, anchor)
        # "La société a lancé … « … », répond-il": a description of the other gender is not
        # what the pronoun stands for.
        if key and i >= start and view.type(key) == "Organization" and key not in outlets(view) \
                and _agrees(view.tokens[i], gender):
            return key
        role = _role_subject(view, start, anchor, gender)
        if role:
            return role  # "La juge a prévenu … « … », a-t-elle souligné": the judge
    # "Le patron de Pasqal ne s'en inquiète pas. « … », affirme-t-il": a role subject after the
    # latest person named stands between the pronoun and that person.
    role = _role_subject(view, _after_latest_person(view, start, anchor), anchor, gender, strict=True)
    if role:
        return role
    key = person_ref(view, anchor, gender)
    if key is not None and (gender != "Fem" or _fits(view, key, "Fem")):
        return key
    other = antecedent(view, anchor)
    return other if other and other not in outlets(view) else key


def _agrees(tok: Token, gender: str | None) -> bool:
    """A description's noun ("la société") does not clash with the pronoun's gender."""
    if tok.pos_ != "NOUN" or gender is None:
        return True
    return gender_of(tok) in (None, gender)


def _role_subject(view: DocView, start: int, anchor: int, gender: str | None,
                  strict: bool = False) -> str | None:
    """The person a role noun subject of the paragraph ("La juge a prévenu …") stands for, by
    the one person the article titles with that noun ("la juge X"); ``strict``: only a role in
    a named organisation that the article gives to one person ("le patron de Pasqal")."""
    from kg.extract.speaker_roles import role_holder  # both import this module
    from kg.extract.speakers import speaker_of
    for tok in reversed(view.tokens[start:anchor]):
        if tok.dep_ == "nsubj" and tok.pos_ == "NOUN" and tok.lower_ in cues()["person_nouns"] \
                and gender_of(tok) in (None, gender):
            rest = _complement(view, tok)
            if strict:
                key = role_holder(view, tok, rest, anchor) if rest else None
            else:
                key = speaker_of(view, [c for c in tok.children if c.dep_ == "det" and c.i < tok.i] + [tok], anchor)
            return key if key and gender_fits(view, key, gender) else None
    return None


def _complement(view: DocView, tok: Token) -> list[Token]:
    """The "de X" complement right after a role noun ("le patron de Pasqal"), up to a comma."""
    toks = view.tokens
    if tok.i + 1 >= len(toks) or toks[tok.i + 1].lower_ not in ("de", "d'", "d’", "du"):
        return []
    out = [toks[tok.i + 1]]
    for t in toks[tok.i + 2:tok.i + 7]:
        if not (view.token_ent[t.i] or t.pos_ in ("DET", "NOUN", "PROPN", "ADJ")):
            break
        out.append(t)
    return out


def _after_latest_person(view: DocView, start: int, anchor: int) -> int:
    """The start of the sentence after the latest one (from ``start``, before ``anchor``'s
    sentence) that names a person outside quotation marks; ``anchor`` when that is the last one."""
    inside = quoted(view)
    sent_start = view.tokens[anchor].sent.start
    for i in range(min(anchor, sent_start) - 1, start - 1, -1):
        if i not in inside and named(view, view.tokens[i], "Person"):
            end = view.tokens[i].sent.end
            return end if end < sent_start else anchor
    return start


def outlets(view: DocView) -> set[str]:
    """Organisations only ever named as the receiver or agent of a statement ("à l'AFP",
    "interrogé par Reuters", "au quotidien Les Echos") and the news media of the lexicon:
    never a description's referent."""
    return view.memo("outlets", _outlets_build)


def _outlets_build(view: DocView) -> set[str]:
    media = folded_cues("media")
    known = {k for k, e in view.entities.items() if e.type == "Organization" and fold(e.label) in media}
    return known | _receivers(view)


def _receivers(view: DocView) -> set[str]:
    """Organisations only ever named after "à", "au", "aux", "par", "auprès" in a statement's
    setting ("a déclaré à Reuters", "interrogé par Le Figaro"): "racheté par Google" or "une
    amende à Apple" does not make a company an outlet."""
    seen: dict[str, bool] = {}
    words = {"à", "au", "aux", "par", "auprès"}
    for m in view.doc._.kg_mentions or []:
        if view.type(m.key) != "Organization" or m.kind != "name":
            continue
        j = m.start - 1
        while j >= 0 and view.tokens[j].pos_ in ("DET", "ADJ", "NOUN") and j > m.start - 4 \
                and view.tokens[j].lower_ not in words:
            j -= 1
        seen[m.key] = seen.get(m.key, True) and j >= 0 and view.tokens[j].lower_ in words \
            and _statement_setting(view, j)
    return {k for k, only in seen.items() if only}


def _statement_setting(view: DocView, j: int) -> bool:
    """A speech verb, an interview word or a source participle ("interrogé", "cité") in the
    eight tokens before the preposition at ``j``, within its sentence."""
    start = view.tokens[j].sent.start
    setting = cues()["outlet_cues"] | cues()["source_participles"]
    return any(speech_verb(t) or t.lower_ in setting for t in view.tokens[max(start, j - 8):j])


def paragraph_org(view: DocView, anchor: int) -> str | None:
    """The first organisation (media aside) the paragraph names before ``anchor``, by name or
    description: "Du côté d'Iliad, … « … », a confié un porte-parole" is Iliad's."""
    media = outlets(view)
    for i in range(_paragraph_start(view, anchor), anchor):
        key = view.token_ent[i]
        if key and key not in media and view.type(key) == "Organization":
            return key
    return None


def main_org(view: DocView) -> str | None:
    """The organisation the article mentions most, media it merely quotes aside."""
    media = outlets(view)
    counts = Counter(m.key for m in view.doc._.kg_mentions or []
                     if view.type(m.key) == "Organization" and m.key not in media)
    return counts.most_common(1)[0][0] if counts else view.salient_org()


def seat_org(view: DocView, place: str) -> str | None:
    """"a conclu Bruxelles", "selon Cupertino": the one organisation of the article the gazetteer
    seats in that city; a national capital stands for its government, which is nobody here."""
    if fold(view.entities[place].label) in folded_cues("government_seats"):
        return None
    entries = gazetteer().entries
    seated = {k for k in view.entities if view.type(k) == "Organization"
              and k in entries and entries[k].city == place}
    return seated.pop() if len(seated) == 1 else None


def _nickname_of(view: DocView, np: list[Token]) -> str | None:
    """The organisation whose gazetteer nickname the description is ("l'exécutif européen")."""
    words = []
    for t in np:
        if t.text in (",", "(") or (t.pos_ == "ADP" and words):
            break
        words.append(t.text)
    key = gazetteer().by_nickname.get(fold(" ".join(words).replace("' ", "'").replace("’ ", "’")))
    return key if key in view.entities else None


def org_description(view: DocView, head: Token, np: list[Token]) -> str | None:
    """"la filiale d'Amazon": an organisation other than the one named in the complement;
    "l'éditeur d'Assassin's Creed": the maker of the product named."""
    other = None
    for t in np:
        if t.i > head.i and t.i > 0 and view.tokens[t.i - 1].lower_ in ("de", "d'", "d’", "du"):
            other = named(view, t, "Organization", "Product")
            if other:
                break
    if other and view.type(other) == "Product":
        entry = gazetteer().entries.get(other)
        if entry and entry.maker and entry.maker in view.entities:
            return entry.maker
    nick = _nickname_of(view, np)
    if nick:
        return nick
    media = outlets(view)
    # "un porte-parole de l'entreprise" after a court's ruling: a company noun never stands
    # for a court, a regulator or a government.
    company = company_noun(head)
    cls = class_of(head)
    if cls not in _INSTITUTIONS and head.i > 0:
        # "le groupe", "le conglomérat": the organisation the last two sentences are about;
        # "l'institut": that one too, unless world knowledge gives it another class. First the
        # subject of its own sentence: "News Corp a salué « … », a réagi le groupe de presse".
        recent = _own_subject(view, head) or view.subject_before(head, "Organization", sentences=2, topics=True)
        if recent and recent != other and recent not in media and not (company and _institution(view, recent)) \
                and (cls is None or gazetteer_classes(recent) <= {cls}):
            return recent
    orgs = [m.key for m in view.doc._.kg_mentions or []
            if view.type(m.key) == "Organization" and m.key != other and m.key not in media
            and not (company and _institution(view, m.key))]
    if cls is not None and cls not in _INSTITUTIONS:
        orgs = [k for k in orgs if cls in gazetteer_classes(k)] or orgs  # "le cabinet": IDC, not Apple
    if cls in _INSTITUTIONS:
        # "indique le ministère": an institution, never the company the article is about.
        word = fold(head.lemma_)
        orgs = [k for k in orgs if cls in gazetteer_classes(k) or word in fold(view.entities[k].label)]
        if not orgs and head.i > 0:
            # "Le STJV n'exclut rien. « … », prévient le syndicat": the subject just before, an
            # organisation of no other known class that is not the company the article is about.
            recent = view.subject_before(head, "Organization", sentences=2, topics=True)
            if recent and recent not in media and gazetteer_classes(recent) <= {cls} and recent != main_org(view):
                return recent
    counts = Counter(orgs)
    return counts.most_common(1)[0][0] if counts else None


def _own_subject(view: DocView, head: Token) -> str | None:
    """The latest organisation subject before ``head`` in its sentence, outside quotations."""
    inside = quoted(view)
    for i in range(head.i - 1, head.sent.start - 1, -1):
        tok = view.tokens[i]
        if tok.dep_ in ("nsubj", "nsubj:pass") and i not in inside:
            key = named(view, tok, "Organization")
            if key:
                return key
    return None


def company_noun(tok: Token) -> bool:
    """"l'entreprise", "le groupe": a noun that describes a company."""
    words = folded_cues("company_nouns")
    return fold(tok.lemma_) in words or fold(tok.text) in words


def misread_company(view: DocView, tok: Token) -> bool:
    """A company noun the coreference gave to a court, a regulator or a government."""
    key = view.key(tok)
    return bool(key) and company_noun(tok) and _institution(view, key)


def _institution(view: DocView, key: str) -> bool:
    """A court, regulator, ministry or government by its gazetteer class or its name's first
    word ("Cour de justice de l'Union européenne", "Commission européenne")."""
    words = fold(view.entities[key].label).split()
    return bool(gazetteer_classes(key) & _INSTITUTIONS) or (
        bool(words) and words[0] in folded_cues("institution_words"))
