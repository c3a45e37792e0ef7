"""Searchable PDF: each page image with an invisible text layer over the words it shows.

The text layer is drawn in render mode 3 (invisible) with a font that has every
Vietnamese glyph, each word at its box and stretched to its width, so that a PDF
reader's search and selection land on the right place of the scan.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from congvan.errors import MissingDependencyError
from ocr.types import OcrDocument, OcrPage

__all__ = ["write_searchable_pdf"]

_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
)


@cache
def _font() -> str:
    for path in _FONTS:
        if Path(path).is_file():
            pdfmetrics.registerFont(TTFont("CongvanText", path))
            return "CongvanText"
    raise MissingDependencyError("No font with Vietnamese glyphs: `sudo apt-get install fonts-dejavu-core`.")


def write_searchable_pdf(document: OcrDocument, page_images: list[Path], path: Path) -> None:
    """Write ``path``: one PDF page per OCR page, the image below, its words invisible above."""
    font = _font()
    pdf = canvas.Canvas(str(path), invariant=True)
    pdf.setTitle(document.source_name)
    for page, image in zip(document.pages, page_images, strict=True):
        _page(pdf, page, image, font)
    pdf.save()


def _page(pdf: canvas.Canvas, page: OcrPage, image: Path, font: str) -> None:
    scale = 72 / (page.dpi or 300)  # pixels to points
    width, height = page.width * scale, page.height * scale
    pdf.setPageSize((width, height))
    pdf.drawImage(str(image), 0, 0, width, height)
    text = pdf.beginText()
    text.setTextRenderMode(3)
    for line in page.lines:
        box = line.bbox
        if box is None:
            continue
        # One baseline and size per line, so that readers keep the line's words together.
        heights = sorted(w.bbox.bottom - w.bbox.top for w in line.words if w.bbox is not None)
        size = max(heights[len(heights) // 2] * scale, 1.0)
        baseline = height - box.bottom * scale
        for word in line.words:
            if word.bbox is None:
                continue
            natural = pdfmetrics.stringWidth(word.text + " ", font, size)
            text.setFont(font, size)
            text.setHorizScale(100 * (word.bbox.right - word.bbox.left) * scale / natural if natural else 100)
            text.setTextOrigin(word.bbox.left * scale, baseline)
            text.textOut(word.text + " ")
    pdf.drawText(text)
    pdf.showPage()
