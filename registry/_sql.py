"""INSERT … ON CONFLICT, which SQLite and PostgreSQL spell the same but SQLAlchemy builds per dialect."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

__all__ = ["upsert_insert"]

_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert_insert(session: Session, model: Any) -> Any:
    """An INSERT into ``model`` that takes ``on_conflict_do_nothing``/``_do_update``."""
    dialect = session.get_bind().dialect.name
    if dialect not in _INSERT:
        raise NotImplementedError(f"the registry supports SQLite and PostgreSQL, not {dialect}")
    return _INSERT[dialect](model)
