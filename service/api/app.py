"""``create_app``: the FastAPI application with the API, the staff pages and one error handler.

Every ``/api/v1`` router is mounted behind ``read_access`` (open reads, or a
reader token when ``CONGVAN_OPEN_READS=false``); routes that write add the
role they need (``require``). ``/healthz`` and the API docs stay open.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

import ocr
from congvan import __version__
from congvan.errors import AccessError, AuthenticationRequiredError, CongvanError, InvalidRequestError
from service.api.deps import read_access
from service.api.routers import bodies, corrections, documents, exports, items, jobs, register, search
from service.jobs import fail_interrupted_jobs
from service.settings import Settings, get_settings

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    from service.web import pages, signin

    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="congvan",
        version=__version__,
        description="Directives, targets, achievements and deadlines read from Vietnamese dispatches.",
    )
    app.state.settings = settings
    for router in (
        documents.router,
        jobs.router,
        items.router,
        bodies.router,
        exports.router,
        register.router,
        corrections.router,
        search.router,
    ):
        app.include_router(router, prefix="/api/v1", dependencies=[Depends(read_access)])
    app.include_router(pages.router)
    app.include_router(signin.router)
    app.add_exception_handler(CongvanError, _congvan_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["health"])
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Jobs a stop left unfinished are failed, so that sending the file again retries it."""
    stale = await run_in_threadpool(fail_interrupted_jobs, app.state.settings)
    if stale:
        log.warning("%d job(s) were interrupted by the last stop; their uploads can be sent again", stale)
    yield


async def _congvan_error(request: Request, error: CongvanError) -> Response:
    if isinstance(error, AccessError) and not request.url.path.startswith("/api/"):
        from service.web.signin import signin_redirect  # the pages import this module

        return signin_redirect(request, error)
    detail: dict[str, object] = {"code": error.code, "message": str(error)}
    if error.upload_id is not None:
        detail["upload_id"] = error.upload_id
    # RFC 9110: a 401 names the scheme that would have worked.
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, AuthenticationRequiredError) else None
    return JSONResponse({"error": detail}, status_code=error.http_status, headers=headers)


async def _invalid_request(request: Request, error: RequestValidationError) -> Response:
    """FastAPI's own validation errors, in the same shape as every other error."""
    problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    return await _congvan_error(request, InvalidRequestError(f"The request is not valid: {problems}"))


def healthz() -> dict[str, object]:
    """Liveness plus the state of the OCR engine, so a missing install shows here first."""
    tesseract = ocr.available()
    return {
        "status": "ok",
        "version": __version__,
        "tesseract": ocr.version() if tesseract else None,
        "ocr_ready": tesseract,
    }
