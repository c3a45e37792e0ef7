from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import registry
from tests.registry.conftest import make_extraction, save, store


def test_save_stores_fields_items_and_the_whole_record(session: Session, tmp_path: Path) -> None:
    document = save(session, store(session, tmp_path))
    session.commit()
    assert document.number == "960/LĐLĐ" and document.date == dt.date(2022, 6, 24)
    assert document.issuer_folded == "lien doan lao dong tinh lai chau"
    assert [d.text for d in document.directives] == ["Tổ chức đánh giá kết quả", "Tập trung truyền thông"]
    assert document.targets[0].value == 1200 and document.targets[0].page == 1
    assert document.record["number"] == "960/LĐLĐ"
    assert document.record["provenance"]["number"]["start"] == 3
    assert document.ocr_confidence == 0.9123


def test_saving_the_same_upload_again_replaces_instead_of_duplicating(session: Session, tmp_path: Path) -> None:
    upload = store(session, tmp_path)
    first = save(session, upload)
    session.commit()
    second = save(session, upload, make_extraction(directives=()))
    session.commit()
    assert second.id == first.id
    assert session.scalar(select(func.count()).select_from(registry.Document)) == 1
    assert session.scalar(select(func.count()).select_from(registry.Directive)) == 0
    assert session.scalar(select(func.count()).select_from(registry.Target)) == 1


def test_deleting_a_document_deletes_its_items(session: Session, tmp_path: Path) -> None:
    session.delete(save(session, store(session, tmp_path)))
    session.commit()
    for model in (registry.Directive, registry.Target, registry.Deadline):
        assert session.scalar(select(func.count()).select_from(model)) == 0


@pytest.mark.parametrize(
    ("iso", "due"),
    [
        ("2022-05-31", dt.date(2022, 5, 31)),
        ("2022-02", dt.date(2022, 2, 28)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2025", dt.date(2025, 12, 31)),
        ("2025-11-22T18:00", dt.date(2025, 11, 22)),
        ("2022-02-30", None),
        (None, None),
    ],
)
def test_due_date_is_the_last_day_the_text_allows(iso: str | None, due: dt.date | None) -> None:
    assert registry.due_date(iso) == due


def test_a_window_is_due_at_its_end(session: Session, tmp_path: Path) -> None:
    document = save(session, store(session, tmp_path))
    assert [d.due_date for d in document.deadlines] == [dt.date(2022, 3, 31), dt.date(2023, 8, 31)]


def test_timestamps_come_back_timezone_aware(session: Session, tmp_path: Path) -> None:
    document = save(session, store(session, tmp_path))
    session.commit()
    session.expire_all()
    assert registry.get_document(session, document.id).created_at.tzinfo is not None
