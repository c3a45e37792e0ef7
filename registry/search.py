"""Full-text search over the registry, blind to accents and to the old and new tone styles.

    hits, total = registry.search(session, "lai chau sang kien", issuer="lai chau", limit=20)
    hits[0].snippet   # '… với 1.775 <mark>sáng</mark> <mark>kiến</mark>, đạt 148% …'

Each document is indexed as folded words (``registry._search_text.words``:
lower case, no accents, đ as d, so "Hòa", "hoà" and "hoa" are one word) in
three ranked parts, *head* (number, issuer, subject), *items* (directives,
target and achievement metrics) and *body* (the repaired text), and in *tags*
that the filters match: ``type<doc_type>``, ``d<yyyymmdd>`` and ``i<word>`` for
each word of the issuer. Every word of a query must match (a typed word with
parts, "960/LĐLĐ", as written: ``_search_text.compound``); a match in the head
counts most. No query needs word positions, so PostgreSQL answers from its GIN
index without re-reading vectors, and SQLite the same way. Folding is
done here in Python, so both backends see the same words and PostgreSQL needs
no ``unaccent`` extension.

- SQLite: the FTS5 table ``document_search(head, items, body, tags)``, rowid =
  the document's id; ranked by bm25 with weights 10, 4, 1 (tags 0).
- PostgreSQL: the table ``document_search(document_id, vector)`` with a GIN
  index, one tsvector (``simple``: no stemming, no stop words) with the parts
  as weights A, B, D and tags as C; ranked by ``ts_rank`` (C counts 0).

Filters are words in the index too, so that a query with filters is answered
from the index alone, as fast as one without. Ranking costs time per matching
document, so a query ranks its :data:`RANK_WINDOW` most recently added matches
and lists them first, by score; any older matches follow, newest first.
``total`` counts the matches up to ``registry.COUNT_LIMIT`` (past it,
``COUNT_LIMIT + 1``), as the lists do. A query that matches more than that
("kế hoạch", "công đoàn cơ sở" match much of a registry) is listed newest
first, unranked: FTS5's bm25 weighs each word by how many documents hold it,
which for common words means reading all of them (80 ms at 100,000 documents,
bench/RESULTS.md), and a word that common says little about relevance.

The index is kept by :func:`index_document`, which ``registry._derive.refresh``
calls after every save and every correction; deleting a document deletes its
entry (a trigger on SQLite, ON DELETE CASCADE on PostgreSQL). Migration 0004
creates the index and fills it; no model describes it (:func:`include_name`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, load_only

from registry._search_text import Terms, compound, highlight, indexed_words, words
from registry.models import Achievement, Directive, Document, Target
from registry.queries import COUNT_LIMIT

__all__ = ["INDEX_TABLE", "RANK_WINDOW", "SearchHit", "include_name", "index_document", "remove_document", "search"]

INDEX_TABLE = "document_search"
RANK_WINDOW = 2000
"""How many of a query's matches, the most recently added, are ranked (see the module docstring)."""
MAX_QUERY_WORDS = 16
"""Words past this many are ignored: each costs a look-up and none narrows much further."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: int
    doc_type: str | None
    number: str | None
    issuer: str | None
    date: dt.date | None
    subject: str | None
    score: float
    """Higher is better; comparable within one result only (bm25 on SQLite, ts_rank on PostgreSQL)."""
    snippet: str
    """HTML: about 25 words of the original text around the matches, each matched word in ``<mark>``."""


def index_document(session: Session, document: Document) -> None:
    """Put the document's current fields in the index, in place of what was there; it must have an id."""
    params = {"id": document.id, **_parts(document)}
    if _dialect(session) == "postgresql":
        session.execute(_PG_UPSERT, params)
    else:
        session.execute(_SQLITE_DELETE, params)
        session.execute(_SQLITE_INSERT, params)


def remove_document(session: Session, document_id: int) -> None:
    """Take a document out of the index (deleting the document does it too)."""
    key = "document_id" if _dialect(session) == "postgresql" else "rowid"
    session.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE {key} = :id"), {"id": document_id})


