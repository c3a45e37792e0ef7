"""How text becomes language-model tokens, the same way in training and in repair.

A token is a run of letters (a syllable, an acronym or a foreign word), a
number, or one punctuation character. The model sees syllables lower-cased in
the old tone-mark style, every number as ``<num>`` and punctuation as itself,
so that ``Điều 5.`` and ``điều 12.`` teach the same thing.
"""

from __future__ import annotations

import re

__all__ = ["INPUT_TOKEN_RE", "NUMBER", "SENTENCE_END", "SENTENCE_START", "TOKEN_RE", "UNKNOWN", "lm_key"]

TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*|\S")
INPUT_TOKEN_RE = re.compile(r"(?=[^\W_]*[^\W\d_])(?=[^\W_]*\d)[^\W_]+|" + TOKEN_RE.pattern)
"""As ``TOKEN_RE``, but letters and digits run together stay one token: OCR
reads ``đó`` as ``d6`` and ``là`` as ``1a``, and those are words to correct."""

UNKNOWN, SENTENCE_START, SENTENCE_END, NUMBER = "<unk>", "<s>", "</s>", "<num>"
SPECIALS = (UNKNOWN, SENTENCE_START, SENTENCE_END, NUMBER)


def lm_key(token: str) -> str:
    """The model's view of one token; ``token`` is already lower-cased, NFC and old-style."""
    if token[0].isdigit():
        return NUMBER
    return token
