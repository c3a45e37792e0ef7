"""``ocr.read``: a scan or text file in, an ``OcrDocument`` out.

Pages are rasterised one at a time and read in parallel, one single-threaded
Tesseract per core. A page that fails or times out is kept with its status and
the document goes on; only a document with no readable page is an error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from congvan.errors import CongvanError, EmptyDocumentError, OcrEngineError, UnsupportedFileError
from ocr import _preprocess, _raster, _tesseract
from ocr._borders import clean_borders
from ocr._columns import reorder_columns
from ocr._sniff import InputKind, sniff
from ocr.types import OcrDocument, OcrLine, OcrOptions, OcrPage, PageStatus, mean_confidence

__all__ = ["Engine", "TesseractEngine", "inspect", "read", "read_text"]

_SNIFF_BYTES = 8192


class Engine(Protocol):
    """What reads one prepared page image: Tesseract, or another engine for comparison."""

    name: str

    def read_lines(self, image: np.ndarray, options: OcrOptions) -> tuple[OcrLine, ...]: ...


class TesseractEngine:
    def __init__(self) -> None:
        self.name = "tesseract"

    def describe(self, options: OcrOptions) -> str:
        return f"tesseract {_tesseract.version()} {options.lang} psm {options.psm}"

    def read_lines(self, image: np.ndarray, options: OcrOptions) -> tuple[OcrLine, ...]:
        return _tesseract.read_lines(image, lang=options.lang, psm=options.psm, timeout=options.page_timeout)

    def orientation(self, image: np.ndarray, options: OcrOptions) -> int | None:
        # Half resolution: OSD is as sure there and twice as fast.
        half = cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
        return _tesseract.orientation(half, timeout=options.page_timeout)


def inspect(path: Path) -> tuple[InputKind, int]:
    """Check quickly, before any OCR, that the file can be read: its kind and page count.

    Raises the same clear errors ``read`` would (empty, unsupported, corrupt or
    encrypted PDF, oversized image), so an upload can be refused at once.
    """
    with path.open("rb") as f:
        kind = sniff(f.read(_SNIFF_BYTES))
    if kind is InputKind.PDF:
        return kind, _raster.count_pdf_pages(path)
    if kind is InputKind.IMAGE:
        return kind, _raster.count_image_pages(path)
    return kind, len(read_text(path).pages)


def read(path: Path, options: OcrOptions | None = None, engine: Engine | None = None) -> OcrDocument:
    """Read a PDF, image or UTF-8 text file into an ``OcrDocument``."""
    options = options or OcrOptions()
    with path.open("rb") as f:
        kind = sniff(f.read(_SNIFF_BYTES))
    if kind is InputKind.TEXT:
        return read_text(path)
    if engine is None:
        _tesseract.ensure_available(options.lang)
        engine = TesseractEngine()
    if kind is InputKind.PDF:
        images = _raster.pdf_pages(path, dpi=options.dpi, timeout=options.page_timeout)
    else:
        images = _raster.image_pages(path)
    pages = _read_pages(images, engine, options)
    if all(page.status is not PageStatus.OK for page in pages):
        raise OcrEngineError(f"No page could be read: {pages[0].error}")
    describe = getattr(engine, "describe", None)
    return OcrDocument(pages, source_name=path.name, engine=describe(options) if describe else engine.name)


def read_text(path: Path) -> OcrDocument:
    """A text file is taken as it is: UTF-8 (a BOM is dropped), pages split at form feeds."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise UnsupportedFileError("The text file is not UTF-8: save it as UTF-8 and upload again.") from e
    if not text.strip():
        raise EmptyDocumentError("The text file holds no text.")
    return OcrDocument.from_text(text, source_name=path.name)


def _read_pages(images: Iterator[_raster.PageImage], engine: Engine, options: OcrOptions) -> tuple[OcrPage, ...]:
    workers = options.workers or os.cpu_count() or 1
    # Threads suffice: the work happens in Tesseract's own process and in OpenCV,
    # both outside the GIL. Submitting as pages are rasterised keeps at most
    # ``2 * workers`` page images in memory.
    futures: list[Future[OcrPage]] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ocr-page") as pool:
        for page_image in images:
            while sum(not f.done() for f in futures) >= 2 * workers:
                next(f for f in futures if not f.done()).result()
            futures.append(pool.submit(_read_page, page_image, engine, options))
        pages = tuple(f.result() for f in futures)
    if not pages:
        raise EmptyDocumentError("The file holds no page.")
    return pages


