"""OCR stage: scans (PDF, PNG, JPEG, TIFF) and text files in, ``OcrDocument`` out.

ocr.read(path, options) -> OcrDocument
"""

from __future__ import annotations

from ocr._sniff import InputKind, media_type, sniff
from ocr._tesseract import available, ensure_available, version
from ocr.reader import Engine, TesseractEngine, inspect, read, read_text
from ocr.types import PAGE_BREAK, OcrDocument, OcrLine, OcrOptions, OcrPage, OcrWord, PageStatus

__all__ = [
    "PAGE_BREAK",
    "Engine",
    "InputKind",
    "OcrDocument",
    "OcrLine",
    "OcrOptions",
    "OcrPage",
    "OcrWord",
    "PageStatus",
    "TesseractEngine",
    "available",
    "ensure_available",
    "inspect",
    "media_type",
    "read",
    "read_text",
    "sniff",
    "version",
]
