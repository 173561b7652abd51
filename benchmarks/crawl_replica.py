"""Benchmark: crawl a loopback replica of the national database and count the cost.

For each size it measures the first (baseline) crawl, an unchanged refresh (fast, and with the
polite defaults meant for the real site: 1 s delay, AutoThrottle, 2 concurrent requests), and a
refresh after a "day" in which 5 % of adverts changed and 1 % vanished: wall time of the real
`lovwatch crawl` process and the HTTP requests the replica served. Loopback only.

    python benchmarks/crawl_replica.py [--sizes 450 2000] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lovwatch.replica.dataset import generated_adverts
from lovwatch.replica.server import ReplicaServer


def crawl(db: Path, base_url: str, concurrency: int | None) -> float:
    """Seconds for one `lovwatch crawl`; concurrency None = the polite real-site defaults."""
    fast = ["--delay", "0", "--concurrency", str(concurrency)] if concurrency else []
    command = [sys.executable, "-m", "lovwatch", "--db", str(db), "crawl", "--base-url", base_url]
    started = time.perf_counter()
    subprocess.run([*command, *fast], check=True, capture_output=True)
    return time.perf_counter() - started


def bench(size: int, concurrency: int) -> list[tuple[str, float, int]]:
    adverts = generated_adverts(size)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, ReplicaServer(adverts) as server:
        db = Path(tmp) / "bench.sqlite"
        for label, pace in (
            ("baseline crawl", concurrency),
            ("unchanged refresh", concurrency),
            ("unchanged refresh, polite defaults", None),
        ):
            server.reset_log()
            seconds = crawl(db, server.base_url, pace)
            rows.append((label, seconds, len(server.requests)))
        for advert in adverts[: size // 20]:
            advert.updated = "2030-01-01"
            advert.description += " Ändrade villkor från 2030."
        for advert in adverts[size // 20 : size // 20 + size // 100]:
            advert.listed = False
            advert.page_status = 404
        server.set_adverts(adverts)
        server.reset_log()
        seconds = crawl(db, server.base_url, concurrency)
        rows.append(("next day (5 % changed, 1 % gone)", seconds, len(server.requests)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[450, 2000])
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print("| adverts | run | seconds | requests |")
    print("|---:|---|---:|---:|")
    for size in args.sizes:
        for label, seconds, requests in bench(size, args.concurrency):
            print(f"| {size} | {label} | {seconds:.1f} | {requests} |", flush=True)


if __name__ == "__main__":
    main()
