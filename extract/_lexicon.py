"""The data files in ``extract/data``: loaded once, on first use."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from vietnam_provinces import Province

from extract._text import folded

__all__ = [
    "abbreviations",
    "bodies",
    "cities",
    "current_provinces",
    "doc_types",
    "keywords",
    "local_abbreviations",
    "provinces",
    "surnames",
    "type_headings",
]


def _jsonl(name: str) -> list[dict[str, Any]]:
    text = resources.files("extract").joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@cache
def keywords() -> dict[str, Any]:
    return json.loads(resources.files("extract").joinpath("data", "keywords.json").read_text(encoding="utf-8"))


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviation as written (``LĐLĐ``) → full name."""
    return {row["abbr"]: row["full"] for row in _jsonl("abbreviations.jsonl")}


@cache
def local_abbreviations() -> frozenset[str]:
    """Abbreviations of bodies every province has one of (``LĐLĐ``, ``UBND``, ``SYT``): named with their province."""
    return frozenset(row["abbr"] for row in _jsonl("abbreviations.jsonl") if row.get("local"))


@cache
def cities() -> frozenset[str]:
    """The centrally-run cities (``thành phố Hà Nội``), named so by the ``vietnam-provinces`` package."""
    return frozenset(_CITY.sub("", p.name) for p in Province.iter_all() if p.name.startswith("Thành phố"))


@cache
def bodies() -> dict[str, str]:
    """Folded body name → the name as it is properly written, longest first."""
    names = sorted((row["name"] for row in _jsonl("bodies.jsonl")), key=len, reverse=True)
    return {folded(name): name for name in names}


@cache
def provinces() -> dict[str, str]:
    """Folded province name → its name: the 63 before the 2025 merger (a data file, since letters
    cite them for years) and the 34 after it, from the maintained ``vietnam-provinces`` package."""
    names = {row["name"] for row in _jsonl("provinces.jsonl")} | current_provinces()
    return {folded(name): name for name in sorted(names, key=len, reverse=True)}


@cache
def current_provinces() -> frozenset[str]:
    """The 34 provinces and cities after Nghị quyết 202/2025/QH15, without ``Thành phố``."""
    return frozenset(_CITY.sub("", province.name) for province in Province.iter_all())


_CITY = re.compile(r"^(?:Thành phố|Tỉnh)\s+")


@cache
def doc_types() -> list[dict[str, Any]]:
    return _jsonl("doc_types.jsonl")


@cache
def surnames() -> frozenset[str]:
    """Vietnamese family names, folded: the first word of a signer's name."""
    data = json.loads(resources.files("extract").joinpath("data", "surnames.json").read_text(encoding="utf-8"))
    return frozenset(folded(name) for name in data["surnames"])


@cache
def type_headings() -> frozenset[str]:
    """The type headings (``KẾ HOẠCH``, ``CHỈ THỊ``…), folded."""
    return frozenset(folded(row["heading"]) for row in doc_types())
