"""A doc's text, joined once per doc and shared by kg's components and the extractors.

spaCy rebuilds ``doc.text`` from every token on each access (a Token object per token);
kg's components read it several times per article. The text is kept in ``doc.user_data``
with the token count it was made for, so a doc retokenised afterwards gets its text anew.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed on the first call for this doc only.

    >>> import spacy
    >>> doc = spacy.blank("fr")("Le groupe a annoncé.")
    >>> doc_text(doc) == doc.text
    True
    """
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    keep_text(doc, text)
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Remember ``text`` as the text of ``doc``, just made from it by the tokenizer (whose docs
    always read back the exact text), so that :func:`doc_text` never has to join the tokens.

    >>> import spacy
    >>> doc = keep_text(spacy.blank("fr").make_doc("Le groupe."), "Le groupe.")
    >>> doc_text(doc)
    'Le groupe.'
    """
    doc.user_data[_KEY] = (len(doc), text)
    return doc
