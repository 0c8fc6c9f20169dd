"""Direct quotations in « », “ ” and straight "…" with their speaker and the outlet they were
given to.

The speaker is read, in this order, from the incise after the quotation ("», a déclaré X",
"», déclare à Reuters l'analyste d'IDC X", "», a énoncé l'entreprise", "», selon X"), from the
sentence before it ("X a déclaré : « … »", "X, qui …, a estimé que « … »", "selon lui, « … »",
"pour X, « … »"), and, for a quotation that stands alone, from the previous quotation. Pronouns
and role nouns ("a-t-il ajouté", "a réagi le dirigeant") are resolved to the person the
paragraph is about. A quotation split by an incise ("« … », a-t-il ajouté, « … »") is one quote.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.model import Quote
from kg.nlp.resources import fold, gazetteer, lex, lexicon

_PRONOUN = {"il", "elle", "-il", "-elle", "-t-il", "-t-elle", "t-il", "t-elle"}
_EUPHONIC = {"-t", "-t-", "t"}  # "a-t-il" is tokenised "a", "-t", "-il"
_OBJ_PRONOUN = {"lui", "elle", "eux", "elles"}
_OPEN = {"«": "»", "“": "”"}
_STRAIGHT = re.compile(r'"([^"\n]+?)"')
_SPEAKERS = ("Person", "Organization")
_STOP = {".", "!", "?", ";", "«", "“", '"', "\n"}
_PREPS = {"à", "au", "aux", "sur", "dans", "lors", "en", "devant", "auprès", "chez", "via",
          "pendant", "depuis", "après", "avant", "face", "par", "pour", "de", "du", "des", "d'", "d’"}
_OUTLET_PREPS = {"à", "au", "aux", "sur"}
_DET = {"le", "la", "l'", "l’", "les", "un", "une", "son", "sa", "ses", "ce", "cet", "cette", "leur"}
_SELON = {"selon", "d'après", "d’après"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    raw = lexicon()["quote_cues"]
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@lru_cache(maxsize=1)
def _speech_forms() -> frozenset[str]:
    """Speech verbs and their forms, accents folded ("tempère" matches "tempérer")."""
    return frozenset(fold(v) for v in lex().speech_verbs)


def _speech_verb(tok: Token) -> bool:
    verbs = lex().speech_verbs
    if tok.lemma_.lower() in verbs or tok.lower_ in verbs:
        return True
    text = fold(tok.text)
    return text in _speech_forms() or (text.endswith("e") and fold(text[:-1] + "er") in _speech_forms())


def _in(tok: Token, kind: str) -> bool:
    words = _cues()[kind]
    return tok.lower_ in words or tok.lemma_.lower() in words


# Quotation marks ---------------------------------------------------------------------------

def quotations(text: str) -> list[tuple[int, int]]:
    """(open, close) character offsets of every top-level quotation; a « … » nested inside
    another stays part of it, straight quotes pair within one line."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN:
            close = _matching(text, i, c, _OPEN[c])
            if close is not None:
                out.append((i, close))
                i = close + 1
                continue
        elif c == '"':
            m = _STRAIGHT.match(text, i)
            if m:
                out.append((i, m.end() - 1))
                i = m.end()
                continue
        i += 1
    return out


def _matching(text: str, i: int, open_c: str, close_c: str) -> int | None:
    """The closing mark of the quotation opened at ``i``, nesting counted; within a paragraph."""
    depth, j, first_close = 0, i, None
    end = text.find("\n\n", i)
    end = len(text) if end < 0 else end
    while j < end:
        if text[j] == open_c:
            depth += 1
        elif text[j] == close_c:
            depth -= 1
            first_close = first_close if first_close is not None else j
            if depth == 0:
                return j
        j += 1
    return first_close  # unbalanced: the first closing mark ends it


def _is_title(text: str) -> bool:
    """« Le Monde », « Les Echos »: a capitalised name in quotation marks, not a statement."""
    words = text.split()
    small = {"de", "du", "des", "la", "le", "les", "l'", "l’", "et", "à", "the", "of", "d'", "d’"}
    if not words or len(words) > 5 or not words[0][:1].isupper() or text[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w.lower() in small or w[:1].isdigit() for w in words)


# Who a pronoun, a role noun or a description stands for ----------------------------------

def _paragraph_start(view: DocView, i: int) -> int:
    toks = view.tokens
    while i > 0 and "\n" not in toks[i - 1].text:
        i -= 1
    return i


