"""Registry stage: uploads, documents and what they ask for, in SQL (SQLite or PostgreSQL).

    registry.upgrade(url)                                   # alembic upgrade head
    upload, created = registry.store_upload(session, data, filename=…, media_type=…, storage_dir=…)
    document = registry.save(session, upload, extraction, ocr_text=…, text=…, …)
    documents, total = registry.list_documents(session, issuer="lai chau")
    targets, total = registry.list_targets(session)         # target.progress: what was achieved
    registry.correct_item(session, document, "deadlines", 0, "status", "met", "văn thư")
    registry.merge_bodies(session, keep_id=3, merge_id=9)
    hits, total = registry.search(session, "lai chau sang kien", doc_type="cong_van")  # accents optional
    token, secret = registry.create_token(session, "văn thư", "uploader")  # secret shown once
    token = registry.authenticate(session, secret)         # None: unknown or revoked

Functions take a ``Session`` and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from registry._engine import make_engine, make_session_factory
from registry._migrate import upgrade
from registry.bodies import add_alias, body_key, find_body, merge_bodies, resolve_body
from registry.corrections import (
    DOCUMENT_FIELDS,
    ITEM_FIELDS,
    REGISTER_FIELDS,
    correct_document,
    correct_item,
    list_corrections,
)
from registry.links import METRIC_MATCH, number_key
from registry.models import (
    Achievement,
    ApiToken,
    Base,
    Body,
    BodyAlias,
    Correction,
    Deadline,
    DeadlineStatus,
    Directive,
    Document,
    IncomingCounter,
    Job,
    JobStatus,
    ProcessingStatus,
    Progress,
    ReferencedDocument,
    Role,
    Target,
    Upload,
    UploadStatus,
)
from registry.queries import (
    COUNT_LIMIT,
    DEADLINE_STATES,
    SORT_KEYS,
    ItemFilter,
    all_achievements,
    all_deadlines,
    all_targets,
    create_job,
    document_for_upload,
    find_document_for_upload,
    get_body,
    get_document,
    get_job,
    get_upload,
    get_upload_by_sha256,
    list_achievements,
    list_bodies,
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
from registry.register import REGISTER_TIMEZONE, list_register, today
from registry.save import due_date, save
from registry.search import SearchHit, index_document, remove_document, search
from registry.storage import sha256_of, store_upload, upload_path
from registry.tokens import authenticate, create_token, list_tokens, revoke_token

__all__ = [
    "COUNT_LIMIT",
    "DEADLINE_STATES",
    "DOCUMENT_FIELDS",
    "ITEM_FIELDS",
    "ItemFilter",
    "SORT_KEYS",
    "METRIC_MATCH",
    "REGISTER_FIELDS",
    "REGISTER_TIMEZONE",
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
    "SearchHit",
    "Target",
    "Upload",
    "UploadStatus",
    "add_alias",
    "all_achievements",
    "all_deadlines",
    "all_targets",
    "authenticate",
    "body_key",
    "correct_document",
    "correct_item",
    "create_job",
    "create_token",
    "document_for_upload",
    "due_date",
    "find_body",
    "find_document_for_upload",
    "get_body",
    "get_document",
    "get_job",
    "get_upload",
    "get_upload_by_sha256",
    "index_document",
    "list_achievements",
    "list_bodies",
    "list_corrections",
    "list_deadlines",
    "list_directives",
    "list_documents",
    "list_referenced_documents",
    "list_register",
    "list_targets",
    "list_tokens",
    "list_uploads",
    "make_engine",
    "make_session_factory",
    "mark_job_done",
    "mark_job_failed",
    "mark_job_running",
    "merge_bodies",
    "number_key",
    "remove_document",
    "resolve_body",
    "revoke_token",
    "save",
    "search",
    "set_upload_status",
    "sha256_of",
    "store_upload",
    "today",
    "unfinished_jobs",
    "upgrade",
    "upload_path",
]
