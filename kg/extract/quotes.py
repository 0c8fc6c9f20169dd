"""Direct quotations in « » and “ ” with their speaker and the outlet they were given to.

The speaker is looked for after the quotation first ("», a déclaré X", "», déclare à Reuters
l'analyste d'IDC X", "», a énoncé l'entreprise"), then before it ("X a déclaré : « … »",
"selon X", "pour X"), then, for a quotation that stands alone, the speaker of the previous one.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.model import Quote
from kg.nlp.resources import lex

_PRONOUN = {"il", "elle", "-il", "-elle", "-t-il", "-t-elle", "t-il", "t-elle"}
_OUTLET_CUES = {"entretien", "interview", "déclaration", "déclarations", "propos", "micro", "antenne"}
# « » and “ ” as in the press; straight "…" as agency copy types them (within one paragraph).
_QUOTE = re.compile(r'«\s*(.+?)\s*»|“\s*(.+?)\s*”|"([^"\n]+?)"', re.S)
_SPEAKERS = ("Person", "Organization")
_ORG_NOUNS = {"entreprise", "société", "groupe", "constructeur", "firme", "opérateur", "éditeur",
              "fabricant", "équipementier", "start-up", "compagnie"}
# A statement by a company's spokesperson is the company's (gold/dev/INDEX.md).
_SPOKES = {"porte-parole", "porte-parol", "communiqué", "service de presse"}
_PERSON_NOUNS = {"dirigeant", "dirigeante", "patron", "patronne", "pdg", "analyste", "ministre",
                 "président", "présidente", "fondateur", "fondatrice",
                 "directeur", "directrice", "responsable", "expert", "experte", "secrétaire"}


def _org_of(view: DocView, tok: Token) -> str | None:
    """The organisation of a role noun ("le porte-parole de Google")."""
    for c in tok.children:
        if c.dep_ == "nmod":
            key = view.ent_of(c, "Organization")
            if key:
                return key
    return None


def _speech_verb(tok: Token) -> bool:
    verbs = lex().speech_verbs
    return tok.lemma_.lower() in verbs or tok.lower_ in verbs


def _entity_in(view: DocView, toks: list[Token], types: tuple[str, ...] = _SPEAKERS) -> str | None:
    for t in toks:
        key = view.ent_of(t, *types)
        if key:
            return key
    return None


def _gender(tok: Token) -> str | None:
    """Grammatical gender of a role noun from its morphology or determiner ("la ministre")."""
    genders = tok.morph.get("Gender")
    for c in tok.children:
        if c.dep_ == "det":
            genders = c.morph.get("Gender") or genders
            if c.lower_ in ("la", "une", "cette"):
                return "Fem"
            if c.lower_ in ("le", "un", "ce", "cet"):
                return "Masc"
    return genders[0] if genders else None


def _last_person(view: DocView, before: int, gender: str | None = None) -> str | None:
    """The latest person named before token ``before`` (of the given gender, told by a list of
    common female first names, when there is a choice)."""
    persons = []
    for i in range(before - 1, max(-1, before - 400), -1):
        key = view.ent_of(view.tokens[i], "Person")
        if key and key not in persons:
            persons.append(key)
    if gender and persons:
        female = lex().female_first_names
        for key in persons:
            first = view.entities[key].label.split()[0]
            if (first in female) == (gender == "Fem"):
                return key
    return persons[0] if persons else None


def _after(view: DocView, start: int, end_tok: int) -> tuple[str | None, str | None]:
    """Speaker and outlet in the tokens right after the quotation, up to the sentence end."""
    doc = view.doc
    toks = []
    for t in doc[start:end_tok]:
        if t.text in ("«", "“", "\"", "\n", ".", "!", "?", ";") or "\n" in t.text:
            break
        toks.append(t)
    if not toks or not any(_speech_verb(t) for t in toks[:7]):
        return None, None
    outlet = None
    speaker_toks = []
    skip_next = False
    for i, t in enumerate(toks):
        if t.lower_ in ("à", "au", "aux") and i + 1 < len(toks):
            nxt = view.ent_of(toks[i + 1], "Organization")
            if nxt and outlet is None:
                outlet = nxt
                skip_next = True
                continue
        if skip_next and view.key(t) == outlet:
            continue
        skip_next = False
        speaker_toks.append(t)
    if any(t.lower_ in _PRONOUN for t in speaker_toks[:5]):
        return _pronoun_speaker(view, toks[0].i), outlet or _outlet_after(view, speaker_toks)
    speaker = _entity_in(view, speaker_toks, ("Person",)) or _entity_in(view, speaker_toks)
    if speaker is None:
        for i, t in enumerate(speaker_toks[:6]):
            if t.lower_ in ("dernier", "dernière") and i > 0 and speaker_toks[i - 1].lower_ == "ce":
                speaker = _last_person(view, toks[0].i)  # "a déclaré ce dernier"
                break
            if t.lemma_.lower() in _SPOKES:
                speaker = _org_of(view, t) or view.salient_org()
                break
            if t.lower_ in _PRONOUN:
                speaker = antecedent(view, toks[0].i)
                break
            if t.lower_ in _PERSON_NOUNS:
                speaker = _last_person(view, toks[0].i, _gender(t))
                break
            if t.lemma_.lower() in _ORG_NOUNS and t.pos_ == "NOUN":
                speaker = view.salient_org()
                break
    return speaker, outlet


def _paragraph_start(doc, i: int) -> int:
    while i > 0 and "\n" not in doc[i - 1].text:
        i -= 1
    return i


def _pronoun_speaker(view: DocView, quote_end: int) -> str | None:
    """"», a-t-il reconnu": the latest person named in the paragraph, else the antecedent."""
    doc = view.doc
    close = quote_end - 1
    while close > 0 and doc[close].text not in ("»", "”", '"'):
        close -= 1
    opening = close - 1
    while opening > 0 and doc[opening].text not in ("«", "“", '"'):
        opening -= 1
    start = _paragraph_start(doc, opening)
    persons = [(i, view.ent_of(doc[i], "Person")) for i in range(opening - 1, start - 1, -1)]
    persons = [(i, k) for i, k in persons if k]
    # The subject of the paragraph's last statement speaks on ("Le fondateur d'Amazon, Jeff
    # Bezos, qui cédera son poste à Andy Jassy, a évoqué… « … », a-t-il déclaré").
    last_sentence = doc[persons[0][0]].sent.start if persons else start
    for i, key in persons:
        if i >= last_sentence and _subject_like(doc[i]):
            return key
    if persons:
        return persons[0][1]
    return view.previous_speaker or antecedent(view, opening)


def _subject_like(tok: Token) -> bool:
    """A subject, or a name in apposition to / flat inside a subject."""
    for t in (tok, tok.head, tok.head.head):
        if t.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if t.dep_ not in ("appos", "flat:name", "flat"):
            return False
    return False


def _outlet_after(view: DocView, toks: list[Token]) -> str | None:
    """"a-t-il assuré sur RTL", "a-t-il précisé à Reuters"."""
    for i, t in enumerate(toks[:-1]):
        if t.lower_ in ("à", "au", "aux", "sur"):
            key = view.ent_of(toks[i + 1], "Organization")
            if key:
                return key
    return None


def antecedent(view: DocView, before: int) -> str | None:
    """What a pronoun before token ``before`` stands for: the latest subject entity, else the
    latest person, within the preceding 120 tokens."""
    doc = view.doc
    last_person = None
    for i in range(before - 1, max(-1, before - 120), -1):
        tok = doc[i]
        key = view.ent_of(tok, *_SPEAKERS)
        if not key:
            continue
        if tok.dep_ in ("nsubj", "nsubj:pass", "expl:subj") or (tok.head.dep_.startswith("nsubj") and tok.dep_ in ("appos", "flat:name")):
            return key
        if last_person is None and view.type(key) == "Person":
            last_person = key
    return last_person


def _subject_speaker(view: DocView, subj: Token) -> str | None:
    """The speaker a subject names: an entity, a pronoun's antecedent, or a role noun's person."""
    key = view.ent_of(subj, *_SPEAKERS)
    if key:
        return key
    if subj.lower_ in _PRONOUN:
        return antecedent(view, subj.i)
    if subj.lemma_.lower() in _SPOKES:
        return _org_of(view, subj) or view.salient_org()
    if subj.lower_ in _PERSON_NOUNS or subj.lemma_.lower() in _PERSON_NOUNS:
        return _last_person(view, subj.i, _gender(subj))
    if subj.lemma_.lower() in _ORG_NOUNS:
        return view.salient_org()
    return None


def outlet_of(view: DocView, sent_start: int, sent_end: int) -> str | None:
    """The outlet a statement was given to: "à Reuters", "dans un entretien au Journal du Dimanche"."""
    doc = view.doc
    for tok in doc[sent_start:sent_end]:
        if tok.lower_ in ("à", "au", "aux") and tok.i + 1 < sent_end:
            key = view.ent_of(doc[tok.i + 1], "Organization")
            prev = doc[tok.i - 1] if tok.i > 0 else tok
            if key and (_speech_verb(prev) or prev.lower_ in _OUTLET_CUES or _speech_verb(tok.head)):
                return key
    return None


def _before(view: DocView, quote_start: int) -> str | None:
    """Speaker in the same sentence before the quotation: subject of a speech verb, "selon X"."""
    doc = view.doc
    sent = doc[quote_start].sent
    toks = [t for t in doc[sent.start:quote_start]]
    for t in reversed(toks):
        if _speech_verb(t) or t.lemma_.lower() in ("se dire", "montrer"):
            for c in t.children:
                if c.dep_.startswith("nsubj") or c.dep_ == "expl:subj":
                    key = _subject_speaker(view, c)
                    if key:
                        return key
    for i, t in enumerate(toks):
        if t.lower_ in ("selon", "pour", "d'après", "d’après") and i + 1 < len(toks):
            key = _entity_in(view, toks[i + 1:i + 6])
            if key:
                return key
    if toks and toks[-1].text == ":" or (len(toks) > 1 and toks[-2].text == ":"):
        return _entity_in(view, list(reversed(toks)))
    return None


def extract_quotes(view: DocView) -> list[Quote]:
    """Every quotation of at least four words with a speaker we can name."""
    doc = view.doc
    out: list[Quote] = []
    previous: str | None = None
    for m in _QUOTE.finditer(doc.text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        text, qs, qe = m.group(group), m.start(group), m.end(group)
        if len(text.split()) < 2:
            continue
        open_tok = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        close_tok = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
        if open_tok is None or close_tok is None:
            continue
        sent_end = close_tok[0].sent.end
        speaker, outlet = _after(view, close_tok[0].i + 1, max(sent_end, close_tok[0].i + 1) + 25)
        rule = "quote-after"
        if speaker is None:
            speaker, rule = _before(view, open_tok[0].i), "quote-before"
        if speaker is None and previous is not None and len(text.split()) >= 6:
            speaker, rule = previous, "quote-previous-speaker"
        if speaker is None:
            continue
        previous = view.previous_speaker = speaker
        sent = open_tok[0].sent
        outlet = outlet or outlet_of(view, sent.start, max(sent.end, close_tok[0].sent.end))
        out.append(Quote(speaker, text, qs, qe, outlet, rule, 0.8 if rule != "quote-previous-speaker" else 0.5))
    return out
