"""The syllable tokenizer: spaCy's Vietnamese tokens (syllables), with punctuation split off.

``spacy.blank("vi")`` without pyvi splits on white space only, so ``Châu,`` and
``(Đề`` stay one token and a value's span drags its punctuation along. This
tokenizer splits opening and closing punctuation off a syllable but keeps the
things a dispatch writes as one unit whole: ``960/LĐLĐ``, ``KH-UBND``,
``31/5/2022``, ``1.775``, ``47,5``, ``V/v``, ``Covid-19``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

__all__ = ["make_tokenizer", "syllable_tokenizer"]

_OPENING = r"""^[(\[{"“‘'«•*]"""
_CLOSING = (
    r"""[)\]}"”’'»,;:!?…%]$""",
    r"\./$",  # the closing mark ``./.`` of a letter: the first ``.`` and the ``/``
    r"\.$",
)
# Punctuation glued between two letters by a typist or the OCR (``Hà Nội,ngày``); never between
# digits, where ``,`` and ``.`` are the decimal and thousands marks.
_INFIXES = (r"(?<=[^\W\d_])[,;](?=[^\W\d_])", r"(?<=[^\W\d_]):(?=\w)")


def make_tokenizer(nlp: Language) -> Tokenizer:
    """A ``Tokenizer`` over ``nlp.vocab`` with the congvan punctuation rules."""
    return Tokenizer(
        nlp.vocab,
        prefix_search=re.compile(_OPENING).search,
        suffix_search=re.compile("|".join(_CLOSING)).search,
        infix_finditer=re.compile("|".join(_INFIXES)).finditer,
    )


@spacy.registry.tokenizers("congvan.syllable_tokenizer.v1")
def syllable_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered so the pipeline's config names it: ``@tokenizers = congvan.syllable_tokenizer.v1``."""
    return make_tokenizer
