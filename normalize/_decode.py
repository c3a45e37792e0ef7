"""Pick the likeliest sentences from lattices of candidates: beam search under the trigram model.

The state of a hypothesis is its last two words, as for exact Viterbi
decoding of a trigram model; hypotheses that reach the same state are merged
(the better one kept), and only the ``beam`` best states of each sentence go
on. Sentences end at sentence punctuation, not at line breaks: official
letters are hard-wrapped mid-phrase ("Thời / hạn hoàn thành").

The search runs in numba-compiled loops (``_decode_all``) over flat arrays of
all candidates of all sentences: a beam step asks the model about a few dozen
words, which in numpy would cost more in call overhead than in work.

Each pick also gets a confidence: its share of probability among its
position's candidates, with the chosen words on both sides held fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numba
import numpy as np

from normalize._candidates import Candidate
from normalize._ngram import NgramModel, context_one, logprob_one
from normalize._tokens import SENTENCE_END, SENTENCE_START

__all__ = ["Lattice", "decode"]

Lattice = Sequence[Sequence[Candidate]]
"""The candidates of each position of one sentence."""


def decode(
    model: NgramModel,
    sentences: Sequence[Lattice],
    beam: int | Sequence[int] = 8,
    cases: Sequence[Sequence[int]] | None = None,
) -> list[tuple[list[int], list[float]]]:
    """For each sentence: the chosen candidate's index at each position, and its confidence (0–1).

    ``beam`` is one width for all sentences or one per sentence: garbled OCR
    offers dozens of candidates a word and needs a wider beam than text that
    only lost its marks.

    ``cases`` gives, per position, 1 for a word capitalised mid-sentence, 0 for one
    in lower case, -1 where case says nothing; candidates are weighed by how often
    the model saw them capitalised.
    """
    counts = np.array([len(candidates) for lattice in sentences for candidates in lattice], dtype=np.int64)
    if not counts.size:
        return [([], []) for _ in sentences]
    flat = [candidate for lattice in sentences for candidates in lattice for candidate in candidates]
    ids = np.array([c.id for c in flat], dtype=np.int64)
    channel = np.array([c.channel for c in flat], dtype=np.float64)
    if cases is not None:
        channel += _case_weights(model, ids, counts, cases)
    positions = np.concatenate(([0], np.cumsum(counts)))
    bounds = np.concatenate(([0], np.cumsum([len(lattice) for lattice in sentences])))
    start, end = model.id_of(SENTENCE_START), model.id_of(SENTENCE_END)
    beams = np.broadcast_to(np.asarray(beam, dtype=np.int64), (len(sentences),)).copy()
    if beams.min() < 1 or counts.min() < 1:  # the compiled search does not check its bounds
        raise ValueError("every position needs a candidate, and every beam a width of at least 1")
    choice, confidence = _decode_all(model.tables, ids, channel, positions, bounds, beams, start, end)
    chosen, confidences = choice.tolist(), confidence.tolist()
    return [(chosen[i:j], confidences[i:j]) for i, j in zip(bounds[:-1], bounds[1:], strict=True)]


def _case_weights(model: NgramModel, ids: np.ndarray, counts: np.ndarray, cases: Sequence[Sequence[int]]) -> np.ndarray:
    flags = np.repeat(np.array([c for sentence in cases for c in sentence], dtype=np.int8), counts)
    share = np.where(ids == 0, 0.5, model.capitalised[ids].astype(np.float64))
    likelihood = np.where(flags == 1, share, 1.0 - share)
    return np.where(flags >= 0, np.log(np.maximum(likelihood, 1e-4)), 0.0)


@numba.njit(cache=True)
def _decode_all(
    tables: tuple[Any, ...],
    ids: np.ndarray,
    channel: np.ndarray,
    positions: np.ndarray,
    bounds: np.ndarray,
    beams: np.ndarray,
    start: int,
    end: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates of position ``p`` are ``positions[p]:positions[p + 1]``; positions of sentence
    ``s`` are ``bounds[s]:bounds[s + 1]``. Returns the chosen index within each position, and its confidence."""
    choice = np.zeros(positions.size - 1, dtype=np.int64)
    confidence = np.ones(positions.size - 1, dtype=np.float64)
    widest = np.max(positions[1:] - positions[:-1])
    for s in range(bounds.size - 1):
        first, last = bounds[s], bounds[s + 1]
        if last > first:
            _search(tables, ids, channel, positions, first, last, beams[s], start, end, widest, choice)
            _confidences(tables, ids, channel, positions, first, last, start, end, choice, confidence)
    return choice, confidence


