"""The OCR result: a tree of pages, lines and words, each word with box and confidence.

``OcrDocument.text`` lays the tree out as plain text: words joined by a space,
lines by a newline, blocks by a blank line and pages by a form feed on a line
of its own (``PAGE_BREAK``). ``locate`` maps a character span of that text
back to the page and the union of the word boxes under it, which is how every
extracted value finds its place on the scan.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from congvan.types import BBox

__all__ = ["PAGE_BREAK", "OcrDocument", "OcrLine", "OcrOptions", "OcrPage", "OcrWord", "PageStatus", "mean_confidence"]

PAGE_BREAK = "\n\f\n"
_BLOCK_BREAK = "\n\n"


class PageStatus(enum.StrEnum):
    """How a page fared: a failed page is kept, marked, never silently blank."""

    OK = "ok"
    TIMED_OUT = "timed_out"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    bbox: BBox | None
    confidence: float

    def __post_init__(self) -> None:
        if not self.text or any(ch.isspace() for ch in self.text):
            raise ValueError(f"a word is one run of non-space characters, got {self.text!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside 0..1")


@dataclass(frozen=True, slots=True)
class OcrLine:
    words: tuple[OcrWord, ...]
    block: int = 0
    """Lines of one block (a region read in order) share this number on their page."""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox | None:
        boxes = [w.bbox for w in self.words if w.bbox is not None]
        if not boxes:
            return None
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return box


@dataclass(frozen=True, slots=True)
class OcrPage:
    number: int
    """1-based page number in the source file."""
    lines: tuple[OcrLine, ...]
    width: int = 0
    height: int = 0
    dpi: int | None = None
    status: PageStatus = PageStatus.OK
    error: str | None = None
    rotation: int = 0
    """Degrees the page was turned clockwise to stand upright."""
    skew: float = 0.0
    """Degrees of skew that pre-processing removed."""
    perspective: bool = False
    """Whether a photographed sheet was found and warped flat (boxes refer to the flattened page)."""

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("page numbers start at 1")
        if self.status is not PageStatus.OK and not self.error:
            raise ValueError("a page that did not read fine says why")

    @property
    def text(self) -> str:
        return _join_lines(self.lines)

    @property
    def confidence(self) -> float:
        return mean_confidence(self.lines)


@dataclass(frozen=True, slots=True)
class _Anchor:
    start: int
    end: int
    page: int
    word: OcrWord


@dataclass(frozen=True)
class OcrDocument:
    pages: tuple[OcrPage, ...]
    source_name: str = ""
    engine: str = ""
    """Engine and models that read the pages, e.g. ``tesseract 5.3.0 vie+Vietnamese``."""
    _anchors: list[_Anchor] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, source_name: str = "") -> OcrDocument:
        """A document that arrived as text: pages split on form feeds, no boxes, full confidence."""
        pages = []
        for number, page_text in enumerate(text.replace("\r\n", "\n").split("\f"), start=1):
            lines, block = [], 0
            for raw in page_text.split("\n"):
                words = tuple(OcrWord(t, None, 1.0) for t in raw.split())
                if not words:
                    block += 1
                    continue
                lines.append(OcrLine(words, block))
            pages.append(OcrPage(number, tuple(lines)))
        return cls(tuple(pages), source_name=source_name, engine="text")

    @cached_property
    def text(self) -> str:
        parts: list[str] = []
        offset = 0
        for page_index, page in enumerate(self.pages):
            if page_index:
                parts.append(PAGE_BREAK)
                offset += len(PAGE_BREAK)
            for line_index, line in enumerate(page.lines):
                if line_index:
                    sep = _BLOCK_BREAK if line.block != page.lines[line_index - 1].block else "\n"
                    parts.append(sep)
                    offset += len(sep)
                for word_index, word in enumerate(line.words):
                    if word_index:
                        parts.append(" ")
                        offset += 1
                    self._anchors.append(_Anchor(offset, offset + len(word.text), page.number, word))
                    parts.append(word.text)
                    offset += len(word.text)
        return "".join(parts)

    @property
    def confidence(self) -> float:
        return mean_confidence([line for page in self.pages for line in page.lines])

    def with_words(self, rewrite: Callable[[int, int, str], str]) -> OcrDocument:
        """A copy whose words are ``rewrite(start, end, text)``, offsets being those of ``self.text``.

        Boxes and confidences stay: this is how repaired text goes back onto the scan.
        """
        _ = self.text  # builds the anchors
        anchors = iter(self._anchors)
        pages = []
        for page in self.pages:
            lines = []
            for line in page.lines:
                words = []
                for word in line.words:
                    anchor = next(anchors)
                    text = rewrite(anchor.start, anchor.end, word.text)
                    # A rewrite that splits the word keeps the word as it was: one box, one word.
                    words.append(replace(word, text=text) if text and not any(c.isspace() for c in text) else word)
                lines.append(replace(line, words=tuple(words)))
            pages.append(replace(page, lines=tuple(lines)))
        return OcrDocument(tuple(pages), source_name=self.source_name, engine=self.engine)

    def words_in(self, start: int, end: int) -> list[tuple[int, OcrWord]]:
        """The (page, word) pairs whose characters overlap ``text[start:end]``."""
        _ = self.text  # builds the anchors
        starts = [a.start for a in self._anchors]
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        found = []
        for anchor in self._anchors[index:]:
            if anchor.start >= end and found:
                break
            if anchor.end > start and anchor.start < max(end, start + 1):
                found.append((anchor.page, anchor.word))
        return found

    def locate(self, start: int, end: int) -> tuple[int | None, BBox | None]:
        """Page and box of ``text[start:end]``: the first page it touches, the union of its boxes there."""
        words = self.words_in(start, end)
        if not words:
            return None, None
        page = words[0][0]
        box: BBox | None = None
        for word_page, word in words:
            if word_page == page and word.bbox is not None:
                box = word.bbox if box is None else box.union(word.bbox)
        return page, box


def mean_confidence(lines: Iterable[OcrLine]) -> float:
    """Mean word confidence of ``lines``; 0 when they hold no word."""
    words = [w for line in lines for w in line.words]
    return sum(w.confidence for w in words) / len(words) if words else 0.0


def _join_lines(lines: tuple[OcrLine, ...]) -> str:
    out: list[str] = []
    for index, line in enumerate(lines):
        if index:
            out.append(_BLOCK_BREAK if line.block != lines[index - 1].block else "\n")
        out.append(line.text)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class OcrOptions:
    """How to read a scan. Defaults are what the bench found best on this kind of letter."""

    lang: str = "vie"
    psm: int = 3
    dpi: int = 300
    """Rasterisation resolution for PDF pages."""
    perspective: bool = True
    """Find a photographed sheet's outline on the desk and warp it flat."""
    borders: bool = True
    """Paint out dark scanner borders and punch holes (Tesseract reads them as ``|``, ``@``, ``&``)."""
    flatten: bool = True
    orient: bool = True
    """Turn sideways and upside-down pages upright (Tesseract OSD, asked only when a page looks wrong)."""
    deskew: bool = True
    columns: bool = True
    """Read the two-column header and closing column by column (from the word boxes)."""
    page_timeout: float = 120.0
    """Seconds one page may take in Tesseract before it is marked timed out."""
    workers: int = 0
    """Pages read in parallel; 0 means one per CPU core."""
    work_dir: Path | None = None
    """Keep each page as OCR saw it (upright, straightened) here, as ``0001_page.jpg``."""
