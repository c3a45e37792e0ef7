"""The incoming register and corrections through the API: fill in, print, correct, audit, reprocess."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

import registry
from service.api import create_app
from service.database import session_factory
from service.settings import Settings
from tests.registry.factories import make_extraction, save, store
from tests.service.tokens import bearer


@pytest.fixture
def document_id(settings: Settings) -> int:
    """The Lai Châu letter (two deadlines, a target of 1.200 sáng kiến), saved once."""
    with session_factory(settings.resolved_database_url)() as session:
        document = save(session, store(session, settings.resolved_storage_dir, b"letter"), make_extraction())
        session.commit()
        return document.id


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_each_loaded_document_has_a_register_line_with_its_so_den(client: TestClient, document_id: int) -> None:
    (entry,) = client.get("/api/v1/register").json()["items"]
    assert entry["document_id"] == document_id and entry["incoming_number"] == 1
    assert entry["processing_status"] == "pending" and entry["received_at"]
    assert entry["handling_deadline"] == "2022-03-31"  # the letter's earliest deadline
    assert entry["overdue"] is True


def test_a_reviewer_fills_in_the_register_and_it_is_audited(
    client: TestClient, settings: Settings, document_id: int
) -> None:
    change = {
        "assigned_to": "Ban Tuyên giáo",
        "directing_note": "Giao Ban Tuyên giáo chủ trì.",
        "processing_status": "done",
    }
    response = client.patch(
        f"/api/v1/documents/{document_id}/register",
        json=change,
        headers=bearer(settings, "reviewer", "chánh văn phòng"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["assigned_to"] == "Ban Tuyên giáo" and response.json()["overdue"] is False
    trail = client.get(f"/api/v1/documents/{document_id}/corrections").json()
    assert [(c["field"], c["corrected_by"]) for c in trail] == [
        ("assigned_to", "chánh văn phòng"),
        ("directing_note", "chánh văn phòng"),
        ("processing_status", "chánh văn phòng"),
    ]
    assert client.get("/api/v1/register", params={"assigned_to": "ban tuyen giao"}).json()["total"] == 1
    assert client.get("/api/v1/register", params={"status": "pending"}).json()["total"] == 0


def test_writes_to_the_register_need_a_reviewer(client: TestClient, settings: Settings, document_id: int) -> None:
    path = f"/api/v1/documents/{document_id}/register"
    assert client.patch(path, json={"assigned_to": "X"}).status_code == 401
    assert client.patch(path, json={"assigned_to": "X"}, headers=bearer(settings, "uploader")).status_code == 403
    assert client.patch(path, json={"colour": "X"}, headers=bearer(settings, "reviewer")).status_code == 422


def test_the_printed_register_has_the_decree_s_columns_in_order(
    client: TestClient, settings: Settings, document_id: int
) -> None:
    client.patch(
        f"/api/v1/documents/{document_id}/register",
        json={"assigned_to": "Ban Tuyên giáo"},
        headers=bearer(settings, "reviewer"),
    )
    response = client.get("/api/v1/register.xlsx")
    assert response.status_code == 200 and "so-den" in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:9]) == [
        "Ngày đến",
        "Số đến",
        "Tác giả",
        "Số, ký hiệu",
        "Ngày tháng",
        "Tên loại và trích yếu nội dung",
        "Đơn vị hoặc người nhận",
        "Ký nhận",
        "Ghi chú",
    ]
    assert rows[1][1] == "1" and rows[1][3] == "960/LĐLĐ" and rows[1][6] == "Ban Tuyên giáo"


def test_a_correction_to_an_item_is_kept_when_the_document_is_processed_again(
    client: TestClient, settings: Settings, document_id: int
) -> None:
    (target,) = client.get("/api/v1/targets").json()["items"]
    response = client.patch(
        f"/api/v1/targets/{target['id']}", json={"value": 1300}, headers=bearer(settings, "reviewer", "văn thư")
    )
    assert response.status_code == 200, response.text
    assert response.json()[0]["old_value"] == 1200 and response.json()[0]["new_value"] == 1300
    with session_factory(settings.resolved_database_url)() as session:
        document = registry.get_document(session, document_id)
        save(session, document.upload, make_extraction())  # processed again: extraction says 1.200 once more
        session.commit()
    assert [t["value"] for t in client.get("/api/v1/targets").json()["items"]] == [1300]


def test_a_document_field_correction_and_its_errors(client: TestClient, settings: Settings, document_id: int) -> None:
    headers = bearer(settings, "reviewer")
    response = client.patch(f"/api/v1/documents/{document_id}", json={"number": "961/LĐLĐ"}, headers=headers)
    assert response.status_code == 200 and client.get(f"/api/v1/documents/{document_id}").json()["number"] == "961/LĐLĐ"
    assert client.patch(f"/api/v1/documents/{document_id}", json={}, headers=headers).status_code == 422
    assert client.patch("/api/v1/targets/999999", json={"value": 1}, headers=headers).status_code == 404
    assert client.patch("/api/v1/targets/1", json={"colour": 1}, headers=headers).status_code in (404, 422)
