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
from normalize._language import is_syllable
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
        return self.weigh(_mark_counts(word, form))

    def weigh(self, counts: tuple[int, int, int]) -> float:
        """The log probability of (missing marks, wrong marks, letter edits)."""
        drops, wrongs, edits = counts
        return drops * self.drop + wrongs * self.wrong + edits * self.edit


def _mark_counts(word: str, form: str) -> tuple[int, int, int]:
    """How ``word`` differs from ``form``: marks missing, marks wrong, letters added or lost."""
    if len(word) != len(form):
        return 0, 0, abs(len(word) - len(form))
    drops = wrongs = 0
    for x, y in zip(word, form, strict=True):
        if x != y:
            (x_shape, x_tone), (y_shape, y_tone) = _marks(x), _marks(y)
            for shown, meant in ((x_shape, y_shape), (x_tone, y_tone)):
                if shown != meant:
                    drops += not shown
                    wrongs += bool(shown)
    return drops, wrongs, 0


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
        self._known_readings: dict[tuple[str, bool], tuple[_Reading, ...]] = {}
        self._weighed: dict[tuple[str, MarkChannel], list[Candidate]] = {}

    def knows(self, word: str) -> bool:
        """Whether some toned form of ``word`` is in the vocabulary."""
        return fold(word) in self._forms

    def candidates(self, token: str, channel: MarkChannel, cache: dict[str, list[Candidate]]) -> list[Candidate]:
        """Candidates for one input token (any case, any tone style).

        ``cache`` belongs to one text (one channel): a text repeats its words. What
        does not depend on the channel (which forms, how far each is from the
        input) is kept across texts in ``_readings``.
        """
        found = cache.get(token)
        if found is None:
            key = (token, channel)  # texts typed without accents all get the same channel
            found = self._weighed.get(key)
            if found is None:
                if len(self._weighed) >= _READINGS_KEPT:
                    self._weighed.clear()
                garbled = channel.edit > CLEAN_TEXT_EDIT
                found = self._weighed[key] = [
                    Candidate(text, i, misread + channel.weigh(counts))
                    for text, i, misread, counts in self._readings(token, garbled)
                ]
            cache[token] = found
        return found

    def _readings(self, token: str, garbled: bool) -> tuple[_Reading, ...]:
        key = (token, garbled)
        found = self._known_readings.get(key)
        if found is None:
            if len(self._known_readings) >= _READINGS_KEPT:
                self._known_readings.clear()
            found = self._known_readings[key] = tuple(self._find_readings(token, garbled))
        return found

    def _find_readings(self, token: str, garbled: bool) -> list[_Reading]:
        if not any(ch.isalpha() for ch in token):
            return [(token, self.model.id_of(lm_key(token)), 0.0, _SAME)]
        lowered = to_old_tone_style(token.lower())
        # ``VP`` is no misread ``vị``, ``Wallace`` no ``Palace``: bare capitalised words keep their letters;
        # nor is ``TTĐT`` a misread ``TMĐT``: capitals no syllable is made of are an acronym as typed.
        name_like = token[0].isupper() and token.isascii() and token.isalpha()
        acronym = len(token) > 1 and token.isupper() and not is_syllable(token)
        garbled = garbled and not name_like and not acronym
        variants = _variants(lowered, self.confusions) if garbled or not lowered.isalpha() else {lowered: 0.0}
        found: dict[int, _Reading] = {}
        for variant, misread in variants.items():
            for i in self._forms.get(fold(variant), ()):
                form = self.model.vocabulary[i]
                _keep_likelier(found, (form, i, misread, _mark_counts(variant, form)))
        same_skeleton = self._forms.get(fold(lowered), ())
        if garbled and not any(self.model.unigram[i] > RARE for i in same_skeleton):
            for reading in self._near_misses(lowered):
                _keep_likelier(found, reading)
        readings = list(found.values())
        if found and _is_acronym(token):
            return readings  # ``LDLD`` with ``LĐLĐ`` known: an acronym's letters are the whole question
        if lowered not in self.model.ids:
            readings.append((lowered, self.model.id_of(UNKNOWN), -UNKNOWN_SPELLING if found else 0.0, _SAME))
        return readings

    def _near_misses(self, word: str) -> list[_Reading]:
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
                drops, wrongs, _ = _mark_counts(word, form) if len(word) == len(form) else _SAME
                found.append((form, i, 0.0, (drops, wrongs, int(distance))))
        return found


_Reading = tuple[str, int, float, tuple[int, int, int]]
"""A candidate before the text's channel is known: form, model id, log odds of the
OCR confusions that lead to it, and (marks missing, marks wrong, letter edits)."""
_SAME = (0, 0, 0)
_READINGS_KEPT = 200_000
"""Tokens whose readings are kept between texts (a few hundred bytes each)."""


def _keep_likelier(found: dict[int, _Reading], reading: _Reading) -> None:
    """Of two readings of one form, keep the one the channel would score higher whatever its weights."""
    form_id = reading[1]
    if form_id not in found or _rough_score(reading) > _rough_score(found[form_id]):
        found[form_id] = reading


def _rough_score(reading: _Reading) -> float:
    return reading[2] + MarkChannel().weigh(reading[3])


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
