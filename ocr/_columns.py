"""Reading order for the two-column parts of a Decree 30 letter.

The header (issuer left; national motto, place and date right) and the closing
(Nơi nhận left; signature right) are two columns; Tesseract often reads them
row by row, one line holding both. Here such lines are split at the column
gap, using the word boxes, and each column comes out as a block of its own:
left first, then right. Full-width lines (the body, a centred heading) end a
two-column stretch and are left as they are.

A long issuer name can run right up to the national title, leaving no gap, and
Tesseract may even read the two as one word (``BÌNHCỘNG HÒA XÃ HỘI…``). The
national title is fixed text in every Decree 30 letter, so such a word is split
again and the right column starts at ``CỘNG HÒA`` whatever the gap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from congvan.types import BBox
from ocr.types import OcrLine, OcrWord

__all__ = ["reorder_columns"]

_LEFT_END = 0.56
"""A left-column segment ends before this share of the page width…"""
_RIGHT_START = 0.38
"""…and a right-column segment starts after this one."""
_TITLE_START, _TITLE_NEXT = "CỘNG", ("HÒA", "HOÀ")
"""The national title's first two words: ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``."""


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
    words = _split_title(line.words)
    segments: list[list[OcrWord]] = [[words[0]]]
    for index in range(1, len(words)):
        previous, word = words[index - 1], words[index]
        gap = word.bbox.left - previous.bbox.right  # type: ignore[union-attr]
        if gap > threshold or _starts_title(words, index):
            segments.append([])
        segments[-1].append(word)
    return [_Segment(tuple(s), s[0].bbox.left, s[-1].bbox.right) for s in segments]  # type: ignore[union-attr]


def _starts_title(words: tuple[OcrWord, ...], index: int) -> bool:
    """The national title starts here: a column starts here even where no gap shows (a long
    issuer name can run right up to it)."""
    following = words[index + 1].text if index + 1 < len(words) else ""
    return words[index].text == _TITLE_START and following.startswith(_TITLE_NEXT)


def _split_title(words: tuple[OcrWord, ...]) -> tuple[OcrWord, ...]:
    """``BÌNHCỘNG`` before ``HÒA`` becomes ``BÌNH`` and ``CỘNG``, each with its share of the box.

    ``CỘNG`` is given the width its four letters take in ``HÒA`` (three letters)
    and ends one letter before it; the issuer's word keeps the rest, up to its
    own letters' width, so that the column gap between them shows again.
    """
    out = list(words)
    for index in range(len(words) - 1, 0, -1):
        word, following = words[index - 1], words[index]
        if not (word.text.endswith(_TITLE_START) and len(word.text) > len(_TITLE_START)):
            continue
        if not following.text.startswith(_TITLE_NEXT) or word.bbox is None or following.bbox is None:
            continue
        letter = max((following.bbox.right - following.bbox.left) // 3, 1)
        title_left = max(following.bbox.left - 5 * letter, word.bbox.left)
        head = word.text[: -len(_TITLE_START)]
        head_right = min(word.bbox.left + len(head) * letter, title_left)
        box = word.bbox
        out[index - 1 : index] = [
            replace(word, text=head, bbox=BBox(box.left, box.top, head_right, box.bottom)),
            replace(word, text=_TITLE_START, bbox=BBox(title_left, box.top, following.bbox.left - letter, box.bottom)),
        ]
    return tuple(out)


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