def _gender(tok: Token) -> str | None:
    """Grammatical gender of a role noun or pronoun ("la ministre", "a-t-elle")."""
    if tok.lower_ in _PRONOUN or tok.lower_ in _OBJ_PRONOUN:
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
    if gender is None:
        return True
    first = view.entities[key].label.split()[0]
    return (first in lex().female_first_names) == (gender == "Fem")


def _named(view: DocView, tok: Token, *types: str) -> str | None:
    """The entity a name (not a pronoun standing for it) mentions."""
    return None if tok.pos_ == "PRON" else view.ent_of(tok, *types)


def _subject_like(view: DocView, tok: Token) -> bool:
    """A subject, a name in apposition to / flat inside one, or a name opening its sentence."""
    i = tok.i
    while i > tok.sent.start and view.token_ent[i - 1] == view.token_ent[tok.i]:
        i -= 1
    if i == tok.sent.start or view.tokens[i - 1].is_space:
        return True
    for t in (tok, tok.head, tok.head.head):
        if t.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if t.dep_ not in ("appos", "flat:name", "flat"):
            return False
    return False


def person_ref(view: DocView, at: int, gender: str | None = None) -> str | None:
    """The person a pronoun or role noun at token ``at`` stands for: the subject person of the
    paragraph's latest sentence naming one (else its latest person), else the person the
    article names most (the latest on ties)."""
    start = _paragraph_start(view, at)
    persons = []
    for i in range(at - 1, start - 1, -1):
        key = _named(view, view.tokens[i], "Person")
        if key and _fits(view, key, gender):
            persons.append((i, key))
    if persons:
        sent_start = view.tokens[persons[0][0]].sent.start
        for i, key in persons:
            if i >= sent_start and _subject_like(view, view.tokens[i]):
                return key
        return persons[0][1]
    counts: Counter = Counter()
    last: dict[str, int] = {}
    for m in view.doc._.kg_mentions or []:
        if m.kind == "name" and view.type(m.key) == "Person" and _fits(view, m.key, gender):
            # A subject mention counts more: the person the sentence is about.
            counts[m.key] += 1.5 if _subject_like(view, view.tokens[m.start]) else 1
            if m.start < at:
                last[m.key] = m.start
    if not counts:
        return None if gender is None else person_ref(view, at, None)
    return max(counts, key=lambda k: (counts[k], k == view.previous_speaker, last.get(k, -1)))


def _latest_person(view: DocView, before: int) -> str | None:
    for i in range(before - 1, max(-1, before - 400), -1):
        key = _named(view, view.tokens[i], "Person")
        if key:
            return key
    return None


def antecedent(view: DocView, before: int) -> str | None:
    """What a pronoun before token ``before`` stands for: the latest subject entity, else the
    latest person, within the preceding 120 tokens."""
    last_person = None
    for i in range(before - 1, max(-1, before - 120), -1):
        tok = view.tokens[i]
        key = _named(view, tok, *_SPEAKERS)
        if not key:
            continue
        if tok.dep_ in ("nsubj", "nsubj:pass", "expl:subj") or (
            tok.head.dep_.startswith("nsubj") and tok.dep_ in ("appos", "flat:name")
        ):
            return key
        if last_person is None and view.type(key) == "Person":
            last_person = key
    return last_person


def _pronoun_speaker(view: DocView, pron: Token, anchor: int) -> str | None:
    """"a-t-il déclaré": a person; "a-t-elle indiqué" with no woman in sight: the organisation."""
    gender = _gender(pron)
    key = person_ref(view, anchor, gender)
    if key is not None and (gender != "Fem" or _fits(view, key, "Fem")):
        return key
    return antecedent(view, anchor) or key


def _org_description(view: DocView, head: Token, np: list[Token]) -> str | None:
    """"la filiale d'Amazon": an organisation other than the one named in the complement;
    "l'éditeur d'Assassin's Creed": the maker of the product named."""
    other = None
    for t in np:
        if t.i > head.i and t.i > 0 and view.tokens[t.i - 1].lower_ in ("de", "d'", "d’", "du"):
            other = _named(view, t, "Organization", "Product")
            if other:
                break
    if other and view.type(other) == "Product":
        entry = gazetteer().entries.get(other)
        if entry and entry.maker and entry.maker in view.entities:
            return entry.maker
    counts = Counter(m.key for m in view.doc._.kg_mentions or []
                     if view.type(m.key) == "Organization" and m.key != other)
    return counts.most_common(1)[0][0] if counts else None


