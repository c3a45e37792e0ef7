"""Bench the registry at scale: 100,000 synthetic dispatches on SQLite and PostgreSQL (issue 7, item 9).

    python -m bench.registry [--docs 100000] [--backend sqlite|postgresql|both] [--repeat 200]
                             [--out bench/out/registry.json] [--pg-url URL] [--keep-sqlite PATH]
                             [--query-seconds 60] [--seed 7]
    python -m bench.registry --reuse sqlite:///bench/out/registry.db   # queries only, on a kept registry

The schema is built by the registry's migrations up to the one before the
search index (0003); the documents (``bench.registry_data``) are loaded
(``bench.registry_load``) in batches of 1,000 Core ``executemany`` inserts, not through
``registry.save`` (about 100 ms a document), every derived column filled as
``save`` fills it; then ``registry.upgrade`` runs migration 0004, which indexes
the documents already there in bulk (timed apart). PostgreSQL is then VACUUM
ANALYZEd, as autovacuum would; SQLite is left as the registry leaves it (no
ANALYZE). Without ``registry.search``, the schema goes straight to head and
search is reported as a TODO.

Each query runs ``--repeat`` times with varied parameters after a warm-up of 20,
each run in a fresh session as an API request does, timed with
``time.perf_counter`` around the call and the use of its rows
(``target.progress``, ``directive.bodies``, the search snippets); a query that
has used ``--query-seconds`` stops early (after 30 runs at least) and says how
many it ran. p50/p95 go to stdout and to ``--out`` with the load rate and the
database size and, per query, the SQL of one run with its plan (EXPLAIN QUERY
PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL) and the time of each statement.

PostgreSQL is a throwaway server started as the tests start theirs
(``tests/conftest.py``: fsync off, under /dev/shm when there is room) unless
``--pg-url`` names an empty database; SQLite is a file in a temporary folder
under bench/out, deleted afterwards unless ``--keep-sqlite`` names a new file.
``--reuse`` measures the queries again on a registry an earlier run loaded (a
kept SQLite file, or the database ``--pg-url`` named), brought to the newest
schema first: to time a change to the queries or the indexes without loading
for ten minutes. Its report has no load figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

import registry
from bench.registry_data import METRICS, TODAY, BodyInfo, load_lexicon, make_bodies
from bench.registry_load import (
    analyze,
    build_search_index,
    database,
    database_bytes,
    load,
    search_module,
    server_version,
    upgrade_before_search,
)

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 20
ITEM_TARGET_MS, SEARCH_TARGET_MS = 50.0, 150.0


# The queries


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    target_ms: float | None
    run: Callable[[Session, random.Random], int]
    """Runs the query with parameters drawn from the generator, uses its rows, returns the total."""


def _issuer(local: list[BodyInfo], r: random.Random) -> str:
    """What a user types: a province, a whole body's name, or a kind of body (accents or none)."""
    body = r.choice(local)
    typed = r.choice([body.province or "", body.name, body.kind])
    return typed.lower() if r.random() < 0.5 else registry.body_key(typed)


def _offset(r: random.Random) -> int:
    return 0 if r.random() < 0.7 else 50 * r.randint(1, 4)


def _day(r: random.Random) -> dt.date:
    return dt.date(2015, 1, 1) + dt.timedelta(days=r.randrange(12 * 365))


def _used(rows: list[Any], total: int, read: Callable[[Any], object] | None = None) -> int:
    """Read from each row what a response reads (a lazy load would be part of the query); the total."""
    for row in rows:
        if read is not None:
            read(row)
    return total


