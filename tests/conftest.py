"""Fixtures shared by every stage's tests: sample letters and rendered pages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from samples.render import Letter, letter_text, load_letter, rasterise, render_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
LETTERS = SAMPLES / "letters"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def laichau() -> Letter:
    return load_letter(LETTERS / "laichau-960-LDLD-2022.json")


@pytest.fixture(scope="session")
def laichau_text(laichau: Letter) -> str:
    return letter_text(laichau)


@pytest.fixture(scope="session")
def laichau_pdf(tmp_path_factory: pytest.TempPathFactory, laichau: Letter) -> Path:
    path = tmp_path_factory.mktemp("render") / "laichau.pdf"
    render_pdf(laichau, path)
    return path


@pytest.fixture(scope="session")
def laichau_page(laichau_pdf: Path) -> np.ndarray:
    """Page 1 of the Lai Châu letter at 300 dpi, grayscale, as OCR gets it."""
    return np.asarray(rasterise(laichau_pdf, 300)[0].convert("L"))
