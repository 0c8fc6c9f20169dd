"""Speakers named by a role or a title rather than a name: "le patron d'Arm", "M. Breton",
"le second", "X, le directeur général"; and the first person or organisation of a phrase."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.referents import (gender_fits, gender_of, main_org, misread_company, named,
                                  org_description, outlets, paragraph_org, quoted, subject_like)
from kg.extract.relations import extract_relations
from kg.extract.speech import SPEAKERS, has_cue
from kg.nlp.resources import demonyms, fold, lexicon


def org_in(view: DocView, toks: list[Token], besides: set[str] = frozenset()) -> str | None:
    """The first person or organisation named among ``toks`` (not one of ``besides``)."""
    for t in toks:
        key = view.ent_of(t, *SPEAKERS)
        if key and key not in besides:
            return key
    return None



def demonym_person(view: DocView, np: list[Token], anchor: int) -> str | None:
    """"a écrit le Français", "a déclaré la Danoise": the person subject of the last two
    sentences, when the latest subject is a person of that gender (an organisation subject
    leaves the demonym to the organisations: "le Canadien" for RIM)."""
    if len(np) != 2 or np[0].lower_ not in ("le", "la", "l'", "l’") or not np[1].text[:1].isupper() \
            or np[1].lower_ not in demonyms():
        return None
    start = view.tokens[min(anchor, np[0].i)].sent.start
    inside = quoted(view)
    for sent in reversed([s for s in view.sents if s.start < start][-2:]):
        for t in reversed(sent):
            key = view.token_ent[t.i]
            if key and view.type(key) in SPEAKERS and t.i not in inside and subject_like(view, t):
                return key if gender_fits(view, key, gender_of(np[1])) else None
    return None


def surname_person(view: DocView, tok: Token) -> str | None:
    """The one person of the article whose name ends with ``tok`` ("M. Breton", "Mme Porat")."""
    found = {k for k, e in view.entities.items()
             if e.type == "Person" and fold(e.label.split()[-1]) == fold(tok.text)}
    return found.pop() if len(found) == 1 else None


def owner_complement(np: list[Token], tok: Token) -> bool:
    """"l'opérateur de Xavier Niel": the person completes an organisation noun; not the speaker."""
    head = next((t for t in np if t.pos_ == "NOUN"), None)
    return head is not None and head.i < tok.i and has_cue(head, "org_nouns") \
        and any(t.pos_ == "ADP" for t in np if head.i < t.i < tok.i)


def role_match(view: DocView, np: list[Token], anchor: int) -> str | None:
    """"a déclaré le ministre délégué": the one person the article introduces with that role
    phrase ("le ministre délégué au Numérique, Jean-Noël Barrot"); two words at least."""
    words = []
    for t in np:
        if t.pos_ == "ADP" or t.is_punct:  # "ajoute le directeur général.": the full stop ends it
            break
        if t.pos_ != "DET":
            words.append(fold(t.text))
    if not words:
        return None
    phrase = " ".join(words)
    found = set()
    for m in view.doc._.kg_mentions or []:
        if m.kind != "name" or view.type(m.key) != "Person" or m.start >= anchor:
            continue
        if len(words) == 1:
            # One word is too vague in an apposition ("le ministre" of "le ministre délégué");
            # as a title right before the name it is not ("la juge X", "le rapporteur Y",
            # "le chancelier allemand X").
            k = m.start - 1
            if k > 0 and view.tokens[k].pos_ == "ADJ" and view.tokens[k].text.islower():
                k -= 1
            window = fold(view.tokens[k].text) if k >= 0 else ""
        else:
            window = fold(" ".join(t.text for t in _apposed(view, m.start, m.end)))
        if f" {phrase} " in f" {window} ":
            found.add(m.key)
    return found.pop() if len(found) == 1 else None


def _apposed(view: DocView, start: int, end: int) -> list[Token]:
    """The phrases set off by commas right before and right after a name ("le ministre délégué
    au Numérique, X, …", "X, la directrice générale, …"), up to a comma or a conjunction."""
    # The parser sometimes ends a sentence inside the name ("Thibaud | Hug de Larauze"):
    # bound by the sentences of its first and last tokens.
    lo, hi = view.tokens[start].sent.start, view.tokens[end - 1].sent.end
    sides: list[list[Token]] = []
    for step, i in ((-1, start - 1), (1, end)):
        if lo <= i < hi and view.tokens[i].text == ",":
            i += step
        side: list[Token] = []
        while lo <= i < hi and len(side) < 10:
            t = view.tokens[i]
            if t.text in (",", ".", ";", ":", "«", "»") or t.lower_ in ("et", "ou") or t.pos_ == "AUX":
                break
            side.append(t)
            i += step
        sides.append(side[::step])
    return sides[0] + sides[1]


_FOUNDERS = {"fondateur", "fondatrice", "cofondateur", "cofondatrice"}
_LEADERS = {"patron", "patronne", "pdg", "dirigeant", "dirigeante", "président", "présidente",
            "directeur", "directrice"}


def role_holder(view: DocView, head: Token, rest: list[Token], anchor: int) -> str | None:
    """"a reconnu le patron d'Arm": the person the article gives that role in that organisation
    ("son directeur général, Rene Haas"), when there is exactly one."""
    if rest and rest[0].lower_ in ("de", "d'", "d’", "du", "chez"):
        desc = next((u for u in rest[:4] if u.pos_ == "NOUN" and has_cue(u, "org_nouns")), None)
        # "le patron du groupe": the organisation the description stands for.
        org = org_in(view, rest[:4]) or (org_description(view, desc, rest[:4]) if desc is not None else None)
    elif head.i > 0 and view.tokens[head.i - 1].lower_ in ("son", "sa", "leur"):
        # "a commenté son PDG": the organisation the last two sentences are about.
        org = view.subject_before(head, "Organization", sentences=2, topics=True)
    else:
        return None
    if org is None or view.type(org) != "Organization":
        return None
    word = head.lower_
    wanted = {"foundedBy"} if word in _FOUNDERS else {"leads"} if word in _LEADERS else {"leads", "worksFor"}
    holders = _holders(view, org, wanted, anchor)
    if not holders and word in _LEADERS:
        holders = _verb_leaders(view, org, anchor)
    if not holders and word in _LEADERS:
        # "Fondé par Eyal Waldman, Mellanox …" then "le patron de Mellanox": its one founder.
        holders = _holders(view, org, {"foundedBy"}, anchor)
    if not holders and (word in _FOUNDERS or word in _LEADERS):
        return _apposed_holder(view, _FOUNDERS if word in _FOUNDERS else _LEADERS, org, anchor)
    return holders.pop() if len(holders) == 1 else None


def _holders(view: DocView, org: str, wanted: set[str], anchor: int) -> set[str]:
    """The persons the article's relations before ``anchor`` tie to ``org`` by ``wanted``."""
    at = view.tokens[anchor].idx if anchor < len(view.tokens) else len(view.doc.text)
    return {r.object if r.subject == org else r.subject for r in view.memo("relations", extract_relations)
            if r.start < at and r.predicate in wanted and org in (r.subject, r.object)}


def _verb_leaders(view: DocView, org: str, anchor: int) -> set[str]:
    """"Gilles Grapinet dirige Worldline", "X, qui préside Y": the persons a present-tense
    leading verb before ``anchor`` puts at the head of ``org`` ("a longtemps dirigé": former)."""
    verbs = set(lexicon()["relation_verbs"]["leads_verbs"])
    found = set()
    for tok in view.tokens[:anchor]:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or "Pres" not in tok.morph.get("Tense"):
            continue
        if not any(view.ent_of(c, "Organization") == org for c in tok.children if c.dep_ in ("obj", "obl:arg")):
            continue
        for c in tok.children:
            subj = tok.head if c.dep_ == "nsubj" and c.lower_ == "qui" and tok.dep_ == "acl:relcl" else c
            key = named(view, subj, "Person") if c.dep_ == "nsubj" else None
            if key:
                found.add(key)
    return found


def _apposed_holder(view: DocView, words: set[str], org: str, anchor: int) -> str | None:
    """"Alexandre Prot, le directeur général, …" then "le patron de Qonto": the one person an
    earlier apposition gives that kind of role without naming another organisation."""
    found = set()
    for m in view.doc._.kg_mentions or []:
        if m.kind != "name" or view.type(m.key) != "Person" or m.start >= anchor:
            continue
        side = _comma_apposed(view, m.start, m.end)
        lowers = [t.lower_ for t in side]
        # "directeur financier" is no leader: "directeur" counts only as "directeur général".
        hit = any(w in words and (w not in ("directeur", "directrice") or
                                  (k + 1 < len(lowers) and lowers[k + 1].startswith("général")))
                  for k, w in enumerate(lowers))
        others = {view.ent_of(t, "Organization") for t in side} - {None, org}
        if hit and not others:
            found.add(m.key)
    return found.pop() if len(found) == 1 else None


def _comma_apposed(view: DocView, start: int, end: int) -> list[Token]:
    """The phrases set off by commas on each side of a name ("X, le directeur général, …",
    "le patron, X,"); not words that merely follow it ("le retour de X au poste de …")."""
    toks, out = view.tokens, []
    for step, i in ((-1, start - 2), (1, end + 1)):
        if not (0 <= i - step < len(toks)) or toks[i - step].text != ",":
            continue
        side: list[Token] = []
        while 0 <= i < len(toks) and len(side) < 10:
            t = toks[i]
            if t.text in (",", ".", ";", ":", "«", "»") or "\n" in t.text or t.pos_ in ("AUX", "VERB"):
                break
            side.append(t)
            i += step
        out += side[::step]
    return out


ORDINALS = {"premier": 0, "première": 0, "second": 1, "seconde": 1, "deuxième": 1, "dernier": -1,
             "dernière": -1}


def ordinal_person(view: DocView, anchor: int, rank: int) -> str | None:
    """"le premier" / "le second": the first or second of the persons the latest sentence naming
    two or more of them lists, in text order."""
    for sent in reversed([s for s in view.sents if s.start < anchor][-4:]):
        names: list[str] = []
        for t in sent:
            key = named(view, t, "Person")
            if key and key not in names and t.i < anchor:
                names.append(key)
        if len(names) >= 2:
            return names[rank] if -len(names) <= rank < len(names) else None
    return None


def one_of_its(view: DocView, np: list[Token], anchor: int) -> str | None:
    """"L'un de ses délégués estime que …": the organisation the possessive points back to, the
    latest speaker entity the paragraph names being one ("" when it is a person: "un de ses
    proches" is nobody we can name); None when ``np`` is not of that form."""
    words = [t.lower_ for t in np[:4]]
    if words[:1] in (["l'"], ["l’"]):
        words = words[1:]
    if len(words) < 3 or words[0] not in ("un", "une", "l'un", "l’un", "l'une", "l’une") \
            or words[1] not in ("de", "d'", "d’") or words[2] not in ("ses", "leurs"):
        return None
    media = outlets(view)
    for i in range(np[0].i - 1, max(-1, np[0].i - 120), -1):
        if "\n" in view.tokens[i].text:
            break
        key = view.token_ent[i]
        if key and key not in media and view.type(key) in SPEAKERS:
            return key if view.type(key) == "Organization" else ""
    return ""


def spokesperson_org(view: DocView, rest: list[Token], anchor: int) -> str | None:
    """The organisation a spokesperson speaks for: the one named or described in the "de"
    complement ("un porte-parole du géant du commerce en ligne"); with none ("a confié un
    porte-parole au Parisien": an outlet, not an employer), the organisation the paragraph
    opens on, else the article's main one."""
    if not rest or rest[0].lower_ not in ("de", "du", "d'", "d’", "des", "chez"):
        return paragraph_org(view, anchor) or main_org(view)
    desc = next((u for u in rest if u.pos_ == "NOUN" and has_cue(u, "org_nouns")), None)
    besides = outlets(view) | ({view.key(desc)} if desc is not None and misread_company(view, desc) else set())
    return org_in(view, rest, besides) or (desc is not None and org_description(view, desc, rest)) \
        or main_org(view)


def document_issuer(view: DocView, head: Token, rest: list[Token]) -> str | None:
    """"selon la décision", "précise le rapport de la CNIL": the organisation named in the
    document's complement, else the latest organisation subject of the last two sentences
    (the one that issued it), else the paragraph's."""
    if rest and rest[0].lower_ in ("de", "du", "d'", "d’", "des"):
        key = org_in(view, rest[:6], outlets(view))
        if key:
            return key
    recent = view.subject_before(head, "Organization", sentences=2, topics=True)
    return recent if recent and recent not in outlets(view) else paragraph_org(view, head.i)
