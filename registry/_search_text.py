"""Words as search sees them, and highlighted snippets of the original text.

A word is a run of letters and digits of the folded text (``normalize.fold``:
lower case, no accents, đ as d). A number keeps its groups together and loses
its leading zeros, so "1.775" and "1775" are one word, and "01" is "1". What
is written without a space but has several words ("960/LĐLĐ") is also one
word, their :func:`compound`.

Search matches folded words but shows the text as written: each match in the
folded text is mapped back to its span in the original, so that ``<mark>``
goes around "Châu", not "chau". For NFC text (what the pipeline stores)
folding keeps one character per character and the map is the identity; for
anything else (a decomposed "ệ", a lone combining mark, a letter whose lower
case is two characters) each character is folded on its own and its origin
remembered; a combining mark that folding drops stays with the word before it.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from normalize import fold

__all__ = ["SNIPPET_WORDS", "Terms", "compound", "highlight", "indexed_words", "words"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")
_SPACE = re.compile(r"\s+")
_LONGEST_COMPOUND = 64
"""Longer stretches without a space (a URL, OCR noise) are not worth a word of their own."""
_CHARS_PER_WORD = 16
"""Enough folded characters to hold a word and what follows it, when looking for context."""

SNIPPET_WORDS = 25
"""About twelve words of context either side of the matches."""


def words(text: str) -> list[str]:
    """The words of ``text``: what the index holds and what a query looks for."""
    return [_word(token) for token in _TOKEN.findall(fold(text))]


def compound(parts: Sequence[str]) -> str:
    """One word for the words of something written without a space ("960/LĐLĐ", "20/9/2024", "V/v").

    The index holds it besides the parts, and a query looks for it instead of the
    parts in a row: a phrase would make PostgreSQL re-read every candidate's
    vector. The parts are joined by "z", a letter Vietnamese does not use, so that
    "2/09/2024" (2z9z2024) is not "29/2024" (29z2024).
    """
    return "z".join(parts)


def indexed_words(text: str) -> list[str]:
    """The words of ``text``, then the compound of each stretch without a space that has several."""
    found = words(text)
    for chunk in fold(text).split():
        parts = [_word(token) for token in _TOKEN.findall(chunk)]
        if len(parts) > 1 and len(joined := compound(parts)) <= _LONGEST_COMPOUND:
            found.append(joined)
    return found


def _word(token: str) -> str:
    if not token[0].isdigit():
        return token
    return token.replace(".", "").replace(",", "").lstrip("0") or "0"


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    """Where it is in the folded text."""
    ordinal: int
    """How many words come before it."""
    size: int
    """Its words."""
    key: int
    """Which query phrase it is."""


class Terms:
    """What a query looks for: phrases, the words of each typed word (one, or those of a compound);
    with ``prefix``, the last phrase is one word that also matches the words it starts."""

    __slots__ = ("_by_first", "_candidates", "_last", "_phrases", "_wanted")

    def __init__(self, phrases: Sequence[Sequence[str]], *, prefix: bool = False) -> None:
        self._phrases = [tuple(p) for p in phrases]
        self._last = self._phrases[-1][0] if prefix else None
        self._wanted = {w for p in self._phrases for w in p}
        self._by_first: dict[str, list[int]] = {}
        # Longest first: "960/LĐLĐ" is taken whole, not as the word "960" that starts it.
        for key in sorted(range(len(self._phrases)), key=lambda k: -len(self._phrases[k])):
            self._by_first.setdefault(self._phrases[key][0], []).append(key)
        self._candidates = _candidates(self._wanted, self._last)

    def find(self, folded: str) -> list[_Match]:
        """The query's phrases in ``folded``, left to right, none overlapping."""
        seen, ordinal, position = [], 0, 0
        for candidate in self._candidates.finditer(folded):
            ordinal += len(_TOKEN.findall(folded, position, candidate.start()))
            word = _word(candidate.group())
            if word in self._wanted or (self._last and word.startswith(self._last)):
                seen.append((ordinal, candidate.start(), candidate.end(), word))
            ordinal, position = ordinal + 1, candidate.end()
        found, i = [], 0
        while i < len(seen):
            key = self._phrase_at(folded, seen, i)
            if key is None:
                i += 1
                continue
            size = len(self._phrases[key])
            found.append(_Match(seen[i][1], seen[i + size - 1][2], seen[i][0], size, key))
            i += size
        return found

    def _phrase_at(self, folded: str, seen: list[tuple[int, int, int, str]], i: int) -> int | None:
        """The phrase that starts at ``seen[i]``: its words one after the other with no space between,
        as in the compound the index holds."""
        ordinal, word = seen[i][0], seen[i][3]
        for key in self._by_first.get(word, ()):
            phrase = self._phrases[key]
            run = seen[i : i + len(phrase)]
            if (
                len(run) == len(phrase)
                and all(s[0] == ordinal + j and s[3] == w for j, (s, w) in enumerate(zip(run, phrase, strict=True)))
                and not any(c.isspace() for c in folded[run[0][1] : run[-1][2]])
            ):
                return key
        if self._last is not None and word.startswith(self._last):
            return len(self._phrases) - 1
        return None


