"""Restore lost diacritics and correct OCR noise: a noisy-channel corrector over syllables.

For each token the candidates are what it could have been (``_candidates``),
each with log P(input | candidate); the syllable trigram model
(``_ngram``, trained by ``normalize.training``) gives log P(sentence); beam
search (``_decode``) picks the likeliest sentence. What the input already
shows weighs in: how often this text drops marks is estimated from the text
itself, so typed-without-accents text is restored freely while a confident
OCR reading with its marks stays.

The model is committed at ``normalize/data/syllables.npz`` and loaded once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from congvan.errors import MissingDependencyError
from normalize._acronyms import AcronymLetters, as_spelt_out
from normalize._acronyms import load as load_acronyms
from normalize._candidates import CLEAN_TEXT_EDIT, Candidate, Inventory, MarkChannel, match_case
from normalize._confusions import Confusion
from normalize._confusions import load as load_confusions
from normalize._decode import decode
from normalize._ngram import NgramModel
from normalize._tokens import INPUT_TOKEN_RE, letter_case
from normalize._tone import nfc

__all__ = ["ACRONYMS_PATH", "CONFUSIONS_PATH", "MODEL_PATH", "Edit", "Restorer", "apply", "default_restorer"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "syllables.npz"
CONFUSIONS_PATH = MODEL_PATH.with_name("ocr_confusions.json")
ACRONYMS_PATH = MODEL_PATH.with_name("acronym_letters.json")

_SENTENCE_END = frozenset(".?!;")  # not ":", which "Số: 12/KH" and "Kính gửi:" run on through
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[^\W\d_]+")
_CAPITALS = re.compile(r"(?<!\w)[A-Z]{2,8}(?!\w)")
_ADDRESS = re.compile(r"@|://|www\.|_|[^\W\d_]\.[^\W\d_]")
USUAL_BARE_SHARE = 0.22
"""Share of syllables written without any mark in ordinary accented Vietnamese."""
TYPED_BARE = 0.9
"""Beyond this share of dropped marks the text was typed without accents, not misread by OCR."""
CLEAN_MISREADS = 0.01
CLEAN_TEXT_WRONG_MARK = math.log(0.01)
"""log P(a mark other than the one printed) in text with few misreadings, half as likely as in garble
(vie OCR of the degraded set: right syllables changed 27 → 20, misreadings fixed 60 → 59)."""
USUAL_UNKNOWN_SHARE = 0.03
"""Share of words outside the vocabulary in clean text: names, foreign words."""


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``after``."""

    start: int
    end: int
    after: str
    confidence: float


