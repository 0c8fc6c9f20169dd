"""The speaker a quotation's incise or its sentence names: the subject of a speech verb, a noun
phrase after the verb ("a déclaré l'analyste d'IDC X"), "selon X", "pour X", "X : « … »"."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.referents import (TITLES, gender_fits, gender_of, latest_person, misread_company,
                                  named, org_description, outlets, person_ref, pronoun_speaker,
                                  seat_org)
from kg.extract.speaker_roles import (ORDINALS, demonym_person, document_issuer, one_of_its,
                                      ordinal_person, org_in,
                                      owner_complement, role_holder, role_match, spokesperson_org,
                                      surname_person)
from kg.extract.speech import (ANONYMOUS, DET, OBJ_PRONOUN, PREPS, PRONOUN, SPEAKERS, cues, has_cue,
                              selon_width, speech_verb)


def speaker_of(view: DocView, np: list[Token], anchor: int) -> str | None:
    """The speaker a noun phrase names: a spokesperson's organisation, a person named in it,
    the person a role noun stands for, the organisation a description stands for."""
    if not np:
        return None
    if np[0].lower_ in PRONOUN or (np[0].lower_ in OBJ_PRONOUN and len(np) == 1):
        return pronoun_speaker(view, np[0], anchor)
    member = one_of_its(view, np, anchor)
    if member is not None:
        return member or None
    core = []
    for t in np:
        if t.pos_ == "ADP" or t.text == ",":
            break
        core.append(t)
    for t in core[:4]:
        if has_cue(t, "spokesperson_nouns") and t.pos_ in ("NOUN", "PROPN", "ADJ"):
            # "un porte-parole du groupe, Al Verney": a spokesperson the text names speaks
            # as that person ("Katie Cotton, la porte-parole du groupe" too).
            return _named_after_comma(view, np[np.index(t) + 1:]) \
                or spokesperson_org(view, np[np.index(t) + 1:], anchor)
    if np[0].lower_ in TITLES and len(np) > 1:
        key = surname_person(view, np[1])  # "a averti M. Breton"
        if key:
            return key
    for t in np:
        key = named(view, t, "Person")
        if key and not owner_complement(np, t):
            return key
    nationality = demonym_person(view, np, anchor)
    if nationality:
        return nationality
    if np[0].lower_ in ("ce", "cette") and len(np) > 1 and np[1].lower_ in ("dernier", "dernière"):
        return latest_person(view, anchor)  # "a déclaré ce dernier": the last person named
    if len(np) == 2 and np[0].lower_ in ("le", "la") and np[1].lower_ in ORDINALS:
        return ordinal_person(view, anchor, ORDINALS[np[1].lower_])  # "a ajouté le second"
    head = next((t for t in np if t.pos_ in ("NOUN", "PROPN", "X") or (view.key(t) and t.pos_ != "DET")), None)
    if head is None:
        return None
    if _ranked_company(np, head):
        return org_description(view, head, np)  # "le numéro un suédois du streaming"
    if has_cue(head, "person_nouns") and "Plur" in head.morph.get("Number"):
        return org_in(view, np[np.index(head) + 1:])  # "les analystes de Jefferies"
    matched = role_match(view, np, anchor) if has_cue(head, "person_nouns") else None
    if matched:
        return matched  # before the coreference's guess: "le ministre délégué" is not "le ministre"
    inner = org_in(view, core[core.index(head) + 1:] if head in core else [])
    if inner:
        return inner  # "le syndicat X", "l'opérateur X"
    key = None if misread_company(view, head) else view.ent_of(head, *SPEAKERS)
    if key and (key not in outlets(view) or head.pos_ in ("PROPN", "X") or head.text[:1].isupper()):
        return key  # a description the coreference gave to a news agency is not that agency
    place = view.ent_of(head, "Place")
    if place:
        return seat_org(view, place)  # "selon Bruxelles": the Commission, if the article names it
    if np[0].lower_ in ("un", "une"):
        # "un cadre d'Atos"; "un dirigeant": nobody; "un gérant interrogé par l'AFP": the
        # outlet, not his employer.
        if any(t.lower_ in ("anonymat", "anonyme") for t in head.sent):
            return None  # "une développeuse du studio, qui a souhaité garder l'anonymat": nobody's voice
        rest = np[np.index(head) + 1:]
        cut = next((k for k, t in enumerate(rest) if t.pos_ == "VERB"), len(rest))
        desc = next((u for u in rest[:cut] if u.pos_ == "NOUN" and has_cue(u, "org_nouns")), None)
        # "un responsable du groupe": the company described, as for its spokesperson.
        return org_in(view, rest[:cut], outlets(view)) or (
            org_description(view, desc, rest[:cut]) if desc is not None else None)
    if has_cue(head, "person_nouns"):
        if np[0].lower_ in ("son", "sa") and head.lower_ in _PEERS and view.previous_speaker:
            # "Son associé complète : « … »": the partner of the one who just spoke.
            return _peer_of(view, view.previous_speaker, anchor, gender_of(head))
        holder = role_holder(view, head, np[np.index(head) + 1:], anchor)
        return holder or person_ref(view, anchor, gender_of(head))
    if has_cue(head, "document_nouns"):
        return document_issuer(view, head, np[np.index(head) + 1:])  # "selon la décision"
    if has_cue(head, "org_nouns"):
        return org_description(view, head, np)
    return org_in(view, np, outlets(view))



def _ranked_company(np: list[Token], head: Token) -> bool:
    """"le numéro un mondial des puces", "le numéro deux suédois": a company ranked in its
    market, not "le numéro deux d'Apple" (a person)."""
    k = np.index(head)
    return head.lower_ == "numéro" and k + 2 < len(np) and np[k + 1].lower_ in ("un", "1", "deux", "2", "trois", "3") \
        and np[k + 2].pos_ in ("ADJ", "NOUN") and np[k + 2].text.islower()


def _named_after_comma(view: DocView, rest: list[Token]) -> str | None:
    """The person named in apposition after a comma in ``rest`` ("du groupe, Al Verney")."""
    for k, t in enumerate(rest[:-1]):
        if t.text == ",":
            return named(view, rest[k + 1], "Person")
    return None


_PEERS = {"associé", "associée", "homologue", "collègue", "adjoint", "adjointe", "cofondateur",
          "cofondatrice"}


def _peer_of(view: DocView, speaker: str, anchor: int, gender: str | None) -> str | None:
    """The latest other person of that gender named before ``anchor`` (in the last 200
    tokens): "son associé" after X spoke is not X."""
    for i in range(anchor - 1, max(-1, anchor - 200), -1):
        key = named(view, view.tokens[i], "Person")
        if key and key != speaker and gender_fits(view, key, gender):
            return key
    return None


def _skip_pp(view: DocView, toks: list[Token], j: int) -> int:
    """Index after a prepositional phrase starting at ``j`` ("au quotidien allemand Die Welt",
    "à Reuters", "dans un communiqué"); a person's name or a new determiner ends it."""
    seen_head, seen_key = False, None
    while j < len(toks):
        t = toks[j]
        key = view.key(t)
        if named(view, t, "Person") or t.text == "," or (seen_head and t.lower_ in DET):
            break
        if key and seen_key and key != seen_key:
            break
        seen_key = key or seen_key
        if t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "X", "ADP") and not view.key(t):
            break
        seen_head = seen_head or t.pos_ in ("NOUN", "PROPN", "X") or bool(view.key(t))
        j += 1
    return j


