"""Train the syllable trigram model from the corpus: ``congvan train-lm`` / ``make model``.

Interpolated modified Kneser-Ney (Chen & Goodman 1998), the smoothing KenLM
and SRILM use, computed with numpy over the whole training side of the corpus
(held-out documents are never read, see ``normalize.corpus``):

1. every paragraph becomes ``<s> <s> tokens… </s>`` ids, all in one array;
2. trigram counts by ``np.unique`` of packed keys; bigram and unigram orders
   use continuation counts (how many distinct words precede), which is what
   makes Kneser-Ney good at rare contexts;
3. three discounts per order from the counts of counts;
4. the interpolated probabilities are written in backoff form, keeping
   trigrams and bigrams seen at least ``min_count`` times (count pruning).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from normalize._acronyms import AcronymLetters
from normalize._acronyms import learn as learn_acronym_letters
from normalize._acronyms import save as save_acronyms
from normalize._confusions import learn as learn_confusions
from normalize._confusions import save as save_confusions
from normalize._hashindex import KEY_BITS, HashIndex, quantise
from normalize._ngram import NgramModel
from normalize._tokens import NUMBER, SENTENCE_END, SENTENCE_START, SPECIALS, TOKEN_RE, letter_case, lm_key
from normalize._tone import to_old_tone_style
from normalize.corpus import documents

__all__ = [
    "TrainingReport",
    "learn_acronyms",
    "learn_confusions",
    "paragraph_keys",
    "save_acronyms",
    "save_confusions",
    "train",
]

_START, _END = SPECIALS.index(SENTENCE_START), SPECIALS.index(SENTENCE_END)
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
ACCENTED_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class TrainingReport:
    tokens: int
    vocabulary: int
    bigrams: int
    trigrams: int


def paragraph_keys(paragraph: str) -> list[str]:
    """The tokens of one paragraph in the old tone style, numbers as ``<num>``, letter case kept.

    The model itself is lower-case (``lm_key``); the case is kept long enough to
    learn how often each word is capitalised mid-sentence, which tells names
    (``Minh``, ``Mặt Trăng``) from common words (``mình``, ``mất``).
    """
    text = to_old_tone_style(_SPACES.sub(" ", paragraph))
    return [NUMBER if token[0].isdigit() else token for token in TOKEN_RE.findall(text)]  # case kept: not lm_key


def train(
    corpus_dir: Path, *, min_vocabulary_count: int = 2, min_counts: tuple[int, int] = (1, 1)
) -> tuple[NgramModel, TrainingReport]:
    """Estimate the model from the training side of the corpus in ``corpus_dir``."""
    paragraphs = [
        paragraph_keys(p) for d in documents(corpus_dir, held_out=False) for p in d.paragraphs if _accented(p)
    ]
    vocabulary = _vocabulary(paragraphs, min_vocabulary_count)
    width = 1 << max(len(vocabulary) - 1, 1).bit_length()
    if width**3 > 1 << KEY_BITS:
        raise ValueError(
            f"{len(vocabulary):,} words do not fit the model's 47-bit trigram keys (32,768 at most): "
            "raise min_vocabulary_count"
        )
    sequence, capital = _id_sequence(paragraphs, {token: i for i, token in enumerate(vocabulary)})
    del paragraphs
    model = _estimate(sequence, vocabulary, width, min_counts, _capitalised(sequence, capital, width))
    tokens = int(np.count_nonzero(sequence > _END))
    return model, TrainingReport(tokens, len(vocabulary), model.index["bigram"].size, model.index["trigram"].size)


def learn_acronyms(corpus_dir: Path) -> AcronymLetters:
    """Which D of an acronym is an Đ, from the acronyms of the training side's accented paragraphs."""
    return learn_acronym_letters(p for d in documents(corpus_dir, held_out=False) for p in d.paragraphs if _accented(p))


def _accented(paragraph: str) -> bool:
    """False for the few corpus paragraphs typed without diacritics: they would teach ``nguc`` for ``ngực``."""
    words = _WORDS.findall(paragraph)
    return len(words) < 4 or sum(not w.isascii() for w in words) >= ACCENTED_SHARE * len(words)


def _vocabulary(paragraphs: list[list[str]], min_count: int) -> tuple[str, ...]:
    counts = Counter(lm_key(token) for paragraph in paragraphs for token in paragraph)
    kept = sorted((t for t, n in counts.items() if n >= min_count and t not in SPECIALS), key=lambda t: -counts[t])
    return (*SPECIALS, *kept)


