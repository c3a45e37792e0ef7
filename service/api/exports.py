"""Targets, achievements and deadlines as spreadsheets: CSV and XLSX, the same columns in both.

Each row is one item, beside its document's number, date and issuer, and
ends with its provenance (page, confidence), so that a reader can go back to
the scan. The columns are data (``TARGETS``, ``ACHIEVEMENTS``, ``DEADLINES``);
``to_csv`` and ``to_xlsx`` write any of them.

CSV is UTF-8 with a byte-order mark: without it Excel reads the file as the
local code page and Vietnamese turns to mojibake. XLSX has a bold, frozen
header row, filters, column widths and real dates (``dd/mm/yyyy``, as dates
are written in Vietnam). A deadline's ``date``, ``start`` and ``end`` stay
ISO text at the precision the letter gave (``2023``, ``2022-03``); its
``due_date``, the last day that allows, is the real date to sort on.

Text read from a scan never becomes a formula: XLSX cells are stored as
strings, and a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` gets a
leading ``'`` (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

__all__ = ["ACHIEVEMENTS", "DEADLINES", "TARGETS", "Column", "to_csv", "to_xlsx"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the attribute path it reads on an item, its XLSX width in characters."""

    name: str
    path: str = ""
    """Dotted, as for ``operator.attrgetter``; empty means ``name``."""
    width: int = 12
    number_format: str | None = None

    def read(self, item: Any) -> object:
        return attrgetter(self.path or self.name)(item)


_DOCUMENT = (
    Column("document_id", width=11),
    Column("document_number", "document.number", width=18),
    Column("document_date", "document.date", width=13),
    Column("issuer", "document.issuer", width=36),
)
_PROVENANCE = (Column("page", width=6), Column("confidence", width=11, number_format="0.00"))

TARGETS = (
    *_DOCUMENT,
    Column("metric", width=40),
    Column("comparator", width=11),
    Column("value", width=10),
    Column("unit", width=12),
    Column("scope", width=28),
    Column("period", width=18),
    *_PROVENANCE,
)
ACHIEVEMENTS = (
    *_DOCUMENT,
    Column("metric", width=40),
    Column("value", width=10),
    Column("unit", width=12),
    Column("percent_of_target", width=18),
    Column("who", width=28),
    Column("period", width=18),
    *_PROVENANCE,
)
DEADLINES = (
    *_DOCUMENT,
    Column("what", width=60),
    Column("raw", width=30),
    Column("date", "date_iso", width=12),
    Column("start", "start_iso", width=12),
    Column("end", "end_iso", width=12),
    Column("due_date", width=12),
    *_PROVENANCE,
)

_DATE_FORMAT = "dd/mm/yyyy"
_FORMULA_STARTS = ("=", "+", "-", "@")
# The XML 1.0 control characters openpyxl refuses (OCR noise can hold them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def to_csv(columns: tuple[Column, ...], items: Iterable[Any]) -> bytes:
    """A header row and one row per item, UTF-8 with a BOM, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(column.name for column in columns)
    for item in items:
        writer.writerow(_csv_cell(column.read(item)) for column in columns)
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 95, not 95.0
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_xlsx(columns: tuple[Column, ...], items: Iterable[Any], *, title: str) -> bytes:
    """One sheet named ``title``: the same header and rows as :func:`to_csv`, typed."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([column.name for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, item in enumerate(items, start=2):
        for index, column in enumerate(columns, start=1):
            _xlsx_cell(sheet.cell(row=row, column=index), column.read(item), column.number_format)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell: Any, value: object, number_format: str | None) -> None:
    if isinstance(value, str):
        cell.value = _ILLEGAL_XML.sub("", value)
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        return
    cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = _DATE_FORMAT
    elif number_format and value is not None:
        cell.number_format = number_format
