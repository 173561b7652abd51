"""Scouting: the listing and a sample of advert pages, compared with the store, writing
nothing (`lovwatch crawl --scout`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from lovwatch.models.guards import coverage
from lovwatch.models.history import known_adverts
from lovwatch.models.store import StoreError, open_store
from lovwatch.pipelines import run_finished
from lovwatch.spiders.items import NATIONAL_ITEMS
from lovwatch.spiders.outcome import KnownAdvert, NationalCrawl


@dataclass
class ScoutSummary:
    """What a crawl would find, and how well the sampled pages read."""

    status: str
    reason: str | None = None
    number_of_hits: int | None = None
    listed: int = 0
    new: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    pages_sampled: int = 0
    coverage: dict[str, float] = field(default_factory=dict)
    unknown_labels: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)
    note: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "complete"


class ScoutPipeline:
    """Serves `hitta_lov` when LOVWATCH_SCOUT is on (the run pipelines are then off). The
    store is opened read-only: it stays byte for byte as it was, and no lock is taken."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.known: dict[str, KnownAdvert] = {}
        self.note: str | None = None
        self.crawl: NationalCrawl | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if crawler.spidercls.name != "hitta_lov" or not crawler.settings.getbool("LOVWATCH_SCOUT"):
            raise NotConfigured
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        try:
            engine = open_store(self.crawler.settings.get("LOVWATCH_DB"), write=False)
        except StoreError as exc:
            self.note = f"compared with nothing: {exc}"
        else:
            self.known = known_adverts(engine)
            engine.dispose()
        spider.known = self.known  # type: ignore[attr-defined]
        self.crawl = NationalCrawl(base_url=spider.base_url)  # type: ignore[attr-defined]

    def process_item(self, item: Any) -> Any:
        if self.crawl is not None and isinstance(item, NATIONAL_ITEMS):
            self.crawl.add(item)
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        crawl = self.crawl
        if crawl is None:
            return
        if reason != "finished":
            crawl.fail(f"the scout was interrupted ({reason})")
        problem = crawl.incompleteness()
        listed = set(crawl.items)
        active = {key for key, known in self.known.items() if known.active}
        shares, pages = coverage(page.coverage for page in crawl.pages.values())
        summary = ScoutSummary(
            status="partial" if problem else "complete",
            reason=problem,
            number_of_hits=crawl.number_of_hits,
            listed=len(listed),
            new=sorted(listed - set(self.known)),
            vanished=sorted(active - listed),
            updated=sorted(
                key
                for key in listed & set(self.known)
                if self.known[key].updated_raw != crawl.items[key].updated_raw
            ),
            pages_sampled=pages,
            coverage=shares,
            unknown_labels=sorted(
                {label for page in crawl.pages.values() for label in page.labels_unknown}
            ),
            unknown_keys=sorted(crawl.unknown_keys),
            note=self.note,
        )
        self.crawler.signals.send_catch_log(run_finished, summary=summary)
