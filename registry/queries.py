"""Queries: functions that take a Session. Lists return ``(rows, total)`` for pagination.

Issuer filters ignore case and accents: ``issuer="lai chau"`` finds "Liên đoàn
Lao động tỉnh Lai Châu", through the folded names and aliases of the issuers'
bodies (:func:`_issued_by`). Filters on the documents are a subquery of their
ids, so that a list of items pages and counts on its own indexes. The
``all_*`` functions take the same filters as the lists but return every row,
with its document loaded, for exports.

Targets come with their linked achievements loaded, for ``Target.progress``;
a deadline's ``overdue`` is worked out here against today (Vietnam's date),
never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, func, literal_column, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from congvan.errors import InvalidRequestError, NotFoundError
from normalize import fold
from registry._keys import body_key
from registry._types import utcnow
from registry.models import (
    Achievement,
    Body,
    BodyAlias,
    Deadline,
    DeadlineStatus,
    Directive,
    Document,
    Job,
    JobStatus,
    ReferencedDocument,
    Target,
    Upload,
    UploadStatus,
    directive_bodies,
)
from registry.register import today as register_today

__all__ = [
    "COUNT_LIMIT",
    "DEADLINE_STATES",
    "SORT_KEYS",
    "ItemFilter",
    "all_achievements",
    "all_deadlines",
    "all_targets",
    "create_job",
    "document_for_upload",
    "find_document_for_upload",
    "get_body",
    "get_document",
    "get_job",
    "get_upload",
    "get_upload_by_sha256",
    "list_achievements",
    "list_bodies",
    "list_deadlines",
    "list_directives",
    "list_documents",
    "list_referenced_documents",
    "list_targets",
    "list_uploads",
    "mark_job_done",
    "mark_job_failed",
    "mark_job_running",
    "set_upload_status",
    "unfinished_jobs",
]

M = TypeVar("M")

DEADLINE_STATES = ("open", "overdue", "met")
"""What ``Deadline.state`` answers and the ``status`` filter takes."""


COUNT_LIMIT = 10_000
"""Lists count their rows up to this many; a total past it is ``COUNT_LIMIT + 1``, shown as "more than".

