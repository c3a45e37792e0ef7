"""Accepting an upload, the same way for the API and the staff page.

Store first, whatever the bytes; check quickly that they can be read; queue a
job. The same bytes again give the same upload: its document if it has one,
its recorded error if the file itself was bad, and a new job if an earlier
attempt failed for a reason that was not the file's (a restart, a missing
program).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy.orm import Session

import registry
from congvan.errors import CongvanError, InputError, UploadTooLargeError
from service import pipeline
from service.settings import Settings

__all__ = ["Acceptance", "accept_upload", "read_limited"]

_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Acceptance:
    upload: registry.Upload
    job_id: str | None
    """Set when a job was queued: run ``service.jobs.run_job`` on it."""
    document: registry.Document | None
    duplicate: bool


def read_limited(stream: BinaryIO, limit: int) -> bytes:
    """The stream's bytes, refusing more than ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise UploadTooLargeError(f"The upload is over {limit / 1024 / 1024:.1f} MiB: split the file.")
        chunks.append(chunk)
    return b"".join(chunks)


def accept_upload(session: Session, data: bytes, filename: str, settings: Settings) -> Acceptance:
    """Store, check and queue an upload; raises the file's error (with its upload id) if it is bad."""
    upload, created = pipeline.ingest_bytes(session, data, filename, settings)
    if not created and not pipeline.needs_processing(upload):
        if upload.status == "failed":
            raise CongvanError.for_code(upload.error_code or "", upload.error_message, upload_id=upload.id)
        return Acceptance(upload, None, registry.find_document_for_upload(session, upload), duplicate=True)
    try:
        pipeline.validate_upload(session, upload, settings)
    except InputError as e:
        e.upload_id = upload.id
        raise
    job = registry.create_job(session, upload)
    session.commit()
    return Acceptance(upload, job.id, None, duplicate=not created)
