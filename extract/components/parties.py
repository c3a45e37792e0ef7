"""Who a letter goes to and who signs it: Kính gửi, Nơi nhận, the signature block, contacts."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, doc_lines, fold_of, text_of
from extract._lexicon import keywords, surnames
from extract._text import Line, folded, squash, strip_item
from extract.components._layout import layout_of
from normalize import is_syllable

__all__ = ["contacts", "parties"]

_BULLET = re.compile(r"^[-–—+•*]\s*")
_UPPER_TAIL = re.compile(r"[;.,]\s+((?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.]*\s+)+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.]*)$")
_NAME_TAIL = re.compile(r"[;.]\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,3}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)$")
_PHONE = r"(?:\+?84|0)\d{1,3}(?:[ .]?\d){6,9}"


@Language.component("congvan_parties", assigns=["doc.spans"])
def parties(doc: Doc) -> Doc:
    lines = doc_lines(doc)
    layout = layout_of(lines)
    if layout.recipients_line is not None:
        _recipients(doc, lines, layout.recipients_line)
    closing = layout.cc_line if layout.cc_line is not None else max(len(lines) - 10, layout.body_start)
    if layout.cc_line is not None:
        _cc(doc, lines, layout.cc_line)
    _signer(doc, lines, closing)
    return doc


def _label_rest(line: Line) -> tuple[int, str]:
    """What follows ``Kính gửi:``/``Nơi nhận:`` on the label's own line."""
    colon = line.text.find(":")
    if 0 <= colon < 14 or line.fold.rstrip().endswith(":"):  # ``Kính gửi:``, ``THỦ TƯỚNG CHÍNH PHỦ điện:``
        cut = colon + 1 if colon < 14 else len(line.text.rstrip())
    else:
        cut = len(line.fold.split()[0]) + len(line.fold.split()[1]) + 1
    rest = line.text[cut:]
    return line.start + cut + (len(rest) - len(rest.lstrip())), rest.strip()


def _items(lines: list[Line], first: int) -> list[tuple[int, int, str]]:
    """Dash items after a label, continuation lines joined, signature text cut off."""
    items: list[tuple[int, int, str]] = []
    start, rest = _label_rest(lines[first])
    if rest:
        items.append((start, start + len(rest), rest))
    for line in lines[first + 1 :]:
        if _BULLET.match(line.text):
            items.append((line.start, line.end, line.text))
        elif items and not line.blank_before and not re.search(r"[;.]$", items[-1][2]) and _continues(line):
            s, _, text = items[-1]
            items[-1] = (s, line.end, f"{text} {line.text}")
        else:
            break
    return [_cut_signature_tail(item) for item in items]


def _continues(line: Line) -> bool:
    return not line.text.isupper() and line.text[:1].islower() and len(line.text) < 120


def _cut_signature_tail(item: tuple[int, int, str]) -> tuple[int, int, str]:
    """OCR puts the right column on the same line: ``- Như trên; PHÓ CHỦ TỊCH``, ``- Lưu: VT. (Đã ký)``."""
    start, end, text = item
    kw = keywords()
    marks = "|".join(re.escape(mark) for mark in kw["signature_marks"])
    mark = re.search(rf"\s*\(\s*(?:{marks})[^)]*\)\s*$", folded(text))
    if mark:
        text = text[: mark.start()]
    match = _UPPER_TAIL.search(text)
    if match and folded(match.group(1)).startswith(tuple(kw["authority_prefixes"] + kw["signer_titles"])):
        text = text[: match.start(1)]
    name = _NAME_TAIL.search(text)
    if name and all(is_syllable(word) for word in name.group(1).split()):
        text = text[: name.start(1)]
    text = text.rstrip()
    return start, start + len(text), text


def _recipients(doc: Doc, lines: list[Line], index: int) -> None:
    for start, end, text in _items(lines, index):
        value = strip_item(text)
        if value:
            add(doc, "recipients", start, end, squash(value), 0.9)


def _cc(doc: Doc, lines: list[Line], index: int) -> None:
    for start, end, text in _items(lines, index):
        value = strip_item(text)
        # Upper-case text beside the label is the signature column, read into the same line.
        if value and not value.isupper():
            add(doc, "cc", start, end, squash(value), 0.9)


