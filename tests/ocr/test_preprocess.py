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


def test_pages_are_brought_down_to_the_working_resolution_and_never_enlarged() -> None:
    photo = np.full((6000, 4500), 255, np.uint8)
    scaled, dpi = _preprocess.normalise_scale(photo, None)  # taken for A4: 513 dpi
    assert abs(max(scaled.shape) - 11.69 * _preprocess.WORK_DPI) < 3 and dpi is None
    scan, dpi = _preprocess.normalise_scale(np.full((3508, 2480), 255, np.uint8), 300)
    assert dpi == _preprocess.WORK_DPI and abs(scan.shape[0] - 3508 * _preprocess.WORK_DPI / 300) < 2
    low = np.full((1754, 1240), 255, np.uint8)
    assert _preprocess.normalise_scale(low, 150)[0] is low
    assert _preprocess.normalise_scale(low, None)[0] is low


@pytest.mark.parametrize("quarter_turns", [0, 1, 2, 3])
def test_sideways_pages_are_told_from_upright_ones(laichau_page: np.ndarray, quarter_turns: int) -> None:
    turned = np.ascontiguousarray(np.rot90(laichau_page, quarter_turns))
    assert _preprocess.looks_sideways(turned) is (quarter_turns % 2 == 1)


def test_a_photographed_sheet_on_a_desk_is_not_taken_for_sideways(samples_dir) -> None:
    from ocr import _raster

    photo = next(_raster.image_pages(samples_dir / "laichau-960-LDLD-2022-photo.jpg")).image
    flat = _preprocess.flatten_background(photo)
    assert not _preprocess.looks_sideways(flat)
    assert _preprocess.looks_sideways(np.ascontiguousarray(np.rot90(flat)))


def test_rotate_upright_turns_clockwise() -> None:
    page = np.zeros((2, 3), np.uint8)
    page[0, 0] = 255  # top-left
    turned = _preprocess.rotate_upright(page, 90)
    assert turned.shape == (3, 2) and turned[0, 1] == 255  # top-left goes to top-right


def test_ink_touching_the_edge_or_larger_than_a_glyph_is_dropped() -> None:
    page = np.full((400, 400), 255, np.uint8)
    page[:, :10] = 0  # scanner border along the edge
    page[50:52, 50:350] = 0  # a long rule
    page[200:210, 200:206] = 0  # a glyph
    ink = _preprocess._ink(page)
    assert ink[:, :10].max() == 0 and ink[50:52, 60:340].max() == 0
    assert ink[200:210, 200:206].min() == 255


def test_a_photographed_sheet_is_found_and_warped_flat(laichau_page: np.ndarray) -> None:
    from PIL import Image

    from samples.render import perspective

    photo = np.asarray(perspective(Image.fromarray(laichau_page), 0.06, 3, degrees=2.5).convert("L"))
    corners = _preprocess.find_sheet(photo)
    assert corners is not None
    flat = _preprocess.flatten_sheet(photo, corners)
    height, width = flat.shape
    # A4 again, within what foreshortening allows when the camera's focal length is unknown.
    assert abs(height / width - laichau_page.shape[0] / laichau_page.shape[1]) < 0.1
    assert abs(_preprocess.estimate_skew(flat)) <= 0.5


def test_a_scan_has_no_sheet_outline_to_correct(laichau_page: np.ndarray, samples_dir) -> None:
    from ocr import _raster

    assert _preprocess.find_sheet(laichau_page) is None
    tiff = next(_raster.image_pages(samples_dir / "kehoach-45-KH-UBND-2023.tif")).image
    assert _preprocess.find_sheet(tiff) is None


def test_a_shadowed_scan_is_not_mistaken_for_a_photographed_sheet(laichau_page: np.ndarray) -> None:
    from PIL import Image

    # These seeds shade the page so that its bright part makes a large four-cornered region.
    for seed in (5, 9, 11, 14, 37):
        shaded = np.asarray(shadow(Image.fromarray(laichau_page), 0.55, seed / 40).convert("L"))
        assert _preprocess.find_sheet(shaded) is None


def test_an_upside_down_page_is_told_from_an_upright_one(laichau_page: np.ndarray) -> None:
    assert _preprocess.looks_upside_down(laichau_page) is False
    assert _preprocess.looks_upside_down(np.ascontiguousarray(np.rot90(laichau_page, 2))) is True


def test_a_blank_page_says_nothing_about_its_orientation() -> None:
    assert _preprocess.looks_upside_down(np.full((1000, 700), 255, np.uint8)) is None


def test_even_white_paper_is_not_flattened_and_tiny_skews_are_not_warped(laichau_page: np.ndarray) -> None:
    assert _preprocess.flatten_background(laichau_page) is laichau_page
    assert _preprocess.deskew(laichau_page, 0.2) is laichau_page
    assert _preprocess.deskew(laichau_page, 0.5) is not laichau_page
