"""The sample renderer: PDFs keep their Vietnamese text, degradations keep their shape rules, and the
committed samples are what ``make_samples`` says they are."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from samples.render import (
    Letter,
    blur,
    downscale,
    jpeg,
    letter_text,
    load_letter,
    noise,
    perspective,
    rasterise,
    render_pdf,
    rotate90,
    shadow,
    sign,
    skew,
    stamp,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
LETTERS = sorted((SAMPLES / "letters").glob("*.json"))

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="poppler-utils (pdftotext, pdftoppm) is not installed: apt-get install poppler-utils",
)


def _require_fonts(font: str = "serif") -> None:
    try:
        render_pdf(load_letter(LETTERS[0]), Path("/dev/null"), font=font)
    except FileNotFoundError as e:
        pytest.skip(f"LOUD SKIP: {e}")


def _pdf_text(path: Path) -> str:
    """pdftotext output with page numbers dropped and whitespace collapsed, for substring checks."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    lines = [line for line in text.splitlines() if not line.strip().isdigit()]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("spec", LETTERS, ids=lambda p: p.stem)
def test_rendered_pdf_contains_every_line_of_the_letter_with_diacritics(spec: Path, tmp_path: Path) -> None:
    _require_fonts()
    letter = load_letter(spec)
    rendered = render_pdf(letter, tmp_path / "letter.pdf")
    text = _pdf_text(rendered.path)
    for line in letter_text(letter).splitlines():
        for part in line.split("Kính gửi: "):  # the label and first recipient sit in separate cells
            assert " ".join(part.split()) in text


def test_dejavu_family_renders_the_same_text(tmp_path: Path) -> None:
    _require_fonts("dejavu")
    letter = load_letter(SAMPLES / "letters" / "laichau-960-LDLD-2022.json")
    text = _pdf_text(render_pdf(letter, tmp_path / "d.pdf", font="dejavu").path)
    assert "Chương trình “01 triệu sáng kiến nỗ lực, vượt khó" in text
    assert "LĐLĐ TỈNH LAI CHÂU" in text


def test_rendering_is_byte_stable(tmp_path: Path) -> None:
    _require_fonts()
    letter = load_letter(LETTERS[0])
    first = render_pdf(letter, tmp_path / "a.pdf").path.read_bytes()
    assert render_pdf(letter, tmp_path / "b.pdf").path.read_bytes() == first


def test_signature_box_lies_on_the_last_page(tmp_path: Path) -> None:
    _require_fonts()
    rendered = render_pdf(load_letter(SAMPLES / "letters" / "hanoi-31-LDLD-2022.json"), tmp_path / "h.pdf")
    box = rendered.signature
    assert rendered.pages >= 2 and box.page == rendered.pages - 1
    assert 0.4 < box.left < box.right < 1 and 0 < box.top < box.bottom < 1


def test_letter_text_follows_reading_order() -> None:
    letter = load_letter(SAMPLES / "letters" / "laichau-960-LDLD-2022.json")
    lines = letter_text(letter).splitlines()
    assert lines[:4] == ["TỔNG LĐLĐ VIỆT NAM", "LĐLĐ TỈNH LAI CHÂU", "Số: 960/LĐLĐ", letter.subject]
    assert lines[4:7] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lai Châu, ngày 24 tháng 6 năm 2022",
    ]
    assert "Kính gửi: - LĐLĐ các huyện, Thành phố;" in lines
    assert lines[-3:] == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Hoàng Văn Thuận"]


def test_load_letter_rejects_a_title_without_a_type_heading(tmp_path: Path) -> None:
    spec = tmp_path / "bad.json"
    spec.write_text(
        '{"issuer": "UBND", "number": "Số: 1", "place_date": "x", "title": "T",'
        ' "paragraphs": ["a"], "signer": {"title": "CHỦ TỊCH", "name": "A"}}',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="type heading"):
        load_letter(spec)


@pytest.fixture
def page() -> Image.Image:
    """A small white page with black text-like bars."""
    img = Image.new("L", (240, 320), 255)
    draw = ImageDraw.Draw(img)
    for y in range(30, 290, 16):
        draw.rectangle((30, y, 210, y + 6), fill=0)
    return img


def _changed(a: Image.Image, b: Image.Image) -> bool:
    return a.size != b.size or not np.array_equal(np.asarray(a.convert("RGB")), np.asarray(b.convert("RGB")))


