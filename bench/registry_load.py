"""Loading ``bench.registry``'s synthetic registry: the databases, the bulk load, the search index.

    with database("postgresql", pg_url=None, keep=None) as (url, sqlite_path):
        indexing = upgrade_before_search(url)     # migrations up to the one before the search index
        loaded = load(engine, docs=100_000, seed=7)
        index = build_search_index(engine, url) if indexing else None   # migration 0004, timed
        analyze(engine)

Rows come from ``bench.registry_data`` with their ids, in batches of 1,000
Core ``executemany`` inserts, one transaction a batch; the load rate counts only
the time spent inserting. PostgreSQL is a throwaway server started as the tests
start theirs (``tests/conftest.py``) unless a URL is given; SQLite is a file in
a temporary folder under bench/out unless ``keep`` names a new file.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import pwd
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select, text

import registry
from bench.registry_data import ITEM_TABLES, LOAD_ORDER, Synthesizer, load_lexicon, make_bodies
from registry._migrate import alembic_config, migration_engine

__all__ = [
    "analyze",
    "build_search_index",
    "database",
    "database_bytes",
    "load",
    "search_module",
    "server_version",
    "upgrade_before_search",
]

ROOT = Path(__file__).resolve().parent.parent
BATCH = 1000
SEARCH_REVISION = "0004"
"""The migration that creates the search index and fills it from the documents there."""
TABLES = registry.Base.metadata.tables


# Loading


def load(engine: Engine, docs: int, seed: int) -> dict[str, Any]:
    """Fill an empty, migrated registry; the rate counts only the time spent in the database."""
    lexicon = load_lexicon()
    bodies = make_bodies(lexicon)
    synth = Synthesizer(lexicon, bodies, seed)
    now = dt.datetime.now(dt.UTC)
    body_rows = [
        {"id": b.id, "name": b.name, "name_folded": registry.body_key(b.name), "created_at": now} for b in bodies
    ]
    generate = insert = 0.0
    with engine.begin() as connection:
        connection.execute(TABLES["bodies"].insert(), body_rows)
    for first in range(1, docs + 1, BATCH):
        start = time.perf_counter()
        rows = synth.batch(first, min(BATCH, docs + 1 - first))
        generate += time.perf_counter() - start
        start = time.perf_counter()
        with engine.begin() as connection:
            for name in LOAD_ORDER:
                if rows[name]:
                    connection.execute(TABLES[name].insert(), rows[name])
        insert += time.perf_counter() - start
    _finish(engine, synth.incoming)
    return {
        "documents": docs,
        "rows": _row_counts(engine),
        "generate_s": round(generate, 1),
        "insert_s": round(insert, 1),
        "docs_per_s": round(docs / insert, 1),
        "bodies": bodies,
        "lexicon": lexicon,
    }


def _finish(engine: Engine, incoming: dict[int, int]) -> None:
    """The register's counters, and PostgreSQL's sequences past the ids given here."""
    with engine.begin() as connection:
        rows = [{"year": year, "last_number": last} for year, last in sorted(incoming.items())]
        connection.execute(TABLES["incoming_counters"].insert(), rows)
        if engine.dialect.name == "postgresql":
            for name in ("uploads", "documents", "bodies", *ITEM_TABLES):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), max(id)) FROM {name}"))


def analyze(engine: Engine) -> None:
    """Fresh planner statistics on PostgreSQL, as autovacuum gathers them; SQLite gets no ANALYZE (the registry
    runs none), only a checkpoint, so that the file holds the whole database."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def search_module() -> Any | None:
    """``registry.search``, once the search work has written it; None before."""
    try:
        module = importlib.import_module("registry.search")
    except ModuleNotFoundError:
        return None
    return module if hasattr(module, "search") else None


def upgrade_before_search(url: str) -> bool:
    """Migrate to the revision before the search index: True, or to head (no index to build) and False.

    Migration 0004 fills the index from the documents already there, in
    batches: the registry's own bulk indexer, run after the load.
    """
    scripts = ScriptDirectory.from_config(alembic_config())
    if search_module() is None or SEARCH_REVISION not in {r.revision for r in scripts.walk_revisions()}:
        registry.upgrade(url)
        return False
    engine = migration_engine(url)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, scripts.get_revision(SEARCH_REVISION).down_revision)
    finally:
        engine.dispose()
    return True


def build_search_index(engine: Engine, url: str) -> dict[str, Any]:
    start = time.perf_counter()
    registry.upgrade(url)
    seconds = time.perf_counter() - start
    with engine.connect() as connection:
        indexed = connection.scalar(text("SELECT count(*) FROM document_search")) or 0
    return {"seconds": round(seconds, 1), "documents_indexed": indexed}


def _row_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.scalar(select(func.count()).select_from(TABLES[name])) or 0 for name in LOAD_ORDER}


def database_bytes(engine: Engine, sqlite_path: Path | None) -> int:
    if sqlite_path is not None:
        return sum(p.stat().st_size for p in sqlite_path.parent.glob(sqlite_path.name + "*"))
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)


# Backends


@contextmanager
def postgres_database(pg_url: str | None) -> Iterator[str]:
    """``pg_url``, or a database on a throwaway server started as ``tests/conftest.py`` starts one."""
    if pg_url:
        yield pg_url
        return
    from tests.conftest import PostgresServer, _postgres_bindir, _scratch_parent

    bindir = _postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL's initdb and pg_ctl are missing: install Debian's postgresql, or pass --pg-url.")
    root = Path(tempfile.mkdtemp(prefix="congvan-bench-pg-", dir=_scratch_parent()))
    if os.geteuid() == 0:  # the server runs as nobody, in a folder it owns
        nobody = pwd.getpwnam("nobody")
        os.chown(root, nobody.pw_uid, nobody.pw_gid)
    server = PostgresServer(root, bindir)
    try:
        server.start()
        yield server.url(server.create_database())
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def database(backend: str, pg_url: str | None, keep: Path | None) -> Iterator[tuple[str, Path | None]]:
    if backend == "postgresql":
        with postgres_database(pg_url) as url:
            yield url, None
        return
    if keep is not None:
        if keep.exists():
            raise SystemExit(f"{keep} exists: --keep-sqlite builds a new registry there.")
        yield f"sqlite:///{keep}", keep
        return
    with tempfile.TemporaryDirectory(prefix="congvan-bench-", dir=ROOT / "bench" / "out") as folder:
        path = Path(folder) / "registry.db"
        yield f"sqlite:///{path}", path


def server_version(engine: Engine) -> str:
    if engine.dialect.name == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with engine.connect() as connection:
        return f"PostgreSQL {connection.scalar(text('SHOW server_version'))}"
