from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

import registry
from tests.registry.factories import save, store


def test_timestamps_are_utc_and_come_back_timezone_aware(session: Session, storage_dir: Path) -> None:
    before = dt.datetime.now(dt.UTC)
    document = save(session, store(session, storage_dir))
    session.commit()
    session.expire_all()
    created = registry.get_document(session, document.id).created_at
    assert created.tzinfo is not None and created.utcoffset() == dt.timedelta(0)
    assert before - dt.timedelta(seconds=1) <= created <= dt.datetime.now(dt.UTC)


def test_an_aware_time_in_another_zone_is_stored_as_the_same_instant(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    job = registry.create_job(session, upload)
    hanoi = dt.datetime(2024, 3, 1, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    job.finished_at = hanoi
    session.commit()
    session.expire_all()
    stored = registry.get_job(session, job.id).finished_at
    assert stored == hanoi and stored.tzinfo == dt.UTC and stored.hour == 2


def test_a_naive_datetime_is_refused(session: Session, storage_dir: Path) -> None:
    job = registry.create_job(session, store(session, storage_dir))
    job.finished_at = dt.datetime(2024, 3, 1, 9, 30)
    with pytest.raises(StatementError, match="naive datetime"):
        session.flush()


def test_the_database_refuses_an_unknown_status(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(text("UPDATE uploads SET status = 'lost' WHERE id = :id"), {"id": upload.id})


def test_foreign_keys_are_enforced(session: Session, storage_dir: Path) -> None:
    session.add(registry.Job(upload_id=999))
    with pytest.raises(IntegrityError):
        session.flush()


def test_one_document_per_upload(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    save(session, upload)
    duplicate = registry.Document(
        upload_id=upload.id, page_count=1, ocr_engine="x", ocr_confidence=1.0, ocr_text="", text="", record={}
    )
    session.add(duplicate)
    with pytest.raises(IntegrityError):
        session.flush()
