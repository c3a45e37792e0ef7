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
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from normalize._acronyms import AcronymLetters
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

    def __init__(
        self, model: NgramModel, confusions: tuple[Confusion, ...] = (), acronyms: AcronymLetters | None = None
    ) -> None:
        self.model = model
        self.confusions = confusions
        self.acronyms = acronyms
        forms: dict[str, list[int]] = defaultdict(list)
        for i, token in enumerate(model.vocabulary):
            if token[0].isalpha():
                forms[fold(token)].append(i)
        self._forms = dict(forms)
        self._skeletons = list(self._forms)
        self._known_readings: dict[tuple[str, bool], tuple[_Reading, ...]] = {}
        self._weighed: dict[tuple[str, MarkChannel], tuple[Candidate, ...]] = {}

    def knows(self, word: str) -> bool:
        """Whether some toned form of ``word`` is in the vocabulary."""
        return fold(word) in self._forms

    def candidates(
        self, token: str, channel: MarkChannel, cache: dict[str, tuple[Candidate, ...]]
    ) -> tuple[Candidate, ...]:
        """Candidates for one input token (any case, any tone style).

        ``cache`` belongs to one text (one channel): a text repeats its words. Which
        forms a token may stand for, and how far each is from it, does not depend
        on the channel and is kept across texts (``_known_readings``); texts typed
        wholly without accents share one channel, so what they weigh is kept across
        texts too (``_weighed``).
        """
        found = cache.get(token)
        if found is None:
            key = (token, channel)
            found = self._weighed.get(key)
            if found is None:
                readings = self._readings(token, channel.edit > CLEAN_TEXT_EDIT)
                found = _bounded(self._weighed)[key] = _weigh(readings, channel)
            cache[token] = found
        return found

    def _readings(self, token: str, garbled: bool) -> tuple[_Reading, ...]:
        key = (token, garbled)
        found = self._known_readings.get(key)
        if found is None:
            found = _bounded(self._known_readings)[key] = tuple(dict.fromkeys(self._find_readings(token, garbled)))
        return found

    def _find_readings(self, token: str, garbled: bool) -> list[_Reading]:
        if not any(ch.isalpha() for ch in token):
            return [(token, self.model.id_of(lm_key(token)), 0.0, _SAME)]
        marked = _FOOTNOTE.fullmatch(token)  # ``thuộc1``: a word and its footnote mark, or ``HĐNN8``
        if marked:
            word, digits = marked.groups()
            split = [
                (text + digits, i, misread, counts) for text, i, misread, counts in self._find_readings(word, garbled)
            ]
            unknown = self.model.id_of(UNKNOWN)
            whole = [reading for reading in self._word_readings(token, garbled) if reading[1] != unknown]
            return [*split, *whole]  # the split already holds the word's own unknown reading
        return self._word_readings(token, garbled)

    def _word_readings(self, token: str, garbled: bool) -> list[_Reading]:
        lowered = to_old_tone_style(token.lower())
        # ``VP`` is no misread ``vị``, ``Wallace`` no ``Palace``: bare capitalised words keep their letters;
        # nor is ``TTĐT`` a misread ``TMĐT``: capitals no syllable is made of are an acronym as typed.
        name_like = token[0].isupper() and token.isascii() and token.isalpha()
        acronym = len(token) > 1 and token.isupper() and not is_syllable(token)
        misreadable = garbled and not acronym  # ``Trudc`` is a misread ``Trước`` as much as ``trudc`` is
        garbled = garbled and not name_like and not acronym
        variants = _variants(lowered, self.confusions) if misreadable or not lowered.isalpha() else {lowered: 0.0}
        found: list[_Reading] = []
        for variant, misread in variants.items():
            for i in self._forms.get(fold(variant), ()):
                form = self.model.vocabulary[i]
                found.append((form, i, misread, _mark_counts(variant, form)))
        same_skeleton = self._forms.get(fold(lowered), ())
        if garbled and not any(self.model.unigram[i] > RARE for i in same_skeleton):
            found.extend(self._near_misses(lowered))
        elif not misreadable and lowered not in self.model.ids and _misspelt_vietnamese(token):
            found.extend(self._near_misses(lowered))  # ``tươn``, ``dụn``: a letter lost, even in clean OCR
        if found and _is_acronym(token):
            return found  # ``LDLD`` with ``LĐLĐ`` known: an acronym's letters are the whole question
        if lowered not in self.model.ids:
            unknown = self.unknown_acronym(token) or lowered
            found.append((unknown, self.model.id_of(UNKNOWN), -UNKNOWN_SPELLING if found else 0.0, _SAME))
        return found

    def unknown_acronym(self, token: str) -> str | None:
        """An acronym the model never saw, its ``D`` letters decided by the corpus's acronyms: ``TWDTN`` → ``twđtn``."""
        capitals = sum(ch.isupper() for ch in token)
        if self.acronyms is None or "D" not in token or capitals < 2 or not token.isascii() or is_syllable(token):
            return None
        if to_old_tone_style(token.lower()) in self.model.ids:
            return None
        return self.acronyms.restore(token).lower()

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


_FOOTNOTE = re.compile(r"([^\W\d_]{2,})(\d{1,2})")
_Reading = tuple[str, int, float, tuple[int, int, int]]
"""A candidate before the text's channel is known: form, model id, log odds of the
OCR confusions that lead to it, and (marks missing, marks wrong, letter edits)."""
_SAME = (0, 0, 0)
_KEPT = 50_000
"""Entries a cache kept between texts may hold before it starts again (a few KB each for garbled words)."""


def _bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= _KEPT:
        cache.clear()
    return cache


def _weigh(readings: tuple[_Reading, ...], channel: MarkChannel) -> tuple[Candidate, ...]:
    """The readings scored by ``channel``; of several readings of one form, the likeliest."""
    best: dict[int, Candidate] = {}
    for text, i, misread, counts in readings:
        score = misread + channel.weigh(counts)
        if i not in best or score > best[i].channel:
            best[i] = Candidate(text, i, score)
    return tuple(best.values())


def _misspelt_vietnamese(token: str) -> bool:
    """A lower-case word with Vietnamese marks that no known word has the letters of: a misreading
    (a final ``g`` lost: ``tươn``), not a name or a foreign word, which carry no such marks."""
    return token.islower() and token.isalpha() and not token.isascii() and any(ch in _VIETNAMESE for ch in token)


_VIETNAMESE = frozenset("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


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
    """``form`` in the letter case of ``original``: ``DE NGHI``→``ĐỀ NGHỊ``, ``Ha``→``Hà``, ``CTrHD``→``CTrHĐ``."""
    if form == original.lower():
        return original  # unchanged but for case: keep ``iPhone`` as it was
    if len(form) == len(original) and not original.isupper() and sum(ch.isupper() for ch in original) > 1:
        return "".join(f.upper() if o.isupper() else f for f, o in zip(form, original, strict=True))
    if original.isupper() and sum(ch.isalpha() for ch in original) > 1:
        return form.upper()
    if original[0].isupper():
        return form[0].upper() + form[1:]
    return form
