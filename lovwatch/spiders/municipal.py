"""The spider for municipal websites: find the LOV pages of each site and read them.

Per site (its host only): the start page, sitemap.xml when present, then links whose text or
URL speaks of LOV (valfrihet, kundval, fritt val, välj/bli utförare, förfrågningsunderlag),
plus, near the start page, links into the care and business sections where those pages live.
A linked PDF is read when its link or its name says it lists providers ("Godkända utförare
(pdf)"); other documents (the förfrågningsunderlag, agreements, forms) are only recorded as
links.
Depth-limited and with a page budget per site; robots.txt and per-host politeness come from
Scrapy's settings (download slots are per host). A page whose content is built by script is
fetched again through the browser; no other page is.

A site is the host that serves it: the configured address's redirects are followed (a bare
domain that answers with its www host), and the www / bare twin of a host counts as the same
site. The spider only observes: it yields items and the municipal run pipeline writes.

Settings: LOVWATCH_SITES (Site objects or "CODE=URL" strings; `-a sites=CODE=URL,...` too;
default every municipality's website), LOVWATCH_MAX_PAGES, LOVWATCH_MAX_DEPTH, and
LOVWATCH_CHROMIUM (the browser; else Debian's Chromium when present).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from lovwatch.config import http_cache_dir
from lovwatch.municipal.blocks import Link, page_from_html
from lovwatch.municipal.browser import browser_settings, find_chromium, playwright_available
from lovwatch.municipal.findings import (
    PageFindings,
    findings_from_page,
    findings_from_text,
    needs_browser,
)
from lovwatch.municipal.pdf import MAX_BYTES, pdf_text
from lovwatch.municipal.sites import Site, default_sites, parse_site
from lovwatch.municipal.vocabulary import fold_words, link_speaks_of_lov
from lovwatch.spiders.items import MunicipalPageItem, PageProblemItem, SiteFailureItem

#: Sections where LOV pages usually sit; followed only close to the start page.
_TOPICS = re.compile(
    r"\b(omsorg\w*|stod|aldre\w*|hemtjanst\w*|funktionsnedsattning\w*|"
    r"socialtjanst\w*|foretag\w*|naringsliv\w*|upphandling\w*|nyheter|"
    # A region's care sections ("Hälsa och vård", "Primärvård")
    r"halsa|vard|primarvard\w*)\b"
)
_BINARY = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|svg|mp4|ics)$", re.I)
_PDF = re.compile(r"\.pdf$", re.I)
#: A linked PDF that is read: a list of providers ("Godkända utförare (pdf)",
#: "valbara-foretag-hemtjanst.pdf"), not the förfrågningsunderlag, an agreement or a form.
_PROVIDER_DOCUMENT = re.compile(r"(utforar|leverantor|anordnar|vardgivar|valbara|godkanda)")
#: Parts of compounds too: "Utförarhandbok", "Leverantörsavtal", "Ansökningsblankett".
_OTHER_DOCUMENT = re.compile(
    r"(forfragningsunderlag|avtal|ansok|blankett|villkor|uppfoljning|rapport|protokoll|"
    r"handbok|riktlinje|rutin|\bmall\b|bli utforare)"
)


def _document_findings(body: bytes, url: str, title: str) -> PageFindings | None:
    """What a PDF says, or None when it has no text to read."""
    text = pdf_text(body)
    return None if text is None else findings_from_text(text, url, title)


def lists_providers(url: str, title: str) -> bool:
    """Whether a document's address and link text say it lists providers."""
    about = fold_words(f"{urlsplit(url).path} {title}")
    return bool(_PROVIDER_DOCUMENT.search(about)) and not _OTHER_DOCUMENT.search(about)


DEFAULT_MAX_PAGES = 60
DEFAULT_MAX_DEPTH = 3
#: Sites crawled at once (requests in flight overall) and requests in flight per host.
DEFAULT_CONCURRENCY = 16
DEFAULT_PER_SITE_CONCURRENCY = 1


def _browser_meta() -> dict[str, Any]:
    """Render in the browser and wait until the page's scripts have fetched their data."""
    try:
        from scrapy_playwright.page import PageMethod
    except ImportError:  # no browser support installed: such requests are never made
        return {}
    return {
        "playwright": True,
        # The plain answer of the same URL is in the HTTP cache: a render must not get it.
        "dont_cache": True,
        "playwright_page_methods": [PageMethod("wait_for_load_state", "networkidle")],
    }


