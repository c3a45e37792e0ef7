"""Issue 7's check, end to end: a plan that sets a target and the letter that reports on it, both read
by the real pipeline, give the target its progress across the two letters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from samples.render import letter_text, load_letter
from service import pipeline
from service.api import create_app
from service.database import session_factory
from service.settings import Settings
from tests.conftest import LETTERS

PLAN = """LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU
Số: 12/KH-LĐLĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lai Châu, ngày 10 tháng 01 năm 2022
KẾ HOẠCH
Triển khai Chương trình "01 triệu sáng kiến" trong công nhân, viên chức, lao động tỉnh Lai Châu
I. CHỈ TIÊU
- Giai đoạn 1 (đến hết ngày 31/5/2022): phấn đấu có 1.200 sáng kiến được đăng ký.
II. TỔ CHỨC THỰC HIỆN
1. Các Công đoàn ngành, Công đoàn Viên chức tỉnh tuyên truyền, vận động đoàn viên tham gia Chương trình.
2. Ban Tuyên giáo theo dõi, tổng hợp, báo cáo Thường trực trước ngày 15/6/2022.
"""


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    report = letter_text(load_letter(LETTERS / "laichau-960-LDLD-2022.json"))  # đạt 1.775 sáng kiến, 148 %
    with session_factory(settings.resolved_database_url)() as session:
        for name, text in (("ke-hoach-12.txt", PLAN), ("cong-van-960.txt", report)):
            upload, _ = pipeline.ingest_bytes(session, text.encode("utf-8"), name, settings)
            pipeline.process_upload(session, upload, settings)
    with TestClient(create_app(settings)) as client:
        yield client


def test_the_plan_s_target_shows_the_report_s_progress(client: TestClient) -> None:
    targets = client.get("/api/v1/targets", params={"issuer": "lai chau", "doc_type": "ke_hoach"}).json()["items"]
    assert [(t["metric"], t["value"]) for t in targets] == [("sáng kiến", 1200)]
    assert targets[0]["progress"]["value"] == 1775 and round(targets[0]["progress"]["percent"]) == 148


def test_accent_free_issuer_filter_finds_both_letters(client: TestClient) -> None:
    documents = client.get("/api/v1/documents", params={"issuer": "lien doan lao dong tinh lai chau"}).json()
    assert {d["number"] for d in documents["items"]} == {"12/KH-LĐLĐ", "960/LĐLĐ"}
