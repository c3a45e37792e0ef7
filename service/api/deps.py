"""Dependencies shared by the routers: settings, a database session per request, and who is asking.

A request names its API token in ``Authorization: Bearer <token>``, in
``X-API-Key`` (for tools that cannot set the first), or, from the staff pages,
in the ``congvan_token`` cookie that ``/signin`` sets. Guard a route with the
role it needs; the token comes back, and its name is who made the change::

    @router.patch("/documents/{document_id}/register")
    def correct(..., token: ReviewerToken) -> ...:            # or Depends(require("reviewer"))
        registry.correct_document(session, document, field, value, token.name)

Reads are guarded for every ``/api/v1`` router at once (``read_access``, added
by ``create_app``): open unless ``CONGVAN_OPEN_READS=false``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

import registry
from congvan.errors import AuthenticationRequiredError, PermissionDeniedError
from service.database import session_factory
from service.settings import Settings

__all__ = [
    "TOKEN_COOKIE",
    "AdminToken",
    "CurrentToken",
    "ReaderToken",
    "ReviewerToken",
    "SessionDep",
    "SettingsDep",
    "UploaderToken",
    "current_token",
    "get_db",
    "get_settings_dep",
    "presented_secret",
    "read_access",
    "require",
]

TOKEN_COOKIE = "congvan_token"


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    with session_factory(request.app.state.settings.resolved_database_url)() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[Session, Depends(get_db)]


# Declared as security schemes so that /docs has an "Authorize" button; neither refuses by itself.
_bearer = HTTPBearer(auto_error=False, description="A token from `congvan token create`.")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="The same token, for tools without Bearer.")


def presented_secret(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
) -> str | None:
    """The secret the request carries: the Bearer header, else ``X-API-Key``, else the pages' cookie."""
    if bearer is not None and bearer.credentials.strip():
        return bearer.credentials.strip()
    return api_key or request.cookies.get(TOKEN_COOKIE) or None


def current_token(
    session: SessionDep, secret: Annotated[str | None, Depends(presented_secret)]
) -> registry.ApiToken | None:
    """The request's token, or None without one; a wrong or revoked one is refused, not ignored.

    Refusing it tells a client at once that its token stopped working, instead of
    answering reads as if it were anonymous and failing only on the next write.
    """
    if secret is None:
        return None
    token = registry.authenticate(session, secret)
    if token is None:
        raise AuthenticationRequiredError(
            "The API token is not valid or was revoked: ask an admin for a new one (`congvan token create`)."
        )
    if session.is_modified(token):
        session.commit()  # last_used_at, at most once a minute
    return token


CurrentToken = Annotated[registry.ApiToken | None, Depends(current_token)]


@cache
def require(role: str) -> Callable[[registry.ApiToken | None], registry.ApiToken]:
    """A dependency that passes only a token of ``role`` or a higher one, and returns it.

    Cached, so that each role has one dependency function: FastAPI then runs it
    once per request however many times a route and its router ask for it.
    """
    needed = registry.Role(role)

    def dependency(token: CurrentToken) -> registry.ApiToken:
        if token is None:
            raise AuthenticationRequiredError(
                f"This needs an API token ({needed} or higher): send `Authorization: Bearer <token>`."
            )
        if not token.role.allows(needed):
            raise PermissionDeniedError(
                f"The token {token.name!r} is a {token.role} token; this needs {needed} or higher."
            )
        return token

    dependency.__name__ = f"require_{needed}"
    return dependency


ReaderToken = Annotated[registry.ApiToken, Depends(require("reader"))]
UploaderToken = Annotated[registry.ApiToken, Depends(require("uploader"))]
ReviewerToken = Annotated[registry.ApiToken, Depends(require("reviewer"))]
AdminToken = Annotated[registry.ApiToken, Depends(require("admin"))]


def read_access(settings: SettingsDep, token: CurrentToken) -> registry.ApiToken | None:
    """Reads are open unless ``open_reads`` is off; then they need a reader token (or higher)."""
    if settings.open_reads:
        return token
    return require("reader")(token)
