"""Benchmark: `stats`, `stats --at`, `trends --interval month` and `compare` on 3 years of
daily history of 1,000 adverts, in-process, on SQLite and (with LOVWATCH_TEST_POSTGRES_URL)
PostgreSQL.

The store is generated (`tests/generated_store.py`: adverts appearing, changing, ending and
reappearing over the days, ~290 municipalities, 21 regions, state agencies, categories), the
indexes recommended for the analyses are created (`INDEXES`; `--no-indexes` to leave them
out), and each command's work is timed as the CLI does it: read the history, then count.
Beside each figure, two references measured in the same run: the analyses as first written
(`tests/analysis_reference.py`: every advert loaded whole, every count a scan) and a bare SQL
floor (one `SELECT count(*)` over the tables the analyses read).

    python benchmarks/analysis_queries.py [--adverts 1000] [--days 1096] [--repeat 5]
    LOVWATCH_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres \\
        python benchmarks/analysis_queries.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import analysis_reference as before  # noqa: E402
from generated_store import generate  # noqa: E402

from lovwatch.analysis import compare as comparing  # noqa: E402
from lovwatch.analysis.stats import by_category, totals  # noqa: E402
from lovwatch.analysis.timeline import load_history  # noqa: E402
from lovwatch.analysis.trends import default_categories, trend_rows  # noqa: E402
from lovwatch.models.store import open_store  # noqa: E402
from lovwatch.normalize.authorities import find_municipality  # noqa: E402

#: Indexes for the analyses beyond the schema's (table, columns). Optional: they save about
#: half a millisecond (the `ended`/`reappeared` events read from the index alone, in order).
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("event", ("kind", "detected_at", "advert_id")),
)
#: With --covering, also: the advert columns the analyses read, so that SQLite need not walk
#: the overflow pages of each advert's long texts (about 2 ms; PostgreSQL keeps those texts
#: out of line anyway and does not need it).
COVERING: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "advert",
        ("id", "authority_id", "first_seen", "published", "status", "ended_at", "title", "url"),
    ),
)

FLOOR_SQL = (
    "SELECT count(*) FROM advert LEFT JOIN authority ON authority.id = advert.authority_id",
    "SELECT count(*) FROM advertcategory",
    "SELECT count(*) FROM event WHERE kind IN ('ended', 'reappeared')",
    "SELECT count(*) FROM crawlrun WHERE status = 'complete'",
)


def create_indexes(engine: Engine, indexes: Sequence[tuple[str, tuple[str, ...]]]) -> None:
    with engine.begin() as connection:
        for table, columns in indexes:
            name = f"ix_bench_{table}_{'_'.join(columns)}"
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})"
            )
        connection.exec_driver_sql("ANALYZE")


@contextmanager
def sqlite_store() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{Path(tmp) / 'bench.sqlite'}"


@contextmanager
def postgres_store(server: str) -> Iterator[str]:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(server)
    admin = url.set(drivername="postgresql", database=url.database or "postgres")
    name = f"lovwatch_bench_{uuid.uuid4().hex[:10]}"
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def median_ms(work: Callable[[], Any], repeat: int) -> float:
    work()  # warm: caches of reference data, statement caches, the OS page cache
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measures(engine: Engine, implementation: Any, day: Any, past: Any) -> dict[str, Callable]:
    """The work of each command as the CLI does it, with `implementation` = the current
    modules (None) or the reference of the analyses as first written."""
    subject = find_municipality("0180")
    assert subject is not None
    peers = comparing.peer_group(subject, "kommungrupp")
    if implementation is None:
        load, count_categories, count_totals = load_history, by_category, totals
        top, series, benchmark = default_categories, trend_rows, comparing.compare
    else:
        load, count_categories, count_totals = (
            implementation.load_history,
            implementation.by_category,
            implementation.totals,
        )
        top, series, benchmark = (
            implementation.default_categories,
            implementation.trend_rows,
            implementation.compare,
        )

    def history() -> Any:
        with Session(engine) as session:
            return load(session)

    def stats(at: Any) -> Callable[[], Any]:
        def run() -> Any:
            loaded = history()
            return count_categories(loaded, at), count_totals(loaded, at)

        return run

    def trends() -> Any:
        loaded = history()
        start = loaded.earliest_start() or day
        return series(loaded, top(loaded, day), start, day, "month", False)

    def compare() -> Any:
        return benchmark(history(), subject, peers, day)

    return {
        "stats": stats(day),
        "stats --at": stats(past),
        "trends --interval month": trends,
        "compare 0180": compare,
    }


def floor(engine: Engine) -> None:
    with engine.connect() as connection:
        for sql in FLOOR_SQL:
            connection.exec_driver_sql(sql).scalar()


def bench(url: str, args: argparse.Namespace) -> list[tuple[str, float, float, float]]:
    engine = open_store(url)
    started = time.perf_counter()
    built = generate(engine, adverts=args.adverts, days=args.days)
    if not args.no_indexes:
        create_indexes(engine, INDEXES + (COVERING if args.covering else ()))
    print(
        f"  {engine.dialect.name}: {built.adverts} adverts, {built.versions} versions, "
        f"{built.events} events, {built.runs} runs, {built.first_day} to {built.last_day} "
        f"(built in {time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    day, past = built.last_day, built.first_day + timedelta(days=400)
    now_ = measures(engine, None, day, past)
    then = measures(engine, before, day, past)
    floor_ms = median_ms(lambda: floor(engine), args.repeat)
    rows = []
    for name, work in now_.items():
        assert _same(work(), then[name]()), f"{name}: results differ from the reference"
        rows.append(
            (name, median_ms(work, args.repeat), median_ms(then[name], args.repeat), floor_ms)
        )
    engine.dispose()
    return rows


def _same(new: Any, old: Any) -> bool:
    return repr(new) == repr(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adverts", type=int, default=1000)
    parser.add_argument("--days", type=int, default=3 * 365 + 1)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--no-indexes", action="store_true", help="leave INDEXES out")
    parser.add_argument("--covering", action="store_true", help="add the COVERING index too")
    parser.add_argument("--stores", default="sqlite,postgresql")
    args = parser.parse_args()
    stores: list[tuple[str, Any]] = []
    if "sqlite" in args.stores:
        stores.append(("SQLite", sqlite_store()))
    server = os.environ.get("LOVWATCH_TEST_POSTGRES_URL")
    if "postgresql" in args.stores:
        if server:
            stores.append(("PostgreSQL", postgres_store(server)))
        else:
            print("  (no LOVWATCH_TEST_POSTGRES_URL: PostgreSQL skipped)", file=sys.stderr)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    header = (
        f"{'store':<11} {'command':<24} {'lovwatch':>10} {'as first written':>17} {'bare SQL':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, store in stores:
        with store as url:
            for name, ms, old_ms, floor_ms in bench(url, args):
                print(
                    f"{label:<11} {name:<24} {ms:>7.1f} ms {old_ms:>14.1f} ms {floor_ms:>6.1f} ms"
                )
    print(f"medians of {args.repeat} runs; load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