def subject_np(view: DocView, toks: list[Token]) -> list[Token]:
    """The post-verbal subject of an incise, past adverbs and prepositional phrases, with one
    apposition ("l'analyste d'IDC X", "Piers Harding-Rolls, analyste chez …")."""
    skip = cues()["skip_words"]
    j = 0
    while j < len(toks):
        t = toks[j]
        if t.text == "," or t.lower_ in skip or (t.pos_ == "ADV" and not view.key(t)):
            j += 1
        elif t.lower_ in PREPS and not view.key(t):
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
            if commas or nxt is None or not (nxt.lower_ in DET or nxt.pos_ in ("NOUN", "PROPN")):
                break
            commas += 1
        end += 1
    return toks[j:end]


def _comma_apposed(view: DocView, tok: Token) -> bool:
    """A person's name between commas the parser took for a conjunct of the subject: no
    coordinating word, a comma on each side."""
    if not named(view, tok, "Person") or any(c.dep_ == "cc" for c in tok.children):
        return False
    key, end = view.key(tok), tok.i
    while end + 1 < len(view.tokens) and view.token_ent[end + 1] == key:
        end += 1
    return tok.i > 0 and view.tokens[tok.i - 1].text == "," and end + 1 < len(view.tokens) \
        and view.tokens[end + 1].text == ","


