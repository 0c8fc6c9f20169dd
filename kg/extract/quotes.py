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

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.incise import incise_verb, inverted_verb
from kg.extract.referents import (gender_fits, gender_of, named, org_description, pronoun_speaker,
                                  seat_org, subject_like)
from kg.extract.speaker_context import previous_subject, selon_before, speaker_next, subject_person
from kg.extract.speakers import speaker_before, speaker_of, subject_np
from kg.extract.speech import (ANONYMOUS, EUPHONIC, IMPERSONAL, PRONOUN, cues, has_cue, selon_width,
                              speech_verb)
from kg.model import Quote

_OPEN = {"«": "»", "“": "”"}
_STRAIGHT = re.compile(r'"([^"\n]+?)"')
_STOP = {".", "!", "?", ";", "«", "“", '"', "\n"}
_OUTLET_PREPS = {"à", "au", "aux", "sur"}
_CONFIDENCE = {"quote-previous-speaker": 0.5, "quote-selon-before": 0.6, "quote-subject": 0.6,
               "quote-later-incise": 0.7, "quote-previous-subject": 0.6}


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
    """The closing mark of the quotation opened at ``i``, nesting counted; within a paragraph,
    or on into the next one when that one reopens the mark (the press's way of running a
    quotation over several paragraphs: no closing mark, « again at the next one's start)."""
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
    if first_close is None and depth == 1 and end < len(text):
        nxt = end + len(text[end:]) - len(text[end:].lstrip())
        if text[nxt:nxt + 1] == open_c:
            return _matching(text, nxt, open_c, close_c)
    return first_close  # unbalanced: the first closing mark ends it


def _is_title(text: str) -> bool:
    """« Le Monde », « Les Echos »: a capitalised name in quotation marks, not a statement."""
    words = text.split()
    small = {"de", "du", "des", "la", "le", "les", "l'", "l’", "et", "à", "the", "of", "d'", "d’"}
    if not words or len(words) > 5 or not words[0][:1].isupper() or text[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w.lower() in small or w[:1].isdigit() for w in words)



# "l'IA dite « agentique »", "une offre baptisée « Max »": a participle naming a thing, its
# words nobody's statement (a finite "ce qu'il appelait « … »" still quotes its subject).
_NAMING = {"dit", "dite", "dits", "dites", "baptisé", "baptisée", "baptisés", "baptisées", "surnommé",
           "surnommée", "surnommés", "surnommées", "appelé", "appelée", "appelés", "appelées",
           "intitulé", "intitulée", "intitulés", "intitulées", "nommé", "nommée", "nommés", "nommées"}


def _named_term(view: DocView, open_tok: Token) -> bool:
    """The quotation is the name a participle right before it gives to the noun it follows."""
    if open_tok.i < 2:
        return False
    prev = view.tokens[open_tok.i - 1]
    # "Tim Cook dit « … »": the finite verb quotes its subject; only the participle names.
    participle = prev.pos_ == "ADJ" or "Part" in prev.morph.get("VerbForm")
    return prev.lower_ in _NAMING and participle and view.tokens[open_tok.i - 2].pos_ in ("NOUN", "PROPN", "ADJ")


def _outlet(view: DocView, toks: list[Token]) -> str | None:
    """"à Reuters", "au quotidien allemand Die Welt", "sur RTL": the organisation a statement
    was given to."""
    words = cues()["outlet_cues"]
    for i, t in enumerate(toks):
        if t.lower_ not in _OUTLET_PREPS:
            continue
        if i > 1 and toks[i - 1].pos_ == "NOUN" and any(u.text == "," for u in toks[:i]):
            continue  # "X, chercheur à l'Ifremer": the speaker's employer, not an outlet
        for u in toks[i + 1:i + 5]:
            key = view.ent_of(u, "Organization")
            if key:
                return key
            if not (u.lower_ in words or u.pos_ in ("DET", "ADJ")):
                break
    return None



