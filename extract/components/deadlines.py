"""Deadlines: dates the letter sets for what it asks, at the precision it gives.

Only a date after a deadline word counts (trước ngày, chậm nhất, thời gian
thực hiện, vào cuối tháng…), and windows ``từ … đến …``; a date that lies
before the letter's own date is a past event, not a deadline, and the dates
of cited documents never follow such words.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add
from extract._lexicon import keywords
from extract._text import folded, phrases_pattern, squash
from extract.components._body import DATEISH, body_range, clause_start, document_date
from normalize.values import parse_partial_date

__all__ = ["deadlines"]

_WINDOW = re.compile(rf"(?<![a-z])tu\s+({DATEISH})\s*(?:den|-|–|—)\s*({DATEISH})")


@Language.component("congvan_deadlines", assigns=["doc.spans"])
def deadlines(doc: Doc) -> Doc:
    fold = folded(doc.text)
    start, end = body_range(doc)
    issued = document_date(doc)
    covered: list[tuple[int, int]] = []
    for match in _WINDOW.finditer(fold, start, end):
        first, last = _iso(doc.text, match, 1), _iso(doc.text, match, 2)
        if first and last and not _is_past(last, issued):
            _add(doc, fold, match.start(), match.end(), start, None, first, last)
            covered.append((match.start(), match.end()))
    triggers = phrases_pattern(keywords()["deadline_triggers"])
    pattern = re.compile(rf"(?<![a-z])(?:{triggers})\s*:?\s*(?:la\s+)?({DATEISH})")
    for match in pattern.finditer(fold, start, end):
        if any(a <= match.start(1) < b for a, b in covered):
            continue
        when = _iso(doc.text, match, 1)
        if when and not _is_past(when, issued):
            _add(doc, fold, match.start(), match.end(), start, when, None, None)
    return doc


def _iso(text: str, match: re.Match[str], group: int) -> str | None:
    return parse_partial_date(text[match.start(group) : match.end(group)])


def _is_past(iso: str, issued: object) -> bool:
    return issued is not None and iso < issued.isoformat()[: len(iso)]  # type: ignore[attr-defined]


def _add(
    doc: Doc,
    fold: str,
    start: int,
    end: int,
    floor: int,
    date: str | None,
    first: str | None,
    last: str | None,
) -> None:
    clause = clause_start(fold, start, floor)
    what = squash(doc.text[clause:start]).strip(" ,;:(-–") or squash(doc.text[start:end])
    if len(what) > 160:
        what = what[-160:].split(" ", 1)[-1]
    raw = squash(doc.text[start:end])
    add(doc, "deadlines", start, end, (what, raw, date, first, last), 0.8)
