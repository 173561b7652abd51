"""Benchmark: sites per minute of the municipal crawl with 1, 2 and 4 workers (scrapy-redis,
`lovwatch crawl --source municipal --workers N`) beside the single-process crawl, measured in
the same run against the same loopback replica sites.

Each site is a copy of one of the municipal replica's sites (tests/municipal_replica.py) on a
loopback host of its own (127.0.0.10, .11, ...), answering every request after 100-300 ms, as a
real municipal site does. Every crawl starts from an empty store and an empty HTTP cache, with
`--delay 0` and the municipal crawl's defaults otherwise (one request at a time per host, 16 in
all per process); no browser. The time is the wall time of the real `lovwatch crawl` command,
Python start-up and applying the run included. The configurations run interleaved, and each
row is the median of `--runs` runs. Needs Redis on 127.0.0.1:6379 and the `workers` extra.

    python benchmarks/municipal_workers.py [--sites 40] [--runs 3] [--workers 1 2 4]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from municipal_replica import MunicipalReplica, ReplicaSite  # noqa: E402


def replica_sites(count: int) -> MunicipalReplica:
    """`count` sites on 127.0.0.10 onwards, each a copy of one of the replica's three."""
    templates = MunicipalReplica().sites
    with (ROOT / "lovwatch" / "data" / "municipalities.csv").open(encoding="utf-8") as file:
        codes = [row["municipality_code"] for row in csv.DictReader(file)]
    sites = [
        ReplicaSite(
            codes[i], templates[i % 3].name, f"127.0.0.{10 + i}", dict(templates[i % 3].pages)
        )
        for i in range(count)
    ]
    return MunicipalReplica(sites=sites, latency=(0.1, 0.3))


def crawl(replica: MunicipalReplica, workers: int | None, folder: Path) -> tuple[float, dict]:
    """Seconds for one crawl into a fresh store, and its JSON."""
    env = {
        **os.environ,
        "LOVWATCH_CHROMIUM": os.devnull + "-missing",
        "LOVWATCH_HTTPCACHE_DIR": str(folder / "cache"),
    }
    command = [sys.executable, "-m", "lovwatch", "--db", str(folder / "store.sqlite"), "crawl"]
    command += ["--source", "municipal", *replica.site_options(), "--delay", "0"]
    command += ["--format", "json"]
    if workers:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"crawl failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    labels: list[tuple[str, int | None]] = [("single process", None)]
    labels += [(f"{n} worker{'s' if n > 1 else ''}", n) for n in args.workers]
    times: dict[str, list[float]] = {label: [] for label, _ in labels}
    pages: dict[str, set[int]] = {label: set() for label, _ in labels}
    with replica_sites(args.sites) as replica, tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for label, workers in labels:
                folder = Path(tmp) / f"{run}-{workers}"
                folder.mkdir()
                before = len(replica.requests)
                seconds, summary = crawl(replica, workers, folder)
                assert summary["status"] == "complete", summary
                times[label].append(seconds)
                pages[label].add(summary["pages"])
                print(
                    f"run {run + 1}, {label}: {seconds:.1f} s, {summary['pages']} LOV pages, "
                    f"{len(replica.requests) - before} requests",
                    file=sys.stderr,
                )
        # Printed while the replica still runs: stopping its many servers takes a while.
        print(
            f"{args.sites} sites, 100-300 ms per answer, {os.cpu_count()} cores, "
            f"median of {args.runs} runs"
        )
        print("| crawl | seconds | sites per minute | LOV pages read |")
        print("|---|---:|---:|---:|")
        for label, _ in labels:
            seconds = statistics.median(times[label])
            read = ", ".join(map(str, sorted(pages[label])))
            print(f"| {label} | {seconds:.1f} | {args.sites / seconds * 60:.0f} | {read} |")


if __name__ == "__main__":
    main()
