"""Engines and sessions, with SQLite made fit for a web app that writes from a worker thread.

On SQLite every connection turns foreign keys on (SQLite leaves them off, and
the item tables rely on ON DELETE CASCADE), waits for a busy lock instead of
failing at once, and a file database uses write-ahead logging so that readers
are not blocked while a job saves. Nothing here connects until used.

Application sessions keep the sqlite3 module's own transaction handling: a
SELECT holds no snapshot and BEGIN comes just before the first write. That is
what makes read-then-write work while another thread commits, as under
PostgreSQL's READ COMMITTED; a transaction that had read first would instead
fail with "database is locked" (SQLite cannot move a stale WAL snapshot up to a
write). The cost, SAVEPOINT not nesting before the first write, is avoided:
the registry uses none. Migrations, which want atomic DDL, use
:func:`emit_begin_explicitly`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["SQLITE_BUSY_TIMEOUT_MS", "emit_begin_explicitly", "make_engine", "make_session_factory"]

SQLITE_BUSY_TIMEOUT_MS = 30_000
# SQLAlchemy's default for a bare postgresql:// is psycopg2, which congvan does not install.
_DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url``; for a SQLite file, its folder is created first.

    A PostgreSQL URL without a driver (``postgresql://…``) gets psycopg 3.
    """
    url = make_url(url)
    url = url.set(drivername=_DEFAULT_DRIVERS.get(url.drivername, url.drivername))
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **kwargs)
    file_database = _sqlite_file(url)
    if file_database is not None:
        file_database.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    _configure_sqlite(engine, wal=file_database is not None)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (handlers return them)."""
    return sessionmaker(engine, expire_on_commit=False)


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def emit_begin_explicitly(engine: Engine) -> None:
    """Make SQLAlchemy, not sqlite3, emit BEGIN: DDL and savepoints become transactional.

    The recipe of SQLAlchemy's SQLite dialect documentation ("Serializable
    isolation / Savepoints / Transactional DDL"), with ``BEGIN IMMEDIATE``: a
    migration reads then writes, and a deferred transaction that does so fails
    at once with "database is locked" when another process migrates too, while
    an immediate one waits its turn under the busy timeout.
    """

    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _do_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