@numba.njit(cache=True)
def _search(
    tables: tuple[Any, ...],
    ids: np.ndarray,
    channel: np.ndarray,
    positions: np.ndarray,
    first: int,
    last: int,
    beam: int,
    start: int,
    end: int,
    widest: int,
    choice: np.ndarray,
) -> None:
    """Beam search over one sentence; writes the best path into ``choice``.

    A hypothesis's state is its last two words; of hypotheses reaching the same
    state only the best goes on, and only the ``beam`` best states.
    """
    length = last - first
    parents = np.zeros((length, beam), dtype=np.int64)
    picks = np.zeros((length, beam), dtype=np.int64)
    h2, h1, score = np.full(beam, start), np.full(beam, start), np.zeros(beam)
    next_h2, next_h1, next_score = np.empty(beam, np.int64), np.empty(beam, np.int64), np.empty(beam)
    grown = np.empty(beam * widest)
    grown_parent, grown_pick = np.empty(beam * widest, np.int64), np.empty(beam * widest, np.int64)
    alive = 1
    for t in range(length):
        base, count = positions[first + t], positions[first + t + 1] - positions[first + t]
        n = 0
        for q in range(alive):
            context = context_one(tables, h2[q], h1[q])
            for j in range(count):
                word = ids[base + j]
                grown[n] = score[q] + logprob_one(tables, h2[q], h1[q], word, context) + channel[base + j]
                grown_parent[n], grown_pick[n] = q, j
                n += 1
        kept = 0
        for e in np.argsort(-grown[:n]):
            q, word = grown_parent[e], ids[base + grown_pick[e]]
            seen = False
            for r in range(kept):
                if next_h2[r] == h1[q] and next_h1[r] == word:
                    seen = True
                    break
            if seen:
                continue
            next_h2[kept], next_h1[kept], next_score[kept] = h1[q], word, grown[e]
            parents[t, kept], picks[t, kept] = q, grown_pick[e]
            kept += 1
            if kept == beam:
                break
        h2, next_h2 = next_h2, h2
        h1, next_h1 = next_h1, h1
        score, next_score = next_score, score
        alive = kept
    best, best_score = 0, -np.inf
    for q in range(alive):
        final = score[q] + logprob_one(tables, h2[q], h1[q], end, context_one(tables, h2[q], h1[q]))
        if final > best_score:
            best, best_score = q, final
    for t in range(length - 1, -1, -1):
        choice[first + t] = picks[t, best]
        best = parents[t, best]


@numba.njit(cache=True)
def _confidences(
    tables: tuple[Any, ...],
    ids: np.ndarray,
    channel: np.ndarray,
    positions: np.ndarray,
    first: int,
    last: int,
    start: int,
    end: int,
    choice: np.ndarray,
    confidence: np.ndarray,
) -> None:
    """P(chosen | the chosen words two either side) among each position's candidates."""
    path = np.empty(last - first + 4, dtype=np.int64)  # two starts, the picks, two ends
    path[0], path[1], path[-2], path[-1] = start, start, end, end
    for t in range(last - first):
        path[t + 2] = ids[positions[first + t] + choice[first + t]]
    for t in range(last - first):
        base, count = positions[first + t], positions[first + t + 1] - positions[first + t]
        a, b, d, e = path[t], path[t + 1], path[t + 3], path[t + 4]
        before = context_one(tables, a, b)
        scores = np.empty(count)
        for j in range(count):
            x = ids[base + j]
            scores[j] = (
                logprob_one(tables, a, b, x, before)
                + logprob_one(tables, b, x, d, context_one(tables, b, x))
                + logprob_one(tables, x, d, e, context_one(tables, x, d))
                + channel[base + j]
            )
        weights = np.exp(scores - scores.max())
        confidence[first + t] = weights[choice[first + t]] / weights.sum()