def search(
    session: Session,
    q: str,
    *,
    issuer: str | None = None,
    doc_type: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    prefix: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[SearchHit], int]:
    """The documents that hold every word of ``q``, best first, and how many there are (up to
    ``COUNT_LIMIT + 1``).

    ``issuer`` keeps documents whose issuer has all its words, the last as a
    prefix ("lai chau", "UBND tỉnh Lai Ch"); ``date_from`` and ``date_to`` are
    inclusive and leave out undated documents. ``prefix`` lets the last word of
    ``q`` match the start of a longer one (search as you type); it is off by
    default because a whole Vietnamese syllable often starts others: "hoa"
    would find every "kế hoạch". A query with no word in it (only punctuation)
    finds nothing.
    """
    query = _Query.parse(q, prefix=prefix)
    if query is None:
        return [], 0
    filters = _filter_clauses(issuer, doc_type, date_from, date_to)
    if filters is None:
        return [], 0
    clauses = query.clauses() + filters
    backend = _Postgres(clauses) if _dialect(session) == "postgresql" else _Sqlite(clauses)
    with backend.index_only(session):
        total = session.scalar(backend.count) or 0
        rows = _page(session, backend, total, limit, offset)
    return _hits(session, rows, query.terms), total


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """For Alembic's comparisons: leave out the index's tables, which no model describes (``include_name``)."""
    return not (type_ == "table" and name is not None and (name == INDEX_TABLE or name.startswith(f"{INDEX_TABLE}_")))


# Queries: clauses that must all hold, each of alternatives one of which must.


@dataclass(frozen=True, slots=True)
class _Clause:
    alternatives: tuple[tuple[str, bool], ...]
    """Each a word and whether it may be the start of a longer one."""
    tags: bool = False
    """Whether it matches the tags rather than the text."""

    def fts5(self) -> str:
        """FTS5 syntax. Words are letters and digits only, so that AND, NEAR, ``*`` or quotes
        typed by a user are plain words or gone."""
        columns = "{tags}" if self.tags else "{head items body}"
        either = " OR ".join(f'"{word}"' + ("*" if prefix else "") for word, prefix in self.alternatives)
        return f"{columns} : ({either})"

    def tsquery(self) -> str:
        """``to_tsquery`` syntax: quoted lexemes, ``:*`` for a prefix."""
        return "(" + " | ".join(f"'{word}'" + (":*" if prefix else "") for word, prefix in self.alternatives) + ")"


@dataclass(frozen=True, slots=True)
class _Query:
    phrases: tuple[tuple[str, ...], ...]
    """Each typed word as its words: "960/LĐLĐ" is ("960", "ldld"), found as their compound."""
    prefix: bool

    @classmethod
    def parse(cls, q: str, *, prefix: bool) -> _Query | None:
        phrases = tuple(p for p in (tuple(words(typed)) for typed in q.split()) if p)[:MAX_QUERY_WORDS]
        return cls(phrases, prefix) if phrases else None

    @property
    def terms(self) -> Terms:
        """What the snippet marks: a compound's words in a row."""
        return Terms(self.phrases, prefix=self.prefix and len(self.phrases[-1]) == 1)

    def clauses(self) -> list[_Clause]:
        last = len(self.phrases) - 1
        return [_Clause(((compound(p), self.prefix and i == last),)) for i, p in enumerate(self.phrases)]


def _filter_clauses(
    issuer: str | None, doc_type: str | None, date_from: dt.date | None, date_to: dt.date | None
) -> list[_Clause] | None:
    """The filters as tag clauses; None when no document can pass them (``date_from`` after ``date_to``)."""
    issuer_words = words(issuer or "")
    clauses = [_Clause((("i" + w, i == len(issuer_words) - 1),), tags=True) for i, w in enumerate(issuer_words)]
    if doc_type:
        clauses.append(_Clause(((_type_tag(doc_type), False),), tags=True))
    if date_from or date_to:
        if date_from and date_to and date_from > date_to:
            return None
        low = _low_digits(date_from) if date_from else "0" * 8
        high = _high_digits(date_to) if date_to else "9" * 8
        cover = tuple(("d" + p, len(p) < len(low)) for p in _prefix_cover(low, high))
        clauses.append(_Clause(cover, tags=True))
    return clauses


def _type_tag(doc_type: str) -> str:
    return "type" + "".join(words(doc_type))


