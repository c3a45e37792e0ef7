from __future__ import annotations

import pytest

from congvan.errors import EmptyDocumentError, UnsupportedFileError
from ocr import InputKind, media_type, sniff


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", InputKind.PDF),
        (b"\x00\x00junk before the header %PDF-1.4", InputKind.PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", InputKind.IMAGE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", InputKind.IMAGE),
        (b"II*\x00\x08\x00", InputKind.IMAGE),
        (b"MM\x00*\x00\x00", InputKind.IMAGE),
        ("Số: 960/LĐLĐ\nLai Châu".encode(), InputKind.TEXT),
    ],
)
def test_kind_is_read_from_the_bytes(head: bytes, kind: InputKind) -> None:
    assert sniff(head) is kind


def test_text_cut_inside_a_multibyte_character_is_still_text() -> None:
    assert sniff("Liên đoàn".encode()[:-1]) is InputKind.TEXT


@pytest.mark.parametrize("head", [b"", b"   \n\t "])
def test_empty_file_is_an_empty_document(head: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        sniff(head)


@pytest.mark.parametrize("head", [b"PK\x03\x04zipfile", b"GIF89a\x00\x00", b"\x7fELF\x02\x01\x01\x00"])
def test_other_binaries_are_unsupported(head: bytes) -> None:
    with pytest.raises(UnsupportedFileError, match="neither a PDF"):
        sniff(head)


def test_media_type_names_the_format() -> None:
    assert media_type(b"\x89PNG\r\n\x1a\n") == "image/png"
    assert media_type(b"%PDF-1.4") == "application/pdf"
    assert media_type(b"II*\x00") == "image/tiff"
    assert media_type(b"plain") == "text/plain; charset=utf-8"
