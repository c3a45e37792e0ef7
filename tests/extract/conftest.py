from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract import extract
from normalize.types import NormalizedDocument
from ocr.types import OcrDocument

DATA = Path(__file__).resolve().parent / "data"
HEAD = "Số: 10/UBND\nHà Nội, ngày 01 tháng 3 năm 2022\nKính gửi: Các đơn vị\n"
"""A minimal header, so a one-line body has a letter date and a body to stand in."""


def document_of(text: str) -> NormalizedDocument:
    """Text as the pipeline hands it to extract when a letter arrives as text (no repair needed)."""
    ocr = OcrDocument.from_text(text)
    return NormalizedDocument(text=ocr.text, changes=(), source=ocr)


def record_of(text: str) -> dict[str, Any]:
    """The extraction record of ``text``, as the CLI's ``extract --json`` gives it."""
    return extract(document_of(text)).to_record()


def letter(name: str) -> dict[str, Any]:
    return record_of((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def record():
    return record_of
