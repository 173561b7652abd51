"""The spider for municipal websites: find the LOV pages of each site and read them.

Per site (its host only): sitemap.xml when present, the start page, then links whose text or
URL speaks of LOV (valfrihet, kundval, fritt val, välj/bli utförare, förfrågningsunderlag),
plus, near the start page, links into the care and business sections where those pages live.
Depth-limited and with a page budget per site; robots.txt and per-host politeness come from
Scrapy's settings (download slots are per host). A page whose content is built by script is
fetched again through the browser; no other page is.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from lovwatch.municipal.blocks import Page, page_from_html
from lovwatch.municipal.browser import MISSING
from lovwatch.municipal.findings import findings_from_page, needs_browser
from lovwatch.municipal.outcome import MunicipalCrawl
from lovwatch.municipal.sites import Site
from lovwatch.municipal.vocabulary import fold_words, link_speaks_of_lov

#: Sections where LOV pages usually sit; followed only close to the start page.
_TOPICS = re.compile(
    r"\b(omsorg\w*|stod|aldre\w*|hemtjanst\w*|funktionsnedsattning\w*|"
    r"socialtjanst\w*|foretag\w*|naringsliv\w*|upphandling\w*|nyheter)\b"
)
_BINARY = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|svg|mp4|ics)$", re.I)
_LOC = re.compile(rb"<loc>\s*([^<\s]+)\s*</loc>")


def _browser_meta() -> dict[str, Any]:
    """Render in the browser and wait until the page's scripts have fetched their data."""
    try:
        from scrapy_playwright.page import PageMethod
    except ImportError:  # no browser support installed: such requests are never made
        return {}
    return {
        "playwright": True,
        "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")],
    }


_BROWSER_META = _browser_meta()


class MunicipalSpider(scrapy.Spider):
    name = "municipal"

    def __init__(self, outcome: MunicipalCrawl, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outcome = outcome
        self.scheduled: dict[str, int] = {}
        self.seen: set[str] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.outcome.sites:
            root = f"{urlsplit(site.url).scheme}://{site.host}"
            yield scrapy.Request(
                f"{root}/sitemap.xml",
                callback=self.parse_sitemap,
                errback=self.ignore,
                cb_kwargs={"site": site},
                meta={"handle_httpstatus_all": True},
                priority=5,
            )
            request = self.page_request(site, site.url, 0, priority=5)
            if request is not None:
                yield request

    def page_request(
        self, site: Site, url: str, depth: int, priority: int = 0, render: bool = False
    ) -> scrapy.Request | None:
        """A request for a page of `site`, unless it is off-host, seen, or over budget."""
        url = url.split("#")[0]
        if urlsplit(url).netloc != site.host or _BINARY.search(urlsplit(url).path):
            return None
        if not render:
            if url in self.seen or self.scheduled.get(site.host, 0) >= self.outcome.max_pages:
                return None
            self.seen.add(url)
            self.scheduled[site.host] = self.scheduled.get(site.host, 0) + 1
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            cb_kwargs={"site": site, "depth": depth, "rendered": render},
            meta=_BROWSER_META if render else {},
            dont_filter=render,
            priority=priority,
        )

    def ignore(self, failure: Failure) -> None:
        """A missing sitemap is normal."""

    def parse_sitemap(self, response: Response, site: Site) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        for raw in _LOC.findall(response.body):
            url = raw.decode("utf-8", "replace").replace("&amp;", "&")
            if url.endswith(".xml") and urlsplit(url).netloc == site.host:
                yield scrapy.Request(
                    url, callback=self.parse_sitemap, errback=self.ignore, cb_kwargs={"site": site}
                )
            elif link_speaks_of_lov(urlsplit(url).path, ""):
                if request := self.page_request(site, url, 1, priority=10):
                    yield request

    def page_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        site: Site = request.cb_kwargs["site"]
        reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.outcome.page_errors[request.url] = reason
        if request.cb_kwargs["depth"] == 0 and not request.cb_kwargs["rendered"]:
            self.outcome.failed_sites[site.municipality_code] = reason

    def parse_page(
        self, response: Response, site: Site, depth: int, rendered: bool
    ) -> Iterator[scrapy.Request]:
        if response.status >= 400 or not isinstance(response, TextResponse):
            if depth == 0:
                self.outcome.failed_sites[site.municipality_code] = f"HTTP {response.status}"
            elif response.status in (404, 410):
                self.outcome.gone.append(response.url)
            return
        html = response.text
        page = page_from_html(html, response.url)
        findings = findings_from_page(page)
        lov_page = findings.relevant or link_speaks_of_lov(urlsplit(response.url).path, "")
        if lov_page and not rendered and (site.render or needs_browser(html)):
            if self.outcome.browser:
                if request := self.page_request(site, response.url, depth, 20, render=True):
                    yield request
                    return
            else:
                self.outcome.unrendered.append(response.url)
                if MISSING not in self.outcome.notes:
                    self.outcome.notes.append(MISSING)
        if findings.relevant or rendered:
            self.outcome.read(site.municipality_code, findings, rendered)
        yield from self.follow(page, site, depth)

    def follow(self, page: Page, site: Site, depth: int) -> Iterator[scrapy.Request]:
        if depth >= self.outcome.max_depth:
            return
        for link in page.links:
            if link_speaks_of_lov(urlsplit(link.url).path, link.text):
                priority = 10
            elif depth < 2 and _TOPICS.search(fold_words(link.text)):
                priority = 0
            else:
                continue
            if request := self.page_request(site, link.url, depth + 1, priority):
                yield request
