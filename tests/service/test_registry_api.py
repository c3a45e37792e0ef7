"""The registry's model through the API: progress on targets, deadline status, bodies, directives by body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import registry
from extract.types import Achievement, Item, Value
from service.api import create_app
from service.database import session_factory
from service.settings import Settings
from tests.registry.factories import letter, make_extraction, save, store, where


@pytest.fixture
def seeded(settings: Settings) -> dict[str, int]:
    """The Lai Châu letter (target 1.200 sáng kiến, two deadlines) and a report of 1.775 sáng kiến."""
    with session_factory(settings.resolved_database_url)() as session:
        target_letter = save(session, store(session, settings.resolved_storage_dir, b"letter"), make_extraction())
        report = save(
            session,
            store(session, settings.resolved_storage_dir, b"report"),
            letter(
                "LĐLĐ tỉnh Lai Châu",
                directives=(Item("Đề nghị Các Công đoàn ngành báo cáo", where()),),
                achievements=(Achievement("sáng kiến", 1775.0, "sáng kiến", None, None, "giai đoạn 1", where()),),
                date=Value(dt.date(2023, 12, 20), where()),
            ),
        )
        registry.correct_item(session, target_letter, "deadlines", 1, "status", "met", "văn thư")
        session.commit()
        recipient = registry.find_body(session, "Các Công đoàn ngành")
        assert recipient is not None and target_letter.issuer_body_id is not None
        return {
            "issuer": target_letter.issuer_body_id,
            "recipient": recipient.id,
            "achievement": report.achievements[0].id,
        }


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_targets_show_the_progress_of_their_best_achievement(client: TestClient, seeded: dict[str, int]) -> None:
    (target,) = client.get("/api/v1/targets").json()["items"]
    assert target["progress"] == {"achievement_id": seeded["achievement"], "value": 1775.0, "percent": 147.9}


def test_deadlines_show_and_filter_by_status(client: TestClient, seeded: dict[str, int]) -> None:
    items = client.get("/api/v1/deadlines").json()["items"]
    assert [d["status"] for d in items] == ["overdue", "met"]  # March 2022 is long past
    assert client.get("/api/v1/deadlines", params={"overdue": "true"}).json()["total"] == 1
    assert [d["raw"] for d in client.get("/api/v1/deadlines", params={"status": "met"}).json()["items"]] == [
        "từ 01/6/2022 – 31/8/2023"
    ]
    assert client.get("/api/v1/deadlines", params={"status": "open"}).json()["total"] == 0
    response = client.get("/api/v1/deadlines", params={"status": "late"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"


def test_bodies_are_listed_and_fetched(client: TestClient, seeded: dict[str, int]) -> None:
    bodies = client.get("/api/v1/bodies", params={"name": "lai chau"}).json()
    assert bodies["total"] == 1
    body = client.get(f"/api/v1/bodies/{seeded['issuer']}").json()
    assert body["name"] == "Liên đoàn Lao động tỉnh Lai Châu"
    assert body["aliases"] == ["LĐLĐ tỉnh Lai Châu"]  # as the letter spells its issuer
    assert client.get("/api/v1/bodies/999").json()["error"]["code"] == "not_found"


def test_directives_filter_by_the_body_they_are_for(client: TestClient, seeded: dict[str, int]) -> None:
    for_recipient = client.get("/api/v1/directives", params={"body_id": seeded["recipient"]}).json()
    assert for_recipient["total"] == 3  # two by the letter's recipients, one naming them
    assert all(seeded["recipient"] in d["body_ids"] for d in for_recipient["items"])
    assert "/api/v1/bodies/{body_id}" in client.get("/openapi.json").json()["paths"]
