"""Benchmark: matching 500 events to 1,000 and 10,000 subscriptions and recording the
deliveries owed (no sending), on SQLite and (with LOVWATCH_TEST_POSTGRES_URL) PostgreSQL.

The store is generated (`tests/notify_generated.py`: varied filters by county, municipality,
category, kommungrupp, keyword and event kinds, some subscriptions paused or begun during the
week of events; 9 in 10 events national, the rest from municipal sites). Timed, medians of
`--repeat` runs, each from no deliveries: `record_deliveries` and its commit, as `lovwatch
notify` runs it; the same without its INSERT (matching alone); then a re-run with everything
already recorded. Beside it, measured in the same run: a bare executemany INSERT of the same
delivery rows through SQLAlchemy (what recording them costs plainly), and with `--reference`
the matcher as first written (`tests/notify_reference.py`: every (target, event) pair
tested; about a minute at 10,000 subscriptions).

    python benchmarks/notify_fanout.py [--subscriptions 1000 10000] [--reference]
        [--foreign-keys]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import notify_reference  # noqa: E402
from analysis_queries import postgres_store, sqlite_store  # noqa: E402
from notify_generated import seed_fanout  # noqa: E402

from lovwatch.models.store import open_store  # noqa: E402
from lovwatch.models.subscriptions import Delivery  # noqa: E402
from lovwatch.notify import matching  # noqa: E402
from lovwatch.notify.matching import record_deliveries  # noqa: E402

#: Indexes the fan-out wants beyond the schema's (table, columns). None: a covering
#: delivery (event_id, target_id) index makes the re-run's read of the pairs already recorded
#: a little faster but every first run slower (one more index to write per delivery).
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = ()
COLUMNS = ("subscription_id", "target_id", "event_id", "status")


def create_indexes(engine: Engine) -> None:
    with engine.begin() as connection:
        for table, columns in INDEXES:
            name = f"ix_bench_{table}_{'_'.join(columns)}"
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(columns)})"
            )


#: The foreign keys `delivery` had before migration 0006, for `--foreign-keys`.
FOREIGN_KEYS = (
    ("subscription_id", "subscription"),
    ("target_id", "subscriptiontarget"),
    ("event_id", "event"),
)


def add_foreign_keys(engine: Engine) -> None:
    """What recording costs with the foreign keys `delivery` no longer has (PostgreSQL: SQLite
    cannot add a constraint to a table)."""
    with engine.begin() as connection:
        for column, table in FOREIGN_KEYS:
            connection.exec_driver_sql(
                f"ALTER TABLE delivery ADD CONSTRAINT fk_bench_{column} "
                f"FOREIGN KEY ({column}) REFERENCES {table} (id)"
            )


def clear(engine: Engine) -> None:
    """No deliveries, and (PostgreSQL) no dead rows of earlier runs in the table's indexes."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("TRUNCATE delivery")
        else:
            connection.execute(delete(Delivery))


def record(engine: Engine, implementation: Callable[[Session, Any], int], moment: Any) -> int:
    with Session(engine) as session:
        recorded = implementation(session, moment)
        session.commit()
    return recorded


def match_only(engine: Engine, moment: Any) -> int:
    """`record_deliveries` with the INSERT left out: what matching costs by itself."""
    original = matching._insert_ignoring_duplicates
    matching._insert_ignoring_duplicates = lambda *_args: None  # type: ignore[assignment]
    try:
        with Session(engine) as session:
            return record_deliveries(session, moment)
    finally:
        matching._insert_ignoring_duplicates = original


def timed(work: Callable[[], Any], before: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def recorded_rows(engine: Engine) -> list[dict[str, Any]]:
    table = Delivery.__table__  # type: ignore[attr-defined]
    with engine.connect() as connection:
        return [
            dict(row._mapping)
            for row in connection.execute(
                select(*(table.c[name] for name in COLUMNS), table.c.recorded_at, table.c.attempts)
            )
        ]


def bare_insert(engine: Engine, rows: list[dict[str, Any]]) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Delivery), rows)


def bench(url: str, subscriptions: int, args: argparse.Namespace) -> dict[str, Any]:
    engine = open_store(url)
    fanout = seed_fanout(engine, events=args.events, subscriptions=subscriptions)
    if not args.no_indexes:
        create_indexes(engine)
    if args.foreign_keys and engine.dialect.name == "postgresql":
        add_foreign_keys(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")
    moment = fanout.moment
    first_ms, recorded = timed(
        lambda: record(engine, record_deliveries, moment), lambda: clear(engine), args.repeat
    )
    rows = recorded_rows(engine)
    matching_ms, _ = timed(lambda: match_only(engine, moment), lambda: clear(engine), args.repeat)
    again_ms, again = timed(
        lambda: record(engine, record_deliveries, moment), lambda: None, args.repeat
    )
    assert again == 0
    floor_ms, _ = timed(lambda: bare_insert(engine, rows), lambda: clear(engine), args.repeat)
    reference_ms = None
    if args.reference:
        reference_ms, old = timed(
            lambda: record(engine, notify_reference.record_deliveries, moment),
            lambda: clear(engine),
            1,
        )
        assert old == recorded, (old, recorded)
        key = {tuple(row[name] for name in COLUMNS) for row in rows}
        assert len(key) == len(rows) and key == {
            tuple(row[name] for name in COLUMNS) for row in recorded_rows(engine)
        }, "the reference recorded other deliveries"
    engine.dispose()
    return {
        "events": args.events,
        "targets": fanout.targets,
        "recorded": recorded,
        "first": first_ms,
        "matching": matching_ms,
        "again": again_ms,
        "floor": floor_ms,
        "reference": reference_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--events", type=int, default=500, help="events to match (no baseline)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument("--reference", action="store_true", help="also time the first matcher")
    parser.add_argument("--no-indexes", action="store_true", help="leave INDEXES out")
    parser.add_argument(
        "--foreign-keys",
        action="store_true",
        help="add the foreign keys delivery had before migration 0006 (PostgreSQL)",
    )
    parser.add_argument("--stores", default="sqlite,postgresql")
    args = parser.parse_args()
    server = os.environ.get("LOVWATCH_TEST_POSTGRES_URL")
    stores: list[tuple[str, Callable[[], Any]]] = []
    if "sqlite" in args.stores:
        stores.append(("SQLite", sqlite_store))
    if "postgresql" in args.stores:
        if server:
            stores.append(("PostgreSQL", lambda: postgres_store(server)))
        else:
            print("  (no LOVWATCH_TEST_POSTGRES_URL: PostgreSQL skipped)", file=sys.stderr)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    header = (
        f"{'store':<11} {'subs':>6} {'targets':>7} {'events':>6} {'recorded':>8} "
        f"{'lovwatch':>10} {'matching':>9} {'re-run':>9} {'bare INSERT':>12} "
        f"{'as first written':>17}"
    )
    print(header)
    print("-" * len(header))
    for label, store in stores:
        for subscriptions in args.subscriptions:
            with store() as url:
                found = bench(url, subscriptions, args)
            reference = f"{found['reference']:.0f} ms" if found["reference"] else "-"
            print(
                f"{label:<11} {subscriptions:>6} {found['targets']:>7} {found['events']:>6} "
                f"{found['recorded']:>8} {found['first']:>7.0f} ms {found['matching']:>6.0f} ms "
                f"{found['again']:>6.0f} ms "
                f"{found['floor']:>9.0f} ms {reference:>17}"
            )
    print(f"medians of {args.repeat} runs; load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
