"""Extract stage: the fields of an official dispatch, each with provenance and confidence.

extract.extract(normalized_document) -> Extraction
"""

from __future__ import annotations

from extract.pipeline import COMPONENTS, build_pipeline, extract
from extract.types import (
    Achievement,
    Contact,
    Deadline,
    DocType,
    Extraction,
    Item,
    ReferencedDocument,
    Target,
    Value,
)

__all__ = [
    "COMPONENTS",
    "Achievement",
    "Contact",
    "Deadline",
    "DocType",
    "Extraction",
    "Item",
    "ReferencedDocument",
    "Target",
    "Value",
    "build_pipeline",
    "extract",
]
