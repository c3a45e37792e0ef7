"""Score extraction records against hand-annotated gold records: precision, recall and F1 per field.

The gold format is the record of ``Extraction.to_record()`` without provenance,
list items of text written as plain strings (tests/data/extract_dev/GUIDELINES.md).
How values are compared:

- text: Unicode NFC, one tone-mark style, case and spacing folded, trailing
  punctuation dropped, known abbreviations written out (``UBND`` is
  ``Ủy ban nhân dân``: the same body, however the annotator wrote it); short
  fields must then be equal, long ones (subject, directives, metrics, cc items)
  similar (rapidfuzz);
- numbers as values (``1.200`` and ``1200`` are one number);
- dates at the precision of the gold: gold ``2022-03`` is met by ``2022-03-31``;
- lists one to one: each gold item is matched to at most one predicted item,
  best pairs first, so two predictions of one directive count once.

Micro-F1 pools every field's counts; macro-F1 is the mean F1 of the fields
that have gold values or predictions in the set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from extract._lexicon import abbreviations
from extract._text import squash
from normalize import nfc, to_old_tone_style

__all__ = ["FIELDS", "Counts", "Scores", "score_documents", "score_record"]

Record = Mapping[str, Any]
Match = Callable[[Any, Any], float]
"""How alike a gold and a predicted value are: 0 for no match, else up to 1 (the likelier pair first)."""
_TRAILING = re.compile(r"[\s.;,:]+$")
_LEADING = re.compile(r"^[\s\-–+•*]+")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        value = value.get("text", "")
    text = to_old_tone_style(nfc(_expanded(str(value)))).lower()
    return squash(_TRAILING.sub("", _LEADING.sub("", text)))


def _expanded(text: str) -> str:
    """Known abbreviations written out: ``UBND thành phố Hà Nội`` names the same body as ``Ủy ban nhân dân …``."""
    for abbr, full in abbreviations().items():
        text = re.sub(rf"(?<!\w){re.escape(abbr)}(?:\.(?= ))?(?!\w)", full, text)
    return text


def _same_text(gold: Any, got: Any) -> float:
    return float(_text(gold) == _text(got))


def _similar(threshold: float) -> Match:
    """Long text: similar enough counts (``Về việc`` kept or not, a comma more or less)."""

    def match(gold: Any, got: Any) -> float:
        ratio = fuzz.ratio(_text(gold), _text(got)) / 100
        return ratio if ratio >= threshold else 0.0

    return match


def _number(gold: Any, got: Any) -> float:
    """Numbers and symbols: spaces dropped, case folded (``CĐ-TTG`` is ``CĐ-TTg``)."""
    return float(_text(gold).replace(" ", "") == _text(got).replace(" ", ""))


def _date(gold: Any, got: Any) -> float:
    """ISO dates at the gold's precision."""
    if not gold or not got:
        return float(not gold and not got)
    return float(str(got)[: len(str(gold))] == str(gold))


def _value(gold: Any, got: Any) -> bool:
    try:
        return abs(float(gold) - float(got)) < 1e-6
    except (TypeError, ValueError):
        return False


def _quantity(gold: Any, got: Any) -> float:
    """Targets and achievements: the same value, for something named alike."""
    if not _value(gold.get("value"), got.get("value")):
        return 0.0
    return float(fuzz.token_set_ratio(_text(gold.get("metric")), _text(got.get("metric"))) >= 60)


def _deadline(gold: Any, got: Any) -> float:
    """The same due date (or window) at the gold's precision."""
    if gold.get("date"):
        return _date(gold["date"], got.get("date") or got.get("end"))
    return min(_date(gold.get("start"), got.get("start")), _date(gold.get("end"), got.get("end") or got.get("date")))


def _reference(gold: Any, got: Any) -> float:
    """Cited documents: by number and symbol, or by type and date when no number is cited."""
    if gold.get("number"):
        return _number(gold["number"], got.get("number"))
    return min(_same_text(gold.get("type"), got.get("type")), _date(gold.get("date"), got.get("date")))


