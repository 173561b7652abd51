"""Benchmark: how a PostgreSQL store grows over unchanged refreshes.

One first crawl of a loopback replica, then N refreshes in which nothing changed, with
autovacuum off for the store's tables so that every dead row stays counted. Prints the size of
the store's tables and the dead rows PostgreSQL counts after the first crawl and after the
refreshes. Beside it, as the reference, the same figures after the first crawl alone. Needs a
PostgreSQL server (`LOVWATCH_TEST_POSTGRES_URL`, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); a fresh database is made and dropped.

    python benchmarks/refresh_bloat.py [--adverts 1000] [--refreshes 100]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from lovwatch.replica.dataset import generated_adverts
from lovwatch.replica.server import ReplicaServer

SIZES = text(
    "SELECT coalesce(sum(pg_total_relation_size(relid)), 0), coalesce(sum(n_dead_tup), 0), "
    "coalesce(sum(n_dead_tup) FILTER (WHERE relname = 'advert'), 0) "
    "FROM pg_stat_user_tables"
)


def crawl(url: str, base_url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "lovwatch", "--db", url, "crawl", "--base-url", base_url,
         "--delay", "0", "--concurrency", "8"],
        check=True,
        capture_output=True,
    )  # fmt: skip


def measure(engine: Engine) -> tuple[float, int, int]:
    """Tables' size (MB), dead rows in all tables, dead advert rows."""
    time.sleep(1)  # the statistics collector reports with a short delay
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_stat_clear_snapshot()"))
        size, dead, dead_adverts = connection.execute(SIZES).one()
    return float(size) / 1e6, int(dead), int(dead_adverts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--adverts", type=int, default=1000)
    parser.add_argument("--refreshes", type=int, default=100)
    args = parser.parse_args()
    server_url = os.environ.get("LOVWATCH_TEST_POSTGRES_URL")
    if not server_url:
        raise SystemExit("set LOVWATCH_TEST_POSTGRES_URL to a PostgreSQL server")
    name = f"lovwatch_bloat_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(url)
    try:
        with ReplicaServer(generated_adverts(args.adverts)) as server:
            crawl(url, server.base_url)
            with engine.begin() as connection:
                tables = connection.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
                for table in list(tables):
                    connection.execute(
                        text(f'ALTER TABLE "{table}" SET (autovacuum_enabled = false)')
                    )
            first = measure(engine)
            started = time.perf_counter()
            for _ in range(args.refreshes):
                crawl(url, server.base_url)
            seconds = time.perf_counter() - started
            after = measure(engine)
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    print(
        f"{args.adverts} adverts, {args.refreshes} unchanged refreshes "
        f"({seconds / args.refreshes:.1f} s each); autovacuum off"
    )
    print("| after | tables (MB) | dead rows | dead advert rows |")
    print("|---|---:|---:|---:|")
    print(f"| the first crawl (reference) | {first[0]:.1f} | {first[1]} | {first[2]} |")
    print(f"| {args.refreshes} refreshes | {after[0]:.1f} | {after[1]} | {after[2]} |")
    print(f"growth: {after[0] / first[0]:.2f} × the first crawl's size (goal ≤ 1.1)")


if __name__ == "__main__":
    main()
