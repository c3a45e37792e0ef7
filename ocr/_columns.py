"""Reading order for the two-column parts of a Decree 30 letter.

The header (issuer left; national motto, place and date right) and the closing
(Nơi nhận left; signature right) are two columns; Tesseract often reads them
row by row, one line holding both. Here such lines are split at the column
gap, using the word boxes, and each column comes out as a block of its own:
left first, then right. Full-width lines (the body, a centred heading) end a
two-column stretch and are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocr.types import OcrLine, OcrWord

__all__ = ["reorder_columns"]

_LEFT_END = 0.56
"""A left-column segment ends before this share of the page width…"""
_RIGHT_START = 0.38
"""…and a right-column segment starts after this one."""


@dataclass(frozen=True, slots=True)
class _Segment:
    words: tuple[OcrWord, ...]
    left: int
    right: int


def reorder_columns(lines: tuple[OcrLine, ...], page_width: int) -> tuple[OcrLine, ...]:
    """Lines with each two-column stretch read column by column."""
    if page_width <= 0 or any(w.bbox is None for line in lines for w in line.words):
        return lines
    out: list[OcrLine] = []
    next_block = max((line.block for line in lines), default=0) + 1
    index = 0
    while index < len(lines):
        stretch = _two_column_stretch(lines, index, page_width)
        if stretch is None:
            out.append(lines[index])
            index += 1
            continue
        end, left, right = stretch
        for side in (left, right):
            out.extend(OcrLine(words, next_block) for words in side)
            next_block += 1
        index = end
    return tuple(out)


def _two_column_stretch(
    lines: tuple[OcrLine, ...], start: int, width: int
) -> tuple[int, list[tuple[OcrWord, ...]], list[tuple[OcrWord, ...]]] | None:
    """The stretch from ``start`` of lines that sit in columns, if it holds a true two-column row."""
    left: list[tuple[OcrWord, ...]] = []
    right: list[tuple[OcrWord, ...]] = []
    split_rows = 0
    index = start
    while index < len(lines):
        sides = _sides(_segments(lines[index], width), width)
        if sides is None:
            break
        left_words, right_words = sides
        split_rows += bool(left_words and right_words)
        if left_words:
            left.append(left_words)
        if right_words:
            right.append(right_words)
        index += 1
    if split_rows < 2:
        return None
    return index, left, right


def _segments(line: OcrLine, width: int) -> list[_Segment]:
    """Runs of words separated by a column gap: over two character heights and 3 % of the page.

    The median height, not the largest: capitals with stacked tone marks stand tall.
    """
    heights = sorted(w.bbox.bottom - w.bbox.top for w in line.words)  # type: ignore[union-attr]
    threshold = max(2.0 * heights[len(heights) // 2], 0.03 * width)
    segments: list[list[OcrWord]] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:], strict=False):
        gap = word.bbox.left - previous.bbox.right  # type: ignore[union-attr]
        if gap > threshold:
            segments.append([])
        segments[-1].append(word)
    return [_Segment(tuple(s), s[0].bbox.left, s[-1].bbox.right) for s in segments]  # type: ignore[union-attr]


def _sides(segments: list[_Segment], width: int) -> tuple[tuple[OcrWord, ...], tuple[OcrWord, ...]] | None:
    """(left words, right words) when every segment sits in one column; None for a full-width line."""
    left: list[OcrWord] = []
    right: list[OcrWord] = []
    for segment in segments:
        if len(segments) == 1 and abs((segment.left + segment.right) / 2 - width / 2) < 0.05 * width:
            return None  # a centred heading (KẾ HOẠCH, a title) spans both columns
        if segment.right <= _LEFT_END * width and not right:
            left.extend(segment.words)
        elif segment.left >= _RIGHT_START * width:
            right.extend(segment.words)
        else:
            return None
    return tuple(left), tuple(right)
