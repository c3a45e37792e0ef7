"""Tokens for the service tests, made straight in the registry (``test_auth`` makes them by the CLI too)."""

from __future__ import annotations

import registry
from service.database import session_factory
from service.settings import Settings


def new_secret(settings: Settings, role: str, name: str = "kiểm thử") -> str:
    """The secret of a new token of ``role`` in ``settings``' registry."""
    with session_factory(settings.resolved_database_url)() as session:
        _, secret = registry.create_token(session, name, role)
        session.commit()
    return secret


def bearer(settings: Settings, role: str, name: str = "kiểm thử") -> dict[str, str]:
    """Headers that send a new token of ``role``."""
    return {"Authorization": f"Bearer {new_secret(settings, role, name)}"}
