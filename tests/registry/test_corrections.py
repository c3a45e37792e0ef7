from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from congvan.errors import InvalidRequestError, NotFoundError
from tests.registry.factories import make_extraction, save, store

BY = "Nguyễn Thị Lan (văn thư)"


@pytest.fixture
def document(session: Session, storage_dir: Path) -> registry.Document:
    document = save(session, store(session, storage_dir))
    session.commit()
    return document


def test_a_correction_is_applied_and_recorded_with_the_value_it_replaced(
    session: Session, document: registry.Document
) -> None:
    correction = registry.correct_document(session, document, "number", " 961/LĐLĐ ", BY)
    session.commit()
    assert (document.number, document.number_folded, document.record["number"]) == ("961/LĐLĐ", "961/ldld", "961/LĐLĐ")
    (stored,) = registry.list_corrections(session, document.id)
    assert stored is correction
    assert (stored.item_table, stored.item_position, stored.field) == (None, None, "number")
    assert (stored.old_value, stored.new_value, stored.corrected_by) == ("960/LĐLĐ", "961/LĐLĐ", BY)
    assert stored.corrected_at.tzinfo is not None


def test_reprocessing_keeps_every_correction(session: Session, document: registry.Document) -> None:
    registry.correct_document(session, document, "subject", "tổng kết giai đoạn 1", BY)
    registry.correct_document(session, document, "date", "2022-06-25", BY)
    registry.correct_item(session, document, "targets", 0, "value", 1500, BY)
    registry.correct_item(session, document, "deadlines", 0, "status", "met", BY)
    registry.correct_item(session, document, "directives", 1, "text", "Tập trung tuyên truyền", BY)
    session.commit()

    again = save(session, document.upload)  # extraction says 960 … 1.200 again
    session.commit()
    session.expire_all()
    assert (again.subject, again.date, again.record["date"]) == (
        "tổng kết giai đoạn 1",
        dt.date(2022, 6, 25),
        "2022-06-25",
    )
    assert (again.targets[0].value, again.record["targets"][0]["value"]) == (1500, 1500)
    assert [d.status for d in again.deadlines] == ["met", "open"]
    assert again.directives[1].text == again.record["directives"][1]["text"] == "Tập trung tuyên truyền"
    progress = registry.list_targets(session)[0][0].progress
    assert progress is not None and progress.percent == 90  # 1.350 of the corrected 1.500
    assert len(registry.list_corrections(session, again.id)) == 5


def test_the_latest_correction_of_a_field_wins(session: Session, document: registry.Document) -> None:
    registry.correct_document(session, document, "place", "Lai Chau", BY)
    registry.correct_document(session, document, "place", "Lai Châu", "trưởng phòng")
    session.commit()
    assert save(session, document.upload).place == "Lai Châu"
    old_values = [c.old_value for c in registry.list_corrections(session, document.id)]
    assert old_values == ["Lai Châu", "Lai Chau"]


def test_a_correction_of_an_item_that_reprocessing_no_longer_finds_is_kept(
    session: Session, document: registry.Document
) -> None:
    registry.correct_item(session, document, "deadlines", 1, "what", "giai đoạn hai", BY)
    session.commit()
    again = save(session, document.upload, make_extraction(deadlines=make_extraction().deadlines[:1]))
    assert [d.what for d in again.deadlines] == ["báo cáo"]
    assert len(registry.list_corrections(session, document.id)) == 1


def test_correcting_the_issuer_finds_its_body_and_its_filter(session: Session, document: registry.Document) -> None:
    registry.correct_document(session, document, "issuer", "UBND tỉnh Lai Châu", BY)
    session.commit()
    body = registry.get_body(session, document.issuer_body_id or 0)
    assert body.name == "Ủy ban nhân dân tỉnh Lai Châu"
    assert registry.list_documents(session, issuer="ubnd tinh lai")[1] == 1


def _cases() -> list[tuple[str, Callable[[Session, registry.Document], object], type[Exception], str]]:
    def document_field(field: str, value: object, by: str = BY) -> Callable[[Session, registry.Document], object]:
        return lambda s, d: registry.correct_document(s, d, field, value, by)

    def item_field(
        table: str, position: int, field: str, value: object
    ) -> Callable[[Session, registry.Document], object]:
        return lambda s, d: registry.correct_item(s, d, table, position, field, value, BY)

    return [
        ("an unknown field", document_field("text", "x"), InvalidRequestError, "these can"),
        ("a date that is no date", document_field("date", "31/12/2022"), InvalidRequestError, "YYYY-MM-DD"),
        ("an unknown status", document_field("processing_status", "waiting"), InvalidRequestError, "pending"),
        ("an unknown type", document_field("doc_type", "letter"), InvalidRequestError, "cong_van"),
        ("a number too long", document_field("number", "9" * 300), InvalidRequestError, "255"),
        ("no one", document_field("place", "Lai Châu", by="  "), InvalidRequestError, "person"),
        ("an unknown table", item_field("contacts", 0, "name", "x"), InvalidRequestError, "targets"),
        ("a provenance field", item_field("targets", 0, "span_start", 3), InvalidRequestError, "these can"),
        ("a value that is no number", item_field("targets", 0, "value", "nhiều"), InvalidRequestError, "number"),
        ("a required field emptied", item_field("targets", 0, "metric", " "), InvalidRequestError, "empty"),
        ("an unknown comparator", item_field("targets", 0, "comparator", "~"), InvalidRequestError, ">="),
        ("an unknown deadline status", item_field("deadlines", 0, "status", "overdue"), InvalidRequestError, "met"),
        ("a position not there", item_field("targets", 9, "value", 1), NotFoundError, "position 9"),
    ]


def test_only_listed_fields_with_fitting_values_can_be_corrected(session: Session, document: registry.Document) -> None:
    for case, correct, error, message in _cases():
        with pytest.raises(error, match=message):
            correct(session, document)
            pytest.fail(case)
    assert registry.list_corrections(session, document.id) == []
    assert registry.get_document(session, document.id).number == "960/LĐLĐ"
