"""The verb that opens a quotation's incise ("», a-t-il déclaré", "», s'interroge X",
"», peut-on lire"): a speech verb of the lexicon, or any verb its inverted subject follows."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.context import DocView
from kg.extract.referents import named
from kg.extract.speech import EUPHONIC, IMPERSONAL, PRONOUN, cues, has_cue, phrase_rest, speech_verb

_AUX_FORMS = {"a", "ont", "avait", "avaient", "aurait"}
# Between the comma and the incise verb: "s'est félicité", "leur a-t-il répondu", "n'a pas caché".
_CLITICS = {"s'", "s’", "se", "ne", "n'", "n’", "fait", "leur", "lui", "nous", "vous", "m'", "m’",
            "me", "l'", "l’", "y"}


def incise_verb(toks: list[Token]) -> int | None:
    """Index of the speech verb opening an incise ("a-t-il déclaré", "estime", "a fait valoir",
    "s'est félicité"), or None."""
    skip = cues()["skip_words"]
    verb = None
    for j, t in enumerate(toks[:7]):
        # Right after the comma a speech verb may be mistagged ("», juge X": NOUN).
        # Right after an auxiliary or the incise's pronoun too ("a-t-il martelé" as a noun).
        if speech_verb(t) and (t.pos_ != "NOUN" or j == 0 or toks[j - 1].pos_ == "AUX"
                               or toks[j - 1].lower_ in PRONOUN):
            verb = j + phrase_rest(t)  # "met en garde X": X follows the phrase's last word
        elif t.lower_ == "lire" and j > 0 and toks[j - 1].lower_ in IMPERSONAL:
            verb = j  # "peut-on lire dans le communiqué de X"
        elif verb is None and (t.lower_ in IMPERSONAL or t.lower_ in _AUX_FORMS or (
                j + 1 < len(toks) and toks[j + 1].lower_ in IMPERSONAL and t.pos_ in ("VERB", "AUX"))):
            continue  # "peut-on lire", "a tweeté" with "a" mistagged
        elif verb is not None:
            break
        elif j + 1 < len(toks) and toks[j + 1].lower_ in PRONOUN and t.pos_ in ("VERB", "AUX"):
            return j + 2 if j + 2 < len(toks) and speech_verb(toks[j + 2]) else j
        elif not (t.pos_ in ("AUX", "ADV") or t.lower_ in PRONOUN or t.lower_ in skip
                  or t.lower_ in EUPHONIC or t.lower_ in _CLITICS):
            return None
    return verb


def inverted_verb(view: DocView, toks: list[Token]) -> int | None:
    """"», s'interroge X" / "», jubile le patron de Y": any verb right after the closing mark
    whose subject follows it (a name, "-il", a role or organisation noun) opens an incise, in
    the lexicon or not."""
    j = 0
    while j < 2 and j < len(toks) and toks[j].lower_ in _CLITICS:
        j += 1
    if j + 1 >= len(toks) or not toks[j].is_alpha or not toks[j].text.islower():
        return None
    if toks[j].pos_ != "VERB" or "Fin" not in toks[j].morph.get("VerbForm"):
        # A rare verb the tagger misreads ("», jubile Xavier Niel."): a lone word, then a name
        # that ends the clause.
        key = named(view, toks[j + 1], "Person", "Organization")
        end = j + 2
        while key and end < len(toks) and view.token_ent[toks[end].i] == key:
            end += 1
        closed = end >= len(toks) or toks[end].text in (",", ".", ";") or toks[end].pos_ == "ADP"
        ok = toks[j].pos_ not in ("DET", "ADP", "CCONJ", "SCONJ", "PRON", "AUX")
        return j if key and closed and ok else None
    nxt = [u for u in toks[j + 1:j + 4] if u.lower_ not in EUPHONIC]
    if not nxt:
        return None
    if named(view, nxt[0], "Person", "Organization") or nxt[0].lower_ in PRONOUN:
        return j
    noun = nxt[1] if len(nxt) > 1 and nxt[0].lower_ in ("le", "la", "l'", "l’") else None
    return j if noun is not None and (has_cue(noun, "person_nouns") or has_cue(noun, "org_nouns")) else None