def _signer(doc: Doc, lines: list[Line], closing: int) -> None:
    """The title with the authority lines above it (``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH``), then the name."""
    kw = keywords()
    titles = sorted(kw["signer_titles"], key=len, reverse=True)
    authorities: list[tuple[int, int, str]] = []
    title: tuple[int, int, str] | None = None
    for line in lines[closing:]:
        for segment_start, segment in _upper_segments(line):
            fold = folded(segment)
            where = (line.start + segment_start, line.start + segment_start + len(segment), segment)
            if fold.startswith(tuple(kw["authority_prefixes"])):
                authorities.append(where)
            elif any(fold.startswith(t) for t in titles):
                title = where
    parts = [a for a in authorities if title is None or a[0] < title[0]] + ([title] if title else [])
    if parts:  # a title alone, or an authority line alone (``KT. BỘ TRƯỞNG`` over a stamp)
        text = ", ".join(_readable(squash(part)) for _, _, part in parts)
        add(doc, "signer_title", parts[0][0], parts[-1][1], text, 0.85)
    for line in reversed(lines[closing:]):
        name = _person_name(line.text)
        if name:
            offset = line.text.rfind(name)
            add(doc, "signer_name", line.start + offset, line.start + offset + len(name), name, 0.85)
            return


def _readable(title: str) -> str:
    """``KT. BỘ TRƯỞNG, CHỦ NHIỆM`` → ``KT. Bộ trưởng, Chủ nhiệm``: capitals kept only where a reader writes them."""
    parts = []
    for part in title.split(","):
        prefix, _, rest = part.strip().rpartition(". ") if ". " in part else ("", "", part.strip())
        rest = rest[:1].upper() + rest[1:].lower()
        parts.append(f"{prefix}. {rest}" if prefix else rest)
    return ", ".join(parts)


def _upper_segments(line: Line) -> list[tuple[int, str]]:
    return [(m.start(), m.group().strip(" ,")) for m in re.finditer(r"(?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ.,]*\s*){2,}", line.text)]


def _person_name(text: str) -> str | None:
    """A line (or its end) made of 2–5 capitalised syllables: ``Lê Đình Hùng``."""
    match = re.search(r"((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s*$", text)
    if not match:
        return None
    words = match.group(1).split()
    if not all(is_syllable(w) for w in words) or len(match.group(1)) < len(text.strip()) * 0.5:
        return None
    if len(words) < 3 and folded(words[0]) not in surnames():
        return None  # ``Mục đích``, a heading, is no ``Lê Hùng``
    return match.group(1)


@Language.component("congvan_contacts", assigns=["doc.spans"])
def contacts(doc: Doc) -> Doc:
    """``Đồng chí Đinh Diệu Huyền, ĐT: 0986528419``; a phone alone is a contact too."""
    kw = keywords()
    labels = "|".join(re.escape(label) for label in kw["phone_labels"])
    fold = fold_of(doc)
    pattern = re.compile(rf"(?:(?:{labels})\s*[:.]?\s*|so dien thoai\s+|dien thoai\s+)({_PHONE})")
    for match in pattern.finditer(fold):
        phone = re.sub(r"[ .]", "", text_of(doc)[match.start(1) : match.end(1)])
        name_start, name = _name_before(text_of(doc), fold, match.start())
        start, end = (name_start if name else match.start(1)), match.end(1)
        after = _NAME_AFTER.match(text_of(doc), end)
        if name is None and after:  # ``0904255733 (Đ/c Cương)``
            name, end = after.group(1), after.end()
        add(doc, "contacts", start, end, (name, phone), 0.85 if name else 0.7)
    return doc


_NAME_AFTER = re.compile(r"\s*\((?:[Đđ]/[Cc]|[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s*){1,4})\)")


def _name_before(text: str, fold: str, position: int) -> tuple[int, str | None]:
    titles = "|".join(re.escape(t) for t in keywords()["contact_titles"])
    window_start = max(0, position - 80)
    matches = list(re.finditer(rf"(?<![a-z])(?:{titles})\s+", fold[window_start:position]))
    if not matches:
        return position, None
    start = window_start + matches[-1].end()
    candidate = re.match(r"(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s*){2,5}", text[start:position])
    if not candidate:
        return position, None
    return start, candidate.group().strip()
