"""The registry's own tables beside the extraction: bodies, who is addressed, numbering, audit.

``Body`` is a canonical issuer or recipient, and ``BodyAlias`` another spelling
of it. ``document_recipients`` and ``directive_bodies`` say whom a document is
addressed to and whom each directive gives work to. ``IncomingCounter`` hands
out số đến per year, and ``Correction`` keeps every change a person made, so that
reprocessing can make it again. ``registry.models`` re-exports all of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry._base import Base
from registry._types import JSONDocument, UTCDateTime, utcnow

__all__ = [
    "Body",
    "BodyAlias",
    "Correction",
    "IncomingCounter",
    "directive_bodies",
    "document_recipients",
]


class Body(Base):
    """A canonical issuer or recipient; every spelling of it is its name or one of its aliases.

    ``name_folded`` is the key names are matched by (``registry.bodies.body_key``:
    abbreviations expanded, folded), so ``LĐLĐ tỉnh Lai Châu`` finds the body named
    ``Liên đoàn Lao động tỉnh Lai Châu``. A key is a name or an alias, never both.
    """

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list[BodyAlias]] = relationship(
        back_populates="body", passive_deletes=True, order_by="BodyAlias.id"
    )


class BodyAlias(Base):
    """Another spelling of a body: added by hand, left by a merge, or the one a letter uses for its issuer."""

    __tablename__ = "body_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    alias_folded: Mapped[str] = mapped_column(Text, unique=True)

    body: Mapped[Body] = relationship(back_populates="aliases")


def _body_link(name: str, owner: str) -> Table:
    """An association of ``owner`` rows with bodies; either side deletes its links with it."""
    return Table(
        name,
        Base.metadata,
        Column(f"{owner}_id", ForeignKey(f"{owner}s.id", ondelete="CASCADE"), primary_key=True),
        Column("body_id", ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True, index=True),
    )


directive_bodies = _body_link("directive_bodies", "directive")
"""The bodies a directive gives work to: those its text names, else the document's recipients."""
document_recipients = _body_link("document_recipients", "document")
"""The bodies a document is addressed to (Kính gửi), resolved from its record's recipients."""


class IncomingCounter(Base):
    """The last số đến given in a year; the next number is taken from this row, under its lock."""

    __tablename__ = "incoming_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer)


class Correction(Base):
    """A person's change to a document field or an item field: the audit trail, re-applied on reprocessing.

    An item is named by its table and position, not its id: reprocessing makes new item rows.
    Values are JSON (a date as ISO text), as the API would send them.
    """

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    item_table: Mapped[str | None] = mapped_column(String(32))
    """None for a field of the document itself."""
    item_position: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[Any] = mapped_column(JSONDocument, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONDocument, nullable=True)
    corrected_by: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
