"""Running the municipal spider: alone, or beside the national one in the same process.

A Twisted reactor starts once per process, so `--source all` adds both crawlers to one
`CrawlerProcess` (see `lovwatch.crawl.crawl_all`); the helpers here prepare, add and finish
the municipal part.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import Crawler, CrawlerProcess
from sqlalchemy import Engine

from lovwatch.config import Politeness
from lovwatch.crawl import crawler_process
from lovwatch.models.history import fail_run
from lovwatch.municipal.browser import browser_settings, find_chromium, playwright_available
from lovwatch.municipal.outcome import MunicipalCrawl
from lovwatch.municipal.sites import Site
from lovwatch.municipal.store import MunicipalSummary, apply_municipal, start_municipal_run
from lovwatch.spiders.municipal import MunicipalSpider

DEFAULT_MAX_PAGES = 60
DEFAULT_MAX_DEPTH = 3


@dataclass(frozen=True)
class MunicipalOptions:
    """What to crawl and how deep: sites, page budget per site, link depth, browser path."""

    sites: tuple[Site, ...]
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int = DEFAULT_MAX_DEPTH
    chromium: str | None = None


def prepare(engine: Engine, options: MunicipalOptions) -> tuple[int, MunicipalCrawl]:
    """Start the run and the outcome the spider fills in."""
    browser = find_chromium(options.chromium) if playwright_available() else None
    crawl = MunicipalCrawl(list(options.sites), options.max_pages, options.max_depth, browser)
    label = ", ".join(site.url for site in options.sites[:3])
    label += f" (+{len(options.sites) - 3} more)" if len(options.sites) > 3 else ""
    return start_municipal_run(engine, label), crawl


def add_crawler(process: CrawlerProcess, crawl: MunicipalCrawl) -> Crawler:
    """Add the municipal spider to `process`, with the browser only if one was found."""
    crawler = process.create_crawler(MunicipalSpider)
    # Many hosts, each gently: parallel across sites, one request at a time per site
    # (unless the user set --concurrency, which is applied at a higher priority).
    crawler.settings.setdict(
        {"CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}, priority="spider"
    )
    if crawl.browser:
        crawler.settings.setdict(browser_settings(crawl.browser), priority="cmdline")
    process.crawl(crawler, outcome=crawl)
    return crawler


def finish(
    engine: Engine, run_id: int, crawl: MunicipalCrawl, crawler: Crawler
) -> MunicipalSummary:
    """Apply what the spider read, once the process has stopped."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    crawl.requests = int(stats.get("downloader/request_count", 0))
    return apply_municipal(engine, run_id, crawl)


def crawl_municipal(
    engine: Engine,
    options: MunicipalOptions,
    politeness: Politeness | None = None,
    verbose: bool = False,
) -> MunicipalSummary:
    """Crawl the given municipal sites once and apply the result. Runs a Twisted reactor:
    call it once per process."""
    run_id, crawl = prepare(engine, options)
    try:
        process = crawler_process(politeness or Politeness(), verbose)
        crawler = add_crawler(process, crawl)
        process.start()
    except BaseException as exc:
        fail_run(engine, run_id, f"crawl failed: {exc.__class__.__name__}: {exc}")
        raise
    return finish(engine, run_id, crawl, crawler)