def _subject_speaker(view: DocView, subj: Token, anchor: int) -> str | None:
    """The speaker a subject names: a name in apposition ("Le patron de Play, X, a estimé"),
    an entity, the antecedent of "qui" or of a pronoun, a role noun's person, a description."""
    for c in subj.children:
        if c.dep_ in ("appos", "flat:name") and named(view, c, "Person"):
            return named(view, c, "Person")
        if c.dep_ == "conj" and _comma_apposed(view, c):
            return named(view, c, "Person")  # "Le partenaire de X qui …, Jean Dupont, a dit"
    if subj.lower_ == "on" or (subj.lower_ in ("l'", "l’") and subj.i + 1 < len(view.tokens)
                               and view.tokens[subj.i + 1].lower_ == "on"):  # "où l'on estime"
        # "Du côté de X, on assure que « … »", "Chez X, on estime …": the organisation the
        # sentence opens on, media aside; else nobody.
        start = text_sentence_start(view, subj.i)
        return org_in(view, [t for t in view.tokens[start:subj.i] if view.ent_of(t, "Organization")],
                      outlets(view)) or ANONYMOUS
    if subj.lower_ == "qui" and subj.head.dep_ == "acl:relcl":
        return _subject_speaker(view, subj.head.head, anchor)
    if subj.lower_ in PRONOUN:
        # Our own reading of "il"/"elle" (the paragraph's person) before the coreference
        # component's, which takes the latest subject of any paragraph.
        return pronoun_speaker(view, subj, anchor)
    key = view.ent_of(subj, *SPEAKERS)
    if key:
        return key
    clauses = [c for c in subj.children if c.dep_ in ("acl", "acl:relcl", "punct")]
    inner = {t.i for c in clauses for t in c.subtree}
    np = [t for t in subj.subtree if t.i not in inner and t.i <= subj.i + 6]
    return speaker_of(view, np, anchor)


def text_sentence_start(view: DocView, i: int) -> int:
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
    for i in range(verb.i - 1, text_sentence_start(view, verb.i) - 1, -1):
        tok = view.tokens[i]
        key = named(view, tok, *SPEAKERS)
        if not key or view.token_ent[i - 1] == key:
            continue
        if tok.pos_ == "DET" or not tok.text[:1].isupper() or tok.lower_ in PREPS:
            continue  # a description ("le groupe"), or a name inside "du groupe X"
        prev = view.tokens[i - 1] if i > 0 else None
        # "(CEPD)" restates the name before it, inside that name's complement.
        if prev is None or prev.lower_ not in PREPS | {"que", "qu'", "qu’", "("}:
            return key
    return None


def _verb_speaker(view: DocView, verb: Token, anchor: int) -> str | None:
    """The subject of a speech verb, or of the verb a subjectless one depends on ("a rejeté
    ces accusations, dénonçant des « … »")."""
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubj:pass", "expl:subj") and not _quoted(view, c):
                return _subject_speaker(view, c, anchor)
        # "« … », a-t-elle assuré, avant d'ajouter que … « … »": the incise's pronoun, which
        # the parser hangs under the auxiliary.
        pron = next((p for c in v.children if c.dep_.startswith("aux") or c.lower_ in PRONOUN
                     for p in [c, *c.children] if p.lower_ in PRONOUN), None)
        if pron is not None:
            return pronoun_speaker(view, pron, anchor)
        if v.dep_ not in ("advcl", "conj", "xcomp", "acl", "obj") or v.head is v:
            break
        v = v.head
    return _bare_subject(view, verb)


def _quoted(view: DocView, tok: Token) -> bool:
    """``tok`` stands inside quotation marks opened earlier in its sentence ("« Nous allons
    … », a-t-elle assuré": "Nous" is no subject of the incise)."""
    depth = 0
    for t in view.tokens[text_sentence_start(view, tok.i):tok.i]:
        depth += t.text in ("«", "“") or -(t.text in ("»", "”") and depth > 0)
    return depth > 0


def verb_like(t: Token) -> bool:
    """A speech verb; one tagged as a noun only without a determiner ("X juge l'offre")."""
    if not speech_verb(t):
        return False
    return t.pos_ != "NOUN" or (t.i > 0 and t.nbor(-1).lower_ not in DET and t.nbor(-1).pos_ != "ADP")


def clause_subject(view: DocView, toks: list[Token], anchor: int) -> str | None:
    """The subject of the sentence's main verb, for a speech verb the parser left without one
    ("Un porte-parole de X juge l'offre « … »" with "juge" tagged as an adjective)."""
    for t in toks:
        if t.dep_ in ("nsubj", "nsubj:pass") and t.head.dep_ == "ROOT" and t.pos_ != "PRON":
            return _subject_speaker(view, t, anchor)
    return None


