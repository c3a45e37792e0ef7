"""ocr.read with the real Tesseract, and the degrade path through the engine seam."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from congvan.errors import OcrEngineError
from ocr import OcrDocument, OcrLine, OcrOptions, PageStatus, read, read_text
from ocr._tesseract import PageTimeoutError
from samples.render import rasterise


def _syllables(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _syllable_recall(expected: str, got: str) -> float:
    from collections import Counter

    want, have = Counter(_syllables(expected)), Counter(_syllables(got))
    return sum((want & have).values()) / sum(want.values())


def test_a_300_dpi_page_reads_as_vietnamese_with_boxes(samples_dir: Path, laichau_text: str) -> None:
    document = read(samples_dir / "laichau-960-LDLD-2022.png")
    page = document.pages[0]
    assert page.status is PageStatus.OK
    assert "Số: 960/LĐLĐ" in document.text
    assert "Kính gửi" in document.text
    first_page = laichau_text.split("Cộng đoàn cơ sở trực thuộc")[0]
    assert _syllable_recall(first_page[:1500], document.text) > 0.95
    word = page.lines[0].words[0]
    assert word.bbox is not None and word.bbox.right <= page.width
    assert 0.5 < document.confidence <= 1.0
    assert document.engine.startswith("tesseract 5")


def test_a_skewed_shadowed_photo_is_straightened(samples_dir: Path) -> None:
    document = read(samples_dir / "laichau-960-LDLD-2022-photo.jpg")
    page = document.pages[0]
    assert page.perspective  # the sheet was found on the desk and warped flat…
    assert abs(page.skew) < 0.5  # …which also took out its 2.5° tilt
    assert "Lai Châu, ngày 24 tháng 6 năm 2022" in document.text
    assert "1.775 sáng kiến" in document.text


def test_every_page_of_a_pdf_is_read_in_order(laichau_pdf: Path) -> None:
    document = read(laichau_pdf, OcrOptions(dpi=200))
    assert [p.number for p in document.pages] == list(range(1, len(document.pages) + 1))
    assert len(document.pages) >= 2
    assert document.text.index("Kính gửi") < document.text.index("Nơi nhận")


def test_a_text_file_is_taken_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("\ufeffSố: 12/UBND\n\nKính gửi: Sở Tài chính\fTrang hai", encoding="utf-8")
    document = read(path)
    assert document.engine == "text"
    assert [p.number for p in document.pages] == [1, 2]
    assert document.text.startswith("Số: 12/UBND\n\nKính gửi")
    assert read_text(path).text == document.text


class _FlakyEngine:
    """Fails on chosen pages the way Tesseract would, reads the others as one word."""

    name = "flaky"

    def __init__(self, fail: dict[int, Exception]) -> None:
        self.fail = fail
        self.calls = 0

    def read_lines(self, image: np.ndarray, options: OcrOptions) -> tuple[OcrLine, ...]:
        self.calls += 1
        # Pages are told apart by a grey level painted into each (see _two_page_tiff).
        level = int(image[5, 5])
        if level in self.fail:
            raise self.fail[level]
        return OcrDocument.from_text(f"trang{level}").pages[0].lines


def _two_page_tiff(path: Path, levels: tuple[int, ...]) -> Path:
    frames = [Image.new("L", (600, 800), level) for level in levels]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return path


def test_a_page_that_times_out_degrades_that_page_only(tmp_path: Path) -> None:
    path = _two_page_tiff(tmp_path / "two.tif", (100, 150))
    engine = _FlakyEngine({150: PageTimeoutError("Tesseract took longer than 1 s on this page.")})
    options = OcrOptions(flatten=False, deskew=False)
    document = read(path, options, engine=engine)
    first, second = document.pages
    assert first.status is PageStatus.OK and first.text == "trang100"
    assert second.status is PageStatus.TIMED_OUT and "longer than" in (second.error or "")
    assert second.lines == ()


def test_a_failing_page_is_marked_failed(tmp_path: Path) -> None:
    path = _two_page_tiff(tmp_path / "two.tif", (100, 150))
    engine = _FlakyEngine({100: OcrEngineError("Tesseract failed: crashed")})
    document = read(path, OcrOptions(flatten=False, deskew=False), engine=engine)
    assert [p.status for p in document.pages] == [PageStatus.FAILED, PageStatus.OK]


def test_a_document_with_no_readable_page_is_an_error(tmp_path: Path) -> None:
    path = _two_page_tiff(tmp_path / "two.tif", (100, 150))
    crash = OcrEngineError("Tesseract failed: crashed")
    engine = _FlakyEngine({100: crash, 150: crash})
    with pytest.raises(OcrEngineError, match="No page could be read"):
        read(path, OcrOptions(flatten=False, deskew=False), engine=engine)


def test_a_crashing_tesseract_binary_is_a_page_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real subprocess that dies, put on PATH in place of tesseract."""
    import pytesseract

    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\ncase \"$*\" in *--version*) echo 'tesseract 5.3.0';; *--list-langs*) "
        "printf 'List of available languages:\\nvie\\n';; *) echo 'segfault' >&2; exit 139;; esac\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(fake))
    path = _two_page_tiff(tmp_path / "one.tif", (255,))
    with pytest.raises(OcrEngineError, match="No page could be read"):
        read(path, OcrOptions(flatten=False, deskew=False))


