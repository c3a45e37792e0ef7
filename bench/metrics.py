"""Syllable accuracy as the issues define it: aligned ``\\w+`` tokens equal after NFC, case-sensitive."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

__all__ = ["character_error_rate", "syllable_accuracy", "syllables"]


def syllables(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text))


def syllable_accuracy(gold: str, got: str, *, clip: bool = False) -> float:
    """Share of gold syllables found, in order, in ``got``.

    With ``clip`` the gold is cut to the stretch that ``got`` covers, for a
    scan of only some pages of a letter.
    """
    want, have = syllables(gold), syllables(got)
    matcher = SequenceMatcher(None, want, have, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return 0.0
    matched = sum(b.size for b in blocks)
    total = len(want)
    if clip:
        total = blocks[-1].a + blocks[-1].size - blocks[0].a
    return matched / total


def character_error_rate(gold: str, got: str) -> float:
    """Edit distance over the gold's characters, both read as their ``\\w+`` tokens joined by spaces.

    Like ``syllable_accuracy(clip=True)``, the gold is cut to the stretch that
    ``got`` covers (a scan of one page of a letter); punctuation and layout are
    left out, as the syllable figure leaves them out. Capped at 1: a page read as
    garbage is wholly wrong, however long the garbage.
    """
    want, have = syllables(gold), syllables(got)
    blocks = [b for b in SequenceMatcher(None, want, have, autojunk=False).get_matching_blocks() if b.size]
    covered = " ".join(want[blocks[0].a : blocks[-1].a + blocks[-1].size] if blocks else want)
    return min(Levenshtein.distance(covered, " ".join(have)) / max(len(covered), 1), 1.0)
