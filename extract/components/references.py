"""Referenced documents: ``Công văn số 4381/TLĐ-VP ngày 21/6/2022 của Tổng Liên đoàn…``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extract._candidates import add, candidates, fold_of, text_of
from extract._lexicon import keywords
from extract._names import canonical_body
from extract._text import phrases_pattern, squash
from extract.components._body import FULL_DATE
from normalize.values import parse_vi_date

__all__ = ["references"]

_NUMBER = r"\d+[a-z]?(?:/\d{4})?(?:/|-(?=[a-z])|\s(?=[a-z]+/))[a-z0-9&]+(?:-\s?[a-z0-9&]+|/[a-z0-9&]+)*"
"""``4381/TLĐ-VP``, ``20/2015/QĐ-UBND``, the Party's ``21-NQ/TW``, ``50-HĐBT``, Đoàn's ``84 QĐ/TWĐTN``,
and ``906/KT- KĐ`` as typed (folded)."""
_LAW = re.compile(rf"(?<![a-z])(bo luat|luat|phap lenh)\s+[^.;:()]{{3,120}}?\s+ngay\s+({FULL_DATE})")
"""A law cited by its name and date: ``Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015``."""


@Language.component("congvan_references", assigns=["doc.spans"])
def references(doc: Doc) -> Doc:
    fold = fold_of(doc)
    types = phrases_pattern(keywords()["reference_types"])
    stops = phrases_pattern(keywords()["issuer_stops"])
    issuer_end = rf"(?=\s+(?:{stops})(?![a-z])|\s+(?:va\s+)?(?:{types})\s|[.;,(:]|$)"  # not into the next citation
    pattern = re.compile(
        rf"(?:(?<![a-z])({types})\s+(?:s[o6]?\s*:?\s*)?|(?<![a-z])so\s*:?\s*)({_NUMBER})"  # ``s 4381/…``: OCR's ``số``
        rf"(?:\s*,?\s*(?:ngay\s+)?({FULL_DATE}))?"
        rf"(?:\s+(?:cua|do)\s+([^.;:(]{{3,90}}?){issuer_end})?"
    )
    own = {c.value for c in candidates(doc, "number")}
    own_spans = [(c.start, c.end) for c in candidates(doc, "number")]
    found: dict[str, tuple[int, int, tuple[object, ...], float]] = {}
    for match in pattern.finditer(fold):
        number = re.sub(r"\s+", "", text_of(doc)[match.start(2) : match.end(2)])
        if number in own or any(a <= match.start(2) < b for a, b in own_spans):
            continue
        kind = text_of(doc)[match.start(1) : match.end(1)] if match.group(1) else None
        date = parse_vi_date(text_of(doc)[match.start(3) : match.end(3)]) if match.group(3) else None
        issuer = canonical_body(squash(text_of(doc)[match.start(4) : match.end(4)])) if match.group(4) else None
        value = (number, date, kind[:1].upper() + kind[1:].lower() if kind else None, issuer)
        key = number.casefold()
        if key not in found or _known(value) > _known(found[key][2]):  # a document cited twice is one reference
            found[key] = (match.start(), match.end(), value, 0.85 if kind else 0.7)
    for start, end, value, confidence in found.values():
        add(doc, "referenced_documents", start, end, value, confidence)
    for law in _LAW.finditer(fold):
        kind = text_of(doc)[law.start(1) : law.end(1)]
        date = parse_vi_date(text_of(doc)[law.start(2) : law.end(2)])
        if date is not None:
            add(
                doc,
                "referenced_documents",
                law.start(),
                law.end(),
                (None, date, kind[:1].upper() + kind[1:], None),
                0.75,
            )
    return doc


def _known(value: tuple[object, ...]) -> int:
    return sum(part is not None for part in value)
