"""Uploads and documents: ``POST /documents`` stores first, then processes in the background."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse

import registry
from congvan.errors import InputError
from service import pipeline
from service.api.deps import SessionDep, SettingsDep
from service.api.schemas import DocumentResponse, DocumentSummary, ErrorResponse, Page, UploadAccepted
from service.api.uploads import read_limited
from service.jobs import run_job

router = APIRouter(prefix="/documents", tags=["documents"])


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=UploadAccepted,
    responses={
        200: {"model": UploadAccepted},
        413: {"model": ErrorResponse},
        415: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
)
async def upload_document(
    file: UploadFile, session: SessionDep, settings: SettingsDep, background: BackgroundTasks
) -> UploadAccepted | JSONResponse:
    """Store the file, check it can be read, and queue it; the same bytes again give the same document."""
    data = await read_limited(file, settings.max_upload_bytes)
    upload, created = pipeline.ingest_bytes(session, data, file.filename or "upload", settings)
    if not created:
        return JSONResponse(_accepted(session, upload, duplicate=True).model_dump(), status_code=200)
    try:
        pipeline.validate_upload(session, upload, settings)
    except InputError as e:
        e.upload_id = upload.id  # type: ignore[attr-defined]
        raise
    job = registry.create_job(session, upload)
    session.commit()
    background.add_task(run_job, job.id, settings)
    return _accepted(session, upload, job_id=job.id)


def _accepted(
    session: SessionDep, upload: registry.Upload, *, job_id: str | None = None, duplicate: bool = False
) -> UploadAccepted:
    document = registry.find_document_for_upload(session, upload)
    links = {"upload": f"/api/v1/documents?upload_id={upload.id}"}
    if job_id:
        links["job"] = f"/api/v1/jobs/{job_id}"
    if document:
        links["document"] = f"/api/v1/documents/{document.id}"
    return UploadAccepted(
        upload_id=upload.id,
        sha256=upload.sha256,
        status=upload.status if not job_id else "queued",
        job_id=job_id,
        document_id=document.id if document else None,
        duplicate=duplicate,
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
