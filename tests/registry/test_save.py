from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

import registry
from extract.types import Deadline
from tests.registry.factories import make_extraction, save, store, where

ITEM_MODELS = (
    registry.Directive,
    registry.Target,
    registry.Achievement,
    registry.Deadline,
    registry.ReferencedDocument,
)


def _counts(session: Session) -> dict[str, int]:
    models = (registry.Document, *ITEM_MODELS)
    return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0 for m in models}


def _rows(session: Session) -> list[tuple[object, ...]]:
    """Every item row without surrogate ids (its own, and the new target's it links to), to compare two saves."""
    out: list[tuple[object, ...]] = []
    for model in ITEM_MODELS:
        columns = [c for c in model.__table__.columns if c.name not in ("id", "target_id")]
        out += [tuple(row) for row in session.execute(select(*columns).order_by(*columns))]
    return out


def test_save_stores_fields_items_and_the_whole_record(session: Session, storage_dir: Path) -> None:
    extraction = make_extraction()
    document = save(session, store(session, storage_dir), extraction)
    session.commit()
    session.expire_all()
    document = registry.get_document(session, document.id)
    assert (document.doc_type, document.number, document.date) == ("cong_van", "960/LĐLĐ", dt.date(2022, 6, 24))
    assert document.issuer_folded == "lien doan lao dong tinh lai chau"
    assert document.parent_issuer == "Tổng Liên đoàn Lao động Việt Nam"
    assert (document.page_count, document.ocr_confidence, document.text) == (2, 0.9123, "Số: 960/LĐLĐ")
    assert [d.text for d in document.directives] == ["Tổ chức đánh giá kết quả", "Tập trung truyền thông"]
    assert [d.position for d in document.directives] == [0, 1]
    target = document.targets[0]
    assert (target.value, target.comparator, target.page, target.confidence) == (1200, ">=", 1, 0.9)
    assert document.achievements[0].percent_of_target == 112.5
    assert document.referenced_documents[0].date == dt.date(2021, 5, 4)
    assert document.record == extraction.to_record()
    assert document.record["contacts"][0]["phone"] == "0213 3876 543"
    assert document.record["provenance"]["number"]["start"] == 3


def test_saving_the_same_extraction_twice_gives_the_same_rows(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    first = save(session, upload)
    session.commit()
    counts, rows = _counts(session), _rows(session)
    second = save(session, upload)
    session.commit()
    assert second.id == first.id
    assert (
        _counts(session)
        == counts
        == {
            "documents": 1,
            "directives": 2,
            "targets": 1,
            "achievements": 1,
            "deadlines": 2,
            "referenced_documents": 1,
        }
    )
    assert _rows(session) == rows
    assert second.achievements[0].target_id == second.targets[0].id


def test_reprocessing_replaces_the_fields_and_items(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    save(session, upload)
    session.commit()
    document = save(session, upload, make_extraction("Công đoàn Đà Nẵng", directives=(), number=None))
    session.commit()
    assert (document.issuer_folded, document.number, document.record["number"]) == ("cong doan da nang", None, None)
    assert _counts(session)["directives"] == 0 and document.directives == []


@pytest.mark.parametrize(
    ("iso", "due"),
    [
        ("2022-05-31", dt.date(2022, 5, 31)),
        ("2022-03", dt.date(2022, 3, 31)),
        ("2022-02", dt.date(2022, 2, 28)),
        ("2024-02", dt.date(2024, 2, 29)),
        ("2025", dt.date(2025, 12, 31)),
        ("2025-11-22T18:00", dt.date(2025, 11, 22)),
        ("2022-02-30", None),
        ("2022-13", None),
        ("quý 2", None),
        (None, None),
    ],
)
def test_due_date_is_the_last_day_the_text_allows(iso: str | None, due: dt.date | None) -> None:
    assert registry.due_date(iso) == due


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        (Deadline("báo cáo", "cuối tháng 3/2022", where(), date="2022-03"), dt.date(2022, 3, 31)),
        (Deadline("gđ 2", "01/6/2022 – 8/2023", where(), start="2022-06-01", end="2023-08"), dt.date(2023, 8, 31)),
        (Deadline("tổng kết", "năm 2025", where(), date="2025"), dt.date(2025, 12, 31)),
        (Deadline("bắt đầu", "từ 01/6/2022", where(), start="2022-06-01"), None),
    ],
)
def test_a_saved_deadline_is_due_at_the_end_of_its_text(
    session: Session, storage_dir: Path, deadline: Deadline, due: dt.date | None
) -> None:
    document = save(session, store(session, storage_dir), make_extraction(deadlines=(deadline,)))
    saved = document.deadlines[0]
    assert saved.due_date == due
    assert (saved.date_iso, saved.start_iso, saved.end_iso) == (deadline.date, deadline.start, deadline.end)


def test_the_database_deletes_a_documents_items_with_it(session: Session, storage_dir: Path) -> None:
    save(session, store(session, storage_dir))
    session.commit()
    session.execute(delete(registry.Document))  # SQL, not the ORM: ON DELETE CASCADE does the work
    session.commit()
    assert set(_counts(session).values()) == {0}


def test_deleting_an_upload_deletes_its_document_and_jobs(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    save(session, upload)
    registry.create_job(session, upload)
    session.commit()
    session.execute(delete(registry.Upload))
    session.commit()
    assert set(_counts(session).values()) == {0}
    assert session.scalar(select(func.count()).select_from(registry.Job)) == 0
