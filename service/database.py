"""One engine and session factory per database URL, migrated on first use.

A process normally talks to one database. Tests talk to hundreds, one after the
other, so the factories are kept for the :data:`KEPT` most recently used URLs and
the engine of one that is dropped has its pooled connections closed, never left
for the garbage collector (psycopg warns from ``__del__`` about such connections).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy.orm import Session, sessionmaker

import registry

__all__ = ["KEPT", "release", "session_factory"]

KEPT = 32
"""How many URLs keep their engine; more are never open at once in one process."""

_factories: OrderedDict[str, sessionmaker[Session]] = OrderedDict()
_lock = threading.Lock()


def session_factory(url: str) -> sessionmaker[Session]:
    """Bring the database to the newest schema, then hand out sessions on it."""
    with _lock:
        factory = _factories.get(url)
        if factory is not None:
            _factories.move_to_end(url)
            return factory
        registry.upgrade(url)
        factory = _factories[url] = registry.make_session_factory(registry.make_engine(url))
        dropped = [_factories.popitem(last=False)[1] for _ in range(len(_factories) - KEPT)]
    for old in dropped:
        old.kw["bind"].dispose()
    return factory


def release(url: str) -> None:
    """Close the pooled connections to ``url`` and forget its engine: before its database is dropped."""
    with _lock:
        factory = _factories.pop(url, None)
    if factory is not None:
        factory.kw["bind"].dispose()
