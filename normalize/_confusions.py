"""OCR confusions learned from pairs of (true text, its OCR): which letters OCR prints for which.

An OCR run without the Vietnamese model prints ``gửi`` as ``giri`` and ``một``
as ``mét``: the letters change, not just the marks, so no toned form of the
printed word is the right one. From aligned pairs (``bench.ocr_pairs`` makes
them from training documents) we count, for each printed piece, what it stood
for, in bare letters: ``ir`` → ``u`` (``giri``/``gửi``), ``é`` → ``o``, ``6`` → ``o``.
The marks of the letter meant (``ử``, ``ộ``) are the mark channel's to weigh, as
for any word: learning bare letters pools what ``ir`` does for ``ư ứ ừ ử ữ``,
which a table of toned letters splits too thin. A confusion that only drops or
swaps a mark is left to the mark channel too.

``learn`` writes the table that ``congvan train-lm --ocr-pairs`` commits as
``normalize/data/ocr_confusions.json``; ``load`` reads it back.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from normalize._tone import fold, nfc, to_old_tone_style

__all__ = ["Confusion", "learn", "load", "save"]

_WORD = re.compile(r"[^\W_]+")
LONGEST_PIECE = 3


@dataclass(frozen=True, slots=True)
class Confusion:
    printed: str
    meant: str
    logprob: float
    """log P(meant | OCR printed this piece)."""
    count: int


def learn(pairs: Iterable[tuple[str, str]], *, min_count: int = 3, min_share: float = 0.01) -> list[Confusion]:
    """The confusions seen at least ``min_count`` times in aligned (true, OCR) word pairs."""
    seen: Counter[tuple[str, str]] = Counter()
    printed_words: list[str] = []
    for gold, ocr in pairs:
        for meant_word, printed_word in _aligned_words(gold, ocr):
            printed_words.append(printed_word)
            seen.update(_pieces(meant_word, printed_word))
    everything_printed = " ".join(printed_words)
    found = []
    for (printed, meant), count in seen.items():
        if count < min_count:
            continue
        share = count / max(everything_printed.count(printed), count)
        if share >= min_share:
            found.append(Confusion(printed, meant, math.log(share), count))
    return sorted(found, key=lambda c: (-c.count, c.printed, c.meant))


def _words(text: str) -> list[str]:
    return [to_old_tone_style(word) for word in _WORD.findall(nfc(text).lower())]


def _aligned_words(gold: str, ocr: str) -> list[tuple[str, str]]:
    """(true word, OCR word) pairs, one for one, where the two texts line up."""
    want, got = _words(gold), _words(ocr)
    matcher = SequenceMatcher(None, [fold(w) for w in want], [fold(w) for w in got], autojunk=False)
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(want[i1:i2], got[j1:j2], strict=True))
    return pairs


def _pieces(meant_word: str, printed_word: str) -> list[tuple[str, str]]:
    """The (printed, meant) piece where two spellings of one word differ in letters, not marks only.

    The piece is what is left between their common start and common end:
    ``gui`` (``gửi`` bare)/``giri`` differ in ``u``/``ir``. (A character diff would match the
    ``i`` of ``giri`` against the final ``i`` of ``gửi`` and split the piece.)
    """
    meant_word = fold(meant_word)  # the marks are the mark channel's to weigh: learn only the letters
    start = len(os.path.commonprefix([meant_word, printed_word]))
    end = len(os.path.commonprefix([meant_word[start:][::-1], printed_word[start:][::-1]]))
    meant, printed = meant_word[start : len(meant_word) - end], printed_word[start : len(printed_word) - end]
    if not printed or len(printed) > LONGEST_PIECE or len(meant) > LONGEST_PIECE or fold(printed) == meant:
        return []
    return [(printed, meant)]


def save(confusions: list[Confusion], path: Path, *, about: str) -> None:
    """One confusion per line, ``[printed, meant, log P, count]``, so that a diff of a retrained table reads well."""
    rows = ",\n".join(
        json.dumps([c.printed, c.meant, round(c.logprob, 3), c.count], ensure_ascii=False) for c in confusions
    )
    head = json.dumps(about, ensure_ascii=False)
    path.write_text(f'{{"about": {head},\n"confusions": [\n{rows}\n]}}\n', encoding="utf-8")


def load(path: Path) -> tuple[Confusion, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Confusion(printed, meant, logprob, count) for printed, meant, logprob, count in data["confusions"])
