"""Pick the likeliest sentences from lattices of candidates: beam search under the trigram model.

The state of a hypothesis is its last two words, as for exact Viterbi
decoding of a trigram model; hypotheses that reach the same state are merged
(the better one kept), and only the ``beam`` best states of each sentence go
on. Sentences end at sentence punctuation, not at line breaks: official
letters are hard-wrapped mid-phrase ("Thời / hạn hoàn thành").

All sentences of a text are decoded in lockstep, step ``t`` of every sentence
in one set of numpy operations, so the cost of a step is paid once per text
rather than once per sentence: that is what makes tens of thousands of
syllables a second possible in Python.

Each pick also gets a confidence: its share of probability among its
position's candidates, with the chosen words on both sides held fixed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from normalize._candidates import Candidate
from normalize._ngram import NgramModel
from normalize._tokens import SENTENCE_END, SENTENCE_START

__all__ = ["Lattice", "decode"]

Lattice = Sequence[Sequence[Candidate]]
"""The candidates of each position of one sentence."""


def decode(
    model: NgramModel, sentences: Sequence[Lattice], beam: int = 8, cases: Sequence[Sequence[int]] | None = None
) -> list[tuple[list[int], list[float]]]:
    """For each sentence: the chosen candidate's index at each position, and its confidence (0–1).

    ``cases`` gives, per position, 1 for a word capitalised mid-sentence, 0 for one
    in lower case, -1 where case says nothing; candidates are weighed by how often
    the model saw them capitalised.
    """
    if not any(sentences):
        return [([], []) for _ in sentences]
    table = _Table(sentences)
    if cases is not None:
        table.channel += _case_weights(model, table, cases)
    finals = _search(model, table, beam)
    chosen = [_trace(table, finals, g) if lattice else [] for g, lattice in enumerate(sentences)]
    confidences = _confidences(model, table, chosen)
    return list(zip(chosen, confidences, strict=True))


class _Table:
    """All candidates of all sentences in flat arrays, addressed by (sentence, position)."""

    def __init__(self, sentences: Sequence[Lattice]) -> None:
        self.lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        longest = int(self.lengths.max(initial=0))
        self.count = np.zeros((len(sentences), longest), dtype=np.int64)
        for g, lattice in enumerate(sentences):
            self.count[g, : len(lattice)] = [len(c) for c in lattice]
        self.start = (np.cumsum(self.count.ravel()) - self.count.ravel()).reshape(self.count.shape)
        flat = [c for lattice in sentences for candidates in lattice for c in candidates]
        self.ids = np.array([c.id for c in flat], dtype=np.int64)
        self.channel = np.array([c.channel for c in flat], dtype=np.float64)
        self.steps: list[tuple[np.ndarray, np.ndarray]] = []
        """Per step: for each new hypothesis, its parent's index in the previous step and its candidate."""


def _case_weights(model: NgramModel, table: _Table, cases: Sequence[Sequence[int]]) -> np.ndarray:
    flags = np.array([c for sentence in cases for c in sentence], dtype=np.int8)
    flag = np.repeat(flags, table.count[table.count > 0])
    share = np.where(table.ids == 0, 0.5, model.capitalised[table.ids].astype(np.float64))
    likelihood = np.where(flag == 1, share, 1.0 - share)
    return np.where(flag >= 0, np.log(np.maximum(likelihood, 1e-4)), 0.0)


