"""Alembic environment for the registry: the models' metadata, batch mode for SQLite.

``registry.upgrade()`` passes an open connection in ``config.attributes``; the
``alembic`` command instead gives a URL (``-x url=…`` or ``sqlalchemy.url``).
"""

from __future__ import annotations

from alembic import context

from registry._migrate import migration_engine
from registry.models import Base
from registry.search import include_name

target_metadata = Base.metadata


def _configure(**kwargs: object) -> None:
    # render_as_batch: SQLite alters tables by copy-and-move; harmless elsewhere.
    # include_name: the search index's tables are made by hand, per database (migration 0004).
    context.configure(
        target_metadata=target_metadata, render_as_batch=True, compare_type=True, include_name=include_name, **kwargs
    )


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    return url or context.config.get_main_option("sqlalchemy.url") or ""


def run_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = migration_engine(_url())
    try:
        with engine.begin() as own_connection:
            _run_on(own_connection)
    finally:
        engine.dispose()


def _run_on(connection: object) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