An exact count of 100,000 deadlines reads 100,000 index entries (20–35 ms) on every page; the
first 10,001 cost a few. Search engines answer the same way (bench/RESULTS.md)."""


def _page(session: Session, query: Select[tuple[M]], limit: int, offset: int) -> tuple[list[M], int]:
    """A page of ``query`` and how many rows it has (at most ``COUNT_LIMIT + 1``)."""
    # A constant, not the rows: the count then reads indexes only, where they hold the filters.
    rows_only = query.order_by(None).with_only_columns(literal_column("1"), maintain_column_froms=True)
    counted = rows_only.limit(COUNT_LIMIT + 1).subquery()
    total = session.scalar(select(func.count()).select_from(counted)) or 0
    rows = list(session.scalars(query.limit(limit).offset(offset)))
    return rows, total


def _contains(typed: str) -> str:
    """A LIKE pattern for the folded text; ``%`` and ``_`` typed by a user match themselves."""
    escaped = fold(typed.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_LISTED_BODIES = 1000
"""Up to this many bodies an issuer filter names by id (``_issued_by``); more, by a subquery."""


def _issuer_filter(session: Session, query: Select[Any], issuer: str | None) -> Select[Any]:
    if not issuer or not issuer.strip():
        return query
    return query.where(_issued_by(session, issuer))


def _issued_by(session: Session, issuer: str) -> Any:
    """Documents whose issuer's body has ``issuer`` in its name or an alias, accents and case ignored.

    The aliases hold every spelling a letter used for its issuer (``registry.bodies``), so
    this finds what a match on the documents' own issuer would, and more: what is typed is
    also written out as body names are ("UBND tỉnh" finds letters that spell out "Ủy ban nhân
    dân tỉnh"), and a merged body's old names count. It reads two small tables and an index, where a substring match on
    the documents scans all of them (25 ms at 100,000 documents, bench/RESULTS.md).
    """
    patterns = {_contains(issuer), _contains(body_key(issuer) or issuer)}
    named = select(Body.id).where(or_(*(Body.name_folded.like(p, escape="\\") for p in patterns)))
    aliased = select(BodyAlias.body_id).where(or_(*(BodyAlias.alias_folded.like(p, escape="\\") for p in patterns)))
    bodies = named.union(aliased)
    # The bodies' ids as values, when there are not too many: PostgreSQL then knows from its
    # statistics how many documents they issued, and plans the page and the count for that.
    found = list(session.scalars(bodies.limit(_LISTED_BODIES + 1)))
    return Document.issuer_body_id.in_(found if len(found) <= _LISTED_BODIES else bodies)


# Documents and uploads


def list_documents(
    session: Session,
    *,
    issuer: str | None = None,
    doc_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Document], int]:
    query = _issuer_filter(session, select(Document), issuer)
    if doc_type:
        query = query.where(Document.doc_type == doc_type)
    return _page(session, query.order_by(Document.date.desc().nulls_last(), Document.id.desc()), limit, offset)


def get_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"There is no document {document_id}.")
    return document


def find_document_for_upload(session: Session, upload: Upload) -> Document | None:
    return session.scalar(select(Document).where(Document.upload_id == upload.id))


def document_for_upload(session: Session, upload: Upload) -> Document:
    document = find_document_for_upload(session, upload)
    if document is None:
        raise NotFoundError(f"Upload {upload.id} has no document yet (status {upload.status}).")
    return document


def get_upload(session: Session, upload_id: int) -> Upload:
    upload = session.get(Upload, upload_id)
    if upload is None:
        raise NotFoundError(f"There is no upload {upload_id}.")
    return upload


def get_upload_by_sha256(session: Session, sha256: str) -> Upload:
    upload = session.scalar(select(Upload).where(Upload.sha256 == sha256))
    if upload is None:
        raise NotFoundError(f"No upload has the SHA-256 {sha256}.")
    return upload


def list_uploads(session: Session, *, limit: int = 50, offset: int = 0) -> list[Upload]:
    """The newest uploads first."""
    return list(session.scalars(select(Upload).order_by(Upload.id.desc()).limit(limit).offset(offset)))


def set_upload_status(
    session: Session,
    upload: Upload,
    status: UploadStatus | str,
    *,
    error_code: str | None = None,
    error_message: str | None = None,
) -> None:
    """Record how processing the upload went; a status other than ``failed`` clears the error."""
    upload.status = UploadStatus(status)
    upload.error_code = error_code
    upload.error_message = error_message
    session.flush()


# Jobs


def create_job(session: Session, upload: Upload) -> Job:
    job = Job(upload=upload, status=JobStatus.QUEUED)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: str) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFoundError(f"There is no job {job_id}.")
    return job


def unfinished_jobs(session: Session) -> list[Job]:
    """Jobs still queued or running (after a stop, nothing is working on them)."""
    query = select(Job).where(Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING])).order_by(Job.created_at)
    return list(session.scalars(query))


def mark_job_running(session: Session, job: Job) -> None:
    job.status = JobStatus.RUNNING
    session.flush()


def mark_job_done(session: Session, job: Job, document: Document) -> None:
    job.status, job.document_id, job.finished_at = JobStatus.DONE, document.id, utcnow()
    job.error_code = job.error_message = None
    session.flush()


def mark_job_failed(session: Session, job: Job, *, error_code: str, error_message: str) -> None:
    job.status, job.error_code, job.error_message, job.finished_at = (
        JobStatus.FAILED,
        error_code,
        error_message,
        utcnow(),
    )
    session.flush()


# What the documents ask for


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """What every item list may be narrowed and ordered by, beyond its own filters."""

    doc_type: str | None = None
    date_from: dt.date | None = None
    """The document's date, inclusive, as are ``date_to``."""
    date_to: dt.date | None = None
    metric: str | None = None
    """Words of a target's or achievement's metric (case-insensitive)."""
    sort: str | None = None
    """A key of :data:`SORT_KEYS`, ``-`` before it for descending: ``-date``, ``value``."""


SORT_KEYS = ("date", "issuer", "value", "due_date", "metric")
"""What lists sort by: the document's date or issuer, or the item's own value, due date or metric."""


def _items(
    session: Session,
    model: type[M],
    document_id: int | None,
    issuer: str | None,
    where: ItemFilter | None = None,
    *,
    with_documents: bool = False,
) -> Select[tuple[M]]:
    """The items, in document then text order unless ``where.sort`` says otherwise.

    Filters on the document are a subquery of document ids, and ``documents`` is
    joined only to sort by one of its fields (or ``with_documents``, for
    exports): that way a page and its count come from the items' own indexes,
    ``(document_id, position)`` for the order, and never sort or count through a
    join (bench/RESULTS.md, the registry at 100,000 documents).
    """
    where = where or ItemFilter()
    query = select(model)
    if document_id is not None:
        query = query.where(model.document_id == document_id)  # type: ignore[attr-defined]
    of_documents = _document_conditions(session, issuer, where.doc_type, where.date_from, where.date_to)
    if of_documents:
        query = query.where(model.document_id.in_(select(Document.id).where(*of_documents)))  # type: ignore[attr-defined]
    if where.metric and hasattr(model, "metric"):
        words = where.metric.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(func.lower(model.metric).like(f"%{words}%", escape="\\"))  # type: ignore[attr-defined]
    order, by_document = _order(model, where.sort)
    if by_document or with_documents:
        query = query.join(Document, Document.id == model.document_id)  # type: ignore[attr-defined]
    return query.order_by(*order, model.document_id, model.position)  # type: ignore[attr-defined]


def _document_conditions(
    session: Session, issuer: str | None, doc_type: str | None, date_from: dt.date | None, date_to: dt.date | None
) -> list[Any]:
    conditions = []
    if issuer and issuer.strip():
        conditions.append(_issued_by(session, issuer))
    if doc_type:
        conditions.append(Document.doc_type == doc_type)
    if date_from:
        conditions.append(Document.date >= date_from)
    if date_to:
        conditions.append(Document.date <= date_to)
    return conditions


def _order(model: type[Any], sort: str | None) -> tuple[list[Any], bool]:
    """The ORDER BY columns for ``sort``, and whether they are the document's."""
    if not sort:
        return [], False
    key = sort.lstrip("-")
    columns = {"date": Document.date, "issuer": Document.issuer_folded}
    column = columns.get(key, getattr(model, key, None) if key in SORT_KEYS else None)
    if column is None:
        raise InvalidRequestError(f"Cannot sort by {sort!r}; sort by one of {', '.join(SORT_KEYS)} (- for descending).")
    order = column.desc().nulls_last() if sort.startswith("-") else column.asc().nulls_last()
    return [order], key in columns


def list_targets(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    where: ItemFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Target], int]:
    """Targets with what has been achieved against them: ``target.progress``."""
    query = _items(session, Target, document_id, issuer, where).options(selectinload(Target.linked_achievements))
    # populate_existing: a link made since the target was loaded is in the database, not in the session.
    return _page(session, query.execution_options(populate_existing=True), limit, offset)


