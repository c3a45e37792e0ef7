"""A registry per test module, on SQLite or on the session's PostgreSQL server, for tests that fill it once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.database import release
from service.settings import Settings


def module_settings(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[Settings]:
    """Settings of a fresh data folder and database for one module; the database is dropped after it."""
    data = tmp_path_factory.mktemp(name)
    if backend == "sqlite":
        yield Settings(data_dir=data, database_url="", storage_dir=data / "uploads")
        return
    server = request.getfixturevalue("postgres_server")
    database = server.create_database()
    settings = Settings(data_dir=data, database_url=server.url(database), storage_dir=data / "uploads")
    yield settings
    release(settings.resolved_database_url)
    server.drop_database(database)
