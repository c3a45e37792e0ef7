"""Normalize stage: Vietnamese text repair and value normalisers.

normalize.repair(ocr_document) -> NormalizedDocument
"""

from __future__ import annotations

from normalize._language import is_syllable, is_vietnamese, vietnamese_score
from normalize._tone import fold, nfc, strip_tones, to_old_tone_style
from normalize.repair import NOT_VIETNAMESE_WARNING, repair, repair_many, repair_text, repaired_words
from normalize.types import Change, NormalizedDocument

__all__ = [
    "NOT_VIETNAMESE_WARNING",
    "Change",
    "NormalizedDocument",
    "fold",
    "is_syllable",
    "is_vietnamese",
    "nfc",
    "repair",
    "repair_many",
    "repair_text",
    "repaired_words",
    "strip_tones",
    "to_old_tone_style",
    "vietnamese_score",
]
