from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from congvan.errors import (
    CorruptPdfError,
    EmptyDocumentError,
    EncryptedPdfError,
    ImageTooLargeError,
    UnsupportedFileError,
)
from ocr import _raster


def _pdf(path: Path, pages: int = 2, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number in range(pages):
        c.drawString(100, 700, f"Trang {number + 1}")
        c.showPage()
    c.save()
    return path


def test_pdf_pages_are_rasterised_one_by_one_in_grayscale(tmp_path: Path) -> None:
    pages = list(_raster.pdf_pages(_pdf(tmp_path / "a.pdf"), dpi=100, timeout=60))
    assert [p.number for p in pages] == [1, 2]
    assert pages[0].image.ndim == 2
    assert pages[0].image.shape == (1170, 827)  # A4 at 100 dpi
    assert pages[0].dpi == 100


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    whole = _pdf(tmp_path / "whole.pdf").read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[:200])
    with pytest.raises(CorruptPdfError, match="damaged"):
        _raster.count_pdf_pages(broken)


def test_password_protected_pdf_is_encrypted(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "locked.pdf", encrypt="mật khẩu")
    with pytest.raises(EncryptedPdfError, match="password"):
        _raster.count_pdf_pages(path)


def test_pdf_without_pages_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises((EmptyDocumentError, CorruptPdfError)):
        _raster.count_pdf_pages(path)


def test_multi_page_tiff_gives_every_frame_with_its_dpi(tmp_path: Path) -> None:
    path = tmp_path / "two.tif"
    frames = [Image.new("L", (400, 500), 255), Image.new("L", (400, 500), 200)]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200))
    pages = list(_raster.image_pages(path))
    assert [p.number for p in pages] == [1, 2]
    assert pages[1].image[0, 0] == 200
    assert pages[0].dpi == 200
    assert _raster.count_image_pages(path) == 2


def test_huge_image_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("1", (12_000, 11_000)).save(path)  # 132 Mpx, small on disk
    with pytest.raises(ImageTooLargeError, match="megapixels"):
        _raster.count_image_pages(path)


def test_truncated_image_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    with pytest.raises(UnsupportedFileError, match="cannot be decoded"):
        list(_raster.image_pages(path))


def test_a_red_seal_fades_and_the_text_under_it_stays_dark() -> None:
    page = Image.new("RGB", (400, 400), (250, 248, 240))
    page.paste((20, 20, 20), (100, 100, 300, 120))  # a line of black text
    page.paste((200, 30, 40), (150, 80, 250, 160))  # red seal ink over part of it
    page.paste((20, 20, 20), (160, 105, 240, 115))  # text still printed under the seal
    gray = _raster.to_gray(page)
    assert gray[90, 200] > 180  # seal ink alone: nearly white
    assert gray[110, 200] < 60 and gray[110, 120] < 60  # text: dark, under the seal and outside it


def test_a_page_without_red_ink_is_plain_luma() -> None:
    page = Image.new("RGB", (100, 100), (255, 255, 255))
    page.paste((30, 30, 160), (10, 10, 90, 20))  # blue signature ink
    gray = _raster.to_gray(page)
    assert gray[15, 50] == round(0.299 * 30 + 0.587 * 30 + 0.114 * 160)
