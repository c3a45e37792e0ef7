"""Achievements: figures the letter reports as done, not aimed at.

From tables: each row's figure under a column whose heading says it was done
(``Số đã có thẻ``, ``Thực hiện``, ``Kết quả``, ``Tỷ lệ có thẻ``), never under
the population, the plan or what is left (``Số đối tượng``, ``Kế hoạch``,
``Chưa có``); the row's label is who, a share-of-plan column (``% so KH``)
gives the percent of target. A totals row is kept, with no who.

From prose, on folded text: a number after a past marker (``đã giải ngân
1.250 tỷ đồng``, ``kết thúc … với 1.775 sáng kiến``); ``có N … được/đạt …``;
``tổng số … được … là N``; ``kết quả: N``; ``lũy kế … N``; ``đạt N``; a count
then its share of a plan (``85 CĐCS, đạt 106% kế hoạch``); a share alone
(``hoàn thành 96% kế hoạch``). Who is the body named right before the verb
(``Công đoàn Viên chức tỉnh đã kết nạp``), else none.

Not achievements: a clause that aims (phấn đấu, mục tiêu, ít nhất…), a figure
in a future year, numbers the targets component took, a change (``tăng 12% so
với cùng kỳ``: a comparison, not a figure reached), counts of documents
(``đã ban hành 15 văn bản``) and spans of time, dates, numbers of documents and
articles.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, candidates, doc_lines, fold_of, text_of
from extract._lexicon import keywords
from extract._text import folded, phrases_pattern, squash
from extract.components._body import (
    FULL_DATE,
    NUMBER,
    body_range,
    clause_start,
    document_date,
    period_near,
    sentence_end,
)
from extract.components._measure import clean_metric, is_date_part, phrase_end, unit_and_metric
from extract.components._tables import Table, done_figures, row_name, tables
from normalize.values import parse_vi_number

__all__ = ["achievements"]

_OF_TOTAL = re.compile(rf"\s*/\s*(?:{NUMBER})")
# Any white space between words: ``chỉ`` and ``tiêu`` may stand on two lines.
_PLAN = r"(?:chi\s+tieu|ke\s+hoach|muc\s+tieu|du\s+toan|kh(?![a-z]))"
_SHARE = rf"(?:dat|bang|hoan\s+thanh|vuot)\s+({NUMBER})\s*%\s*(?:so\s+voi\s+)?{_PLAN}"
_SHARE_RE = re.compile(_SHARE)
_SHARE_AFTER_RE = re.compile(rf"\s*,?\s*(?:[a-z]+\s+){{0,3}}?{_SHARE}")
_COUNT_THEN_SHARE = re.compile(rf"(?<![\d.,/])(?P<n>{NUMBER})\s+(?=[a-z])[^\d%;.:()\n]{{1,40}}?,?\s+{_SHARE}")
# What may follow a reported count: a word (its unit), or a percent that is no share of a plan.
_COUNTED = rf"(?:\s+(?=[a-z])|\s*%(?!\s*(?:so\s+voi\s+)?{_PLAN}))"
_DONE = r"(?:duoc|da|dat|hoan\s+thanh)(?![a-z])"
_PROSE = (
    # ``đã giải ngân 1.250 tỷ đồng``: ``đã`` and up to five syllables of its verb (``hỗ trợ xây dựng``).
    rf"(?<![a-z])(?P<verb>da)\s+(?:(?!da\s|chua\s|khong\s)[a-z]+\s+){{1,5}}?(?P<n>{NUMBER})(?:{_OF_TOTAL.pattern})?{_COUNTED}",
    # ``có 1.775 sáng kiến được công nhận``, ``có 85 CĐCS đạt vững mạnh``.
    rf"(?<![a-z])(?P<verb>co)\s+(?P<n>{NUMBER})\s*%?\s+(?:(?!chua\s|khong\s)[a-z]+\s+){{1,5}}?(?P<done>{_DONE})",
    # ``tổng số sáng kiến được công nhận là 1.775``: what was done stands between ``số`` and ``là``.
    rf"(?<![a-z])(?P<verb>tong\s+so|so\s+luong)\s+(?P<metric>(?:[a-z]+\s+){{1,8}}?)(?:la|dat(?:\s+duoc)?)\s+(?P<n>{NUMBER})(?:{_COUNTED}|(?=\s*(?:[.;,)]|$)))",
    # ``Kết quả: 1.775 sáng kiến``, ``kết quả đạt được 85%``.
    rf"(?<![a-z])ket\s+qua(?:\s+dat\s+duoc)?\s*[:,]?\s*(?:(?:co|dat|la)\s+)?(?P<n>{NUMBER}){_COUNTED}",
    # ``thu ngân sách đạt 1.250 tỷ đồng``, ``tỷ lệ bao phủ đạt 91,2%``, ``đạt tỷ lệ bao phủ 91,5%``.
    rf"(?<![a-z])(?P<verb>dat)\s+(?:t[yi]\s+le\s+(?:[a-z]+\s+){{0,4}}?)?(?P<n>{NUMBER}){_COUNTED}",
)
_AS_OF_COUNT = (
    # ``Tính đến cuối năm 2013, tỉnh Kon Tum có trên 395.850 người tham gia BHYT``: a status as of a date.
    r"(?:^|(?<=[\n.;]))\s*(?:[-–+•]\s*)?(?:tinh\s+)?den\s+(?:nay|het\s+[^,;.\n]{3,30}|cuoi\s+[^,;.\n]{3,30}"
    r"|(?:ngay|thang|nam)\s+[^,;.\n]{2,30})\s*,\s*(?:[^\d,;.\n]{0,60}?\s)?(?P<verb>co)\s+"
    rf"(?:(?:tren|hon|gan|khoang)\s+)?(?P<n>{NUMBER}){_COUNTED}"
)
_PROSE_RE = (re.compile(_AS_OF_COUNT, re.MULTILINE), *(re.compile(pattern) for pattern in _PROSE))
_CUMULATIVE = re.compile(r"(?<![a-z])luy\s+ke(?![a-z])")
_FIGURE = re.compile(rf"(?<![\d/.,])({NUMBER})(?![\d/]|[.,]\d)")
_AS_OF = re.compile(
    r"(?:tinh\s+)?(?:tu\s+dau\s+nam\s+)?den\s+(?:het\s+|cuoi\s+)?(?:ngay\s+)?"
    rf"(?:{FULL_DATE}|thang\s+\d{{1,2}}\s*(?:/|nam)\s*\d{{4}}|nam\s+\d{{4}}|\d{{1,2}}\s*/\s*\d{{4}})"
    r"|\d{1,2}\s+thang\s+(?:dau\s+|cuoi\s+)?nam(?:\s+\d{4})?"
)
_TIME = re.compile(
    rf"{_AS_OF.pattern}|(?:het\s+|trong\s+)?(?:nam|quy|thang)\s+[ivx\d]+(?:\s*/\s*\d{{4}})?|(?:trong\s+)?nam\s+nay"
)
_HEADING = re.compile(r"(?m)^(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-z])\s*[.)]\s+(.*)$")
_YEAR = re.compile(r"(?:nam|/)\s*((?:19|20)\d\d)(?!\d)")
_MULTIPLIERS = frozenset({"nghin", "ngan", "trieu", "ty"})
_ACCENTED = {"da": "đã", "dat": "đạt", "co": "có", "duoc": "được"}
_Found = tuple[tuple[int, int], int | None, tuple[int, int] | None]


@Language.component("congvan_achievements", requires=["doc.spans"], assigns=["doc.spans"])
def achievements(doc: Doc) -> Doc:
    fold, text = fold_of(doc), text_of(doc)
    start, end = body_range(doc)
    taken = {c.start for c in candidates(doc, "targets")} | _target_numbers(doc, fold)
    found = [table for table in tables(doc_lines(doc)) if start <= table.columns[0].start < end]
    for table in found:
        _add_table(doc, fold, text, table, taken)
    regions = [(table.columns[0].start, table.rows[-1].cells[-1][1].end) for table in found if table.rows]
    for number, verb, metric in _prose_numbers(text, fold, start, end):
        if _skipped(doc, fold, text, start, (number, verb, metric), taken, regions):
            continue
        taken.add(number[0])
        _add_count(doc, fold, text, start, number, verb, metric)
    for match in _SHARE_RE.finditer(fold, start, end):
        if not _near_taken(match.start(), taken) and not _aims(fold, match.start(), start):
            _add_share(doc, fold, text, start, match)
    return doc


def _prose_numbers(text: str, fold: str, start: int, end: int) -> list[_Found]:
    """(number, where its verb starts, its metric's span) of every prose shape, surest shapes first."""
    triggers = phrases_pattern(keywords()["achievement_triggers"])
    past = re.compile(rf"(?<![a-z])(?P<verb>{triggers})\s+(?P<n>{NUMBER})(?:{_OF_TOTAL.pattern})?{_COUNTED}")
    found = []
    for pattern in (past, _COUNT_THEN_SHARE, *_PROSE_RE):
        for match in pattern.finditer(fold, start, end):
            groups = match.groupdict()
            verb = match.start("verb") if groups.get("verb") is not None else None
            metric = match.span("metric") if groups.get("metric") is not None else None
            if metric and not _says_done(text, fold, *metric):
                continue  # ``tổng số đối tượng là …`` counts a population, not a result
            if groups.get("done") is not None and not _as_written(text, fold, match.start("done")):
                continue  # ``có 3 thành viên tham gia đặt thầu``
            if verb is not None and fold.startswith("voi", verb) and not _closes(fold, start, verb):
                continue
            found.append((match.span("n"), verb, metric))
    for match in _CUMULATIVE.finditer(fold, start, end):
        number = _first_figure(fold, match.end(), sentence_end(fold, match.end()))
        if number:
            found.append((number, match.start(), None))
    return _merged(found)


def _says_done(text: str, fold: str, start: int, end: int) -> bool:
    """``sáng kiến được công nhận``: the words name something done (``đạt`` as written, not ``đặt``)."""
    return any(_as_written(text, fold, start + m.start()) for m in re.finditer(rf"(?<![a-z]){_DONE}", fold[start:end]))


def _closes(fold: str, floor: int, position: int) -> bool:
    """``kết thúc giai đoạn 1 với 1.775 sáng kiến``: ``với`` reports only after a closing verb (not ``đối với``)."""
    verbs = phrases_pattern(keywords()["closing_verbs"])
    return bool(re.search(rf"(?<![a-z])(?:{verbs})(?![a-z])", fold[clause_start(fold, position, floor) : position]))


def _merged(found: list[_Found]) -> list[_Found]:
    """One entry a number, with the verb and metric of whichever shapes found them."""
    merged: dict[int, _Found] = {}
    for number, verb, metric in found:
        _, first_verb, first_metric = merged.get(number[0], (number, None, None))
        merged[number[0]] = (number, first_verb if first_verb is not None else verb, first_metric or metric)
    return list(merged.values())


def _first_figure(fold: str, start: int, end: int) -> tuple[int, int] | None:
    """The first number that is no date nor span of time (``lũy kế đến ngày 30/6/2023, giải ngân 3.450 tỷ``)."""
    for match in _FIGURE.finditer(fold, start, end):
        if is_date_part(fold, match.start()) or _not_achieved_unit(fold, match.end(), named=False):
            continue
        if re.match(_COUNTED, fold[match.end() :]):
            return match.span(1)
    return None


def _skipped(
    doc: Doc,
    fold: str,
    text: str,
    floor: int,
    found: _Found,
    taken: set[int],
    regions: list[tuple[int, int]],
) -> bool:
    """Taken, in a table, a date, an aim, a change, no count of a result, or for a future year."""
    (at, end), verb, metric = found
    if at in taken or any(a <= at < b for a, b in regions) or is_date_part(fold, at) or _aims(fold, at, floor):
        return True
    if _is_change(text, at) or _not_achieved_unit(fold, end, named=metric is not None):
        return True
    if (verb is not None and not _reports(text, fold, floor, verb, at)) or _conditional(fold, at, floor):
        return True
    if re.fullmatch(r"\s*", fold[fold.rfind("\n", 0, at) + 1 : at]) and fold[end:].startswith("\n"):
        return True  # a number alone on its line: an item's number in a list or a table
    return _in_aim_section(fold, at, floor) or _in_future(doc, fold, floor, (at, end), verb)


def _reports(text: str, fold: str, floor: int, verb: int, number: int) -> bool:
    """The verb is as written (``đã``, not ``Đà``; ``đạt``, not ``đặt``), it reaches a level rather than moving
    (``đã tăng từ 9% lên 65%``, ``đã chiếm trên 80%``), and ``đạt`` follows no plan (``Kế hoạch năm 2024 đạt``)."""
    if not all(_as_written(text, fold, verb + word.start()) for word in re.finditer(r"[a-z]+", fold[verb:number])):
        return False  # every ``đã``, ``đạt``, ``được`` of the verb as written
    moves = phrases_pattern(keywords()["not_result_gap_accented"])
    if re.search(rf"(?<!\w)(?:{moves})(?!\w)", text[verb:number].lower()):
        return False
    plans = phrases_pattern(keywords()["plan_subject_words"])
    subject = fold[_subject_start(fold, floor, verb) : verb]
    return not (fold.startswith("dat", verb) and re.search(rf"(?<![a-z])(?:{plans})(?![a-z])", subject))


def _conditional(fold: str, position: int, floor: int) -> bool:
    """``Khi số lỗ lũy kế … lớn hơn 50%``, ``… khi nhà đầu tư đã sở hữu 50%``: a condition reports nothing
    (``sau khi``, ``trong khi`` do report)."""
    clause = fold[clause_start(fold, position, floor) : position]
    words = phrases_pattern(keywords()["condition_words"])
    if re.match(rf"(?:[a-z]\)|\d{{1,2}}[.)])?\s*(?:{words})(?![a-z])", clause):
        return True
    return bool(re.search(r"(?<![a-z])(?<!sau )(?<!trong )(?:khi|neu)(?![a-z])", clause[clause.rfind(",") + 1 :]))


def _as_written(text: str, fold: str, position: int) -> bool:
    """The word at ``position`` is the accented word its fold stands for, or was written with no accents."""
    word = re.match(r"[a-z]+", fold[position:])
    if not word:
        return True
    expected = _ACCENTED.get(word.group())
    written = text[position : position + len(word.group())].lower()
    return expected is None or written == expected or (written.isascii() and not written.isupper())


def _is_change(text: str, position: int) -> bool:
    """``tăng 12% so với cùng kỳ``: a change (told apart from ``tặng`` by its accent)."""
    words = phrases_pattern(keywords()["change_words_accented"])
    return bool(re.search(rf"(?<!\w)(?:{words})\s+$", text[max(0, position - 16) : position].lower()))


def _not_achieved_unit(fold: str, end: int, *, named: bool) -> bool:
    """``đã ban hành 15 văn bản``, ``đã qua 2 năm``, ``3 nội dung chưa …``, a bare number: no result counted.

    ``named``: the shape named what was counted before the number (``tổng số … là 1.775``).
    """
    of_total = _OF_TOTAL.match(fold, end)  # ``12/44 nội dung``
    rest = fold[of_total.end() if of_total else end :][:30]
    if re.match(r"\s*%", rest):
        return False
    units = phrases_pattern(keywords()["not_achieved_units"])
    if re.match(rf"\s+(?:{units})(?![a-z])|\s+(?:[a-z]+\s+){{0,3}}(?:chua|khong)(?![a-z])", rest):
        return True
    return not named and not re.match(r"[ \t]*\n?[ \t]*[a-z]", rest)


def _in_aim_section(fold: str, position: int, floor: int) -> bool:
    """Under a MỤC TIÊU or CHỈ TIÊU heading, or after a ``Mục tiêu:`` label: what follows is aimed at."""
    words = tuple(keywords()["target_sections"])
    headings = [h.group(1) for h in _HEADING.finditer(fold, floor, position)]
    roman = [h.group(1) for h in re.finditer(r"(?m)^[ivx]{1,4}\s*[.)]\s+(.*)$", fold[floor:position])]
    if any(found and found[-1].startswith(words) for found in (headings, roman)):
        return True
    clause = clause_start(fold, position, floor)
    label = fold[max(floor, clause - 60) : clause].rstrip()
    aims = phrases_pattern([*keywords()["aim_words"], *keywords()["target_sections"]])
    return label.endswith(":") and bool(re.search(rf"(?<![a-z])(?:{aims})[^.;:\n]*:$", label))


def _in_future(doc: Doc, fold: str, floor: int, number: tuple[int, int], verb: int | None) -> bool:
    """A figure for a year after the letter's: an aim, whatever the verb (``đến năm 2025 đạt 95%``)."""
    if verb is not None and fold.startswith("da", verb) and not fold.startswith("dat", verb):
        return False  # ``đã`` reports the past
    issued = document_date(doc)
    clause = fold[clause_start(fold, number[0], floor) : sentence_end(fold, number[1])]
    return issued is not None and any(int(year) > issued.year for year in _YEAR.findall(clause))


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
    words = phrases_pattern([*keywords()["aim_words"], *keywords()["report_aim_words"]])
    return bool(re.search(rf"(?<![a-z])(?:{words})(?![a-z])", clause))


def _near_taken(position: int, taken: set[int]) -> bool:
    """A share that belongs to a count already reported (``1.775 sáng kiến, đạt 148%``)."""
    return any(0 < position - number < 80 for number in taken)


def _period(text: str, fold: str, start: int, end: int) -> str | None:
    """The period a figure is for: the first of a year or quarter, and an as-of date (``đến tháng 9/2013``)."""
    as_of = _AS_OF.search(fold, start, end)
    if as_of is None:
        return period_near(text, fold, start, end)
    return period_near(text, fold, start, as_of.start()) or text[as_of.start() : as_of.end()]


def _who(text: str, fold: str, floor: int, verb: int) -> str | None:
    """The body named right before the verb (``Công đoàn Viên chức tỉnh đã kết nạp``), after any opening phrase."""
    start = _subject_start(fold, floor, verb)
    subject = squash(text[start:verb]).strip(" ,")
    tails = phrases_pattern(keywords()["achiever_tails"])
    subject = re.sub(rf"(?:\s+(?:{tails}))+$", "", subject, flags=re.IGNORECASE) if subject else subject
    return subject if subject and _names_a_body(subject) else None


def _names_a_body(subject: str) -> bool:
    """A short name that starts with a body's head word (``Sở``, ``UBND``) or an all-of scope (``toàn tỉnh``)."""
    fold = folded(subject)
    if len(subject.split()) > 10:
        return False
    if re.match(rf"(?:{phrases_pattern(keywords()['achiever_scopes'])})$", fold):
        return True
    heads = phrases_pattern(keywords()["achiever_heads_accented"])
    stops = phrases_pattern(keywords()["achiever_stops"])
    rest = re.match(rf"(?:{heads})(?!\w)(.*)$", subject.lower())
    return (
        bool(rest) and subject[0].isupper() and not re.search(rf"(?<![a-z])(?:{stops})(?![a-z])", fold[rest.start(1) :])
    )


def _add_count(
    doc: Doc,
    fold: str,
    text: str,
    floor: int,
    number: tuple[int, int],
    verb: int | None,
    metric_span: tuple[int, int] | None,
) -> None:
    value = parse_vi_number(text[number[0] : number[1] + 8])  # with ``triệu``, ``tỷ`` after it
    of_total = _OF_TOTAL.match(fold, number[1])  # ``12/44 nội dung``: the unit follows the total
    unit, metric, unit_end = unit_and_metric(text, fold, of_total.end() if of_total else number[1])
    unit = _trimmed(unit)
    if metric_span:
        metric = squash(text[metric_span[0] : metric_span[1]])
    elif verb is not None and (metric == "%" or _is_measure(unit)):
        metric = _verb_metric(text, fold, floor, verb, number[0]) or metric
    stop = sentence_end(fold, number[1])
    share = _SHARE_AFTER_RE.match(fold, unit_end, min(stop, unit_end + 60))
    percent = _share_of(text, fold, share) if share else None
    period = _period(text, fold, clause_start(fold, number[0], floor), stop)
    who = _who(text, fold, floor, verb) if verb is not None else None
    end = share.end() if share else unit_end
    if value is not None and (metric or unit):
        add(doc, "achievements", number[0], end, (metric or unit, value, unit, percent, who, period), 0.8)


def _trimmed(unit: str | None) -> str | None:
    """The unit without a multiplier the value holds (``tỷ đồng``) and without what follows it (``USD tăng``)."""
    words = (unit or "").split(" ")
    if words and folded(words[0]) in _MULTIPLIERS:
        words = words[1:]
    stops = keywords()["unit_stops_accented"]
    cut = next((i for i, word in enumerate(words) if word.lower() in stops), len(words))
    return " ".join(words[:cut]) or None


def _is_measure(unit: str | None) -> bool:
    """``tỷ đồng``, ``ha``: a unit that measures, so it does not say what was counted."""
    return bool(unit) and unit.lower() in keywords()["measure_units_accented"]  # type: ignore[union-attr]


def _subject_start(fold: str, floor: int, verb: int) -> int:
    """Where the verb's subject starts: its clause, after an opening phrase (``Năm 2023, …``)."""
    start = clause_start(fold, verb, floor)
    comma = fold.rfind(",", start, verb)
    return comma + 1 if comma >= 0 else start


def _verb_metric(text: str, fold: str, floor: int, verb: int, number: int) -> str:
    """What a measured figure is of: the verb (``đã giải ngân``), or what ``đạt`` follows (``thu ngân sách``)."""
    words = [word for word in squash(text[verb:number]).split(" ") if folded(word) not in ("da", "duoc")]
    tails = keywords()["subject_tail_words"]
    if words and folded(words[0]) == "dat":  # ``đạt tỷ lệ bao phủ 91,5%``: what follows ``đạt`` names it
        words = [word for word in words[1:] if folded(word) not in tails]
    if words:
        return " ".join(words)
    start = _subject_start(fold, floor, verb)
    links = list(re.finditer(rf"(?<![a-z])(?:{phrases_pattern(keywords()['subject_links'])})\s", fold[start:verb]))
    start += links[-1].end() if links else 0
    words = clean_metric(_without(text, [m.span() for m in _TIME.finditer(fold, start, verb)], start, verb)).split()
    while words and folded(words[-1]) in keywords()["subject_tail_words"]:
        words.pop()  # ``doanh thu phí ước đạt``: ``ước`` qualifies the verb
    return " ".join(words)


def _without(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """``text[start:end]`` with the spans blanked (``Thu ngân sách 6 tháng đầu năm 2021`` → ``Thu ngân sách``)."""
    return "".join(" " if any(a <= i < b for a, b in spans) else text[i] for i in range(start, end))


def _share_of(text: str, fold: str, share: re.Match[str]) -> float | None:
    """The percent of the plan: ``đạt 96%`` is 96, ``vượt 4%`` (beyond the plan) is 104."""
    percent = parse_vi_number(text[share.start(1) : share.end(1)])
    beyond = re.search(r"(?<![a-z])vuot\s+$", fold[share.start() : share.start(1)])
    return percent + 100 if beyond and percent is not None and percent < 100 else percent


def _add_share(doc: Doc, fold: str, text: str, floor: int, match: re.Match[str]) -> None:
    """A share of a plan with no count: the value is the percent itself."""
    value, percent = parse_vi_number(text[match.start(1) : match.end(1)]), _share_of(text, fold, match)
    clause = clause_start(fold, match.start(), floor)
    plan = match.end() - len(re.search(r"[a-z ]+$", match.group()).group())  # type: ignore[union-attr]
    metric = squash(text[plan : phrase_end(fold, match.end(), 2)])
    period = _period(text, fold, clause, sentence_end(fold, match.end()))
    who = _who(text, fold, floor, match.start())
    if value is not None:
        add(doc, "achievements", match.start(), match.end(), (metric, value, "%", percent, who, period), 0.75)


def _add_table(doc: Doc, fold: str, text: str, table: Table, taken: set[int]) -> None:
    """Each figure under a column that reports what was done; who is the row, the period the row's or the table's."""
    heading = _period(text, fold, table.heading.start, table.heading.end) if table.heading else None
    for figure in done_figures(table):
        if figure.cell.start in taken:
            continue
        label, column = figure.row.label, figure.column
        who, label_period = row_name(figure.row), _period(text, fold, label.start, label.end)
        if label_period and folded(label_period) == folded(who or ""):
            who = None  # ``Năm 2022``: the row is a period, not a body
        period = label_period or _period(text, fold, column.start, column.end) or heading
        value = (figure.metric, figure.value, figure.unit, figure.percent_of_target, who, period)
        add(doc, "achievements", figure.cell.start, figure.cell.end, value, 0.7)