def _date_digits(date: dt.date) -> str:
    return f"{date.year:04d}{date.month:02d}{date.day:02d}"


def _low_digits(date: dt.date) -> str:
    """``_date_digits``, with a first day as day 00 and a first month as month 00: no date is written
    so, and a whole month or year then shares one prefix."""
    if date.day > 1:
        return _date_digits(date)
    return f"{date.year:04d}{date.month:02d}00" if date.month > 1 else f"{date.year:04d}0000"


def _high_digits(date: dt.date) -> str:
    """The same at the other end: a last day as day 99 and a last month as month 99."""
    if date.day < calendar.monthrange(date.year, date.month)[1]:
        return _date_digits(date)
    return f"{date.year:04d}{date.month:02d}99" if date.month < 12 else f"{date.year:04d}9999"


def _prefix_cover(low: str, high: str) -> list[str]:
    """The fewest prefixes that the strings of digits from ``low`` to ``high`` (same length), and no
    others, start with: from 20220115 to 20220399 it is 20220115…20220119, 2022012…2022019, 202202,
    202203: 14 prefixes, not 76 days."""
    for k in range(len(low) + 1):
        if low[:k] == high[:k] and set(low[k:]) <= {"0"} and set(high[k:]) <= {"9"}:
            return [low[:k]]
    i = next(i for i, (a, b) in enumerate(zip(low, high, strict=True)) if a != b)
    rest = len(low) - i - 1
    middle = [low[:i] + str(d) for d in range(int(low[i]) + 1, int(high[i]))]
    return _prefix_cover(low, low[: i + 1] + "9" * rest) + middle + _prefix_cover(high[: i + 1] + "0" * rest, high)


# The two backends


class _Sqlite:
    def __init__(self, clauses: list[_Clause]) -> None:
        self.params = {"match": " AND ".join(c.fts5() for c in clauses)}
        self.count = text(
            f"SELECT count(*) FROM (SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :match LIMIT :most)"
        ).bindparams(**self.params, most=COUNT_LIMIT + 1)

    @contextmanager
    def index_only(self, session: Session) -> Iterator[None]:
        yield

    ranked = text(
        f"SELECT id, score FROM (SELECT rowid AS id, -bm25({INDEX_TABLE}, 10.0, 4.0, 1.0, 0.0) AS score"
        f" FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :match ORDER BY rowid DESC LIMIT :window)"
        " ORDER BY score DESC, id DESC LIMIT :limit OFFSET :offset"
    )
    newest = text(
        f"SELECT rowid, -bm25({INDEX_TABLE}, 10.0, 4.0, 1.0, 0.0) FROM {INDEX_TABLE}"
        f" WHERE {INDEX_TABLE} MATCH :match ORDER BY rowid DESC LIMIT :limit OFFSET :offset"
    )


class _Postgres:
    def __init__(self, clauses: list[_Clause]) -> None:
        self.params = {"match": " & ".join(c.tsquery() for c in clauses)}
        self.count = text(
            f"SELECT count(*) FROM (SELECT 1 FROM {INDEX_TABLE} WHERE vector @@ to_tsquery('simple', :match)"
            " LIMIT :most) AS found"
        ).bindparams(**self.params, most=COUNT_LIMIT + 1)

    @contextmanager
    def index_only(self, session: Session) -> Iterator[None]:
        """No sequential scans for the rest of the search: for a common word the planner would read
        every row, and testing a row un-TOASTs its vector (half a second at 100,000 documents)
        where the GIN index answers in a few milliseconds. Set for this transaction, then restored."""
        before = session.scalar(text("SELECT current_setting('enable_seqscan')"))
        session.execute(text("SELECT set_config('enable_seqscan', 'off', true)"))
        try:
            yield
        finally:
            session.execute(text("SELECT set_config('enable_seqscan', :before, true)"), {"before": before})

    # ts_rank's weights are for D, C, B, A: body, tags (nothing), items, head. Normalisation 1 divides
    # by 1 + log(length), so that a long report does not win on length alone. ``document_id + 0``:
    # take the matches from the index and sort them, never walk the primary key testing each row.
    ranked = text(
        "SELECT document_id, ts_rank('{0.1, 0, 0.4, 1.0}', vector, to_tsquery('simple', :match), 1) AS score"
        f" FROM (SELECT document_id, vector FROM {INDEX_TABLE} WHERE vector @@ to_tsquery('simple', :match)"
        " ORDER BY document_id + 0 DESC LIMIT :window) AS newest"
        " ORDER BY score DESC, document_id DESC LIMIT :limit OFFSET :offset"
    )
    newest = text(
        "SELECT document_id, ts_rank('{0.1, 0, 0.4, 1.0}', vector, to_tsquery('simple', :match), 1)"
        f" FROM (SELECT document_id, vector FROM {INDEX_TABLE} WHERE vector @@ to_tsquery('simple', :match)"
        " ORDER BY document_id + 0 DESC LIMIT :limit OFFSET :offset) AS page ORDER BY document_id DESC"
    )