def _contact(gold: Any, got: Any) -> float:
    digits = re.sub(r"\D", "", str(gold.get("phone") or ""))
    if digits:
        return float(digits == re.sub(r"\D", "", str(got.get("phone") or "")))
    return _same_text(gold.get("name"), got.get("name"))


FIELDS: dict[str, tuple[Match, bool]] = {
    "doc_type": (_same_text, False),
    "number": (_number, False),
    "issuer": (_similar(0.9), False),
    "parent_issuer": (_similar(0.9), False),
    "place": (_same_text, False),
    "date": (_date, False),
    "subject": (_similar(0.85), False),
    "signer_name": (_same_text, False),
    "signer_title": (_similar(0.8), False),
    "recipients": (_similar(0.85), True),
    "cc": (_similar(0.85), True),
    "directives": (_similar(0.8), True),
    "referenced_documents": (_reference, True),
    "targets": (_quantity, True),
    "achievements": (_quantity, True),
    "deadlines": (_deadline, True),
    "contacts": (_contact, True),
}
"""Each field's comparison, and whether it is a list."""


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, other: Counts) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    @property
    def precision(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_positives, 1)

    @property
    def recall(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_negatives, 1)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return not (self.true_positives or self.false_positives or self.false_negatives)


@dataclass
class Scores:
    fields: dict[str, Counts]

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.fields.values():
            total.add(counts)
        return total

    @property
    def macro_f1(self) -> float:
        scored = [c.f1 for c in self.fields.values() if not c.empty]
        return sum(scored) / max(len(scored), 1)

    def table(self) -> list[dict[str, Any]]:
        rows = [_row(name, counts) for name, counts in self.fields.items()]
        return [*rows, _row("micro", self.micro), {"field": "macro", "f1": round(self.macro_f1, 3)}]


def _row(name: str, counts: Counts) -> dict[str, Any]:
    return {
        "field": name,
        "gold": counts.true_positives + counts.false_negatives,
        "predicted": counts.true_positives + counts.false_positives,
        "precision": round(counts.precision, 3),
        "recall": round(counts.recall, 3),
        "f1": round(counts.f1, 3),
    }


def score_record(gold: Record, predicted: Record) -> dict[str, Counts]:
    """Per-field counts for one document."""
    out = {}
    for name, (match, is_list) in FIELDS.items():
        gold_value, got_value = gold.get(name), predicted.get(name)
        if is_list:
            out[name] = _score_list(list(gold_value or ()), list(got_value or ()), match)
        else:
            out[name] = _score_scalar(gold_value, got_value, match)
    return out


def score_documents(pairs: Iterable[tuple[Record, Record]]) -> Scores:
    """Counts summed over (gold, predicted) records."""
    totals = {name: Counts() for name in FIELDS}
    for gold, predicted in pairs:
        for name, counts in score_record(gold, predicted).items():
            totals[name].add(counts)
    return Scores(totals)


def _present(value: Any) -> bool:
    return value is not None and value != ""


def _score_scalar(gold: Any, got: Any, match: Match) -> Counts:
    if not _present(gold):
        return Counts(false_positives=int(_present(got)))
    if not _present(got):
        return Counts(false_negatives=1)
    if match(gold, got) > 0:
        return Counts(true_positives=1)
    return Counts(false_positives=1, false_negatives=1)


def _score_list(gold: list[Any], got: list[Any], match: Match) -> Counts:
    """One-to-one matching, most alike pairs first."""
    pairs = sorted(
        ((match(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(got)),
        key=lambda pair: -pair[0],
    )
    used_gold, used_got = set(), set()
    for similarity, i, j in pairs:
        if similarity <= 0:
            break
        if i not in used_gold and j not in used_got:
            used_gold.add(i)
            used_got.add(j)
    matched = len(used_gold)
    return Counts(matched, len(got) - matched, len(gold) - matched)
