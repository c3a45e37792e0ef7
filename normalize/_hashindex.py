"""An open-addressing hash table from integer keys to float values, built and read in compiled loops.

The decoder asks for hundreds of thousands of n-grams a document. Binary
search in a sorted array of millions of keys costs about twenty cache misses a
key; linear probing in a table at most half full costs one or two. A Python
dict of millions of entries would take seconds to build and hundreds of MB, so
the table is two flat arrays (keys, values), built when the model loads and
probed by numba-compiled functions (``find``) that the decoder calls inline.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["EMPTY", "HashIndex", "find"]

EMPTY = -1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the top bits


class HashIndex:
    """``keys`` (distinct, non-negative) to ``values``; ``table`` is what compiled code probes."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        bits = max((len(keys) * 3 // 2).bit_length(), 4)  # at most two thirds full
        self.table = _build(np.ascontiguousarray(keys, dtype=np.int64), values.astype(np.float32), bits)

    def get(self, wanted: np.ndarray, otherwise: np.ndarray | float) -> np.ndarray:
        """The value of each wanted key; ``otherwise`` (broadcast) where the key is absent."""
        wanted = np.asarray(wanted, dtype=np.int64)
        fallback = np.broadcast_to(np.asarray(otherwise, dtype=np.float32), wanted.shape)
        out = _get_many(*self.table, np.ascontiguousarray(wanted).ravel(), np.ascontiguousarray(fallback).ravel())
        return out.reshape(wanted.shape)


@numba.njit(cache=True, inline="always")
def _home(key: int, shift: np.uint64) -> int:
    return np.int64((np.uint64(key) * _GOLDEN) >> shift)


@numba.njit(cache=True)
def _build(keys: np.ndarray, values: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray, np.uint64, int]:
    """Insert the keys in the order of their home slots: the writes then sweep the
    table once instead of landing at random, several times faster for millions of keys."""
    size = 1 << bits
    table_keys = np.full(size, EMPTY, dtype=np.int64)
    table_values = np.zeros(size, dtype=np.float32)
    shift, mask = np.uint64(64 - bits), size - 1
    homes = np.empty(keys.size, dtype=np.int64)
    for i in range(keys.size):
        homes[i] = _home(keys[i], shift)
    for i in _by_home(homes, bits):
        slot = homes[i]
        while table_keys[slot] != EMPTY:
            slot = (slot + 1) & mask
        table_keys[slot] = keys[i]
        table_values[slot] = values[i]
    return table_keys, table_values, shift, mask


@numba.njit(cache=True)
def _by_home(homes: np.ndarray, bits: int) -> np.ndarray:
    """Indices of ``homes`` in increasing order of their top 16 bits (a counting sort)."""
    drop = max(bits - 16, 0)
    counts = np.zeros((1 << min(bits, 16)) + 1, dtype=np.int64)
    for home in homes:
        counts[(home >> drop) + 1] += 1
    starts = np.cumsum(counts)
    order = np.empty(homes.size, dtype=np.int64)
    for i in range(homes.size):
        bucket = homes[i] >> drop
        order[starts[bucket]] = i
        starts[bucket] += 1
    return order


@numba.njit(cache=True, inline="always")
def find(
    table_keys: np.ndarray, table_values: np.ndarray, shift: np.uint64, mask: int, key: int, otherwise: float
) -> float:
    """The value stored for ``key``, or ``otherwise``."""
    slot = _home(key, shift)
    while True:
        there = table_keys[slot]
        if there == key:
            return table_values[slot]
        if there == EMPTY:
            return otherwise
        slot = (slot + 1) & mask


@numba.njit(cache=True)
def _get_many(
    table_keys: np.ndarray,
    table_values: np.ndarray,
    shift: np.uint64,
    mask: int,
    wanted: np.ndarray,
    otherwise: np.ndarray,
) -> np.ndarray:
    out = np.empty(wanted.size, dtype=np.float32)
    for i in range(wanted.size):
        out[i] = find(table_keys, table_values, shift, mask, wanted[i], otherwise[i])
    return out
