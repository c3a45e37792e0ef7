"""How components hand over what they found: spans in ``doc.spans[field]`` plus their values.

A component may propose several candidates for a field; the pickers in
``extract.assemble`` decide. Values travel beside the spans (spaCy spans hold
no arbitrary data) in ``doc.user_data``, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from extract._text import Line, lines_of

__all__ = ["Candidate", "add", "candidates", "doc_lines"]

_KEY = "congvan.candidates"


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    value: Any
    confidence: float


def add(doc: Doc, field: str, start: int, end: int, value: Any, confidence: float) -> None:
    """Record a candidate for ``field`` over ``doc.text[start:end]``."""
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    span = doc.char_span(start, end, label=field, alignment_mode="expand")
    if span is None or value in (None, "", ()):
        return
    if field not in doc.spans:
        doc.spans[field] = []
    doc.spans[field].append(span)
    doc.user_data.setdefault(_KEY, {}).setdefault(field, []).append(Candidate(start, end, value, confidence))


def candidates(doc: Doc, field: str) -> list[Candidate]:
    return list(doc.user_data.get(_KEY, {}).get(field, []))


def doc_lines(doc: Doc) -> list[Line]:
    """The document's lines, computed once per doc and shared by the components."""
    key = "congvan.lines"
    if key not in doc.user_data:
        doc.user_data[key] = lines_of(doc.text)
    return doc.user_data[key]
