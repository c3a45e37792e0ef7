"""The repaired text, every change made to it, and the way back to the scan."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from congvan.types import Provenance
from ocr.types import OcrDocument

__all__ = ["Change", "NormalizedDocument"]


@dataclass(frozen=True, slots=True)
class Change:
    """One token the repair stage changed: where it is now, what it was, how sure."""

    start: int
    """Span in the repaired text (end exclusive)."""
    end: int
    source_start: int
    """Span of the original token in the source text."""
    source_end: int
    before: str
    after: str
    confidence: float
    reason: str
    """Which step made it: ``unicode``, ``tone_style``, ``restore``…"""

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class NormalizedDocument:
    text: str
    changes: tuple[Change, ...]
    source: OcrDocument
    warnings: tuple[str, ...] = ()
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts.extend(c.start for c in self.changes)

    def source_offset(self, position: int) -> int:
        """Map an offset of the repaired text to the same place in the source text."""
        index = bisect.bisect_right(self._starts, position) - 1
        if index < 0:
            return position
        change = self.changes[index]
        if position < change.end:
            return change.source_start + min(position - change.start, change.source_end - change.source_start)
        return change.source_end + (position - change.end)

    def provenance(self, start: int, end: int, confidence: float) -> Provenance:
        """Provenance of ``text[start:end]``, with page and box when the source was a scan."""
        page, bbox = self.source.locate(self.source_offset(start), self.source_offset(end))
        ocr_confidence = self._ocr_confidence(start, end)
        return Provenance(start, end, round(confidence * ocr_confidence, 4), page, bbox)

    def _ocr_confidence(self, start: int, end: int) -> float:
        words = self.source.words_in(self.source_offset(start), self.source_offset(end))
        if not words:
            return 1.0
        return min(word.confidence for _, word in words)
