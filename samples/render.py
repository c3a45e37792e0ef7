"""Render letter specs to PDFs and page rasters, and degrade the rasters into realistic scans.

This is the public face of ``samples/``: tests and ``bench/`` import from here. The layout lives in
``_layout.py``, the degradations in ``_degrade.py``, the spec format in ``_letter.py``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from samples._degrade import (
    blur,
    downscale,
    jpeg,
    noise,
    perspective,
    punch_holes,
    rotate90,
    scanner_border,
    shadow,
    sign,
    skew,
    stamp,
)
from samples._layout import Box, Rendered, render_pdf, render_text_pdf
from samples._letter import Letter, Signer, letter_text, load_letter

__all__ = [
    "Box",
    "Letter",
    "Rendered",
    "Signer",
    "blur",
    "downscale",
    "jpeg",
    "letter_text",
    "load_letter",
    "noise",
    "perspective",
    "punch_holes",
    "rasterise",
    "render_pdf",
    "render_text_pdf",
    "rotate90",
    "scanner_border",
    "shadow",
    "sign",
    "skew",
    "stamp",
]


def rasterise(pdf_path: str | Path, dpi: int, *, gray: bool = True, timeout: float = 120) -> list[Image.Image]:
    """Every page of ``pdf_path`` as a PIL image, via pdftoppm's lossless PNM output.

    PNM rather than PNG because pdftoppm's PNG encoder is the slow part of rasterising.
    """
    with tempfile.TemporaryDirectory(prefix="congvan-raster-") as work:
        args = ["pdftoppm", "-r", str(dpi), *(["-gray"] if gray else []), str(pdf_path), f"{work}/page"]
        subprocess.run(args, check=True, capture_output=True, timeout=timeout)
        pages = []
        for page in sorted(Path(work).glob("page-*.p?m"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(page) as img:
                pages.append(img.copy())
    return pages
