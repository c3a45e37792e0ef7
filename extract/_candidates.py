"""How components hand over what they found: spans in ``doc.spans[field]`` plus their values.

A component may propose several candidates for a field; the pickers in
``extract.assemble`` decide. Values travel beside the spans (spaCy spans hold
no arbitrary data) in ``doc.user_data``, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from extract._text import Line, folded, lines_of

__all__ = ["Candidate", "add", "candidates", "doc_lines", "fold_of", "text_of"]

_KEY = "congvan.candidates"


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    value: Any
    confidence: float


def text_of(doc: Doc) -> str:
    """``doc.text``, kept once per doc: spaCy rebuilds it from every token on each access."""
    key = "congvan.text"
    if key not in doc.user_data:
        doc.user_data[key] = doc.text
    return doc.user_data[key]


def fold_of(doc: Doc) -> str:
    """The folded text (``extract._text.folded``), kept once per doc for every component."""
    key = "congvan.fold"
    if key not in doc.user_data:
        doc.user_data[key] = folded(text_of(doc))
    return doc.user_data[key]


def add(doc: Doc, field: str, start: int, end: int, value: Any, confidence: float) -> None:
    """Record a candidate for ``field`` over ``text_of(doc)[start:end]``."""
    while end > start and text_of(doc)[end - 1].isspace():
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
        doc.user_data[key] = lines_of(text_of(doc))
    return doc.user_data[key]
