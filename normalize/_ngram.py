"""A syllable trigram model in backoff form, in compact numpy arrays.

Probabilities come from interpolated modified Kneser-Ney (``normalize.training``)
and are stored the way ARPA files and KenLM store them: a log probability for
every kept n-gram, and a backoff weight for every kept context. So

    log P(c | a b) = lp3(a b c)                          if a b c is kept
                   = bow3(a b) + log P(c | b)            otherwise
    log P(c | b)   = lp2(b c)   or   bow2(b) + lp1(c)

N-grams are packed into one integer key (``(a * V + b) * V + c``), saved as
sorted arrays with their values in int16 thousandths, and looked up through
hash tables built at load (``_hashindex``, 8 bytes a slot): a Python dict of
millions of entries would take seconds to load and hundreds of MB.
``logprob_one`` is the compiled form the decoder calls per word;
``NgramModel.logprob`` the array form for everything else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numba
import numpy as np

from normalize._hashindex import HashIndex, find

__all__ = ["NgramModel", "context_one", "logprob_one"]

FORMAT_VERSION = 3


NGRAMS = ("bigram", "context", "trigram")
"""The hashed tables: lp2 by ``b * V + c``, bow3 by ``a * V + b``, lp3 by ``(a * V + b) * V + c``."""


class NgramModel:
    """The model, its n-grams in hash tables (``_hashindex``) with quantised values."""

    def __init__(
        self,
        vocabulary: tuple[str, ...],
        width: int,
        unigram: np.ndarray,
        bigram_backoff: np.ndarray,
        capitalised: np.ndarray,
        index: dict[str, HashIndex],
    ) -> None:
        """``index`` holds a table for each of ``NGRAMS``, values quantised by ``_hashindex.quantise``."""
        self.vocabulary = vocabulary
        """Token of each id; the specials (``<unk>``, ``<s>``…) first."""
        self.width = width
        """V in the packed keys: a power of two above the vocabulary size."""
        self.unigram = np.asarray(unigram, dtype=np.float32)
        """lp1 for every id."""
        self.bigram_backoff = np.asarray(bigram_backoff, dtype=np.float32)
        """bow2 for every id, 0 where the id was never a context."""
        self.capitalised = capitalised
        """Per id, the share of its mid-sentence uses written with a capital (float16)."""
        self.ids = {token: i for i, token in enumerate(vocabulary)}
        self.index = index
        self.tables: tuple[Any, ...] = (
            width,
            self.unigram,
            self.bigram_backoff,
            *(self.index[name].table for name in NGRAMS),
        )
        """What compiled code reads, in the order ``logprob_one`` takes it."""

    def id_of(self, token: str) -> int:
        """The token's id; 0 (``<unk>``) for a token outside the vocabulary."""
        return self.ids.get(token, 0)

    def logprob(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Natural log P(c | a b) for arrays of ids (broadcast together)."""
        a, b, c = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64) for x in (a, b, c)))
        out = _logprob_many(self.tables, a.ravel(), b.ravel(), c.ravel())
        return out.reshape(a.shape)

    def save(self, path: Path) -> None:
        arrays = {"unigram": self.unigram, "bigram_backoff": self.bigram_backoff, "capitalised": self.capitalised}
        for name in NGRAMS:
            arrays[f"{name}_keys"], arrays[f"{name}_values"] = self.index[name].items()
        vocabulary = np.array("\n".join(self.vocabulary).encode("utf-8"))
        partial = path.with_name(path.name + ".partial.npz")
        np.savez_compressed(partial, version=FORMAT_VERSION, width=self.width, vocabulary=vocabulary, **arrays)
        partial.replace(path)  # a reader never sees half a model

    @classmethod
    def load(cls, path: Path) -> NgramModel:
        with np.load(path) as data:
            if int(data["version"]) != FORMAT_VERSION:
                raise ValueError(f"{path}: model format {int(data['version'])}, expected {FORMAT_VERSION}")
            vocabulary = tuple(bytes(data["vocabulary"]).decode("utf-8").split("\n"))
            index = {name: HashIndex(data[f"{name}_keys"], data[f"{name}_values"]) for name in NGRAMS}  # one at a time
            return cls(
                vocabulary, int(data["width"]), data["unigram"], data["bigram_backoff"], data["capitalised"], index
            )


@numba.njit(cache=True, inline="always")
def context_one(tables: tuple[Any, ...], a: int, b: int) -> float:
    """bow3(a b): what backing off from the context ``a b`` costs (log)."""
    width, _, _, _, _, _, table, shift, mask, _, _, _ = _flat(tables)
    return find(table, shift, mask, a * width + b, 0.0)


@numba.njit(cache=True, inline="always")
def logprob_one(tables: tuple[Any, ...], a: int, b: int, c: int, context: float) -> float:
    """log P(c | a b), given ``context = context_one(tables, a, b)``."""
    width, unigram, bigram_backoff, bigrams, b_shift, b_mask, _, _, _, trigrams, t_shift, t_mask = _flat(tables)
    found = find(trigrams, t_shift, t_mask, (a * width + b) * width + c, np.inf)
    if found != np.inf:
        return found
    return context + find(bigrams, b_shift, b_mask, b * width + c, bigram_backoff[b] + unigram[c])


@numba.njit(cache=True, inline="always")
def _flat(tables: tuple[Any, ...]) -> tuple[Any, ...]:
    width, unigram, bigram_backoff, bigram, context, trigram = tables
    return (width, unigram, bigram_backoff, *bigram, *context, *trigram)


@numba.njit(cache=True)
def _logprob_many(tables: tuple[Any, ...], a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    out = np.empty(a.size, dtype=np.float64)
    for i in range(a.size):
        out[i] = logprob_one(tables, a[i], b[i], c[i], context_one(tables, a[i], b[i]))
    return out
