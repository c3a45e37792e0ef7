"""The full-text search index (``registry.search``), filled from the documents already there.

SQLite: the FTS5 table ``document_search(head, items, body, tags)`` (rowid = the
document's id) and a trigger that deletes a document's entry with it.
PostgreSQL: the table ``document_search(document_id, vector)``, its row
deleted with the document (ON DELETE CASCADE), and a GIN index on ``vector``.
No model describes them; ``registry.search.include_name`` leaves them out of
Alembic's comparisons.

A later migration that rebuilds ``documents`` on SQLite (``batch_alter_table``
copies and drops it) drops the trigger with it and must create it again.

Frozen: the folding and the indexed fields are copied here, not imported.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "document_search"
TRIGGER = "document_search_delete"
BATCH = 500
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_table(
            TABLE,
            sa.Column("document_id", sa.Integer(), nullable=False),
            sa.Column("vector", postgresql.TSVECTOR(), nullable=False),
            sa.ForeignKeyConstraint(
                ["document_id"], ["documents.id"], name=op.f(f"fk_{TABLE}_document_id_documents"), ondelete="CASCADE"
            ),
            sa.PrimaryKeyConstraint("document_id", name=op.f(f"pk_{TABLE}")),
        )
        op.create_index(op.f(f"ix_{TABLE}_vector"), TABLE, ["vector"], postgresql_using="gin")
        insert = sa.text(
            f"INSERT INTO {TABLE} (document_id, vector) VALUES (:id,"
            " setweight(to_tsvector('simple', :head), 'A') || setweight(to_tsvector('simple', :items), 'B')"
            " || setweight(to_tsvector('simple', :tags), 'C') || setweight(to_tsvector('simple', :body), 'D'))"
        )
    else:
        op.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(head, items, body, tags, tokenize = 'unicode61')")
        op.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER DELETE ON documents BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END"
        )
        insert = sa.text(
            f"INSERT INTO {TABLE} (rowid, head, items, body, tags) VALUES (:id, :head, :items, :body, :tags)"
        )
    connection = op.get_bind()
    for rows in _batches(_index_rows(connection)):
        connection.execute(insert, rows)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(op.f(f"ix_{TABLE}_vector"), table_name=TABLE)
        op.drop_table(TABLE)
    else:
        op.execute(f"DROP TRIGGER {TRIGGER}")
        op.execute(f"DROP TABLE {TABLE}")


def _fold(text: str) -> str:
    """Frozen copy of ``normalize.fold``: lower case, no accents, đ as d."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d")


def _words(text: str | None) -> list[str]:
    """Frozen copy of ``registry._search_text.words``: numbers whole and without leading zeros."""
    found = _TOKEN.findall(_fold(text or ""))
    return [w if not w[0].isdigit() else w.replace(".", "").replace(",", "").lstrip("0") or "0" for w in found]


def _indexed_words(text: str | None) -> list[str]:
    """Frozen copy of ``registry._search_text.indexed_words``: the words, then each compound."""
    compounds = ["z".join(parts) for chunk in (text or "").split() if len(parts := _words(chunk)) > 1]
    return _words(text) + [c for c in compounds if len(c) <= 64]


def _index_text(parts: Sequence[str | None]) -> str:
    return " ".join(w for part in parts for w in _indexed_words(part))


def _tags(doc_type: str | None, date: dt.date | None, issuer: str | None) -> str:
    tags = ["type" + "".join(_words(doc_type))] if doc_type else []
    if date:
        tags.append(f"d{date.year:04d}{date.month:02d}{date.day:02d}")
    return " ".join(tags + ["i" + w for w in _words(issuer)])


def _index_rows(connection: sa.Connection) -> Iterator[dict[str, object]]:
    columns = [sa.column(name) for name in ("id", "doc_type", "number", "issuer", "subject", "text")]
    documents = sa.table("documents", *columns, sa.column("date", sa.Date()))  # typed: SQLite keeps a string
    items: dict[int, list[str]] = {}
    for name, field in (("directives", "text"), ("targets", "metric"), ("achievements", "metric")):
        item = sa.table(name, sa.column("document_id"), sa.column("position"), sa.column(field))
        query = sa.select(item.c.document_id, item.c[field]).order_by(item.c.document_id, item.c.position)
        for document_id, value in connection.execute(query):
            items.setdefault(document_id, []).append(value)
    every = sa.select(documents).order_by(documents.c.id)
    for row in connection.execute(every, execution_options={"yield_per": BATCH}):
        yield {
            "id": row.id,
            "head": _index_text((row.number, row.issuer, row.subject)),
            "items": _index_text(items.get(row.id, [])),
            "body": _index_text((row.text,)),
            "tags": _tags(row.doc_type, row.date, row.issuer),
        }


def _batches(rows: Iterator[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
