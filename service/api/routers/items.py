"""What the letters ask for: targets, achievements, deadlines and directives, across documents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

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


def item_filter(
    doc_type: Annotated[str | None, Query(description="the document's type: cong_van, ke_hoach, …")] = None,
    date_from: Annotated[dt.date | None, Query(description="documents dated on or after")] = None,
    date_to: Annotated[dt.date | None, Query(description="documents dated on or before")] = None,
    metric: Annotated[str | None, Query(description="words of a target's or achievement's metric")] = None,
    sort: Annotated[
        str | None, Query(description=f"one of {', '.join(registry.SORT_KEYS)}; a leading - sorts descending")
    ] = None,
) -> registry.ItemFilter:
    """The filters and order every item list and export takes."""
    return registry.ItemFilter(doc_type=doc_type, date_from=date_from, date_to=date_to, metric=metric, sort=sort)


def item_query(
    where: Annotated[registry.ItemFilter, Depends(item_filter)],
    document_id: int | None = None,
    issuer: Issuer = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The filters and paging every item list takes."""
    return {"document_id": document_id, "issuer": issuer, "where": where, "limit": limit, "offset": offset}


ItemQuery = Annotated[dict[str, Any], Depends(item_query)]


def _page(model: type, rows: list[Any], total: int, query: dict[str, Any], **extra: Any) -> Page[Any]:
    items = []
    for row in rows:
        fields = {name: getattr(row, name, None) for name in model.model_fields if name != "provenance"}
        fields.update({key: getter(row) for key, getter in extra.items()})
        items.append(model(**fields, provenance=_provenance(row)))
    return Page(items=items, total=total, limit=query["limit"], offset=query["offset"])


@router.get("/targets", response_model=Page[TargetResponse])
def list_targets(session: SessionDep, query: ItemQuery) -> Page[Any]:
    return _page(TargetResponse, *registry.list_targets(session, **query), query)


@router.get("/achievements", response_model=Page[AchievementResponse])
def list_achievements(session: SessionDep, query: ItemQuery) -> Page[Any]:
    return _page(AchievementResponse, *registry.list_achievements(session, **query), query)


@router.get("/deadlines", response_model=Page[DeadlineResponse])
def list_deadlines(
    session: SessionDep,
    query: ItemQuery,
    due_before: dt.date | None = None,
    overdue: Annotated[bool | None, Query(description="past its day and not met (Vietnam's today)")] = None,
    status: Literal["open", "overdue", "met"] | None = None,
) -> Page[Any]:
    today = registry.today()
    rows, total = registry.list_deadlines(
        session, due_before=due_before, overdue=overdue, status=status, today=today, **query
    )
    return _page(
        DeadlineResponse,
        rows,
        total,
        query,
        date=lambda row: row.date_iso,
        start=lambda row: row.start_iso,
        end=lambda row: row.end_iso,
        status=lambda row: row.state(today),
    )


@router.get("/directives", response_model=Page[DirectiveResponse])
def list_directives(
    session: SessionDep,
    query: ItemQuery,
    body_id: Annotated[int | None, Query(description="only the directives that give work to this body")] = None,
) -> Page[Any]:
    rows, total = registry.list_directives(session, body_id=body_id, **query)
    return _page(DirectiveResponse, rows, total, query, body_ids=lambda row: [b.id for b in row.bodies])
