"""Targets: the numeric aims a letter sets.

A target needs an aim word near its number (chỉ tiêu, mục tiêu, phấn đấu, ít
nhất, tối thiểu, tối đa…), a ``… trở lên`` after it, or must stand in a
section headed CHỈ TIÊU/MỤC TIÊU; "chỉ tiêu" without a number is just a word,
and ``đạt 148% chỉ tiêu`` reports, it does not aim. The numbers taken here are
left to the achievements component, which runs next.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, fold_of, text_of
from extract._lexicon import keywords
from extract._text import phrases_pattern, squash
from extract.components._body import NUMBER, body_range, clause_end, clause_start, period_near, sentence_end
from extract.components._measure import clean_metric, is_date_part, scope_near, unit_and_metric
from normalize.values import parse_vi_number

__all__ = ["quantities"]

_COUNTED = re.compile(r"\d\s*$")
_FLOOR_AFTER = re.compile(rf"(?<![\d.,/])({NUMBER})\s*(?:%|[a-z][a-z ]{{0,40}}?)\s+tro\s+len")


@Language.component("congvan_quantities", assigns=["doc.spans"])
def quantities(doc: Doc) -> Doc:
    fold = fold_of(doc)
    start, end = body_range(doc)
    kw = keywords()
    triggers = phrases_pattern(kw["target_triggers"])
    pattern = re.compile(rf"(?<![a-z])({triggers})\s+(?:[a-z]+\s+){{0,3}}?({NUMBER})\s*(%|[a-z])")
    taken: set[int] = set()
    # The surest first: figures listed under a CHỈ TIÊU heading.
    for line_start, number, metric_end in _target_items(text_of(doc), fold, start, end):
        before = squash(text_of(doc)[line_start:metric_end]).strip(" ,:;-–")
        bound = _ITEM_BOUND.search(fold, line_start, number[0])  # ``- Trên 90% trẻ em …``: the metric follows
        metric = None if bound and not clean_metric(before[: bound.start() - line_start]) else before or None
        if _PERIOD_LABEL.match(fold, line_start):  # ``- Giai đoạn 1 (…): phấn đấu có 1.200 sáng kiến``
            metric = None
        comparator = kw["comparators"].get(" ".join(bound.group(1).split())) if bound else None
        _add_target(doc, fold, start, line_start, number, comparator, 0.8, metric=metric)
        taken.add(number[0])
    for match in pattern.finditer(fold, start, end):
        if _is_reported(fold, match.start()) or is_date_part(fold, match.start(2)) or match.start(2) in taken:
            continue
        if _COUNTED.search(fold, max(0, match.start() - 6), match.start()):
            continue  # ``07 chỉ tiêu và 44 nội dung`` counts the aims, it sets none
        comparator = kw["comparators"].get(" ".join(match.group(1).split()))
        _add_target(doc, fold, start, match.start(), match.span(2), comparator, 0.85)
        taken.add(match.start(2))
    for number, comparator, metric_span in _aim_clause_numbers(fold, start, end):
        if number[0] not in taken and not is_date_part(fold, number[0]) and not _is_qualifier(fold, number[0]):
            metric = clean_metric(text_of(doc)[slice(*metric_span)].lstrip(" -–+•")) if metric_span else None
            _add_target(doc, fold, start, number[0], number, comparator, 0.7, metric=metric or None)
            taken.add(number[0])
    for match in _FLOOR_AFTER.finditer(fold, start, end):
        if (
            match.start(1) not in taken
            and not is_date_part(fold, match.start(1))
            and not _is_qualifier(fold, match.start(1))
        ):
            _add_target(doc, fold, start, match.start(), match.span(1), ">=", 0.8)
            taken.add(match.start(1))
    for number in _numbers_in_target_sections(fold, start, end):
        if number.start(1) not in taken:
            _add_target(doc, fold, start, number.start(), number.span(1), None, 0.75)
            taken.add(number.start(1))
    return doc


_PERIOD_LABEL = re.compile(r"(?:giai doan|nam|den|dot|quy|thang|trong|tu nay)(?![a-z])")
"""An item that opens with its period names what it counts after its figure, not before."""
_ITEM_BOUND = re.compile(r"(?<![a-z])(tren|hon|duoi|it nhat|toi thieu|toi da|khong qua|khong duoi|dat|giam|tang)\s*$")
_QUANTITY = re.compile(rf"(?<![\d.,/])({NUMBER})(?=\s*(?:%|‰|[a-z]|/\s*\d))")  # ``16/100.000 trẻ em``: a rate
_RANGE = re.compile(rf"tu\s+({NUMBER})\s+den\s+({NUMBER})\s+[a-z]")  # ``từ 5 đến 17 tuổi``: who, not how many
_NOT_A_QUANTITY = re.compile(r"(?<![a-z])(?:so|dieu|khoan|diem|muc|thu|lan|khoa|lop|tuyen)\s*$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_QUALIFIER = re.compile(r"(?<![a-z])co\s+tu\s+$")


def _aim_clause_numbers(
    fold: str, start: int, end: int
) -> list[tuple[tuple[int, int], str | None, tuple[int, int] | None]]:
    """Figures of a sentence that states an aim, and upper bounds a control verb sets.

    ``phấn đấu đến năm 2018 có 10 triệu đoàn viên và 90% số doanh nghiệp …``
    aims at both figures, however far from ``phấn đấu``; ``kiểm soát tốc độ
    tăng trưởng tín dụng dưới 20%`` aims at most at 20% of what it controls (the
    metric span, for bounds). A figure after ``số``,
    ``Điều``, ``thứ`` names a thing rather than counting it.
    """
    kw = keywords()
    aims = phrases_pattern(kw["aim_clauses"])
    found = []
    for trigger in re.compile(rf"(?<![a-z])(?:{aims})(?![a-z])").finditer(fold, start, end):
        stop = _aim_end(fold, trigger.end())
        ranges = {m.start(i) for m in _RANGE.finditer(fold, trigger.end(), stop) for i in (1, 2)}
        clause = clause_start(fold, trigger.start(), start)
        reduced = " ".join(trigger.group().split()) in kw["aims_named_before"]  # ``Giảm tỷ suất … xuống còn``
        named_before = (clause, trigger.start()) if reduced and clean_metric(fold[clause : trigger.start()]) else None
        for number in _QUANTITY.finditer(fold, trigger.end(), stop):
            named = _NOT_A_QUANTITY.search(fold, max(0, number.start() - 12), number.start())
            if not named and not _YEAR.fullmatch(number.group(1)) and number.start(1) not in ranges:
                bound = _ITEM_BOUND.search(fold, trigger.start(), number.start(1))
                said = " ".join((bound.group(1) if bound else trigger.group()).split())
                found.append((number.span(1), kw["comparators"].get(said), named_before))
    controls, bounds = phrases_pattern(kw["control_verbs"]), phrases_pattern(kw["upper_bounds"])
    bounded = re.compile(
        rf"(?<![a-z])(?:{controls})\s+((?:[a-z/]+\s+){{0,10}}?)(?:{bounds})\s+({NUMBER})\s*(?:%|‰|[a-z])"
    )
    found.extend((match.span(2), "<=", match.span(1)) for match in bounded.finditer(fold, start, end))
    return found


def _aim_end(fold: str, position: int) -> int:
    """Where an aim's reach ends: its sentence, or its first comma when no figure came before it
    (``Phấn đấu đạt mức sinh thay thế, thực hiện … sinh đủ 02 con``: the aim was whole without one)."""
    end = sentence_end(fold, position)
    comma = fold.find(",", position, end)
    if comma >= 0 and not re.search(r"\d", fold[position:comma]):
        return comma
    return end


def _is_qualifier(fold: str, position: int) -> bool:
    """``doanh nghiệp có từ 30 lao động trở lên``: the figure says which units, it aims at nothing."""
    return bool(_QUALIFIER.search(fold, max(0, position - 10), position))


def _is_reported(fold: str, position: int) -> bool:
    """``đạt 148% chỉ tiêu``: the aim word follows a reported percent, it sets nothing."""
    before = fold[max(0, position - 12) : position]
    return bool(re.search(r"%\s*$", before))


def _add_target(
    doc: Doc,
    fold: str,
    floor: int,
    start: int,
    number: tuple[int, int],
    comparator: str | None,
    confidence: float,
    *,
    metric: str | None = None,
) -> None:
    """``metric`` when the caller knows it (an item under a CHỈ TIÊU heading names it before its figure)."""
    text = text_of(doc)
    rate = text[number[1] : number[1] + 2].lstrip().startswith("/")  # ``500/100.000``: the figure alone
    value = parse_vi_number(text[number[0] : number[1] if rate else number[1] + 8])  # with ``triệu``, ``tỷ``
    if value is None:
        return
    unit, found_metric, unit_end = unit_and_metric(text, fold, number[1])
    clause = clause_start(fold, start, floor)
    if metric is not None:
        unit = unit.split(" ")[0] if unit and unit != "%" and not unit.startswith("/") else unit
    metric = metric or found_metric
    if unit == "%" and metric == "%":
        metric = clean_metric(text[clause : min(start, number[0])]) or "%"
    tail = fold[number[1] : sentence_end(fold, number[1])]
    if comparator is None and re.match(r"\s*%?\s*(?:[a-z ]{0,40}?)tro len", tail):
        comparator = ">="
    stop = sentence_end(fold, number[1])
    period = period_near(text, fold, clause, stop)
    scope = scope_near(text, fold, clause, start, unit_end, min(stop, clause_end(fold, unit_end)))
    add(doc, "targets", start, unit_end, (metric, value, unit, scope, period, comparator), confidence)


def _numbers_in_target_sections(fold: str, start: int, end: int) -> list[re.Match[str]]:
    """Percents in a section headed CHỈ TIÊU or MỤC TIÊU: every one of them is an aim."""
    sections = list(re.finditer(r"(?m)^[ivx]{1,4}\s*[.)]\s+(.*)$", fold[:end]))
    found: list[re.Match[str]] = []
    words = tuple(keywords()["target_sections"])
    for index, section in enumerate(sections):
        if section.start() < start or not section.group(1).startswith(words):
            continue
        stop = sections[index + 1].start() if index + 1 < len(sections) else end
        found.extend(m for m in re.finditer(rf"(?<![\d.,/])({NUMBER})\s*%", fold) if section.end() < m.start() < stop)
    return found


_HEADING = re.compile(r"(?m)^(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])\s*[.)]\s+(.*)$")
_ORDINAL = re.compile(r"(?<!\w)thứ\s*$", re.IGNORECASE)  # ``con thứ 3``, not ``Tổng thu 500``
_ITEM = re.compile(r"(?m)^[-–+•]\s*(.*)$")
_ITEM_NUMBER = re.compile(rf"(?<![\d.,/])({NUMBER})(?![\d.,]?\d|\s*/\s*\d)")  # whole, and not ``95/100``


def _target_items(text: str, fold: str, start: int, end: int) -> list[tuple[int, tuple[int, int], int]]:
    """Items under a heading that starts with CHỈ TIÊU or MỤC TIÊU (``2. Chỉ tiêu kế hoạch năm 2024``).

    Each dash item with a figure is an aim: (item start, the figure's span, where
    its metric ends). The figure is the first after a colon when there is one
    (``Tỷ suất sinh: 12,80‰``), else the first that is no date, ordinal (``thứ 3``)
    or part of a name.
    """
    words = tuple(keywords()["target_sections"])
    headings = [h for h in _HEADING.finditer(fold, start, end)]
    found = []
    for index, heading in enumerate(headings):
        if not heading.group(1).startswith(words):
            continue
        stop = headings[index + 1].start() if index + 1 < len(headings) else end
        for item in _ITEM.finditer(fold, heading.end(), stop):
            colon = fold.find(":", item.start(1), item.end(1))
            for number in _ITEM_NUMBER.finditer(fold, colon + 1 if colon >= 0 else item.start(1), item.end(1)):
                at = number.start(1)
                if is_date_part(fold, at) or _ORDINAL.search(text, max(0, at - 6), at):
                    continue
                found.append((item.start(1), number.span(1), colon if colon >= 0 else at))
                break
    return found
