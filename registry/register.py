"""The incoming register (sổ đăng ký văn bản đến, Decree 30/2020/NĐ-CP Art. 22–24).

A document gets its số đến when it is first saved: 1, 2, 3… within the
calendar year of its ngày đến (the upload's arrival, in Vietnam's time), and
the count starts again at 1 each January. The next number comes from a
counter row per year, taken with one INSERT … ON CONFLICT DO UPDATE … RETURNING:
on PostgreSQL that statement locks the year's row until the transaction ends,
so two saves at once get two numbers, and a save that rolls back gives its
number back with it; SQLite has one writer at a time anyway. A number once
committed is never given again, even when its document is deleted.

"Today" for deadlines is also Vietnam's: a deadline is overdue from the day after it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from normalize import fold
from registry._sql import upsert_insert
from registry.models import Document, IncomingCounter, ProcessingStatus, Upload

__all__ = [
    "REGISTER_TIMEZONE",
    "earliest_due",
    "list_register",
    "next_incoming_number",
    "register_incoming",
    "today",
]

REGISTER_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> dt.date:
    return dt.datetime.now(REGISTER_TIMEZONE).date()


def register_incoming(session: Session, document: Document, upload: Upload) -> None:
    """Give the document its ngày đến and số đến, once; a later save keeps them."""
    if document.received_at is None:
        document.received_at = upload.created_at
    if document.incoming_number is None:
        year = document.received_at.astimezone(REGISTER_TIMEZONE).year
        document.incoming_year, document.incoming_number = year, next_incoming_number(session, year)


def next_incoming_number(session: Session, year: int) -> int:
    """The year's next số đến, counted in the database (see the module docstring)."""
    counter = IncomingCounter.__table__.c
    statement = (
        upsert_insert(session, IncomingCounter)
        .values(year=year, last_number=1)
        .on_conflict_do_update(index_elements=["year"], set_={"last_number": counter.last_number + 1})
        .returning(counter.last_number)
    )
    return int(session.execute(statement).scalar_one())


def earliest_due(document: Document) -> dt.date | None:
    """The first last-day among the document's deadlines: the default hạn xử lý."""
    return min((d.due_date for d in document.deadlines if d.due_date is not None), default=None)


def list_register(
    session: Session,
    *,
    year: int | None = None,
    status: str | None = None,
    assigned_to: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[Document], int]:
    """The register's entries in số đến order (by year, then number), with the total that match.

    ``assigned_to`` matches part of the unit or person, accents and case folded;
    ``limit=None`` gives every entry (the printable export).
    """
    query = select(Document).where(Document.incoming_number.is_not(None))
    if year is not None:
        query = query.where(Document.incoming_year == year)
    if status is not None:
        query = query.where(Document.processing_status == ProcessingStatus(status))
    if assigned_to:
        wanted = fold(assigned_to)
        query = query.where(Document.assigned_to.is_not(None))
        rows = [d for d in session.scalars(query.order_by(*_ORDER)) if wanted in fold(d.assigned_to or "")]
        return (rows[offset : offset + limit] if limit is not None else rows[offset:]), len(rows)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(*_ORDER).offset(offset)
    return list(session.scalars(query.limit(limit) if limit is not None else query)), total


_ORDER = (Document.incoming_year, Document.incoming_number)
