"""``normalize.repair``: OCR or typed text in, clean Vietnamese text out, with every change listed.

Each change has a span in the repaired text and in the source, and offsets
map back to the scan. Steps, in order:

1. Legacy encodings: text typed in TCVN3 (ABC) or VNI fonts becomes Unicode.
2. Unicode: NFC, and look-alike characters that OCR and old fonts produce.
3. Tone-mark style: the old style that official documents use (``hòa``, ``thủy``).
4. Restoration: lost diacritics and OCR misreadings, by the noisy-channel
   corrector over the whole text (``normalize.restore``), so that a word's
   neighbours across line breaks decide it.

Steps 1–3 work token by token (runs of non-space characters) and keep the
whitespace; step 4 edits within those tokens, so each output token is still one
source token and every change maps back to the page and box of the scan.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import partial

from normalize._language import is_vietnamese, vietnamese_score
from normalize._legacy import detect_legacy, from_legacy
from normalize._tone import nfc, to_old_tone_style
from normalize.restore import Edit, Restorer, default_restorer
from normalize.types import Change, NormalizedDocument
from ocr.types import OcrDocument

__all__ = ["NOT_VIETNAMESE_WARNING", "repair", "repair_many", "repair_text", "repaired_words"]

NOT_VIETNAMESE_WARNING = "The text does not look like Vietnamese; it was left unchanged"

_TOKEN = re.compile(r"\S+")
_LETTER = re.compile(r"[^\W\d_]")  # a text with no letters (a rule of asterisks) is no language at all

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


def repair(document: OcrDocument, restorer: Restorer | None = None) -> NormalizedDocument:
    """Repair the text of an OCR (or text-file) document.

    Text that does not look Vietnamese is returned unchanged, with a warning:
    "repairing" it towards Vietnamese would only damage it.
    """
    return repair_many([document], restorer)[0]


def repair_many(documents: Sequence[OcrDocument], restorer: Restorer | None = None) -> list[NormalizedDocument]:
    """``repair`` for several documents at once: their sentences are decoded together,
    which costs far less than one call each when the texts are short (paragraphs
    of a stream, a batch of text files)."""
    prepared = [_prepare(document) for document in documents]
    texts = [_join(document.text, tokens) for document, (tokens, _) in zip(documents, prepared, strict=True)]
    wanted = [i for i, (tokens, warning) in enumerate(prepared) if warning is None]
    edits = (restorer or default_restorer()).edits([texts[i] for i in wanted]) if wanted else []
    for i, found in zip(wanted, edits, strict=True):
        _apply_restoration(prepared[i][0], found)
    repaired = []
    for document, (tokens, warning) in zip(documents, prepared, strict=True):
        if warning is not None:
            repaired.append(NormalizedDocument(text=document.text, changes=(), source=document, warnings=(warning,)))
        else:
            text, changes = _join(document.text, tokens), _changes(tokens)
            repaired.append(NormalizedDocument(text=text, changes=tuple(changes), source=document))
    return repaired


def repair_text(text: str, restorer: Restorer | None = None) -> NormalizedDocument:
    """Repair plain text: the same steps, for ``congvan restore`` and tests."""
    return repair(OcrDocument.from_text(text), restorer)


def _prepare(document: OcrDocument) -> tuple[list[_Token], str | None]:
    """Steps 1–3 on each token, or the warning why the text is left alone."""
    source = document.text
    legacy = detect_legacy(source)
    steps = ((f"legacy_{legacy}", partial(from_legacy, encoding=legacy)), *_STEPS) if legacy else _STEPS
    if not legacy and not is_vietnamese(source) and _LETTER.search(source):
        return [], f"{NOT_VIETNAMESE_WARNING} (score {vietnamese_score(source):.2f})"
    return [_Token(match, *_repair_token(match.group(), steps)) for match in _TOKEN.finditer(source)], None


class _Token:
    """One source token and what the steps made of it."""

    __slots__ = ("confidence", "match", "reason", "text")

    def __init__(self, match: re.Match[str], text: str, reason: str) -> None:
        self.match, self.text, self.reason, self.confidence = match, text, reason, 1.0


def _repair_token(token: str, steps: tuple[tuple[str, Step], ...]) -> tuple[str, str]:
    if token.isascii() and steps is _STEPS:
        return token, ""  # Unicode and tone style only touch letters beyond ASCII
    reasons = []
    for name, step in steps:
        fixed = step(token)
        if fixed != token:
            reasons.append(name)
            token = fixed
    return token, "+".join(reasons)


def _join(source: str, tokens: list[_Token]) -> str:
    """The tokens' current text with the source's whitespace between them."""
    out, position = [], 0
    for token in tokens:
        out.append(source[position : token.match.start()])
        out.append(token.text)
        position = token.match.end()
    out.append(source[position:])
    return "".join(out)


def _apply_restoration(tokens: list[_Token], edits: list[Edit]) -> None:
    """Fold the restorer's edits (spans of ``cleaned``) into the tokens they fall in."""
    starts = _starts(tokens)
    by_token: dict[int, list[Edit]] = {}
    for edit in edits:
        by_token.setdefault(bisect.bisect_right(starts, edit.start) - 1, []).append(edit)
    for index, found in by_token.items():
        token, offset = tokens[index], starts[index]
        pieces, position = [], 0
        for edit in found:
            pieces.append(token.text[position : edit.start - offset])
            pieces.append(edit.after)
            position = edit.end - offset
        token.text = "".join(pieces) + token.text[position:]
        token.reason = "+".join(filter(None, (token.reason, "restore")))
        token.confidence = min(edit.confidence for edit in found)


def _starts(tokens: list[_Token]) -> list[int]:
    """Where each token starts in the text ``_join`` makes of them."""
    starts, length, position = [], 0, 0
    for token in tokens:
        length += token.match.start() - position
        starts.append(length)
        length += len(token.text)
        position = token.match.end()
    return starts


def _changes(tokens: list[_Token]) -> list[Change]:
    changes = []
    for token, start in zip(tokens, _starts(tokens), strict=True):
        if token.text != token.match.group():
            span = (start, start + len(token.text), token.match.start(), token.match.end())
            changes.append(Change(*span, token.match.group(), token.text, token.confidence, token.reason))
    return changes


def repaired_words(document: NormalizedDocument) -> OcrDocument:
    """The scan's words with their repaired text, boxes kept: for a searchable PDF's text layer."""
    after = {(c.source_start, c.source_end): c.after for c in document.changes}
    return document.source.with_words(lambda start, end, text: after.get((start, end), text))
