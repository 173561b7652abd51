"""What both run pipelines share: the store, the crawl lock, and the end of the run."""

from __future__ import annotations

import contextlib
import logging
from typing import Any, ClassVar, NoReturn, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from lovwatch.models.history import fail_run
from lovwatch.models.locks import JobLock, LockBusy
from lovwatch.models.store import StoreError, open_store, store_fault
from lovwatch.pipelines import run_failed, run_finished

logger = logging.getLogger(__name__)


class RunPipeline:
    """Serves the spider named `spider_name`: opens the store and takes the job's lock when the
    spider opens, collects its items, and applies them when it closes (see `finish`).

    Settings: LOVWATCH_DB (the store), LOVWATCH_STORE_ENABLED (False: observe only).
    """

    spider_name: ClassVar[str]
    job: ClassVar[str]

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.store_url: str | None = crawler.settings.get("LOVWATCH_DB")
        self.engine: Engine | None = None
        self.lock: JobLock | None = None
        self.run_id: int | None = None
        self.summary: Any = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if crawler.spidercls.name != cls.spider_name:
            raise NotConfigured  # another spider's run: silently off
        if not crawler.settings.getbool("LOVWATCH_STORE_ENABLED", True):
            raise NotConfigured("LOVWATCH_STORE_ENABLED is off")
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        try:
            self.engine = open_store(self.store_url, write=True)
        except StoreError as exc:
            self.refuse(str(exc), exc)
        lock = JobLock(self.engine, self.job)
        try:
            lock.acquire()
        except LockBusy as exc:
            logger.error("%s: not crawling", exc)
            raise CloseSpider("lock_busy") from exc
        self.lock = lock
        try:
            self.run_id = self.start(spider)
        except DBAPIError as exc:
            fault = store_fault(exc)
            if fault is None:
                raise
            lock.release()
            self.lock = None
            self.refuse(fault, exc)

    def refuse(self, message: str, cause: Exception) -> NoReturn:
        """The store cannot take this run: say so in one line and close the spider unread."""
        self.tell_refusal(f"{message}; nothing was crawled")
        raise CloseSpider("store_refused") from cause

    def tell_refusal(self, message: str) -> None:
        """To the crawl service when it listens (it prints one line), else to the log."""
        told = self.crawler.signals.send_catch_log(
            run_failed, source=str(self.job), message=message
        )
        if not told:
            logger.error("%s crawl: %s", self.job, message, extra={"run_id": self.run_id})

    def start(self, spider: Spider) -> int:
        """Record the run as running; return its id."""
        raise NotImplementedError

    def apply(self, reason: str) -> Any:
        """Apply what the run saw (`reason` is Scrapy's finish reason); return the summary."""
        raise NotImplementedError

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """Scrapy's finish reason is known only here (after `close_spider`): "finished", or
        "shutdown" on Ctrl-C / SIGTERM, which makes the run partial."""
        if self.run_id is None or self.engine is None:
            return
        try:
            self.summary = self.apply(reason)
        except Exception as exc:
            fault = store_fault(exc)
            # The store may refuse this write too; then the next run marks this one failed.
            with contextlib.suppress(DBAPIError):
                fail_run(self.engine, self.run_id, f"applying the run failed: {fault or exc}")
            if fault is None:
                raise
            self.tell_refusal(f"{fault}; nothing was applied (run {self.run_id})")
            return
        finally:
            if self.lock is not None:
                self.lock.release()
        status = self.summary.status
        log = logger.info if self.summary.ok else logger.warning
        context = {"run_id": self.run_id, "source": str(self.job), "status": str(status)}
        log(
            "%s run %s %s%s",
            self.job,
            self.run_id,
            status,
            _note(self.summary.reason),
            extra=context,
        )
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("lovwatch/run_id", self.run_id)
            self.crawler.stats.set_value("lovwatch/run_status", str(status))
        self.crawler.signals.send_catch_log(run_finished, summary=self.summary)

    def requests(self) -> int:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        return int(stats.get("downloader/request_count", 0))


def _note(reason: str | None) -> str:
    return f": {reason}" if reason else ""
