"""Page clean-up before OCR: scale, flatten the background, straighten.

None of these steps removes specks: on Vietnamese text the dots and hooks of
the diacritics are exactly the small marks a speck filter deletes.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = [
    "deskew",
    "estimate_skew",
    "find_sheet",
    "flatten_background",
    "flatten_sheet",
    "ink_mask",
    "looks_sideways",
    "looks_upside_down",
    "normalise_scale",
    "rotate_upright",
]

WORK_DPI = 250
"""The resolution Tesseract reads at. Its LSTM rescales every text line to a fixed height anyway;
page layout and binarisation cost by the pixel. On the bench, 300 dpi scans read at 0.85 scale
lose no syllable and save a tenth of Tesseract's time (bench/RESULTS.md)."""
_A4_LONG_SIDE_INCHES = 11.69
_MAX_SIDE = 4200
"""Longest side kept: A4 at 350 dpi. Phone photos are often twice that."""


def normalise_scale(image: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None]:
    """Bring the page down to about ``WORK_DPI``: high-dpi scans, 300 dpi scans, oversized photos.

    Without a resolution in the file the page is taken for A4. Pages below it are left as
    they are: enlarging adds no detail.
    """
    known = dpi or max(image.shape[:2]) / _A4_LONG_SIDE_INCHES
    scale = WORK_DPI / known if known > WORK_DPI * 1.1 else 1.0
    longest = max(image.shape[:2])
    if longest * scale > _MAX_SIDE:
        scale = _MAX_SIDE / longest
    if scale >= 0.999:
        return image, dpi
    resized = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return resized, round(dpi * scale) if dpi else None


def find_sheet(image: np.ndarray) -> np.ndarray | None:
    """The corners of a sheet photographed on a darker surface, or None for a scan.

    The paper is the brightest large region; its outline, simplified to four
    points, must cover between a quarter and 90 % of the photo, with every corner
    inside the frame: the bright part of a shadowed scan also makes a large
    region, but it runs to the image's edges.
    Corners come back ordered top-left, top-right, bottom-right, bottom-left.
    """
    scale = 800 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (9, 9), 0)
    _, paper = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25)))
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / (small.shape[0] * small.shape[1])
    corners = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True)
    if len(corners) != 4 or not 0.25 < share < 0.9 or not cv2.isContourConvex(corners):
        return None
    margin = 0.01 * max(small.shape)
    xs, ys = corners[:, 0, 0], corners[:, 0, 1]
    if (
        xs.min() < margin
        or ys.min() < margin
        or xs.max() > small.shape[1] - margin
        or ys.max() > small.shape[0] - margin
    ):
        return None
    return _order_corners(corners.reshape(4, 2).astype(np.float32) / scale)


