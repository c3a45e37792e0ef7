"""Draw a :class:`Letter` as an A4 PDF in the Decree 30/2020/NĐ-CP layout with reportlab.

Real TrueType fonts are embedded (Liberation Serif is metric-compatible with Times New Roman, the
font the decree prescribes) so Vietnamese diacritics are true glyphs that pdftotext reads back.
Platypus does the page breaking; the signature block records where it was drawn so a seal can be
stamped over it on the raster.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from samples._letter import CC_LABEL, NATIONAL_MOTTO, NATIONAL_TITLE, RECIPIENTS_LABEL, Letter

# Liberation 1.x (Debian fonts-liberation) lacks ơ, ư and the stacked tone marks; Liberation 2.x
# (fonts-liberation2) has them, so it is looked for first and coverage is checked, not assumed.
_FONT_FILES = {
    "serif": (
        ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"),
        "LiberationSerif",
        "-Regular",
    ),
    "dejavu": (("/usr/share/fonts/truetype/dejavu",), "DejaVuSerif", ""),
}
_INSTALL_HINT = {"serif": "apt-get install fonts-liberation2", "dejavu": "apt-get install fonts-dejavu-core"}
_FACES = {"regular": "", "bold": "-Bold", "italic": "-Italic", "bolditalic": "-BoldItalic"}
_VIETNAMESE_PROBE = "ơưạệộửĐ"
_ROMAN_HEADING = ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X.")
_LEFT, _RIGHT, _TOP, _BOTTOM = 30 * mm, 20 * mm, 20 * mm, 20 * mm
_BODY_SIZE = 14.0
_INDENT = 10 * mm  # first-line indent of body paragraphs (1–1.27 cm in the decree)


@dataclass(frozen=True, slots=True)
class Box:
    """Where something landed: a 0-based page and edges as fractions of the page, from top-left."""

    page: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Rendered:
    """What :func:`render_pdf` made: the page count and the signature block's box."""

    path: Path
    pages: int
    signature: Box


def _vietnamese_font(font: str, suffix: str) -> TTFont:
    """The first installed file of ``font`` with a glyph for every Vietnamese letter we probe."""
    folders, stem, regular = _FONT_FILES[font]
    name = f"{stem}{suffix or '-Regular'}"
    for folder in folders:
        path = Path(folder) / f"{stem}{suffix or regular}.ttf"
        if path.is_file():
            ttf = TTFont(name, str(path))
            if all(ord(char) in ttf.face.charToGlyph for char in _VIETNAMESE_PROBE):
                return ttf
    raise FileNotFoundError(f"no {stem} font with Vietnamese glyphs; install it: {_INSTALL_HINT[font]}")


@functools.cache
def _register(font: str) -> dict[str, str]:
    """Register one family once (reportlab's registry is process-wide) and name its four faces."""
    if font not in _FONT_FILES:
        raise ValueError(f"unknown font {font!r}; use one of {sorted(_FONT_FILES)}")
    names = {}
    for face, suffix in _FACES.items():
        ttf = _vietnamese_font(font, suffix)
        pdfmetrics.registerFont(ttf)
        names[face] = ttf.fontName
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bolditalic"],
    )
    return names