def _after(view: DocView, close_i: int, anchor: int) -> tuple[str | None, str | None]:
    """Speaker and outlet from the incise right after the closing mark."""
    toks = []
    for t in view.tokens[close_i + 1:close_i + 60]:
        if t.text in _STOP or "\n" in t.text:
            break
        toks.append(t)
    i = 1 if toks and toks[0].text == "," else 0
    width = selon_width(toks, i) if i < len(toks) else 0
    if width:
        return speaker_of(view, subject_np(view, toks[i + width:]), anchor), None
    verb = incise_verb(toks[i:])
    if verb is None:
        verb = inverted_verb(view, toks[i:])
    if verb is None:
        return None, None
    group, rest = toks[i:i + verb + 1], toks[i + verb + 1:]
    while rest and rest[0].lower_ in EUPHONIC:  # "explique-t-il": "explique", "-t", "-il"
        group, rest = group + rest[:1], rest[1:]
    outlet = _outlet(view, rest)
    if any(t.lower_ in IMPERSONAL for t in group + rest[:1]):
        # "assure-t-on chez l'opérateur", "peut-on lire dans le communiqué de Meta": the
        # organisation named after the verb, else an unnamed source.
        key = _impersonal_source(view, [t for t in rest if t.lower_ not in IMPERSONAL]) \
            or _impersonal_topic(view, rest, anchor) or ANONYMOUS
        return key, (outlet if outlet != key else None)  # "insiste-t-on à Matignon": no outlet
    pron = next((t for t in group + rest[:1] if t.lower_ in PRONOUN), None)
    if pron is not None:
        # "Un porte-parole juge l'offre « … », a-t-il déclaré": the pronoun is that subject.
        return speaker_before(view, anchor) or pronoun_speaker(view, pron, anchor), outlet
    np = subject_np(view, rest)
    key = speaker_of(view, np, anchor)
    if key is None and np and (np[0].lower_ in ("un", "une", "des", "les", "l'un", "l’un", "l'une", "l’une")
                               or view.ent_of(np[0], "Place") or _unknown_name(np)
                               or _described_org(np)):
        # "confie un cadre sous couvert d'anonymat", "estiment les chercheurs", "a regretté
        # Jaan", "indique Mme Harezi": someone the incise names and we cannot; "a fait savoir
        # Washington": a government named by its place. Not the previous speaker.
        return ANONYMOUS, outlet
    return key, outlet



def _described_org(np: list[Token]) -> bool:
    """"prévient le syndicat", "rappelle l'institut": a definite organisation description we
    could not resolve names an organisation, never the previous (person) speaker."""
    return len(np) >= 2 and np[0].lower_ in ("le", "la", "l'", "l’") and has_cue(np[1], "org_nouns")


def _unknown_name(np: list[Token]) -> bool:
    """A capitalised name (or "M."/"Mme" and a name) the entity recogniser left untagged."""
    toks = np[1:] if np[0].lower_ in ("m.", "mme", "mlle", "me", "dr") else np
    return bool(toks) and toks[0].pos_ in ("PROPN", "X", "NOUN") and toks[0].text[:1].isupper() \
        and toks[0].i > 0 and toks[0].doc[toks[0].i - 1].text not in (".", "!", "?")



def _inside(view: DocView, open_i: int, close_i: int) -> tuple[str | None, str | None]:
    """Speaker from an incise inside the quotation marks, the French press's other habit:
    "« Nous sommes prêts, a déclaré X. Le marché décollera. »"."""
    for tok in view.tokens[open_i + 2:close_i - 2]:
        if tok.text != ",":
            continue
        toks = view.tokens[tok.i + 1:close_i]
        verb = incise_verb(toks)
        if verb is None or verb > 3:
            continue
        end = next((k for k, t in enumerate(toks) if k > verb and t.text in (",", ".", ";")), None)
        if end is None or end > verb + 9:
            continue  # an incise is short and closed by a comma or a full stop
        speaker, outlet = _after(view, tok.i - 1, open_i)
        if speaker is not None:
            return speaker, outlet  # ANONYMOUS too: "a jugé un analyste de X" we cannot name
    return None, None


def _impersonal_source(view: DocView, toks: list[Token]) -> str | None:
    """The organisation an impersonal incise points to: "chez X", "dans le communiqué de X",
    "du côté de l'opérateur"."""
    for t in toks[:10]:
        if t.text in (",", ".") or t.pos_ == "VERB":
            break
        key = view.ent_of(t, "Organization")
        if key:
            return key
        if view.ent_of(t, "Place"):
            return seat_org(view, view.key(t))  # "se félicite-t-on à Cupertino"
        if t.pos_ == "NOUN" and has_cue(t, "org_nouns"):
            return org_description(view, t, toks)
    return None


_SOURCES = {"source", "sources", "proche", "proches", "anonymat", "anonyme", "observateur", "observateurs"}


