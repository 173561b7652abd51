"""Benchmark: lovwatch's first crawl beside a bare Scrapy spider fetching the same URLs.

Both run as processes against the same loopback replica with the same concurrency; the bare
spider requests the listing pages and every advert page and only counts them, so the
difference is what lovwatch adds (parsing, items, the store transaction). Prints pages per
second, CPU seconds and peak RSS, medians of several runs. Loopback only.

    python benchmarks/crawl_vs_scrapy.py [--size 2000] [--runs 3] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from lovwatch.replica.dataset import generated_adverts
from lovwatch.replica.server import ReplicaServer

BARE_SPIDER = textwrap.dedent(
    """
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    BASE, SIZE, CONCURRENCY = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):
            for offset in range(0, SIZE, 100):
                url = f"{BASE}/api/sv/hitta-lov/search?query=&fetch=100&offset={offset}"
                yield scrapy.Request(url, callback=self.listing)

        def listing(self, response):
            for item in json.loads(response.body)["results"]:
                yield response.follow(item["url"], callback=self.page)

        def page(self, response):
            return None

    process = CrawlerProcess({
        "CONCURRENT_REQUESTS": CONCURRENCY, "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
        "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    })
    process.crawl(Bare)
    process.start()
    """
)


#: The crawlers measured, each with the environment it runs in.
CRAWLERS: dict[str, dict[str, str] | None] = {
    "lovwatch": None,
    "lovwatch, pages parsed in the reactor's thread": {"LOVWATCH_PARSE_PROCESSES": "0"},
    "bare Scrapy": None,
}


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (with the processes it waited for) and peak RSS (MB) of one
    child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in CRAWLERS}
    load_before = os.getloadavg()[0]
    with (
        tempfile.TemporaryDirectory() as tmp,
        ReplicaServer(generated_adverts(args.size)) as server,
    ):
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_SPIDER, encoding="utf-8")
        for run in range(args.runs):
            for name, env in CRAWLERS.items():
                server.reset_log()
                if name == "bare Scrapy":
                    command = [sys.executable, str(bare), server.base_url, str(args.size)]
                    command.append(str(args.concurrency))
                else:
                    db = Path(tmp) / f"run{run}-{list(CRAWLERS).index(name)}.sqlite"
                    command = [sys.executable, "-m", "lovwatch", "--db", str(db), "crawl",
                               "--base-url", server.base_url, "--delay", "0",
                               "--concurrency", str(args.concurrency)]  # fmt: skip
                seconds, cpu, peak = timed(command, env)
                results[name].append((seconds, cpu, peak, len(server.requests)))
    print(
        f"{args.size} adverts, concurrency {args.concurrency}, median of {args.runs} runs; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores)"
    )
    print("| crawler | seconds | pages/s | CPU s | requests | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, rows in results.items():
        seconds = statistics.median(row[0] for row in rows)
        requests = rows[0][3]
        print(
            f"| {name} | {seconds:.1f} | {requests / seconds:.0f} | "
            f"{statistics.median(row[1] for row in rows):.1f} | {requests} | "
            f"{statistics.median(row[2] for row in rows):.0f} |"
        )


if __name__ == "__main__":
    main()
