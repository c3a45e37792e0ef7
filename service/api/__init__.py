"""The HTTP API (``/api/v1``) and the staff pages, built by ``create_app``."""

from __future__ import annotations

from service.api.app import create_app

__all__ = ["create_app"]
