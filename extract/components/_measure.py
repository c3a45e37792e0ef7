"""Shared by targets and achievements: the unit and metric that follow a number.

``1.200 sáng kiến`` has the unit ``sáng kiến``; ``95% hồ sơ được giải quyết``
has the unit ``%`` and the metric ``hồ sơ``; ``75% vào cuối năm`` names no
metric after the percent, so the metric is the clause before the aim word
(``tỷ lệ trường đạt chuẩn``), without the aim and linking words around it.
"""

from __future__ import annotations

import re

from extract._lexicon import keywords
from extract._text import folded, squash

__all__ = ["clean_metric", "is_date_part", "phrase_end", "scope_near", "unit_and_metric"]

_WORD = re.compile(r"[ \t]*\n?[ \t]*([a-z]+)")
_SCOPE = re.compile(r"(?<![a-z])(?:tai|tren dia ban|o|doi voi)\s+(?=[a-z])")
_SCOPE_REACH = 40
_EACH = re.compile(r"(?<!\w)[Mm]ỗi\s+(?=[^\W\d_])")
_TEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_DAY_MONTH = re.compile(r"\d{1,2}\s*/\s*(\d{4}|\d{1,2}(?!\d))")
_RATE = re.compile(r"\s*/\s*(?:100|1\.000|10\.000|100\.000|1\.000\.000)(?![\d.,])")
_MULTIPLIER = re.compile(r"\s*(?:nghin|ngan|trieu|ty)(?![a-z])")
_DATE_BEFORE = re.compile(r"(?:nam|ngay|thang|quy|giai doan|so|dieu|khoan|muc|lan thu)\s*$")


def is_date_part(fold: str, position: int) -> bool:
    """``năm 2023``, ``ngày 15``, ``31/5``: a number that belongs to a date or a name is no quantity."""
    if _DATE_BEFORE.search(fold[max(0, position - 12) : position]):
        return True
    day_month = _DAY_MONTH.match(fold, position)
    return bool(day_month) and (len(day_month.group(1)) == 4 or 1 <= int(day_month.group(1)) <= 12)
    # ``31/5``, ``5/2022``; not ``12/44`` (12 of 44)


def phrase_end(fold: str, position: int, limit: int, *, first_may_stop: bool = False) -> int:
    """End of the next few words, stopping at punctuation and at function words."""
    stops = set(keywords()["phrase_stops"])
    end = position
    for count in range(limit):
        match = _WORD.match(fold, end)
        if not match or ((count or first_may_stop) and match.group(1) in stops):
            break
        end = match.end()
    return end


def unit_and_metric(text: str, fold: str, position: int) -> tuple[str | None, str, int]:
    """(unit, metric, end) of what follows the number ending at ``position``; metric ``%`` means none."""
    rest = fold[position:]
    if rest.lstrip().startswith("%"):
        after = position + rest.index("%") + 1
        words = phrase_end(fold, after, 10, first_may_stop=True)
        metric = squash(text[after:words]).strip(" ,")
        if not metric or fold[after:words].strip().startswith(("tro len", "tren", "so voi", "tong")):
            metric = "%"
        return "%", metric, max(words, after)
    rate = _RATE.match(fold, position)  # ``500/100.000 trẻ em``: the unit is the rate's base
    if rate:
        end = phrase_end(fold, rate.end(), 2)
        unit = squash(text[position:end]).strip(" ,")
        return unit, squash(text[rate.end() : end]).strip(" ,") or unit, end
    multiplier = _MULTIPLIER.match(fold, position)  # ``10 triệu đoàn viên``: the value holds the million
    start = multiplier.end() if multiplier else position
    end = phrase_end(fold, start, 4)
    unit = squash(text[start:end]).strip(" ,")
    return (unit or None), unit or "", max(end, start)


def clean_metric(text: str) -> str:
    """A metric taken from before the aim word, without aim and linking words at its ends."""
    lead = "|".join(re.escape(w) for w in keywords()["metric_lead_words"])
    tail = "|".join(re.escape(w) for w in keywords()["metric_tail_words"])
    words = squash(text).strip(" ,:;").split(" ")
    while words and re.fullmatch(lead, folded(words[0]).strip(",")):
        words.pop(0)
    while words and re.fullmatch(tail, folded(words[-1]).strip(",")):
        words.pop()
    return " ".join(words).strip(" ,")


def scope_near(text: str, fold: str, clause: int, start: int, after: int, stop: int) -> str | None:
    """Where or for whom an aim holds: ``mỗi xã, thị trấn`` before it, ``tại Bộ phận Một cửa`` after it."""
    each = _EACH.search(text, clause, start)
    if each:
        return squash(text[each.start() : _list_end(text, each.end(), start)]).strip(" ,")
    match = _SCOPE.search(fold, after, min(stop, after + _SCOPE_REACH))
    if not match:
        return None
    return squash(text[match.end() : _words_end(text, match.end(), 8, stop)]).strip(" ,") or None


def _words_end(text: str, position: int, limit: int, stop: int) -> int:
    """End of up to ``limit`` words, stopping at punctuation and at (accented) function words."""
    stops = set(keywords()["scope_stops"])
    end = position
    for count, word in enumerate(_TEXT_WORD.finditer(text, position, stop)):
        if count == limit or word.start() != end or word.group(1).lower() in stops:
            break
        end = word.end()
    return end


def _list_end(text: str, position: int, stop: int) -> int:
    """End of a short list of units: ``xã, thị trấn`` (two words an item, two commas at most)."""
    end = _words_end(text, position, 2, stop)
    for _ in range(2):
        if not text.startswith(",", end):
            break
        end = _words_end(text, end + 1, 2, stop)
    return end