_BROWSER_META = _browser_meta()


def twin_hosts(host: str) -> set[str]:
    """A host and its www / bare twin: the same site."""
    bare = host.removeprefix("www.")
    return {bare, f"www.{bare}"}


def configured_sites(value: Any) -> list[Site]:
    """Sites from a setting or spider argument: Site objects, "CODE=URL" strings, or one
    comma-separated string; nothing means every municipality's website."""
    if not value:
        return default_sites()
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    return [item if isinstance(item, Site) else parse_site(str(item)) for item in value]


def _priority(link: Link, depth: int) -> int | None:
    """How a link of a page at `depth` is followed: first if it speaks of LOV, after that if
    it leads to a care or business section near the start page, else not at all."""
    if link_speaks_of_lov(urlsplit(link.url).path, link.text):
        return 10
    if depth < 2 and _TOPICS.search(fold_words(link.text)):
        return 0
    return None


def followable(links: Iterable[Link]) -> tuple[Link, ...]:
    """The links a page could have followed from some depth: PDFs, LOV pages, sections."""
    return tuple(
        link
        for link in links
        if _PDF.search(urlsplit(link.url).path) or _priority(link, 0) is not None
    )


class MunicipalSpider(scrapy.Spider):
    name = "municipal"

    def __init__(
        self,
        sites: Iterable[Site] | str | None = None,
        max_pages: int | str = DEFAULT_MAX_PAGES,
        max_depth: int | str = DEFAULT_MAX_DEPTH,
        browser: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sites = configured_sites(sites)
        self.max_pages = int(max_pages)
        self.max_depth = int(max_depth)
        self.browser = browser or None
        #: The hosts that belong to each site, grown when its start page redirects.
        self.hosts: dict[str, set[str]] = {
            site.municipality_code: twin_hosts(site.host) for site in self.sites
        }
        self.scheduled: dict[str, int] = {}
        self.seen: set[str] = set()
        #: The least depth each scheduled page was reached at, and the links a page read
        #: deep in the crawl could follow if a shorter path to it turns up (see `follow`).
        self.depths: dict[str, int] = {}
        self.onward: dict[str, tuple[Link, ...]] = {}

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # Many hosts, each gently: many sites at once (--concurrency), one request at a time
        # per host (--per-site-concurrency) spaced by DOWNLOAD_DELAY (--delay, per host), both
        # given at a higher priority when the user sets them. The downloader-aware queue hands
        # out requests of the least busy hosts first, so one big site's queue cannot fill
        # every overall slot while the other sites wait.
        settings.setdict(
            {
                "CONCURRENT_REQUESTS": DEFAULT_CONCURRENCY,
                "CONCURRENT_REQUESTS_PER_DOMAIN": DEFAULT_PER_SITE_CONCURRENCY,
                "AUTOTHROTTLE_TARGET_CONCURRENCY": float(DEFAULT_PER_SITE_CONCURRENCY),
                "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
            },
            priority="spider",
        )
        # Re-crawls revalidate: every page kept is asked for again with If-None-Match /
        # If-Modified-Since (max-age=0 forbids serving it unasked), so an unchanged page
        # costs a 304, not a download.
        settings.setdict(
            {
                "HTTPCACHE_ENABLED": True,
                "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
                # Workers of a distributed crawl share the directory: entries appear whole.
                "HTTPCACHE_STORAGE": "lovwatch.spiders.httpcache.AtomicFilesystemCacheStorage",
                "HTTPCACHE_DIR": str(http_cache_dir(settings.get("LOVWATCH_DB"))),
                "DEFAULT_REQUEST_HEADERS": {
                    **settings.getdict("DEFAULT_REQUEST_HEADERS"),
                    "Cache-Control": "max-age=0",
                },
            },
            priority="spider",
        )
        browser = find_chromium(settings.get("LOVWATCH_CHROMIUM"))
        if browser and playwright_available():
            settings.setdict(browser_settings(browser), priority="spider")
            settings.set("LOVWATCH_BROWSER", browser, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        settings = crawler.settings
        kwargs.setdefault("sites", settings.get("LOVWATCH_SITES"))
        kwargs.setdefault("max_pages", settings.getint("LOVWATCH_MAX_PAGES", DEFAULT_MAX_PAGES))
        kwargs.setdefault("max_depth", settings.getint("LOVWATCH_MAX_DEPTH", DEFAULT_MAX_DEPTH))
        kwargs.setdefault("browser", settings.get("LOVWATCH_BROWSER"))
        return super().from_crawler(crawler, *args, **kwargs)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for site in self.sites:
            if request := self.page_request(site, site.url, 0, priority=15):
                yield request

    def sitemap_request(self, site: Site, url: str) -> scrapy.Request:
        """The sitemap of the host that serves `url`. Asked for only once the start page's
        links are claimed: a page's depth is that of the first path that reached it, and a
        page found through the sitemap, read before a slow start page, would put the pages
        its menu links a level deeper (where fewer of their links are followed), so what a
        crawl reads would hang on which answer came first."""
        parts = urlsplit(url)
        return scrapy.Request(
            f"{parts.scheme}://{parts.netloc}/sitemap.xml",
            callback=self.parse_sitemap,
            errback=self.ignore,
            cb_kwargs={"site": site},
            # Redirects are followed (a bare domain answering with its www host).
            meta={"handle_httpstatus_list": [404, 410]},
            priority=5,
        )

    def on_site(self, site: Site, url: str) -> bool:
        return urlsplit(url).netloc in self.hosts[site.municipality_code]

    def page_request(
        self, site: Site, url: str, depth: int, priority: int = 0, render: bool = False
    ) -> scrapy.Request | None:
        """A request for a page of `site`, unless it is off-site, seen, or over budget."""
        url = url.split("#")[0]
        if not self.on_site(site, url) or _BINARY.search(urlsplit(url).path):
            return None
        if not render and not self.within_budget(site, url, depth):
            return None
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            cb_kwargs={"site": site, "depth": depth, "rendered": render},
            meta=_BROWSER_META if render else {},
            dont_filter=render,
            priority=priority,
        )

    def document_request(
        self, site: Site, url: str, title: str, depth: int
    ) -> scrapy.Request | None:
        """A request for a PDF of `site` that `title` (its link's text) and its address say is
        a list of providers, unless it is off-site, seen, or over budget."""
        url = url.split("#")[0]
        if (
            not self.on_site(site, url)
            or not lists_providers(url, title)
            or not self.within_budget(site, url)
        ):
            return None
        return scrapy.Request(
            url,
            callback=self.parse_document,
            errback=self.page_failed,
            cb_kwargs={"site": site, "depth": depth, "rendered": False, "title": title},
            meta={"download_maxsize": MAX_BYTES},
            priority=10,
        )

    def within_budget(self, site: Site, url: str, depth: int | None = None) -> bool:
        """Whether `url` is new and `site` has pages left to fetch (counting it if so, at
        `depth` when it is a page)."""
        code = site.municipality_code
        if url in self.seen or self.scheduled.get(code, 0) >= self.max_pages:
            return False
        self.seen.add(url)
        self.scheduled[code] = self.scheduled.get(code, 0) + 1
        if depth is not None:
            self.depths[url] = depth
        return True

    def settle(self, url: str, depth: int, links: list[Link]) -> int:
        """The depth to follow the links of the page scheduled as `url` at: the least it has
        been reached at by now. The links it could follow from any depth are kept while a
        shorter path could still make more of them followed."""
        depth = min(depth, self.depths.get(url, depth))
        if depth >= 2 and (kept := followable(links)):
            self.onward[url] = kept
        return depth

    def shortened(self, url: str, depth: int) -> tuple[Link, ...]:
        """A scheduled page reached again at `depth`: if that is shorter than before, the
        depth is lowered, and the links of the page if it was read already (to be followed
        again from there)."""
        known = self.depths.get(url)
        if known is None or known <= depth:
            return ()
        self.depths[url] = depth
        return self.onward.get(url, ())

    def ignore(self, failure: Failure) -> None:
        """A missing sitemap is normal."""

    def parse_sitemap(self, response: Response, site: Site) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        self.adopt_host(site, response.url)
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .gz sitemap
            try:
                body = gunzip(body)
            except OSError:
                return
        try:
            sitemap = Sitemap(body)
        except Exception:  # not XML at all: a site without a sitemap answering with a page
            return
        for entry in sitemap:
            url = entry.get("loc", "")
            if not self.on_site(site, url):
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(
                    url, callback=self.parse_sitemap, errback=self.ignore, cb_kwargs={"site": site}
                )
            elif link_speaks_of_lov(urlsplit(url).path, ""):
                if request := self.page_request(site, url, 1, priority=10):
                    yield request

    def adopt_host(self, site: Site, url: str) -> None:
        """The host a site's address redirected to serves that site (with its twin)."""
        self.hosts[site.municipality_code] |= twin_hosts(urlsplit(url).netloc)

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        site: Site = request.cb_kwargs["site"]
        reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        yield PageProblemItem(request.url, error=reason)
        if request.cb_kwargs["depth"] == 0:
            if not request.cb_kwargs["rendered"]:
                yield SiteFailureItem(site.municipality_code, reason)
            yield self.sitemap_request(site, request.url)

    def parse_page(
        self, response: Response, site: Site, depth: int, rendered: bool
    ) -> Iterator[Any]:
        """Read a page and follow its links; after the start page's links, or after those of
        its rendered reading when it is handed to the browser, the site's sitemap."""
        handed_over = False
        for output in self.read_page(response, site, depth, rendered):
            handed_over |= isinstance(output, scrapy.Request) and output.cb_kwargs["rendered"]
            yield output
        if depth == 0 and not handed_over:
            yield self.sitemap_request(site, response.url)

    def read_page(
        self, response: Response, site: Site, depth: int, rendered: bool
    ) -> Iterator[Any]:
        if depth == 0:
            self.adopt_host(site, response.url)
        if response.status >= 400 or not isinstance(response, TextResponse):
            if depth == 0:
                yield SiteFailureItem(site.municipality_code, f"HTTP {response.status}")
            elif response.status in (404, 410):
                yield PageProblemItem(response.url, gone=True)
            return
        html = response.text
        page = page_from_html(html, response.url)
        findings = findings_from_page(page)
        lov_page = findings.relevant or link_speaks_of_lov(urlsplit(response.url).path, "")
        if lov_page and not rendered and (site.render or needs_browser(html)):
            if self.browser:
                if request := self.page_request(site, response.url, depth, 20, render=True):
                    yield request
                    return
            else:
                yield PageProblemItem(response.url, unrendered=True)
        elif findings.promises_providers and not findings.providers:
            yield PageProblemItem(response.url, no_providers=True)
        if findings.relevant or rendered:
            yield MunicipalPageItem(site.municipality_code, findings, rendered)
        scheduled_as = response.meta.get("redirect_urls", [response.url])[0]
        yield from self.follow(site, page.links, self.settle(scheduled_as, depth, page.links))

    async def parse_document(
        self, response: Response, site: Site, depth: int, rendered: bool, title: str
    ) -> AsyncIterator[Any]:
        """A linked PDF: read like a saved text, titled by its link. Read in a thread, as a
        long document takes seconds, and the other sites' requests go on meanwhile."""
        if response.status >= 400:
            if response.status in (404, 410):
                yield PageProblemItem(response.url, gone=True)
            return
        findings = await asyncio.to_thread(_document_findings, response.body, response.url, title)
        if findings is None:
            yield PageProblemItem(
                response.url,
                error="a PDF without text to read (damaged, encrypted or a scanned image)",
            )
        else:
            if findings.promises_providers and not findings.providers:
                yield PageProblemItem(response.url, no_providers=True)
            if findings.relevant:
                yield MunicipalPageItem(site.municipality_code, findings)

    def follow(self, site: Site, links: Iterable[Link], depth: int) -> Iterator[scrapy.Request]:
        """Requests for the links of a page read at `depth`. A link to a page scheduled
        already at a greater depth lowers its depth, and the links of that page, if read,
        are followed again from there: what a crawl reads must not hang on which path to a
        page was read first."""
        if depth >= self.max_depth:
            return
        for link in links:
            if _PDF.search(urlsplit(link.url).path):
                if request := self.document_request(site, link.url, link.text, depth + 1):
                    yield request
                continue
            if (priority := _priority(link, depth)) is None:
                continue
            url = link.url.split("#")[0]
            if not self.on_site(site, url):
                continue
            if request := self.page_request(site, url, depth + 1, priority):
                yield request
            elif onward := self.shortened(url, depth + 1):
                yield from self.follow(site, onward, depth + 1)
