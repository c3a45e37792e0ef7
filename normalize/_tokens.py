"""How text becomes language-model tokens, the same way in training and in repair.

A token is a run of letters (a syllable, an acronym or a foreign word), a
number, or one punctuation character. The model sees syllables lower-cased in
the old tone-mark style, every number as ``<num>`` and punctuation as itself,
so that ``Điều 5.`` and ``điều 12.`` teach the same thing.
"""

from __future__ import annotations

import re

__all__ = ["INPUT_TOKEN_RE", "NUMBER", "SENTENCE_END", "SENTENCE_START", "TOKEN_RE", "UNKNOWN", "letter_case", "lm_key"]

TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*|\S")
INPUT_TOKEN_RE = re.compile(r"(?=[^\W_]*[^\W\d_])(?=[^\W_]*\d)[^\W_]+|" + TOKEN_RE.pattern)
"""As ``TOKEN_RE``, but letters and digits run together stay one token: OCR
reads ``đó`` as ``d6`` and ``là`` as ``1a``, and those are words to correct."""

UNKNOWN, SENTENCE_START, SENTENCE_END, NUMBER = "<unk>", "<s>", "</s>", "<num>"
SPECIALS = (UNKNOWN, SENTENCE_START, SENTENCE_END, NUMBER)


def lm_key(token: str) -> str:
    """The model's view of one token: lower-cased, numbers as ``<num>``. Expects NFC, old tone style."""
    if token[0].isdigit():
        return NUMBER
    return token.lower()


def letter_case(token: str) -> int:
    """1 for a capitalised word, 0 for a lower-case one, -1 for anything whose case says nothing.

    Punctuation, numbers and all-capital words (headings, acronyms) say nothing
    about whether a word is a name.
    """
    if not token[0].isalpha() or (token.isupper() and len(token) > 1):
        return -1
    return 1 if token[0].isupper() else 0
