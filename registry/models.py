"""The registry's tables: uploads, processing jobs, documents and their extracted items.

An ``Upload`` is a stored file (content-addressed, one row per SHA-256). A
``Job`` is one attempt to process it. A ``Document`` is the extraction of one
upload (reprocessing replaces it). Its list fields live in child tables, in the
order of the text and each with the provenance of its span, so that they can be
queried across documents; the complete extraction record is also kept as JSON
in ``Document.record``, the stable contract the API returns.

Timestamps are aware datetimes in UTC (see ``_types.UTCDateTime``).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import (
    Date,
    Enum,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from registry._types import JSONDocument, UTCDateTime, utcnow

__all__ = [
    "Achievement",
    "Base",
    "Deadline",
    "Directive",
    "Document",
    "Job",
    "JobStatus",
    "ReferencedDocument",
    "Target",
    "Upload",
    "UploadStatus",
]

# Named constraints, so that migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


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


def _status_type(enum_class: type[enum.StrEnum], name: str) -> Enum:
    """A VARCHAR with a CHECK constraint (no native PostgreSQL enum to migrate later)."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _items_in_order(item_class: str) -> Any:
    """A document's items in text order; the database deletes them with the document
    (ON DELETE CASCADE, hence passive_deletes), the ORM when ``save`` replaces them."""
    return relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=f"{item_class}.position",
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
    doc_type: Mapped[str | None] = mapped_column(String(32), index=True)
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

    upload: Mapped[Upload] = relationship(back_populates="document")
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
        return relationship(back_populates=cls.__tablename__)  # type: ignore[attr-defined]


class Directive(_DocumentItem, Base):
    __tablename__ = "directives"

    text: Mapped[str] = mapped_column(Text)


class Target(_DocumentItem, Base):
    """A quantified goal: ``metric`` ``comparator`` ``value`` ``unit`` for ``scope`` in ``period``."""

    __tablename__ = "targets"

    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    scope: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(255))
    comparator: Mapped[str | None] = mapped_column(String(2))


class Achievement(_DocumentItem, Base):
    """A reported result, optionally as a share of its target."""

    __tablename__ = "achievements"

    metric: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    percent_of_target: Mapped[float | None] = mapped_column(Float)
    who: Mapped[str | None] = mapped_column(Text)
    period: Mapped[str | None] = mapped_column(String(255))


class Deadline(_DocumentItem, Base):
    """A deadline as written (ISO at the text's precision) and the last day it allows."""

    __tablename__ = "deadlines"

    what: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    date_iso: Mapped[str | None] = mapped_column(String(32))
    start_iso: Mapped[str | None] = mapped_column(String(32))
    end_iso: Mapped[str | None] = mapped_column(String(32))
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    """``2022-03`` → 2022-03-31, ``2025`` → 2025-12-31, a window → its end; for "due before" queries."""


class ReferencedDocument(_DocumentItem, Base):
    """Another dispatch this one cites (căn cứ, thực hiện, theo …)."""

    __tablename__ = "referenced_documents"

    number: Mapped[str | None] = mapped_column(String(255))
    date: Mapped[dt.date | None] = mapped_column(Date)
    type: Mapped[str | None] = mapped_column(String(255))
    issuer: Mapped[str | None] = mapped_column(Text)
