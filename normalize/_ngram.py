"""A syllable trigram model in backoff form, stored as sorted numpy arrays.

Probabilities come from interpolated modified Kneser-Ney (``normalize.training``)
and are stored the way ARPA files and KenLM store them: a log probability for
every kept n-gram, and a backoff weight for every kept context. So

    log P(c | a b) = lp3(a b c)                          if a b c is kept
                   = bow3(a b) + log P(c | b)            otherwise
    log P(c | b)   = lp2(b c)   or   bow2(b) + lp1(c)

N-grams are packed into one integer key (``(a * V + b) * V + c``), stored as
sorted arrays and looked up through a hash table built at load
(``_hashindex``), a whole beam of them per call: a Python dict of millions of
entries would take seconds to load and hundreds of MB, these arrays load in
under a second and take a few tens of MB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from normalize._hashindex import HashIndex

__all__ = ["NgramModel"]

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
    _index: dict[str, HashIndex] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ids", {token: i for i, token in enumerate(self.vocabulary)})
        tables = {
            "bigram": (self.bigram_keys, self.bigram_logprob),
            "context": (self.context_keys, self.context_backoff),
            "trigram": (self.trigram_keys, self.trigram_logprob),
        }
        object.__setattr__(self, "_index", {name: HashIndex(*arrays) for name, arrays in tables.items()})

    def id_of(self, token: str) -> int:
        """The token's id; 0 (``<unk>``) for a token outside the vocabulary."""
        return self.ids.get(token, 0)

    def logprob(self, a: np.ndarray, b: np.ndarray, c: np.ndarray, context: np.ndarray | None = None) -> np.ndarray:
        """Natural log P(c | a b) for arrays of ids (broadcast together).

        ``context`` is ``context_weight(a, b)`` when the caller already has it:
        a beam asks about many words after the same few contexts.
        """
        a, b, c = np.broadcast_arrays(*(np.asarray(x, dtype=np.int64) for x in (a, b, c)))
        width = self.width
        lower = self._index["bigram"].get(b * width + c, self.bigram_backoff[b] + self.unigram[c])
        backed_off = (self.context_weight(a, b) if context is None else context) + lower
        return self._index["trigram"].get((a * width + b) * width + c, backed_off)

    def context_weight(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """bow3(a b): what backing off from the context ``a b`` costs (log)."""
        a, b = np.broadcast_arrays(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))
        return self._index["context"].get(a * self.width + b, 0.0)

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
