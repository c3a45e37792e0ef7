"""The bodies documents come from and are addressed to, each under its canonical name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

import registry
from service.api.deps import SessionDep
from service.api.schemas import BodyResponse, Page

router = APIRouter(tags=["registry"])


def _body(body: registry.Body) -> BodyResponse:
    return BodyResponse(id=body.id, name=body.name, aliases=[a.alias for a in body.aliases], created_at=body.created_at)


@router.get("/bodies", response_model=Page[BodyResponse])
def list_bodies(
    session: SessionDep,
    name: Annotated[str | None, Query(description="part of a name or alias; accents and case are ignored")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[BodyResponse]:
    rows, total = registry.list_bodies(session, name=name, limit=limit, offset=offset)
    return Page(items=[_body(b) for b in rows], total=total, limit=limit, offset=offset)


@router.get("/bodies/{body_id}", response_model=BodyResponse)
def get_body(session: SessionDep, body_id: int) -> BodyResponse:
    return _body(registry.get_body(session, body_id))
