"""Signing in to the staff pages: paste an API token, kept in a cookie the browser sends back.

The cookie is HttpOnly (no script on a page can read the token) and
SameSite=Strict (no other site can make the browser send it, so a form
elsewhere cannot upload in a signed-in person's name); Secure over HTTPS.
It lasts as long as the browser session. ``signin_redirect`` is how
``create_app``'s error handler answers a page that was refused for want of a
token, or of a high enough one.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

import registry
from congvan.errors import AccessError, AuthenticationRequiredError
from service.api.deps import TOKEN_COOKIE, SessionDep
from service.web.pages import templates

__all__ = ["router", "signin_redirect"]

router = APIRouter(include_in_schema=False)

REASONS = {
    "authentication_required": "Trang này cần đăng nhập bằng mã truy cập (API token).",
    "permission_denied": "Mã truy cập đang dùng không đủ quyền cho việc này: đăng nhập bằng mã có quyền cao hơn.",
    "invalid_token": "Mã truy cập không đúng hoặc đã bị thu hồi.",
}


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "/", reason: str | None = None) -> Response:
    return _page(request, next, reason)


@router.post("/signin", response_class=HTMLResponse)
def signin(
    request: Request, session: SessionDep, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
    secret = token.strip()
    if registry.authenticate(session, secret) is None:
        return _page(request, next, "invalid_token", status_code=401)
    session.commit()
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(
        TOKEN_COOKIE, secret, httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/"
    )
    return response


@router.api_route("/signout", methods=["GET", "POST"])
def signout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def signin_redirect(request: Request, error: AccessError) -> Response:
    """To the sign-in page, then back to the page refused (the list, after a refused form)."""
    back = "/"
    if request.method == "GET":
        back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse(f"/signin?{urlencode({'next': back, 'reason': error.code})}", status_code=303)
    if isinstance(error, AuthenticationRequiredError):
        # No token, or one that no longer works: either way the cookie is of no use.
        response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _page(request: Request, next: str, reason: str | None, *, status_code: int = 200) -> Response:
    context = {"next": _local(next), "message": REASONS.get(reason or "")}
    return templates.TemplateResponse(request, "signin.html", context, status_code=status_code)


def _local(path: str) -> str:
    """``path`` if it stays on this site, else the list: a sign-in link must not lead elsewhere."""
    if path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return "/"