def list_achievements(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    where: ItemFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Achievement], int]:
    return _page(session, _items(session, Achievement, document_id, issuer, where), limit, offset)


def list_directives(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    body_id: int | None = None,
    where: ItemFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Directive], int]:
    """Directives, with the bodies they are for; ``body_id`` keeps those for that body."""
    query = _items(session, Directive, document_id, issuer, where).options(selectinload(Directive.bodies))
    if body_id is not None:
        query = query.where(
            Directive.id.in_(select(directive_bodies.c.directive_id).where(directive_bodies.c.body_id == body_id))
        )
    return _page(session, query, limit, offset)


def list_referenced_documents(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    where: ItemFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[ReferencedDocument], int]:
    return _page(session, _items(session, ReferencedDocument, document_id, issuer, where), limit, offset)


def list_deadlines(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    due_before: dt.date | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    today: dt.date | None = None,
    where: ItemFilter | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Deadline], int]:
    """Deadlines; ``status`` is ``open``, ``overdue`` or ``met`` as ``Deadline.state(today)`` says."""
    query = _deadlines(
        session, document_id, issuer, due_before, status=status, overdue=overdue, today=today, where=where
    )
    return _page(session, query, limit, offset)


def _deadlines(
    session: Session,
    document_id: int | None,
    issuer: str | None,
    due_before: dt.date | None,
    *,
    status: str | None = None,
    overdue: bool | None = None,
    today: dt.date | None = None,
    where: ItemFilter | None = None,
    with_documents: bool = False,
) -> Select[tuple[Deadline]]:
    query = _items(session, Deadline, document_id, issuer, where, with_documents=with_documents)
    if due_before is not None:
        query = query.where(Deadline.due_date < due_before)
    late = (Deadline.status == DeadlineStatus.OPEN) & (Deadline.due_date < (today or register_today()))
    if overdue is not None:
        query = query.where(late if overdue else ~late | Deadline.due_date.is_(None))
    if status is not None:
        query = query.where(_in_state(status, late))
    return query