def _id_sequence(paragraphs: Iterable[list[str]], ids: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """All paragraphs as one id array (``<s> <s> … </s>`` each), and per id: 1 capitalised, 0 lower, -1 neither."""
    sequence, capital = [], []
    for paragraph in paragraphs:
        sequence.extend((_START, _START, *(ids.get(lm_key(token), 0) for token in paragraph), _END))
        capital.extend((-1, -1, *(letter_case(token) for token in paragraph), -1))
    return np.array(sequence, dtype=np.int64), np.array(capital, dtype=np.int8)


def _capitalised(sequence: np.ndarray, capital: np.ndarray, width: int) -> np.ndarray:
    """Per id, how often it is capitalised mid-sentence (right after another word), smoothed."""
    previous = np.concatenate(([-1], capital[:-1]))
    mid = (capital >= 0) & (previous >= 0)
    total = np.bincount(sequence[mid], minlength=width)
    upper = np.bincount(sequence[mid & (capital == 1)], minlength=width)
    return ((upper + 0.5) / (total + 1.0)).astype(np.float16)


def _estimate(
    sequence: np.ndarray, vocabulary: tuple[str, ...], width: int, min_counts: tuple[int, int], capitalised: np.ndarray
) -> NgramModel:
    a, b, c = sequence[:-2], sequence[1:-1], sequence[2:]
    inside = (c != _START) & (a != _END) & (b != _END)
    keys3, counts3 = np.unique(((a * width + b) * width + c)[inside], return_counts=True)

    # Bigrams: continuation counts (distinct left words), raw counts after <s>.
    keys2, counts2 = np.unique(keys3 % (width * width), return_counts=True)
    after_start = keys2 // width == _START
    counts2[after_start] = _raw_counts(keys3, counts3, keys2[after_start], width)
    seen2 = _bigram_occurrences(keys3, counts3, keys2, width)

    unigram = _unigram(keys2, counts2, width, len(vocabulary))
    bigram_lp, bigram_bow = _interpolate(keys2, counts2, width, unigram[keys2 % width])
    lower = bigram_lp[np.searchsorted(keys2, keys3 % (width * width))]
    trigram_lp, context_bow = _interpolate(keys3, counts3, width, lower)

    bigram_backoff = np.zeros(width, dtype=np.float32)
    bigram_backoff[_contexts(keys2, width)] = bigram_bow
    contexts = _contexts(keys3, width)
    context_counts = np.add.reduceat(counts3, _group_starts(keys3 // width))
    keep2, keep3 = seen2 >= min_counts[0], counts3 >= min_counts[1]
    keepc = context_counts >= min_counts[1]
    return NgramModel(
        vocabulary,
        width,
        unigram=np.log(unigram).astype(np.float32),
        bigram_backoff=bigram_backoff,
        capitalised=capitalised,
        index={
            "bigram": HashIndex(keys2[keep2], quantise(np.log(bigram_lp[keep2]))),
            "context": HashIndex(contexts[keepc], quantise(context_bow[keepc])),
            "trigram": HashIndex(keys3[keep3], quantise(np.log(trigram_lp[keep3]))),
        },
    )


def _raw_counts(keys3: np.ndarray, counts3: np.ndarray, wanted2: np.ndarray, width: int) -> np.ndarray:
    """Occurrences of the bigrams ``<s> w``: from the trigrams ``<s> <s> w``."""
    start_keys = (_START * width + _START) * width + wanted2 % width
    return counts3[np.searchsorted(keys3, start_keys)]


def _bigram_occurrences(keys3: np.ndarray, counts3: np.ndarray, keys2: np.ndarray, width: int) -> np.ndarray:
    """How often each bigram occurred (as the end of a trigram): what pruning goes by."""
    suffix = np.searchsorted(keys2, keys3 % (width * width))
    return np.bincount(suffix, weights=counts3, minlength=len(keys2))


def _unigram(keys2: np.ndarray, counts2: np.ndarray, width: int, size: int) -> np.ndarray:
    """P(w): continuation counts (distinct left words), with some mass spread evenly for <unk>."""
    left_words = np.bincount(keys2 % width, minlength=width).astype(np.float64)
    discount = _discounts(left_words[left_words > 0].astype(np.int64))
    adjusted = np.maximum(left_words - discount[np.minimum(left_words, 3).astype(np.int64)], 0)
    total = left_words.sum()
    leftover = 1.0 - adjusted.sum() / total
    probability = adjusted / total + leftover / size
    probability[size:] = 1e-30  # ids past the vocabulary never occur
    return probability


def _interpolate(keys: np.ndarray, counts: np.ndarray, width: int, lower: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Interpolated P(w | context) for each n-gram, and each context's backoff weight (log).

    ``keys`` are sorted, so each context is one contiguous group; ``lower`` is
    the lower-order probability of each n-gram's last ``n-1`` tokens.
    """
    discount = _discounts(counts)
    starts = _group_starts(keys // width)
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(keys))))
    totals = np.add.reduceat(counts, starts).astype(np.float64)
    capped = np.minimum(counts, 3)
    mass = sum(discount[k] * np.add.reduceat(capped == k, starts) for k in (1, 2, 3))
    gamma = mass / totals
    probability = (counts - discount[capped]) / totals[group] + gamma[group] * lower
    return probability, np.log(np.maximum(gamma, 1e-12))


def _discounts(counts: np.ndarray) -> np.ndarray:
    """D1, D2, D3+ (indexed 1..3) from the counts of counts."""
    n = [max(int(np.count_nonzero(counts == k)), 1) for k in (1, 2, 3, 4)]
    y = n[0] / (n[0] + 2 * n[1])
    estimated = np.array([0.0, 1 - 2 * y * n[1] / n[0], 2 - 3 * y * n[2] / n[1], 3 - 4 * y * n[3] / n[2]])
    return np.clip(estimated, [0.0, 0.1, 0.2, 0.3], [0.0, 0.9, 1.8, 2.7])  # sane even for a tiny corpus


def _group_starts(contexts: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.diff(contexts, prepend=-1))


def _contexts(keys: np.ndarray, width: int) -> np.ndarray:
    """The distinct contexts (all but the last token) of sorted n-gram keys, in order."""
    contexts = keys // width
    return contexts[_group_starts(contexts)]
