"""Tables in plain text: a header line, then rows that end in figures.

A table reaches extraction in one of two forms. Where the source kept its cell
separators (a tab, or a run of two or more spaces from a scan's column gap),
cells are split at them. Where the text was joined with single spaces (the
OCR and text-upload paths join words so), a row is a label followed by its
figures (``Người LĐ 55.374 46.761 84,40%``), and the header is split into as
many columns as the rows have figures, plus the label column: at each word in
title case (``Số đã có thẻ BHYT Tỷ lệ có thẻ BHYT``: a new column at each
capital), or, for a header in capitals, at the usual first words of a column
heading (``table_column_heads``). A header that splits into any other number
of columns is no table: a wrong alignment would misreport every figure.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract._lexicon import keywords
from extract._text import Line, folded, phrases_pattern, squash
from extract.components._body import NUMBER
from normalize.values import parse_vi_number

__all__ = ["Cell", "Figure", "Row", "Table", "done_figures", "row_name", "tables"]

_FIGURE = re.compile(rf"(?:{NUMBER})(?:\s*%)?|[-–]")
_TOKEN = re.compile(r"\S+")
_SEPARATOR = re.compile(r"\t|\s{2,}")
_NUMBERING = re.compile(r"^(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/]|[-–+•*])\s*")
_MIN_FIGURES = 2
_MAX_HEADER_WORDS = 40
_MAX_LABEL_WORDS = 15
_TIME_WORDS = frozenset({"nam", "quy", "thang", "dot", "khoa", "lan"})


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    label: Cell
    cells: tuple[tuple[int, Cell], ...]
    """(column index, cell) of each figure."""


@dataclass(frozen=True, slots=True)
class _Figures:
    label: Cell
    cells: list[Cell]
    places: list[int] | None
    """Each figure's place among the line's separated cells; None when nothing separates them."""


@dataclass(frozen=True, slots=True)
class Table:
    heading: Line | None
    """The line above the header: a caption or a section title, where the table's period is stated."""
    columns: tuple[Cell, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure a table reports as done, with what its column says of it."""

    cell: Cell
    column: Cell
    row: Row
    metric: str
    value: float
    unit: str | None
    percent_of_target: float | None


def tables(lines: list[Line]) -> list[Table]:
    """Every table: a header line followed by one or more rows of figures."""
    found: list[Table] = []
    index = 1
    while index < len(lines):
        if _figures(lines[index]) is None or _figures(lines[index - 1]) is not None:
            index += 1
            continue
        end = index
        while end < len(lines) and _figures(lines[end]) is not None:
            end += 1
        table = _table(lines, index - 1, end)
        if table:
            found.append(table)
        index = end
    return found


def _table(lines: list[Line], header: int, end: int) -> Table | None:
    rows = [_figures(line) for line in lines[header + 1 : end]]
    separated = _separated(lines[header])
    width = Counter(len(row.cells) for row in rows if row).most_common(1)[0][0]
    columns = separated or _split_header(lines[header], width)
    if not columns and header > 0 and _wraps_into(lines[header - 1], lines[header]):
        header -= 1  # a header printed on two lines: ``… Số chưa`` / ``có thẻ BHYT …``
        columns = _split_header(_joined(lines[header], lines[header + 1]), width)
    if not columns:
        return None
    aligned = [_align(columns, row, bool(separated)) for row in rows if row]
    heading = lines[header - 1] if header > 0 else None
    return Table(heading, tuple(columns), tuple(row for row in aligned if row))


def _wraps_into(first: Line, second: Line) -> bool:
    """``second`` continues ``first`` on the next line: no blank line between, no figures in ``first``."""
    return not second.blank_before and second.start == first.end + 1 and _figures(first) is None


def _joined(first: Line, second: Line) -> Line:
    """The two lines as one, the line break read as a space: offsets into the text stay right."""
    return Line(
        first.start, second.end, f"{first.text} {second.text}", f"{first.fold} {second.fold}", first.blank_before
    )


def _figures(line: Line) -> _Figures | None:
    """A row's label and figures: a label with letters, then at least two figures."""
    cells = _separated(line)
    places = None
    if cells:
        places = [index for index, cell in enumerate(cells) if index and _FIGURE.fullmatch(cell.text)]
        figures = [cells[index] for index in places]
        label = next((cell for cell in cells if re.search(r"[^\W\d_]", cell.text)), cells[0])  # after an index cell
    else:
        tokens = list(_TOKEN.finditer(line.text))
        cut = len(tokens)
        while cut > 0 and (_FIGURE.fullmatch(tokens[cut - 1].group()) or tokens[cut - 1].group() == "%"):
            cut -= 1
        if 0 < cut < len(tokens) and folded(tokens[cut - 1].group()) in _TIME_WORDS:
            cut += 1  # ``Năm 2022 1.200 1.000``: the year names the row
        if cut == 0:
            return None
        label = Cell(line.start, line.start + tokens[cut - 1].end(), line.text[: tokens[cut - 1].end()])
        figures = _join_percents(line, tokens[cut:])
    if not _is_row(label, figures):
        return None
    return _Figures(label, figures, places)


def _is_row(label: Cell, figures: list[Cell]) -> bool:
    """A short label with letters and two figures at least, not all dashes or years (``giai đoạn 2021 - 2025``)."""
    counted = [f for f in figures if f.text not in "-–" and not re.fullmatch(r"(?:19|20)\d\d", f.text)]
    words = len(label.text.split())
    return (
        len(counted) >= _MIN_FIGURES and 0 < words <= _MAX_LABEL_WORDS and bool(re.search(r"[^\W\d_]{2}", label.text))
    )


def _join_percents(line: Line, tokens: list[re.Match[str]]) -> list[Cell]:
    """Figures from tokens, a lone ``%`` joined to the figure before it (``81,6 %``)."""
    cells: list[Cell] = []
    for token in tokens:
        if token.group() == "%" and cells:
            last = cells.pop()
            cells.append(Cell(last.start, line.start + token.end(), line.text[last.start - line.start : token.end()]))
        elif token.group() != "%":
            cells.append(Cell(line.start + token.start(), line.start + token.end(), token.group()))
    return cells


def _separated(line: Line) -> list[Cell] | None:
    """Cells split at tabs, else at runs of two or more spaces; None when the line has neither."""
    pattern = re.compile(r"\t") if "\t" in line.text else _SEPARATOR
    if not pattern.search(line.text):
        return None
    cells, position = [], 0
    for part in [*pattern.split(line.text)]:
        at = line.text.index(part, position) if part else position
        cells.append(Cell(line.start + at, line.start + at + len(part), part.strip()))
        position = at + len(part)
    return cells


def _split_header(line: Line, figures: int) -> list[Cell] | None:
    """The header's columns: the label column, an index column maybe, and one per figure."""
    if len(line.text.split()) > _MAX_HEADER_WORDS or line.text.rstrip().endswith((".", ";", ":")):
        return None
    for found in (_title_starts(line.text), _head_starts(line.text)):
        starts = [0, *(start for start in found if start > 0)]
        columns = [_cell(line, a, b) for a, b in zip(starts, [*starts[1:], len(line.text)], strict=True)]
        if len(columns) == figures:
            return [Cell(line.start, line.start, ""), *columns]  # the labels' column has no heading
        if len(columns) == figures + 1 or (len(columns) == figures + 2 and _is_index(columns[0].text)):
            return columns
    return None


def _title_starts(text: str) -> list[int]:
    """Where each word in title case starts (``Số``, ``Tỷ``; not ``BHYT`` nor ``đã``)."""
    return [word.start() for word in _TOKEN.finditer(text) if word.group()[0].isupper() and not word.group().isupper()]


def _head_starts(text: str) -> list[int]:
    """Where a usual first word of a column heading starts, not right after a linking word (``so với KH``)."""
    heads = "|".join(
        re.escape(head) for head in sorted(keywords()["table_column_heads_accented"], key=len, reverse=True)
    )
    lower = text.lower()
    links = tuple(keywords()["table_column_links_accented"])
    return [
        match.start()
        for match in re.finditer(rf"(?<!\S)(?:{heads})(?!\S)", lower)
        if not lower[: match.start()].rstrip().endswith(links)
    ]


def _is_index(text: str) -> bool:
    return folded(text).strip(" .") in keywords()["table_index_columns"]


def _cell(line: Line, start: int, end: int) -> Cell:
    part = line.text[start:end]
    lead = len(part) - len(part.lstrip())
    return Cell(line.start + start + lead, line.start + start + len(part.rstrip()), part.strip())


def _align(columns: list[Cell], row: _Figures, separated: bool) -> Row | None:
    """A row's figures under their columns: by place where both are separated, else from the right."""
    if separated and row.places is not None:
        if max(row.places) >= len(columns):
            return None
        return Row(_unindexed(row.label, columns), tuple(zip(row.places, row.cells, strict=True)))
    width = len(columns) - 1 - int(_is_index(columns[0].text))
    if len(row.cells) < width:
        return None  # an empty cell: which column each figure belongs to is unknown
    label, extra = row.label, row.cells[: len(row.cells) - width]
    if extra:  # ``Năm 2022 1.200 1.000``: the label ends in a number
        label = Cell(label.start, extra[-1].end, f"{label.text} {' '.join(cell.text for cell in extra)}")
    cells = row.cells[len(extra) :]
    first = len(columns) - width
    return Row(_unindexed(label, columns), tuple(zip(range(first, len(columns)), cells, strict=True)))


def _unindexed(label: Cell, columns: list[Cell]) -> Cell:
    """``1 Huyện A`` under ``STT | Đơn vị``: the label without its index."""
    if not _is_index(columns[0].text):
        return label
    match = re.match(r"\d+\s+", label.text)
    return Cell(label.start + match.end(), label.end, label.text[match.end() :]) if match else label


def done_figures(table: Table) -> list[Figure]:
    """The figures under columns that say what was done (``Số đã có thẻ``, ``Thực hiện``, ``Tỷ lệ có thẻ``).

    Never under the population, the plan or what is left (``Số đối tượng``,
    ``Kế hoạch``, ``Chưa có thẻ``). A share-of-plan column (``Tỷ lệ so với KH``)
    is the percent of target of the row's one count, or, in a row with no
    count, the figure itself.
    """
    kinds = [_column_kind(column.text) for column in table.columns]
    return [figure for row in table.rows for figure in _row_figures(table, row, kinds)]


def _row_figures(table: Table, row: Row, kinds: list[str | None]) -> list[Figure]:
    done = [(table.columns[i], cell) for i, cell in row.cells if kinds[i] == "done"]
    shares = [(table.columns[i], cell) for i, cell in row.cells if kinds[i] == "share"]
    share = parse_vi_number(shares[0][1].text) if len(shares) == 1 else None
    if not done and share is not None:
        column, cell = shares[0]
        return [Figure(cell, column, row, _metric(column.text), share, "%", share)]
    counts = [cell for column, cell in done if not _is_rate(column, cell)]
    figures = []
    for column, cell in done:
        value, rate = parse_vi_number(cell.text), _is_rate(column, cell)
        unit, percent = ("%", None) if rate else (_header_unit(column.text), share if len(counts) == 1 else None)
        if value is not None:
            figures.append(Figure(cell, column, row, _metric(column.text), value, unit, percent))
    return figures


def _column_kind(header: str) -> str | None:
    """``done`` (a result), ``share`` (its share of the plan), or None (population, plan, what is left)."""
    kw = keywords()
    fold = folded(header)
    if _has(fold, kw["table_not_done_words"]):
        return None
    if _has(fold, kw["table_plan_words"]):
        return "share" if _has(fold, kw["table_share_words"]) else None
    return "done" if _has(fold, kw["table_done_words"]) else None


def _has(fold: str, phrases: list[str]) -> bool:
    return bool(re.search(rf"(?<![a-z0-9])(?:{phrases_pattern(phrases)})(?![a-z0-9])", fold))


def _is_rate(column: Cell, cell: Cell) -> bool:
    return "%" in cell.text or bool(re.search(r"(?<![a-z])t[yi]\s+le(?![a-z])|%", folded(column.text)))


def _header_unit(header: str) -> str | None:
    """``Số đã có thẻ (người)`` → ``người``; else a unit word the heading names (``Số hộ đã thoát nghèo``)."""
    braced = re.search(r"\(([^()%]{1,20})\)\s*$", header)
    if braced:
        return braced.group(1).strip()
    units = phrases_pattern(keywords()["table_units_accented"])
    match = re.search(rf"(?<!\w)(?:{units})(?!\w)", header.lower())
    return header[match.start() : match.end()] if match else None


def _metric(header: str) -> str:
    """The heading without its unit in brackets: ``Đã giải ngân (tỷ đồng)`` → ``Đã giải ngân``."""
    return squash(re.sub(r"\([^()]*\)\s*$", "", header)).strip(" ,:")


def row_name(row: Row) -> str | None:
    """The row's label without its numbering (``I.``, ``1.``, ``-``); a totals row names nobody."""
    name = _NUMBERING.sub("", row.label.text.strip()).strip(" :")
    return None if not name or folded(name) in keywords()["table_total_rows"] else name
