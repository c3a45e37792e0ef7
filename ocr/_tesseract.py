"""The only module that calls Tesseract (through pytesseract).

Every call has a timeout and runs Tesseract single-threaded: its OpenMP threads
make it several times slower when pages already run in parallel on few cores.
Foreign errors are translated here, once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import NoReturn

import cv2
import numpy as np
import pytesseract

from congvan.errors import MissingDependencyError, OcrEngineError
from congvan.types import BBox
from ocr.types import OcrLine, OcrWord

__all__ = [
    "PageTimeoutError",
    "available",
    "ensure_available",
    "languages",
    "orientation",
    "read_lines",
    "version",
]

_INSTALL_HINT = (
    "Install Tesseract 5 with its Vietnamese models: "
    "`sudo apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-script-viet` (or `make run`)."
)


class PageTimeoutError(OcrEngineError):
    """Tesseract did not finish the page within its time limit."""

    code = "ocr_timeout"


def available() -> bool:
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


@cache
def version() -> str:
    ensure_available()
    return str(pytesseract.get_tesseract_version())


@cache
def languages() -> frozenset[str]:
    """Installed models. Asked of Tesseract directly: pytesseract's ``get_languages`` drops names
    with capitals, such as the ``Vietnamese`` script model."""
    if not available():
        raise MissingDependencyError(f"Tesseract is not installed. {_INSTALL_HINT}")
    try:
        listing = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout
    except (subprocess.SubprocessError, OSError) as e:
        raise OcrEngineError(f"Tesseract did not list its models: {e}") from e
    return frozenset(line.strip() for line in listing.splitlines()[1:] if line.strip())


def ensure_available(lang: str = "") -> None:
    """Raise with an install hint when Tesseract or a model of ``lang`` is missing."""
    if not available():
        raise MissingDependencyError(f"Tesseract is not installed. {_INSTALL_HINT}")
    missing = [code for code in lang.split("+") if code and code not in languages()]
    if missing:
        raise MissingDependencyError(f"Tesseract has no model for {', '.join(missing)}. {_INSTALL_HINT}")


def read_lines(image: np.ndarray, *, lang: str, psm: int, timeout: float) -> tuple[OcrLine, ...]:
    """OCR one page image in one ``image_to_data`` call; lines keep their Tesseract block."""
    _single_threaded()
    with _as_pgm(image) as path:
        try:
            data = pytesseract.image_to_data(
                str(path),
                lang=lang,
                config=f"--oem 1 --psm {psm} -c preserve_interword_spaces=0",
                output_type=pytesseract.Output.DICT,
                timeout=timeout,
            )
        except RuntimeError as e:
            _raise_engine_error(e, timeout)
        except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as e:
            raise OcrEngineError(f"Tesseract failed: {e}") from e
    return _lines_from_data(data)


def orientation(image: np.ndarray, *, timeout: float) -> int | None:
    """Degrees to turn the page clockwise to stand upright (Tesseract OSD), or None if unsure."""
    _single_threaded()
    with _as_pgm(image) as path:
        try:
            osd = pytesseract.image_to_osd(str(path), config="--psm 0 -c min_characters_to_try=10", timeout=timeout)
        except (RuntimeError, pytesseract.TesseractError, subprocess.SubprocessError, OSError):
            return None  # too little text to tell: leave the page as it is
    match = re.search(r"Rotate:\s*(\d+)", osd)
    confidence = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not match or (confidence and float(confidence.group(1)) < 1.0):
        return None
    return int(match.group(1)) % 360


def _single_threaded() -> None:
    """Run Tesseract with one OpenMP thread, without touching ``os.environ``.

    pytesseract spawns Tesseract with the environment held in its module global
    ``environ``; it gets a copy with the limit, made when first needed.
    """
    if pytesseract.pytesseract.environ.get("OMP_THREAD_LIMIT") != "1":
        pytesseract.pytesseract.environ = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@contextmanager
def _as_pgm(image: np.ndarray) -> Iterator[Path]:
    """The page as an uncompressed PGM file: PNG (pytesseract's default) costs 0.15 s to encode."""
    fd, name = tempfile.mkstemp(suffix=".pgm", prefix="congvan-page-")
    os.close(fd)
    path = Path(name)
    try:
        if not cv2.imwrite(str(path), image):
            raise OcrEngineError("The page image could not be written for Tesseract.")
        yield path
    finally:
        path.unlink(missing_ok=True)


def _raise_engine_error(e: RuntimeError, timeout: float) -> NoReturn:
    if "timeout" in str(e).lower():
        raise PageTimeoutError(f"Tesseract took longer than {timeout:.0f} s on this page.") from e
    raise OcrEngineError(f"Tesseract failed: {e}") from e


def _lines_from_data(data: dict[str, list]) -> tuple[OcrLine, ...]:
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    blocks: dict[tuple[int, int], int] = {}
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        left, top = int(data["left"][i]), int(data["top"][i])
        box = BBox(left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        for part in text.split():
            lines.setdefault(key, []).append(OcrWord(part, box, min(conf, 100.0) / 100.0))
        blocks.setdefault(key[:2], len(blocks))
    return tuple(OcrLine(tuple(words), blocks[key[:2]]) for key, words in lines.items())
