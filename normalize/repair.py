"""``normalize.repair``: OCR or typed text in, clean Vietnamese text out, with every change listed.

The repair works token by token (runs of non-space characters), so each change
has a span in the repaired text and in the source, and offsets map back to the
scan. Steps, in order:

1. Unicode: NFC, and look-alike characters that OCR and old fonts produce.
2. Tone-mark style: the old style that official documents use (``hòa``, ``thủy``).

Restoring missing diacritics with a language model is the next step of this stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from normalize._language import is_vietnamese, vietnamese_score
from normalize._tone import nfc, to_old_tone_style
from normalize.types import Change, NormalizedDocument
from ocr.types import OcrDocument

__all__ = ["NOT_VIETNAMESE_WARNING", "repair", "repair_text", "repaired_words"]

NOT_VIETNAMESE_WARNING = "The text does not look like Vietnamese; it was left unchanged"

_TOKEN = re.compile(r"\S+")

# Characters that look right but are not what the text means. Only characters
# that never belong in Vietnamese prose are mapped.
_LOOKALIKES = str.maketrans(
    {
        "\u00a0": " ",  # no-break space (never inside a token, but harmless)
        "\u0110": "Đ",  # already Đ; listed for clarity
        "\u00d0": "Đ",  # Icelandic Eth, which Windows-1252 fonts put where Đ should be
        "\u0189": "Đ",  # African D
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\ufb01": "fi",
        "\ufb02": "fl",
    }
)

Step = Callable[[str], str]
_STEPS: tuple[tuple[str, Step], ...] = (
    ("unicode", lambda token: nfc(token).translate(_LOOKALIKES)),
    ("tone_style", to_old_tone_style),
)


def repair(document: OcrDocument) -> NormalizedDocument:
    """Repair the text of an OCR (or text-file) document.

    Text that does not look Vietnamese is returned unchanged, with a warning:
    "repairing" it towards Vietnamese would only damage it.
    """
    if not is_vietnamese(document.text):
        warning = f"{NOT_VIETNAMESE_WARNING} (score {vietnamese_score(document.text):.2f})"
        return NormalizedDocument(text=document.text, changes=(), source=document, warnings=(warning,))
    text, changes = _repair_tokens(document.text)
    return NormalizedDocument(text=text, changes=tuple(changes), source=document)


def repair_text(text: str) -> NormalizedDocument:
    """Repair plain text: the same steps, for ``congvan restore`` and tests."""
    return repair(OcrDocument.from_text(text))


def _repair_tokens(source: str) -> tuple[str, list[Change]]:
    out: list[str] = []
    changes: list[Change] = []
    position = 0  # in the source
    length = 0  # of the output so far
    for match in _TOKEN.finditer(source):
        gap = source[position : match.start()]
        out.append(gap)
        length += len(gap)
        before = match.group()
        after, reason = _repair_token(before)
        if after != before:
            changes.append(Change(length, length + len(after), match.start(), match.end(), before, after, 1.0, reason))
        out.append(after)
        length += len(after)
        position = match.end()
    out.append(source[position:])
    return "".join(out), changes


def _repair_token(token: str) -> tuple[str, str]:
    reasons = []
    for name, step in _STEPS:
        fixed = step(token)
        if fixed != token:
            reasons.append(name)
            token = fixed
    return token, "+".join(reasons)


def repaired_words(document: NormalizedDocument) -> OcrDocument:
    """The scan's words with their repaired text, boxes kept: for a searchable PDF's text layer."""
    after = {(c.source_start, c.source_end): c.after for c in document.changes}
    return document.source.with_words(lambda start, end, text: after.get((start, end), text))
