"""Corrections: a reviewer's changes to what extraction found, and the audit trail of them.

``PATCH`` sends only the fields to change. Each change is checked against
the field's column, recorded (who, when, old and new value) and applied;
processing the document again re-applies it, so a person's decision is never
lost to the machine's.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body

import registry
from congvan.errors import InvalidRequestError, NotFoundError
from service.api.deps import ReviewerToken, SessionDep
from service.api.schemas import CorrectionResponse, DocumentUpdate

router = APIRouter(tags=["corrections"])

ItemTable = Literal["directives", "targets", "achievements", "deadlines", "referenced_documents"]
_MODELS: dict[str, type[Any]] = {
    "directives": registry.Directive,
    "targets": registry.Target,
    "achievements": registry.Achievement,
    "deadlines": registry.Deadline,
    "referenced_documents": registry.ReferencedDocument,
}
ItemUpdate = Annotated[
    dict[str, Any],
    Body(
        description='The fields to change and their new values, e.g. {"value": 1200} for a target or '
        '{"status": "met"} for a deadline; see registry.ITEM_FIELDS for what each item allows.',
        examples=[{"value": 1200, "unit": "sáng kiến"}],
    ),
]


@router.patch("/documents/{document_id}", response_model=list[CorrectionResponse], summary="Correct a document")
def correct_document(
    session: SessionDep, document_id: int, update: DocumentUpdate, token: ReviewerToken
) -> list[CorrectionResponse]:
    """Returns the corrections this request recorded."""
    document = registry.get_document(session, document_id)
    fields = update.model_dump(exclude_unset=True)
    if not fields:
        raise InvalidRequestError('Nothing to correct: send the fields to change, e.g. {"number": "31/LĐLĐ"}.')
    made = [registry.correct_document(session, document, f, plain_json(v), token.name) for f, v in fields.items()]
    session.commit()
    return [_correction(c) for c in made]


@router.patch("/{table}/{item_id}", response_model=list[CorrectionResponse], summary="Correct an item")
def correct_item(
    session: SessionDep, table: ItemTable, item_id: int, update: ItemUpdate, token: ReviewerToken
) -> list[CorrectionResponse]:
    """A target, achievement, deadline, directive or cited document, by the id the list endpoints give."""
    item = session.get(_MODELS[table], item_id)
    if item is None:
        raise NotFoundError(f"There is no item {item_id} in {table}.")
    if not update:
        raise InvalidRequestError('Nothing to correct: send the fields to change, e.g. {"value": 1200}.')
    made = [
        registry.correct_item(session, item.document, table, item.position, field, value, token.name)
        for field, value in update.items()
    ]
    session.commit()
    return [_correction(c) for c in made]


@router.get(
    "/documents/{document_id}/corrections",
    response_model=list[CorrectionResponse],
    summary="A document's audit trail",
)
def list_corrections(session: SessionDep, document_id: int) -> list[CorrectionResponse]:
    registry.get_document(session, document_id)  # 404 for a document that does not exist
    return [_correction(c) for c in registry.list_corrections(session, document_id)]


def _correction(correction: registry.Correction) -> CorrectionResponse:
    return CorrectionResponse(
        id=correction.id,
        document_id=correction.document_id,
        item_table=correction.item_table,
        item_position=correction.item_position,
        field=correction.field,
        old_value=correction.old_value,
        new_value=correction.new_value,
        corrected_by=correction.corrected_by,
        corrected_at=correction.corrected_at,
    )


def plain_json(value: Any) -> Any:
    """JSON-ready: a date as ISO text, an enum as its value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "value", value)
