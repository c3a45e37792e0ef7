"""The two-column header: issuer and parent body, number, place and date, type, subject.

The header may come as blocks (left column, then right) or interleaved line by
line, as OCR reads a two-column page ("LĐLĐ TỈNH LAI CHÂU   Độc lập - Tự do…");
the national title and motto are cut out of a line wherever they stand.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, candidates, doc_lines, text_of
from extract._lexicon import abbreviations, cities, doc_types, keywords, local_abbreviations, provinces, type_headings
from extract._names import canonical_body
from extract._text import Line, folded, squash
from extract.components._layout import NUMBER_RE, find_label, layout_of
from extract.types import DocType
from normalize.values import parse_vi_date

__all__ = ["header"]

_PLACE_DATE_RE = re.compile(r"([a-z][a-z .\-]{1,40}?)\s*,\s*ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_HEADER_LINES = 40


@Language.component("congvan_header", assigns=["doc.spans"])
def header(doc: Doc) -> Doc:
    lines = doc_lines(doc)
    layout = layout_of(lines)
    _number(doc, lines, layout.number_line)
    _place_date(doc, lines)
    _issuers(doc, lines, layout.number_line)
    type_line = _doc_type(doc, lines, layout.number_line)
    _subject(doc, lines, layout.number_line, type_line)
    return doc


def _number(doc: Doc, lines: list[Line], index: int | None) -> None:
    if index is None:
        return
    line = lines[index]
    match = NUMBER_RE.search(line.fold)
    assert match is not None
    start, end = line.start + match.start(1), line.start + match.end(1)
    value = re.sub(r"\s+", "", text_of(doc)[start:end]).rstrip(".,;")
    add(doc, "number", start, end, value, 0.95)


def _place_date(doc: Doc, lines: list[Line]) -> None:
    for line in lines[:_HEADER_LINES]:
        match = _PLACE_DATE_RE.search(line.fold)
        if not match:
            continue
        date = parse_vi_date(line.text[match.start(2) - 5 :])
        place_start, place = _place_words(line.text[match.start(1) : match.end(1)])
        if date:
            add(doc, "date", line.start + match.start(2) - 5, line.start + match.end(4), date, 0.95)
        if place:
            start = line.start + match.start(1) + place_start
            add(doc, "place", start, start + len(place), place, 0.9)
        return


_CITY_BEFORE = re.compile(r"(?:Thành phố|Thành Phố|Tp\.|TP\.)\s*$")


def _place_words(region: str) -> tuple[int, str]:
    """The place name at the end of ``region``: its trailing run of capitalised words."""
    words = list(re.finditer(r"\S+", region))
    keep: list[re.Match[str]] = []
    for word in reversed(words):
        text = word.group()
        if text[:1].isupper() and (not text.isupper() or len(text) <= 2 or text in ("TP.", "TP")):
            keep.insert(0, word)
        else:
            break
    if not keep:
        return 0, ""
    city = _CITY_BEFORE.search(region, 0, keep[0].start())
    first = city.start() if city else keep[0].start()  # ``Thành phố Hồ Chí Minh``, as printed
    return first, region[first : keep[-1].end()]


def _left_column(lines: list[Line], number_line: int | None) -> list[tuple[int, str]]:
    """(offset, text) of the header's left column above the number line."""
    kw = keywords()
    stop = number_line if number_line is not None else min(len(lines), 8)
    out = []
    for line in lines[:stop]:
        cut = _right_column_start(line.fold, kw["national_title"] + kw["national_motto"])
        text = line.text[:cut].strip(" -_–")
        if text and not re.fullmatch(r"[-_–—=*\s]+", text):
            out.append((line.start, text))
    return out


_TITLE_EVIDENCE = 12
"""Characters of the national title a fuzzy match must cover: ``VIỆT NAM`` under ``NGÂN HÀNG NHÀ NƯỚC`` is none."""


def _right_column_start(fold: str, phrases: list[str]) -> int:
    best = len(fold)
    for phrase in phrases:
        position = fold.find(phrase[:12])
        if position < 0:
            alignment = fuzz.partial_ratio_alignment(phrase, fold)
            long_enough = alignment and alignment.dest_end - alignment.dest_start >= _TITLE_EVIDENCE
            position = alignment.dest_start if long_enough and alignment.score >= 85 else -1
        if 0 <= position < best:
            best = position
    return best