def _speaker_of(view: DocView, np: list[Token], anchor: int) -> str | None:
    """The speaker a noun phrase names: a spokesperson's organisation, a person named in it,
    the person a role noun stands for, the organisation a description stands for."""
    if not np:
        return None
    if np[0].lower_ in _PRONOUN or (np[0].lower_ in _OBJ_PRONOUN and len(np) == 1):
        return _pronoun_speaker(view, np[0], anchor)
    core = []
    for t in np:
        if t.pos_ == "ADP" or t.text == ",":
            break
        core.append(t)
    for t in core[:4]:
        if _in(t, "spokesperson_nouns") and t.pos_ in ("NOUN", "PROPN", "ADJ"):
            return _org_in(view, np[np.index(t) + 1:]) or view.salient_org()
    for t in np:
        key = _named(view, t, "Person")
        if key:
            return key
    if np[0].lower_ in ("ce", "cette") and len(np) > 1 and np[1].lower_ in ("dernier", "dernière"):
        return _latest_person(view, anchor)  # "a déclaré ce dernier": the last person named
    head = next((t for t in np if t.pos_ in ("NOUN", "PROPN", "X") or view.key(t)), None)
    if head is None:
        return None
    if _in(head, "person_nouns") and "Plur" in head.morph.get("Number"):
        return _org_in(view, np[np.index(head) + 1:])  # "les analystes de Jefferies"
    named = _org_in(view, core[core.index(head) + 1:] if head in core else [])
    if named:
        return named  # "le syndicat X", "l'opérateur X"
    key = view.ent_of(head, *_SPEAKERS)
    if key:
        return key
    if _in(head, "person_nouns"):
        return person_ref(view, anchor, _gender(head))
    if _in(head, "org_nouns"):
        return _org_description(view, head, np)
    return _org_in(view, np)


def _org_in(view: DocView, toks: list[Token]) -> str | None:
    for t in toks:
        key = view.ent_of(t, *_SPEAKERS)
        if key:
            return key
    return None


def _skip_pp(view: DocView, toks: list[Token], j: int) -> int:
    """Index after a prepositional phrase starting at ``j`` ("au quotidien allemand Die Welt",
    "à Reuters", "dans un communiqué"); a person's name or a new determiner ends it."""
    seen_head, seen_key = False, None
    while j < len(toks):
        t = toks[j]
        key = view.key(t)
        if _named(view, t, "Person") or t.text == "," or (seen_head and t.lower_ in _DET):
            break
        if key and seen_key and key != seen_key:
            break
        seen_key = key or seen_key
        if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "X", "ADP") and not view.key(t):
            break
        seen_head = seen_head or t.pos_ in ("NOUN", "PROPN", "X") or bool(view.key(t))
        j += 1
    return j


def _subject_np(view: DocView, toks: list[Token]) -> list[Token]:
    """The post-verbal subject of an incise, past adverbs and prepositional phrases, with one
    apposition ("l'analyste d'IDC X", "Piers Harding-Rolls, analyste chez …")."""
    skip = _cues()["skip_words"]
    j = 0
    while j < len(toks):
        t = toks[j]
        if t.text == "," or t.lower_ in skip or (t.pos_ == "ADV" and not view.key(t)):
            j += 1
        elif t.lower_ in _PREPS and not view.key(t):
            j = _skip_pp(view, toks, j + 1)
        else:
            break
    end, commas = j, 0
    while end < len(toks):
        t = toks[end]
        if t.lower_ in ("qui", "dont", "lequel", "laquelle", "avant", "tout", "tandis", "mais"):
            break
        if t.pos_ == "VERB" and "Pres" in t.morph.get("Tense") and "Part" in t.morph.get("VerbForm"):
            break
        if t.text == ",":
            nxt = toks[end + 1] if end + 1 < len(toks) else None
            if commas or nxt is None or not (nxt.lower_ in _DET or nxt.pos_ in ("NOUN", "PROPN")):
                break
            commas += 1
        end += 1
    return toks[j:end]


def _outlet(view: DocView, toks: list[Token]) -> str | None:
    """"à Reuters", "au quotidien allemand Die Welt", "sur RTL": the organisation a statement
    was given to."""
    cues = _cues()["outlet_cues"]
    for i, t in enumerate(toks):
        if t.lower_ not in _OUTLET_PREPS:
            continue
        for u in toks[i + 1:i + 5]:
            key = view.ent_of(u, "Organization")
            if key:
                return key
            if not (u.lower_ in cues or u.pos_ in ("DET", "ADJ")):
                break
    return None


