"""API tokens: who may use the service, with which role; ``registry.models`` re-exports them.

Only a SHA-256 of each secret is stored, with a short prefix of it that is not
secret (enough to tell tokens apart in a list, far too little to guess the rest).
``registry.tokens`` makes, checks and revokes them.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry._base import Base, status_type
from registry._types import UTCDateTime, utcnow

__all__ = ["ApiToken", "Role"]


class Role(enum.StrEnum):
    """What a token may do; each role may also do all that the roles before it may."""

    READER = "reader"
    UPLOADER = "uploader"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may (reader < uploader < reviewer < admin)."""
        order = list(Role)
        return order.index(self) >= order.index(needed)


class ApiToken(Base):
    """A token someone holds; its ``name`` is who made a change (corrections record it)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[Role] = mapped_column(status_type(Role, "token_role"))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    """The secret's first characters: shown in lists, and how a presented secret finds its row."""
    secret_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    """To the minute at best: writing it on every request would make each read a write."""
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
