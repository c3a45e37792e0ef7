"""API tokens in the registry: only a hash is kept, roles are ordered, revoked tokens stop working."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

import registry
from congvan.errors import InvalidRequestError, NotFoundError
from registry import Role


def test_a_new_token_keeps_only_a_hash_and_a_short_prefix_of_its_secret(session: Session) -> None:
    token, secret = registry.create_token(session, " Văn thư ", "uploader")
    session.commit()
    assert secret.startswith("cv_") and len(secret) == 46
    assert (token.name, token.role, token.prefix) == ("Văn thư", Role.UPLOADER, secret[:11])
    assert token.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    stored = session.execute(text("SELECT * FROM api_tokens")).one()
    assert all(secret not in str(value) for value in stored)


def test_the_secret_finds_its_token_and_nothing_else_does(session: Session) -> None:
    token, secret = registry.create_token(session, "a", "reader")
    registry.create_token(session, "b", "admin")
    assert registry.authenticate(session, secret) is token
    assert registry.authenticate(session, secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert registry.authenticate(session, "") is None
    assert registry.authenticate(session, secret + "x") is None


def test_a_revoked_token_no_longer_authenticates(session: Session) -> None:
    token, secret = registry.create_token(session, "a", "admin")
    revoked = registry.revoke_token(session, token.id)
    first = revoked.revoked_at
    assert registry.authenticate(session, secret) is None
    assert registry.revoke_token(session, token.id).revoked_at == first  # again: the first time stays
    with pytest.raises(NotFoundError):
        registry.revoke_token(session, 999)


def test_last_used_is_written_at_most_once_a_minute(session: Session) -> None:
    token, secret = registry.create_token(session, "a", "reader")
    start = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)
    registry.authenticate(session, secret, now=start)
    registry.authenticate(session, secret, now=start + dt.timedelta(seconds=59))
    assert token.last_used_at == start
    registry.authenticate(session, secret, now=start + dt.timedelta(minutes=1))
    assert token.last_used_at == start + dt.timedelta(minutes=1)


def test_roles_are_ordered_reader_uploader_reviewer_admin() -> None:
    assert [str(r) for r in Role] == ["reader", "uploader", "reviewer", "admin"]
    assert Role.ADMIN.allows(Role.REVIEWER) and Role.REVIEWER.allows(Role.UPLOADER)
    assert Role.UPLOADER.allows(Role.UPLOADER)
    assert not Role.READER.allows(Role.UPLOADER) and not Role.REVIEWER.allows(Role.ADMIN)


def test_a_token_needs_a_known_role_and_a_name(session: Session) -> None:
    with pytest.raises(InvalidRequestError, match="reader, uploader, reviewer, admin"):
        registry.create_token(session, "a", "boss")
    with pytest.raises(InvalidRequestError, match="name"):
        registry.create_token(session, "  ", "reader")


def test_tokens_are_listed_oldest_first_revoked_ones_too(session: Session) -> None:
    first, _ = registry.create_token(session, "a", "reader")
    second, _ = registry.create_token(session, "b", "admin")
    registry.revoke_token(session, first.id)
    session.commit()
    assert [(t.name, t.active) for t in registry.list_tokens(session)] == [("a", False), ("b", True)]
