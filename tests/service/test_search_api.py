"""``GET /api/v1/search``: accent-blind full-text search with filters, pages and highlighted snippets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import registry
from extract.types import DocType, Value
from samples.render import letter_text, load_letter
from service.api import create_app
from service.database import session_factory
from service.settings import Settings
from tests.registry.factories import letter, make_extraction, store, where
from tests.service.databases import module_settings
from tests.service.tokens import bearer

LAI_CHAU_TEXT = (
    "Liên đoàn Lao động tỉnh Lai Châu đề nghị các cấp công đoàn tiếp tục triển khai Chương trình. "
    "Giai đoạn 1 kết thúc với 1.775 sáng kiến, đạt 148% chỉ tiêu."
)


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    """Module-scoped here, so that the registry is filled once per database, not once per test."""
    return request.param


@pytest.fixture(scope="module")
def settings(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    yield from module_settings(backend, request, tmp_path_factory, "search")


@pytest.fixture(scope="module")
def seeded(settings: Settings) -> dict[str, int]:
    """The Lai Châu letter, a plan from Điện Biên on the same programme, and a notice about Hòa Bình."""
    documents = {
        "laichau": (make_extraction(), LAI_CHAU_TEXT),
        "dienbien": (
            letter(
                "UBND tỉnh Điện Biên",
                doc_type=Value(DocType.KE_HOACH, where()),
                date=Value(dt.date(2023, 3, 1), where()),
                subject=Value("triển khai Chương trình 01 triệu sáng kiến", where()),
            ),
            "Kế hoạch triển khai sáng kiến năm 2023 tại Điện Biên.",
        ),
        "hoabinh": (
            letter("Sở Nội vụ tỉnh Hòa Bình", date=Value(dt.date(2024, 1, 5), where())),
            "Thông báo <lịch họp> của Sở Nội vụ tỉnh Hoà Bình & các đơn vị.",
        ),
    }
    ids = {}
    with session_factory(settings.resolved_database_url)() as session:
        for name, (extraction, body) in documents.items():
            upload = store(session, settings.resolved_storage_dir, name.encode())
            document = registry.save(
                session, upload, extraction, ocr_text=body, text=body, page_count=1, ocr_engine="t", ocr_confidence=1
            )
            session.commit()
            ids[name] = document.id
    return ids


@pytest.fixture(scope="module")
def client(settings: Settings, seeded: dict[str, int]) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def _search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(client: TestClient, **params: Any) -> list[int]:
    return [hit["document_id"] for hit in _search(client, **params)["items"]]


def test_lai_chau_sang_kien_finds_the_letter_with_its_words_marked(client: TestClient, seeded: dict[str, int]) -> None:
    page = _search(client, q="lai chau sang kien")
    assert (page["total"], page["limit"], page["offset"]) == (1, 20, 0)
    (hit,) = page["items"]
    assert hit["document_id"] == seeded["laichau"]
    assert (hit["number"], hit["issuer"], hit["date"]) == ("960/LĐLĐ", "Liên đoàn Lao động tỉnh Lai Châu", "2022-06-24")
    assert hit["doc_type"] == "cong_van" and hit["subject"] and hit["score"] > 0
    assert "tỉnh <mark>Lai</mark> <mark>Châu</mark> đề nghị" in hit["snippet"]
    assert "1.775 <mark>sáng</mark> <mark>kiến</mark>, đạt …" in hit["snippet"]


@pytest.mark.parametrize("q", ["hòa bình", "hoà bình", "HOA BINH"])
def test_either_tone_style_or_none_finds_hoa_binh(client: TestClient, seeded: dict[str, int], q: str) -> None:
    (hit,) = _search(client, q=q)["items"]
    assert hit["document_id"] == seeded["hoabinh"]
    assert "&lt;lịch họp&gt;" in hit["snippet"] and "<mark>Hoà</mark> <mark>Bình</mark> &amp;" in hit["snippet"]


def test_dj_is_found_as_d(client: TestClient, seeded: dict[str, int]) -> None:
    assert _ids(client, q="dien bien") == _ids(client, q="ĐIỆN BIÊN") == [seeded["dienbien"]]


def test_filters_and_ranking(client: TestClient, seeded: dict[str, int]) -> None:
    # In the Điện Biên plan's subject, only in the Lai Châu letter's text: the plan comes first.
    assert _ids(client, q="trien khai sang kien") == [seeded["dienbien"], seeded["laichau"]]
    assert _ids(client, q="sang kien", issuer="lai chau") == [seeded["laichau"]]
    assert _ids(client, q="sang kien", doc_type="ke_hoach") == [seeded["dienbien"]]
    assert _ids(client, q="tinh", date_from="2023-01-01", date_to="2023-12-31") == [seeded["dienbien"]]
    assert _ids(client, q="tinh", date_from="2024-01-05") == [seeded["hoabinh"]]
    assert _ids(client, q="tinh", date_to="2022-06-24") == [seeded["laichau"]]


def test_pages(client: TestClient, seeded: dict[str, int]) -> None:
    everything = _ids(client, q="tinh")
    assert len(everything) == 3
    first, second = _search(client, q="tinh", limit=2), _search(client, q="tinh", limit=2, offset=2)
    assert first["total"] == second["total"] == 3
    assert [h["document_id"] for h in first["items"] + second["items"]] == everything


def test_prefix_is_asked_for(client: TestClient, seeded: dict[str, int]) -> None:
    assert _ids(client, q="lai cha") == []
    assert _ids(client, q="lai cha", prefix="true") == [seeded["laichau"]]


@pytest.mark.parametrize("q", ["", "*", "- ( ) \" ' :", "……"])
def test_a_query_without_words_is_an_empty_page(client: TestClient, seeded: dict[str, int], q: str) -> None:
    assert _search(client, q=q) == {"items": [], "total": 0, "total_exact": True, "limit": 20, "offset": 0}


@pytest.mark.parametrize("q", ['"lai chau"', "lai* chau -", "lai' OR 1=1; --", "NEAR(lai chau)", "lai AND chau"])
def test_query_syntax_and_sql_in_q_are_only_words(client: TestClient, seeded: dict[str, int], q: str) -> None:
    expected = [seeded["laichau"]] if q in ('"lai chau"', "lai* chau -") else []
    assert _ids(client, q=q) == expected


def test_bad_parameters_are_refused_in_the_usual_shape(client: TestClient) -> None:
    for params in ({}, {"q": "x", "limit": 0}, {"q": "x", "limit": 101}, {"q": "x", "date_from": "hôm qua"}):
        response = client.get("/api/v1/search", params=params)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    assert "/api/v1/search" in client.get("/openapi.json").json()["paths"]


# Last: it adds a document to the module's registry.
def test_the_sample_letter_through_the_pipeline_is_found_without_accents(
    client: TestClient, settings: Settings, seeded: dict[str, int], samples_dir: Path
) -> None:
    text = letter_text(load_letter(samples_dir / "letters" / "laichau-960-LDLD-2022.json"))
    upload = client.post(
        "/api/v1/documents", files={"file": ("laichau.txt", text.encode())}, headers=bearer(settings, "uploader")
    ).json()
    document_id = client.get(upload["links"]["job"]).json()["document_id"]
    hits = _search(client, q="lai chau sang kien", date_from="2022-06-24", date_to="2022-06-24")["items"]
    assert document_id in [h["document_id"] for h in hits]
    (hit,) = [h for h in hits if h["document_id"] == document_id]
    assert hit["number"] == "960/LĐLĐ" and "Lai Châu" in hit["issuer"]
    assert "<mark>sáng</mark> <mark>kiến</mark>" in hit["snippet"]
    assert sorted(_ids(client, q="1.775 sáng kiến", issuer="lai chau")) == sorted([document_id, seeded["laichau"]])
