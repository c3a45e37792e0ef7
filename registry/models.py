"""The registry's tables: uploads and jobs, documents, and what the documents ask for.

Portable between SQLite (the default) and PostgreSQL: JSON becomes JSONB on
PostgreSQL, timestamps are stored in UTC and come back timezone-aware.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Achievement",
    "Base",
    "Deadline",
    "Directive",
    "Document",
    "Job",
    "ReferencedDocument",
    "Target",
    "Upload",
    "utcnow",
]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware timestamps on every backend (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value


JsonType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


class Upload(Base):
    """A file as a user sent it, stored by content hash before anything else happens."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(200))
    """Relative to the storage folder."""
    status: Mapped[str] = mapped_column(String(20), default="stored")
    """``stored``, ``processing``, ``done`` or ``failed``."""
    error_code: Mapped[str | None] = mapped_column(String(50))
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Job(Base):
    """One run of the pipeline over an upload, as the API reports it."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    """``queued``, ``running``, ``done`` or ``failed``."""
    error_code: Mapped[str | None] = mapped_column(String(50))
    error_message: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class Document(Base):
    """What was read from one upload: the header fields as columns, the whole record as JSON."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"), unique=True)
    doc_type: Mapped[str | None] = mapped_column(String(20), index=True)
    number: Mapped[str | None] = mapped_column(String(100), index=True)
    issuer: Mapped[str | None] = mapped_column(String(300))
    issuer_folded: Mapped[str | None] = mapped_column(String(300), index=True)
    """``fold(issuer)``: lower-case, accent-free, for filters typed without accents."""
    parent_issuer: Mapped[str | None] = mapped_column(String(300))
    place: Mapped[str | None] = mapped_column(String(100))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    subject: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_title: Mapped[str | None] = mapped_column(String(200))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    ocr_engine: Mapped[str | None] = mapped_column(String(100))
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    ocr_text: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    """The repaired text; provenance spans index it."""
    record: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    directives: Mapped[list[Directive]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Directive.position"
    )
    targets: Mapped[list[Target]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Target.position"
    )
    achievements: Mapped[list[Achievement]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Achievement.position"
    )
    deadlines: Mapped[list[Deadline]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Deadline.position"
    )
    referenced_documents: Mapped[list[ReferencedDocument]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ReferencedDocument.position"
    )


class _Item:
    """Columns every extracted item has: its document, order, and where it was read."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float | None] = mapped_column(Float)


class Directive(_Item, Base):
    __tablename__ = "directives"

    text: Mapped[str] = mapped_column(Text)
    document: Mapped[Document] = relationship(back_populates="directives")


class Target(_Item, Base):
    __tablename__ = "targets"

    metric: Mapped[str] = mapped_column(String(300))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    scope: Mapped[str | None] = mapped_column(String(300))
    period: Mapped[str | None] = mapped_column(String(100))
    comparator: Mapped[str | None] = mapped_column(String(4))
    document: Mapped[Document] = relationship(back_populates="targets")


class Achievement(_Item, Base):
    __tablename__ = "achievements"

    metric: Mapped[str] = mapped_column(String(300))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(100))
    percent_of_target: Mapped[float | None] = mapped_column(Float)
    who: Mapped[str | None] = mapped_column(String(300))
    period: Mapped[str | None] = mapped_column(String(100))
    document: Mapped[Document] = relationship(back_populates="achievements")


class Deadline(_Item, Base):
    __tablename__ = "deadlines"

    what: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(String(300))
    date_iso: Mapped[str | None] = mapped_column(String(20))
    start_iso: Mapped[str | None] = mapped_column(String(20))
    end_iso: Mapped[str | None] = mapped_column(String(20))
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    """The last day the deadline's text allows: ``2022-03`` → 2022-03-31, a window → its end."""
    document: Mapped[Document] = relationship(back_populates="deadlines")


class ReferencedDocument(_Item, Base):
    __tablename__ = "referenced_documents"

    number: Mapped[str | None] = mapped_column(String(100), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    type: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(300))
    document: Mapped[Document] = relationship(back_populates="referenced_documents")