def _issuers(doc: Doc, lines: list[Line], number_line: int | None) -> None:
    groups: list[tuple[int, int, str]] = []
    continuations = keywords()["body_continuations"]
    headings = type_headings()
    for start, text in _left_column(lines, number_line):
        if not _mostly_upper(text) or folded(text) in headings or _NUMBER_LABEL.match(folded(text)):
            continue  # ``CHỈ THỊ`` over ``CỦA THỦ TƯỚNG…`` is the type, ``Số: /TB-UBND`` a blank number
        if groups and folded(text).startswith(tuple(continuations)):
            first, _, joined = groups[-1]
            groups[-1] = (first, start + len(text), f"{joined} {text}")
        else:
            groups.append((start, start + len(text), text))
    if not groups:
        _title_issuer(doc, lines) or _symbol_issuer(doc)
        return
    start, end, raw = groups[-1]
    issuer = canonical_body(squash(raw))
    alone = len(groups) == 1 and issuer in _local_bodies()  # ``ỦY BAN NHÂN DÂN``, no parent body to say where
    local = _in_province(doc, issuer) if alone else _of_organisation(lines, issuer)
    add(doc, "issuer", start, end, local or issuer, 0.7 if local else 0.9)
    if len(groups) > 1:
        start, end, raw = groups[-2]
        add(doc, "parent_issuer", start, end, canonical_body(squash(raw)), 0.85)


def _title_issuer(doc: Doc, lines: list[Line]) -> bool:
    """With no header column, the issuer named in a gazette-style title: ``CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 16/…``."""
    for line in lines[:_TITLE_LINES]:
        title = _TITLE_ISSUER.match(line.fold)
        if title and _mostly_upper(line.text):
            start, end = line.start + title.start(1), line.start + title.end(1)
            add(doc, "issuer", start, end, canonical_body(squash(line.text[title.start(1) : title.end(1)])), 0.8)
            return True
    return False


def _symbol_issuer(doc: Doc) -> None:
    """With no header column at all (a scan cut above ``Số:``), the issuer its symbol and place name.

    Decree 30 writes the symbol as type code, issuer code, drafting unit:
    ``01/KH-LĐLĐ``, ``4128/UBND-VP``, ``31/LĐLĐ``. A body every province has
    one of (``LĐLĐ``, ``UBND``) is named with the province of the place line:
    ``31/LĐLĐ`` from ``Hà Nội`` is the Liên đoàn Lao động thành phố Hà Nội.
    """
    numbers = candidates(doc, "number")
    if not numbers or "/" not in numbers[0].value:
        return
    codes = {row["symbol"] for row in doc_types()}
    parts = [part for part in re.split(r"[-–]", numbers[0].value.split("/", 1)[1]) if part and part not in codes]
    issuer = _in_province(doc, abbreviations()[parts[0]]) if parts and parts[0] in local_abbreviations() else None
    if issuer:
        add(doc, "issuer", numbers[0].start, numbers[0].end, issuer, 0.6)


def _in_province(doc: Doc, body: str) -> str | None:
    """``body`` (``Liên đoàn Lao động``) of the province the place line names, when it names one."""
    places = candidates(doc, "place")
    province = provinces().get(_CITY_PREFIX.sub("", folded(places[0].value))) if places else None
    if province is None:
        return None
    return canonical_body(f"{body} {'thành phố' if province in cities() else 'tỉnh'} {province}")


def _of_organisation(lines: list[Line], issuer: str) -> str | None:
    """``BAN CHẤP HÀNH TRUNG ƯƠNG`` under ``ĐOÀN TNCS HỒ CHÍ MINH``: the Đoàn and the Đảng head their
    letters with their own name where the State puts the national title, and the issuer is theirs."""
    if folded(issuer) not in keywords()["bare_central_committees"]:
        return None
    titles = keywords()["organisation_titles"]
    for line in lines[:_HEADER_LINES]:
        title = titles.get(folded(line.text).strip(" -*"))
        if title:
            return f"{issuer} {title}"
    return None


def _local_bodies() -> set[str]:
    return {canonical_body(abbreviations()[abbr]) for abbr in local_abbreviations()}


_CITY_PREFIX = re.compile(r"^(?:thanh pho|tp\.?)\s+")


