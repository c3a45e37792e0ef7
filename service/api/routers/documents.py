"""Uploads and documents: ``POST /documents`` (an uploader token) stores first, then processes in the background."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse

import registry
from congvan.errors import UploadTooLargeError
from service.api.deps import SessionDep, SettingsDep, require
from service.api.schemas import DocumentResponse, DocumentSummary, ErrorResponse, Page, UploadAccepted
from service.jobs import run_job
from service.uploads import Acceptance, accept_upload, read_limited

router = APIRouter(prefix="/documents", tags=["documents"])

_MULTIPART_OVERHEAD = 64 * 1024


def refuse_large_bodies(request: Request, settings: SettingsDep) -> None:
    """Refuse an oversized upload from its Content-Length, before the body is read at all."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_upload_bytes + _MULTIPART_OVERHEAD:
        raise UploadTooLargeError(
            f"The upload is over {settings.max_upload_bytes / 1024 / 1024:.1f} MiB: split the file."
        )


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UploadAccepted,
    dependencies=[Depends(require("uploader")), Depends(refuse_large_bodies)],
    responses={
        200: {"model": UploadAccepted, "description": "The same bytes were uploaded before"},
        401: {"model": ErrorResponse, "description": "No token, or one not valid"},
        403: {"model": ErrorResponse, "description": "The token's role is below uploader"},
        413: {"model": ErrorResponse},
        415: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
)
def upload_document(
    file: UploadFile, session: SessionDep, settings: SettingsDep, background: BackgroundTasks
) -> UploadAccepted | JSONResponse:
    """Store the file, check it can be read, and queue it; the same bytes again give the same document."""
    data = read_limited(file.file, settings.max_upload_bytes)
    acceptance = accept_upload(session, data, file.filename or "upload", settings)
    if acceptance.job_id:
        background.add_task(run_job, acceptance.job_id, settings)
    body = _accepted(acceptance)
    if acceptance.job_id is None:
        return JSONResponse(body.model_dump(), status_code=status.HTTP_200_OK)
    return body


def _accepted(acceptance: Acceptance) -> UploadAccepted:
    upload, document = acceptance.upload, acceptance.document
    links = {}
    if acceptance.job_id:
        links["job"] = f"/api/v1/jobs/{acceptance.job_id}"
    if document:
        links["document"] = f"/api/v1/documents/{document.id}"
    return UploadAccepted(
        upload_id=upload.id,
        sha256=upload.sha256,
        status="queued" if acceptance.job_id else str(upload.status),
        job_id=acceptance.job_id,
        document_id=document.id if document else None,
        duplicate=acceptance.duplicate,
        links=links,
    )


@router.get("", response_model=Page[DocumentSummary])
def list_documents(
    session: SessionDep,
    issuer: str | None = None,
    doc_type: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[DocumentSummary]:
    items, total = registry.list_documents(session, issuer=issuer, doc_type=doc_type, limit=limit, offset=offset)
    return Page(items=[DocumentSummary.model_validate(d) for d in items], total=total, limit=limit, offset=offset)


@router.get("/{document_id}", response_model=DocumentResponse, responses={404: {"model": ErrorResponse}})
def get_document(document_id: int, session: SessionDep) -> DocumentResponse:
    document = registry.get_document(session, document_id)
    upload = registry.get_upload(session, document.upload_id)
    summary = DocumentSummary.model_validate(document).model_dump()
    return DocumentResponse(
        **summary,
        filename=upload.filename,
        sha256=upload.sha256,
        ocr_engine=document.ocr_engine,
        ocr_confidence=document.ocr_confidence,
        record=document.record,
        text=document.text,
    )


@router.get("/{document_id}/file", response_class=FileResponse, responses={404: {"model": ErrorResponse}})
def get_document_file(document_id: int, session: SessionDep, settings: SettingsDep) -> FileResponse:
    """The original upload, byte for byte."""
    document = registry.get_document(session, document_id)
    upload = registry.get_upload(session, document.upload_id)
    return FileResponse(
        registry.upload_path(upload, settings.resolved_storage_dir),
        media_type=upload.media_type,
        filename=upload.filename,
    )


__all__ = ["router"]
