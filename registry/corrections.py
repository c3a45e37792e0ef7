"""Corrections: a person's change to a document, recorded, applied, and applied again after reprocessing.

    correct_document(session, document, "number", "961/LĐLĐ", "văn thư")
    correct_document(session, document, "assigned_to", "Phòng Tổ chức", "chánh văn phòng")
    correct_item(session, document, "deadlines", 0, "status", "met", "văn thư")

Only the fields in :data:`DOCUMENT_FIELDS` and :data:`ITEM_FIELDS` can be
changed. A value is checked against its column (type, choices, empty, length)
and kept in the audit trail as JSON beside the value it replaced. ``save``
replaces a document's fields and items with what extraction found and then
calls :func:`reapply_corrections`, so what a person decided always wins; an
item is found again by its table and position. The document's ``record`` is
patched too, so that the record the API returns shows the corrected value.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
from typing import Any

from sqlalchemy import Column, Date, Enum, Float, String, select
from sqlalchemy.orm import Session

from congvan.errors import InvalidRequestError, NotFoundError
from extract.types import DocType
from registry._derive import refresh
from registry.models import (
    Achievement,
    Base,
    Correction,
    Deadline,
    Directive,
    Document,
    ReferencedDocument,
    Target,
)

__all__ = [
    "DOCUMENT_FIELDS",
    "ITEM_FIELDS",
    "REGISTER_FIELDS",
    "correct_document",
    "correct_item",
    "list_corrections",
    "reapply_corrections",
]

REGISTER_FIELDS = ("assigned_to", "directing_note", "processing_status", "handling_deadline")
"""The incoming register's columns a person fills in; reprocessing never touches them."""
DOCUMENT_FIELDS = (
    "doc_type",
    "number",
    "issuer",
    "parent_issuer",
    "place",
    "date",
    "subject",
    "signer_name",
    "signer_title",
) + REGISTER_FIELDS
ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "directives": ("text",),
    "targets": ("metric", "value", "unit", "scope", "period", "comparator"),
    "achievements": ("metric", "value", "unit", "percent_of_target", "who", "period"),
    "deadlines": ("what", "due_date", "status"),
    "referenced_documents": ("number", "date", "type", "issuer"),
}
_ITEM_MODELS: dict[str, type[Base]] = {
    "directives": Directive,
    "targets": Target,
    "achievements": Achievement,
    "deadlines": Deadline,
    "referenced_documents": ReferencedDocument,
}
_CHOICES = {"doc_type": tuple(t.value for t in DocType), "comparator": (">=", "<=", "=")}


def correct_document(session: Session, document: Document, field: str, value: Any, by: str) -> Correction:
    """Set a field of the document (or of its register entry), and record who did it."""
    _check_field(field, DOCUMENT_FIELDS, "a document")
    return _correct(session, document, None, None, field, value, by)


def correct_item(
    session: Session, document: Document, table: str, position: int, field: str, value: Any, by: str
) -> Correction:
    """Set a field of the document's item at ``position`` in ``table`` (``targets``, ``deadlines``…)."""
    if table not in ITEM_FIELDS:
        raise InvalidRequestError(f"There are no items called {table!r}; these are: {', '.join(ITEM_FIELDS)}.")
    _check_field(field, ITEM_FIELDS[table], f"an item of {table}")
    if _item(document, table, position) is None:
        raise NotFoundError(f"Document {document.id} has no item at position {position} of {table}.")
    return _correct(session, document, table, position, field, value, by)


def reapply_corrections(session: Session, document: Document) -> None:
    """Make every recorded correction again, oldest first; one whose item is gone is skipped (and kept)."""
    if document.id is None:
        return
    for correction in list_corrections(session, document.id):
        _apply(document, correction.item_table, correction.item_position, correction.field, correction.new_value)


def list_corrections(session: Session, document_id: int) -> list[Correction]:
    """The document's audit trail, oldest first."""
    query = select(Correction).where(Correction.document_id == document_id).order_by(Correction.id)
    return list(session.scalars(query))


def _check_field(field: str, allowed: tuple[str, ...], what: str) -> None:
    if field not in allowed:
        raise InvalidRequestError(f"{field!r} cannot be corrected on {what}; these can: {', '.join(allowed)}.")


def _correct(
    session: Session, document: Document, table: str | None, position: int | None, field: str, value: Any, by: str
) -> Correction:
    who = (by or "").strip()
    if not who:
        raise InvalidRequestError("A correction needs the name of the person who made it.")
    row: Any = document if table is None else _item(document, table, position)
    new_value = _as_json(_convert(row.__table__.c[field], value, field))
    correction = Correction(
        document_id=document.id,
        item_table=table,
        item_position=position,
        field=field,
        old_value=_as_json(getattr(row, field)),
        new_value=new_value,
        corrected_by=who,
    )
    session.add(correction)
    _apply(document, table, position, field, new_value)
    refresh(session, document)
    return correction


def _item(document: Document, table: str, position: int | None) -> Base | None:
    return next((item for item in getattr(document, table) if item.position == position), None)


def _apply(document: Document, table: str | None, position: int | None, field: str, value: Any) -> None:
    row: Any = document if table is None else _item(document, table, position)
    if row is None:
        return
    setattr(row, field, _convert(row.__table__.c[field], value, field))
    _patch_record(document, table, position, field, value)


def _patch_record(document: Document, table: str | None, position: int | None, field: str, value: Any) -> None:
    """The corrected value in the record too, where the record has that field (not ``due_date``, ``status``)."""
    record = copy.deepcopy(document.record)
    holder: Any = record
    if table is not None:
        items = record.get(table)
        inside = isinstance(items, list) and position is not None and 0 <= position < len(items)
        holder = items[position] if inside else None  # type: ignore[index]
    if isinstance(holder, dict) and field in holder:
        holder[field] = value
        document.record = record


def _convert(column: Column[Any], value: Any, field: str) -> Any:
    """``value`` as ``column`` holds it; InvalidRequestError says what is wrong with it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if column.nullable:
            return None
        raise InvalidRequestError(f"{field} cannot be empty.")
    kind = column.type
    if isinstance(kind, Enum) or field in _CHOICES:
        choices = kind.enums if isinstance(kind, Enum) else _CHOICES[field]
        text = value.value if isinstance(value, enum.Enum) else str(value)
        if text not in choices:
            raise InvalidRequestError(f"{field} must be one of {', '.join(choices)}, not {text!r}.")
        return kind.enum_class(text) if isinstance(kind, Enum) and kind.enum_class else text
    if isinstance(kind, Date):
        return _date(value, field)
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise InvalidRequestError(f"{field} must be a number, not {value!r}.")
        try:
            return float(value)
        except ValueError as e:
            raise InvalidRequestError(f"{field} must be a number, not {value!r}.") from e
    if isinstance(kind, String):
        text = str(value).strip().replace("\x00", "\ufffd")  # PostgreSQL refuses NUL
        if kind.length and len(text) > kind.length:
            raise InvalidRequestError(f"{field} is at most {kind.length} characters long.")
        return text
    raise InvalidRequestError(f"{field} cannot be corrected.")


def _date(value: Any, field: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise InvalidRequestError(f"{field} must be a date as YYYY-MM-DD, not {value!r}.") from e


def _as_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
