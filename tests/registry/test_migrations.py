from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import registry


def test_the_migration_creates_exactly_the_models_schema(db_url: str) -> None:
    engine = registry.make_engine(db_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), registry.Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_is_idempotent(db_url: str) -> None:
    registry.upgrade(db_url)
    registry.upgrade(db_url)