def test_rotate90_swaps_width_and_height(page: Image.Image) -> None:
    assert rotate90(page, 1).size == (320, 240) and rotate90(page, 3).size == (320, 240)
    assert rotate90(page, 2).size == page.size and _changed(page, rotate90(page, 2))
    assert not _changed(page, rotate90(page, 4))


def test_skew_keeps_the_canvas_and_moves_the_ink(page: Image.Image) -> None:
    out = skew(page, 3)
    assert out.size == page.size and out.mode == "L" and _changed(page, out)


def test_shadow_darkens_smoothly_and_keeps_mode(page: Image.Image) -> None:
    out = shadow(page, 0.5, random.Random(1))
    assert out.size == page.size and out.mode == "L"
    assert np.asarray(out).mean() < np.asarray(page).mean()
    with pytest.raises(ValueError):
        shadow(page, 1.5)


def test_perspective_puts_the_page_on_a_darker_desk(page: Image.Image) -> None:
    out = perspective(page, 0.03, random.Random(2), degrees=2)
    assert out.size == page.size and out.mode == "RGB"
    corner = np.asarray(out)[:5, :5].mean()
    assert corner < 160


def test_blur_noise_and_jpeg_change_pixels_but_not_size(page: Image.Image) -> None:
    for out in (blur(page, 1.5), noise(page, 8, random.Random(3)), jpeg(page, 30)):
        assert out.size == page.size and _changed(page, out)


def test_noise_is_reproducible_from_its_seed(page: Image.Image) -> None:
    assert not _changed(noise(page, 8, 7), noise(page, 8, random.Random(7)))
    assert _changed(noise(page, 8, 7), noise(page, 8, 8))


def test_stamp_and_sign_add_coloured_ink(page: Image.Image) -> None:
    for out in (stamp(page, 4, center=(0.5, 0.5), dpi=60), sign(page, 5, center=(0.5, 0.5), dpi=60)):
        rgb = np.asarray(out).astype(int)
        assert out.size == page.size and out.mode == "RGB"
        assert (np.abs(rgb[..., 0] - rgb[..., 2]) > 40).any()


def test_downscale_scales_by_the_dpi_ratio(page: Image.Image) -> None:
    assert downscale(page, 150, source_dpi=300).size == (120, 160)
    with pytest.raises(ValueError):
        downscale(page, 600, source_dpi=300)


def _letter(stem: str) -> Letter:
    return load_letter(SAMPLES / "letters" / f"{stem}.json")


def test_committed_pdf_is_a_multi_page_vector_pdf() -> None:
    pages = rasterise(SAMPLES / "hanoi-31-LDLD-2022.pdf", 20)
    assert len(pages) >= 2 and pages[0].mode == "L"
    assert "Lê Đình Hùng" in _pdf_text(SAMPLES / "hanoi-31-LDLD-2022.pdf")


def test_committed_scan_png_is_a_300_dpi_greyscale_a4_page() -> None:
    with Image.open(SAMPLES / "laichau-960-LDLD-2022.png") as img:
        assert (img.format, img.mode) == ("PNG", "L")
        assert abs(img.width - 2480) <= 2 and abs(img.height - 3508) <= 2
        assert round(img.info["dpi"][0]) == 300


def test_committed_photo_is_a_colour_jpeg() -> None:
    with Image.open(SAMPLES / "laichau-960-LDLD-2022-photo.jpg") as img:
        assert (img.format, img.mode) == ("JPEG", "RGB")
        assert 1600 < img.width < 2200


def test_committed_tiff_has_one_g4_frame_per_page(tmp_path: Path) -> None:
    _require_fonts()
    expected = render_pdf(_letter("kehoach-45-KH-UBND-2023"), tmp_path / "k.pdf").pages
    with Image.open(SAMPLES / "kehoach-45-KH-UBND-2023.tif") as img:
        assert (img.format, img.mode, img.n_frames) == ("TIFF", "1", expected)
        assert img.info["compression"] == "group4"


def test_committed_text_sample_is_the_letter_text() -> None:
    text = (SAMPLES / "thongbao-212-TB-STNMT-2023.txt").read_text(encoding="utf-8")
    assert text == letter_text(_letter("thongbao-212-TB-STNMT-2023"))
    assert re.search(r"Số: 212/TB-STNMT", text)


def test_samples_folder_stays_under_five_megabytes() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 5 * 1024 * 1024
