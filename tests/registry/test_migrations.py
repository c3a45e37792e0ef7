from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

import registry
from registry._migrate import alembic_config


def test_the_migration_creates_exactly_the_models_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), registry.Base.metadata)
    assert diff == []
    assert set(inspect(engine).get_table_names()) == set(registry.Base.metadata.tables) | {"alembic_version"}


def test_the_database_is_at_head(engine: Engine) -> None:
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0001"


def test_upgrade_again_changes_nothing(db_url: str, engine: Engine) -> None:
    registry.upgrade(db_url)
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), registry.Base.metadata) == []


def test_upgrade_works_from_any_folder_and_creates_the_databases_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    registry.upgrade("sqlite:///nested/folder/registry.db")
    assert (tmp_path / "nested" / "folder" / "registry.db").is_file()


def test_downgrade_removes_every_table(db_url: str, engine: Engine) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
