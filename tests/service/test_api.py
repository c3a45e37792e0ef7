"""The HTTP API end to end: upload a rendered letter, let it be processed, query what it says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api import create_app
from service.settings import Settings


@pytest.fixture
def client(settings: Settings, admin_headers: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(settings), headers=admin_headers) as client:
        yield client


def _upload(client: TestClient, path: Path) -> dict:
    response = client.post("/api/v1/documents", files={"file": (path.name, path.read_bytes())})
    assert response.status_code in (200, 202), response.text
    return response.json()


def test_health_reports_the_ocr_engine(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["ocr_ready"] is True
    assert body["tesseract"].startswith("5")


def test_a_letter_never_seen_goes_from_scan_to_registry(client: TestClient, unseen_pdf: Path) -> None:
    accepted = _upload(client, unseen_pdf)
    assert accepted["status"] == "queued" and accepted["job_id"]

    # TestClient runs background tasks before it returns, so the job is finished here.
    job = client.get(f"/api/v1/jobs/{accepted['job_id']}").json()
    assert job["status"] == "done", job
    document = client.get(f"/api/v1/documents/{job['document_id']}").json()
    record = document["record"]
    assert record["number"] == "1378/SGDĐT-VP"
    assert record["date"] == "2024-09-09"
    assert record["place"] == "Quảng Trị"
    assert record["doc_type"] == "cong_van"
    assert "Sở Giáo dục và Đào tạo" in (record["issuer"] or "")
    assert record["subject"].startswith("triển khai phần mềm quản lý hồ sơ công việc")
    assert len(record["directives"]) == 3
    assert record["directives"][0]["text"].startswith("Rà soát danh sách cán bộ")
    assert record["signer_name"] == "Trần Thị Minh Nguyệt"
    assert record["provenance"]["number"]["page"] == 1

    deadlines = client.get("/api/v1/deadlines", params={"document_id": document["id"]}).json()
    assert any(item["date"] == "2024-09-20" for item in deadlines["items"])
    directives = client.get("/api/v1/directives", params={"issuer": "so giao duc"}).json()
    assert directives["total"] == 3


def test_the_same_bytes_again_return_the_existing_document(client: TestClient, samples_dir: Path) -> None:
    path = samples_dir / "thongbao-212-TB-STNMT-2023.txt"
    first = _upload(client, path)
    job = client.get(first["links"]["job"]).json()
    again = client.post("/api/v1/documents", files={"file": ("renamed.txt", path.read_bytes())})
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["document_id"] == job["document_id"]
    assert client.get("/api/v1/documents").json()["total"] == 1


def test_the_original_file_comes_back_byte_for_byte(client: TestClient, samples_dir: Path) -> None:
    path = samples_dir / "laichau-960-LDLD-2022.png"
    job = client.get(_upload(client, path)["links"]["job"]).json()
    response = client.get(f"/api/v1/documents/{job['document_id']}/file")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == path.read_bytes()


def test_lists_filter_by_issuer_without_accents(client: TestClient, samples_dir: Path) -> None:
    _upload(client, samples_dir / "kehoach-45-KH-UBND-2023.tif")
    _upload(client, samples_dir / "thongbao-212-TB-STNMT-2023.txt")
    documents = client.get("/api/v1/documents", params={"issuer": "tai nguyen"}).json()
    assert documents["total"] == 1 and documents["items"][0]["number"] == "212/TB-STNMT"
    targets = client.get("/api/v1/targets").json()
    assert targets["total"] >= 1
    assert {"metric", "value", "unit", "provenance", "document_id"} <= set(targets["items"][0])


@pytest.mark.parametrize(
    ("code", "status"),
    [("empty_document", 422), ("unsupported_file", 415), ("corrupt_pdf", 422), ("encrypted_pdf", 422)],
)
def test_bad_uploads_get_a_clear_error_and_are_kept(
    client: TestClient, bad_files: dict[str, Path], code: str, status: int
) -> None:
    path = bad_files[code]
    response = client.post("/api/v1/documents", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    again = client.post("/api/v1/documents", files={"file": (path.name, path.read_bytes())})
    assert again.status_code == status  # the same bytes, the same answer
    assert again.json()["error"] == error


def test_unknown_ids_are_404_with_a_code(client: TestClient) -> None:
    response = client.get("/api/v1/documents/999")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/jobs/nope").status_code == 404


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/documents",
        "/api/v1/jobs/{job_id}",
        "/api/v1/documents/{document_id}/file",
        "/api/v1/targets",
        "/api/v1/achievements",
        "/api/v1/deadlines",
        "/api/v1/directives",
    ):
        assert path in paths


def test_an_upload_whose_processing_was_interrupted_is_retried(
    client: TestClient, settings: Settings, admin_headers: dict[str, str], samples_dir: Path
) -> None:
    import registry
    from service.database import session_factory

    path = samples_dir / "thongbao-212-TB-STNMT-2023.txt"
    with session_factory(settings.resolved_database_url)() as session:
        upload, _ = registry.store_upload(
            session,
            path.read_bytes(),
            filename=path.name,
            media_type="text/plain; charset=utf-8",
            storage_dir=settings.resolved_storage_dir,
        )
        job = registry.create_job(session, upload)
        registry.mark_job_running(session, job)
        session.commit()
    with TestClient(
        create_app(settings), headers=admin_headers
    ) as restarted:  # start-up fails the job a stop left running
        assert restarted.get(f"/api/v1/jobs/{job.id}").json()["error"]["code"] == "interrupted"
        again = restarted.post("/api/v1/documents", files={"file": (path.name, path.read_bytes())})
        assert again.status_code == 202 and again.json()["duplicate"] is True
        assert restarted.get(again.json()["links"]["job"]).json()["status"] == "done"


def test_parameter_errors_have_the_same_shape_as_every_error(client: TestClient) -> None:
    response = client.get("/api/v1/deadlines", params={"due_before": "not-a-date"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
    assert "due_before" in response.json()["error"]["message"]
    assert client.post("/api/v1/documents").json()["error"]["code"] == "invalid_request"


def test_an_oversized_upload_is_refused_before_it_is_read(settings: Settings, admin_headers: dict[str, str]) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 100_000})
    with TestClient(create_app(small), headers=admin_headers) as client:
        response = client.post("/api/v1/documents", files={"file": ("big.pdf", b"%PDF-1.4" + b"0" * 300_000)})
        assert response.status_code == 413 and response.json()["error"]["code"] == "upload_too_large"
        response = client.post("/api/v1/documents", files={"file": ("big.pdf", b"%PDF-1.4" + b"0" * 120_000)})
        assert response.status_code == 413  # within the header's margin, caught while reading


def test_the_filters_of_the_item_lists(client: TestClient, samples_dir: Path) -> None:
    _upload(client, samples_dir / "kehoach-45-KH-UBND-2023.tif")
    document = client.get("/api/v1/documents").json()["items"][0]["id"]
    all_deadlines = client.get("/api/v1/deadlines", params={"document_id": document}).json()
    early = client.get("/api/v1/deadlines", params={"document_id": document, "due_before": "2023-11-01"}).json()
    assert 0 < early["total"] < all_deadlines["total"]
    assert client.get("/api/v1/targets", params={"document_id": document + 1}).json()["total"] == 0
    assert client.get("/api/v1/targets", params={"limit": 2}).json()["limit"] == 2