def _in_state(status: str, late: Any) -> Any:
    if status not in DEADLINE_STATES:
        raise InvalidRequestError(f"A deadline's status is one of {', '.join(DEADLINE_STATES)}, not {status!r}.")
    if status == "met":
        return Deadline.status == DeadlineStatus.MET
    if status == "overdue":
        return late
    return (Deadline.status == DeadlineStatus.OPEN) & or_(Deadline.due_date.is_(None), ~late)


# Every row at once, for exports


def _every(session: Session, model: type[M], query: Select[tuple[M]]) -> list[M]:
    """All rows of ``query``, each with its document filled from the join (one query, no paging)."""
    return list(session.scalars(query.options(contains_eager(model.document))))  # type: ignore[attr-defined]


def all_targets(
    session: Session, *, document_id: int | None = None, issuer: str | None = None, where: ItemFilter | None = None
) -> list[Target]:
    return _every(session, Target, _items(session, Target, document_id, issuer, where, with_documents=True))


def all_achievements(
    session: Session, *, document_id: int | None = None, issuer: str | None = None, where: ItemFilter | None = None
) -> list[Achievement]:
    return _every(session, Achievement, _items(session, Achievement, document_id, issuer, where, with_documents=True))


def all_deadlines(
    session: Session,
    *,
    document_id: int | None = None,
    issuer: str | None = None,
    due_before: dt.date | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    where: ItemFilter | None = None,
) -> list[Deadline]:
    query = _deadlines(
        session, document_id, issuer, due_before, status=status, overdue=overdue, where=where, with_documents=True
    )
    return _every(session, Deadline, query)


# Bodies


def get_body(session: Session, body_id: int) -> Body:
    body = session.get(Body, body_id)
    if body is None:
        raise NotFoundError(f"There is no body {body_id}.")
    return body


def list_bodies(
    session: Session, *, name: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Body], int]:
    """Bodies by name, with their aliases; ``name`` matches part of the name or of an alias, accents ignored."""
    query = select(Body).options(selectinload(Body.aliases)).order_by(Body.name_folded, Body.id)
    if name and name.strip():
        pattern = _contains(name)
        aliased = select(BodyAlias.body_id).where(BodyAlias.alias_folded.like(pattern, escape="\\"))
        query = query.where(or_(Body.name_folded.like(pattern, escape="\\"), Body.id.in_(aliased)))
    return _page(session, query, limit, offset)
