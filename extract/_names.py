"""Names of bodies as a reader writes them: abbreviations expanded, upper case undone.

``LĐLĐ TỈNH LAI CHÂU`` → ``Liên đoàn Lao động tỉnh Lai Châu``. Known bodies and
provinces come from the gazetteers in ``extract/data``; anything else is put
in sentence case with place names after a level word (tỉnh, huyện…) in title case.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from extract._lexicon import abbreviations, bodies, keywords, provinces
from extract._text import folded
from normalize import is_syllable

__all__ = ["canonical_body"]


def _expand(text: str) -> str:
    for abbr, full in sorted(abbreviations().items(), key=lambda kv: -len(kv[0])):
        text = re.sub(rf"(?<![\w]){re.escape(abbr)}(?:\.(?= ))?(?![\w])", full, text)  # ``TP. Hồ Chí Minh``
    return text


def _title(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def canonical_body(raw: str) -> str:
    """A body's full name in reading case, its province spelt as the gazetteer has it."""
    text = re.sub(r"\s+", " ", _expand(raw.strip())).strip(" ,;:.")
    if not text:
        return text
    if text.isupper() or text != raw:
        text = _recase(text)
    return _province_spelt(text)


_PROVINCE_LEVEL = re.compile(r"(?<!\w)(?:tinh|thanh pho) (?=\w)")
_PROVINCE_MATCH = 85
"""rapidfuzz ratio, on folded text, for a province name misread by OCR (``Lal Châu``)."""


def _province_spelt(text: str) -> str:
    """The words after ``tỉnh``/``thành phố`` replaced by the province they stand for, if one is close."""
    level = _PROVINCE_LEVEL.search(folded(text))
    if not level:
        return text
    head, words = text[: level.end()], text[level.end() :].split(" ")
    known = provinces()
    for count in range(min(len(words), 4), 0, -1):  # the longest name first: ``Bà Rịa - Vũng Tàu``
        wanted = folded(" ".join(words[:count]))
        best = process.extractOne(wanted, list(known), scorer=fuzz.ratio, score_cutoff=_PROVINCE_MATCH)
        if best and best[0].count(" ") == wanted.count(" "):
            return head + " ".join([known[best[0]], *words[count:]])
    return text


def _recase(text: str) -> str:
    words = text.split(" ")
    out = [w.lower() if not _is_acronym(w) else w for w in words]
    joined = " ".join(out)
    fold = folded(joined)
    # Known body names and provinces in their own case.
    for lexicon in (bodies(), provinces()):
        for key, name in lexicon.items():
            for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", fold):
                joined = joined[: match.start()] + name + joined[match.end() :]
    # Place names after a level word: title case to the end of the name.
    levels = "|".join(re.escape(level) for level in keywords()["place_levels"])
    match = re.search(rf"(?<!\w)({levels})\.? (?!hoi(?!\w))(.+)$", folded(joined))  # not ``xã hội``
    if match:
        start = match.start(2)
        place = " ".join(_title(w) if not _is_acronym(w) else w for w in joined[start:].split(" "))
        joined = joined[:start] + place
    return joined[:1].upper() + joined[1:]


def _is_acronym(word: str) -> bool:
    """Upper-case and not a Vietnamese syllable: ``UBND``, ``CĐCS``, ``VP`` (but not ``HẢI``)."""
    letters = re.sub(r"[^\w]", "", word)
    parts = [part for part in re.split(r"[^\w]+", word) if part]  # ``DỤC-ĐÀO``: two syllables, no acronym
    return len(letters) >= 2 and letters.isupper() and not all(is_syllable(part) for part in parts)
