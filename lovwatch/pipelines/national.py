"""The national run: collect the `hitta_lov` spider's items, apply them at the end."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler

from lovwatch.config import DEFAULT_END_AFTER
from lovwatch.constants import CrawlSource
from lovwatch.models.guards import Guards
from lovwatch.models.history import RunSummary, apply_crawl, known_adverts, start_run
from lovwatch.pipelines.base import RunPipeline
from lovwatch.spiders.items import NATIONAL_ITEMS
from lovwatch.spiders.outcome import NationalCrawl


class NationalRunPipeline(RunPipeline):
    """Settings: LOVWATCH_END_AFTER (complete runs an advert may be missing before it ends),
    LOVWATCH_PROGRESS (a callable `(stage, done, total)`, for the CLI's progress line), and the
    guards' thresholds LOVWATCH_MAX_END_SHARE, LOVWATCH_MIN_ENDINGS_HELD,
    LOVWATCH_MAX_HITS_DROP, LOVWATCH_MAX_COVERAGE_DROP (see `lovwatch.models.guards`)."""

    spider_name = "hitta_lov"
    job = CrawlSource.NATIONAL

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.end_after = crawler.settings.getint("LOVWATCH_END_AFTER", DEFAULT_END_AFTER)
        self.progress = crawler.settings.get("LOVWATCH_PROGRESS")
        settings = crawler.settings
        self.guards = Guards(
            max_end_share=settings.getfloat("LOVWATCH_MAX_END_SHARE", Guards.max_end_share),
            min_endings_held=settings.getint("LOVWATCH_MIN_ENDINGS_HELD", Guards.min_endings_held),
            max_hits_drop=settings.getfloat("LOVWATCH_MAX_HITS_DROP", Guards.max_hits_drop),
            max_coverage_drop=settings.getfloat(
                "LOVWATCH_MAX_COVERAGE_DROP", Guards.max_coverage_drop
            ),
        )
        self.crawl: NationalCrawl | None = None

    def start(self, spider: Spider) -> int:
        assert self.engine is not None
        base_url: str = spider.base_url  # type: ignore[attr-defined]
        self.crawl = NationalCrawl(base_url=base_url, progress=self.progress)
        spider.known = known_adverts(self.engine)  # type: ignore[attr-defined]
        return start_run(self.engine, base_url, CrawlSource.NATIONAL)

    def process_item(self, item: Any) -> Any:
        if self.crawl is not None and isinstance(item, NATIONAL_ITEMS):
            self.crawl.add(item)
        return item

    def apply(self, reason: str) -> RunSummary:
        assert self.engine is not None and self.crawl is not None and self.run_id is not None
        crawl = self.crawl
        crawl.requests = self.requests()
        if reason != "finished":
            crawl.fail(f"the crawl was interrupted ({reason}) before it ended")
        elif not crawl.listing_done and not crawl.failures:
            crawl.fail(f"the crawl stopped before the listing ended ({reason})")
        return apply_crawl(self.engine, self.run_id, crawl, self.end_after, self.guards)
