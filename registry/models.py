"""The registry's tables: uploads, processing jobs, documents and their extracted items.

An ``Upload`` is a stored file (content-addressed, one row per SHA-256). A
``Job`` is one attempt to process it. A ``Document`` is the extraction of one
upload (reprocessing replaces it). Its list fields live in child tables, in the
order of the text and each with the provenance of its span, so that they can be
queried across documents; the complete extraction record is also kept as JSON
in ``Document.record``, the stable contract the API returns.

Around them, the registry proper: ``Body`` (a canonical issuer or recipient and
its aliases), who each directive is for, which target an achievement reports
against, which loaded document a citation names, the incoming register's
columns on ``Document`` (Decree 30/2020, Art. 22–24) and ``Correction``, the
audit trail of human changes that reprocessing re-applies. ``ApiToken`` says who
may use the service, with which ``Role``.

Timestamps are aware datetimes in UTC (see ``_types.UTCDateTime``).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from registry._base import Base
from registry._base import status_type as _status_type
from registry._register_models import (
    Body,
    BodyAlias,
    Correction,
    IncomingCounter,
    directive_bodies,
    document_recipients,
)
from registry._token_models import ApiToken, Role
from registry._types import JSONDocument, UTCDateTime, utcnow

__all__ = [
    "Achievement",
    "ApiToken",
    "Base",
    "Body",
    "BodyAlias",
    "Correction",
    "Deadline",
    "DeadlineStatus",
    "Directive",
    "Document",
    "IncomingCounter",
    "Job",
    "JobStatus",
    "ProcessingStatus",
    "Progress",
    "ReferencedDocument",
    "Role",
    "Target",
    "Upload",
    "UploadStatus",
    "directive_bodies",
    "document_recipients",
]


class UploadStatus(enum.StrEnum):
    STORED = "stored"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ProcessingStatus(enum.StrEnum):
    """Where the incoming register says a document stands (chờ xử lý, đang xử lý, đã xử lý)."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class DeadlineStatus(enum.StrEnum):
    """What is stored; ``overdue`` is not a status but a question of today (``Deadline.state``)."""

    OPEN = "open"
    MET = "met"


def _items_in_order(item_class: str) -> Any:
    """A document's items in text order; the database deletes them with the document
    (ON DELETE CASCADE, hence passive_deletes), the ORM when ``save`` replaces them."""
    return relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=f"{item_class}.position",
        foreign_keys=f"{item_class}.document_id",  # a citation also points at a document
    )


class Upload(Base):
    """A stored file, named by the SHA-256 of its bytes; the user's filename is metadata only."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(127))
    size_bytes: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(255))
    """Relative to the storage folder, with forward slashes."""
    status: Mapped[UploadStatus] = mapped_column(
        _status_type(UploadStatus, "upload_status"), default=UploadStatus.STORED
    )
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    document: Mapped[Document | None] = relationship(back_populates="upload", passive_deletes=True)


class Job(Base):
    """One attempt to process an upload; its id is what the API hands back to poll."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), index=True)
    status: Mapped[JobStatus] = mapped_column(_status_type(JobStatus, "job_status"), default=JobStatus.QUEUED)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    upload: Mapped[Upload] = relationship()


class Document(Base):
    """The extraction of one upload: scalar fields as columns, the full record as JSON."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), unique=True)
    doc_type: Mapped[str | None] = mapped_column(String(32))
    number: Mapped[str | None] = mapped_column(String(255))
    issuer: Mapped[str | None] = mapped_column(Text)
    issuer_folded: Mapped[str | None] = mapped_column(Text, index=True)
    """``fold(issuer)``: lower-case and accent-free, for accent-insensitive filters."""
    parent_issuer: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(255))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str | None] = mapped_column(String(255))
    signer_title: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int] = mapped_column(Integer)
    ocr_engine: Mapped[str] = mapped_column(String(64))
    ocr_confidence: Mapped[float] = mapped_column(Float)
    ocr_text: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    """The repaired text; provenance spans index into it."""
    record: Mapped[dict[str, object]] = mapped_column(JSONDocument)
    """``Extraction.to_record()``: the stable JSON contract, with provenance, recipients, cc, contacts."""
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    issuer_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"))
    number_folded: Mapped[str | None] = mapped_column(String(255), index=True)
    """``registry.links.number_key(number)``: how citations of this document are matched."""
    # The incoming register (sổ đăng ký văn bản đến). The number is given once and never reused.
    incoming_year: Mapped[int | None] = mapped_column(Integer)
    incoming_number: Mapped[int | None] = mapped_column(Integer)
    """Số đến: 1, 2, 3… within ``incoming_year``, the year of ``received_at`` in Vietnam."""
    received_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """Ngày đến: when the upload arrived."""
    assigned_to: Mapped[str | None] = mapped_column(Text)
    directing_note: Mapped[str | None] = mapped_column(Text)
    """Ý kiến chỉ đạo."""
    processing_status: Mapped[ProcessingStatus] = mapped_column(
        _status_type(ProcessingStatus, "processing_status"),
        default=ProcessingStatus.PENDING,
        server_default=ProcessingStatus.PENDING.value,
    )
    handling_deadline: Mapped[dt.date | None] = mapped_column(Date)
    """Hạn xử lý: the earliest extracted deadline unless a person set it."""

    __table_args__ = (
        UniqueConstraint("incoming_year", "incoming_number"),
        # A list by type comes newest first: the index gives that order, no sort.
        Index("ix_documents_doc_type_date", "doc_type", "date"),
        # With the id, the documents of an issuer come from the index alone (PostgreSQL too).
        Index("ix_documents_issuer_body_id_id", "issuer_body_id", "id"),
    )

    upload: Mapped[Upload] = relationship(back_populates="document")
    recipient_bodies: Mapped[list[Body]] = relationship(secondary=document_recipients, passive_deletes=True)
    directives: Mapped[list[Directive]] = _items_in_order("Directive")
    targets: Mapped[list[Target]] = _items_in_order("Target")
    achievements: Mapped[list[Achievement]] = _items_in_order("Achievement")
    deadlines: Mapped[list[Deadline]] = _items_in_order("Deadline")
    referenced_documents: Mapped[list[ReferencedDocument]] = _items_in_order("ReferencedDocument")


class _DocumentItem:
    """Columns every item table shares: its document, its order there, and where it came from."""

    # sort_order: shared keys first, provenance last, the item's own columns in between.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-3)
    # No index of its own: the unique (document_id, position) index leads with it.
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), sort_order=-2)
    position: Mapped[int] = mapped_column(Integer, sort_order=-1)
    """0-based order of the item in its document."""
    span_start: Mapped[int] = mapped_column(Integer, sort_order=1)
    span_end: Mapped[int] = mapped_column(Integer, sort_order=2)
    page: Mapped[int | None] = mapped_column(Integer, sort_order=3)
    confidence: Mapped[float] = mapped_column(Float, sort_order=4)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (UniqueConstraint("document_id", "position"),)

    @declared_attr
    def document(cls) -> Mapped[Document]:
        return relationship(
            back_populates=cls.__tablename__,  # type: ignore[attr-defined]
            foreign_keys=f"{cls.__name__}.document_id",
        )


class Directive(_DocumentItem, Base):
    __tablename__ = "directives"

    text: Mapped[str] = mapped_column(Text)

    bodies: Mapped[list[Body]] = relationship(secondary=directive_bodies, passive_deletes=True, order_by="Body.id")


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a target is met, from its best linked achievement; computed, never stored."""

    achievement_id: int
    value: float
    percent: float | None
    """``value / target.value × 100``; None for a target of 0."""


