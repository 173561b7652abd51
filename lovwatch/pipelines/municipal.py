"""The municipal run: collect the `municipal` spider's items, apply them at the end."""

from __future__ import annotations

from typing import Any

from scrapy import Spider

from lovwatch.constants import CrawlSource
from lovwatch.models.municipal_history import (
    MunicipalSummary,
    apply_municipal,
    interrupted_municipal,
    start_municipal_run,
)
from lovwatch.pipelines.base import RunPipeline
from lovwatch.spiders.items import MUNICIPAL_ITEMS
from lovwatch.spiders.municipal_outcome import MunicipalCrawl


class MunicipalRunPipeline(RunPipeline):
    spider_name = "municipal"
    job = CrawlSource.MUNICIPAL

    crawl: MunicipalCrawl | None = None

    def start(self, spider: Spider) -> int:
        assert self.engine is not None
        sites = list(spider.sites)  # type: ignore[attr-defined]
        self.crawl = MunicipalCrawl(sites, browser=spider.browser)  # type: ignore[attr-defined]
        label = ", ".join(site.url for site in sites[:3])
        label += f" (+{len(sites) - 3} more)" if len(sites) > 3 else ""
        return start_municipal_run(self.engine, label)

    def process_item(self, item: Any) -> Any:
        if self.crawl is not None and isinstance(item, MUNICIPAL_ITEMS):
            self.crawl.add(item)
        return item

    def apply(self, reason: str) -> MunicipalSummary:
        assert self.engine is not None and self.crawl is not None and self.run_id is not None
        self.crawl.requests = self.requests()
        if reason != "finished":
            # Stopped midway: pages not read say nothing, so nothing is applied at all.
            return interrupted_municipal(self.engine, self.run_id, self.crawl, reason)
        return apply_municipal(self.engine, self.run_id, self.crawl)
