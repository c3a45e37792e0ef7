"""What each token of the input could have been, and how likely the input is given each.

The channel half of the noisy-channel corrector. Every toned form of a
syllable shares its skeleton (``được``, ``đuốc``, ``duoc`` → ``duoc``), so the
candidates of a word are the model's vocabulary entries with the word's
skeleton. How far a candidate's marks are from the input's decides its channel
score: in text typed without accents the input says nothing about the marks,
in OCR output a mark the engine did print is strong evidence.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize._confusions import Confusion
from normalize._ngram import NgramModel
from normalize._tokens import UNKNOWN, lm_key
from normalize._tone import TONES, fold, to_old_tone_style

__all__ = ["Candidate", "Inventory", "MarkChannel", "match_case"]

_SHAPES = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn
_TONE_MARKS = frozenset(TONES)
NEAR_MISSES = 6
LONGEST_SYLLABLE = 7  # nghiêng, nghiệng
CLEAN_TEXT_EDIT = math.log(0.01)
"""In text this clean, a word outside the vocabulary is a name, not a misreading."""
RARE = math.log(5e-5)
"""A word printed as a form rarer than this (``cia``, ``phd``) may still be a misreading of another."""
MAX_VARIANTS = 24
UNKNOWN_SPELLING = 10.0
"""-log P(this spelling | an unknown word): the model gives ``<unk>`` the mass of
tens of thousands of rare words, of which the input is only one."""


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    """Lower-case, old tone style; the caller restores the input's letter case."""
    id: int
    channel: float
    """log P(input | this candidate)."""


@dataclass(frozen=True, slots=True)
class MarkChannel:
    """log P(the input shows a letter's marks this way | the candidate's marks).

    A letter carries two kinds of mark, judged apart: its shape (ă â ê ô ơ ư đ)
    and its tone. OCR without a Vietnamese model drops shapes and keeps tones
    (``tiép`` for ``tiếp``), old typing drops both; either way a missing mark
    is far likelier than a wrong one.
    """

    drop: float = math.log(0.01)
    """A mark the candidate has is missing from the input."""
    wrong: float = math.log(0.02)
    """The input shows a different mark, or one the candidate lacks."""
    edit: float = math.log(0.01)
    """One letter inserted, deleted or replaced (OCR misreadings: ``giri`` for ``gửi``)."""

    def score(self, word: str, form: str) -> float:
        if len(word) != len(form):
            return self.edit * abs(len(word) - len(form))
        total = 0.0
        for x, y in zip(word, form, strict=True):
            if x != y:
                (x_shape, x_tone), (y_shape, y_tone) = _marks(x), _marks(y)
                total += self._mark(x_shape, y_shape) + self._mark(x_tone, y_tone)
        return total

    def _mark(self, shown: str, meant: str) -> float:
        if shown == meant:
            return 0.0
        return self.drop if not shown else self.wrong


@lru_cache(maxsize=512)
def _marks(letter: str) -> tuple[str, str]:
    """(shape mark, tone mark) of one letter, each '' when absent."""
    decomposed = unicodedata.normalize("NFD", letter)
    shape = "".join(ch for ch in decomposed if ch in _SHAPES) + ("d" if letter in "đĐ" else "")
    tone = "".join(ch for ch in decomposed if ch in _TONE_MARKS)
    return shape, tone


