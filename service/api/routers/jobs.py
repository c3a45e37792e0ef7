"""Background jobs: how an upload's processing is going."""

from __future__ import annotations

from fastapi import APIRouter

import registry
from service.api.deps import SessionDep
from service.api.schemas import ErrorDetail, ErrorResponse, JobResponse

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("/{job_id}", response_model=JobResponse, responses={404: {"model": ErrorResponse}})
def get_job(job_id: str, session: SessionDep) -> JobResponse:
    job = registry.get_job(session, job_id)
    error = ErrorDetail(code=job.error_code, message=job.error_message or "") if job.error_code else None
    return JobResponse(
        id=job.id,
        status=job.status,
        upload_id=job.upload_id,
        document_id=job.document_id,
        error=error,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )
