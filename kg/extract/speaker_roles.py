"""Speakers named by a role or a title rather than a name: "le patron d'Arm", "M. Breton",
"le second", "X, le directeur général"; and the first person or organisation of a phrase."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.referents import named
from kg.extract.relations.roles import role_relations
from kg.extract.speech import SPEAKERS, has_cue
from kg.nlp.resources import fold


def org_in(view: DocView, toks: list[Token], besides: set[str] = frozenset()) -> str | None:
    """The first person or organisation named among ``toks`` (not one of ``besides``)."""
    for t in toks:
        key = view.ent_of(t, *SPEAKERS)
        if key and key not in besides:
            return key
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
            # as a title right before the name it is not ("la juge X", "le rapporteur Y").
            window = fold(view.tokens[m.start - 1].text) if m.start > 0 else ""
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
    if not rest or rest[0].lower_ not in ("de", "d'", "d’", "du", "chez"):
        return None
    org = org_in(view, rest[:4])
    if org is None or view.type(org) != "Organization":
        return None
    word = head.lower_
    wanted = {"foundedBy"} if word in _FOUNDERS else {"leads"} if word in _LEADERS else {"leads", "worksFor"}
    holders = set()
    for a, pred, b, tok, _, _ in role_relations(view):
        if tok.i < anchor and pred in wanted and org in (a, b):
            holders.add(b if a == org else a)
    return holders.pop() if len(holders) == 1 else None


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
