"""Builders for registry tests: extractions from the extract dataclasses, stored uploads, saves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session

import registry
from congvan.types import BBox, Provenance
from extract.types import (
    Achievement,
    Contact,
    Deadline,
    DocType,
    Extraction,
    Item,
    ReferencedDocument,
    Target,
    Value,
)

LAI_CHAU = "Liên đoàn Lao động tỉnh Lai Châu"


def where(start: int = 0, end: int = 1, page: int | None = 1) -> Provenance:
    return Provenance(start, end, 0.9, page=page, bbox=BBox(10, 20, 110, 40) if page else None)


def make_extraction(issuer: str = LAI_CHAU, **overrides: object) -> Extraction:
    """The Lai Châu 960/LĐLĐ letter in brief, with one item of every kind; ``overrides`` replace fields."""
    fields: dict[str, object] = {
        "doc_type": Value(DocType.CONG_VAN, where()),
        "number": Value("960/LĐLĐ", where(3, 11)),
        "issuer": Value(issuer, where()),
        "parent_issuer": Value("Tổng Liên đoàn Lao động Việt Nam", where()),
        "place": Value("Lai Châu", where()),
        "date": Value(dt.date(2022, 6, 24), where()),
        "subject": Value("tiếp tục thực hiện giai đoạn 2", where()),
        "signer_name": Value("Nguyễn Văn A", where(page=2)),
        "recipients": (Item("Các Công đoàn ngành", where()),),
        "cc": (Item("Lưu: VT", where(page=2)),),
        "directives": (Item("Tổ chức đánh giá kết quả", where()), Item("Tập trung truyền thông", where())),
        "targets": (Target("sáng kiến", 1200.0, "sáng kiến", None, "giai đoạn 1", where(), comparator=">="),),
        "achievements": (Achievement("sáng kiến", 1350.0, "sáng kiến", 112.5, "CNVCLĐ", "giai đoạn 1", where()),),
        "deadlines": (
            Deadline("báo cáo", "cuối tháng 3/2022", where(), date="2022-03"),
            Deadline("giai đoạn 2", "từ 01/6/2022 – 31/8/2023", where(), start="2022-06-01", end="2023-08-31"),
        ),
        "referenced_documents": (
            ReferencedDocument("1234/KH-TLĐ", dt.date(2021, 5, 4), "Kế hoạch", "Tổng Liên đoàn", where()),
        ),
        "contacts": (Contact("Đ/c Hòa", "0213 3876 543", where(page=2)),),
    }
    fields.update(overrides)
    return Extraction(**fields)  # type: ignore[arg-type]


def store(session: Session, storage_dir: Path, data: bytes = b"%PDF-1.4 letter") -> registry.Upload:
    upload, _ = registry.store_upload(
        session, data, filename="letter.pdf", media_type="application/pdf", storage_dir=storage_dir
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


def letter(issuer: str | None = LAI_CHAU, **fields: object) -> Extraction:
    """An extraction with only an issuer and ``fields``: no items unless given."""
    if issuer is not None:
        fields.setdefault("issuer", Value(issuer, where()))
    return Extraction(**fields)  # type: ignore[arg-type]


def store_at(session: Session, storage_dir: Path, data: bytes, arrived: dt.datetime) -> registry.Upload:
    """A stored upload that arrived at ``arrived`` (its ngày đến)."""
    upload = store(session, storage_dir, data)
    upload.created_at = arrived
    session.flush()
    return upload
