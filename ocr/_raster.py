"""Turn a PDF or image file into page images, one page at a time.

PDF pages are rasterised by poppler one by one (memory stays bounded on long
PDFs) to PPM, which is many times faster than PNG output. Images are opened
with Pillow; a multi-page TIFF gives several pages.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdf2image
import pdf2image.exceptions
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from congvan.errors import (
    CorruptPdfError,
    EmptyDocumentError,
    EncryptedPdfError,
    ImageTooLargeError,
    MissingDependencyError,
    UnsupportedFileError,
)

__all__ = [
    "MAX_PIXELS",
    "PageImage",
    "count_image_pages",
    "count_pdf_pages",
    "image_pages",
    "pdf_pages",
    "to_gray",
]

MAX_PIXELS = 120_000_000
"""A page larger than this (about A0 at 300 dpi) is refused rather than risking memory."""

# Pillow refuses images over twice its limit at open; ours is checked on every frame.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_POPPLER_HINT = "Install poppler: `sudo apt-get install poppler-utils` (or `make run`)."


@dataclass(frozen=True, slots=True)
class PageImage:
    number: int
    image: np.ndarray
    """Grayscale, uint8."""
    dpi: int | None


# What Pillow raises on damaged files: truncated data, missing tags, bad dimensions.
_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError)

_PDFINFO_TIMEOUT = 60


def count_pdf_pages(path: Path) -> int:
    """Pages in the PDF, with clear errors for damaged, encrypted and empty files."""
    try:
        info = pdf2image.pdfinfo_from_path(str(path), timeout=_PDFINFO_TIMEOUT)
    except pdf2image.exceptions.PDFInfoNotInstalledError as e:
        raise MissingDependencyError(f"poppler's pdfinfo is missing. {_POPPLER_HINT}") from e
    except pdf2image.exceptions.PDFPopplerTimeoutError as e:
        raise CorruptPdfError(f"Reading the PDF took longer than {_PDFINFO_TIMEOUT} s.") from e
    except pdf2image.exceptions.PDFPageCountError as e:
        if re.search(r"password|encrypt", str(e), re.IGNORECASE):
            raise EncryptedPdfError() from e
        raise CorruptPdfError() from e
    if info.get("Encrypted", "no").startswith("yes") and not info.get("Pages"):
        raise EncryptedPdfError()
    pages = int(info.get("Pages", 0))
    if pages == 0:
        raise EmptyDocumentError("The PDF has no pages.")
    return pages


def pdf_pages(path: Path, *, dpi: int, timeout: float) -> Iterator[PageImage]:
    """Rasterise each page of the PDF in turn at ``dpi``."""
    pages = count_pdf_pages(path)
    with tempfile.TemporaryDirectory(prefix="congvan-raster-") as workdir:
        for number in range(1, pages + 1):
            yield PageImage(number, _rasterise_page(path, number, dpi, timeout, workdir), dpi)


def _rasterise_page(path: Path, number: int, dpi: int, timeout: float, workdir: str) -> np.ndarray:
    try:
        images = pdf2image.convert_from_path(
            str(path),
            dpi=dpi,
            first_page=number,
            last_page=number,
            fmt="ppm",
            grayscale=False,  # colour is needed to drop red seals (see to_gray)
            output_folder=workdir,
            timeout=int(timeout),
        )
    except pdf2image.exceptions.PDFPopplerTimeoutError as e:
        raise CorruptPdfError(f"Rasterising page {number} took longer than {timeout:.0f} s.") from e
    except (pdf2image.exceptions.PDFSyntaxError, subprocess.SubprocessError) as e:
        raise CorruptPdfError(f"Page {number} of the PDF cannot be read: {e}") from e
    except Image.DecompressionBombError as e:
        raise ImageTooLargeError(f"Page {number} is too large at {dpi} dpi.") from e
    if not images:
        raise CorruptPdfError(f"Page {number} of the PDF cannot be rasterised.")
    array = to_gray(images[0])
    for image in images:
        image.close()
    for leftover in Path(workdir).iterdir():
        leftover.unlink()
    return array


_EXIF_ORIENTATION = 0x0112

_RED_MARGIN = 60
"""How much redder than green and blue a pixel must be to count as seal ink."""
_RED_SHARE = 0.002
"""Share of red pixels above which a page is taken to carry a red seal or red signature."""


def to_gray(image: Image.Image) -> np.ndarray:
    """Grayscale for OCR. On a page with red ink (seals, red signatures) the red channel is used:
    there the seal is nearly white while black and blue text stay dark, so the stamp stops hiding
    the words under it."""
    if image.mode in ("1", "L", "I", "I;16", "F", "LA"):
        return np.asarray(image.convert("L"))
    rgb = np.asarray(image.convert("RGB"))
    red = rgb[..., 0].astype(np.int16)
    reddish = (red - rgb[..., 1] > _RED_MARGIN) & (red - rgb[..., 2] > _RED_MARGIN)
    if reddish.mean() > _RED_SHARE:
        return np.ascontiguousarray(rgb[..., 0])
    return np.asarray(image.convert("L"))


def image_pages(path: Path) -> Iterator[PageImage]:
    """Pages of a PNG, JPEG or (multi-page) TIFF, upright as their EXIF says."""
    try:
        with _open_image(path) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                _check_size(frame)
                # exif_transpose copies the page even when there is nothing to turn (0.05 s).
                turned = frame.getexif().get(_EXIF_ORIENTATION, 1) != 1
                upright = (ImageOps.exif_transpose(frame) or frame) if turned else frame
                yield PageImage(number, to_gray(upright), _dpi_of(frame))
    except Image.DecompressionBombError as e:
        raise ImageTooLargeError() from e
    except _DECODE_ERRORS as e:
        raise UnsupportedFileError(f"The image cannot be decoded: {e}") from e


def count_image_pages(path: Path) -> int:
    """Frames of the image, each checked for size without decoding the pixels."""
    try:
        with _open_image(path) as image:
            frames = 0
            for frame in ImageSequence.Iterator(image):
                _check_size(frame)
                frames += 1
            return frames
    except Image.DecompressionBombError as e:
        raise ImageTooLargeError() from e
    except _DECODE_ERRORS as e:
        raise UnsupportedFileError(f"The image cannot be decoded: {e}") from e


@contextmanager
def _open_image(path: Path) -> Iterator[Image.Image]:
    """The image, with Pillow's warnings silenced: between its pixel limit and twice it Pillow only
    warns (``_check_size`` decides), and it warns of corrupt EXIF before the decode error that
    matters. Used from the thread that reads the file, never from the page workers."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module="PIL")
        with Image.open(path) as image:
            yield image


def _check_size(frame: Image.Image) -> None:
    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise ImageTooLargeError(
            f"The image is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels."
        )
    if width < 32 or height < 32:
        raise EmptyDocumentError(f"The image is only {width}×{height} pixels: no page can be read from it.")


def _dpi_of(frame: Image.Image) -> int | None:
    dpi = frame.info.get("dpi")
    if not dpi:
        return None
    value = round(float(dpi[0]))
    return value if 50 <= value <= 2400 else None
