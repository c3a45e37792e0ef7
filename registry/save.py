"""``registry.save``: an extraction into the registry, idempotently per upload.

An upload has at most one document. Processing it again overwrites the
document's fields and replaces its items, so saving twice gives the same rows,
never duplicates. Nothing is committed here: the caller owns the transaction.

What a person decided survives: the corrections recorded for the document are
made again after the fields and items are replaced, and the register's
columns (số đến, ngày đến, who handles it, the directing note, status) are
never overwritten. Then bodies, directive assignees and links to other
documents are worked out again (``registry._derive.refresh``).

What is saved is the same on SQLite and PostgreSQL, though PostgreSQL is
stricter about strings: see :func:`_storable` and :func:`_fit_columns`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from congvan.types import Provenance
from extract.types import Deadline as ExtractedDeadline
from extract.types import Extraction
from registry._derive import refresh
from registry.corrections import reapply_corrections
from registry.models import (
    Achievement,
    Base,
    Deadline,
    Directive,
    Document,
    ReferencedDocument,
    Target,
    Upload,
)
from registry.register import register_incoming

__all__ = ["due_date", "save"]


def save(
    session: Session,
    upload: Upload,
    extraction: Extraction,
    *,
    ocr_text: str,
    text: str,
    page_count: int,
    ocr_engine: str,
    ocr_confidence: float,
) -> Document:
    """Create the upload's document, or replace what an earlier run saved for it."""
    document = session.scalar(select(Document).where(Document.upload_id == upload.id))
    if document is None:
        document = Document(upload=upload)
        session.add(document)
    else:
        _clear_items(session, document)
    record = _storable_json(extraction.to_record())
    document.doc_type = record["doc_type"]
    document.number = record["number"]
    document.issuer = record["issuer"]
    document.parent_issuer = record["parent_issuer"]
    document.place = record["place"]
    document.date = extraction.date.value if extraction.date else None
    document.subject = record["subject"]
    document.signer_name = record["signer_name"]
    document.signer_title = record["signer_title"]
    document.page_count = page_count
    document.ocr_engine = ocr_engine
    document.ocr_confidence = round(ocr_confidence, 4)
    document.ocr_text = ocr_text
    document.text = text
    document.record = record
    _replace_items(document, extraction)
    items = (*document.directives, *document.targets, *document.achievements, *document.deadlines)
    for row in (document, *items, *document.referenced_documents):
        _fit_columns(row)
    register_incoming(session, document, upload)
    reapply_corrections(session, document)
    refresh(session, document)
    return document


def _storable(text: str) -> str:
    """``text`` with each NUL as U+FFFD: PostgreSQL refuses NUL in text and JSON (SQLite keeps it).

    One character for one, so that provenance spans into the text stay right.
    """
    return text.replace("\x00", "\ufffd")


def _storable_json(value: Any) -> Any:
    if isinstance(value, str):
        return _storable(value)
    if isinstance(value, dict):
        return {_storable(k): _storable_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_storable_json(v) for v in value)
    return value


def _fit_columns(row: Base) -> None:
    """Make the row's strings storable: no NUL, and no longer than their VARCHAR.

    PostgreSQL refuses a value longer than its column where SQLite stores it
    whole; such a value (OCR noise read as a unit or a number) is cut to the
    column, the same on both. ``Document.record`` keeps every value whole.
    """
    state = inspect(row)
    for attribute in state.mapper.column_attrs:
        value = state.dict.get(attribute.key)  # only what is set: nothing is loaded here
        if isinstance(value, str):
            length = getattr(attribute.columns[0].type, "length", None)
            fitted = _storable(value)[:length] if length else _storable(value)
            if fitted != value:
                setattr(row, attribute.key, fitted)


def _clear_items(session: Session, document: Document) -> None:
    """Delete the old items first: the unit of work inserts before it deletes, and the new
    items reuse the (document, position) pairs that the old ones hold."""
    document.directives = []
    document.targets = []
    document.achievements = []
    document.deadlines = []
    document.referenced_documents = []
    session.flush()


def _replace_items(document: Document, extraction: Extraction) -> None:
    document.directives = [
        Directive(text=d.text, **_where(i, d.provenance)) for i, d in enumerate(extraction.directives)
    ]
    document.targets = [
        Target(
            metric=t.metric,
            value=t.value,
            unit=t.unit,
            scope=t.scope,
            period=t.period,
            comparator=t.comparator,
            **_where(i, t.provenance),
        )
        for i, t in enumerate(extraction.targets)
    ]
    document.achievements = [
        Achievement(
            metric=a.metric,
            value=a.value,
            unit=a.unit,
            percent_of_target=a.percent_of_target,
            who=a.who,
            period=a.period,
            **_where(i, a.provenance),
        )
        for i, a in enumerate(extraction.achievements)
    ]
    document.deadlines = [
        Deadline(
            what=d.what,
            raw=d.raw,
            date_iso=d.date,
            start_iso=d.start,
            end_iso=d.end,
            due_date=_due(d),
            **_where(i, d.provenance),
        )
        for i, d in enumerate(extraction.deadlines)
    ]
    document.referenced_documents = [
        ReferencedDocument(number=r.number, date=r.date, type=r.type, issuer=r.issuer, **_where(i, r.provenance))
        for i, r in enumerate(extraction.referenced_documents)
    ]


def _where(position: int, provenance: Provenance) -> dict[str, Any]:
    return {
        "position": position,
        "span_start": provenance.start,
        "span_end": provenance.end,
        "page": provenance.page,
        "confidence": provenance.confidence,
    }


def _due(deadline: ExtractedDeadline) -> dt.date | None:
    """A window is due at its end; an open window ("từ 01/6") has no last day."""
    return due_date(deadline.end or deadline.date)


def due_date(iso: str | None) -> dt.date | None:
    """The last day an ISO date of any precision allows.

    ``2022-03`` → 2022-03-31, ``2025`` → 2025-12-31, ``2025-11-22T18:00`` →
    2025-11-22. A value that is no calendar date (``2022-02-30``) gives None: it
    stays as written in ``date_iso`` and only drops out of "due before" queries,
    rather than failing the whole document.
    """
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("T")[0].split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return dt.date(*parts)
    except (ValueError, TypeError):
        return None
