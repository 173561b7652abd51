"""The crawl service: the one way lovwatch runs its spiders (`crawl`, `run` and `demo` all
come here).

It builds the Scrapy settings from what the user asked, takes each source's crawl lock, runs
the spiders in this process on Scrapy's asyncio runner, and returns one report. The spiders
yield items; the run pipelines (`lovwatch.pipelines`) apply each run to the store when its
spider closes and announce the result with the `run_finished` signal, which is how the report
is filled. A bare `scrapy crawl hitta_lov` goes through the same pipelines.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from scrapy.crawler import AsyncCrawlerProcess, AsyncCrawlerRunner, Crawler
from scrapy.settings import Settings

from lovwatch import settings as default_settings
from lovwatch.config import DEFAULT_END_AFTER, POLITE, Politeness, database_url
from lovwatch.config import base_url as configured_base_url
from lovwatch.constants import CrawlSource, RunStatus
from lovwatch.logs import json_logs
from lovwatch.models.history import RunSummary, unreachable_run
from lovwatch.models.locks import JobLock, LockBusy
from lovwatch.models.municipal_history import MunicipalSummary
from lovwatch.models.store import open_store
from lovwatch.municipal.sites import Site
from lovwatch.pipelines import run_failed, run_finished
from lovwatch.pipelines.scout import ScoutSummary
from lovwatch.preflight import unreachable
from lovwatch.spiders.hitta_lov import HittaLovSpider
from lovwatch.spiders.municipal import DEFAULT_MAX_DEPTH, DEFAULT_MAX_PAGES, MunicipalSpider
from lovwatch.spiders.outcome import ProgressCallback

T = TypeVar("T")


@dataclass(frozen=True)
class MunicipalOptions:
    """What to crawl on municipal sites and how deep: sites, page budget per site, link depth,
    browser path (None: LOVWATCH_CHROMIUM, else Debian's Chromium when present)."""

    sites: tuple[Site, ...]
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int = DEFAULT_MAX_DEPTH
    chromium: str | None = None


@dataclass(frozen=True)
class CrawlRequest:
    """One crawl as the user asked for it."""

    sources: tuple[CrawlSource, ...] = (CrawlSource.NATIONAL,)
    base_url: str | None = None
    politeness: Politeness = POLITE
    end_after: int = DEFAULT_END_AFTER
    municipal: MunicipalOptions | None = None
    #: Wait for a crawl of the same source that holds the lock, instead of giving up.
    wait: bool = False
    verbose: bool = False
    progress: ProgressCallback | None = None
    #: Scout: read the listing and at most `sample` advert pages, compare, write nothing.
    scout: bool = False
    sample: int = 10
    #: Check that the national site answers at all before starting (seconds, not minutes,
    #: to hear that the machine is offline).
    preflight: bool = True


@dataclass
class CrawlReport:
    """What a crawl did: one summary per source run, and the sources that did not run because
    another crawl held their lock."""

    national: RunSummary | None = None
    municipal: MunicipalSummary | None = None
    #: Source → why it did not run (another crawl of it holds the lock).
    busy: dict[str, str] = field(default_factory=dict)
    #: Sources whose spider stopped without recording a run (it could not start).
    missing: list[str] = field(default_factory=list)
    #: Source → why the store refused its run (locked, full, read-only): nothing applied.
    refused: dict[str, str] = field(default_factory=dict)
    scout: ScoutSummary | None = None

    def check_missing(self, sources: Iterable[CrawlSource]) -> None:
        """Note each source that was to run, was not refused its lock, and recorded no run."""
        for source in sources:
            summary = self.national if source == CrawlSource.NATIONAL else self.municipal
            if summary is None and source not in (*self.missing, *self.busy, *self.refused):
                self.missing.append(str(source))

    @property
    def summaries(self) -> list[RunSummary | MunicipalSummary]:
        return [s for s in (self.national, self.municipal) if s is not None]

    @property
    def ok(self) -> bool:
        if self.scout is not None:
            return self.scout.ok
        if self.busy or self.missing or self.refused:
            return False
        return all(s.ok for s in self.summaries)

    @property
    def status(self) -> str:
        return RunStatus.COMPLETE if self.ok else RunStatus.PARTIAL


def scrapy_settings(
    politeness: Politeness = POLITE, verbose: bool = False, store_url: str | None = None
) -> Settings:
    """lovwatch's Scrapy settings, with the user's politeness options on top."""
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    overrides: dict[str, object] = {"ROBOTSTXT_OBEY": politeness.obey_robots}
    if politeness.concurrency is not None:
        overrides["CONCURRENT_REQUESTS"] = politeness.concurrency
        # Per host only at project priority: right for the national site (one host), while
        # the municipal spider's own per-host default (spider priority) outranks it.
        settings.setdict(
            {
                "CONCURRENT_REQUESTS_PER_DOMAIN": politeness.concurrency,
                "AUTOTHROTTLE_TARGET_CONCURRENCY": float(politeness.concurrency),
            },
            priority="project",
        )
    if politeness.per_site_concurrency is not None:
        overrides["CONCURRENT_REQUESTS_PER_DOMAIN"] = politeness.per_site_concurrency
        overrides["AUTOTHROTTLE_TARGET_CONCURRENCY"] = float(politeness.per_site_concurrency)
    if politeness.delay is not None:
        overrides["DOWNLOAD_DELAY"] = politeness.delay
        overrides["AUTOTHROTTLE_START_DELAY"] = max(politeness.delay, 0.01)
        if politeness.delay == 0:
            overrides["AUTOTHROTTLE_ENABLED"] = False
    if politeness.timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = politeness.timeout
    if politeness.retries is not None:
        overrides["RETRY_TIMES"] = politeness.retries
    if politeness.backoff is not None:
        overrides["LOVWATCH_BACKOFF_BASE"] = politeness.backoff
    if verbose:
        overrides["LOG_LEVEL"] = "INFO"
    if store_url is not None:
        overrides["LOVWATCH_DB"] = store_url
    # With JSON logs the root handler is lovwatch's own (lovwatch.logs): Scrapy keeps off it.
    overrides["LOG_INSTALL_ROOT_HANDLER"] = verbose and not json_logs()
    settings.setdict(overrides, priority="cmdline")
    return settings


def _request_settings(request: CrawlRequest, store_url: str) -> Settings:
    settings = scrapy_settings(request.politeness, request.verbose, store_url)
    extra: dict[str, Any] = {"LOVWATCH_END_AFTER": request.end_after}
    if request.base_url:
        extra["LOVWATCH_BASE_URL"] = request.base_url
    if request.progress is not None:
        extra["LOVWATCH_PROGRESS"] = request.progress
    if request.municipal is not None:
        extra |= {
            "LOVWATCH_SITES": list(request.municipal.sites),
            "LOVWATCH_MAX_PAGES": request.municipal.max_pages,
            "LOVWATCH_MAX_DEPTH": request.municipal.max_depth,
        }
        if request.municipal.chromium:
            extra["LOVWATCH_CHROMIUM"] = request.municipal.chromium
    if request.scout:
        extra |= {
            "LOVWATCH_SCOUT": True,
            "LOVWATCH_STORE_ENABLED": False,
            "LOVWATCH_SAMPLE": request.sample,
        }
    settings.setdict(extra, priority="cmdline")
    return settings


_SPIDERS = {CrawlSource.NATIONAL: HittaLovSpider, CrawlSource.MUNICIPAL: MunicipalSpider}


async def crawl_async(
    runner: AsyncCrawlerRunner,
    store_url: str | None,
    request: CrawlRequest,
    report: CrawlReport | None = None,
) -> CrawlReport:
    """Crawl every requested source at once inside a running reactor; return the report.

    The store is opened for writing (created and migrated when needed) before any spider
    starts, and each source's lock is held for the whole of its crawl.
    """
    report = report if report is not None else CrawlReport()
    if request.scout:  # reads the store, if any, and writes nothing: no lock either
        settings = _request_settings(request, database_url(store_url))
        crawler = Crawler(HittaLovSpider, settings)
        crawler.signals.connect(_collector(report), signal=run_finished, weak=False)
        await runner.crawl(crawler)
        return report
    engine = open_store(store_url, write=True)
    url = engine.url.render_as_string(hide_password=False)
    settings = _request_settings(request, url)
    locks: list[JobLock] = []
    crawlers: list[tuple[CrawlSource, Crawler]] = []
    try:
        for source in request.sources:
            lock = JobLock(engine, source)
            try:
                lock.acquire(wait=request.wait)
            except LockBusy as exc:
                report.busy[source] = str(exc)
                continue
            locks.append(lock)
            if source == CrawlSource.NATIONAL and request.preflight:
                base_url = configured_base_url(request.base_url)
                problem = await asyncio.to_thread(unreachable, base_url)
                if problem is not None:
                    report.national = unreachable_run(engine, base_url, problem)
                    continue
            crawler = Crawler(_SPIDERS[source], settings.copy())
            crawler.signals.connect(_collector(report), signal=run_finished, weak=False)
            crawler.signals.connect(_refusals(report), signal=run_failed, weak=False)
            crawlers.append((source, crawler))
        tasks = [runner.crawl(crawler) for _, crawler in crawlers]
        if tasks:
            await asyncio.gather(*tasks)
    finally:
        for lock in locks:
            lock.release()
    report.check_missing([source for source, _ in crawlers])
    return report


def _collector(report: CrawlReport) -> Callable[..., None]:
    def collect(summary: RunSummary | MunicipalSummary | ScoutSummary, **_: Any) -> None:
        if isinstance(summary, RunSummary):
            report.national = summary
        elif isinstance(summary, ScoutSummary):
            report.scout = summary
        else:
            report.municipal = summary

    return collect


def _refusals(report: CrawlReport) -> Callable[..., None]:
    def note(source: str, message: str, **_: Any) -> None:
        report.refused[source] = message

    return note


def run_in_reactor(
    main: Callable[[AsyncCrawlerRunner], Awaitable[T]], verbose: bool = False
) -> T | None:
    """Start Scrapy's asyncio reactor, run `main` with a crawler runner, stop, and return what
    `main` returned (None if a signal stopped the reactor first). A reactor starts once per
    process: call this once.

    Ctrl-C or SIGTERM stops the crawls gracefully (their runs end as partial, "interrupted");
    a second one stops at once, and the next run marks the unfinished one failed.
    """
    # Scrapy merges the runner's settings into every crawler's, replacing those of the same
    # priority or lower. A crawler carries lovwatch's settings already (`scrapy_settings`),
    # and some of its politeness options at project priority, so the runner's stay at
    # default priority: at project priority they put back lovwatch's 2 requests per host
    # over `--concurrency` and halved the national crawl's speed.
    settings = Settings()
    settings.setmodule(default_settings, priority="default")
    settings.setdict(
        {
            "LOG_INSTALL_ROOT_HANDLER": verbose and not json_logs(),
            "LOG_LEVEL": "INFO" if verbose else "WARNING",
        },
        priority="default",
    )
    process = AsyncCrawlerProcess(settings)
    outcome: dict[str, Any] = {}

    async def wrapped() -> None:
        try:
            outcome["value"] = await main(process)
        except BaseException as exc:
            outcome["error"] = exc

    task = asyncio.get_event_loop().create_task(wrapped())
    task.add_done_callback(_stop_reactor)
    process.start(stop_after_crawl=False)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _stop_reactor(_: object) -> None:
    from twisted.internet import reactor

    with contextlib.suppress(RuntimeError):  # already stopping (a signal got there first)
        reactor.stop()  # type: ignore[attr-defined,misc]


def crawl(store_url: str | None, request: CrawlRequest) -> CrawlReport:
    """Crawl once (see `crawl_async`) in a reactor of its own. A crawl stopped by a signal
    still reports the runs its pipelines recorded."""
    report = CrawlReport()
    run_in_reactor(lambda runner: crawl_async(runner, store_url, request, report), request.verbose)
    if not request.scout:
        report.check_missing(request.sources)
    return report
