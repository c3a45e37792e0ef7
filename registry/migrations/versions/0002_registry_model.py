"""The registry's model: bodies, who directives are for, links, the incoming register, corrections.

Written by hand and kept frozen, like 0001: it imports no models and no
congvan code. Tables that change are altered in batch mode (SQLite rebuilds
them; PostgreSQL gets plain ALTERs). Existing rows get ``received_at`` from
their upload and their numbers' matching keys (:func:`_number_key`, a copy of
``registry.links.number_key`` as it was written); bodies, links and số đến come
when a document is next saved.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
DOCUMENT_COLUMNS = (
    "issuer_body_id",
    "number_folded",
    "incoming_year",
    "incoming_number",
    "received_at",
    "assigned_to",
    "directing_note",
    "processing_status",
    "handling_deadline",
)


def _status(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=16)


def _body_link(name: str, owner: str) -> None:
    op.create_table(
        name,
        sa.Column(f"{owner}_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f(f"fk_{name}_body_id_bodies"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            [f"{owner}_id"], [f"{owner}s.id"], name=op.f(f"fk_{name}_{owner}_id_{owner}s"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(f"{owner}_id", "body_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(op.f(f"ix_{name}_body_id"), name, ["body_id"])


def upgrade() -> None:
    op.create_table(
        "bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bodies")),
        sa.UniqueConstraint("name_folded", name=op.f("uq_bodies_name_folded")),
    )
    op.create_table(
        "body_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_folded", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["bodies.id"], name=op.f("fk_body_aliases_body_id_bodies"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_aliases")),
        sa.UniqueConstraint("alias_folded", name=op.f("uq_body_aliases_alias_folded")),
    )
    op.create_index(op.f("ix_body_aliases_body_id"), "body_aliases", ["body_id"])
    op.create_table(
        "incoming_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_incoming_counters")),
    )
    _alter_documents()
    _alter_items()
    _body_link("document_recipients", "document")
    _body_link("directive_bodies", "directive")
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("item_table", sa.String(length=32), nullable=True),
        sa.Column("item_position", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("old_value", JSON, nullable=True),
        sa.Column("new_value", JSON, nullable=True),
        sa.Column("corrected_by", sa.Text(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_corrections_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(op.f("ix_corrections_document_id"), "corrections", ["document_id"])
    _fill_existing_rows()


def _alter_documents() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("issuer_body_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("number_folded", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("incoming_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("incoming_number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("received_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("assigned_to", sa.Text(), nullable=True))
        batch.add_column(sa.Column("directing_note", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column(
                "processing_status",
                _status("processing_status", "pending", "in_progress", "done"),
                server_default="pending",
                nullable=False,
            )
        )
        batch.add_column(sa.Column("handling_deadline", sa.Date(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_documents_issuer_body_id_bodies"), "bodies", ["issuer_body_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_unique_constraint(
            op.f("uq_documents_incoming_year_incoming_number"), ["incoming_year", "incoming_number"]
        )
        batch.create_index(op.f("ix_documents_issuer_body_id"), ["issuer_body_id"])
        batch.create_index(op.f("ix_documents_number_folded"), ["number_folded"])


def _alter_items() -> None:
    with op.batch_alter_table("achievements") as batch:
        batch.add_column(sa.Column("target_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_achievements_target_id_targets"), "targets", ["target_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_achievements_target_id"), ["target_id"])
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(
            sa.Column("status", _status("deadline_status", "open", "met"), server_default="open", nullable=False)
        )
    with op.batch_alter_table("referenced_documents") as batch:
        batch.add_column(sa.Column("number_folded", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("cited_document_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_referenced_documents_cited_document_id_documents"),
            "documents",
            ["cited_document_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_referenced_documents_number_folded"), ["number_folded"])
        batch.create_index(op.f("ix_referenced_documents_cited_document_id"), ["cited_document_id"])


def _number_key(number: str) -> str:
    """Frozen copy: no spaces, no case, no accents, Đ as D, every dash a hyphen."""
    decomposed = unicodedata.normalize("NFD", number.lower())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")
    return re.sub(r"[‐‑‒–—−]", "-", re.sub(r"\s+", "", folded))


def _fill_existing_rows() -> None:
    connection = op.get_bind()
    uploads = sa.table("uploads", sa.column("id"), sa.column("created_at"))
    for name in ("documents", "referenced_documents"):
        table = sa.table(name, sa.column("id"), sa.column("number"), sa.column("number_folded"))
        numbered = connection.execute(sa.select(table.c.id, table.c.number).where(table.c.number.is_not(None)))
        for row_id, number in numbered.all():
            connection.execute(table.update().where(table.c.id == row_id).values(number_folded=_number_key(number)))
    documents = sa.table("documents", sa.column("upload_id"), sa.column("received_at"))
    arrived = sa.select(uploads.c.created_at).where(uploads.c.id == documents.c.upload_id).scalar_subquery()
    connection.execute(documents.update().values(received_at=arrived))


def downgrade() -> None:
    op.drop_index(op.f("ix_corrections_document_id"), table_name="corrections")
    op.drop_table("corrections")
    for name in ("directive_bodies", "document_recipients"):
        op.drop_index(op.f(f"ix_{name}_body_id"), table_name=name)
        op.drop_table(name)
    with op.batch_alter_table("referenced_documents") as batch:
        batch.drop_index(op.f("ix_referenced_documents_cited_document_id"))
        batch.drop_index(op.f("ix_referenced_documents_number_folded"))
        batch.drop_constraint(op.f("fk_referenced_documents_cited_document_id_documents"), type_="foreignkey")
        batch.drop_column("cited_document_id")
        batch.drop_column("number_folded")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_constraint(op.f("ck_deadlines_deadline_status"), type_="check")
        batch.drop_column("status")
    with op.batch_alter_table("achievements") as batch:
        batch.drop_index(op.f("ix_achievements_target_id"))
        batch.drop_constraint(op.f("fk_achievements_target_id_targets"), type_="foreignkey")
        batch.drop_column("target_id")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index(op.f("ix_documents_number_folded"))
        batch.drop_index(op.f("ix_documents_issuer_body_id"))
        batch.drop_constraint(op.f("uq_documents_incoming_year_incoming_number"), type_="unique")
        batch.drop_constraint(op.f("fk_documents_issuer_body_id_bodies"), type_="foreignkey")
        batch.drop_constraint(op.f("ck_documents_processing_status"), type_="check")
        for column in reversed(DOCUMENT_COLUMNS):
            batch.drop_column(column)
    op.drop_table("incoming_counters")
    op.drop_index(op.f("ix_body_aliases_body_id"), table_name="body_aliases")
    op.drop_table("body_aliases")
    op.drop_table("bodies")
