from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import registry
from congvan.types import Provenance
from extract.types import Deadline, DocType, Extraction, Item, Target, Value


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'db' / 'registry.db'}"
    registry.upgrade(url)
    return url


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    engine = registry.make_engine(db_url)
    with registry.make_session_factory(engine)() as session:
        yield session
    engine.dispose()


def where(start: int = 0, end: int = 1) -> Provenance:
    return Provenance(start, end, 0.9, page=1)


def make_extraction(issuer: str = "Liên đoàn Lao động tỉnh Lai Châu", **overrides: object) -> Extraction:
    fields: dict[str, object] = {
        "doc_type": Value(DocType.CONG_VAN, where()),
        "number": Value("960/LĐLĐ", where(3, 11)),
        "issuer": Value(issuer, where()),
        "date": Value(dt.date(2022, 6, 24), where()),
        "subject": Value("tiếp tục thực hiện giai đoạn 2", where()),
        "directives": (Item("Tổ chức đánh giá kết quả", where()), Item("Tập trung truyền thông", where())),
        "targets": (Target("sáng kiến", 1200.0, "sáng kiến", None, "giai đoạn 1", where()),),
        "deadlines": (
            Deadline("báo cáo", "cuối tháng 3/2022", where(), date="2022-03"),
            Deadline("giai đoạn 2", "từ 01/6/2022 – 31/8/2023", where(), start="2022-06-01", end="2023-08-31"),
        ),
    }
    fields.update(overrides)
    return Extraction(**fields)  # type: ignore[arg-type]


def store(session: Session, tmp_path: Path, data: bytes = b"%PDF-1.4 letter") -> registry.Upload:
    upload, _ = registry.store_upload(
        session, data, filename="letter.pdf", media_type="application/pdf", storage_dir=tmp_path / "store"
    )
    return upload


def save(session: Session, upload: registry.Upload, extraction: Extraction | None = None) -> registry.Document:
    return registry.save(
        session,
        upload,
        extraction or make_extraction(),
        ocr_text="S6: 960/LDLD",
        text="Số: 960/LĐLĐ",
        page_count=2,
        ocr_engine="tesseract 5.3.0 vie",
        ocr_confidence=0.912345,
    )
