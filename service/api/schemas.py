"""Response schemas of the HTTP API (pydantic at the edge only)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

import registry

__all__ = [
    "AchievementResponse",
    "BodyResponse",
    "DeadlineResponse",
    "DirectiveResponse",
    "DocumentResponse",
    "DocumentSummary",
    "ErrorResponse",
    "JobResponse",
    "Page",
    "ProgressResponse",
    "ProvenanceResponse",
    "TargetResponse",
    "UploadAccepted",
    "CorrectionResponse",
    "DocumentUpdate",
    "RegisterEntry",
    "RegisterUpdate",
    "SearchHitResponse",
]

T = TypeVar("T")


class ErrorDetail(BaseModel):
    code: str
    message: str
    upload_id: int | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    """How many there are, counted up to ``registry.COUNT_LIMIT`` (10,000); past it, that number."""
    total_exact: bool = True
    """False when there are more than ``total``: counting them all would slow every page."""
    limit: int
    offset: int

    @model_validator(mode="after")
    def _cap_total(self) -> Page[T]:
        if self.total > registry.COUNT_LIMIT:
            self.total, self.total_exact = registry.COUNT_LIMIT, False
        return self


class UploadAccepted(BaseModel):
    upload_id: int
    sha256: str
    status: str
    job_id: str | None = None
    document_id: int | None = None
    duplicate: bool = False
    links: dict[str, str] = {}


class JobResponse(BaseModel):
    id: str
    status: str
    upload_id: int
    document_id: int | None
    error: ErrorDetail | None = None
    created_at: dt.datetime
    finished_at: dt.datetime | None


class DocumentSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    upload_id: int
    doc_type: str | None
    number: str | None
    issuer: str | None
    place: str | None
    date: dt.date | None
    subject: str | None
    page_count: int
    created_at: dt.datetime


class DocumentResponse(DocumentSummary):
    filename: str
    sha256: str
    ocr_engine: str | None
    ocr_confidence: float | None
    record: dict[str, Any]
    text: str


class ProvenanceResponse(BaseModel):
    start: int | None
    end: int | None
    page: int | None
    confidence: float | None


class _Item(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    document_id: int
    provenance: ProvenanceResponse


class DirectiveResponse(_Item):
    text: str
    body_ids: list[int] = []
    """The bodies it gives work to (see ``/bodies``)."""


class ProgressResponse(BaseModel):
    """The best achievement reported against a target, from any document."""

    model_config = ConfigDict(from_attributes=True)

    achievement_id: int
    value: float
    percent: float | None


class TargetResponse(_Item):
    metric: str
    value: float
    unit: str | None
    scope: str | None
    period: str | None
    comparator: str | None
    progress: ProgressResponse | None = None


class AchievementResponse(_Item):
    metric: str
    value: float
    unit: str | None
    percent_of_target: float | None
    who: str | None
    period: str | None


class DeadlineResponse(_Item):
    what: str
    raw: str
    date: str | None
    start: str | None
    end: str | None
    due_date: dt.date | None
    status: str
    """``open``, ``overdue`` (its day is past and it is not met) or ``met``."""


class BodyResponse(BaseModel):
    """A canonical issuer or recipient, with the other spellings that name it."""

    id: int
    name: str
    aliases: list[str]
    created_at: dt.datetime


class RegisterEntry(BaseModel):
    """One line of the incoming register (sổ đăng ký văn bản đến)."""

    document_id: int
    incoming_year: int | None
    incoming_number: int | None
    """Số đến: 1, 2, 3… within the year of ngày đến."""
    received_at: dt.datetime | None
    """Ngày đến: when the upload arrived."""
    number: str | None
    date: dt.date | None
    issuer: str | None
    doc_type: str | None
    subject: str | None
    assigned_to: str | None
    directing_note: str | None
    processing_status: str
    handling_deadline: dt.date | None
    overdue: bool
    """The handling deadline is past (in Vietnam's time) and the entry is not done."""


class RegisterUpdate(BaseModel):
    """The register fields an office fills in; only those sent change."""

    model_config = ConfigDict(extra="forbid")

    assigned_to: str | None = None
    directing_note: str | None = None
    processing_status: Literal["pending", "in_progress", "done"] | None = None
    handling_deadline: dt.date | None = None


class DocumentUpdate(BaseModel):
    """A document's extracted fields a reviewer may correct; only those sent change."""

    model_config = ConfigDict(extra="forbid")

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    subject: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None


class CorrectionResponse(BaseModel):
    """One entry of a document's audit trail."""

    id: int
    document_id: int
    item_table: str | None
    item_position: int | None
    field: str
    old_value: Any
    new_value: Any
    corrected_by: str
    corrected_at: dt.datetime


class SearchHitResponse(BaseModel):
    """A document that matches a search, with where in it."""

    model_config = ConfigDict(from_attributes=True)

    document_id: int
    doc_type: str | None
    number: str | None
    issuer: str | None
    date: dt.date | None
    subject: str | None
    score: float
    """Higher is better; comparable within one result only."""
    snippet: str
    """HTML, escaped: about 25 words of the text around the matches, each matched word in ``<mark>``."""
