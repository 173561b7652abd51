"""What one crawl of municipal websites saw, gathered for the store to apply afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field

from lovwatch.municipal.findings import PageFindings
from lovwatch.municipal.sites import Site


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
    requests: int = 0
    notes: list[str] = field(default_factory=list)

    def read(self, code: str, findings: PageFindings, rendered: bool) -> None:
        self.pages[findings.url] = ReadPage(code, findings, rendered)
        if rendered:
            self.rendered.append(findings.url)
