"""What kind of file is this? Decided from its bytes, never from its name."""

from __future__ import annotations

import enum

from congvan.errors import EmptyDocumentError, UnsupportedFileError

__all__ = ["InputKind", "media_type", "sniff"]


class InputKind(enum.StrEnum):
    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"


_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)

MEDIA_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def sniff(head: bytes) -> InputKind:
    """Classify a file from its first bytes (a few KiB are enough)."""
    if not head.strip():
        raise EmptyDocumentError("The file is empty: there is nothing to read.")
    # Some scanners put junk before the header; PDF readers accept it within 1 KiB.
    if b"%PDF-" in head[:1024]:
        return InputKind.PDF
    if head.startswith(_IMAGE_MAGIC):
        return InputKind.IMAGE
    if _looks_like_text(head):
        return InputKind.TEXT
    raise UnsupportedFileError(
        "The file is neither a PDF, a PNG/JPEG/TIFF image nor UTF-8 text: "
        "scan the letter to PDF or an image and upload that."
    )


def media_type(head: bytes) -> str:
    """The IANA media type the bytes show (``text/plain`` for text)."""
    kind = sniff(head)
    if kind is InputKind.TEXT:
        return "text/plain; charset=utf-8"
    if kind is InputKind.PDF:
        return "application/pdf"
    return next(mt for magic, mt in MEDIA_TYPES.items() if head.startswith(magic))


_CONTROL = bytes(c for c in range(32) if chr(c) not in "\t\n\r\f")


def _looks_like_text(head: bytes) -> bool:
    # Binary formats carry control bytes early (zip headers, NULs); text does not.
    if any(c in _CONTROL for c in head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        # The sample may end inside a multi-byte character.
        if e.start < len(head) - 3:
            return False
    return True
