"""Make, check, list and revoke API tokens.

    token, secret = create_token(session, "văn thư", "uploader")   # the secret is shown once
    token = authenticate(session, secret)                          # None: unknown or revoked

A secret is ``cv_`` and 43 random URL-safe characters (256 bits). The database
holds its SHA-256 and its first :data:`PREFIX_LENGTH` characters: a stolen copy
of the table gives no usable token. Like every registry function these never
commit; ``authenticate`` may change ``last_used_at``, so its caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from congvan.errors import InvalidRequestError, NotFoundError
from registry._token_models import ApiToken, Role
from registry._types import utcnow

__all__ = [
    "LAST_USED_STEP",
    "PREFIX_LENGTH",
    "SECRET_PREFIX",
    "authenticate",
    "create_token",
    "list_tokens",
    "revoke_token",
]

SECRET_PREFIX = "cv_"
"""Marks a congvan secret, so that one pasted in the wrong place (a log, a chat) is recognisable."""
PREFIX_LENGTH = 11
"""``cv_`` and 8 random characters (48 bits): tells tokens apart, says nothing of the other 35."""
LAST_USED_STEP = dt.timedelta(minutes=1)
_SECRET_SHAPE = re.compile(r"cv_[A-Za-z0-9_-]{43}")


def create_token(session: Session, name: str, role: Role | str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is not stored and so cannot be shown again."""
    name = name.strip()
    if not name:
        raise InvalidRequestError("A token needs a name: who or what will use it (it is recorded on changes).")
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(name=name, role=_role(role), prefix=secret[:PREFIX_LENGTH], secret_sha256=_digest(secret))
    session.add(token)
    session.flush()
    return token, secret


def authenticate(session: Session, secret: str, *, now: dt.datetime | None = None) -> ApiToken | None:
    """The active token ``secret`` belongs to, or None; notes when it was used (to the minute)."""
    if not _SECRET_SHAPE.fullmatch(secret):  # junk never reaches the database
        return None
    digest = _digest(secret)
    match = None
    # The prefix is not secret; the hashes are compared in constant time all the same.
    for candidate in session.scalars(select(ApiToken).where(ApiToken.prefix == secret[:PREFIX_LENGTH])):
        if hmac.compare_digest(candidate.secret_sha256, digest):
            match = candidate
    if match is None or not match.active:
        return None
    now = now or utcnow()
    if match.last_used_at is None or now - match.last_used_at >= LAST_USED_STEP:
        match.last_used_at = now
    return match


def list_tokens(session: Session) -> list[ApiToken]:
    """Every token, revoked ones included, oldest first."""
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id)))


def revoke_token(session: Session, token_id: int) -> ApiToken:
    """Refuse the token from now on; revoking it again keeps the first time."""
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFoundError(f"There is no token {token_id}: `congvan token list` shows them.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        roles = ", ".join(Role)
        raise InvalidRequestError(f"There is no role {role!r}: choose one of {roles}.") from None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
