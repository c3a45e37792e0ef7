"""Text helpers every component uses: lines with offsets, and a length-preserving fold.

``folded(text)`` lower-cases and strips accents character by character, so an
offset found by a pattern on the folded text is the same offset in the
original. Patterns are written for folded text, which makes them hold on OCR
output that lost its diacritics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from normalize import fold

__all__ = ["Line", "folded", "lines_of", "phrases_pattern", "strip_item", "squash"]


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    fold: str
    blank_before: bool
    """A blank line (an OCR block break) or a page break comes before this line."""


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out = fold(ch)
    return out[0] if len(out) == 1 else ch.lower()[:1] or ch


def folded(text: str) -> str:
    """Lower-case, accent-free, and exactly as long as ``text``."""
    return "".join(_fold_char(ch) for ch in text)


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with their offsets."""
    lines: list[Line] = []
    blank = True
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped and stripped != "\f":
            lead = len(raw) - len(raw.lstrip())
            start = position + lead
            lines.append(Line(start, start + len(stripped), stripped, folded(stripped), blank))
            blank = False
        else:
            blank = True
        position += len(raw) + 1
    return lines


def squash(text: str) -> str:
    """Collapse runs of white space (wrapped lines joined) into single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def strip_item(text: str) -> str:
    """An item without its bullet and its closing punctuation: ``- Như trên;`` → ``Như trên``."""
    text = re.sub(r"^\s*(?:[-–—+•*]|\d{1,2}[.)])\s*", "", text)
    return re.sub(r"[\s;,.:]+$", "", text).rstrip("/").strip()


def phrases_pattern(phrases: list[str]) -> str:
    """A regex alternation of folded phrases, longest first, any white space between words.

    Scans wrap lines anywhere, so ``tối`` and ``thiểu`` may stand on two lines.
    """
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)
