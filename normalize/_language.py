"""Is this Vietnamese? A phonotactic check that survives lost diacritics.

Vietnamese syllables follow a strict shape: an optional onset from a closed
set, a vowel nucleus, and an optional coda from a closed set. Text OCRed
without its accents still has that shape; English, French or random bytes
mostly do not. The share of word tokens with the shape is the score.
"""

from __future__ import annotations

import re

from normalize._tone import fold

__all__ = ["is_syllable", "is_vietnamese", "vietnamese_score"]

_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEUS = (
    r"(?:uye|uya|ieu|yeu|uoi|uou|oai|oay|oeo|uay|uai|uao|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|"
    r"ui|uo|uu|uy|ye|a|e|i|o|u|y)"
)
_CODA = r"(?:ch|ng|nh|c|m|n|p|t|i|y|o|u)?"
_SYLLABLE = re.compile(f"{_ONSET}{_NUCLEUS}{_CODA}")
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]")

THRESHOLD = 0.6


def vietnamese_score(text: str, sample: int = 2000) -> float:
    """Share (0–1) of word tokens shaped like Vietnamese syllables; letters ăâđêôơư count double."""
    words = _WORD.findall(text[: sample * 8])[:sample]
    if not words:
        return 0.0
    good = 0.0
    for word in words:
        if _SYLLABLE.fullmatch(fold(word)) or (word.isupper() and len(word) <= 6):
            good += 1.0
            if _VIETNAMESE_LETTERS.search(word):
                good += 0.5
    return min(good / len(words), 1.0)


def is_syllable(word: str) -> bool:
    """Whether ``word`` has the shape of one Vietnamese syllable (accents ignored)."""
    return _SYLLABLE.fullmatch(fold(word)) is not None


def is_vietnamese(text: str) -> bool:
    return vietnamese_score(text) >= THRESHOLD
