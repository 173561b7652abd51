"""The spider for Hitta LOV-uppdrag: the listing first, then only the pages worth reading.

1. Page through the search endpoint (offset paging, `fetch` ≤ 100), one page after another.
2. If the listing was complete, request an advert page only when the advert is new, its
   `updated` or listing content changed, or its page was never read; and the page of every
   known active advert that vanished from the listing, to confirm it is gone.
A listing that fails anywhere stops the crawl: a partial run applies nothing.

The spider only observes: it yields items (`lovwatch.spiders.items`) and the item pipelines
decide and write. What the store already knows (`known`) is handed in by the store pipeline
when the spider opens; without it every advert page is read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from lovwatch.config import MAX_FETCH, SEARCH_PATH
from lovwatch.config import base_url as configured_base_url
from lovwatch.spiders.items import (
    AdvertPageItem,
    CrawlFailureItem,
    ListingEndItem,
    ListingPageItem,
    VanishedCheckItem,
)
from lovwatch.spiders.listing import ListingError, parse_listing, rebase
from lovwatch.spiders.outcome import KnownAdvert, NationalCrawl
from lovwatch.spiders.page_parser import PageParser

GONE = (404, 410)
#: Passes over the listing before a run that does not add up is given up as partial.
MAX_PASSES = 3


def _cb_kwargs(failure: Failure) -> dict[str, Any]:
    """The keyword arguments of the request that failed (Scrapy attaches the request)."""
    request = getattr(failure, "request", None)
    return request.cb_kwargs if request is not None else {}


class HittaLovSpider(scrapy.Spider):
    """Hitta LOV-uppdrag. Arguments (`-a`): `base_url` (else the LOVWATCH_BASE_URL setting or
    environment variable, else the real site) and `fetch` (listing page size, at most 100)."""

    name = "hitta_lov"

    def __init__(
        self,
        base_url: str | None = None,
        fetch: int | str = MAX_FETCH,
        sample: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        #: Read at most this many advert pages (scouting); None: every page worth reading.
        self.sample = int(sample) if sample not in (None, "") else None
        self.base_url = configured_base_url(base_url)
        # Only the national site: a redirect to any other host is refused (Scrapy's offsite
        # middleware drops it and counts it in the stats as offsite/filtered).
        self.allowed_domains = [urlsplit(self.base_url).hostname or ""]
        self.fetch = max(1, min(int(fetch), MAX_FETCH))
        #: What the store knows of each advert; filled by the store pipeline.
        self.known: dict[str, KnownAdvert] = {}
        self.bad_body_retries = 2
        #: The spider's own view of the run, to steer the listing.
        self.seen = NationalCrawl(base_url=self.base_url)
        #: Reads advert pages (beside the reactor once there are many; see `page_parser`).
        self.pages = PageParser(processes=0)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        kwargs["base_url"] = kwargs.get("base_url") or crawler.settings.get("LOVWATCH_BASE_URL")
        kwargs.setdefault("sample", crawler.settings.get("LOVWATCH_SAMPLE"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.pages = PageParser.from_settings(crawler.settings)
        crawler.signals.connect(spider.close_parser, signal=signals.spider_closed)
        return spider

    def close_parser(self) -> None:
        self.stat("pages_parsed_in_worker", self.pages.parsed_aside)
        self.pages.close()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0)

    def stat(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"lovwatch/{key}", count)

    def observe(self, item: Any) -> Any:
        """Note an item in the spider's own view of the run (to steer it), and pass it on."""
        self.seen.add(item)
        return item

    def listing_request(self, offset: int, attempt: int = 0) -> scrapy.Request:
        query = urlencode({"query": "", "fetch": self.fetch, "offset": offset})
        return scrapy.Request(
            f"{self.base_url}{SEARCH_PATH}?{query}",
            callback=self.parse_listing,
            errback=self.listing_failed,
            cb_kwargs={"offset": offset, "attempt": attempt},
            headers={"Accept": "application/json"},
            # Listing URLs repeat on retries and further passes; the spider decides, not the
            # duplicate filter.
            dont_filter=True,
        )

    def parse_listing(self, response: Response, offset: int, attempt: int) -> Iterator[Any]:
        if response.status != 200:
            yield self.failure(f"listing offset {offset} answered HTTP {response.status}")
            return
        try:
            page = parse_listing(response.body, self.base_url)
        except ListingError as exc:
            if attempt < self.bad_body_retries:
                self.stat("listing_bad_body_retries")
                yield self.listing_request(offset, attempt + 1)
            else:
                yield self.failure(f"listing offset {offset}: {exc}")
            return
        self.stat("listing_pages")
        yield self.observe(ListingPageItem(offset, self.seen.passes, page))
        next_offset = offset + page.result_count
        hits = page.number_of_hits
        more = page.result_count > 0 and (
            next_offset < hits if hits is not None else page.result_count >= self.fetch
        )
        if more:
            yield self.listing_request(next_offset)
            return
        if self.another_pass_helps():
            self.stat("listing_passes")
            self.seen.start_pass()
            yield self.listing_request(0)
            return
        self.seen.listing_done = True
        follow_ups = list(self.follow_ups()) if self.seen.complete else []
        if self.sample is not None:
            follow_ups = follow_ups[: self.sample]
        yield self.observe(ListingEndItem(self.seen.passes, len(follow_ups)))
        yield from follow_ups

    def failure(self, reason: str) -> CrawlFailureItem:
        self.stat("failures")
        return self.observe(CrawlFailureItem(reason))

    def another_pass_helps(self) -> bool:
        """Whether a pass that read every page but does not add up should be repeated."""
        seen = self.seen
        return (
            not seen.failures
            and seen.number_of_hits is not None
            and (seen.hits_changed or len(seen.items) != seen.number_of_hits)
            and seen.passes < MAX_PASSES
        )

    def listing_failed(self, failure: Failure) -> CrawlFailureItem:
        offset = _cb_kwargs(failure).get("offset", "?")
        return self.failure(f"listing offset {offset}: {failure.getErrorMessage() or failure.type}")

    def follow_ups(self) -> Iterator[scrapy.Request]:
        """Advert pages worth reading, and confirmations for the adverts that vanished."""
        for key, item in self.seen.items.items():
            if self.needs_page(key):
                yield scrapy.Request(
                    item.url,
                    callback=self.parse_advert,
                    errback=self.advert_failed,
                    cb_kwargs={"key": item.key},
                )
        for key, known in self.known.items():
            if known.active and key not in self.seen.items:
                yield scrapy.Request(
                    rebase(known.url, self.base_url),
                    callback=self.confirm_vanished,
                    errback=self.confirm_failed,
                    cb_kwargs={"key": key},
                )

    def needs_page(self, key: str) -> bool:
        known = self.known.get(key)
        item = self.seen.items[key]
        return (
            known is None
            or not known.active
            or not known.page_read
            or known.updated_raw != item.updated_raw
            or known.listing_fingerprint != item.fingerprint()
        )

    async def parse_advert(self, response: Response, key: str) -> AdvertPageItem:
        if response.status in GONE:
            self.stat("advert_pages_gone")
            return AdvertPageItem(key, response.url, status=response.status)
        self.stat("advert_pages")
        page = await self.pages.parse(response.text, response.url)
        return AdvertPageItem(key, response.url, page=page)

    def advert_failed(self, failure: Failure) -> AdvertPageItem:
        self.stat("advert_page_errors")
        request = getattr(failure, "request", None)
        return AdvertPageItem(
            _cb_kwargs(failure)["key"],
            request.url if request is not None else "",
            error=failure.getErrorMessage() or str(failure.type),
        )

    def confirm_vanished(self, response: Response, key: str) -> VanishedCheckItem:
        self.stat("vanished_checks")
        return VanishedCheckItem(key, response.status)

    def confirm_failed(self, failure: Failure) -> VanishedCheckItem:
        self.stat("vanished_check_errors")
        return VanishedCheckItem(_cb_kwargs(failure)["key"], None)