class Restorer:
    def __init__(
        self,
        model: NgramModel,
        confusions: tuple[Confusion, ...] = (),
        acronyms: AcronymLetters | None = None,
        *,
        beam: int = 8,
        garbled_beam: int = 32,
    ) -> None:
        self.model = model
        self.inventory = Inventory(model, confusions, acronyms)
        self.beam = beam
        self.garbled_beam = garbled_beam
        """Garbled OCR gives dozens of candidates a word: a narrow beam drops ``nỗ`` before ``lực`` can save it."""

    def edits(self, texts: Sequence[str]) -> list[list[Edit]]:
        """The edits each text needs; all texts decoded together (faster than one by one)."""
        sentences, cases, beams, owners = [], [], [], []
        for index, text in enumerate(texts):
            channel, cache = self.channel_for(text), {}
            beam = self.beam if channel.edit <= CLEAN_TEXT_EDIT else self.garbled_beam
            for tokens in _sentences(text):
                lattice, case = self._lattice(tokens, channel, cache)
                sentences.append(lattice)
                cases.append(case)
                beams.append(beam)
                owners.append((index, tokens))
        found: list[list[Edit]] = [[] for _ in texts]
        for (index, tokens), lattice, (chosen, confidences) in zip(
            owners, sentences, decode(self.model, sentences, beams, cases), strict=True
        ):
            found[index].extend(_edits(tokens, lattice, chosen, confidences))
        return [self._acronyms(text, edits) for text, edits in zip(texts, found, strict=True)]

    def _acronyms(self, text: str, edits: list[Edit]) -> list[Edit]:
        """The edits, with unknown acronyms as the text itself calls for.

        A text that writes ``Đ`` anywhere writes its acronyms' ``D`` on purpose
        (``NSD``, người sử dụng, beside ``LĐ``): they stay as typed. Otherwise
        an acronym the text defines is spelt as its definition: ``(TBDH)`` after
        ``thiết bị dạy học`` stays ``TBDH``.
        """
        if "Đ" in text or "đ" in text:
            return [edit for edit in edits if not self._only_bars(text[edit.start : edit.end], edit.after)]
        return self._as_defined(text, edits)

    def _only_bars(self, before: str, after: str) -> bool:
        """``NSD`` → ``NSĐ``: an unknown acronym that only gained bars."""
        return after.replace("Đ", "D") == before and self.inventory.unknown_acronym(before) is not None

    def _as_defined(self, text: str, edits: list[Edit]) -> list[Edit]:
        """The edits with each unknown acronym the text defines spelt as its definition."""
        if "(" not in text:
            return edits
        restored, respelt = apply(text, edits), {}
        for acronym in {m.group() for m in _CAPITALS.finditer(text)}:
            if self.inventory.unknown_acronym(acronym) is not None:
                spelt = as_spelt_out(acronym, restored)
                if spelt is not None:
                    respelt[acronym] = spelt
        if not respelt:
            return edits
        kept = [edit for edit in edits if text[edit.start : edit.end] not in respelt]
        for match in _CAPITALS.finditer(text):
            spelt = respelt.get(match.group())
            if spelt is not None and spelt != match.group():
                kept.append(Edit(match.start(), match.end(), spelt, 0.9))
        return sorted(kept, key=lambda edit: edit.start)

    def channel_for(self, text: str) -> MarkChannel:
        """How this text was spoilt, judged from the text itself.

        Marks: the share of bare words beyond what accented Vietnamese has.
        Misreadings: the share of words no toned form of which is known; text
        typed without accents has almost none (names), OCR garble has many.
        """
        words = _WORD.findall(text)
        if not words:
            return MarkChannel()
        bare = sum(word.isascii() for word in words) / len(words)
        dropped = min(max((bare - USUAL_BARE_SHARE) / (1 - USUAL_BARE_SHARE), 0.01), 0.99)
        if dropped > TYPED_BARE:
            return MarkChannel(drop=math.log(dropped), edit=math.log(0.001))  # typed without accents: no misreadings
        unknown = sum(not self.inventory.knows(word) for word in words) / len(words)
        misread = min(max(4 * (unknown - USUAL_UNKNOWN_SHARE), 0.001), 0.3)
        # Text this clean (good OCR) printed its marks on purpose: another mark must be earned.
        wrong = CLEAN_TEXT_WRONG_MARK if misread <= CLEAN_MISREADS else MarkChannel().wrong
        return MarkChannel(drop=math.log(dropped), edit=math.log(misread), wrong=wrong)

    def _lattice(
        self, tokens: list[re.Match[str]], channel: MarkChannel, cache: dict[str, tuple[Candidate, ...]]
    ) -> tuple[list[Sequence[Candidate]], list[int]]:
        """Each token's candidates, and its letter case where that is evidence (mid-sentence), else -1.

        Mid-sentence, a capital says "name": ``Minh`` rather than ``mình``, ``Tom``
        rather than ``tôm``; the decoder weighs that with what the model learned
        of each word's capitalisation. Not at the start of a line, where a
        heading's sentence runs on into ``Điều 1`` or a list item: there a
        capital says nothing.
        """
        lattice, cases, after_word, previous_end = [], [], False, 0
        for token in tokens:
            candidates = self.inventory.candidates(token.group(), channel, cache)
            lattice.append(_as_symbol_part(token, candidates) if _in_symbol(token) else candidates)
            case = letter_case(token.group())
            line_start = "\n" in token.string[previous_end : token.start()]
            cases.append(case if after_word and not line_start else -1)
            after_word, previous_end = case >= 0, token.end()
        return lattice, cases

    def restore(self, text: str) -> str:
        """``text`` (NFC, as ``repair`` hands it over) restored; NFD input is composed first."""
        text = nfc(text)
        return apply(text, self.edits([text])[0])


