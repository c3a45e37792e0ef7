"""In-process background jobs: the API stores an upload, answers 202, then runs this.

The default needs no broker (``make run`` works with nothing but SQLite). A
job is a row in the registry, so its state survives a restart and is the same
whichever worker runs it.
"""

from __future__ import annotations

import logging

import registry
from congvan.errors import CongvanError, InterruptedProcessingError
from service import pipeline
from service.database import session_factory
from service.settings import Settings

__all__ = ["fail_interrupted_jobs", "run_job"]

log = logging.getLogger(__name__)


def run_job(job_id: str, settings: Settings) -> None:
    """Process the job's upload; its outcome (document or error) is recorded on the job."""
    with session_factory(settings.resolved_database_url)() as session:
        job = registry.get_job(session, job_id)
        upload = registry.get_upload(session, job.upload_id)
        registry.mark_job_running(session, job)
        session.commit()
        try:
            document = pipeline.process_upload(session, upload, settings)
        except CongvanError as e:
            log.warning("job %s failed: [%s] %s", job_id, e.code, e)
            registry.mark_job_failed(session, job, error_code=e.code, error_message=str(e))
        else:
            registry.mark_job_done(session, job, document)
        finally:
            if job.status == "running":  # an unexpected error: the job must not stay running
                error = InterruptedProcessingError()
                registry.mark_job_failed(session, job, error_code=error.code, error_message=str(error))
            session.commit()


def fail_interrupted_jobs(settings: Settings) -> int:
    """At start-up: jobs left queued or running by a stop are failed, so their upload can be sent again."""
    error = InterruptedProcessingError()
    with session_factory(settings.resolved_database_url)() as session:
        stale = registry.unfinished_jobs(session)
        for job in stale:
            registry.mark_job_failed(session, job, error_code=error.code, error_message=str(error))
            upload = registry.get_upload(session, job.upload_id)
            if upload.status in ("stored", "processing"):
                registry.set_upload_status(session, upload, "failed", error_code=error.code, error_message=str(error))
        session.commit()
        return len(stale)
