"""Benchmark: how long lovwatch takes to start for commands that do not crawl, beside
`python -c pass` (the interpreter's floor) and `scrapy version` (the crawl framework's own
start-up), all measured in the same run.

Each command runs as a fresh process (the console scripts of this environment), the runs of
the commands interleaved so that a burst of load hits them all alike; the figure is the
median wall time of `--runs` runs, beside the median CPU time (user + system) of the
process, which a busy machine inflates far less than wall time. `lovwatch list` reads an
empty store that `db upgrade` migrated beforehand, so it includes opening the store and one
query.

    python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def commands(store: Path) -> dict[str, list[str]]:
    lovwatch = str(BIN / "lovwatch")
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "scrapy version": [str(BIN / "scrapy"), "version"],
        "lovwatch --help": [lovwatch, "--help"],
        "lovwatch --version": [lovwatch, "--version"],
        "lovwatch list --help": [lovwatch, "list", "--help"],
        "lovwatch list (empty store)": [lovwatch, "--db", str(store), "list"],
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `argv`."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed, used = time.perf_counter() - started, _cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed, used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (median)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("LOVWATCH_NOW", None)
    with tempfile.TemporaryDirectory(prefix="lovwatch-startup-") as tmp:
        store = Path(tmp) / "empty.sqlite"
        subprocess.run(
            [str(BIN / "lovwatch"), "--db", str(store), "db", "upgrade"],
            env=env,
            capture_output=True,
            check=True,
        )
        argvs = commands(store)
        for argv in argvs.values():  # warm the file cache and the bytecode caches
            timed(argv, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
        load_before = os.getloadavg()[0]
        for _ in range(args.runs):
            for name, argv in argvs.items():
                times[name].append(timed(argv, env))
        load_after = os.getloadavg()[0]
    print(
        f"start-up, median of {args.runs} runs (load average {load_before:.2f} before, "
        f"{load_after:.2f} after; {os.cpu_count()} cores)"
    )
    print(f"{'command':<30} {'wall s':>7} {'min':>7} {'max':>7} {'CPU s':>7}")
    for name, values in times.items():
        walls = [wall for wall, _ in values]
        cpus = [cpu for _, cpu in values]
        print(
            f"{name:<30} {statistics.median(walls):>7.3f} {min(walls):>7.3f} "
            f"{max(walls):>7.3f} {statistics.median(cpus):>7.3f}"
        )


if __name__ == "__main__":
    main()
