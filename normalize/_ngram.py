"""A syllable trigram model in backoff form, stored as sorted numpy arrays.

Probabilities come from interpolated modified Kneser-Ney (``normalize.training``)
and are stored the way ARPA files and KenLM store them: a log probability for
every kept n-gram, and a backoff weight for every kept context. So

    log P(c | a b) = lp3(a b c)                          if a b c is kept
                   = bow3(a b) + log P(c | b)            otherwise
    log P(c | b)   = lp2(b c)   or   bow2(b) + lp1(c)

N-grams are packed into one integer key (``(a * V + b) * V + c``), stored as
sorted arrays and looked up through hash tables built at load
(``_hashindex``): a Python dict of millions of entries would take seconds to
load and hundreds of MB, these arrays load in under a second and take a few
tens of MB. ``logprob_one`` is the compiled form the decoder calls per word;
``NgramModel.logprob`` the array form for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numba
import numpy as np

from normalize._hashindex import HashIndex, find

__all__ = ["NgramModel", "context_one", "logprob_one"]

FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class NgramModel:
    vocabulary: tuple[str, ...]
    """Token of each id; the specials (``<unk>``, ``<s>``…) first."""
    width: int
    """V in the packed keys: a power of two above the vocabulary size."""
    unigram: np.ndarray
    """lp1 for every id (float32)."""
    bigram_backoff: np.ndarray
    """bow2 for every id (float32), 0 where the id was never a context."""
    bigram_keys: np.ndarray
    bigram_logprob: np.ndarray
    context_keys: np.ndarray
    """Kept trigram contexts ``a * V + b``, sorted, with their bow3."""
    context_backoff: np.ndarray
    trigram_keys: np.ndarray
    trigram_logprob: np.ndarray
    capitalised: np.ndarray
    """Per id, the share of its mid-sentence uses written with a capital (float16)."""
    ids: dict[str, int] = field(init=False, repr=False)
    tables: tuple[Any, ...] = field(init=False, repr=False)
    """What compiled code reads: (width, unigram, bigram backoff, then the bigram,
    context and trigram hash tables), in the order ``logprob_one`` takes them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", {token: i for i, token in enumerate(self.vocabulary)})
        hashed = [
            HashIndex(keys, values).table
            for keys, values in (
                (self.bigram_keys, self.bigram_logprob),
                (self.context_keys, self.context_backoff),
                (self.trigram_keys, self.trigram_logprob),
            )
        ]
        unigram, bigram_backoff = self.unigram.astype(np.float32), self.bigram_backoff.astype(np.float32)
        object.__setattr__(self, "tables", (self.width, unigram, bigram_backoff, *hashed))

    def id_of(self, token: str) -> int:
        """The token's id; 0 (``<unk>``) for a token outside the vocabulary."""
        return self.ids.get(token, 0)

    def logprob(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        """Natural log P(c | a b) for arrays of ids (broadcast together)."""
        a, b, c = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64) for x in (a, b, c)))
        out = _logprob_many(self.tables, a.ravel(), b.ravel(), c.ravel())
        return out.reshape(a.shape)

    def save(self, path: Path) -> None:
        arrays = {name: getattr(self, name) for name in _ARRAYS}
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
            arrays = {name: data[name] for name in _ARRAYS}
            return cls(vocabulary=vocabulary, width=int(data["width"]), **arrays)


_ARRAYS = (
    "unigram",
    "bigram_backoff",
    "bigram_keys",
    "bigram_logprob",
    "context_keys",
    "context_backoff",
    "trigram_keys",
    "trigram_logprob",
    "capitalised",
)


@numba.njit(cache=True, inline="always")
def context_one(tables: tuple[Any, ...], a: int, b: int) -> float:
    """bow3(a b): what backing off from the context ``a b`` costs (log)."""
    width, _, _, _, _, _, _, ck, cv, cs, cm, _, _, _, _ = _flat(tables)
    return find(ck, cv, cs, cm, a * width + b, 0.0)


@numba.njit(cache=True, inline="always")
def logprob_one(tables: tuple[Any, ...], a: int, b: int, c: int, context: float) -> float:
    """log P(c | a b), given ``context = context_one(tables, a, b)``."""
    width, unigram, bigram_backoff, bk, bv, bs, bm, _, _, _, _, tk, tv, ts, tm = _flat(tables)
    key = (a * width + b) * width + c
    found = find(tk, tv, ts, tm, key, np.float32(np.inf))
    if found != np.inf:
        return found
    return context + find(bk, bv, bs, bm, b * width + c, bigram_backoff[b] + unigram[c])


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
