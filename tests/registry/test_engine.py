from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

import registry
from tests.registry.factories import store


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(f"PRAGMA {name}")).scalar()


def test_sqlite_connections_enforce_foreign_keys_and_wait_for_locks(engine: Engine) -> None:
    assert _pragma(engine, "foreign_keys") == 1
    assert _pragma(engine, "busy_timeout") == registry._engine.SQLITE_BUSY_TIMEOUT_MS
    assert _pragma(engine, "journal_mode") == "wal"


def test_nothing_connects_until_used(tmp_path: Path) -> None:
    engine = registry.make_engine(f"sqlite:///{tmp_path / 'lazy' / 'r.db'}")
    assert (tmp_path / "lazy").is_dir() and not (tmp_path / "lazy" / "r.db").exists()
    engine.dispose()


def test_a_session_that_has_read_can_write_after_another_commits(
    session_factory: sessionmaker[Session], storage_dir: Path
) -> None:
    """The job thread reads, the API commits an upload, then the job writes: no "database is locked"."""
    with session_factory() as job_session, session_factory() as api_session:
        job_session.execute(select(registry.Upload)).all()
        store(api_session, storage_dir, b"from the api")
        api_session.commit()
        store(job_session, storage_dir, b"from the job")
        job_session.commit()
        assert len(registry.list_uploads(job_session)) == 2
