"""The extraction record: every field of a dispatch, each value with its provenance.

``Extraction.to_record()`` gives the stable JSON contract that the API, the CLI's
``--json`` and the registry use. Scalars are plain values with their provenance
in a ``provenance`` map keyed by field; list items carry their own
``provenance`` key.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from congvan.types import Provenance

__all__ = [
    "Achievement",
    "Contact",
    "Deadline",
    "DocType",
    "Extraction",
    "Item",
    "ReferencedDocument",
    "Target",
    "Value",
]

T = TypeVar("T")


class DocType(enum.StrEnum):
    CONG_VAN = "cong_van"
    KE_HOACH = "ke_hoach"
    THONG_BAO = "thong_bao"
    BAO_CAO = "bao_cao"
    CHI_THI = "chi_thi"
    QUYET_DINH = "quyet_dinh"
    CONG_DIEN = "cong_dien"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The type's name as a register writes it: ``Công văn``, ``Kế hoạch``."""
        return _DOC_TYPE_LABELS[self]


_DOC_TYPE_LABELS = {
    DocType.CONG_VAN: "Công văn",
    DocType.KE_HOACH: "Kế hoạch",
    DocType.THONG_BAO: "Thông báo",
    DocType.BAO_CAO: "Báo cáo",
    DocType.CHI_THI: "Chỉ thị",
    DocType.QUYET_DINH: "Quyết định",
    DocType.CONG_DIEN: "Công điện",
    DocType.OTHER: "Khác",
}


@dataclass(frozen=True, slots=True)
class Value(Generic[T]):
    """One extracted scalar and where it came from."""

    value: T
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Item:
    """A text item of a list field (a recipient, a Nơi nhận entry, a directive)."""

    text: str
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class ReferencedDocument:
    number: str | None
    date: dt.date | None
    type: str | None
    issuer: str | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Target:
    metric: str
    value: float
    unit: str | None
    scope: str | None
    period: str | None
    provenance: Provenance
    comparator: str | None = None
    """``>=`` (ít nhất, tối thiểu, trở lên), ``<=`` (tối đa, không quá), ``=`` or None."""


@dataclass(frozen=True, slots=True)
class Achievement:
    metric: str
    value: float
    unit: str | None
    percent_of_target: float | None
    who: str | None
    period: str | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Deadline:
    what: str
    raw: str
    provenance: Provenance
    date: str | None = None
    """ISO at the precision of the text: ``2022-05-31``, ``2022-03``, ``2025``, ``2025-11-22T18:00``."""
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None
    phone: str | None
    provenance: Provenance


@dataclass(frozen=True)
class Extraction:
    doc_type: Value[DocType] | None = None
    number: Value[str] | None = None
    issuer: Value[str] | None = None
    parent_issuer: Value[str] | None = None
    place: Value[str] | None = None
    date: Value[dt.date] | None = None
    subject: Value[str] | None = None
    signer_name: Value[str] | None = None
    signer_title: Value[str] | None = None
    recipients: tuple[Item, ...] = ()
    cc: tuple[Item, ...] = ()
    directives: tuple[Item, ...] = ()
    referenced_documents: tuple[ReferencedDocument, ...] = ()
    targets: tuple[Target, ...] = ()
    achievements: tuple[Achievement, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    contacts: tuple[Contact, ...] = ()

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready extraction record (the stable contract)."""
        record: dict[str, Any] = {}
        provenance: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, tuple):
                record[f.name] = [_item_record(item) for item in value]
            elif value is None:
                record[f.name] = None
            else:
                record[f.name] = _plain(value.value)
                provenance[f.name] = value.provenance.as_dict()
        record["provenance"] = provenance
        return record


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _item_record(item: Any) -> dict[str, Any]:
    out = {f.name: _plain(getattr(item, f.name)) for f in fields(item) if f.name != "provenance"}
    out["provenance"] = item.provenance.as_dict()
    return out