def _candidates(wanted: set[str], last: str | None) -> re.Pattern[str]:
    """Where the words may be, found by the regular expression engine rather than word by word in
    Python: each wanted word whole, the start of ``last``, and any number (numbers are compared
    once their separators and leading zeros are gone). The same words as ``_TOKEN`` cuts."""
    either = sorted((re.escape(w) for w in wanted if not w[0].isdigit()), key=len, reverse=True)
    if last is not None and not last[0].isdigit():
        either.insert(0, re.escape(last) + r"[^\W_]*")
    if any(w[0].isdigit() for w in wanted):
        either.append(r"(?<!\d[.,])\d+(?:[.,]\d+)*")
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(either)})(?![^\W_])")


def highlight(fields: Iterable[str], terms: Terms, size: int = SNIPPET_WORDS) -> str:
    """HTML: the window of about ``size`` words that holds the most query phrases, each in ``<mark>``.

    ``fields`` are tried in order and an earlier one wins a tie; when none
    matches (the text changed since it was indexed), the first field's opening
    words, unmarked.
    """
    best: tuple[tuple[int, int], _Field, list[_Match]] | None = None
    first: _Field | None = None
    for text in fields:
        field = _Field(text)
        if not _TOKEN.search(field.folded):
            continue
        first = first or field
        found = terms.find(field.folded)
        if found:
            score, run = _best_run(found, size)
            if best is None or score > best[0]:
                best = (score, field, run)
    if best is not None:
        return best[1].render(best[2], size)
    return first.render([], size) if first is not None else ""


def _best_run(found: list[_Match], size: int) -> tuple[tuple[int, int], list[_Match]]:
    """The run of matches within ``size`` words with the most distinct phrases, then the most matches."""
    best: tuple[tuple[int, int], list[_Match]] = ((0, 0), [])
    for i, first in enumerate(found):
        run = list(itertools.takewhile(lambda m: m.ordinal + m.size - first.ordinal <= size, found[i:]))  # noqa: B023
        score = (len({m.key for m in run}), len(run))
        if score > best[0]:
            best = (score, run)
    return best


class _Field:
    """One text, its folded copy, and the way back from one to the other."""

    __slots__ = ("folded", "origin", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self.origin = _fold_aligned(text)

    def render(self, run: list[_Match], size: int) -> str:
        if run:
            used = run[-1].ordinal + run[-1].size - run[0].ordinal
            begin = self._words_back(run[0].start, (size - used) // 2)
            used += len(_TOKEN.findall(self.folded, begin, run[0].start))
            end = self._words_on(run[-1].end, size - used)
        else:
            begin, end = 0, self._words_on(0, size)
        # Whole to either end when no word is left out there: the closing "./." stays.
        begin = begin if _TOKEN.search(self.folded, 0, begin) else 0
        end = end if _TOKEN.search(self.folded, end) else len(self.folded)
        parts = ["… "] if begin else []
        position = begin
        for m in run:
            parts += [self._plain(position, m.start), "<mark>", html.escape(self._original(m.start, m.end)), "</mark>"]
            position = m.end
        parts.append(self._plain(position, end))
        if end < len(self.folded):
            parts.append(" …")
        return "".join(parts).strip()

    def _words_back(self, position: int, count: int) -> int:
        """Where the ``count`` words before ``position`` start (fewer where the text begins)."""
        if count <= 0:
            return position
        low = max(0, position - count * _CHARS_PER_WORD)
        found = list(_TOKEN.finditer(self.folded, low, position))
        if low > 0 and found and found[0].start() == low and _TOKEN.match(self.folded, low - 1):
            found = found[1:]  # cut in the middle of a word
        kept = found[-count:]
        return kept[0].start() if kept else position

    def _words_on(self, position: int, count: int) -> int:
        """Where the ``count`` words after ``position`` end (fewer where the text ends)."""
        if count <= 0:
            return position
        high = min(len(self.folded), position + count * _CHARS_PER_WORD)
        found = list(_TOKEN.finditer(self.folded, position, high))[:count]
        if found and found[-1].end() == high < len(self.folded) and _TOKEN.match(self.folded, high):
            found = found[:-1]  # cut in the middle of a word
        return found[-1].end() if found else position

    def _original(self, start: int, end: int) -> str:
        """The original text of folded ``[start, end)``, with any marks that folding dropped after it."""
        if self.origin is None:
            return self.text[start:end]
        return self.text[self._back(start) : self._back(end)]

    def _back(self, position: int) -> int:
        assert self.origin is not None
        return self.origin[position] if position < len(self.origin) else len(self.text)

    def _plain(self, start: int, end: int) -> str:
        return html.escape(_SPACE.sub(" ", self._original(start, end)))


class _FoldTable(dict[int, str]):
    """``str.translate``'s table for :func:`fold`, one character at a time, filled as characters come."""

    uneven: set[str]
    """The characters seen so far whose folding is not one character."""

    def __init__(self) -> None:
        super().__init__()
        self.uneven = set()

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        return folded


_FOLD = _FoldTable()


def _fold_aligned(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded character by character, and where each folded character came from (None: same place)."""
    folded = text.translate(_FOLD)
    if _FOLD.uneven.isdisjoint(text):
        return folded, None
    return folded, [i for i, char in enumerate(text) for _ in _FOLD[ord(char)]]