class Inventory:
    """The model's vocabulary grouped by skeleton."""

    def __init__(self, model: NgramModel, confusions: tuple[Confusion, ...] = ()) -> None:
        self.model = model
        self.confusions = confusions
        forms: dict[str, list[int]] = defaultdict(list)
        for i, token in enumerate(model.vocabulary):
            if token[0].isalpha():
                forms[fold(token)].append(i)
        self._forms = dict(forms)
        self._skeletons = list(self._forms)

    def knows(self, word: str) -> bool:
        """Whether some toned form of ``word`` is in the vocabulary."""
        return fold(word) in self._forms

    def candidates(self, token: str, channel: MarkChannel, cache: dict[str, list[Candidate]]) -> list[Candidate]:
        """Candidates for one input token (any case, any tone style).

        ``cache`` belongs to one text (one channel): a text repeats its words, and a
        cache per call is neither shared between threads nor kept between texts.
        """
        found = cache.get(token)
        if found is None:
            found = cache[token] = self._candidates(token, channel)
        return found

    def _candidates(self, token: str, channel: MarkChannel) -> list[Candidate]:
        if not any(ch.isalpha() for ch in token):
            return [Candidate(token, self.model.id_of(lm_key(token)), 0.0)]
        lowered = to_old_tone_style(token.lower())
        # ``VP`` is no misread ``vị``, ``Wallace`` no ``Palace``: bare capitalised words keep their letters.
        name_like = token[0].isupper() and token.isascii() and token.isalpha()
        garbled = channel.edit > CLEAN_TEXT_EDIT and not name_like
        variants = _variants(lowered, self.confusions) if garbled or not lowered.isalpha() else {lowered: 0.0}
        found: dict[int, Candidate] = {}
        for variant, misread in variants.items():
            for i in self._forms.get(fold(variant), ()):
                form = self.model.vocabulary[i]
                candidate = Candidate(form, i, misread + channel.score(variant, form))
                if i not in found or candidate.channel > found[i].channel:
                    found[i] = candidate
        same_skeleton = self._forms.get(fold(lowered), ())
        if garbled and not any(self.model.unigram[i] > RARE for i in same_skeleton):
            for candidate in self._near_misses(lowered, channel):
                if candidate.id not in found or candidate.channel > found[candidate.id].channel:
                    found[candidate.id] = candidate
        candidates = list(found.values())
        if found and _is_acronym(token):
            return candidates  # ``LDLD`` with ``LĐLĐ`` known: an acronym's letters are the whole question
        if lowered not in self.model.ids:
            candidates.append(Candidate(lowered, self.model.id_of(UNKNOWN), -UNKNOWN_SPELLING if found else 0.0))
        return candidates

    def _near_misses(self, word: str, channel: MarkChannel) -> list[Candidate]:
        """Forms whose skeleton is an edit or two away: ``giri``→``gửi``, ``trudc``→``trước``."""
        skeleton = fold(word)
        limit = 1 if len(skeleton) <= 3 else 2
        if len(skeleton) > LONGEST_SYLLABLE + limit:
            return []  # no syllable is that long: a run-together line, not a misread word
        found = []
        for near, distance, _ in process.extract(
            skeleton, self._skeletons, scorer=Levenshtein.distance, score_cutoff=limit, limit=NEAR_MISSES
        ):
            for i in self._forms[near]:
                form = self.model.vocabulary[i]
                marks = channel.score(word, form) if len(word) == len(form) else 0.0
                found.append(Candidate(form, i, distance * channel.edit + marks))
        return found


def _is_acronym(token: str) -> bool:
    """Capitals without marks, two or more: ``LDLD``, ``HDND``, or a heading word typed bare (``VIEC``).

    When the model knows a form of it, the unknown reading is dropped: the model
    gives ``<unk>`` the mass of every rare acronym, and after ``960/`` that would
    outweigh ``LĐLĐ``, although an unknown ``LDLD`` is no likelier than any other.
    """
    return len(token) > 1 and token.isascii() and token.isalpha() and token.isupper()


def _variants(word: str, confusions: tuple[Confusion, ...]) -> dict[str, float]:
    """Spellings ``word`` may stand for under one or two learned OCR confusions, with their log odds."""
    found, frontier = {word: 0.0}, [word]
    for _ in range(2):
        following = []
        for spelling in frontier:
            for confusion in confusions:
                at = spelling.find(confusion.printed)
                while at >= 0 and len(found) < MAX_VARIANTS:
                    variant = spelling[:at] + confusion.meant + spelling[at + len(confusion.printed) :]
                    cost = found[spelling] + confusion.logprob
                    if cost > found.get(variant, -math.inf):
                        found[variant] = cost
                        following.append(variant)
                    at = spelling.find(confusion.printed, at + 1)
        frontier = following
    return found


def match_case(form: str, original: str) -> str:
    """``form`` in the letter case of ``original``: ``DE NGHI``→``ĐỀ NGHỊ``, ``Ha``→``Hà``."""
    if form == original.lower():
        return original  # unchanged but for case: keep ``iPhone`` as it was
    if original.isupper() and sum(ch.isalpha() for ch in original) > 1:
        return form.upper()
    if original[0].isupper():
        return form[0].upper() + form[1:]
    return form
