"""The spider for Hitta LOV-uppdrag: the listing first, then only the pages worth reading.

1. Page through the search endpoint (offset paging, `fetch` ≤ 100), one page after another.
2. If the listing was complete, request an advert page only when the advert is new, its
   `updated` or listing content changed, or its page was never read; and the page of every
   known active advert that vanished from the listing, to confirm it is gone.
A listing that fails anywhere stops the crawl: a partial run applies nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from lovwatch.config import MAX_FETCH, SEARCH_PATH
from lovwatch.spiders.advert_page import parse_advert_page
from lovwatch.spiders.listing import ListingError, parse_listing, rebase
from lovwatch.spiders.outcome import KnownAdvert, NationalCrawl

GONE = (404, 410)
#: Passes over the listing before a run that does not add up is given up as partial.
MAX_PASSES = 3


def _cb_kwargs(failure: Failure) -> dict[str, Any]:
    """The keyword arguments of the request that failed (Scrapy attaches the request)."""
    request = getattr(failure, "request", None)
    return request.cb_kwargs if request is not None else {}


class HittaLovSpider(scrapy.Spider):
    name = "hitta_lov"

    def __init__(
        self,
        outcome: NationalCrawl,
        known: dict[str, KnownAdvert] | None = None,
        fetch: int = MAX_FETCH,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome
        self.base_url = outcome.base_url
        self.known = known or {}
        self.fetch = max(1, min(int(fetch), MAX_FETCH))
        self.bad_body_retries = 2
        self.page_total = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.listing_request(0)

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

    def parse_listing(
        self, response: Response, offset: int, attempt: int
    ) -> Iterator[scrapy.Request]:
        if response.status != 200:
            self.outcome.fail(f"listing offset {offset} answered HTTP {response.status}")
            return
        try:
            page = parse_listing(response.body, self.base_url)
        except ListingError as exc:
            if attempt < self.bad_body_retries:
                yield self.listing_request(offset, attempt + 1)
            else:
                self.outcome.fail(f"listing offset {offset}: {exc}")
            return
        self.outcome.record_listing(page)
        next_offset = offset + page.result_count
        hits = page.number_of_hits
        more = page.result_count > 0 and (
            next_offset < hits if hits is not None else page.result_count >= self.fetch
        )
        if more:
            yield self.listing_request(next_offset)
            return
        if self.another_pass_helps():
            self.outcome.start_pass()
            yield self.listing_request(0)
            return
        self.outcome.listing_done = True
        if self.outcome.complete:
            yield from self.follow_ups()

    def another_pass_helps(self) -> bool:
        """Whether a pass that read every page but does not add up should be repeated."""
        outcome = self.outcome
        return (
            not outcome.failures
            and outcome.number_of_hits is not None
            and (outcome.hits_changed or len(outcome.items) != outcome.number_of_hits)
            and outcome.passes < MAX_PASSES
        )

    def listing_failed(self, failure: Failure) -> None:
        offset = _cb_kwargs(failure).get("offset", "?")
        self.outcome.fail(f"listing offset {offset}: {failure.getErrorMessage() or failure.type}")

    def follow_ups(self) -> Iterator[scrapy.Request]:
        """Advert pages worth reading, and confirmations for the adverts that vanished."""
        wanted = [item for key, item in self.outcome.items.items() if self.needs_page(key)]
        vanished = [
            (key, known.url)
            for key, known in self.known.items()
            if known.active and key not in self.outcome.items
        ]
        self.page_total = len(wanted) + len(vanished)
        for item in wanted:
            yield scrapy.Request(
                item.url,
                callback=self.parse_advert,
                errback=self.advert_failed,
                cb_kwargs={"key": item.key},
            )
        for key, url in vanished:
            yield scrapy.Request(
                rebase(url, self.base_url),
                callback=self.confirm_vanished,
                errback=self.confirm_failed,
                cb_kwargs={"key": key},
            )

    def needs_page(self, key: str) -> bool:
        known = self.known.get(key)
        item = self.outcome.items[key]
        return (
            known is None
            or not known.active
            or not known.page_read
            or known.updated_raw != item.updated_raw
            or known.listing_fingerprint != item.fingerprint()
        )

    def parse_advert(self, response: Response, key: str) -> None:
        if response.status in GONE:
            self.outcome.page_status[key] = response.status
        else:
            self.outcome.pages[key] = parse_advert_page(response.text, response.url)
        self.outcome.page_done(self.page_total)

    def advert_failed(self, failure: Failure) -> None:
        key = _cb_kwargs(failure)["key"]
        self.outcome.page_errors[key] = failure.getErrorMessage() or str(failure.type)
        self.outcome.page_done(self.page_total)

    def confirm_vanished(self, response: Response, key: str) -> None:
        self.outcome.confirmations[key] = response.status
        self.outcome.page_done(self.page_total)

    def confirm_failed(self, failure: Failure) -> None:
        self.outcome.confirmations[_cb_kwargs(failure)["key"]] = None
        self.outcome.page_done(self.page_total)
