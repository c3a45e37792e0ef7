"""Bring a database to the newest schema: ``alembic upgrade head``, from code.

The Alembic config is built here with an absolute ``script_location``, so this
works from any working directory and from an installed package; ``alembic.ini``
next to this module is only for running the ``alembic`` command by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, event, text

from registry._engine import emit_begin_explicitly, make_engine

__all__ = ["MIGRATIONS_DIR", "alembic_config", "migration_engine", "upgrade"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any fixed number, the same in every process: the key of PostgreSQL's migration lock.
_POSTGRES_LOCK_KEY = 0x636F6E67  # "cong"


def alembic_config() -> Config:
    """An Alembic config that needs no ini file; pass a connection in ``attributes``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    return config


def upgrade(database_url: str) -> None:
    """Create or migrate the registry at ``database_url`` to the newest revision."""
    engine = migration_engine(database_url)
    try:
        with engine.begin() as connection:
            _wait_for_other_migrations(connection)
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            _check_foreign_keys(engine, connection)
    finally:
        engine.dispose()


def migration_engine(database_url: str) -> Engine:
    """An engine for migrations: on SQLite, with transactional DDL and foreign keys off.

    A failed migration then leaves no half-made schema behind. Foreign keys are
    off because SQLite alters a table by copying it and dropping the old one;
    with them on, that drop would cascade-delete every row that refers to it
    (the procedure SQLite documents for ALTER TABLE turns them off the same way).
    """
    engine = make_engine(database_url)
    if engine.dialect.name == "sqlite":
        emit_begin_explicitly(engine)

        @event.listens_for(engine, "connect")
        def _foreign_keys_off(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    return engine


def _wait_for_other_migrations(connection: Connection) -> None:
    """On PostgreSQL, take turns as BEGIN IMMEDIATE does on SQLite.

    Two processes that start at once (two app workers, the app and the CLI) would both
    create the tables, and the second fail on a duplicate name; with the lock,
    the second waits, then finds the database at head. It ends with the
    transaction.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _POSTGRES_LOCK_KEY})


def _check_foreign_keys(engine: Engine, connection: Any) -> None:
    if engine.dialect.name != "sqlite":
        return
    broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:5]}")
