"""One engine and session factory per database URL, migrated on first use."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session, sessionmaker

import registry

__all__ = ["session_factory"]


@lru_cache
def session_factory(url: str) -> sessionmaker[Session]:
    """Bring the database to the newest schema, then hand out sessions on it."""
    registry.upgrade(url)
    return registry.make_session_factory(registry.make_engine(url))
