from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

import registry
from congvan.errors import InvalidRequestError
from extract.types import Deadline
from tests.registry.factories import make_extraction, save, store, store_at, where

UTC = dt.UTC


def _arrived(session: Session, storage_dir: Path, data: bytes, when: dt.datetime) -> registry.Document:
    return save(session, store_at(session, storage_dir, data, when))


def test_incoming_numbers_count_up_within_a_year_and_start_again_in_the_next(
    session: Session, storage_dir: Path
) -> None:
    arrivals = [
        dt.datetime(2024, 3, 1, 2, 0, tzinfo=UTC),
        dt.datetime(2024, 7, 1, 2, 0, tzinfo=UTC),
        dt.datetime(2024, 12, 31, 18, 0, tzinfo=UTC),  # 1 January 2025 in Hà Nội
        dt.datetime(2025, 2, 1, 2, 0, tzinfo=UTC),
    ]
    documents = [_arrived(session, storage_dir, bytes([i]), when) for i, when in enumerate(arrivals)]
    session.commit()
    assert [(d.incoming_year, d.incoming_number) for d in documents] == [(2024, 1), (2024, 2), (2025, 1), (2025, 2)]
    assert [d.received_at for d in documents] == arrivals


def test_a_number_is_kept_on_reprocessing_and_never_given_again(session: Session, storage_dir: Path) -> None:
    when = dt.datetime(2024, 5, 1, tzinfo=UTC)
    first = _arrived(session, storage_dir, b"1", when)
    again = save(session, first.upload)
    assert (again.id, again.incoming_number) == (first.id, 1)
    second = _arrived(session, storage_dir, b"2", when)
    session.commit()
    session.delete(second)
    session.commit()
    assert _arrived(session, storage_dir, b"3", when).incoming_number == 3


def test_documents_saved_at_once_get_distinct_numbers(
    session_factory: sessionmaker[Session], storage_dir: Path
) -> None:
    barrier = threading.Barrier(4)

    def save_in_own_session(i: int) -> int:
        with session_factory() as own:
            upload = store(own, storage_dir, f"at once {i}".encode())
            own.commit()
            barrier.wait()
            number = save(own, upload).incoming_number
            own.commit()
            assert number is not None
            return number

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(save_in_own_session, range(4))) == [1, 2, 3, 4]


def test_the_handling_deadline_is_the_earliest_deadline_until_a_person_sets_it(
    session: Session, storage_dir: Path
) -> None:
    document = save(session, store(session, storage_dir))
    assert document.handling_deadline == dt.date(2022, 3, 31)
    assert document.processing_status == registry.ProcessingStatus.PENDING
    registry.correct_document(session, document, "handling_deadline", "2022-05-15", "chánh văn phòng")
    registry.correct_document(session, document, "assigned_to", "Ban Tuyên giáo", "chánh văn phòng")
    registry.correct_document(session, document, "directing_note", "Giao Ban Tuyên giáo chủ trì", "chủ tịch")
    registry.correct_document(session, document, "processing_status", "in_progress", "chánh văn phòng")
    session.commit()
    again = save(session, document.upload, make_extraction(deadlines=()))
    session.commit()
    session.expire_all()
    assert again.handling_deadline == dt.date(2022, 5, 15)
    assert (again.assigned_to, again.directing_note) == ("Ban Tuyên giáo", "Giao Ban Tuyên giáo chủ trì")
    assert again.processing_status == registry.ProcessingStatus.IN_PROGRESS


@pytest.fixture
def three_deadlines(session: Session, storage_dir: Path) -> registry.Document:
    deadlines = (
        Deadline("báo cáo", "cuối tháng 3/2022", where(), date="2022-03"),
        Deadline("tổng kết", "trước 31/8/2023", where(), date="2023-08-31"),
        Deadline("bắt đầu", "từ 01/6/2022", where(), start="2022-06-01"),
    )
    document = save(session, store(session, storage_dir), make_extraction(deadlines=deadlines))
    registry.correct_item(session, document, "deadlines", 1, "status", "met", "văn thư")
    session.commit()
    return document


def _whats(rows: list[registry.Deadline]) -> list[str]:
    return [d.what for d in rows]


def test_a_deadline_is_open_overdue_or_met(session: Session, three_deadlines: registry.Document) -> None:
    day = dt.date(2023, 1, 1)
    assert [d.state(day) for d in three_deadlines.deadlines] == ["overdue", "met", "open"]
    assert [d.status for d in three_deadlines.deadlines] == ["open", "met", "open"]
    assert [d.state(dt.date(2022, 3, 31)) for d in three_deadlines.deadlines] == ["open", "met", "open"]


@pytest.mark.parametrize(
    ("filters", "whats"),
    [
        ({"overdue": True}, ["báo cáo"]),
        ({"overdue": False}, ["tổng kết", "bắt đầu"]),
        ({"status": "overdue"}, ["báo cáo"]),
        ({"status": "open"}, ["bắt đầu"]),
        ({"status": "met"}, ["tổng kết"]),
        ({"status": "open", "due_before": dt.date(2030, 1, 1)}, []),
        ({"due_before": dt.date(2023, 1, 1)}, ["báo cáo"]),
    ],
)
def test_deadlines_filter_by_status_overdue_and_day(
    session: Session, three_deadlines: registry.Document, filters: dict[str, object], whats: list[str]
) -> None:
    rows, total = registry.list_deadlines(session, today=dt.date(2023, 1, 1), **filters)  # type: ignore[arg-type]
    assert (_whats(rows), total) == (whats, len(whats))


def test_overdue_is_judged_against_today(session: Session, three_deadlines: registry.Document) -> None:
    assert _whats(registry.list_deadlines(session, overdue=True)[0]) == ["báo cáo"]  # 2022 is past
    assert _whats(registry.all_deadlines(session, status="met")) == ["tổng kết"]
    with pytest.raises(InvalidRequestError, match="open, overdue, met"):
        registry.list_deadlines(session, status="late")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE deadlines SET status = 'late'",
        "UPDATE documents SET processing_status = 'waiting'",
    ],
)
def test_the_database_refuses_an_unknown_status(session: Session, storage_dir: Path, statement: str) -> None:
    save(session, store(session, storage_dir))
    session.commit()
    with pytest.raises(IntegrityError):
        session.execute(text(statement))
