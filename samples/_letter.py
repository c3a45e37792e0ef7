"""Letter specifications: the JSON files in ``samples/letters/`` as frozen dataclasses.

A spec holds the parts of a Decree 30/2020/NĐ-CP layout, not a page layout: the renderer decides
where each part goes, and :func:`letter_text` gives the text a perfect OCR reading would return,
so the same spec is both the thing we render and the gold text we score against.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Kính gửi:"
CC_LABEL = "Nơi nhận:"


@dataclass(frozen=True, slots=True)
class Signer:
    """The signature block: authority lines ("TM. …", "KT. …"), the signer's title and name."""

    authority: tuple[str, ...]
    title: str
    name: str


@dataclass(frozen=True, slots=True)
class Letter:
    """One official letter, already NFC-normalised so rendering and scoring see the same code points."""

    parent_issuer: str | None
    issuer: tuple[str, ...]
    number: str
    place_date: str
    type_heading: str | None
    title: str | None
    subject: str | None
    recipients: tuple[str, ...]
    paragraphs: tuple[str, ...]
    signer: Signer
    cc: tuple[str, ...]
    provenance: str = ""

    def __post_init__(self) -> None:
        if not self.issuer or not self.number or not self.paragraphs:
            raise ValueError("a letter needs an issuer, a number and at least one paragraph")
        if self.title and not self.type_heading:
            raise ValueError("a title belongs under a type heading (KẾ HOẠCH, THÔNG BÁO…)")

    @property
    def is_cong_van(self) -> bool:
        """A công văn has no type heading; its subject ("V/v …") sits under the number."""
        return self.type_heading is None


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def _lines(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    return tuple(_nfc(item) for item in items if item.strip())


def _optional(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return _nfc(value) if value else None


def load_letter(path: str | Path) -> Letter:
    """Read one ``letters/*.json`` spec; strings may be given for any list of lines."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    signer = data["signer"]
    return Letter(
        parent_issuer=_optional(data, "parent_issuer"),
        issuer=_lines(data["issuer"]),
        number=_nfc(data["number"]),
        place_date=_nfc(data["place_date"]),
        type_heading=_optional(data, "type_heading"),
        title=_optional(data, "title"),
        subject=_optional(data, "subject"),
        recipients=_lines(data.get("recipients")),
        paragraphs=_lines(data["paragraphs"]),
        signer=Signer(_lines(signer.get("authority")), _nfc(signer["title"]), _nfc(signer["name"])),
        cc=_lines(data.get("cc")),
        provenance=data.get("provenance", ""),
    )


def recipient_lines(letter: Letter) -> list[str]:
    """ "Kính gửi:" with the first recipient on its line, as the page shows it."""
    if not letter.recipients:
        return []
    first, *rest = letter.recipients
    return [f"{RECIPIENTS_LABEL} {first}", *rest]


def letter_text(letter: Letter) -> str:
    """The letter in reading order, one paragraph or header line per line (page numbers left out).

    The two-column header is read column by column, as a person reads it: the left column
    (bodies, number, a công văn's V/v subject) before the right (national title, motto, place
    and date).
    """
    lines: list[str] = [letter.parent_issuer] if letter.parent_issuer else []
    lines += [*letter.issuer, letter.number]
    if letter.is_cong_van and letter.subject:
        lines.append(letter.subject)
    lines += [NATIONAL_TITLE, NATIONAL_MOTTO, letter.place_date]
    lines += [part for part in (letter.type_heading, letter.title) if part]
    if not letter.is_cong_van and letter.subject:
        lines.append(letter.subject)
    lines += recipient_lines(letter)
    lines += letter.paragraphs
    if letter.cc:
        lines += [CC_LABEL, *letter.cc]
    lines += [*letter.signer.authority, letter.signer.title, letter.signer.name]
    return "\n".join(lines) + "\n"
