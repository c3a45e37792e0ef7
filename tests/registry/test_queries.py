from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from congvan.errors import NotFoundError
from extract.types import DocType, Value
from tests.registry.factories import make_extraction, save, store, where

HA_NOI = "Liên đoàn Lao động thành phố Hà Nội"


@pytest.fixture
def two_documents(session: Session, storage_dir: Path) -> tuple[registry.Document, registry.Document]:
    lai_chau = save(session, store(session, storage_dir, b"one"))
    ha_noi = save(
        session,
        store(session, storage_dir, b"two"),
        make_extraction(HA_NOI, doc_type=Value(DocType.KE_HOACH, where()), date=Value(dt.date(2023, 1, 5), where())),
    )
    session.commit()
    return lai_chau, ha_noi


@pytest.mark.parametrize("typed", ["lai chau", "LAI CHÂU", "Lai Chau", "tỉnh lai", "  lai châu  ", "Liên Đoàn"])
def test_the_issuer_filter_ignores_accents_and_case(session: Session, two_documents, typed: str) -> None:
    documents, total = registry.list_documents(session, issuer=typed)
    assert two_documents[0] in documents
    assert total == (2 if typed == "Liên Đoàn" else 1)


@pytest.mark.parametrize(
    "typed", ["ubnd tinh lai", "UBND tỉnh Lai Châu", "ủy ban nhân dân tỉnh lai", "UY BAN NHAN DAN"]
)
def test_the_issuer_filter_finds_a_body_as_its_letter_spells_it_and_written_out(
    session: Session, storage_dir: Path, typed: str
) -> None:
    document = save(session, store(session, storage_dir, b"ubnd"), make_extraction("UBND TỈNH LAI CHÂU"))
    session.commit()
    assert registry.list_documents(session, issuer=typed) == ([document], 1)
    assert registry.list_targets(session, issuer=typed)[1] == len(document.targets)


def test_the_issuer_filter_finds_a_merged_bodys_letters_by_either_name(session: Session, two_documents) -> None:
    lai_chau, ha_noi = two_documents
    registry.merge_bodies(session, keep_id=lai_chau.issuer_body_id or 0, merge_id=ha_noi.issuer_body_id or 0)
    session.commit()
    assert registry.list_documents(session, issuer="ha noi")[1] == 2


@pytest.mark.parametrize("typed", ["%", "_", "lai%chau", "\\"])
def test_like_wildcards_typed_by_a_user_match_only_themselves(session: Session, two_documents, typed: str) -> None:
    assert registry.list_documents(session, issuer=typed) == ([], 0)


def test_documents_filter_by_type_and_list_newest_first(session: Session, two_documents) -> None:
    lai_chau, ha_noi = two_documents
    assert registry.list_documents(session) == ([ha_noi, lai_chau], 2)
    assert registry.list_documents(session, doc_type="ke_hoach") == ([ha_noi], 1)
    assert registry.list_documents(session, limit=1, offset=1) == ([lai_chau], 2)


def test_items_are_listed_across_documents_with_pagination(session: Session, two_documents) -> None:
    rows, total = registry.list_directives(session, limit=3)
    assert total == 4 and len(rows) == 3
    rows, total = registry.list_directives(session, limit=3, offset=3)
    assert (len(rows), total) == (1, 4)
    assert registry.list_targets(session, issuer="ha noi")[1] == 1
    assert registry.list_targets(session, document_id=two_documents[0].id)[1] == 1
    assert registry.list_achievements(session, issuer="lai chau")[0][0].value == 1350
    assert registry.list_referenced_documents(session, document_id=two_documents[1].id)[1] == 1


def test_deadlines_due_before_a_day(session: Session, two_documents) -> None:
    rows, total = registry.list_deadlines(session, due_before=dt.date(2023, 1, 1))
    assert total == 2 and {r.raw for r in rows} == {"cuối tháng 3/2022"}
    assert registry.list_deadlines(session, issuer="hà nội", due_before=dt.date(2024, 1, 1))[1] == 2


def test_the_document_of_an_upload(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    assert registry.find_document_for_upload(session, upload) is None
    with pytest.raises(NotFoundError):
        registry.document_for_upload(session, upload)
    document = save(session, upload)
    assert registry.document_for_upload(session, upload) is document


def test_uploads_by_hash_and_newest_first(session: Session, storage_dir: Path) -> None:
    first, second = store(session, storage_dir, b"1"), store(session, storage_dir, b"2")
    assert registry.get_upload_by_sha256(session, registry.sha256_of(b"1")) is first
    assert registry.list_uploads(session) == [second, first]
    assert registry.list_uploads(session, limit=1, offset=1) == [first]


def test_upload_status_records_the_error_and_clears_it(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    registry.set_upload_status(session, upload, "failed", error_code="ocr_failed", error_message="boom")
    assert (upload.status, upload.error_code) == (registry.UploadStatus.FAILED, "ocr_failed")
    registry.set_upload_status(session, upload, registry.UploadStatus.DONE)
    assert (upload.status, upload.error_code, upload.error_message) == ("done", None, None)
    with pytest.raises(ValueError, match="'finished' is not a valid UploadStatus"):
        registry.set_upload_status(session, upload, "finished")


def test_a_failed_job_records_its_error(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    job = registry.create_job(session, upload)
    assert job.status == "queued" and len(job.id) == 32 and job.finished_at is None
    registry.mark_job_running(session, job)
    assert job.status == registry.JobStatus.RUNNING
    registry.mark_job_failed(session, job, error_code="ocr_failed", error_message="boom")
    session.commit()
    session.expire_all()
    again = registry.get_job(session, job.id)
    assert (again.status, again.error_code, again.error_message) == ("failed", "ocr_failed", "boom")
    assert again.finished_at is not None and again.finished_at.tzinfo is not None


def test_a_done_job_points_at_its_document(session: Session, storage_dir: Path) -> None:
    upload = store(session, storage_dir)
    job = registry.create_job(session, upload)
    document = save(session, upload)
    registry.mark_job_done(session, job, document)
    session.commit()
    assert (job.status, job.document_id, job.error_code) == ("done", document.id, None)


@pytest.mark.parametrize(
    "lookup",
    [
        lambda s: registry.get_document(s, 42),
        lambda s: registry.get_upload(s, 42),
        lambda s: registry.get_job(s, "nope"),
        lambda s: registry.get_upload_by_sha256(s, "0" * 64),
    ],
)
def test_unknown_ids_raise_not_found(session: Session, lookup: Callable[[Session], object]) -> None:
    with pytest.raises(NotFoundError) as raised:
        lookup(session)
    assert raised.value.http_status == 404


def test_a_list_counts_up_to_the_count_limit_and_one_more(
    session: Session, two_documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = registry.list_targets(session)[1]
    monkeypatch.setattr("registry.queries.COUNT_LIMIT", every - 2)
    rows, total = registry.list_targets(session, limit=100)
    assert (len(rows), total) == (every, every - 1)  # "more than every - 2": the page is whole
