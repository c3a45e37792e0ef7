from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from ocr import _tesseract
from ocr._borders import clean_borders
from samples.render import downscale, noise, punch_holes, scanner_border, shadow, skew, stamp

_INK = 128


def _gray(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"))


def _spoilt(page: np.ndarray, edges: tuple[str, ...], seed: int) -> np.ndarray:
    return _gray(punch_holes(scanner_border(Image.fromarray(page), 0.03, seed, edges=edges), seed, count=4))


@pytest.mark.parametrize(
    ("edges", "seed"), [(("left",), 0), (("top", "right"), 1), (("bottom", "left", "top"), 2), (("right",), 3)]
)
def test_borders_and_holes_turn_white_and_the_text_stays(
    laichau_page: np.ndarray, edges: tuple[str, ...], seed: int
) -> None:
    spoilt = _spoilt(laichau_page, edges, seed)
    cleaned = clean_borders(spoilt)
    added = spoilt.astype(int) < laichau_page.astype(int) - 60  # what the border and holes darkened
    assert added.sum() > 50_000
    assert cleaned[added].min() > 200
    # Every ink pixel of the letter, diacritics included, is kept; no other ink is left.
    assert np.array_equal(cleaned < _INK, laichau_page < _INK)


def test_holes_are_found_on_a_150_dpi_scan_too(laichau_page: np.ndarray) -> None:
    page = downscale(Image.fromarray(laichau_page), 150)
    holes = _gray(punch_holes(page, 5))
    cleaned = clean_borders(holes)
    assert np.array_equal(cleaned < _INK, _gray(page) < _INK)


def test_a_clean_page_comes_back_as_it_is(laichau_page: np.ndarray) -> None:
    assert clean_borders(laichau_page) is laichau_page


@pytest.mark.parametrize(
    "spoil",
    [
        lambda img: stamp(img, 3, center=(0.62, 0.3)),
        lambda img: stamp(img, 4, center=(0.5, 0.05)),  # a seal pressed at the very top, in the margin
        lambda img: shadow(img, 0.55, 2),
        lambda img: noise(img, 18, 1),
        lambda img: skew(img, 3.5),
    ],
    ids=["seal", "seal_in_margin", "shadow", "noise", "skew"],
)
def test_pages_without_border_or_holes_are_left_alone(laichau_page: np.ndarray, spoil) -> None:
    page = _gray(spoil(Image.fromarray(laichau_page)))
    assert clean_borders(page) is page


def test_table_rules_discs_in_the_text_and_small_dots_in_the_margin_are_kept() -> None:
    page = np.full((3508, 2480), 255, np.uint8)
    for y in range(800, 1601, 200):
        page[y : y + 4, 400:2200] = 0  # table rules, 0.3 mm
    for x in (400, 1300, 2196):
        page[800:1604, x : x + 4] = 0
    cv2.circle(page, (1200, 2200), 36, 0, -1)  # a hole-sized disc, but in the text
    cv2.circle(page, (140, 2600), 9, 0, -1)  # a 1.5 mm dot in the margin
    cv2.rectangle(page, (1000, 3000), (1400, 3200), 30, -1)  # a dark box in the text
    assert clean_borders(page) is page


def test_a_dark_region_reaching_deep_into_the_page_is_no_border() -> None:
    page = np.full((3508, 2480), 255, np.uint8)
    page[:, :900] = 60  # a third of the page: not a scan border, left for the reader to judge
    assert clean_borders(page) is page


def test_only_grayscale_uint8_pages_are_taken() -> None:
    with pytest.raises(ValueError, match="uint8 grayscale"):
        clean_borders(np.zeros((10, 10, 3), np.uint8))


def _line_starts(image: np.ndarray) -> list[str]:
    lines = _tesseract.read_lines(image, lang="vie", psm=3, timeout=120)
    return [line.words[0].text for line in lines]


@pytest.mark.slow
def test_tesseract_reads_no_junk_at_line_starts_once_border_and_holes_are_gone(laichau_page: np.ndarray) -> None:
    if not _tesseract.available():
        pytest.skip("Tesseract is not installed: this test reads a page with it")
    spoilt = _spoilt(laichau_page, ("left",), 0)
    dashes = {"-"}  # the letter's own "- Công đoàn ngành, ..." recipient lines
    raw = {word for word in _line_starts(spoilt) if not any(ch.isalnum() for ch in word)}
    cleaned = {word for word in _line_starts(clean_borders(spoilt)) if not any(ch.isalnum() for ch in word)}
    assert raw - dashes  # the holes read as "@", ")", "&"...
    assert cleaned <= dashes
