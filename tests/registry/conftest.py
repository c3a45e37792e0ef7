"""Registry fixtures: a migrated database per test (``alembic upgrade head``) and a session on it.

Every test that touches the database runs on SQLite (a file) and on PostgreSQL
(a database of its own on the session's server, see ``tests/conftest.py``).

Self-contained so that ``db_url`` and ``session`` can move to ``tests/conftest.py`` as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import registry


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh registry database on ``backend``, built the way production builds it."""
    if backend == "postgresql":
        url: str = request.getfixturevalue("postgres_url")
    else:
        url = f"sqlite:///{tmp_path / 'db' / 'registry.db'}"
    registry.upgrade(url)
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = registry.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return registry.make_session_factory(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session


@pytest.fixture
def storage_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"
