"""What the spiders yield: one typed item per observation, in one place with its schema.

The spiders only observe; item pipelines (`lovwatch.pipelines`) collect a run's items and
apply them to the store when the spider closes. Each item is a frozen dataclass, so Scrapy's
item adapters, feeds (`scrapy crawl hitta_lov -O items.jsonl`) and the pipelines all read the
same fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from lovwatch.municipal.findings import PageFindings
from lovwatch.spiders.advert_page import AdvertPage
from lovwatch.spiders.listing import ListingPage

# The national database (spider `hitta_lov`).


@dataclass(frozen=True)
class ListingPageItem:
    """One page of the search endpoint, read in pass `pass_number` (1-based)."""

    offset: int
    pass_number: int
    page: ListingPage


@dataclass(frozen=True)
class ListingEndItem:
    """The listing was paged to its end (whether it added up is the guard's to judge), and
    `follow_ups` advert pages and confirmations are requested next."""

    passes: int
    follow_ups: int = 0


@dataclass(frozen=True)
class CrawlFailureItem:
    """Something the run cannot do without failed (a listing page): the run is partial."""

    reason: str


@dataclass(frozen=True)
class AdvertPageItem:
    """An advert page as read: parsed (`page`), gone (`status` 404/410) or failed (`error`)."""

    key: str
    url: str
    status: int | None = None
    page: AdvertPage | None = None
    error: str | None = None


@dataclass(frozen=True)
class VanishedCheckItem:
    """The HTTP status of the page of an advert that left the listing (None: no answer)."""

    key: str
    status: int | None


NATIONAL_ITEMS = (
    ListingPageItem,
    ListingEndItem,
    CrawlFailureItem,
    AdvertPageItem,
    VanishedCheckItem,
)

# Municipal websites (spider `municipal`).


@dataclass(frozen=True)
class MunicipalPageItem:
    """A page about LOV on a municipality's site, with what it says."""

    municipality_code: str
    findings: PageFindings
    rendered: bool = False


@dataclass(frozen=True)
class SiteFailureItem:
    """A site whose start page could not be read: the run is partial."""

    municipality_code: str
    reason: str


@dataclass(frozen=True)
class PageProblemItem:
    """A page that failed (`error`), is gone (404/410: it lists nothing any more), needed a
    browser that was missing (`unrendered`), or is titled as a list of providers but none was
    read on it (`no_providers`: a form the extractor does not know)."""

    url: str
    error: str | None = None
    gone: bool = False
    unrendered: bool = False
    no_providers: bool = False


MUNICIPAL_ITEMS = (MunicipalPageItem, SiteFailureItem, PageProblemItem)
