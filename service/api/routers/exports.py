"""Exports: the item lists as files, with the lists' filters and without their paging.

    GET /api/v1/targets.{csv,xlsx}
    GET /api/v1/achievements.{csv,xlsx}
    GET /api/v1/deadlines.{csv,xlsx}    (also ``due_before``)
    GET /api/v1/deadlines.ics           an iCalendar feed to subscribe to (also ``due_before``)

The format is the path's extension, so that a saved link or a calendar
subscription is a plain URL. The files are built in memory: the registry's
lists are thousands of rows, not millions.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

import registry
from service.api import exports, ical
from service.api.deps import SessionDep
from service.api.routers.items import Issuer, item_filter
from service.api.schemas import ErrorResponse

__all__ = ["router"]

router = APIRouter(tags=["exports"])


class SheetFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


_MEDIA_TYPES = {
    SheetFormat.CSV: "text/csv",
    SheetFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ICS = "text/calendar"  # Starlette adds "; charset=utf-8" to text/* types
_SHEETS = (
    "CSV is UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly); XLSX has a bold, frozen header "
    "row and real dates. One row per item, with the document's number, date and issuer and the item's page and "
    "confidence. Same filters as the list, no paging: every matching item."
)

DueBefore = Annotated[
    dt.date | None, Query(description="only deadlines whose last day (`due_date`) is before this date")
]


def export_query(
    where: Annotated[registry.ItemFilter, Depends(item_filter)], document_id: int | None = None, issuer: Issuer = None
) -> dict[str, Any]:
    """The filters every export takes: those of the lists, less the paging."""
    return {"document_id": document_id, "issuer": issuer, "where": where}


ExportQuery = Annotated[dict[str, Any], Depends(export_query)]


def _sheet_route(items: str) -> dict[str, Any]:
    return {
        "response_class": Response,
        "summary": f"Export {items} as CSV or XLSX",
        "description": _SHEETS,
        "responses": {
            200: {
                "description": f"`{items}.csv` or `{items}.xlsx`, as an attachment",
                "content": {media: {} for media in _MEDIA_TYPES.values()},
            },
            422: {"model": ErrorResponse},
        },
    }


@router.get("/targets.{format}", **_sheet_route("targets"))
def export_targets(format: SheetFormat, session: SessionDep, query: ExportQuery) -> Response:
    return _sheet("targets", format, exports.TARGETS, registry.all_targets(session, **query))


@router.get("/achievements.{format}", **_sheet_route("achievements"))
def export_achievements(format: SheetFormat, session: SessionDep, query: ExportQuery) -> Response:
    return _sheet("achievements", format, exports.ACHIEVEMENTS, registry.all_achievements(session, **query))


# Before "/deadlines.{format}": the first route whose path matches answers, and "ics" is no SheetFormat.
@router.get(
    "/deadlines.ics",
    response_class=Response,
    summary="Subscribe to the deadlines as an iCalendar feed",
    description=(
        "One all-day event per deadline: on its day, across its window, or, for a month or a year "
        "(`cuối tháng 3/2022`), on its last day (`due_date`). UIDs are stable, so re-subscribing does not "
        "duplicate events. Each event links to its document's API resource."
    ),
    responses={200: {"description": "`deadlines.ics`", "content": {_ICS: {}}}, 422: {"model": ErrorResponse}},
)
def deadlines_feed(request: Request, session: SessionDep, query: ExportQuery, due_before: DueBefore = None) -> Response:
    rows = registry.all_deadlines(session, due_before=due_before, **query)

    def document_url(document_id: int) -> str:
        return str(request.url_for("get_document", document_id=document_id))

    body = ical.deadlines_calendar(rows, document_url=document_url)
    return _attachment(body, _ICS, "deadlines.ics")


@router.get("/deadlines.{format}", **_sheet_route("deadlines"))
def export_deadlines(
    format: SheetFormat, session: SessionDep, query: ExportQuery, due_before: DueBefore = None
) -> Response:
    rows = registry.all_deadlines(session, due_before=due_before, **query)
    return _sheet("deadlines", format, exports.DEADLINES, rows)


def _sheet(name: str, format: SheetFormat, columns: tuple[exports.Column, ...], rows: Iterable[Any]) -> Response:
    body = exports.to_csv(columns, rows) if format is SheetFormat.CSV else exports.to_xlsx(columns, rows, title=name)
    return _attachment(body, _MEDIA_TYPES[format], f"{name}.{format}")


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
