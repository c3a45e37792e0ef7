"""The key a body's name is matched by, shared by ``registry.bodies`` and the issuer filter of the queries."""

from __future__ import annotations

from extract._names import canonical_body
from normalize import fold

__all__ = ["body_key", "clean_name"]

_BULLETS = "-–—•+*· \t"


def clean_name(name: str) -> str:
    """A name without the bullet before it and the punctuation around it."""
    return name.strip().lstrip(_BULLETS).strip(" ,;:.")


def body_key(name: str) -> str:
    """What names are matched by: ``LĐLĐ TỈNH LAI CHÂU`` → ``lien doan lao dong tinh lai chau``."""
    cleaned = clean_name(name)
    return " ".join(fold(canonical_body(cleaned)).split()) if cleaned else ""
