"""Registry stage: uploads, documents and what they ask for, in SQL (SQLite or PostgreSQL).

    registry.upgrade(url)                                   # alembic upgrade head
    upload, created = registry.store_upload(session, data, filename=…, media_type=…, storage_dir=…)
    document = registry.save(session, upload, extraction, ocr_text=…, text=…, …)
    documents, total = registry.list_documents(session, issuer="lai chau")

Functions take a ``Session`` and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from registry._engine import make_engine, make_session_factory
from registry._migrate import upgrade
from registry.models import (
    Achievement,
    Base,
    Deadline,
    Directive,
    Document,
    Job,
    JobStatus,
    ReferencedDocument,
    Target,
    Upload,
    UploadStatus,
)
from registry.queries import (
    all_achievements,
    all_deadlines,
    all_targets,
    create_job,
    document_for_upload,
    find_document_for_upload,
    get_document,
    get_job,
    get_upload,
    get_upload_by_sha256,
    list_achievements,
    list_deadlines,
    list_directives,
    list_documents,
    list_referenced_documents,
    list_targets,
    list_uploads,
    mark_job_done,
    mark_job_failed,
    mark_job_running,
    set_upload_status,
    unfinished_jobs,
)
from registry.save import due_date, save
from registry.storage import sha256_of, store_upload, upload_path

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
    "all_achievements",
    "all_deadlines",
    "all_targets",
    "create_job",
    "document_for_upload",
    "due_date",
    "find_document_for_upload",
    "get_document",
    "get_job",
    "get_upload",
    "get_upload_by_sha256",
    "list_achievements",
    "list_deadlines",
    "list_directives",
    "list_documents",
    "list_referenced_documents",
    "list_targets",
    "list_uploads",
    "make_engine",
    "make_session_factory",
    "mark_job_done",
    "mark_job_failed",
    "mark_job_running",
    "save",
    "set_upload_status",
    "sha256_of",
    "store_upload",
    "unfinished_jobs",
    "upgrade",
    "upload_path",
]
