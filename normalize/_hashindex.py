"""An open-addressing hash table from integer keys to float values, built and read in compiled loops.

The decoder asks for hundreds of thousands of n-grams a document. Binary
search in a sorted array of millions of keys costs about twenty cache misses a
key; linear probing in a table at most two thirds full costs one or two. A
Python dict of millions of entries would take seconds to build and hundreds of
MB, so the table is one flat int64 array (each slot a key and its value),
built when the model loads and probed by numba-compiled functions (``find``)
that the decoder calls inline.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["EMPTY", "KEY_BITS", "HashIndex", "find", "quantise"]

EMPTY = -1
QUANTUM = 1000
"""Values are kept as whole thousandths in 16 bits (log probabilities lie within ±32)."""
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: multiply, keep the top bits
KEY_BITS = 47
"""A key shares its slot's 64 bits with its 16-bit value: trigram keys allow a vocabulary of 2**15."""


def quantise(values: np.ndarray) -> np.ndarray:
    """Values as the table keeps them: int16 thousandths."""
    return np.clip(np.rint(np.asarray(values, dtype=np.float64) * QUANTUM), -32768, 32767).astype(np.int16)


class HashIndex:
    """``keys`` (distinct, non-negative, below 2**47) to quantised ``values``, in one int64 array:
    ``key << 16 | value``, 8 bytes a slot. ``table`` is what compiled code probes."""

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.ascontiguousarray(keys, dtype=np.int64)
        if keys.size and int(keys.max()) >> KEY_BITS:
            raise ValueError("hash index keys must be below 2**47")
        bits = max((len(keys) * 3 // 2).bit_length(), 4)  # at most two thirds full
        self.size = len(keys)
        self.table = _build(keys, np.ascontiguousarray(values, dtype=np.int16), bits)

    def items(self) -> tuple[np.ndarray, np.ndarray]:
        """The keys in order and their quantised values (what ``save`` writes)."""
        packed = self.table[0]
        packed = packed[packed != EMPTY]
        keys, values = packed >> 16, (packed & 0xFFFF).astype(np.uint16).view(np.int16)
        order = np.argsort(keys)
        return keys[order], values[order]

    def get(self, wanted: np.ndarray, otherwise: np.ndarray | float) -> np.ndarray:
        """The value of each wanted key; ``otherwise`` (broadcast) where the key is absent."""
        wanted = np.asarray(wanted, dtype=np.int64)
        fallback = np.broadcast_to(np.asarray(otherwise, dtype=np.float64), wanted.shape)
        out = _get_many(*self.table, np.ascontiguousarray(wanted).ravel(), np.ascontiguousarray(fallback).ravel())
        return out.reshape(wanted.shape)


@numba.njit(cache=True, inline="always")
def _home(key: int, shift: np.uint64) -> int:
    return np.int64((np.uint64(key) * _GOLDEN) >> shift)


@numba.njit(cache=True)
def _build(keys: np.ndarray, values: np.ndarray, bits: int) -> tuple[np.ndarray, np.uint64, int]:
    """Insert the keys in the order of their home slots: the writes then sweep the
    table once instead of landing at random, several times faster for millions of keys."""
    size = 1 << bits
    table = np.full(size, EMPTY, dtype=np.int64)
    shift, mask = np.uint64(64 - bits), size - 1
    for i in _by_home(keys, shift, bits):
        slot = _home(keys[i], shift)
        while table[slot] != EMPTY:
            slot = (slot + 1) & mask
        table[slot] = (keys[i] << 16) | (np.int64(values[i]) & 0xFFFF)
    return table, shift, mask


@numba.njit(cache=True)
def _by_home(keys: np.ndarray, shift: np.uint64, bits: int) -> np.ndarray:
    """Indices of ``keys`` in increasing order of the top 16 bits of their home slots (a counting sort)."""
    drop = max(bits - 16, 0)
    starts = np.zeros((1 << min(bits, 16)) + 1, dtype=np.int64)
    for key in keys:
        starts[(_home(key, shift) >> drop) + 1] += 1
    starts = np.cumsum(starts)
    order = np.empty(keys.size, dtype=np.int64)
    for i in range(keys.size):
        bucket = _home(keys[i], shift) >> drop
        order[starts[bucket]] = i
        starts[bucket] += 1
    return order


@numba.njit(cache=True, inline="always")
def find(table: np.ndarray, shift: np.uint64, mask: int, key: int, otherwise: float) -> float:
    """The value stored for ``key``, or ``otherwise``."""
    slot = _home(key, shift)
    while True:
        there = table[slot]
        if there == EMPTY:
            return otherwise
        if there >> 16 == key:
            value = there & 0xFFFF
            return (value - 0x10000 if value >= 0x8000 else value) / QUANTUM
        slot = (slot + 1) & mask


@numba.njit(cache=True)
def _get_many(table: np.ndarray, shift: np.uint64, mask: int, wanted: np.ndarray, otherwise: np.ndarray) -> np.ndarray:
    out = np.empty(wanted.size, dtype=np.float64)
    for i in range(wanted.size):
        out[i] = find(table, shift, mask, wanted[i], otherwise[i])
    return out
