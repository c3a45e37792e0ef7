"""Where the parts of a Decree 30 letter are: header, recipients, body, closing.

Shared by the components so each finds the same boundaries. Labels are found
fuzzily on folded text, so ``Kinh giri`` and ``Noi nhan`` from a rough OCR
still anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract._lexicon import keywords
from extract._text import Line

__all__ = ["Layout", "find_label", "layout_of", "NUMBER_RE"]

NUMBER_RE = re.compile(
    r"(?<![a-z0-9])s[o6ô][\s:;.,]{0,3}"
    r"(\d+[a-z]?\s*(?:-\s*[a-z][\w.&]*\s*)?(?:/\s*[\w.&\-–]+(?:\s*[-–]\s*(?!v/v)[\w.&]+)*)+)"
)
"""``Số: 31 /LĐLĐ``, ``S6:960/LDLD``, the Party's and Đoàn's ``225 - KH/TWĐTN-CTTN`` (on folded text)."""


@dataclass(frozen=True, slots=True)
class Layout:
    number_line: int | None
    recipients_line: int | None
    cc_line: int | None
    body_start: int
    body_end: int


def find_label(lines: list[Line], labels: list[str], start: int = 0, stop: int | None = None) -> int | None:
    """Index of the first line that begins with one of ``labels`` (fuzzy, on folded text)."""
    for index in range(start, len(lines) if stop is None else min(stop, len(lines))):
        head = lines[index].fold[:20]
        for label in labels:
            if head.startswith(label) or fuzz.ratio(head[: len(label)], label) >= 80:
                return index
    return None


def _find_label_anywhere(lines: list[Line], labels: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if any(label in lines[index].fold for label in labels):
            return index
    return None


def layout_of(lines: list[Line]) -> Layout:
    kw = keywords()
    number_line = next((i for i, line in enumerate(lines[:40]) if NUMBER_RE.search(line.fold)), None)
    recipients = find_label(lines, kw["recipients_label"], 0, 60)
    if recipients is None:
        recipients = _telegram_label(lines[:60])
    cc = find_label(lines, kw["cc_label"], (recipients or number_line or 0) + 1)
    if cc is None:
        cc = _find_label_anywhere(lines, kw["cc_label"], (recipients or number_line or 0) + 1)
    if recipients is not None:
        body_start = recipients + 1
        while body_start < len(lines) and _is_list_item(lines[body_start]):
            body_start += 1
    else:
        body_start = (number_line or 0) + 1
    return Layout(number_line, recipients, cc, body_start, cc if cc is not None else len(lines))


_TELEGRAM = re.compile(r"^([^:]{3,80}?)\s+điện\s*:\s*$", re.IGNORECASE)


def _telegram_label(lines: list[Line]) -> int | None:
    """A công điện's ``THỦ TƯỚNG CHÍNH PHỦ điện:``, which stands where ``Kính gửi:`` would.

    The sender is in capitals; ``… gồm đại diện:`` in a plan is no such label.
    """
    for index, line in enumerate(lines):
        match = _TELEGRAM.match(line.text.strip())
        if match and match.group(1).isupper():
            return index
    return None


def _is_list_item(line: Line) -> bool:
    return bool(re.match(r"[-–+•]\s*", line.text)) and len(line.text) < 200
