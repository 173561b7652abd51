"""Running a crawl: the spider in a Scrapy process, then the store applies what it saw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from sqlalchemy import Engine

from lovwatch import settings as default_settings
from lovwatch.config import POLITE, Politeness
from lovwatch.models.history import (
    RunSummary,
    apply_crawl,
    fail_run,
    known_adverts,
    start_run,
)
from lovwatch.spiders.hitta_lov import HittaLovSpider
from lovwatch.spiders.outcome import NationalCrawl, ProgressCallback

if TYPE_CHECKING:  # the municipal part imports this module: no import cycle at run time
    from lovwatch.municipal.crawl import MunicipalOptions
    from lovwatch.municipal.store import MunicipalSummary


def scrapy_settings(politeness: Politeness, verbose: bool = False) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    overrides: dict[str, object] = {"ROBOTSTXT_OBEY": politeness.obey_robots}
    if politeness.delay is not None:
        overrides["DOWNLOAD_DELAY"] = politeness.delay
        overrides["AUTOTHROTTLE_START_DELAY"] = max(politeness.delay, 0.01)
        if politeness.delay == 0:
            overrides["AUTOTHROTTLE_ENABLED"] = False
    if politeness.concurrency is not None:
        overrides["CONCURRENT_REQUESTS"] = politeness.concurrency
        overrides["CONCURRENT_REQUESTS_PER_DOMAIN"] = politeness.concurrency
        overrides["AUTOTHROTTLE_TARGET_CONCURRENCY"] = float(politeness.concurrency)
    if politeness.timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = politeness.timeout
    if politeness.retries is not None:
        overrides["RETRY_TIMES"] = politeness.retries
    if politeness.backoff is not None:
        overrides["LOVWATCH_BACKOFF_BASE"] = politeness.backoff
    if verbose:
        overrides["LOG_LEVEL"] = "INFO"
    settings.setdict(overrides, priority="cmdline")
    return settings


def crawler_process(politeness: Politeness, verbose: bool = False) -> CrawlerProcess:
    """A Scrapy process with lovwatch's settings; Scrapy's own logging only when verbose."""
    settings = scrapy_settings(politeness, verbose)
    settings.set("LOG_INSTALL_ROOT_HANDLER", verbose, priority="cmdline")
    return CrawlerProcess(settings)


def crawl_national(
    engine: Engine,
    base_url: str,
    politeness: Politeness = POLITE,
    end_after: int = 2,
    progress: ProgressCallback | None = None,
    verbose: bool = False,
) -> RunSummary:
    """Crawl the national database once and apply the result; return the run's summary.

    Runs a Twisted reactor: call it once per process (the CLI does).
    """
    run_id = start_run(engine, base_url)
    crawl = NationalCrawl(base_url=base_url, progress=progress)
    try:
        process = crawler_process(politeness, verbose)
        crawler = process.create_crawler(HittaLovSpider)
        process.crawl(crawler, outcome=crawl, known=known_adverts(engine))
        process.start()
        _check_national(crawler, crawl)
    except BaseException as exc:
        fail_run(engine, run_id, f"crawl failed: {exc.__class__.__name__}: {exc}")
        raise
    return apply_crawl(engine, run_id, crawl, end_after)


def _check_national(crawler: Crawler, crawl: NationalCrawl) -> None:
    """Count the requests, and fail the crawl if the spider stopped before the listing ended."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    crawl.requests = int(stats.get("downloader/request_count", 0))
    if not crawl.listing_done and not crawl.failures:
        crawl.fail(f"the crawl stopped early ({stats.get('finish_reason', 'unknown reason')})")


def crawl_all(
    engine: Engine,
    base_url: str,
    municipal: MunicipalOptions,
    politeness: Politeness = POLITE,
    end_after: int = 2,
    progress: ProgressCallback | None = None,
    verbose: bool = False,
) -> tuple[RunSummary, MunicipalSummary]:
    """Crawl the national database and the municipal sites in one Scrapy process (one
    reactor), then apply each; return both summaries."""
    from lovwatch.municipal.crawl import add_crawler, finish, prepare

    run_id = start_run(engine, base_url)
    municipal_run_id, municipal_crawl = prepare(engine, municipal)
    crawl = NationalCrawl(base_url=base_url, progress=progress)
    try:
        process = crawler_process(politeness, verbose)
        crawler = process.create_crawler(HittaLovSpider)
        process.crawl(crawler, outcome=crawl, known=known_adverts(engine))
        municipal_crawler = add_crawler(process, municipal_crawl)
        process.start()
        _check_national(crawler, crawl)
    except BaseException as exc:
        for failed in (run_id, municipal_run_id):
            fail_run(engine, failed, f"crawl failed: {exc.__class__.__name__}: {exc}")
        raise
    return (
        apply_crawl(engine, run_id, crawl, end_after),
        finish(engine, municipal_run_id, municipal_crawl, municipal_crawler),
    )