def test_rasterised_pdf_page_has_the_asked_dpi(laichau_pdf: Path) -> None:
    assert rasterise(laichau_pdf, 100)[0].size == (827, 1170)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_pages_come_out_upright(samples_dir: Path, tmp_path: Path, degrees: int) -> None:
    path = tmp_path / f"turned{degrees}.png"
    with Image.open(samples_dir / "laichau-960-LDLD-2022.png") as page:
        page.rotate(degrees, expand=True).save(path)  # Pillow turns counter-clockwise
    document = read(path)
    assert document.pages[0].rotation == degrees
    assert "Số: 960/LĐLĐ" in document.text
    assert document.confidence > 0.85


def test_orientation_can_be_switched_off(samples_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "turned.png"
    with Image.open(samples_dir / "laichau-960-LDLD-2022.png") as page:
        page.rotate(90, expand=True).save(path)
    document = read(path, OcrOptions(orient=False))
    assert document.pages[0].rotation == 0
    assert "Số: 960/LĐLĐ" not in document.text


def test_the_vietnamese_script_model_is_found_and_reads(samples_dir: Path) -> None:
    from ocr import _tesseract

    assert {"vie", "Vietnamese"} <= _tesseract.languages()
    document = read(samples_dir / "laichau-960-LDLD-2022.png", OcrOptions(lang="Vietnamese"))
    assert "Lai Châu, ngày 24 tháng 6 năm 2022" in document.text and "Vietnamese" in document.engine


_LONG_PDF_READER = """
import resource, sys
from pathlib import Path
from ocr import OcrDocument, OcrOptions, read

class OneLine:
    name = "one-line"
    def read_lines(self, image, options):
        return OcrDocument.from_text("trang").pages[0].lines

before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
document = read(Path(sys.argv[1]), OcrOptions(dpi=150, workers=2), engine=OneLine())
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(len(document.pages), grown // 1024)
"""


@pytest.mark.slow
def test_memory_stays_bounded_on_a_300_page_pdf(tmp_path: Path) -> None:
    """Pages are rasterised one at a time and at most two per worker wait: a 300-page PDF at 150 dpi
    (2 MB a page in grey) must not grow the process by the 600 MB that holding them all would take."""
    import subprocess
    import sys

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "long.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(300):
        pdf.drawString(72, 760, f"Trang {number + 1}: Kính gửi các sở, ban, ngành.")
        pdf.showPage()
    pdf.save()
    run = subprocess.run(
        [sys.executable, "-c", _LONG_PDF_READER, str(path)], capture_output=True, text=True, check=True
    )
    pages, grown_mb = map(int, run.stdout.split())
    assert pages == 300
    assert grown_mb < 200