def apply(text: str, edits: Sequence[Edit]) -> str:
    out, position = [], 0
    for edit in edits:
        out.append(text[position : edit.start])
        out.append(edit.after)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


def _sentences(text: str) -> list[list[re.Match[str]]]:
    """Tokens grouped into sentences: up to sentence punctuation, a blank line, or the end of a
    heading (a line in capitals followed by one that is not), not a hard-wrapped line end."""
    sentences: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    previous_end = 0
    for token in INPUT_TOKEN_RE.finditer(text):
        if current and (
            _PARAGRAPH_BREAK.search(text, previous_end, token.start()) or _after_heading(text, previous_end, token)
        ):
            sentences.append(current)
            current = []
        current.append(token)
        previous_end = token.end()
        if token.group() in _SENTENCE_END:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _after_heading(text: str, previous_end: int, token: re.Match[str]) -> bool:
    """Whether ``token`` opens a line that follows a heading: ``THÀNH PHỐ VĨNH YÊN`` / ``Số: 106``."""
    if "\n" not in text[previous_end : token.start()]:
        return False
    line_start = text.rfind("\n", 0, token.start()) + 1
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    line_end = text.find("\n", token.start())
    return _in_capitals(text[previous_start:line_start]) and not _in_capitals(
        text[line_start : line_end if line_end >= 0 else len(text)]
    )


def _in_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _edits(
    tokens: list[re.Match[str]], lattice: list[Sequence[Candidate]], chosen: list[int], confidences: list[float]
) -> list[Edit]:
    edits = []
    for token, candidates, index, confidence in zip(tokens, lattice, chosen, confidences, strict=True):
        original, picked = token.group(), candidates[index].text
        if picked == original or picked == original.lower():
            continue  # the common case, decided before anything dearer
        if not any(ch.isalpha() for ch in original) or _in_address(token):
            continue
        after = match_case(picked, original)
        if after != original:
            edits.append(Edit(token.start(), token.end(), after, confidence))
    return edits


def _in_symbol(token: re.Match[str]) -> bool:
    """Whether the token is a capitalised part of a document symbol: ``TU`` in ``18-CTrHĐ/TU``."""
    word = token.group()
    if not (word[0].isupper() and word.isascii() and word.isalpha()):
        return False
    text, start, end = token.string, token.start(), token.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if "/" in (before, after):
        return True
    return "-" in (before, after) and word.isupper() and len(word) > 1  # not ``Rang-Tháp``, ``hoạch-Tài``


def _as_symbol_part(token: re.Match[str], candidates: Sequence[Candidate]) -> Sequence[Candidate]:
    """A symbol's letters are acronyms: the only mark they may have lost is the bar of ``Đ``."""
    bare = token.group().lower()
    kept = [c for c in candidates if c.text.replace("đ", "d") == bare]
    return kept or [Candidate(bare, 0, 0.0)]  # id 0 is ``<unk>``


def _in_address(token: re.Match[str]) -> bool:
    """Whether the token is part of an e-mail address, a web address or a file name: never Vietnamese words."""
    text, start, end = token.string, token.start(), token.end()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return _ADDRESS.search(text, start, end) is not None


@lru_cache(maxsize=1)
def default_restorer() -> Restorer:
    """The restorer over the committed model, loaded on first use."""
    if not MODEL_PATH.exists():
        raise MissingDependencyError(f"The language model {MODEL_PATH} is missing: run 'make model' to build it")
    return Restorer(NgramModel.load(MODEL_PATH), load_confusions(CONFUSIONS_PATH), load_acronyms(ACRONYMS_PATH))