def _search(model: NgramModel, table: _Table, beam: int) -> dict[int, tuple[int, int]]:
    """Run the beam over all sentences; the best final hypothesis (step, index) of each."""
    start, end = model.id_of(SENTENCE_START), model.id_of(SENTENCE_END)
    width = model.width
    live = np.flatnonzero(table.lengths > 0)
    sentence, h2, h1 = live, np.full(len(live), start), np.full(len(live), start)
    score, index = np.zeros(len(live)), np.arange(len(live))
    finals: dict[int, tuple[int, int]] = {}
    for t in range(table.count.shape[1]):
        counts = table.count[sentence, t]
        parent = np.repeat(np.arange(len(sentence)), counts)
        within = np.arange(len(parent)) - np.repeat(np.cumsum(counts) - counts, counts)
        candidate = table.start[sentence, t][parent] + within
        ids = table.ids[candidate]
        context = model.context_weight(h2, h1)[parent]
        total = score[parent] + model.logprob(h2[parent], h1[parent], ids, context) + table.channel[candidate]
        groups = sentence[parent]
        kept = _best_states(total, (groups * width + h1[parent]) * width + ids, groups, beam)
        table.steps.append((index[parent[kept]], candidate[kept]))
        sentence, h2, h1, score = groups[kept], h1[parent[kept]], ids[kept], total[kept]
        index = np.arange(len(kept))
        done = table.lengths[sentence] == t + 1
        if done.any():
            final = score[done] + model.logprob(h2[done], h1[done], np.full(int(done.sum()), end))
            for g in np.unique(sentence[done]):
                mine = np.flatnonzero(sentence[done] == g)
                finals[int(g)] = (t, int(index[done][mine[np.argmax(final[mine])]]))
            sentence, h2, h1, score, index = (a[~done] for a in (sentence, h2, h1, score, index))
    return finals


def _best_states(scores: np.ndarray, states: np.ndarray, groups: np.ndarray, beam: int) -> np.ndarray:
    """Indices of the best hypothesis of each distinct state, at most ``beam`` per sentence."""
    order = np.lexsort((-scores, states))
    best = order[np.flatnonzero(np.diff(states[order], prepend=-1))]
    best = best[np.lexsort((-scores[best], groups[best]))]
    first_of_group = np.flatnonzero(np.diff(groups[best], prepend=-1))
    rank = np.arange(len(best)) - np.repeat(first_of_group, np.diff(np.append(first_of_group, len(best))))
    return best[rank < beam]


def _trace(table: _Table, finals: dict[int, tuple[int, int]], g: int) -> list[int]:
    t, i = finals[g]
    chosen = []
    while t >= 0:
        parents, candidates = table.steps[t]
        chosen.append(int(candidates[i] - table.start[g, t]))
        i, t = int(parents[i]), t - 1
    return chosen[::-1]


def _confidences(model: NgramModel, table: _Table, chosen: list[list[int]]) -> list[list[float]]:
    """P(chosen | neighbours) among each position's candidates, for all sentences in three model calls."""
    start, end = model.id_of(SENTENCE_START), model.id_of(SENTENCE_END)
    padded, base = [], []  # each sentence's picks between two starts and two ends; where each begins
    for g, picks in enumerate(chosen):
        base.append(len(padded))
        padded.extend([start, start, *(table.ids[table.start[g, t] + i] for t, i in enumerate(picks)), end, end])
    padded_ids = np.array(padded, dtype=np.int64)
    sizes = table.count[table.count > 0]
    sentence_of, position_of = np.nonzero(table.count)
    positions = np.repeat(np.array(base)[sentence_of] + position_of, sizes)
    a, b, d, e = (padded_ids[positions + k] for k in (0, 1, 3, 4))
    ids = table.ids
    score = model.logprob(a, b, ids) + model.logprob(b, ids, d) + model.logprob(ids, d, e) + table.channel
    offsets = np.cumsum(sizes) - sizes
    weights = np.exp(score - np.repeat(np.maximum.reduceat(score, offsets), sizes))
    picked = offsets + np.array([i for picks in chosen for i in picks], dtype=np.int64)
    flat = (weights[picked] / np.add.reduceat(weights, offsets)).tolist()
    lengths = np.cumsum([0, *(len(picks) for picks in chosen)])
    return [flat[lengths[g] : lengths[g + 1]] for g in range(len(chosen))]
