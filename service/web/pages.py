"""Server-rendered staff pages (Jinja2): the document list with an upload form, and one document.

Reading them follows ``open_reads`` like the API; uploading needs an uploader
token, which the browser sends in the cookie ``/signin`` sets. A page refused
for want of a token sends the visitor to ``/signin`` (``service.web.signin``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

import registry
from congvan.errors import InputError
from service.api.deps import SessionDep, SettingsDep, UploaderToken, read_access
from service.jobs import run_job
from service.uploads import accept_upload, read_limited

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["doc_type_names"] = {
    "cong_van": "Công văn",
    "ke_hoach": "Kế hoạch",
    "thong_bao": "Thông báo",
    "bao_cao": "Báo cáo",
    "chi_thi": "Chỉ thị",
    "quyet_dinh": "Quyết định",
    "cong_dien": "Công điện",
    "other": "Khác",
}


Viewer = Annotated[registry.ApiToken | None, Depends(read_access)]
"""Who reads the page: None when reads are open and no one signed in."""


@router.get("/", response_class=HTMLResponse)
def index(
    request: Request,
    session: SessionDep,
    viewer: Viewer,
    issuer: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    return _index(request, session, viewer, issuer=issuer, offset=offset)


def _index(
    request: Request,
    session: SessionDep,
    viewer: registry.ApiToken | None,
    *,
    issuer: str | None = None,
    offset: int = 0,
    error: InputError | None = None,
) -> Response:
    """The list page; with ``error``, the upload that was refused and why."""
    documents, total = registry.list_documents(session, issuer=issuer, limit=50, offset=offset)
    context = {
        "documents": documents,
        "total": min(total, registry.COUNT_LIMIT),
        "total_exact": total <= registry.COUNT_LIMIT,
        "issuer": issuer or "",
        "uploads": registry.list_uploads(session, limit=20),
        "error": error,
        "viewer": viewer,
        "can_upload": viewer is not None and viewer.role.allows(registry.Role.UPLOADER),
    }
    return templates.TemplateResponse(request, "index.html", context, status_code=error.http_status if error else 200)


@router.post("/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    file: UploadFile,
    session: SessionDep,
    settings: SettingsDep,
    background: BackgroundTasks,
    uploader: UploaderToken,
) -> Response:
    try:
        acceptance = accept_upload(
            session, read_limited(file.file, settings.max_upload_bytes), file.filename or "upload", settings
        )
    except InputError as e:
        return _index(request, session, uploader, error=e)
    if acceptance.job_id:
        background.add_task(run_job, acceptance.job_id, settings)
    return RedirectResponse("/", status_code=303)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: int, session: SessionDep, viewer: Viewer) -> Response:
    document = registry.get_document(session, document_id)
    upload = registry.get_upload(session, document.upload_id)
    context = {"document": document, "upload": upload, "record": document.record, "viewer": viewer}
    return templates.TemplateResponse(request, "document.html", context)
