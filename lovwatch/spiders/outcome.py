"""What one crawl of the national database saw, gathered from the spider's items for the
store to apply at once.

Nothing is written while the spider runs: the store applies the whole outcome in one
transaction when the spider closes, so a crash mid-crawl leaves the store as it was. The
spider keeps one of these too, to steer the listing (another pass, follow-up pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lovwatch.spiders.advert_page import AdvertPage
from lovwatch.spiders.items import (
    AdvertPageItem,
    CrawlFailureItem,
    ListingEndItem,
    ListingPageItem,
    VanishedCheckItem,
)
from lovwatch.spiders.listing import ListingItem, ListingPage
from lovwatch.spiders.listing import unknown_keys as unread_keys


@dataclass(frozen=True)
class KnownAdvert:
    """What the store already knows of an advert, to decide which pages to request."""

    url: str
    updated_raw: str | None
    listing_fingerprint: str
    page_read: bool
    active: bool


ProgressCallback = Callable[[str, int, int | None], None]


@dataclass
class NationalCrawl:
    """The listing, the advert pages read and the confirmations of vanished adverts."""

    base_url: str
    items: dict[str, ListingItem] = field(default_factory=dict)
    number_of_hits: int | None = None
    listing_pages: int = 0
    listing_done: bool = False
    #: Passes over the listing. Offset paging over an unstable order (or while adverts are
    #: added) can skip items: another pass is made when the unique adverts do not add up.
    passes: int = 1
    #: numberOfHits moved between pages of the current pass.
    hits_changed: bool = False
    failures: list[str] = field(default_factory=list)
    pages: dict[str, AdvertPage] = field(default_factory=dict)
    page_status: dict[str, int] = field(default_factory=dict)
    page_errors: dict[str, str] = field(default_factory=dict)
    #: HTTP status of each vanished advert's page (None: it could not be asked).
    confirmations: dict[str, int | None] = field(default_factory=dict)
    duplicates: int = 0
    #: Listing keys lovwatch does not read (an interface drifting is visible, not silent).
    unknown_keys: set[str] = field(default_factory=set)
    skipped: list[str] = field(default_factory=list)
    requests: int = 0
    #: Advert pages and confirmations the spider asked for once the listing was done.
    pages_wanted: int = 0
    progress: ProgressCallback | None = None

    def add(self, item: object) -> None:
        """Take in one item the spider yielded."""
        match item:
            case ListingPageItem(page=page, pass_number=pass_number):
                while self.passes < pass_number:
                    self.start_pass()
                self.record_listing(page)
            case ListingEndItem(follow_ups=follow_ups):
                self.listing_done = True
                self.pages_wanted = follow_ups
            case CrawlFailureItem(reason=reason):
                self.fail(reason)
            case AdvertPageItem(key=key, page=page, status=status, error=error):
                if page is not None:
                    self.pages[key] = page
                elif status is not None:
                    self.page_status[key] = status
                else:
                    self.page_errors[key] = error or "unknown error"
            case VanishedCheckItem(key=key, status=status):
                self.confirmations[key] = status
            case _:
                return
        if isinstance(item, AdvertPageItem | VanishedCheckItem):
            self.page_done()

    def record_listing(self, page: ListingPage) -> None:
        if page.number_of_hits is not None:
            if self.number_of_hits not in (None, page.number_of_hits):
                self.hits_changed = True
            self.number_of_hits = page.number_of_hits
        self.listing_pages += 1
        self.skipped.extend(page.skipped)
        for item in page.items:
            self.unknown_keys |= unread_keys(item.raw)
            if item.key in self.items:
                self.duplicates += 1
            self.items[item.key] = item
        self._tick("listing", len(self.items), self.number_of_hits)

    def start_pass(self) -> None:
        """Page through the listing again: keep what the earlier passes saw when the total held
        (an unstable order only hid some adverts), start afresh when it moved."""
        if self.hits_changed or (
            self.number_of_hits is not None and len(self.items) > self.number_of_hits
        ):
            self.items.clear()
            self.hits_changed = False
        self.passes += 1

    def fail(self, reason: str) -> None:
        self.failures.append(reason)

    @property
    def complete(self) -> bool:
        """Every listing page read and the unique adverts equal numberOfHits."""
        return self.incompleteness() is None

    def incompleteness(self) -> str | None:
        """Why the run is not complete, in one line, or None."""
        if self.failures:
            return "; ".join(self.failures)
        if not self.listing_done:
            return "the listing was not read to its end"
        if self.number_of_hits is None:
            return "the listing gave no numberOfHits to check against"
        if self.hits_changed:
            return "numberOfHits changed while the listing was read"
        if len(self.items) != self.number_of_hits:
            return (
                f"the listing held {len(self.items)} unique adverts but numberOfHits said "
                f"{self.number_of_hits} (after {self.passes} passes)"
            )
        return None

    def _tick(self, stage: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def page_done(self) -> None:
        done = len(self.pages) + len(self.page_errors) + len(self.page_status)
        done += len(self.confirmations)
        self._tick("pages", done, self.pages_wanted)