def speaker_before(view: DocView, open_i: int) -> str | None:
    """Speaker in the same sentence before the quotation: subject of a speech verb, "selon X",
    "selon lui", "pour X", "X : « … »"."""
    toks = view.tokens[text_sentence_start(view, open_i):open_i]
    spoken = False
    for t in reversed(toks):
        if verb_like(t) or t.lemma_.lower() in ("se dire", "montrer"):
            spoken = True
            key = _verb_speaker(view, _speech_governor(t, toks[0].i), open_i)
            if key:
                return key
    for i, t in enumerate(toks[:-1]):
        width = 1 if t.lower_ == "pour" else selon_width(toks, i)
        if width and i + width < len(toks):
            nxt = toks[i + width]
            if nxt.lower_ in OBJ_PRONOUN:
                return pronoun_speaker(view, nxt, open_i)
            if nxt.lower_ == "qui" and i > 1 and toks[i - 1].text == ",":
                # "… ceux de Thierry Breton, pour qui « … »": the name the relative follows.
                key = named(view, toks[i - 2], *SPEAKERS)
                if key:
                    return key
            np = subject_np(view, toks[i + width:i + width + 7])
            key = speaker_of(view, np, open_i) if np and np[0].i == nxt.i else None
            if key:
                return key
    if spoken:
        key = clause_subject(view, toks, open_i)
        if key:
            return key
    if toks and toks[-1].text == ":" or (len(toks) > 1 and toks[-2].text == ":"):
        # "X, président de Y, l'a présenté sans détour : « … »": the subject, not the last name.
        # "X (Y) : « … »": Y in brackets is X's affiliation, not the speaker.
        key = clause_subject(view, toks, open_i) or _colon_speaker(view, _unbracketed(toks, _topic(toks))) \
            or _lead_description(view, toks, open_i)
        if key:
            return key
    if spoken and any(t.dep_ == "nsubj" and t.pos_ == "NOUN" and t.head.dep_ == "ROOT" for t in toks):
        # "L'ambassade de X a rejeté …, dénonçant des « … »": a speaker we can't name.
        return ANONYMOUS
    if spoken and toks and toks[-1].lower_ in ("que", "qu'", "qu’"):
        # "Dans une note, Oddo BHF juge que « … »": the sentence names a speaker, one we can't
        # resolve; the previous quotation's speaker is not it.
        return ANONYMOUS
    return None



def _speech_governor(verb: Token, start: int) -> Token:
    """The speech verb whose "que" clause ``verb`` is in ("X a assuré que l'opérateur ne
    comptait pas s'engager dans « … »": assuré, whose subject speaks), else ``verb``."""
    v = verb
    for _ in range(4):
        if v.dep_ not in ("ccomp", "xcomp") or v.head is v or v.head.i < start:
            break
        v = v.head
        if speech_verb(v):
            return v
    return verb


def _lead_description(view: DocView, toks: list[Token], anchor: int) -> str | None:
    """"Son associé complète : « … »", "Le dirigeant, lui, tranche : « … »": the person a
    role noun opening the sentence stands for (the parser often takes the verb for an adjective)."""
    j = 0
    while j < len(toks) and (toks[j].pos_ in ("ADV", "CCONJ") or toks[j].text == ","):
        j += 1
    if j + 1 >= len(toks) or toks[j].lower_ not in DET or toks[j].lower_ in ("un", "une"):
        return None
    head = toks[j + 1]
    if head.pos_ not in ("NOUN", "ADJ", "VERB") or not has_cue(head, "person_nouns"):  # "associé" as a participle
        return None
    if toks[j].lower_ in ("son", "sa") and head.lower_ in _PEERS and view.previous_speaker:
        return _peer_of(view, view.previous_speaker, anchor, gender_of(head))
    np = [toks[j]] + list(toks[j + 1:j + 5])
    cut = next((k for k, t in enumerate(np) if k > 1 and (t.pos_ in ("VERB", "AUX") or t.is_punct)), len(np))
    key = speaker_of(view, np[:cut], anchor)
    return key if key and view.type(key) == "Person" else None


def _colon_speaker(view: DocView, toks: list[Token]) -> str | None:
    """The last person or organisation before "… : « … »", one that only completes another
    name aside ("Une analyse que partage Thomas Husson, de Forrester : «": Husson's)."""
    found = [t for t in reversed(toks) if view.ent_of(t, *SPEAKERS)]
    head = [t for t in found if not (t.i > 0 and view.tokens[t.i - 1].lower_ in ("de", "d'", "d’", "du", "chez")
                                     and view.token_ent[t.i - 1] is None)]
    # The name's first token is what a preposition precedes: look at each name's start only.
    heads = [t for t in head if t.i == 0 or view.token_ent[t.i - 1] != view.key(t)]
    starts = [t for t in found if t.i == 0 or view.token_ent[t.i - 1] != view.key(t)]
    return org_in(view, heads or starts or found)


def _topic(toks: list[Token]) -> bool:
    """"Quant à la gouvernance, elle …": the sentence's pronoun restates its topic."""
    return len(toks) > 1 and toks[0].lower_ == "quant" and toks[1].lower_ in ("à", "au", "aux")


def _unbracketed(toks: list[Token], no_pronoun: bool = False) -> list[Token]:
    """``toks`` without the ones inside parentheses (and without pronouns if asked)."""
    out, depth = [], 0
    for t in toks:
        depth += t.text == "("
        if not depth and not (no_pronoun and t.pos_ == "PRON"):
            out.append(t)
        depth -= t.text == ")" and depth > 0
    return out
