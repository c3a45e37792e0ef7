"""An open-addressing hash table from integer keys to float values, read a whole array at a time.

The decoder asks for thousands of n-grams per step. Binary search in a sorted
array of millions of keys costs about twenty cache misses a key; linear
probing in a half-empty table costs one or two. numpy has no hash table, and a
Python dict of millions of entries takes seconds to build and hundreds of MB,
so this one is built with array operations when the model loads. The few keys
still unresolved after a few probes (long clusters) are settled by
binary search in the sorted keys, so a lookup costs a bounded number of array
operations however unlucky the clustering.
"""

from __future__ import annotations

import numpy as np

__all__ = ["HashIndex"]

_EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the top bits
_PROBES = 8


class HashIndex:
    """``keys`` (sorted, distinct, non-negative) to ``values``."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        self._sorted_keys, self._sorted_values = keys, values.astype(np.float32)
        self._bits = max(int(2 * len(keys)).bit_length(), 4)  # at most half full
        self._mask = (1 << self._bits) - 1
        self._keys = np.full(1 << self._bits, _EMPTY, dtype=np.int64)
        self._values = np.zeros(1 << self._bits, dtype=np.float32)
        pending, slot = np.arange(len(keys)), self._home(keys)
        while len(pending):
            free = self._keys[slot] == _EMPTY
            self._keys[slot[free]] = keys[pending[free]]  # of several claims on one slot, one lands
            landed = free.copy()
            landed[free] = self._keys[slot[free]] == keys[pending[free]]
            self._values[slot[landed]] = self._sorted_values[pending[landed]]
            pending, slot = pending[~landed], (slot[~landed] + 1) & self._mask

    def get(self, wanted: np.ndarray, otherwise: np.ndarray | float) -> np.ndarray:
        """The value of each wanted key; ``otherwise`` (broadcast) where the key is absent."""
        shape = np.shape(wanted)
        wanted = np.ascontiguousarray(wanted, dtype=np.int64).ravel()
        result = np.broadcast_to(np.asarray(otherwise, dtype=np.float32), shape).ravel().copy()
        slot = self._home(wanted)
        todo = np.arange(len(wanted))
        for _ in range(_PROBES):
            there = self._keys[slot]
            hit = there == wanted[todo]
            result[todo[hit]] = self._values[slot[hit]]
            going_on = ~hit & (there != _EMPTY)
            todo, slot = todo[going_on], (slot[going_on] + 1) & self._mask
            if not len(todo):
                return result.reshape(shape)
        self._search(wanted[todo], todo, result)
        return result.reshape(shape)

    def _search(self, wanted: np.ndarray, where: np.ndarray, result: np.ndarray) -> None:
        if not len(self._sorted_keys):
            return
        index = np.minimum(np.searchsorted(self._sorted_keys, wanted), len(self._sorted_keys) - 1)
        hit = self._sorted_keys[index] == wanted
        result[where[hit]] = self._sorted_values[index[hit]]

    def _home(self, keys: np.ndarray) -> np.ndarray:
        hashed = keys.astype(np.uint64) * _GOLDEN
        return (hashed >> np.uint64(64 - self._bits)).astype(np.int64)
