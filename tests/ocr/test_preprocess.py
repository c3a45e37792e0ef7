from __future__ import annotations

import numpy as np
import pytest

from ocr import _preprocess
from samples.render import shadow, skew


@pytest.mark.parametrize("degrees", [-3.5, -1.0, 2.0, 4.0])
def test_skew_of_a_rendered_page_is_found_and_removed(laichau_page: np.ndarray, degrees: float) -> None:
    from PIL import Image

    tilted = np.asarray(skew(Image.fromarray(laichau_page), degrees).convert("L"))
    found = _preprocess.estimate_skew(tilted)
    straight = _preprocess.deskew(tilted, found)
    assert abs(_preprocess.estimate_skew(straight)) <= 0.2
    assert abs(abs(found) - abs(degrees)) <= 0.3


def test_a_straight_page_is_left_alone(laichau_page: np.ndarray) -> None:
    assert abs(_preprocess.estimate_skew(laichau_page)) <= 0.2
    assert _preprocess.deskew(laichau_page, 0.01) is laichau_page


def test_flattening_makes_a_shadowed_page_white_again(laichau_page: np.ndarray) -> None:
    from PIL import Image

    shaded = np.asarray(shadow(Image.fromarray(laichau_page), 0.6, 1).convert("L"))
    paper = laichau_page > 200  # where the clean page is paper, not ink
    flat = _preprocess.flatten_background(shaded)
    assert np.percentile(shaded[paper], 5) < 170
    assert np.percentile(flat[paper], 5) > 215


def test_flattening_keeps_the_ink(laichau_page: np.ndarray) -> None:
    ink = laichau_page < 100
    flat = _preprocess.flatten_background(laichau_page)
    assert np.mean(flat[ink] < 128) > 0.95


def test_oversized_photos_are_scaled_down_and_300_dpi_scans_kept() -> None:
    photo = np.full((6000, 4500), 255, np.uint8)
    scaled, dpi = _preprocess.normalise_scale(photo, None)
    assert max(scaled.shape) == 4200 and dpi is None
    scan = np.full((3508, 2480), 255, np.uint8)
    assert _preprocess.normalise_scale(scan, 300)[0] is scan
    high, dpi = _preprocess.normalise_scale(np.full((7016, 4960), 255, np.uint8), 600)
    assert dpi == 300 and high.shape == (3508, 2480)
