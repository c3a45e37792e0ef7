"""Shared by the body components: the body's extent, clauses, and date/number patterns."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from extract._candidates import candidates, doc_lines, text_of
from extract.components._layout import layout_of
from normalize.values import NUMBER_PATTERN

__all__ = ["DATEISH", "FULL_DATE", "NUMBER", "body_range", "clause_end", "clause_start", "document_date", "period_near"]

NUMBER = NUMBER_PATTERN
_CLOCK = r"\d{1,2}\s*(?:gio|h)\s*(?:\d{2})?\s*(?:phut)?\s*,?\s*"
FULL_DATE = (
    r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4}"  # 13/12/2007, 13.12.2007
    r"|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}"
)
_DAY = rf"(?:{_CLOCK})?(?:ngay\s+)?(?:{FULL_DATE})"
_MONTH = r"(?:cuoi\s+|dau\s+|giua\s+)?thang\s+\d{1,2}\s*(?:/|nam)\s*\d{4}"
_YEAR = r"(?:het\s+)?nam\s+\d{4}"
DATEISH = rf"(?:{_DAY}|{_MONTH}|{_YEAR})"
"""A date at any precision, on folded text."""

_PERIOD = re.compile(
    r"giai doan\s+\d+|quy\s+[ivx\d]+(?:\s*/\s*\d{4}|\s+nam\s+\d{4})?|(?:het\s+)?nam\s+\d{4}|nam hoc\s+\d{4}\s*-\s*\d{4}"
)


def body_range(doc: Doc) -> tuple[int, int]:
    """Character range of the letter's body (after Kính gửi, before Nơi nhận)."""
    lines = doc_lines(doc)
    layout = layout_of(lines)
    if layout.body_start >= len(lines):
        return len(text_of(doc)), len(text_of(doc))
    end = lines[layout.body_end].start if layout.body_end < len(lines) else len(text_of(doc))
    return lines[layout.body_start].start, end


def clause_start(fold: str, position: int, floor: int = 0) -> int:
    """Start of the clause that ``position`` is in: after the last ``. ; :``, a blank line or a bullet.

    A single line break is no boundary: scans wrap sentences across lines.
    """
    best = floor
    for match in re.finditer(r"(?:[.;:!?](?=\s)|\n\n|\n(?=[-–+•]))\s*", fold[floor:position]):
        best = floor + match.end()
    return best


def clause_end(fold: str, position: int) -> int:
    """End of the clause that ``position`` is in: the next ``; :``, sentence end or blank line."""
    match = re.compile(r"[.;:!?](?:\s|$)|\n\n").search(fold, position)
    return match.start() if match else len(fold)


def sentence_end(fold: str, position: int) -> int:
    match = re.compile(r"[.;!?](?:\s|$)|\n\n").search(fold, position)
    return match.start() if match else len(fold)


def period_near(text: str, fold: str, start: int, end: int) -> str | None:
    match = _PERIOD.search(fold, start, end)
    return text[match.start() : match.end()] if match else None


def document_date(doc: Doc) -> dt.date | None:
    found = candidates(doc, "date")
    return found[0].value if found else None
