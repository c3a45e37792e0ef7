"""What the letters ask for: targets, achievements, deadlines and directives, across documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

import registry
from service.api.deps import SessionDep
from service.api.schemas import (
    AchievementResponse,
    DeadlineResponse,
    DirectiveResponse,
    Page,
    ProvenanceResponse,
    TargetResponse,
)

router = APIRouter(tags=["registry"])

Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]
Issuer = Annotated[str | None, Query(description="part of the issuer's name; accents and case are ignored")]


def _provenance(row: Any) -> ProvenanceResponse:
    return ProvenanceResponse(start=row.span_start, end=row.span_end, page=row.page, confidence=row.confidence)


def _page(model: type, rows: list[Any], total: int, limit: int, offset: int, **extra: Any) -> Page[Any]:
    items = []
    for row in rows:
        fields = {name: getattr(row, name, None) for name in model.model_fields if name != "provenance"}
        fields.update({key: getter(row) for key, getter in extra.items()})
        items.append(model(**fields, provenance=_provenance(row)))
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/targets", response_model=Page[TargetResponse])
def list_targets(
    session: SessionDep,
    document_id: int | None = None,
    issuer: Issuer = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Any]:
    rows, total = registry.list_targets(session, document_id=document_id, issuer=issuer, limit=limit, offset=offset)
    return _page(TargetResponse, rows, total, limit, offset)


@router.get("/achievements", response_model=Page[AchievementResponse])
def list_achievements(
    session: SessionDep,
    document_id: int | None = None,
    issuer: Issuer = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Any]:
    rows, total = registry.list_achievements(
        session, document_id=document_id, issuer=issuer, limit=limit, offset=offset
    )
    return _page(AchievementResponse, rows, total, limit, offset)


@router.get("/deadlines", response_model=Page[DeadlineResponse])
def list_deadlines(
    session: SessionDep,
    document_id: int | None = None,
    issuer: Issuer = None,
    due_before: dt.date | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Any]:
    rows, total = registry.list_deadlines(
        session, document_id=document_id, issuer=issuer, due_before=due_before, limit=limit, offset=offset
    )
    return _page(
        DeadlineResponse,
        rows,
        total,
        limit,
        offset,
        date=lambda row: row.date_iso,
        start=lambda row: row.start_iso,
        end=lambda row: row.end_iso,
    )


@router.get("/directives", response_model=Page[DirectiveResponse])
def list_directives(
    session: SessionDep,
    document_id: int | None = None,
    issuer: Issuer = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[Any]:
    rows, total = registry.list_directives(session, document_id=document_id, issuer=issuer, limit=limit, offset=offset)
    return _page(DirectiveResponse, rows, total, limit, offset)
