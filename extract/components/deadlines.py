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

from extract._candidates import add, candidates, fold_of, text_of
from extract._lexicon import keywords
from extract._text import phrases_pattern, squash
from extract.components._body import DATEISH, body_range, clause_start, document_date, sentence_end
from normalize.values import parse_partial_date

__all__ = ["deadlines"]

_BRACKET_WORDS = 8
_MAX_WHAT = 160
_MONTHLY = re.compile(
    r"(?:ngay\s+)?\d{1,2}\s+(?:hang|hang)\s+thang|(?:ngay\s+)?\d{1,2}\s+cua\s+thang\s+(?:sau|ke\s+tiep)"
)
_WINDOW = re.compile(rf"(?<![a-z])tu\s+({DATEISH})\s*(?:den(?:\s+het)?|-|–|—)\s*({DATEISH})")


@Language.component("congvan_deadlines", assigns=["doc.spans"])
def deadlines(doc: Doc) -> Doc:
    fold = fold_of(doc)
    start, end = body_range(doc)
    issued = document_date(doc)
    covered: list[tuple[int, int]] = []
    for match in _WINDOW.finditer(fold, start, end):
        first, last = _iso(text_of(doc), match, 1), _iso(text_of(doc), match, 2)
        if first and last and not _is_past(last, issued):
            _add(doc, fold, match.start(), match.end(), start, None, first, last)
            covered.append((match.start(), match.end()))
    triggers = phrases_pattern(keywords()["deadline_triggers"])
    for match in re.compile(rf"(?<![a-z])(?:{triggers})\s*:?\s*(?:{_MONTHLY.pattern})").finditer(fold, start, end):
        _add(doc, fold, match.start(), match.end(), start, None, None, None)  # a date every month: no one date
        covered.append((match.start(), match.end()))
    pattern = re.compile(rf"(?<![a-z])(?:{triggers})\s*:?\s*(?:la\s+)?({DATEISH})")
    for match in pattern.finditer(fold, start, end):
        if any(a <= match.start(1) < b for a, b in covered):
            continue
        when = _iso(text_of(doc), match, 1)
        if when and not _is_past(when, issued) and not (len(when) == 4 and _in_target_sentence(doc, fold, match)):
            _add(doc, fold, match.start(), match.end(), start, when, None, None)
    return doc


def _in_target_sentence(doc: Doc, fold: str, match: re.Match[str]) -> bool:
    """``… 70.000 ngôi nhà an toàn vào năm 2025``: a year in a sentence that sets a target is the
    target's period, not a deadline for a task."""
    sentence = (_sentence_start(fold, match.start()), sentence_end(fold, match.end()))
    return any(sentence[0] <= target.start < sentence[1] for target in candidates(doc, "targets"))


def _sentence_start(fold: str, position: int) -> int:
    """After the last sentence end, blank line or list item before ``position``."""
    ends = list(re.finditer(r"[.;!?](?=\s)|\n\n|\n(?=[-–+•])", fold[:position]))
    return ends[-1].end() if ends else 0


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
    what = _what(text_of(doc), fold, start, end, floor)
    raw = squash(text_of(doc)[start:end])
    add(doc, "deadlines", start, end, (what, raw, date, first, last), 0.8)


def _what(text: str, fold: str, start: int, end: int, floor: int) -> str:
    """The clause the date belongs to: what comes before it, its head kept when long.

    A date in brackets qualifies the words just before the bracket (``giai đoạn 2
    (từ … đến …)``); a date after a label (``Thời gian thực hiện: từ…``) belongs
    to the label; a clause that only leads up to the date (``Phấn đấu đến hết năm
    2023 có…``) is read on to its end.
    """
    clause = clause_start(fold, start, floor)
    before = squash(text[clause:start]).strip(" ,;:-–")
    if before.endswith("("):
        words = before.rstrip(" (").split(" ")
        return " ".join(words[-_BRACKET_WORDS:]).strip(" ,")
    if not before and fold[:clause].rstrip().endswith(":"):
        colon = fold.rindex(":", 0, clause)
        before = squash(text[clause_start(fold, colon, floor) : colon])
    if len(before.split()) < 3:
        after = squash(text[end : sentence_end(fold, end)]).strip(" ,;:")
        before = f"{before} {after}".strip()
    if len(before) > _MAX_WHAT:
        before = before[:_MAX_WHAT].rsplit(" ", 1)[0]
    return before or squash(text[start:end])
