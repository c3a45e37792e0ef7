"""The filters and order every item list and export takes: type, date range, metric words, sort."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from extract.types import DocType, Target, Value
from service.api import create_app
from service.database import session_factory
from service.settings import Settings
from tests.registry.factories import make_extraction, save, store, where


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A công văn of 2022 aiming at 1.200 sáng kiến and a kế hoạch of 2024 aiming at 5.000 đoàn viên."""
    with session_factory(settings.resolved_database_url)() as session:
        save(session, store(session, settings.resolved_storage_dir, b"one"), make_extraction())
        plan = make_extraction(
            doc_type=Value(DocType.KE_HOACH, where()),
            number=Value("12/KH-LĐLĐ", where()),
            date=Value(dt.date(2024, 2, 1), where()),
            targets=(Target("đoàn viên mới", 5000.0, "đoàn viên", None, "năm 2024", where()),),
        )
        save(session, store(session, settings.resolved_storage_dir, b"two"), plan)
        session.commit()
    with TestClient(create_app(settings)) as client:
        yield client


def _values(client: TestClient, **params: str) -> list[float]:
    response = client.get("/api/v1/targets", params=params)
    assert response.status_code == 200, response.text
    return [t["value"] for t in response.json()["items"]]


def test_targets_by_type_date_range_and_metric(client: TestClient) -> None:
    assert _values(client, doc_type="ke_hoach") == [5000]
    assert _values(client, date_from="2023-01-01") == [5000]
    assert _values(client, date_to="2022-12-31") == [1200]
    assert _values(client, metric="SÁNG KIẾN") == [1200]


def test_lists_sort_either_way_and_refuse_an_unknown_key(client: TestClient) -> None:
    assert _values(client, sort="-value") == [5000, 1200]
    assert _values(client, sort="value") == [1200, 5000]
    assert _values(client, sort="-date") == [5000, 1200]
    assert client.get("/api/v1/targets", params={"sort": "colour"}).status_code == 422


def test_exports_take_the_same_filters(client: TestClient) -> None:
    text = client.get("/api/v1/targets.csv", params={"doc_type": "ke_hoach"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [float(row["value"]) for row in rows] == [5000]