class _Centered(Flowable):
    """Centred single lines, shrunk to fit, with an optional short rule under one of them.

    A line of text ``""`` is a blank gap of its size (the space left for a hand signature).
    """

    def __init__(
        self, lines: list[tuple[str, str, float]], *, rule_under: int | None = None, rule_width: float = 0.0
    ) -> None:
        super().__init__()
        self.lines, self.rule_under, self.rule_width = lines, rule_under, rule_width
        self.drawn_at: tuple[int, float, float, float, float] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = sum(size * 1.25 for _, _, size in self.lines) + (4 if self.rule_under is not None else 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas, y = self.canv, self.height
        for index, (text, font, size) in enumerate(self.lines):
            fitted = min(size, size * self.width / max(pdfmetrics.stringWidth(text, font, size), 1e-6))
            y -= size * 1.25
            if text:
                canvas.setFont(font, fitted)
                canvas.drawCentredString(self.width / 2, y + size * 0.3, text)
            if index == self.rule_under:
                y -= 4
                canvas.setLineWidth(0.6)
                canvas.line((self.width - self.rule_width) / 2, y + 3, (self.width + self.rule_width) / 2, y + 3)
        x0, y0 = canvas.absolutePosition(0, 0)
        self.drawn_at = (canvas.getPageNumber() - 1, x0, y0, x0 + self.width, y0 + self.height)


def _style(name: str, font: str, size: float, **kwargs: Any) -> ParagraphStyle:
    kwargs.setdefault("leading", size * 1.25)
    return ParagraphStyle(name, fontName=font, fontSize=size, **kwargs)


def _header(letter: Letter, faces: dict[str, str], width: float) -> Table:
    """Two columns: issuer and number on the left, national title and place/date on the right."""
    left_w, right_w = width * 0.43, width * 0.57
    issuer = [(letter.parent_issuer, faces["regular"], 12.5)] if letter.parent_issuer else []
    issuer += [(line, faces["bold"], 12.5) for line in letter.issuer]
    left_top = _Centered(issuer, rule_under=len(issuer) - 1, rule_width=left_w * 0.3)
    right_top = _Centered(
        [(NATIONAL_TITLE, faces["bold"], 12.5), (NATIONAL_MOTTO, faces["bold"], 13.5)],
        rule_under=1,
        rule_width=pdfmetrics.stringWidth(NATIONAL_MOTTO, faces["bold"], 13.5),
    )
    left_bottom: list[Flowable] = [
        Paragraph(escape(letter.number), _style("no", faces["regular"], 13, alignment=TA_CENTER))
    ]
    if letter.subject:
        left_bottom.append(
            Paragraph(
                escape(letter.subject),
                _style(
                    "vv",
                    faces["regular"],
                    12,
                    alignment=TA_CENTER,
                    spaceBefore=3,
                    leftIndent=8,
                    rightIndent=8,
                ),
            )
        )
    date = Paragraph(escape(letter.place_date), _style("date", faces["italic"], 13.5, alignment=TA_CENTER))
    table = Table([[left_top, right_top], [left_bottom, date]], colWidths=[left_w, right_w])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
        ]
    )
    return table


def _heading(letter: Letter, faces: dict[str, str], width: float) -> list[Flowable]:
    """The centred type heading and bold title of a kế hoạch, thông báo…; nothing for a công văn."""
    if letter.is_cong_van:
        return [Spacer(1, 12)]
    centred = _style("heading", faces["bold"], _BODY_SIZE, alignment=TA_CENTER, leftIndent=30, rightIndent=30)
    parts: list[Flowable] = [Spacer(1, 18), Paragraph(escape(letter.type_heading or ""), centred)]
    if letter.title:
        parts.append(Paragraph(escape(letter.title), centred))
    parts += [_Centered([("", faces["regular"], 4)], rule_under=0, rule_width=width * 0.2), Spacer(1, 10)]
    return parts


def _recipients(letter: Letter, faces: dict[str, str], width: float) -> list[Flowable]:
    """One recipient goes inline and centred; several go as dash items beside "Kính gửi:"."""
    if not letter.recipients:
        return []
    if len(letter.recipients) == 1:
        text = f"{RECIPIENTS_LABEL} {letter.recipients[0]}"
        return [
            Paragraph(escape(text), _style("kg1", faces["regular"], _BODY_SIZE, alignment=TA_CENTER)),
            Spacer(1, 10),
        ]
    label = _style("kgl", faces["regular"], _BODY_SIZE, alignment=TA_RIGHT)
    item = _style("kgi", faces["regular"], _BODY_SIZE, alignment=TA_LEFT)
    rows = [
        [Paragraph(RECIPIENTS_LABEL if i == 0 else "", label), Paragraph(escape(text), item)]
        for i, text in enumerate(letter.recipients)
    ]
    table = Table(rows, colWidths=[width * 0.2, width * 0.8])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
    )
    return [table, Spacer(1, 10)]