def queries(bodies: list[BodyInfo], syllables: Any) -> list[Query]:
    doc_types = ["cong_van", "ke_hoach", "thong_bao", "bao_cao", "chi_thi", "quyet_dinh", "cong_dien", "other"]
    local = [b for b in bodies if b.province]

    def targets_by_issuer(s: Session, r: random.Random) -> int:
        return _used(*registry.list_targets(s, issuer=_issuer(local, r), offset=_offset(r)), lambda t: t.progress)

    def targets_all(s: Session, r: random.Random) -> int:
        return _used(*registry.list_targets(s, offset=_offset(r)), lambda t: t.progress)

    def deadlines(**fixed: Any) -> Callable[[Session, random.Random], int]:
        def run(s: Session, r: random.Random) -> int:
            params = {k: (v(r) if callable(v) else v) for k, v in fixed.items()}
            return registry.list_deadlines(s, today=TODAY, offset=_offset(r), **params)[1]

        return run

    def directives_by_body(s: Session, r: random.Random) -> int:
        return _used(*registry.list_directives(s, body_id=r.choice(local).id, offset=_offset(r)), lambda d: d.bodies)

    def documents_by_date_range(s: Session, r: random.Random) -> int:
        """Not in ``registry.queries`` (``list_documents`` takes no dates): the same shape, by hand."""
        first = _day(r)
        query = select(registry.Document).where(
            registry.Document.date >= first, registry.Document.date < first + dt.timedelta(days=r.choice([7, 30, 90]))
        )
        total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
        ordered = query.order_by(registry.Document.date.desc(), registry.Document.id.desc())
        return _used(list(s.scalars(ordered.limit(50).offset(_offset(r)))), total)

    found = [
        Query("targets_by_issuer", ITEM_TARGET_MS, targets_by_issuer),
        Query("targets_all", ITEM_TARGET_MS, targets_all),
        Query("deadlines_due_before", ITEM_TARGET_MS, deadlines(due_before=_day)),
        Query("deadlines_overdue", ITEM_TARGET_MS, deadlines(overdue=True)),
        Query("deadlines_status", ITEM_TARGET_MS, deadlines(status=lambda r: r.choice(registry.DEADLINE_STATES))),
        Query("deadlines_issuer_overdue", ITEM_TARGET_MS, deadlines(issuer=lambda r: _issuer(local, r), overdue=True)),
        Query("directives_by_body", None, directives_by_body),
        Query("documents_by_issuer", None, lambda s, r: registry.list_documents(s, issuer=_issuer(local, r))[1]),
        Query("documents_by_type", None, lambda s, r: registry.list_documents(s, doc_type=r.choice(doc_types))[1]),
        Query("documents_by_date_range", None, documents_by_date_range),
    ]
    module = search_module()
    if module is None:
        return found
    common = list(syllables[:3000])

    def words(r: random.Random) -> str:
        """A metric (3–8 words), 1–3 common syllables, or a province and a metric's first words."""
        shape = r.random()
        if shape < 0.4:
            return r.choice(METRICS)[0]
        if shape < 0.7:
            return " ".join(r.sample(common, r.randint(1, 3)))
        return f"{r.choice(local).province} {' '.join(r.choice(METRICS)[0].split()[:2])}"

    def search(s: Session, r: random.Random) -> int:
        return _used(*module.search(s, words(r), offset=_offset(r) // 50 * 20))

    def search_by_issuer(s: Session, r: random.Random) -> int:
        return _used(*module.search(s, words(r), issuer=_issuer(local, r)))

    return [
        *found,
        Query("search", SEARCH_TARGET_MS, search),
        Query("search_issuer", SEARCH_TARGET_MS, search_by_issuer),
    ]


# Measuring


def measure(factory: sessionmaker[Session], query: Query, repeat: int, budget_s: float, seed: int) -> dict[str, Any]:
    """p50/p95 of ``repeat`` runs after the warm-up; a query slower than ``budget_s`` in all stops
    sooner (after 30 runs at least), since its miss is then plain and the run must stay short."""
    r = random.Random(seed)
    _runs(factory, query, r, WARMUP, budget_s / 6, 3)
    seconds, totals = _runs(factory, query, r, repeat, budget_s, 30)
    ms = np.array(seconds) * 1000
    p50, p95 = (round(float(np.percentile(ms, q)), 1) for q in (50, 95))
    missed = query.target_ms is not None and p95 > query.target_ms
    return {
        "p50_ms": p50,
        "p95_ms": p95,
        "target_ms": query.target_ms,
        "missed": missed,
        "runs": len(ms),
        "mean_total": round(float(np.mean(totals))),
    }


def _runs(
    factory: sessionmaker[Session], query: Query, r: random.Random, count: int, budget_s: float, least: int
) -> tuple[list[float], list[int]]:
    seconds: list[float] = []
    totals: list[int] = []
    while len(seconds) < count and (len(seconds) < least or sum(seconds) < budget_s):
        start = time.perf_counter()
        with factory() as session:
            totals.append(query.run(session, r))
        seconds.append(time.perf_counter() - start)
    return seconds, totals


@contextmanager
def _statements(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def explain(engine: Engine, factory: sessionmaker[Session], query: Query, seed: int) -> list[dict[str, Any]]:
    """The statements of one run: each with its plan and its own time (median of 5)."""
    with _statements(engine) as seen, factory() as session:
        query.run(session, random.Random(seed))
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    out = []
    with engine.connect() as connection:
        for statement, parameters in seen:
            plan = [str(row[-1]) for row in connection.exec_driver_sql(prefix + statement, parameters)]
            times = []
            for _ in range(5):
                start = time.perf_counter()
                connection.exec_driver_sql(statement, parameters).fetchall()
                times.append((time.perf_counter() - start) * 1000)
            out.append(
                {"sql": statement, "parameters": repr(parameters), "ms": round(sorted(times)[2], 1), "plan": plan}
            )
    return out


def bench_backend(backend: str, args: argparse.Namespace) -> dict[str, Any]:
    if args.reuse:
        return _bench_queries(args.reuse, args, {"reused": args.reuse}, None, None)
    with database(backend, args.pg_url, args.keep_sqlite) as (url, sqlite_path):
        indexing = upgrade_before_search(url)
        engine = registry.make_engine(url)
        try:
            loaded = load(engine, args.docs, args.seed)
            bodies, lexicon = loaded.pop("bodies"), loaded.pop("lexicon")
            print(f"{backend}: loaded {args.docs} documents, {loaded['docs_per_s']} docs/s", flush=True)
            index = build_search_index(engine, url) if indexing else None
            print(f"{backend}: search index {index}", flush=True)
            analyze(engine)
        finally:
            engine.dispose()
        return _bench_queries(url, args, loaded, index, sqlite_path, bodies, lexicon)


def _bench_queries(
    url: str,
    args: argparse.Namespace,
    loaded: dict[str, Any],
    index: dict[str, Any] | None,
    sqlite_path: Path | None,
    bodies: list[BodyInfo] | None = None,
    lexicon: Any = None,
) -> dict[str, Any]:
    if bodies is None:  # a reused registry: the same bodies and syllables as the run that loaded it
        registry.upgrade(url)
        lexicon = load_lexicon()
        bodies = make_bodies(lexicon)
        if url.startswith("sqlite:///"):
            sqlite_path = Path(url.removeprefix("sqlite:///"))
    engine = registry.make_engine(url)
    try:
        factory = registry.make_session_factory(engine)
        results, plans = {}, {}
        for number, query in enumerate(queries(bodies, lexicon.syllables)):
            results[query.name] = measure(factory, query, args.repeat, args.query_seconds, args.seed + number)
            plans[query.name] = explain(engine, factory, query, args.seed + number)
            print(f"  {query.name:26} {results[query.name]}", flush=True)
        return {
            "server": server_version(engine),
            "load": loaded,
            "search_index": index,
            "database_bytes": database_bytes(engine, sqlite_path),
            "queries": results,
            "search": "measured" if search_module() else "TODO: no registry.search.search yet",
            "plans": plans,
        }
    finally:
        engine.dispose()


# Report


def print_table(report: dict[str, Any]) -> None:
    print(f"\n{'backend':10} {'query':26} {'p50 ms':>8} {'p95 ms':>8} {'target':>7} {'runs':>5} {'mean total':>11}")
    for backend, result in report["backends"].items():
        for name, q in result["queries"].items():
            target = f"{q['target_ms']:.0f}" if q["target_ms"] else "-"
            flag = "  MISSED" if q["missed"] else ""
            times = f"{q['p50_ms']:8.1f} {q['p95_ms']:8.1f} {target:>7} {q['runs']:5}"
            print(f"{backend:10} {name:26} {times} {q['mean_total']:11}{flag}")
        load, size = result["load"], result["database_bytes"] / 2**20
        rate = f"load {load['docs_per_s']} docs/s ({load['insert_s']} s)" if "docs_per_s" in load else "reused"
        print(f"{backend:10} {rate}, {size:.0f} MiB, {result['server']}")
        print(f"{backend:10} search: {result['search']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "registry.json")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database, instead of a throwaway server")
    parser.add_argument("--keep-sqlite", type=Path, help="build the SQLite registry in this new file and keep it")
    parser.add_argument("--query-seconds", type=float, default=60, help="stop a slow query's runs after this")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", metavar="URL", help="measure the queries only, on a registry loaded before")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if args.reuse:
        backends = ["postgresql" if args.reuse.startswith("postgresql") else "sqlite"]
    report: dict[str, Any] = {
        "machine": f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "date": dt.date.today().isoformat(),
        "command": " ".join(["python -m bench.registry", *(argv if argv is not None else sys.argv[1:])]),
        "docs": args.docs,
        "repeat": args.repeat,
        "backends": {},
    }
    for backend in backends:
        started = time.perf_counter()
        report["backends"][backend] = bench_backend(backend, args)
        report["backends"][backend]["wall_s"] = round(time.perf_counter() - started, 1)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