def _impersonal_topic(view: DocView, rest: list[Token], anchor: int) -> str | None:
    """"Bercy rappelle que … « … », indique-t-on dans l'entourage du ministre": the organisation
    subject of the sentence before, unless the incise points to an unnamed source ("de source
    proche du dossier")."""
    if any(t.lower_ in _SOURCES for t in rest[:10]):
        return None
    return view.subject_before(view.tokens[anchor], "Organization", sentences=1, topics=True)


def outlet_of(view: DocView, sent_start: int, sent_end: int) -> str | None:
    """The outlet a statement was given to: "à Reuters", "dans un entretien au Journal du Dimanche"."""
    for tok in view.tokens[sent_start:sent_end]:
        if tok.lower_ in ("à", "au", "aux") and tok.i + 1 < sent_end:
            key = view.ent_of(view.tokens[tok.i + 1], "Organization")
            prev = view.tokens[tok.i - 1] if tok.i > 0 else tok
            if key and (speech_verb(prev) or prev.lower_ in cues()["outlet_cues"] or speech_verb(tok.head)):
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


def _ends_sentence(text: str, close: int) -> bool:
    """The quotation closes its sentence ("… . »" or "… ». ")."""
    inner, after = text[close - 3:close].rstrip(), text[close + 1:close + 3].lstrip(" ")
    return inner[-1:] in (".", "!", "?") or after[:1] in (".", "!", "?")


def _token_at(view: DocView, char: int) -> Token | None:
    span = view.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _later_incise(view: DocView, groups: list, k: int) -> str | None:
    """"Il existe « A », comme en Arctique, et au sud « B », souligne X": the incise after a
    later quotation of the same sentence names the speaker of this one too."""
    text = view.text
    for o, c in (g[0] for g in groups[k + 1:k + 3]):
        between = text[groups[k][-1][1] + 1:o]
        if any(p in between for p in (". ", "! ", "? ", "\n", ": ")):
            return None
        open_tok, close_tok = _token_at(view, o), _token_at(view, c)
        if open_tok is None or close_tok is None:
            return None
        speaker, _ = _after(view, close_tok.i, open_tok.i)
        if speaker is not None:
            return speaker
    return None


_GENERIC_ROLES = {"dirigeant", "dirigeante", "intéressé", "intéressée"}
_CONTINUE = {"ajouter", "poursuivre", "renchérir", "compléter", "conclure", "continuer", "enchaîner",
             "reprendre"}


def _continued(view: DocView, groups: list, k: int, previous: str | None) -> str | None:
    """"« … », a-t-il ajouté" / "poursuit la dirigeante" right after another quotation: its
    speaker goes on, when a person of that gender (whoever else the paragraph names)."""
    if not previous or k == 0 or groups[k][0][0] - groups[k - 1][-1][1] > 600:
        return None
    close_tok = _token_at(view, groups[k][0][1])
    toks = [t for t in view.tokens[close_tok.i + 1:close_tok.i + 9] if t.text != ","]
    verb = next((j for j, t in enumerate(toks[:5]) if t.lemma_.lower() in _CONTINUE), None)
    if verb is None:
        return None
    after = [t for t in toks[verb + 1:verb + 4] if t.lower_ not in EUPHONIC]
    pron = next((t for t in toks[:verb + 3] if t.lower_ in PRONOUN), None)
    if pron is not None:
        gender = gender_of(pron)
    elif len(after) >= 2 and after[0].lower_ in ("le", "la", "l'", "l’") and after[1].lower_ in _GENERIC_ROLES \
            and (len(after) < 3 or after[2].lower_ not in ("de", "d'", "d’", "du", "chez")):
        # "poursuit le dirigeant"; not "ajoute le directeur général" (a role that names one
        # person) nor "… le dirigeant d'Iliad"
        gender = gender_of(after[1])
    else:
        return None
    if _new_subject(view, groups[k - 1][-1][1], groups[k][0][0], previous):
        return None  # "Assis à côté de lui, Y insiste. « … », poursuit-il": Y goes on
    return previous if gender_fits(view, previous, gender) else None


def _new_subject(view: DocView, start: int, end: int, previous: str) -> bool:
    """Another person is the subject of a sentence of the quotation's paragraph, between the
    previous quotation and this one."""
    para = view.text.rfind("\n", start, end) + 1 or start
    span = view.doc.char_span(para, end, alignment_mode="contract")
    return span is not None and any(
        (key := named(view, t, "Person")) and key != previous and subject_like(view, t) for t in span)