def _incise_verb(toks: list[Token]) -> int | None:
    """Index of the speech verb opening an incise ("a-t-il déclaré", "estime", "a fait valoir",
    "s'est félicité"), or None."""
    skip = _cues()["skip_words"]
    verb = None
    for j, t in enumerate(toks[:7]):
        # Right after the comma a speech verb may be mistagged ("», juge X": NOUN).
        if _speech_verb(t) and (t.pos_ != "NOUN" or j == 0):
            verb = j
        elif verb is not None:
            break
        elif j + 1 < len(toks) and toks[j + 1].lower_ in _PRONOUN and t.pos_ in ("VERB", "AUX"):
            return j + 2 if j + 2 < len(toks) and _speech_verb(toks[j + 2]) else j
        elif not (t.pos_ in ("AUX", "ADV") or t.lower_ in _PRONOUN or t.lower_ in skip
                  or t.lower_ in _EUPHONIC or t.lower_ in ("s'", "s’", "se", "ne", "n'", "n’", "fait")):
            return None
    return verb


def _after(view: DocView, close_i: int, anchor: int) -> tuple[str | None, str | None]:
    """Speaker and outlet from the incise right after the closing mark."""
    toks = []
    for t in view.tokens[close_i + 1:close_i + 60]:
        if t.text in _STOP or "\n" in t.text:
            break
        toks.append(t)
    i = 1 if toks and toks[0].text == "," else 0
    if i < len(toks) and toks[i].lower_ in _SELON:
        return _speaker_of(view, _subject_np(view, toks[i + 1:]), anchor), None
    verb = _incise_verb(toks[i:])
    if verb is None:
        return None, None
    group, rest = toks[i:i + verb + 1], toks[i + verb + 1:]
    outlet = _outlet(view, rest)
    pron = next((t for t in group + rest[:1] if t.lower_ in _PRONOUN), None)
    if pron is not None:
        # "Un porte-parole juge l'offre « … », a-t-il déclaré": the pronoun is that subject.
        return _before(view, anchor) or _pronoun_speaker(view, pron, anchor), outlet
    return _speaker_of(view, _subject_np(view, rest), anchor), outlet


def _subject_speaker(view: DocView, subj: Token, anchor: int) -> str | None:
    """The speaker a subject names: a name in apposition ("Le patron de Play, X, a estimé"),
    an entity, the antecedent of "qui" or of a pronoun, a role noun's person, a description."""
    for c in subj.children:
        if c.dep_ in ("appos", "flat:name") and _named(view, c, "Person"):
            return _named(view, c, "Person")
    if subj.lower_ == "qui" and subj.head.dep_ == "acl:relcl":
        return _subject_speaker(view, subj.head.head, anchor)
    key = view.ent_of(subj, *_SPEAKERS)
    if key:
        return key
    if subj.lower_ in _PRONOUN:
        return _pronoun_speaker(view, subj, anchor)
    clauses = [c for c in subj.children if c.dep_ in ("acl", "acl:relcl", "punct")]
    inner = {t.i for c in clauses for t in c.subtree}
    np = [t for t in subj.subtree if t.i not in inner and t.i <= subj.i + 6]
    return _speaker_of(view, np, anchor)


def _text_sentence_start(view: DocView, i: int) -> int:
    """Start of the sentence by its punctuation (the parser splits some sentences at names)."""
    j = i
    while j > 0 and j > i - 120:
        prev = view.tokens[j - 1]
        if prev.text in (".", "!", "?") or "\n" in prev.text:
            break
        j -= 1
    return j


def _bare_subject(view: DocView, verb: Token) -> str | None:
    """A parse with no subject: the nearest name before the verb that no preposition governs
    ("Dans un billet, X, vice-président de Y, a expliqué que")."""
    for i in range(verb.i - 1, _text_sentence_start(view, verb.i) - 1, -1):
        key = _named(view, view.tokens[i], *_SPEAKERS)
        if not key or view.token_ent[i - 1] == key:
            continue
        prev = view.tokens[i - 1] if i > 0 else None
        if prev is None or prev.lower_ not in _PREPS | {"que", "qu'", "qu’"}:
            return key
    return None


