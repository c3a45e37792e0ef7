"""Indexes that keep the filtered lists fast at 100,000 documents (bench/RESULTS.md, bench.registry).

- ``deadlines (due_date, status)`` in place of ``(due_date)``, and
  ``deadlines (document_id, due_date, status)``: counting open, overdue or met
  deadlines, of all documents or of some, then reads an index alone.
- ``documents (doc_type, date)`` in place of ``(doc_type)``: a list by type
  comes in date order without a sort.
- ``documents (issuer_body_id, id)`` in place of ``(issuer_body_id)``: the
  documents of some issuers, for an item list's filter, come from the index
  alone on PostgreSQL as on SQLite.
- The spelling each document uses for its issuer becomes an alias of the
  issuer's body, as ``registry.bodies`` now records it on every save: the
  issuer filter of the lists matches the bodies' names and aliases, two small
  tables, in place of every document's issuer.

Frozen: no models and no congvan code are imported.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_deadlines_due_date", table_name="deadlines")
    op.create_index("ix_deadlines_due_date_status", "deadlines", ["due_date", "status"])
    op.create_index("ix_deadlines_document_id_due_date_status", "deadlines", ["document_id", "due_date", "status"])
    op.drop_index("ix_documents_doc_type", table_name="documents")
    op.create_index("ix_documents_doc_type_date", "documents", ["doc_type", "date"])
    op.drop_index("ix_documents_issuer_body_id", table_name="documents")
    op.create_index("ix_documents_issuer_body_id_id", "documents", ["issuer_body_id", "id"])
    op.execute(_SPELLINGS_AS_ALIASES)


_SPELLINGS_AS_ALIASES = """
INSERT INTO body_aliases (body_id, alias, alias_folded)
SELECT min(d.issuer_body_id), min(d.issuer), d.issuer_folded
FROM documents AS d
WHERE d.issuer_body_id IS NOT NULL AND d.issuer_folded IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM bodies AS b WHERE b.id = d.issuer_body_id AND b.name_folded = d.issuer_folded)
  AND NOT EXISTS (SELECT 1 FROM body_aliases AS a WHERE a.alias_folded = d.issuer_folded)
GROUP BY d.issuer_folded
"""


def downgrade() -> None:
    # The aliases stay: other spellings of the same bodies, harmless to the older code.
    op.drop_index("ix_documents_issuer_body_id_id", table_name="documents")
    op.create_index("ix_documents_issuer_body_id", "documents", ["issuer_body_id"])
    op.drop_index("ix_documents_doc_type_date", table_name="documents")
    op.create_index("ix_documents_doc_type", "documents", ["doc_type"])
    op.drop_index("ix_deadlines_document_id_due_date_status", table_name="deadlines")
    op.drop_index("ix_deadlines_due_date_status", table_name="deadlines")
    op.create_index("ix_deadlines_due_date", "deadlines", ["due_date"])
