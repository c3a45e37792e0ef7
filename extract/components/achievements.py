"""Achievements: figures the letter reports as done, not aimed at.

Three shapes, on folded text: a number after a past marker (``đã kết nạp được
12.450 đoàn viên``, ``kết thúc … với 1.775 sáng kiến``); a number followed by
its share of a plan (``85 CĐCS, đạt 106% kế hoạch``); and a share alone
(``hoàn thành 96% kế hoạch``). A clause that aims (phấn đấu, mục tiêu, ít
nhất…) reports nothing, and numbers the targets component took stay targets.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, candidates, fold_of, text_of
from extract._lexicon import keywords
from extract._text import phrases_pattern, squash
from extract.components._body import NUMBER, body_range, clause_start, period_near, sentence_end
from extract.components._measure import is_date_part, phrase_end, unit_and_metric
from normalize.values import parse_vi_number

__all__ = ["achievements"]

_OF_TOTAL = re.compile(rf"\s*/\s*(?:{NUMBER})")
# Any white space between words: ``chỉ`` and ``tiêu`` may stand on two lines.
_SHARE = rf"(?:dat|bang|hoan\s+thanh|vuot)\s+({NUMBER})\s*%\s*(?:so\s+voi\s+)?(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)"
_SHARE_RE = re.compile(_SHARE)
_SHARE_AFTER_RE = re.compile(rf"\s*,?\s*(?:[a-z]+\s+){{0,3}}?{_SHARE}")
_COUNT_THEN_SHARE = re.compile(rf"(?<![\d.,/])({NUMBER})\s+(?=[a-z])[^\d%;.:()\n]{{1,40}}?,?\s+{_SHARE}")


@Language.component("congvan_achievements", requires=["doc.spans"], assigns=["doc.spans"])
def achievements(doc: Doc) -> Doc:
    fold, text = fold_of(doc), text_of(doc)
    start, end = body_range(doc)
    taken = {c.start for c in candidates(doc, "targets")} | _target_numbers(doc, fold)
    triggers = phrases_pattern(keywords()["achievement_triggers"])
    past = re.compile(rf"(?<![a-z])(?:{triggers})\s+({NUMBER})(?:{_OF_TOTAL.pattern})?\s+(?=[a-z])")  # ``12/44 nội``
    for pattern in (past, _COUNT_THEN_SHARE):
        for match in pattern.finditer(fold, start, end):
            number = match.span(1)
            if number[0] in taken or is_date_part(fold, number[0]) or _aims(fold, number[0], start):
                continue
            taken.add(number[0])
            _add_count(doc, fold, text, start, number)
    for match in _SHARE_RE.finditer(fold, start, end):
        if not _near_taken(match.start(), taken) and not _aims(fold, match.start(), start):
            _add_share(doc, fold, text, start, match)
    return doc


def _target_numbers(doc: Doc, fold: str) -> set[int]:
    """Where the numbers of the targets stand (a target's span starts at its aim word)."""
    found = set()
    for candidate in candidates(doc, "targets"):
        number = re.search(NUMBER, fold[candidate.start : candidate.end])
        if number:
            found.add(candidate.start + number.start())
    return found


def _aims(fold: str, position: int, floor: int) -> bool:
    """An aim word governs ``position``: in its clause, and after the clause's previous number."""
    clause = fold[clause_start(fold, position, floor) : position]
    clause = re.split(r"\d[\d.,/]*\)?", clause)[-1]
    return bool(re.search(rf"(?<![a-z])(?:{phrases_pattern(keywords()['aim_words'])})(?![a-z])", clause))


def _near_taken(position: int, taken: set[int]) -> bool:
    """A share that belongs to a count already reported (``1.775 sáng kiến, đạt 148%``)."""
    return any(0 < position - number < 80 for number in taken)


def _add_count(doc: Doc, fold: str, text: str, floor: int, number: tuple[int, int]) -> None:
    value = parse_vi_number(text[number[0] : number[1] + 8])  # with ``triệu``, ``tỷ`` after it
    of_total = _OF_TOTAL.match(fold, number[1])  # ``12/44 nội dung``: the unit follows the total
    unit, metric, unit_end = unit_and_metric(text, fold, of_total.end() if of_total else number[1])
    stop = sentence_end(fold, number[1])
    share = _SHARE_AFTER_RE.match(fold, unit_end, min(stop, unit_end + 60))
    percent = parse_vi_number(text[share.start(1) : share.end(1)]) if share else None
    period = period_near(text, fold, clause_start(fold, number[0], floor), stop)
    end = share.end() if share else unit_end
    if value is not None:
        add(doc, "achievements", number[0], end, (metric, value, unit, percent, None, period), 0.8)


def _add_share(doc: Doc, fold: str, text: str, floor: int, match: re.Match[str]) -> None:
    """A share of a plan with no count: the value is the percent itself."""
    value = parse_vi_number(text[match.start(1) : match.end(1)])
    clause = clause_start(fold, match.start(), floor)
    plan = match.end() - len(re.search(r"[a-z ]+$", match.group()).group())  # type: ignore[union-attr]
    metric = squash(text[plan : phrase_end(fold, match.end(), 2)])
    period = period_near(text, fold, clause, sentence_end(fold, match.end()))
    if value is not None:
        add(doc, "achievements", match.start(), match.end(), (metric, value, "%", value, None, period), 0.75)