def _page(
    session: Session, backend: _Sqlite | _Postgres, total: int, limit: int, offset: int
) -> list[tuple[int, float]]:
    """Rows ``offset`` to ``offset + limit`` of: the ranked window by score, then the older matches, newest first."""
    rows: list[tuple[int, float]] = []
    window = min(total, RANK_WINDOW) if total <= COUNT_LIMIT else 0
    if offset < window:
        params = {**backend.params, "window": window, "limit": min(limit, window - offset), "offset": offset}
        rows += [(id_, score) for id_, score in session.execute(backend.ranked, params)]
    if len(rows) < limit and total > window:
        params = {**backend.params, "limit": limit - len(rows), "offset": max(offset, window)}
        rows += [(id_, score) for id_, score in session.execute(backend.newest, params)]
    return rows


# What is indexed, and the hits


def _index_text(parts: Iterable[str | None]) -> str:
    return " ".join(w for part in parts if part for w in indexed_words(part))


def _parts(document: Document) -> dict[str, str]:
    items = [
        *(d.text for d in document.directives),
        *(t.metric for t in document.targets),
        *(a.metric for a in document.achievements),
    ]
    tags = [_type_tag(document.doc_type)] if document.doc_type else []
    if document.date:
        tags.append("d" + _date_digits(document.date))
    tags += ["i" + w for w in words(document.issuer or "")]
    return {
        "head": _index_text((document.number, document.issuer, document.subject)),
        "items": _index_text(items),
        "body": _index_text((document.text,)),
        "tags": " ".join(tags),
    }


def _hits(session: Session, rows: list[tuple[int, float]], terms: Terms) -> list[SearchHit]:
    ids = [document_id for document_id, _ in rows]
    shown = load_only(
        Document.doc_type, Document.number, Document.issuer, Document.date, Document.subject, Document.text
    )
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(ids)).options(shown))}
    items = _items_of(session, ids)
    hits = []
    for document_id, score in rows:
        d = documents[document_id]
        fields = (d.text, d.subject, d.issuer, d.number, *items.get(document_id, ()))
        snippet = highlight((f for f in fields if f), terms)
        hits.append(SearchHit(d.id, d.doc_type, d.number, d.issuer, d.date, d.subject, score, snippet))
    return hits


def _items_of(session: Session, ids: list[int]) -> dict[int, list[str]]:
    """Directives, then target and achievement metrics, of each document, in text order."""
    found: dict[int, list[str]] = {}
    for model, field in ((Directive, Directive.text), (Target, Target.metric), (Achievement, Achievement.metric)):
        query = select(model.document_id, field).where(model.document_id.in_(ids))
        for document_id, value in session.execute(query.order_by(model.document_id, model.position)):
            found.setdefault(document_id, []).append(value)
    return found


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


_SQLITE_DELETE = text(f"DELETE FROM {INDEX_TABLE} WHERE rowid = :id")
_SQLITE_INSERT = text(
    f"INSERT INTO {INDEX_TABLE} (rowid, head, items, body, tags) VALUES (:id, :head, :items, :body, :tags)"
)
_PG_UPSERT = text(
    f"INSERT INTO {INDEX_TABLE} (document_id, vector) VALUES (:id,"
    " setweight(to_tsvector('simple', :head), 'A') || setweight(to_tsvector('simple', :items), 'B')"
    " || setweight(to_tsvector('simple', :tags), 'C') || setweight(to_tsvector('simple', :body), 'D'))"
    " ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector"
)
