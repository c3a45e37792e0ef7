"""The deadlines as an iCalendar feed (RFC 5545) that calendar apps can subscribe to.

One all-day VEVENT per deadline:

- a day (``2024-09-20``) is an event on that day;
- a window (``từ 01/9/2023 đến 30/11/2023``) spans its first to its last day;
- a month or a year (``cuối tháng 3/2022``, ``hết năm 2023``) becomes an event
  on its last day, the registry's ``due_date`` (2022-03-31, 2023-12-31): the
  day by which the work must be done;
- an open window (``từ ngày 01/10/2024``, no end) is an event on its first day.

A deadline with no calendar day at all (a date the text got wrong) has no
event. The UID is the document's id and the deadline's place in it, which
processing a document again keeps, so re-subscribing or re-processing
updates events rather than duplicating them. DTSTAMP is when the document
was last saved. Events are TRANSPARENT: a deadline does not make anyone busy.
Escaping, folding of long Vietnamese lines at 75 octets and date values are
left to the ``icalendar`` package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from registry import Deadline

__all__ = ["deadlines_calendar", "event_days"]

_REFRESH = "PT6H"
"""How often subscribers should fetch the feed again."""


def deadlines_calendar(deadlines: Iterable[Deadline], *, document_url: Callable[[int], str]) -> bytes:
    """The feed: ``document_url(document_id)`` gives each event's URL (the document's API resource)."""
    calendar = Calendar()
    calendar.add("prodid", "-//congvan//deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Thời hạn công văn")
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", _REFRESH)
    for deadline in deadlines:
        days = event_days(deadline)
        if days is not None:
            calendar.add_component(_event(deadline, *days, document_url(deadline.document_id)))
    return calendar.to_ical()


def event_days(deadline: Deadline) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the deadline's event, or None when it names no calendar day."""
    start = _first_day(deadline.start_iso) if deadline.start_iso else None
    last = deadline.due_date or start
    if last is None:
        return None
    if start is None or start > last:
        start = last
    return start, last


def _first_day(iso: str) -> dt.date | None:
    """The first day an ISO date of any precision allows: ``2023`` → 1 January, ``2023-09`` → 1 September."""
    try:
        parts = [int(p) for p in iso.split("T")[0].split("-")]
        return dt.date(*parts, *[1] * (3 - len(parts)))
    except (ValueError, TypeError):
        return None


def _event(deadline: Deadline, first: dt.date, last: dt.date, url: str) -> Event:
    event = Event()
    event.add("uid", f"deadline-{deadline.document_id}-{deadline.position}@congvan")
    event.add("dtstamp", deadline.document.updated_at)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))  # all-day events end the day after (exclusive)
    event.add("summary", deadline.what)
    event.add("description", _description(deadline))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def _description(deadline: Deadline) -> str:
    document = deadline.document
    heading = f"Văn bản số {document.number or '(không rõ số)'}"
    if document.date:
        heading += f" ngày {document.date:%d/%m/%Y}"
    lines = [heading, f"Cơ quan ban hành: {document.issuer or '(không rõ)'}", f"Thời hạn (nguyên văn): {deadline.raw}"]
    return "\n".join(lines)