_DOUBTFUL_CONFIDENCE = 0.6
"""A page read with less mean word confidence than this may be upside down: OSD is asked."""


def _read_page(page_image: _raster.PageImage, engine: Engine, options: OcrOptions) -> OcrPage:
    image = page_image.image
    corners = _preprocess.find_sheet(image) if options.perspective else None
    if corners is not None:
        image = _preprocess.flatten_sheet(image, corners)
    image, dpi = _preprocess.normalise_scale(image, page_image.dpi)
    if options.borders:  # after the sheet is found: the desk around a photo is not a border
        image = clean_borders(image)
    if options.flatten:
        image = _preprocess.flatten_background(image)
    rotation = 0
    try:
        ink = _preprocess.ink_mask(image) if options.orient or options.deskew else None
        if options.orient and _preprocess.looks_sideways(image, ink=ink):
            image, rotation = _preprocess.rotate_upright(image, 90), 90
            ink = _preprocess.rotate_upright(ink, 90) if ink is not None else None
        skew = _preprocess.estimate_skew(image, ink=ink) if options.deskew else 0.0
        image = _preprocess.deskew(image, skew)
        if options.orient:
            ink = _preprocess.deskew_mask(ink, skew) if ink is not None else _preprocess.ink_mask(image)
            turn = _upright_turn(engine, image, options, sideways=rotation != 0, ink=ink)
            image, rotation = _preprocess.rotate_upright(image, turn), (rotation + turn) % 360
        lines = engine.read_lines(image, options)
        if options.orient and mean_confidence(lines) < _DOUBTFUL_CONFIDENCE:
            image, lines, turned = _retry_upright(engine, image, lines, options)
            rotation = (rotation + turned) % 360
    except _tesseract.PageTimeoutError as e:
        return _failed(page_image.number, image, dpi, PageStatus.TIMED_OUT, str(e))
    except CongvanError as e:
        return _failed(page_image.number, image, dpi, PageStatus.FAILED, str(e))
    height, width = image.shape[:2]
    if options.work_dir is not None:
        cv2.imwrite(str(options.work_dir / f"{page_image.number:04d}_page.jpg"), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    if options.columns:
        lines = reorder_columns(lines, width)
    return OcrPage(
        page_image.number, lines, width, height, dpi, rotation=rotation, skew=skew, perspective=corners is not None
    )


def _failed(number: int, image: np.ndarray, dpi: int | None, status: PageStatus, error: str) -> OcrPage:
    height, width = image.shape[:2]
    return OcrPage(number, (), width, height, dpi, status, error)


def _upright_turn(engine: Engine, image: np.ndarray, options: OcrOptions, *, sideways: bool, ink: np.ndarray) -> int:
    """Degrees (0 or 180, or what OSD says) to turn a level page so that it reads upright.

    The ink balance around each line's x-height settles most pages at once; only a page
    it cannot settle, and that was sideways (90° or 270° still open), goes to OSD.
    """
    flipped = _preprocess.looks_upside_down(image, ink=ink)
    if flipped is None and sideways:
        return _orientation(engine, image, options) or 0
    return 180 if flipped else 0


def _orientation(engine: Engine, image: np.ndarray, options: OcrOptions) -> int | None:
    ask = getattr(engine, "orientation", None)
    return ask(image, options) if ask else None


def _retry_upright(
    engine: Engine, image: np.ndarray, lines: tuple[OcrLine, ...], options: OcrOptions
) -> tuple[np.ndarray, tuple[OcrLine, ...], int]:
    """Ask OSD about a page that read badly; keep the turned reading only if it reads better."""
    turn = _orientation(engine, image, options)
    if not turn:
        return image, lines, 0
    turned = _preprocess.rotate_upright(image, turn)
    turned_lines = engine.read_lines(turned, options)
    if mean_confidence(turned_lines) > mean_confidence(lines):
        return turned, turned_lines, turn
    return image, lines, 0