def flatten_sheet(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Warp the sheet inside ``corners`` to an upright rectangle (perspective correction)."""
    top_left, top_right, bottom_right, bottom_left = corners
    width = int(max(np.linalg.norm(top_right - top_left), np.linalg.norm(bottom_right - bottom_left)))
    height = int(max(np.linalg.norm(bottom_left - top_left), np.linalg.norm(bottom_right - top_right)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def _order_corners(points: np.ndarray) -> np.ndarray:
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [points[sums.argmin()], points[diffs.argmin()], points[sums.argmax()], points[diffs.argmax()]], np.float32
    )


_EVEN_PAPER = 235
"""Background level that 98 % of a page must reach to need no flattening."""

_MIN_DESKEW = 0.3
"""Smaller skews are left to Tesseract, which reads them as well: the warp would only cost time."""


def flatten_background(image: np.ndarray) -> np.ndarray:
    """Divide out uneven lighting (shadows, yellowed paper) so the paper reads white.

    The background is estimated by a large morphological closing on a
    downscaled copy: it wipes the dark strokes and keeps the slow gradient.
    A page whose paper is already even and white is returned as it is.
    """
    height, width = image.shape[:2]
    small = cv2.resize(image, (max(width // 4, 1), max(height // 4, 1)), interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    if np.percentile(background, 2) >= _EVEN_PAPER:
        return image
    background = cv2.GaussianBlur(background, (0, 0), 5)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(image, np.maximum(background, 1), scale=255)
    return flat


def ink_mask(image: np.ndarray) -> np.ndarray:
    """The text ink of a page, downscaled and binary: what the orientation and skew checks read.

    Computed once per page image and handed to each check that reads the same image.
    """
    return _ink(image)


def estimate_skew(image: np.ndarray, max_angle: float = 6.0, *, ink: np.ndarray | None = None) -> float:
    """Skew in degrees (positive: text rises to the right) by projection-profile search.

    Text lines give the sharpest row profile when they lie level; the search
    runs on a downscaled binary image, coarse then fine.
    """
    binary = _ink(image) if ink is None else ink
    best = _best(_half(binary), np.arange(-max_angle, max_angle + 0.01, 0.5))[0]  # coarse on a quarter the pixels
    return _best(binary, np.arange(best - 0.5, best + 0.51, 0.1))[0]


def deskew(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees about the centre, filling corners with white."""
    if abs(angle) < _MIN_DESKEW:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def looks_sideways(image: np.ndarray, *, ink: np.ndarray | None = None) -> bool:
    """Whether the text lines run vertically (a page turned by 90° or 270°).

    Lines of text make the row profile of an upright page jump between ink and
    gaps; on a sideways page the column profile does. Cheap enough for every page.
    """
    binary = _half(_ink(image) if ink is None else ink)
    coarse = np.arange(-6.0, 6.01, 1.5)
    upright = _best(binary, coarse)[1] / binary.shape[1] ** 2
    turned = np.ascontiguousarray(np.rot90(binary))
    sideways = _best(turned, coarse)[1] / turned.shape[1] ** 2
    return bool(sideways > 1.5 * upright)


_UPSIDE_DOWN = 1.5
_UPRIGHT = 0.7


def looks_upside_down(image: np.ndarray, *, ink: np.ndarray | None = None) -> bool | None:
    """Whether a level page is upside down: True, False, or None when the page does not say.

    In each text line, ascenders, capitals and (in Vietnamese above all) tone marks put
    far more ink above the x-height band than descenders put below it; turned over, the
    balance flips. On the bench set upright pages scored 0.33–0.93 (below/above) and
    upside-down ones 1.08–3.02; between the two bounds the page is left to OSD.
    """
    rows = ((_ink(image) if ink is None else ink) > 0).sum(axis=1).astype(np.float64)
    above = below = 0.0
    for start, end in _runs(rows > 0):
        line = rows[start:end]
        if len(line) < 6:
            continue
        core = np.flatnonzero(line >= 0.5 * line.max())
        above += line[: core[0]].sum()
        below += line[core[-1] + 1 :].sum()
    if above + below == 0:
        return None
    ratio = below / max(above, 1.0)
    if ratio > _UPSIDE_DOWN:
        return True
    return False if ratio < _UPRIGHT else None


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2], edges[1::2], strict=True))


def deskew_mask(ink: np.ndarray, angle: float) -> np.ndarray:
    """The ink mask of ``deskew(image, angle)``, without computing it again from the full page."""
    if abs(angle) < _MIN_DESKEW:
        return ink
    height, width = ink.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST, borderValue=0)


def rotate_upright(image: np.ndarray, clockwise: int) -> np.ndarray:
    """Turn the page ``clockwise`` degrees (a multiple of 90)."""
    return np.ascontiguousarray(np.rot90(image, -(clockwise // 90) % 4))


def _ink(image: np.ndarray) -> np.ndarray:
    scale = 1000 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return _drop_border_ink(binary)


def _half(binary: np.ndarray) -> np.ndarray:
    """Half the size, ink kept: enough for a coarse angle search at a quarter of the cost."""
    height, width = binary.shape
    return cv2.resize(binary, (max(width // 2, 1), max(height // 2, 1)), interpolation=cv2.INTER_AREA)


def _drop_border_ink(binary: np.ndarray) -> np.ndarray:
    """Remove ink that is no text: blobs touching the image edge (scanner borders, the desk around
    a photographed sheet) and blobs larger than any glyph (the sheet's outline, frames, rules)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    height, width = binary.shape
    left, top, w, h = (stats[:, i] for i in range(4))
    touches = (left == 0) | (top == 0) | (left + w >= width) | (top + h >= height)
    touches |= (w > 0.3 * width) | (h > 0.3 * height)
    touches[0] = False  # label 0 is the background
    if not touches.any():
        return binary
    return np.where(touches[labels], 0, binary).astype(np.uint8)


def _best(binary: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    """The angle whose row profile is sharpest, and that sharpness."""
    height, width = binary.shape
    centre = (width / 2, height / 2)
    best_angle, best_score = 0.0, -1.0
    for angle in angles:
        matrix = cv2.getRotationMatrix2D(centre, float(-angle), 1.0)
        rotated = cv2.warpAffine(binary, matrix, (width, height), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(profile)).sum())
        if score > best_score:
            best_angle, best_score = float(angle), score
    return best_angle, best_score
