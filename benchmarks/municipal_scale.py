"""Benchmark: how long a crawl of every municipality's and region's site takes, estimated from
a loopback simulation.

Serves N replica sites, each on its own loopback host (127.0.0.10, .11, ...), every answer
taking a site's latency, and runs the real `lovwatch crawl --source municipal` on them with
the real-site politeness (16 sites at once, 1 request at a time per host, 1 s per host with
AutoThrottle) scaled down in time: delay and latency are both multiplied by `--scale`, so a
simulated second stands for 1/scale real seconds. Beside it, in the same run, a bare Scrapy
spider with the same settings fetches the same URLs and does nothing else: the floor that
politeness alone sets. Each size is crawled `--runs` times (fresh store, fresh HTTP cache);
medians are printed.

The estimate for the real crawl fits seconds = a + b · sites to the simulated sizes and
reads it at the number of sites shipped (290 municipalities and 20 regions; Region Gotland is
the municipality 0980's site), the per-site part divided by the scale.

Assumptions (say them with the figure): a real page answers in `--latency` seconds (0.3 by
default) and a site yields `--pages` pages to the crawl (about 40 by default, below the
60-page budget); processing time (parsing, extraction, the store) does not scale with the
time scale, so a smaller scale overstates the real time a little.

    python benchmarks/municipal_scale.py [--sizes 20 40 80] [--runs 3] [--scale 0.2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from municipal_replica import MunicipalReplica, ReplicaSite, page  # noqa: E402

from lovwatch.municipal.sites import default_sites  # noqa: E402
from lovwatch.normalize.authorities import municipalities  # noqa: E402

#: Real-site politeness, as the municipal crawl defaults to.
REAL_DELAY = 1.0
CONCURRENCY = 16
#: Sections under the start page that the crawl follows (the replica's menu has these).
_SECTIONS = ("omsorg-och-stod", "naringsliv-och-arbete", "nyheter")


def site_pages(name: str, pages: int) -> dict[str, str]:
    """A site whose LOV pages the crawl reaches in about `pages` requests: the start page, the
    care, business and news sections, and under them pages about kundval and its providers."""
    lov_pages = max(pages - 1 - len(_SECTIONS), 1)
    per_section = -(-lov_pages // len(_SECTIONS))
    site = {
        "/": page("Startsida", name, f"<h1>Välkommen till {name}s kommun</h1>"),
        "/robots.txt": "User-agent: *\nDisallow: /intern/\n",
    }
    number = 0
    for section in _SECTIONS:
        links = []
        for _ in range(per_section):
            if number >= lov_pages:
                break
            path = f"/{section}/kundval-{number}.html"
            links.append(f'<li><a href="{path}">Kundval och valfrihet {number}</a></li>')
            site[path] = page(
                f"Kundval {number}",
                name,
                f"<h1>Kundval {number}</h1><p>Kommunen har infört valfrihetssystem enligt LOV "
                f"inom hemtjänst. Du kan välja utförare.</p><ul><li>Omsorgsbolaget {number} AB"
                "</li><li>Hemtjänst i Norr AB</li></ul>",
            )
            number += 1
        site[f"/{section}.html"] = page(
            section, name, f"<h1>{section}</h1><ul>{''.join(links)}</ul>"
        )
    return site


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process: the CPU figure does not depend on how busy
    the machine is, the wall time does."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[1]} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, _children_cpu() - cpu


def crawl_lovwatch(sites_csv: Path, tmp: Path, delay: float) -> tuple[float, float]:
    """(wall, CPU) seconds of one real `lovwatch crawl --source municipal`, fresh store."""
    env = {
        **os.environ,
        "LOVWATCH_CHROMIUM": os.devnull + "-none",  # no page here needs a browser
        "LOVWATCH_HTTPCACHE_DIR": str(tmp / "httpcache"),
    }
    command = [
        *(sys.executable, "-m", "lovwatch", "--db", str(tmp / "store.sqlite")),
        *("crawl", "--source", "municipal", "--sites", str(sites_csv), "--format", "json"),
        *("--delay", str(delay), "--concurrency", str(CONCURRENCY)),
    ]
    return timed(command, env)


_REFERENCE = """
import json, sys, scrapy
from scrapy.crawler import CrawlerProcess

