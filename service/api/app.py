"""``create_app``: the FastAPI application with the API, the staff pages and one error handler."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import ocr
from congvan import __version__
from congvan.errors import CongvanError
from service.api.routers import documents, items, jobs
from service.settings import Settings, get_settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    from service.web import pages

    app = FastAPI(
        title="congvan",
        version=__version__,
        description="Directives, targets, achievements and deadlines read from Vietnamese dispatches.",
    )
    app.state.settings = settings or get_settings()
    for router in (documents.router, jobs.router, items.router):
        app.include_router(router, prefix="/api/v1")
    app.include_router(pages.router)
    app.add_exception_handler(CongvanError, _congvan_error)  # type: ignore[arg-type]
    app.add_api_route("/healthz", healthz, methods=["GET"], tags=["health"])
    return app


async def _congvan_error(request: Request, error: CongvanError) -> JSONResponse:
    detail: dict[str, object] = {"code": error.code, "message": str(error)}
    upload_id = getattr(error, "upload_id", None)
    if upload_id is not None:
        detail["upload_id"] = upload_id
    return JSONResponse({"error": detail}, status_code=error.http_status)


def healthz() -> dict[str, object]:
    """Liveness plus the state of the OCR engine, so a missing install shows here first."""
    tesseract = ocr.available()
    return {
        "status": "ok",
        "version": __version__,
        "tesseract": ocr.version() if tesseract else None,
        "ocr_ready": tesseract,
    }
