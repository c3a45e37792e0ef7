"""Registry fixtures: a migrated SQLite file per test (``alembic upgrade head``) and a session on it.

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
def db_url(tmp_path: Path) -> str:
    """A fresh registry database, built the way production builds it."""
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
