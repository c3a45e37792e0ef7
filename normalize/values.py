"""Value normalisers: Vietnamese dates, numbers and percents as written in dispatches.

Numbers use ``.`` for thousands and ``,`` for decimals (``1.775``, ``47,5``);
dates come as ``ngày 24 tháng 6 năm 2022`` or ``24/6/2022``. Each parser works
on text with or without diacritics, so OCR that lost the accents still parses.
"""

from __future__ import annotations

import datetime as dt
import re

from normalize._tone import fold

__all__ = [
    "DATE_PATTERN",
    "NUMBER_PATTERN",
    "parse_partial_date",
    "parse_percent",
    "parse_vi_date",
    "parse_vi_number",
]

NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
"""A number as written: ``1.775``, ``1.200.000``, ``47,5``, ``01``."""

_NUMERIC_DATE = r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})"
_WORDED_DATE = r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})"  # ``ngày`` may stand before
DATE_PATTERN = rf"(?:(?:ngay\s+)?{_WORDED_DATE}|(?:ngay\s+)?{_NUMERIC_DATE})"
"""A full date on folded text (lower-case, no accents)."""

_DATE_RE = re.compile(DATE_PATTERN)
_MONTH_RE = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
_YEAR_RE = re.compile(r"nam\s+(\d{4})")
_CLOCK_RE = re.compile(r"(\d{1,2})\s*(?:gio|h)\s*(\d{2})?(?:\s*phut)?")
_MULTIPLIERS = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9}


def parse_vi_date(text: str) -> dt.date | None:
    """The first full date in ``text``: ``ngày 24 tháng 6 năm 2022``, ``24/6/2022``, ``24-6-2022``."""
    match = _DATE_RE.search(fold(text))
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_partial_date(text: str) -> str | None:
    """ISO at the text's precision: a clock time, a day, a month (``tháng 3/2022``) or a year."""
    folded = fold(text)
    day = parse_vi_date(text)
    if day is not None:
        clock = _CLOCK_RE.search(folded[: _DATE_RE.search(folded).start()])  # type: ignore[union-attr]
        if clock and 0 <= int(clock.group(1)) < 24:
            minutes = int(clock.group(2) or 0)
            return f"{day.isoformat()}T{int(clock.group(1)):02d}:{minutes:02d}"
        return day.isoformat()
    month = _MONTH_RE.search(folded)
    if month and 1 <= int(month.group(1)) <= 12:
        return f"{int(month.group(2)):04d}-{int(month.group(1)):02d}"
    year = _YEAR_RE.search(folded)
    return year.group(1) if year else None


def parse_vi_number(text: str) -> float | None:
    """``1.775`` → 1775, ``47,5`` → 47.5, ``01`` → 1, ``2,5 triệu`` → 2500000."""
    match = re.search(NUMBER_PATTERN, text)
    if not match:
        return None
    value = float(match.group().replace(".", "").replace(",", "."))
    after = fold(text[match.end() :]).split()
    if after and after[0] in _MULTIPLIERS:
        value *= _MULTIPLIERS[after[0]]
    return value


def parse_percent(text: str) -> float | None:
    """``148%``, ``148 %``, ``47,5%`` → 148.0, 147.5; None when there is no percent."""
    match = re.search(rf"({NUMBER_PATTERN})\s*%", text)
    return parse_vi_number(match.group(1)) if match else None
