"""The searchable PDF: the scan as it was read, with the repaired words selectable over it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from congvan.types import BBox
from normalize import repair, repaired_words
from ocr import OcrDocument, OcrLine, OcrPage, OcrWord
from service.cli import main


def test_repaired_words_keep_their_boxes() -> None:
    words = (OcrWord("Hoà", BBox(0, 0, 60, 30), 0.9), OcrWord("Bình", BBox(70, 0, 140, 30), 0.9))
    document = OcrDocument((OcrPage(1, (OcrLine(words),), 1000, 1000, 300),))
    repaired = repaired_words(repair(document))
    assert [(w.text, w.bbox) for w in repaired.pages[0].lines[0].words] == [
        ("Hòa", BBox(0, 0, 60, 30)),
        ("Bình", BBox(70, 0, 140, 30)),
    ]


def test_a_scan_becomes_a_pdf_whose_text_can_be_extracted(
    samples_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "searchable.pdf"
    assert (
        main(["ocr", str(samples_dir / "laichau-960-LDLD-2022.png"), "--pdf", str(out), "-o", str(tmp_path / "t")]) == 0
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "A4" in info
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "960/LĐLĐ" in text and "Kính gửi" in text and "1.775 sáng kiến" in text


def test_a_text_file_cannot_become_a_searchable_pdf(samples_dir: Path, tmp_path: Path, capsys) -> None:
    code = main(["ocr", str(samples_dir / "thongbao-212-TB-STNMT-2023.txt"), "--pdf", str(tmp_path / "x.pdf")])
    assert code == 2 and "[invalid_request]" in capsys.readouterr().err
