"""The incoming register (sổ đăng ký văn bản đến, Decree 30/2020/NĐ-CP Art. 22–24), and its printable copy.

Every loaded document has a số đến and a ngày đến. An office fills in the
rest: the unit or person it goes to, the leader's directing note, where it
stands and the deadline for handling it (by default the earliest deadline
the letter sets). Those changes are corrections like any other: recorded
with who made them, and kept when the document is processed again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

import registry
from extract.types import DocType
from service.api.deps import ReviewerToken, SessionDep
from service.api.exports import Column, to_xlsx
from service.api.routers.corrections import plain_json
from service.api.schemas import Page, RegisterEntry, RegisterUpdate

router = APIRouter(tags=["register"])

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Year = Annotated[int | None, Query(ge=1900, le=2200, description="the year of ngày đến (số đến restarts each year)")]
Status = Annotated[registry.ProcessingStatus | None, Query(description="pending, in_progress or done")]
AssignedTo = Annotated[str | None, Query(description="part of the unit or person; accents and case are ignored")]


@router.get("/register", response_model=Page[RegisterEntry], summary="The incoming register, in số đến order")
def list_register(
    session: SessionDep,
    year: Year = None,
    status: Status = None,
    assigned_to: AssignedTo = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[RegisterEntry]:
    rows, total = registry.list_register(
        session, year=year, status=status, assigned_to=assigned_to, limit=limit, offset=offset
    )
    return Page(items=[_entry(d) for d in rows], total=total, limit=limit, offset=offset)


@router.get(
    "/register.xlsx",
    summary="The register as a spreadsheet, in the columns of the Decree's register",
    response_class=Response,
    responses={200: {"content": {_XLSX: {}}}},
)
def register_xlsx(
    session: SessionDep, year: Year = None, status: Status = None, assigned_to: AssignedTo = None
) -> Response:
    rows, _ = registry.list_register(session, year=year, status=status, assigned_to=assigned_to, limit=None)
    name = f"so-den-{year}.xlsx" if year else "so-den.xlsx"
    return Response(
        to_xlsx(REGISTER_COLUMNS, [_printed(d) for d in rows], title="Sổ đăng ký văn bản đến"),
        media_type=_XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.patch("/documents/{document_id}/register", response_model=RegisterEntry, summary="Fill in a register entry")
def update_register(
    session: SessionDep, document_id: int, update: RegisterUpdate, token: ReviewerToken
) -> RegisterEntry:
    """Only the fields sent change; each change goes into the document's corrections, under the token's name."""
    document = registry.get_document(session, document_id)
    for field, value in update.model_dump(exclude_unset=True).items():
        registry.correct_document(session, document, field, plain_json(value), token.name)
    session.commit()
    return _entry(document)


def _entry(document: registry.Document) -> RegisterEntry:
    return RegisterEntry(
        document_id=document.id,
        incoming_year=document.incoming_year,
        incoming_number=document.incoming_number,
        received_at=document.received_at,
        number=document.number,
        date=document.date,
        issuer=document.issuer,
        doc_type=document.doc_type,
        subject=document.subject,
        assigned_to=document.assigned_to,
        directing_note=document.directing_note,
        processing_status=document.processing_status,
        handling_deadline=document.handling_deadline,
        overdue=_overdue(document),
    )


def _overdue(document: registry.Document) -> bool:
    deadline, status = document.handling_deadline, document.processing_status
    return deadline is not None and status != registry.ProcessingStatus.DONE and deadline < registry.today()


@dataclass(frozen=True, slots=True)
class _Printed:
    """One line of the printed register: the Decree's columns, then the office's own."""

    received: dt.date | None
    number: str
    issuer: str
    symbol: str
    dated: dt.date | None
    summary: str
    assigned_to: str
    signature: str
    note: str
    deadline: dt.date | None
    status: str


_STATUS_LABELS = {"pending": "Chờ xử lý", "in_progress": "Đang xử lý", "done": "Đã xử lý"}

REGISTER_COLUMNS = (
    Column("Ngày đến", "received", width=12),
    Column("Số đến", "number", width=9),
    Column("Tác giả", "issuer", width=34),
    Column("Số, ký hiệu", "symbol", width=18),
    Column("Ngày tháng", "dated", width=12),
    Column("Tên loại và trích yếu nội dung", "summary", width=60),
    Column("Đơn vị hoặc người nhận", "assigned_to", width=26),
    Column("Ký nhận", "signature", width=10),
    Column("Ghi chú", "note", width=34),
    Column("Hạn giải quyết", "deadline", width=14),
    Column("Tình trạng xử lý", "status", width=14),
)
"""Columns 1–9 in the order of the register the Decree prescribes; the deadline and status after them."""


def _printed(document: registry.Document) -> _Printed:
    received = document.received_at.astimezone(registry.REGISTER_TIMEZONE).date() if document.received_at else None
    kind = DocType(document.doc_type).label if document.doc_type in set(DocType) else ""
    return _Printed(
        received=received,
        number=str(document.incoming_number or ""),
        issuer=document.issuer or "",
        symbol=document.number or "",
        dated=document.date,
        summary=" – ".join(part for part in (kind, document.subject or "") if part),
        assigned_to=document.assigned_to or "",
        signature="",
        note=document.directing_note or "",
        deadline=document.handling_deadline,
        status=_STATUS_LABELS.get(str(document.processing_status), ""),
    )
