"""Page clean-up before OCR: scale, flatten the background, straighten.

None of these steps removes specks: on Vietnamese text the dots and hooks of
the diacritics are exactly the small marks a speck filter deletes.
"""

from __future__ import annotations

import cv2
import numpy as np

__all__ = ["deskew", "estimate_skew", "flatten_background", "normalise_scale"]

TARGET_DPI = 300
_MAX_SIDE = 4200
"""Longest side kept: A4 at 350 dpi. Phone photos are often twice that."""


def normalise_scale(image: np.ndarray, dpi: int | None) -> tuple[np.ndarray, int | None]:
    """Bring the page near 300 dpi: down from high-dpi scans and oversized photos."""
    scale = 1.0
    if dpi and dpi > TARGET_DPI * 1.3:
        scale = TARGET_DPI / dpi
    longest = max(image.shape[:2])
    if longest * scale > _MAX_SIDE:
        scale = _MAX_SIDE / longest
    if scale >= 0.999:
        return image, dpi
    resized = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return resized, round(dpi * scale) if dpi else None


def flatten_background(image: np.ndarray) -> np.ndarray:
    """Divide out uneven lighting (shadows, yellowed paper) so the paper reads white.

    The background is estimated by a large morphological closing on a
    downscaled copy: it wipes the dark strokes and keeps the slow gradient.
    """
    height, width = image.shape[:2]
    small = cv2.resize(image, (max(width // 4, 1), max(height // 4, 1)), interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 5)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(image, np.maximum(background, 1), scale=255)
    return flat


def estimate_skew(image: np.ndarray, max_angle: float = 6.0) -> float:
    """Skew in degrees (positive: text rises to the right) by projection-profile search.

    Text lines give the sharpest row profile when they lie level; the search
    runs on a downscaled binary image, coarse then fine.
    """
    binary = _ink(image)
    best = _best_angle(binary, np.arange(-max_angle, max_angle + 0.01, 0.5))
    return float(_best_angle(binary, np.arange(best - 0.5, best + 0.51, 0.1)))


def deskew(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` degrees about the centre, filling corners with white."""
    if abs(angle) < 0.05:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(
        image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def _ink(image: np.ndarray) -> np.ndarray:
    scale = 1000 / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return binary


def _best_angle(binary: np.ndarray, angles: np.ndarray) -> float:
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
    return best_angle
