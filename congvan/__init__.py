"""congvan: scanned Vietnamese official dispatches in, a queryable registry out.

This small package holds what every stage shares: the error hierarchy
(:mod:`congvan.errors`) and the span/provenance types (:mod:`congvan.types`).
The stages themselves are the top-level packages ``ocr``, ``normalize``,
``extract``, ``registry`` and ``service``.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