_TITLE_LINES = 8
_NUMBER_LABEL = re.compile(r"s[o6]\s*:")
_TITLE_ISSUER = re.compile(r"cua\s+(.+?)(?=\s+(?:so\s*:?\s*\d|ngay\s+\d|ve\s+viec)|$)")


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.7


def _doc_type(doc: Doc, lines: list[Line], number_line: int | None) -> int | None:
    """Type from the heading line (KẾ HOẠCH…) or else from the symbol (45/KH-UBND)."""
    start = number_line or 0
    for index in range(start, min(start + 8, len(lines))):
        line = lines[index]
        for row in doc_types():
            heading = folded(row["heading"])
            if line.text.isupper() and fuzz.ratio(line.fold, heading) >= 88:
                add(doc, "doc_type", line.start, line.end, DocType(row["type"]), 0.95)
                return index
    number = doc.user_data.get("congvan.candidates", {}).get("number")
    if number:
        by_symbol = {folded(row["symbol"]): row["type"] for row in doc_types() if row["symbol"]}
        kind = _kind_of_symbol(number[0].value, by_symbol)
        add(doc, "doc_type", number[0].start, number[0].end, DocType(kind or "cong_van"), 0.8)
    return None


def _kind_of_symbol(number: str, by_symbol: dict[str, str]) -> str | None:
    """``45/KH-UBND`` (the State's symbol: type after the slash) or ``411-KH/TWĐTN-BTC`` (the Party's
    and the Đoàn's: type before it); a symbol with no type code is a công văn."""
    head, _, symbol = number.rpartition("/")
    parts = symbol.split("-")
    if len(parts) > 1 and folded(parts[0]) in by_symbol:
        return by_symbol[folded(parts[0])]
    party = re.search(r"-\s*([^\W\d_]+)\s*$", head)
    if party and folded(party.group(1)) in by_symbol:
        return by_symbol[folded(party.group(1))]
    return "cong_van" if len(parts) == 1 or not party else None


def _subject(doc: Doc, lines: list[Line], number_line: int | None, type_line: int | None) -> None:
    kw = keywords()
    start = number_line or 0
    stop = find_label(lines, kw["recipients_label"], start, start + 15) or min(start + 12, len(lines))
    if type_line is not None:
        first, text_start = type_line + 1, lines[type_line + 1].start if type_line + 1 < len(lines) else None
        confidence = 0.85
    else:
        label = _subject_label(lines, start, stop)
        if label is None:
            return
        first, text_start = label
        confidence = 0.9
    if text_start is None:
        return
    parts, end = [], text_start
    for index in range(first, stop):
        line = lines[index]
        if index > first and (line.blank_before or _stops_subject(line)):
            break
        parts.append(text_of(doc)[max(text_start, line.start) : line.end])
        end = line.end
        if type_line is not None and len(parts) == 3:
            break
    subject = _without_label(squash(" ".join(parts)).strip(" .;:"))
    add(doc, "subject", text_start, end, subject, confidence)


def _subject_label(lines: list[Line], start: int, stop: int) -> tuple[int, int] | None:
    for index in range(start, stop):
        line = lines[index]
        # "V/v" anywhere; at a line's start OCR may drop the small second v ("V/ triển khai").
        match = re.search(r"(?<![a-z])v\s*[/il1|]\s*v\b[\s:.]*", line.fold) or re.match(r"v\s*/\s+(?=[a-z])", line.fold)
        if match:
            return index, line.start + match.end()
    return None


def _stops_subject(line: Line) -> bool:
    """The subject ends where another header part begins (OCR may put the right column after it)."""
    kw = keywords()
    anchors = kw["recipients_label"] + kw["national_title"] + kw["national_motto"]
    anchors += ["can cu", "thuc hien", "theo ", "ngay ", "trong "]
    if line.fold.startswith(tuple(anchors)) or _PLACE_DATE_RE.search(line.fold) is not None or len(line.text) > 90:
        return True
    return _right_column_start(line.fold, kw["national_title"] + kw["national_motto"]) < 4


def _without_label(subject: str) -> str:
    """``Về việc thành lập…`` under a type heading is the V/v label written out: drop it too."""
    match = re.match(r"(?:v/v|ve viec)\s*:?\s*", folded(subject))
    return subject[match.end() :] if match and match.end() < len(subject) else subject