class Target(_DocumentItem, Base):
    """A quantified goal: ``metric`` ``comparator`` ``value`` ``unit`` for ``scope`` in ``period``."""

    __tablename__ = "targets"

    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    scope: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(255))
    comparator: Mapped[str | None] = mapped_column(String(2))

    linked_achievements: Mapped[list[Achievement]] = relationship(viewonly=True, order_by="Achievement.id")
    """Achievements that report against this target (``Achievement.target_id``), from any document."""

    @property
    def progress(self) -> Progress | None:
        """The best linked achievement: the highest value, or the lowest for a ceiling (``<=``)."""
        if not self.linked_achievements:
            return None
        sign = -1 if self.comparator == "<=" else 1
        best = max(self.linked_achievements, key=lambda a: (sign * a.value, a.id))
        percent = round(best.value / self.value * 100, 1) if self.value else None
        return Progress(best.id, best.value, percent)


class Achievement(_DocumentItem, Base):
    """A reported result, optionally as a share of its target."""

    __tablename__ = "achievements"

    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    percent_of_target: Mapped[float | None] = mapped_column(Float)
    who: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(255))
    target_id: Mapped[int | None] = mapped_column(
        ForeignKey("targets.id", ondelete="SET NULL"), index=True, sort_order=5
    )
    """The target it reports against (``registry.links``), in this document or another."""


class Deadline(_DocumentItem, Base):
    """A deadline as written (ISO at the text's precision) and the last day it allows."""

    __tablename__ = "deadlines"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        # Counting open, overdue or met deadlines, of all documents or of some, reads an index alone.
        return (
            UniqueConstraint("document_id", "position"),
            Index("ix_deadlines_due_date_status", "due_date", "status"),
            Index("ix_deadlines_document_id_due_date_status", "document_id", "due_date", "status"),
        )

    what: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    date_iso: Mapped[str | None] = mapped_column(String(32))
    start_iso: Mapped[str | None] = mapped_column(String(32))
    end_iso: Mapped[str | None] = mapped_column(String(32))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    """``2022-03`` → 2022-03-31, ``2025`` → 2025-12-31, a window → its end; for "due before" queries."""
    status: Mapped[DeadlineStatus] = mapped_column(
        _status_type(DeadlineStatus, "deadline_status"),
        default=DeadlineStatus.OPEN,
        server_default=DeadlineStatus.OPEN.value,
        sort_order=5,
    )

    def state(self, today: dt.date) -> str:
        """``met``, ``overdue`` (its last day is before ``today`` and it is not met) or ``open``."""
        if self.status == DeadlineStatus.MET:
            return "met"
        return "overdue" if self.due_date is not None and self.due_date < today else "open"


class ReferencedDocument(_DocumentItem, Base):
    """Another dispatch this one cites (căn cứ, thực hiện, theo …)."""

    __tablename__ = "referenced_documents"

    number: Mapped[str | None] = mapped_column(String(255))
    date: Mapped[dt.date | None] = mapped_column(Date)
    type: Mapped[str | None] = mapped_column(String(255))
    issuer: Mapped[str | None] = mapped_column(Text)
    number_folded: Mapped[str | None] = mapped_column(String(255), index=True, sort_order=5)
    cited_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True, sort_order=6
    )
    """The loaded document this citation names (same number, compatible year), if any.

    Not ``document_id``: every item table already has that column, for the document it is in.
    """
