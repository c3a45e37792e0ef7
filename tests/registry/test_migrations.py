from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.orm import Session

import registry
from registry._migrate import alembic_config, migration_engine
from registry.search import INDEX_TABLE, include_name


def _compare(connection: Connection) -> list[Any]:
    """The models against the database, as Alembic compares them; the search index has no model."""
    context = MigrationContext.configure(connection, opts={"include_name": include_name})
    return compare_metadata(context, registry.Base.metadata)


def test_the_migration_creates_exactly_the_models_schema(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = _compare(connection)
    assert diff == []
    tables = {name for name in inspect(engine).get_table_names() if include_name(name, "table", {})}
    assert tables == set(registry.Base.metadata.tables) | {"alembic_version"}
    assert INDEX_TABLE in inspect(engine).get_table_names()


def test_the_database_is_at_head(engine: Engine) -> None:
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0005"


def test_upgrade_again_changes_nothing(db_url: str, engine: Engine) -> None:
    registry.upgrade(db_url)
    with engine.connect() as connection:
        assert _compare(connection) == []


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


def test_upgrading_a_0001_registry_keeps_its_documents_and_fills_the_new_columns(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("postgres_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    arrived = "2024-05-01 03:00:00" + ("+00" if backend == "postgresql" else "")  # as each stores UTC
    engine = migration_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO uploads (id, sha256, filename, media_type, size_bytes, stored_path, status, created_at,"
                " updated_at) VALUES (1, 'ab', 'a.pdf', 'application/pdf', 1, 'ab/ab.pdf', 'done', :t, :t)"
            ),
            {"t": arrived},
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, upload_id, number, page_count, ocr_engine, ocr_confidence, ocr_text,"
                " text, record, created_at, updated_at) VALUES (1, 1, '960 / LĐLĐ', 1, 'x', 1, '', '', '{}', :t, :t)"
            ),
            {"t": arrived},
        )
    engine.dispose()
    registry.upgrade(url)
    engine = registry.make_engine(url)
    with Session(engine) as session:
        document = registry.get_document(session, 1)
        assert (document.number_folded, document.processing_status) == ("960/ldld", "pending")
        assert document.received_at == dt.datetime(2024, 5, 1, 3, 0, tzinfo=dt.UTC)
        assert document.incoming_number is None
    engine.dispose()


def test_upgrading_to_0005_keeps_each_letters_spelling_of_its_issuer_as_an_alias(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("postgres_url") if backend == "postgresql" else f"sqlite:///{tmp_path / 'old.db'}"
    engine = migration_engine(url)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        now = {"t": "2024-05-01 03:00:00" + ("+00" if backend == "postgresql" else "")}
        connection.execute(
            text("INSERT INTO bodies (id, name, name_folded, created_at) VALUES (1, :n, :k, :t)"),
            {**now, "n": "Ủy ban nhân dân tỉnh Lai Châu", "k": "uy ban nhan dan tinh lai chau"},
        )
        connection.execute(
            text(
                "INSERT INTO uploads (id, sha256, filename, media_type, size_bytes, stored_path, status, created_at,"
                " updated_at) VALUES (1, 'ab', 'a.pdf', 'application/pdf', 1, 'ab/ab.pdf', 'done', :t, :t)"
            ),
            now,
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, upload_id, issuer, issuer_folded, issuer_body_id, page_count, ocr_engine,"
                " ocr_confidence, ocr_text, text, record, received_at, processing_status, created_at, updated_at)"
                " VALUES (1, 1, 'UBND tỉnh Lai Châu', 'ubnd tinh lai chau', 1, 1, 'x', 1, '', '', '{}', :t,"
                " 'pending', :t, :t)"
            ),
            now,
        )
    engine.dispose()
    registry.upgrade(url)
    engine = registry.make_engine(url)
    with Session(engine) as session:
        assert [a.alias_folded for a in registry.get_body(session, 1).aliases] == ["ubnd tinh lai chau"]
        assert registry.list_documents(session, issuer="ubnd tinh")[1] == 1
    engine.dispose()
