from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from congvan.errors import NotFoundError
from tests.registry.conftest import make_extraction, save, store


@pytest.fixture
def two_documents(session: Session, tmp_path: Path) -> tuple[registry.Document, registry.Document]:
    lai_chau = save(session, store(session, tmp_path, b"one"))
    ha_noi = save(session, store(session, tmp_path, b"two"), make_extraction("Liên đoàn Lao động thành phố Hà Nội"))
    session.commit()
    return lai_chau, ha_noi


@pytest.mark.parametrize("typed", ["lai chau", "LAI CHÂU", "Lai Chau", "tỉnh lai"])
def test_issuer_filter_ignores_accents_and_case(session: Session, two_documents, typed: str) -> None:
    documents, total = registry.list_documents(session, issuer=typed)
    assert total == 1 and documents[0].id == two_documents[0].id


def test_items_are_listed_across_documents_with_pagination(session: Session, two_documents) -> None:
    rows, total = registry.list_directives(session, limit=3)
    assert total == 4 and len(rows) == 3
    rows, _ = registry.list_directives(session, limit=3, offset=3)
    assert len(rows) == 1
    assert registry.list_targets(session, issuer="ha noi")[1] == 1
    assert registry.list_targets(session, document_id=two_documents[0].id)[1] == 1


def test_deadlines_due_before_a_day(session: Session, two_documents) -> None:
    rows, total = registry.list_deadlines(session, due_before=dt.date(2023, 1, 1))
    assert total == 2 and {r.raw for r in rows} == {"cuối tháng 3/2022"}


def test_percent_signs_in_a_filter_match_nothing_extra(session: Session, two_documents) -> None:
    assert registry.list_documents(session, issuer="%")[1] == 2  # empty pattern after escaping
    assert registry.list_documents(session, issuer="xyz%")[1] == 0


def test_jobs_record_their_outcome(session: Session, tmp_path: Path) -> None:
    upload = store(session, tmp_path)
    job = registry.create_job(session, upload)
    assert job.status == "queued" and len(job.id) == 32
    registry.mark_job_running(session, job)
    registry.mark_job_failed(session, job, error_code="ocr_failed", error_message="boom")
    session.commit()
    again = registry.get_job(session, job.id)
    assert (again.status, again.error_code) == ("failed", "ocr_failed") and again.finished_at


@pytest.mark.parametrize(
    "lookup",
    [
        lambda s: registry.get_document(s, 42),
        lambda s: registry.get_upload(s, 42),
        lambda s: registry.get_job(s, "nope"),
        lambda s: registry.get_upload_by_sha256(s, "0" * 64),
    ],
)
def test_unknown_ids_raise_not_found(session: Session, lookup) -> None:
    with pytest.raises(NotFoundError):
        lookup(session)