def _verb_speaker(view: DocView, verb: Token, anchor: int) -> str | None:
    """The subject of a speech verb, or of the verb a subjectless one depends on ("a rejeté
    ces accusations, dénonçant des « … »")."""
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj"):
                return _subject_speaker(view, c, anchor)
        if v.dep_ not in ("advcl", "conj", "xcomp", "acl", "obj") or v.head is v:
            break
        v = v.head
    return _bare_subject(view, verb)


def _verb_like(t: Token) -> bool:
    """A speech verb; one tagged as a noun only without a determiner ("X juge l'offre")."""
    if not _speech_verb(t):
        return False
    return t.pos_ != "NOUN" or (t.i > 0 and t.nbor(-1).lower_ not in _DET and t.nbor(-1).pos_ != "ADP")


def _before(view: DocView, open_i: int) -> str | None:
    """Speaker in the same sentence before the quotation: subject of a speech verb, "selon X",
    "selon lui", "pour X", "X : « … »"."""
    toks = view.tokens[_text_sentence_start(view, open_i):open_i]
    for t in reversed(toks):
        if _verb_like(t) or t.lemma_.lower() in ("se dire", "montrer"):
            key = _verb_speaker(view, t, open_i)
            if key:
                return key
    for i, t in enumerate(toks[:-1]):
        if t.lower_ in _SELON | {"pour"}:
            nxt = toks[i + 1]
            if nxt.lower_ in _OBJ_PRONOUN:
                return _pronoun_speaker(view, nxt, open_i)
            np = _subject_np(view, toks[i + 1:i + 8])
            key = _speaker_of(view, np, open_i) if np and np[0].i == nxt.i else None
            if key:
                return key
    if toks and toks[-1].text == ":" or (len(toks) > 1 and toks[-2].text == ":"):
        return _org_in(view, list(reversed(toks)))
    return None


def outlet_of(view: DocView, sent_start: int, sent_end: int) -> str | None:
    """The outlet a statement was given to: "à Reuters", "dans un entretien au Journal du Dimanche"."""
    for tok in view.tokens[sent_start:sent_end]:
        if tok.lower_ in ("à", "au", "aux") and tok.i + 1 < sent_end:
            key = view.ent_of(view.tokens[tok.i + 1], "Organization")
            prev = view.tokens[tok.i - 1] if tok.i > 0 else tok
            if key and (_speech_verb(prev) or prev.lower_ in _cues()["outlet_cues"] or _speech_verb(tok.head)):
                return key
    return None


_CONTINUES = re.compile(r"\s*,([^.!?;:\n«»“”\"]{2,70}),\s*$")


def _parts(text: str) -> list[list[tuple[int, int]]]:
    """Quotations grouped with their continuations ("« … », a-t-il ajouté, « … »")."""
    groups: list[list[tuple[int, int]]] = []
    for o, c in quotations(text):
        if groups and _CONTINUES.match(text[groups[-1][-1][1] + 1:o]):
            groups[-1].append((o, c))
        else:
            groups.append([(o, c)])
    return groups


def _token_at(view: DocView, char: int) -> Token | None:
    span = view.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def extract_quotes(view: DocView) -> list[Quote]:
    """Every quotation with a speaker we can name (a one-word quotation only when a speech
    verb of its own sentence introduces it)."""
    text = view.doc.text
    out: list[Quote] = []
    for group in _parts(text):
        (o, c), (_, last_c) = group[0], group[-1]
        pieces = [text[a + 1:b].strip() for a, b in group]
        words = len(pieces[0].split())
        open_tok, close_tok = _token_at(view, o), _token_at(view, c)
        if open_tok is None or close_tok is None or _is_title(pieces[0]) or not pieces[0]:
            continue
        speaker, outlet = _after(view, close_tok.i, open_tok.i)
        rule = "quote-after"
        if speaker is None:
            speaker, rule = _before(view, open_tok.i), "quote-before"
        if speaker is None and view.previous_speaker and words >= 6:
            speaker, rule = view.previous_speaker, "quote-previous-speaker"
        if speaker is None or (words < 2 and rule != "quote-before"):
            continue
        view.previous_speaker = speaker
        sent = open_tok.sent
        outlet = outlet or outlet_of(view, sent.start, max(sent.end, close_tok.sent.end))
        qs = o + 1 + (len(text[o + 1:c]) - len(text[o + 1:c].lstrip()))
        body = " […] ".join(pieces)
        out.append(Quote(speaker, body, qs, qs + len(body) if len(group) == 1 else last_c, outlet,
                         rule, 0.5 if rule == "quote-previous-speaker" else 0.8))
    return out
