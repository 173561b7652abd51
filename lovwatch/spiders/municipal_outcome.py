"""What one crawl of municipal websites saw, gathered from the spider's items for the store
to apply when the spider closes."""

from __future__ import annotations

from dataclasses import dataclass, field

from lovwatch.municipal.browser import MISSING
from lovwatch.municipal.findings import PageFindings
from lovwatch.municipal.sites import Site
from lovwatch.spiders.items import MunicipalPageItem, PageProblemItem, SiteFailureItem


@dataclass
class ReadPage:
    """A LOV page as read, with whether the browser rendered it."""

    municipality_code: str
    findings: PageFindings
    rendered: bool = False


@dataclass
class MunicipalCrawl:
    """Pages read per site, what failed, and which pages needed a browser that was missing."""

    sites: list[Site]
    max_pages: int = 60
    max_depth: int = 3
    browser: str | None = None
    pages: dict[str, ReadPage] = field(default_factory=dict)
    #: Sites whose start page could not be read (code → reason).
    failed_sites: dict[str, str] = field(default_factory=dict)
    page_errors: dict[str, str] = field(default_factory=dict)
    #: URLs that needed the browser but none was available.
    unrendered: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    #: Pages that answered 404/410: read, and they list nothing any more.
    gone: list[str] = field(default_factory=list)
    #: Pages titled as provider lists on which no provider was read.
    lists_without_providers: list[str] = field(default_factory=list)
    requests: int = 0
    notes: list[str] = field(default_factory=list)
    #: Scrapy's finish reason when the crawl was stopped before its end (Ctrl-C, SIGTERM).
    interrupted: str | None = None

    def add(self, item: object) -> None:
        """Take in one item the spider yielded."""
        match item:
            case MunicipalPageItem(municipality_code=code, findings=findings, rendered=rendered):
                self.read(code, findings, rendered)
            case SiteFailureItem(municipality_code=code, reason=reason):
                self.failed_sites[code] = reason
            case PageProblemItem(
                url=url, error=error, gone=gone, unrendered=unrendered, no_providers=no_providers
            ):
                if no_providers:
                    self.lists_without_providers.append(url)
                if error is not None:
                    self.page_errors[url] = error
                if gone:
                    self.gone.append(url)
                if unrendered:
                    self.unrendered.append(url)
                    if MISSING not in self.notes:
                        self.notes.append(MISSING)

    def read(self, code: str, findings: PageFindings, rendered: bool) -> None:
        self.pages[findings.url] = ReadPage(code, findings, rendered)
        if rendered:
            self.rendered.append(findings.url)