urls = json.load(open(sys.argv[1]))
delay = float(sys.argv[2])

class Fetch(scrapy.Spider):
    name = "fetch"
    async def start(self):
        for url in urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)
    def parse(self, response):
        pass

process = CrawlerProcess({
    "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": int(sys.argv[3]), "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": delay, "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": delay, "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
})
process.crawl(Fetch)
process.start()
"""


def crawl_reference(urls: list[str], tmp: Path, delay: float) -> tuple[float, float]:
    """(wall, CPU) seconds of bare Scrapy, same politeness, fetching the same pages only."""
    (tmp / "urls.json").write_text(json.dumps(urls))
    script = tmp / "reference.py"
    script.write_text(_REFERENCE)
    command = [sys.executable, str(script), str(tmp / "urls.json"), str(delay), str(CONCURRENCY)]
    return timed(command)


def replica(size: int, pages: int, latency: float) -> MunicipalReplica:
    places = municipalities()[:size]
    sites = [
        ReplicaSite(place.code, place.name, f"127.0.0.{10 + index}", site_pages(place.name, pages))
        for index, place in enumerate(places)
    ]
    return MunicipalReplica(sites=sites, latency=latency)


def bench(size: int, pages: int, scale: float, latency: float, runs: int) -> dict[str, float]:
    delay = REAL_DELAY * scale
    lovwatch: list[tuple[float, float]] = []
    reference: list[tuple[float, float]] = []
    requests = []
    with replica(size, pages, latency * scale) as server:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as name:
                tmp = Path(name)
                sites_csv = tmp / "sites.csv"
                sites_csv.write_text(
                    "municipality_code,url\n"
                    + "".join(f"{site.code},{site.base_url}\n" for site in server.sites)
                )
                server.requests.clear()
                lovwatch.append(crawl_lovwatch(sites_csv, tmp, delay))
                requests.append(len(server.requests))
                ports = {site.host: site.port for site in server.sites}
                urls = sorted(
                    {
                        f"http://{r.host}:{ports[r.host]}{r.path}"
                        for r in server.requests
                        if r.path != "/robots.txt"
                    }
                )
                reference.append(crawl_reference(urls, tmp, delay))
        peak = max(server.peak_per_host.values())
    return {
        "lovwatch": statistics.median(wall for wall, _ in lovwatch),
        "reference": statistics.median(wall for wall, _ in reference),
        "lovwatch_cpu": statistics.median(cpu for _, cpu in lovwatch),
        "reference_cpu": statistics.median(cpu for _, cpu in reference),
        "requests": statistics.median(requests),
        "peak_per_host": peak,
    }


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares a + b·x."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return my - b * mx, b


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 40, 80])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=0.2, help="time scale (0.2: 5x faster)")
    parser.add_argument("--latency", type=float, default=0.3, help="real seconds per answer")
    parser.add_argument("--pages", type=int, default=40, help="pages the crawl reads per site")
    args = parser.parse_args()
    total = len(default_sites())
    print(
        f"scale {args.scale} (delay {REAL_DELAY * args.scale:.2f} s, latency "
        f"{args.latency * args.scale:.3f} s), {args.pages} pages a site, concurrency "
        f"{CONCURRENCY}, 1 per host, medians of {args.runs}"
    )
    print(
        "| sites | requests | lovwatch s | bare Scrapy s | lovwatch / Scrapy "
        "| CPU s lovwatch / Scrapy | peak per host |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for size in args.sizes:
        row = bench(size, args.pages, args.scale, args.latency, args.runs)
        rows.append(row)
        print(
            f"| {size} | {row['requests']:.0f} | {row['lovwatch']:.1f} | {row['reference']:.1f} "
            f"| {row['lovwatch'] / row['reference']:.2f} "
            f"| {row['lovwatch_cpu']:.1f} / {row['reference_cpu']:.1f} | {row['peak_per_host']} |",
            flush=True,
        )
    for label in ("lovwatch", "reference"):
        a, b = fit([float(s) for s in args.sizes], [row[label] for row in rows])
        real = a + b * total / args.scale  # start-up (in a) takes real time at any scale
        print(
            f"{label}: {a:.1f} s + {b:.3f} s a site (simulated) -> {total} sites: "
            f"{real / 60:.0f} min real time"
        )


if __name__ == "__main__":
    main()
