"""The municipal spider as a worker runs it: the same spider, with what it remembers about the
run (URLs scheduled, the page budget per site, hosts a site redirected to) kept in Redis, so
that N workers together crawl exactly what one process would."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_redis.connection import get_redis_from_settings
from twisted.python.failure import Failure

from lovwatch.distributed.frontier import Frontier
from lovwatch.distributed.keys import RunKeys
from lovwatch.municipal.blocks import Link
from lovwatch.municipal.sites import Site
from lovwatch.spiders.municipal import MunicipalSpider, followable, twin_hosts


@dataclass(frozen=True)
class StartPageAnswered:
    """A site's start page got an answer (read, or a failure the run records): the run is
    complete only when every site has one, whichever worker fetched it."""

    municipality_code: str


class SharedMunicipalSpider(MunicipalSpider):
    """Starts nothing itself: the coordinator seeds the start requests into the shared queue."""

    frontier: Frontier

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        keys = RunKeys(crawler.settings["LOVWATCH_RUN_PREFIX"])
        spider.frontier = Frontier(get_redis_from_settings(crawler.settings), keys)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        return
        yield  # an async generator that yields nothing

    def page_request(
        self, site: Site, url: str, depth: int, priority: int = 0, render: bool = False
    ) -> scrapy.Request | None:
        request = super().page_request(site, url, depth, priority, render)
        if request is None or render:
            return request
        code = site.municipality_code
        if self.frontier.claim(request.url, code, self.max_pages, depth):
            return request
        # Another worker has it (or the site's budget is spent): this one's count gives back.
        self.scheduled[code] -= 1
        return None

    def settle(self, url: str, depth: int, links: list[Link]) -> int:
        kept = [(link.url, link.text) for link in followable(links)]
        return self.frontier.settle(url, depth, kept)

    def shortened(self, url: str, depth: int) -> tuple[Link, ...]:
        return tuple(Link(url, text) for url, text in self.frontier.shortened(url, depth))

    def on_site(self, site: Site, url: str) -> bool:
        if super().on_site(site, url):
            return True
        host = urlsplit(url).netloc
        if self.frontier.serves(site.municipality_code, host):
            self.hosts[site.municipality_code].add(host)
            return True
        return False

    def adopt_host(self, site: Site, url: str) -> None:
        super().adopt_host(site, url)
        self.frontier.adopt_hosts(site.municipality_code, twin_hosts(urlsplit(url).netloc))

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        if request.cb_kwargs["depth"] == 0 and not request.cb_kwargs["rendered"]:
            yield StartPageAnswered(request.cb_kwargs["site"].municipality_code)
        yield from super().page_failed(failure)

    def parse_page(
        self, response: Response, site: Site, depth: int, rendered: bool
    ) -> Iterator[Any]:
        if depth == 0 and not rendered:
            yield StartPageAnswered(site.municipality_code)
        yield from super().parse_page(response, site, depth, rendered)