def _body(letter: Letter, faces: dict[str, str]) -> list[Flowable]:
    """Justified paragraphs with a first-line indent; Roman-numbered section headings in bold."""
    plain = _style(
        "body",
        faces["regular"],
        _BODY_SIZE,
        alignment=TA_JUSTIFY,
        firstLineIndent=_INDENT,
        leading=_BODY_SIZE * 1.3,
        spaceAfter=6,
    )
    bold = ParagraphStyle("section", parent=plain, fontName=faces["bold"])
    return [Paragraph(escape(text), bold if text.startswith(_ROMAN_HEADING) else plain) for text in letter.paragraphs]


def _closing(letter: Letter, faces: dict[str, str], width: float) -> tuple[Table, _Centered]:
    """Nơi nhận on the left, the signature block on the right, kept on one page."""
    cells: list[Flowable] = []
    if letter.cc:
        cells.append(Paragraph(CC_LABEL, _style("cc", faces["bolditalic"], 12)))
        cells += [Paragraph(escape(item), _style("cci", faces["regular"], 11)) for item in letter.cc]
    bold = faces["bold"]
    lines = [(text, bold, 13.5) for text in (*letter.signer.authority, letter.signer.title)]
    signature = _Centered([*lines, ("", bold, 28), ("", bold, 28), (letter.signer.name, bold, 13.5)])
    table = Table([[cells, signature]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table, signature


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Decree 30 numbers pages from the second one, centred in the top margin."""
    canvas.saveState()
    canvas.setFont(doc.congvan_font, 13)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def _a4(path: Path, title: str = "") -> SimpleDocTemplate:
    """A byte-stable A4 document with Decree 30's margins."""
    return SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=_LEFT,
        rightMargin=_RIGHT,
        topMargin=_TOP,
        bottomMargin=_BOTTOM,
        invariant=1,
        title=title,
        author="congvan samples",
    )


def render_pdf(letter: Letter, path: str | Path, *, font: str = "serif") -> Rendered:
    """Write ``letter`` to ``path`` as a deterministic (byte-stable) A4 PDF; ``font`` is serif|dejavu."""
    faces = _register(font)
    path = Path(path)
    doc = _a4(path, title=letter.number)
    doc.congvan_font = faces["regular"]
    width = doc.width
    closing, signature = _closing(letter, faces, width)
    story: list[Flowable] = [_header(letter, faces, width), *_heading(letter, faces, width)]
    story += [*_recipients(letter, faces, width), *_body(letter, faces), Spacer(1, 6), KeepTogether(closing)]
    doc.build(story, onLaterPages=_page_number)
    if signature.drawn_at is None:
        raise RuntimeError("reportlab did not draw the signature block")
    page, x0, y0, x1, y1 = signature.drawn_at
    page_w, page_h = A4
    box = Box(page, x0 / page_w, 1 - y1 / page_h, x1 / page_w, 1 - y0 / page_h)
    return Rendered(path, doc.page, box)


def render_text_pdf(text: str, path: str | Path, *, font: str = "serif") -> Path:
    """Write plain text to an A4 PDF, a paragraph a line, as a dispatch's body is set.

    For documents known only as text (the extraction development set): the
    header's two columns come one after the other, as their .txt files hold them.
    """
    faces = _register(font)
    path = Path(path)
    doc = _a4(path)
    style = _style("text", faces["regular"], _BODY_SIZE, alignment=TA_LEFT, leading=_BODY_SIZE * 1.3, spaceAfter=3)
    story: list[Flowable] = []
    for line in text.splitlines():
        story.append(Paragraph(escape(line), style) if line.strip() else Spacer(1, _BODY_SIZE * 0.6))
    doc.build(story)
    return path
