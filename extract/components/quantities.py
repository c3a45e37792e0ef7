"""Targets (numeric aims) and achievements (reported figures).

A target needs an aim word near its number (chỉ tiêu, mục tiêu, phấn đấu, ít
nhất, tối thiểu, tối đa…) or must stand in a section headed CHỈ TIÊU/MỤC TIÊU;
"chỉ tiêu" without a number is just a word. An achievement is a figure the
letter reports: ``với 1.775 sáng kiến, đạt 148% chỉ tiêu``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add
from extract._lexicon import keywords
from extract._text import folded, phrases_pattern, squash
from extract.components._body import NUMBER, body_range, clause_start, period_near, sentence_end
from normalize.values import parse_vi_number

__all__ = ["quantities"]

_STOP_WORDS = (
    "truoc",
    "trong",
    "va",
    "den",
    "tai",
    "cua",
    "de",
    "theo",
    "tren",
    "duoc",
    "voi",
    "tu",
    "dat",
    "ve",
    "cho",
    "nhu",
    "la",
    "o",
)
_ACHIEVED = re.compile(rf"(?<![a-z])(?:voi|da dat|dat duoc|da co|da thu hut|tong so)\s+({NUMBER})\s+")
_PERCENT_OF = re.compile(rf"dat\s+({NUMBER})\s*%\s*(?:so voi\s+)?(?:chi tieu|ke hoach|muc tieu)")


@Language.component("congvan_quantities", assigns=["doc.spans"])
def quantities(doc: Doc) -> Doc:
    fold = folded(doc.text)
    start, end = body_range(doc)
    taken = _targets(doc, fold, start, end)
    _achievements(doc, fold, start, end, taken)
    return doc


def _targets(doc: Doc, fold: str, start: int, end: int) -> set[int]:
    kw = keywords()
    triggers = phrases_pattern(kw["target_triggers"])
    pattern = re.compile(rf"(?<![a-z])({triggers})\s+(?:[a-z]+\s+){{0,3}}?({NUMBER})\s*(%|[a-z])")
    taken: set[int] = set()
    for match in pattern.finditer(fold, start, end):
        if _is_reported(fold, match.start()) or _is_date_part(fold, match.start(2)):
            continue
        number_start = match.start(2)
        comparator = kw["comparators"].get(" ".join(match.group(1).split()))
        _add_target(doc, fold, start, match.start(), number_start, match.end(2), comparator, 0.85)
        taken.add(number_start)
    for number in _numbers_in_target_sections(doc, fold, start, end):
        if number.start(1) not in taken:
            _add_target(doc, fold, start, number.start(), number.start(1), number.end(1), None, 0.75)
            taken.add(number.start(1))
    return taken


def _is_reported(fold: str, position: int) -> bool:
    """``đạt 148% chỉ tiêu``: the aim word follows a reported percent, it sets nothing."""
    before = fold[max(0, position - 12) : position]
    return bool(re.search(r"%\s*$", before))


def _is_date_part(fold: str, position: int) -> bool:
    """``năm 2023``, ``ngày 15``: a number that belongs to a date is no aim."""
    return bool(re.search(r"(?:nam|ngay|thang|quy|giai doan|so)\s*$", fold[max(0, position - 12) : position])) or (
        fold[position : position + 12].find("/") in range(1, 4)
    )


def _add_target(
    doc: Doc,
    fold: str,
    floor: int,
    start: int,
    number_start: int,
    number_end: int,
    comparator: str | None,
    confidence: float,
) -> None:
    text = doc.text
    value = parse_vi_number(text[number_start:number_end])
    if value is None:
        return
    unit, metric, unit_end = _unit_and_metric(text, fold, number_end)
    if unit == "%" and metric == "%":
        metric = squash(text[clause_start(fold, start, floor) : start]).strip(" ,:") or "%"
    tail = fold[number_end : sentence_end(fold, number_end)]
    if comparator is None and re.match(r"\s*%?\s*(?:[a-z ]{0,40}?)tro len", tail):
        comparator = ">="
    clause = clause_start(fold, start, floor)
    period = period_near(text, fold, clause, sentence_end(fold, number_end))
    add(doc, "targets", start, unit_end, (metric, value, unit, None, period, comparator), confidence)


def _unit_and_metric(text: str, fold: str, position: int) -> tuple[str | None, str, int]:
    rest = fold[position:]
    if rest.lstrip().startswith("%"):
        after = position + rest.index("%") + 1
        words = _phrase(fold, after, 10)
        metric = (
            squash(text[after:words])
            if words > after and not fold[after:words].strip().startswith(("tro len", "tren", "so voi", "tong"))
            else "%"
        )
        return "%", metric.strip(" ,") or "%", words
    end = _phrase(fold, position, 4)
    unit = squash(text[position:end]).strip(" ,")
    return (unit or None), unit or "", end


def _phrase(fold: str, position: int, limit: int) -> int:
    """End of the next few words, stopping at punctuation and at function words."""
    end = position
    word_re = re.compile(r"[ \t]*\n?[ \t]*([a-z]+)")
    for count in range(limit):
        match = word_re.match(fold, end)
        if not match or (count and match.group(1) in _STOP_WORDS):
            break
        end = match.end()
    return end


def _numbers_in_target_sections(doc: Doc, fold: str, start: int, end: int) -> list[re.Match[str]]:
    sections = list(re.finditer(r"(?m)^[ivx]{1,4}\s*[.)]\s+(.*)$", fold[:end]))
    found: list[re.Match[str]] = []
    words = tuple(keywords()["target_sections"])
    for index, section in enumerate(sections):
        if section.start() < start or not section.group(1).startswith(words):
            continue
        stop = sections[index + 1].start() if index + 1 < len(sections) else end
        found.extend(m for m in re.finditer(rf"(?<![\d.,/])({NUMBER})\s*%", fold) if section.end() < m.start() < stop)
    return found


def _achievements(doc: Doc, fold: str, start: int, end: int, taken: set[int]) -> None:
    for match in _ACHIEVED.finditer(fold, start, end):
        if match.start(1) in taken:
            continue
        value = parse_vi_number(doc.text[match.start(1) : match.end(1)])
        unit, metric, unit_end = _unit_and_metric(doc.text, fold, match.end(1))
        stop = sentence_end(fold, match.end())
        percent_match = _PERCENT_OF.search(fold, unit_end, min(stop, unit_end + 40))
        percent = parse_vi_number(doc.text[percent_match.start(1) : percent_match.end(1)]) if percent_match else None
        clause = clause_start(fold, match.start(), start)
        period = period_near(doc.text, fold, clause, stop)
        span_end = percent_match.end() if percent_match else unit_end
        add(doc, "achievements", match.start(1), span_end, (metric, value, unit, percent, None, period), 0.8)