def _voice(view: DocView, open_i: int, close_i: int, speaker: str | None) -> str | None:
    """"X a réagi par la voix de son directeur, Y : « … »", "« … », a répondu X par la voix
    de Y": an organisation speaking through a person named in the quotation's sentence is
    that person."""
    if speaker is None or view.type(speaker) != "Organization":
        return speaker
    toks = view.tokens
    # the parser may cut the incise after the closing mark into a sentence of its own
    start, end = toks[open_i].sent.start, toks[min(close_i + 1, len(toks) - 1)].sent.end
    for i in range(start + 2, end - 1):
        if open_i <= i <= close_i or toks[i].lower_ != "voix" or toks[i - 1].lower_ != "la" \
                or toks[i - 2].lower_ != "par":
            continue
        for t in toks[i + 1:min(i + 10, end)]:
            if t.text in _STOP or t.text in ("»", "”", ":"):
                break
            person = named(view, t, "Person")
            if person:
                return person
    return speaker


def _speaker(view: DocView, groups: list, k: int, words: int) -> tuple[str | None, str | None, str]:
    """(speaker, outlet, rule) of the k-th quotation, ANONYMOUS when the text names someone we
    cannot, None when it names nobody."""
    speaker, outlet, rule = _find_speaker(view, groups, k, words)
    (o, c) = groups[k][0]
    return _voice(view, _token_at(view, o).i, _token_at(view, c).i, speaker), outlet, rule


def _find_speaker(view: DocView, groups: list, k: int, words: int) -> tuple[str | None, str | None, str]:
    """``_speaker`` before the "par la voix de" check."""
    text = view.text
    (o, c), last_c = groups[k][0], groups[k][-1][1]
    open_tok, close_tok = _token_at(view, o), _token_at(view, c)
    speaker, outlet = _after(view, close_tok.i, open_tok.i)
    going_on = _continued(view, groups, k, view.previous_speaker)
    if going_on and speaker:
        return going_on, outlet, "quote-after"
    if speaker is None:
        speaker, outlet = _inside(view, open_tok.i, close_tok.i)
    if speaker is not None:
        return speaker, outlet, "quote-after"
    for rule, find in (("quote-before", lambda: speaker_before(view, open_tok.i)),
                       ("quote-selon-before", lambda: selon_before(view, open_tok.i)),
                       ("quote-later-incise", lambda: _later_incise(view, groups, k)),
                       ("quote-subject", lambda: subject_person(view, open_tok.i) if words >= 3 else None),
                       ("quote-next", lambda: speaker_next(view, _token_at(view, last_c).i)
                        if words >= 6 and _ends_sentence(text, last_c) else None),
                       ("quote-previous-subject", lambda: previous_subject(view, open_tok.i)
                        if words >= 4 and _ends_sentence(text, last_c) else None)):
        speaker = find()
        if speaker is not None:
            return speaker, None, rule
    if view.previous_speaker and words >= 6:
        return view.previous_speaker, None, "quote-previous-speaker"
    return None, None, ""


def extract_quotes(view: DocView) -> list[Quote]:
    """Every quotation with a speaker we can name (a one-word quotation only when a speech
    verb of its own sentence introduces it)."""
    text = view.text
    out: list[Quote] = []
    groups = _parts(text)
    for k, group in enumerate(groups):
        (o, c), (_, last_c) = group[0], group[-1]
        pieces = [text[a + 1:b].strip() for a, b in group]
        words = len(pieces[0].split())
        open_tok, close_tok = _token_at(view, o), _token_at(view, c)
        if open_tok is None or close_tok is None or _is_title(pieces[0]) or not pieces[0] \
                or _named_term(view, open_tok):
            continue
        speaker, outlet, rule = _speaker(view, groups, k, words)
        if speaker == ANONYMOUS and rule == "quote-after":
            view.previous_speaker = None  # a standalone quotation next is the unnamed one's
        if not speaker or (words < 2 and rule not in ("quote-before", "quote-selon-before")):
            continue
        view.previous_speaker = speaker
        sent = open_tok.sent
        outlet = outlet or outlet_of(view, sent.start, max(sent.end, close_tok.sent.end))
        qs = o + 1 + (len(text[o + 1:c]) - len(text[o + 1:c].lstrip()))
        body = " […] ".join(pieces)
        out.append(Quote(speaker, body, qs, qs + len(body) if len(group) == 1 else last_c, outlet,
                         rule, _CONFIDENCE.get(rule, 0.8)))
    return out
