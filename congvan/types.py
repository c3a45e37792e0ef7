"""Provenance types shared by the stages: where a value came from, how sure we are."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BBox", "Provenance"]


@dataclass(frozen=True, slots=True)
class BBox:
    """A box in page pixels: left, top, right, bottom (right and bottom exclusive)."""

    left: int
    top: int
    right: int
    bottom: int

    def __post_init__(self) -> None:
        if self.right < self.left or self.bottom < self.top:
            raise ValueError(f"inverted box {self}")

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def as_list(self) -> list[int]:
        return [self.left, self.top, self.right, self.bottom]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value stands in the repaired text, and on which page and box of the scan.

    ``start``/``end`` index the repaired text (end exclusive). ``page`` is 1-based
    and ``bbox`` is the union of the word boxes under the span; both are ``None``
    when the document came in as text.
    """

    start: int
    end: int
    confidence: float
    page: int | None = None
    bbox: BBox | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside 0..1")

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "page": self.page,
            "bbox": self.bbox.as_list() if self.bbox else None,
        }
