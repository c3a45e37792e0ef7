"""Which ``D`` of an acronym the model never saw was an ``Đ``: learned from the corpus's acronyms.

Text typed without accents writes ``TWDTN`` for ``TWĐTN`` and ``CDCS`` for
``CĐCS``. A known acronym is the language model's to restore; an unknown one
is not a word the model can weigh, but its letters still say a lot: ``CĐ``
(Công đoàn, Cao đẳng), ``LĐ`` (lao động), ``HĐ`` (Hội đồng) and ``ĐT`` (đầu tư,
đào tạo) are common pieces of acronyms, ``ND`` (nhân dân) and ``GD`` (giáo dục)
others. So each ``D`` is decided by the pieces of two to four letters around
it, as they stand in the acronyms of the training corpus: the longest pieces
with enough evidence decide.

``learn`` counts them (``congvan train-lm`` commits the table as
``normalize/data/acronym_letters.json``); ``AcronymLetters.restore`` decides.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from normalize._language import is_syllable
from normalize._tone import nfc

__all__ = ["AcronymLetters", "as_spelt_out", "learn", "load", "save"]

_ACRONYM = re.compile(r"(?<!\w)[A-ZĐ]{2,8}(?!\w)")
_EDGE = "^"
_END = "$"
PIECES = (4, 3, 2)
"""Piece lengths, longest first; the start and end of the acronym count as letters."""
MIN_EVIDENCE = 3.0


class AcronymLetters:
    """Evidence for ``Đ`` and for ``D`` at each position of each letter piece."""

    def __init__(self, evidence: dict[str, tuple[float, float]]) -> None:
        self.evidence = evidence
        """``"LD$|1"`` (the piece with every Đ written D, and the position of one D in it) → (weight as Đ, as D)."""

    def restore(self, token: str) -> str:
        """``token`` with each capital ``D`` the evidence says was an ``Đ`` written so: ``CDCS`` → ``CĐCS``."""
        padded = _EDGE + token.upper().replace("Đ", "D") + _END
        letters = list(_EDGE + token + _END)
        for position, letter in enumerate(letters):
            if letter == "D" and self._is_bar(padded, position):
                letters[position] = "Đ"
        return "".join(letters[1:-1])

    def _is_bar(self, padded: str, position: int) -> bool:
        for length in PIECES:
            as_bar = as_plain = 0.0
            for start in range(max(0, position - length + 1), min(position, len(padded) - length) + 1):
                bar, plain = self.evidence.get(f"{padded[start : start + length]}|{position - start}", (0.0, 0.0))
                as_bar, as_plain = as_bar + bar, as_plain + plain
            if as_bar + as_plain >= MIN_EVIDENCE:
                return as_bar > as_plain
        return False  # nothing known: keep what was typed


def as_spelt_out(acronym: str, text: str) -> str | None:
    """``acronym`` with the D or Đ of the words it stands for where ``text`` defines it, else None.

    ``thiết bị dạy học (TBDH)`` settles ``TBDH``, whatever the letter pieces say.
    Only the usual definition counts, the words then the acronym in brackets,
    one capital per word: two or three words with the right initials are
    found anywhere by chance.
    """
    folded = acronym.upper().replace("Đ", "D")
    letters = re.escape(folded).replace("D", "[DĐ]")  # as typed, or as restored
    for defined in re.finditer(rf"\(\s*{letters}\s*\)", text):
        words = _WORD.findall(text, max(0, defined.start() - 20 * len(folded)), defined.start())[-len(folded) :]
        initials = "".join(word[0] for word in words).upper()
        if initials.replace("Đ", "D") == folded:
            return initials
    return None


_WORD = re.compile(r"[^\W\d_]+")


def learn(paragraphs: Iterable[str]) -> AcronymLetters:
    """Count the pieces around each D and Đ of the acronyms in ``paragraphs``; a type weighs 1 + log(its count)."""
    acronyms: Counter[str] = Counter()
    for paragraph in paragraphs:
        if "D" in paragraph or "Đ" in paragraph:
            for word in _ACRONYM.findall(nfc(paragraph)):
                if ("D" in word or "Đ" in word) and not is_syllable(word):
                    acronyms[word] += 1
    evidence: dict[str, list[float]] = {}
    for word, count in acronyms.items():
        weight, padded = 1 + math.log(count), _EDGE + word + _END
        for length in PIECES:
            for start in range(len(padded) - length + 1):
                piece = padded[start : start + length]
                for offset, letter in enumerate(piece):
                    if letter in "DĐ":
                        key = f"{piece.replace('Đ', 'D')}|{offset}"
                        evidence.setdefault(key, [0.0, 0.0])[letter == "D"] += weight
    return AcronymLetters({key: (round(bar, 2), round(plain, 2)) for key, (bar, plain) in evidence.items()})


def save(letters: AcronymLetters, path: Path, *, about: str) -> None:
    rows = dict(sorted(letters.evidence.items()))
    path.write_text(json.dumps({"about": about, "evidence": rows}, ensure_ascii=False, indent=0) + "\n", "utf-8")


def load(path: Path) -> AcronymLetters:
    data = json.loads(path.read_text(encoding="utf-8"))
    return AcronymLetters({key: (bar, plain) for key, (bar, plain) in data["evidence"].items()})
