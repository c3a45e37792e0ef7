"""From candidates to the ``Extraction``: pick scalars, keep lists in order, attach provenance."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from extract._candidates import Candidate, candidates
from extract.types import Achievement, Contact, Deadline, Extraction, Item, ReferencedDocument, Target, Value
from normalize.types import NormalizedDocument

__all__ = ["build"]

_SCALARS = (
    "doc_type",
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "subject",
    "signer_name",
    "signer_title",
)


def build(doc: Doc, source: NormalizedDocument) -> Extraction:
    def where(c: Candidate) -> Any:
        return source.provenance(c.start, c.end, c.confidence)

    fields: dict[str, Any] = {}
    for name in _SCALARS:
        found = candidates(doc, name)
        if found:
            best = max(found, key=lambda c: c.confidence)  # the first of equals
            fields[name] = Value(best.value, where(best))
    for name in ("recipients", "cc", "directives"):
        fields[name] = tuple(Item(c.value, where(c)) for c in _unique(candidates(doc, name)))
    fields["referenced_documents"] = tuple(
        ReferencedDocument(*c.value, provenance=where(c)) for c in _unique(candidates(doc, "referenced_documents"))
    )
    fields["targets"] = tuple(
        Target(metric, value, unit, scope, period, where(c), comparator)
        for c in _unique(candidates(doc, "targets"))
        for metric, value, unit, scope, period, comparator in [c.value]
    )
    fields["achievements"] = tuple(
        Achievement(*c.value, provenance=where(c)) for c in _unique(candidates(doc, "achievements"))
    )
    fields["deadlines"] = tuple(
        Deadline(what, raw, where(c), date=date, start=start, end=end)
        for c in _unique(candidates(doc, "deadlines"))
        for what, raw, date, start, end in [c.value]
    )
    fields["contacts"] = tuple(Contact(*c.value, provenance=where(c)) for c in _unique(candidates(doc, "contacts")))
    return Extraction(**fields)


def _unique(found: list[Candidate]) -> list[Candidate]:
    """Drop repeats: the same value proposed twice (two rules, or an overlapping span)."""
    seen: set[Any] = set()
    out = []
    for candidate in sorted(found, key=lambda c: c.start):
        key = repr(candidate.value)
        if key not in seen:
            seen.add(key)
            out.append(candidate)
    return out
