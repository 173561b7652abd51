"""Applying a crawl to the store: versions when content changes, events, the completeness guard.

The decisions are pure functions (`snapshot`, `changed_fields`, `should_end`); `apply_crawl`
does the writing, all in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Engine, insert
from sqlalchemy.orm import defer
from sqlmodel import Session, col, delete, func, select

from lovwatch.clock import now
from lovwatch.constants import AdvertStatus, CrawlSource, EventKind, EventSource, RunStatus
from lovwatch.models.guards import DEFAULT_GUARDS, Guards, agreed, breaker, coverage, drifted_fields
from lovwatch.models.store import session_scope
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    AdvertVersion,
    Authority,
    CrawlRun,
    Event,
)
from lovwatch.normalize.authorities import AuthorityMatch, match_authority, match_slug
from lovwatch.normalize.categories import categorize
from lovwatch.normalize.dates import advert_date, parse_date
from lovwatch.normalize.text import fold
from lovwatch.spiders.advert_page import AdvertPage
from lovwatch.spiders.listing import ListingItem, rebase, site_relative
from lovwatch.spiders.outcome import KnownAdvert, NationalCrawl

GONE_STATUSES = (404, 410)
#: The parts of an advert's content that come from the listing (always known).
LISTING_FIELDS = ("title", "region_name", "listing_areas", "excerpt")
#: The parts that come from the advert page (known once a page was read).
PAGE_FIELDS = ("authority", "page_areas", "published", "contact", "documents", "description")


def snapshot(advert: Advert | SimpleNamespace, authority_name: str | None) -> dict[str, Any]:
    """The advert's content, as compared between crawls (timestamps are not content)."""
    return {
        "title": advert.title,
        "region_name": advert.region_name,
        "listing_areas": sorted(advert.listing_areas),
        "excerpt": advert.excerpt,
        "authority": authority_name,
        "page_areas": sorted(_page_areas(advert)),
        "published": advert.published.isoformat() if advert.published else None,
        "contact": advert.contact,
        # Links into the crawled site count by path: the same site at another address (a
        # mirror, a replica on a new port) is no change.
        "documents": [
            {**doc, "url": site_relative(doc.get("url", ""), advert.url)}
            for doc in advert.documents
        ],
        "description": advert.description,
    }


def _authority_like(region_name: str | None) -> str | None:
    """`regionName` when it names a buyer rather than a place ("Salems kommun", not
    "Stockholms län" or "Stockholm")."""
    if not region_name:
        return None
    words = fold(region_name).split()
    buyer_words = {"kommun", "stad", "region", "regionen", "landsting", "landstinget"}
    return (
        region_name if buyer_words & set(words) or fold(region_name).endswith("regionen") else None
    )


def _page_areas(advert: Advert | SimpleNamespace) -> list[str]:
    return [area for area in advert.service_areas if area not in advert.listing_areas]


def fingerprint(content: dict[str, Any]) -> str:
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def changed_fields(
    before: dict[str, Any], after: dict[str, Any], page_known_before: bool
) -> list[str]:
    """Fields whose content differs. A page read for the first time fills fields in: that is
    not a change, so page fields count only when a page had been read before."""
    fields = LISTING_FIELDS + (PAGE_FIELDS if page_known_before else ())
    return [name for name in fields if before.get(name) != after.get(name)]


def should_end(missing_runs: int, confirmation: int | None, end_after: int) -> str | None:
    """Why a vanished advert ends now, or None if it stays active for the time being."""
    if confirmation in GONE_STATUSES:
        return f"its page answered HTTP {confirmation}"
    if missing_runs >= end_after:
        return f"missing from {missing_runs} consecutive complete listings"
    return None


@dataclass
class RunSummary:
    run_id: int
    status: str
    reason: str | None = None
    baseline: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    unmatched_authorities: list[str] = field(default_factory=list)
    unmapped_areas: list[str] = field(default_factory=list)
    #: Adverts the mass-end breaker kept from ending (the operator should look).
    held_endings: list[str] = field(default_factory=list)
    coverage: dict[str, float] = field(default_factory=dict)
    unknown_labels: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == RunStatus.COMPLETE

    @property
    def attention(self) -> list[str]:
        """What an operator should hear about even when the run completed."""
        notes = []
        if self.held_endings:
            notes.append(f"{len(self.held_endings)} endings held back: {self.reason}")
        if self.unknown_labels:
            notes.append("unknown page labels: " + ", ".join(self.unknown_labels))
        if self.unknown_keys:
            notes.append("unknown listing keys: " + ", ".join(self.unknown_keys))
        return notes


def known_adverts(engine: Engine) -> dict[str, KnownAdvert]:
    """What the spider needs to know to decide which pages to request."""
    with Session(engine) as session:
        return {
            advert.id: KnownAdvert(
                url=advert.url,
                updated_raw=advert.updated_raw,
                listing_fingerprint=advert.listing_fingerprint,
                page_read=advert.page_updated_raw is not None,
                active=advert.status == AdvertStatus.ACTIVE,
            )
            for advert in session.exec(select(Advert))
        }


def start_run(engine: Engine, base_url: str, source: str = CrawlSource.NATIONAL) -> int:
    """Record a run of `source` as running. The caller holds that source's crawl lock, so a
    run of the same source still marked running was left by a process that died: it is marked
    failed. Runs of the other source are left alone (they may be running beside this one)."""
    with session_scope(engine) as session:
        stale_runs = select(CrawlRun).where(
            CrawlRun.status == RunStatus.RUNNING, CrawlRun.source == source
        )
        for stale in session.exec(stale_runs):
            stale.status = RunStatus.FAILED
            stale.reason = stale.reason or "interrupted: the process stopped before the run ended"
            stale.finished_at = stale.finished_at or now()
            session.add(stale)
        run = CrawlRun(source=source, base_url=base_url, status=RunStatus.RUNNING)
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def unreachable_run(engine: Engine, base_url: str, reason: str) -> RunSummary:
    """Record a national run that could not start because the site cannot be reached: it
    is partial (nothing applied, nobody alarmed) and says why."""
    run_id = start_run(engine, base_url, CrawlSource.NATIONAL)
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        run.status, run.reason, run.finished_at = RunStatus.PARTIAL, reason, now()
        session.add(run)
    return RunSummary(run_id, RunStatus.PARTIAL, reason)


def fail_run(engine: Engine, run_id: int, reason: str) -> None:
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is not None:
            run.status, run.reason, run.finished_at = RunStatus.FAILED, reason, now()
            session.add(run)


def _buyer(
    item: ListingItem, page: AdvertPage | None
) -> tuple[tuple[str, str, str | None, str | None], bool]:
    """An advert's buyer as (`_identity`, matched): the page's name, else the listing's, else
    the slug (as such).

    A name that matches nothing borrows the codes of the URL's buyer slug when that slug is
    unambiguous; otherwise it is stored unmatched, never guessed.
    """
    name = (page.authority if page else None) or item.authority or _authority_like(item.region_name)
    match = match_authority(name) if name else match_slug(item.buyer_slug)
    if name and not match.matched:
        by_slug = match_slug(item.buyer_slug)
        if by_slug.matched:
            match = AuthorityMatch(
                match.name, by_slug.kind, by_slug.municipality_code, by_slug.county_code, True
            )
    identity = (
        match.name if name else item.buyer_slug,
        match.kind.value,
        match.municipality_code,
        match.county_code,
    )
    return identity, match.matched


def _identity(authority: Authority) -> tuple[str, str, str | None, str | None]:
    """What makes a buyer one: its name together with where normalisation placed it."""
    return (authority.name, authority.kind, authority.municipality_code, authority.county_code)


#: New adverts whose rows wait in memory before they are inserted (see `_FreshRows`): the
#: apply holds a batch, not a first crawl's every row, at about the same speed. (The test replica's
#: 450 adverts go in as three batches.)
FRESH_BATCH = 200


@dataclass
class _FreshRows:
    """The rows of adverts a run sees for the first time, inserted a batch at a time with one
    multi-row INSERT per table: as ORM objects, their validation and flush were most of a
    first crawl's apply."""

    adverts: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    #: The scalar columns of a new advert row that have a default, as the model gives it.
    advert_defaults: dict[str, Any] = field(
        default_factory=lambda: {
            name: info.get_default(call_default_factory=True)
            for name, info in Advert.model_fields.items()
            if not info.is_required() and info.default_factory is None
        }
    )


class _Applier:
    """One run's writes; every method works inside the caller's transaction."""

    def __init__(self, session: Session, run: CrawlRun, crawl: NationalCrawl, baseline: bool):
        self.session, self.run, self.crawl, self.baseline = session, run, crawl, baseline
        self.moment = now()
        self.counts = {kind.value: 0 for kind in EventKind}
        self.unmatched: set[str] = set()
        self.unmapped: set[str] = set()
        # The whole national set is a few hundred rows: read it once rather than per advert.
        # The page text is written, never compared: it stays unloaded.
        unloaded = defer(Advert.page_text)  # type: ignore[arg-type]
        self.adverts = {
            advert.id: advert for advert in session.exec(select(Advert).options(unloaded))
        }
        self.authorities = {row.id: row for row in session.exec(select(Authority))}
        self.authority_ids = {_identity(row): row.id for row in self.authorities.values()}
        announced = set(
            session.exec(select(Event.advert_id).where(Event.kind == EventKind.NEW)).all()
        )
        #: Adverts stored without a page whose "new" event still waits for it.
        self.unannounced = {key for key in self.adverts if key not in announced}
        self.categories: dict[str, set[str]] = {}
        for advert_id, code in session.exec(
            select(AdvertCategory.advert_id, AdvertCategory.category_code)
        ):
            self.categories.setdefault(advert_id, set()).add(code)
        self.fresh = _FreshRows()

    def event(self, kind: EventKind, advert_id: str, **details: Any) -> None:
        self.session.add(Event(**self.event_row(kind, advert_id, details)))

    def event_row(self, kind: EventKind, advert_id: str, details: dict[str, Any]) -> dict[str, Any]:
        assert self.run.id is not None
        self.counts[kind.value] += 1
        return {
            "source": EventSource.NATIONAL.value,
            "kind": kind.value,
            "advert_id": advert_id,
            "run_id": self.run.id,
            "detected_at": self.moment,
            "baseline": self.baseline,
            "details": details,
        }

    def authority(self, item: ListingItem, page: AdvertPage | None) -> Authority:
        """The buyer's row (see `_buyer`), added to the store if it is new."""
        identity, matched = _buyer(item, page)
        known_id = self.authority_ids.get(identity)
        row = (
            self.authorities[known_id]
            if known_id is not None
            else self._add_buyers({identity: matched})[0]
        )
        if not row.matched:
            self.unmatched.add(row.name)
        return row

    def add_new_buyers(self, items: Iterable[ListingItem]) -> None:
        """Add every buyer the run names for the first time at once: a flush per new buyer
        (for its id) cost a quarter of a first crawl's apply. Only the buyers `fill` asks
        for: those of adverts that are new, read again, or stored without one."""
        new: dict[tuple[str, str, str | None, str | None], bool] = {}
        for item in items:
            advert, page = self.adverts.get(item.key), self.crawl.pages.get(item.key)
            if page is None and advert is not None and advert.authority_id is not None:
                continue
            identity, matched = _buyer(item, page)
            if identity not in self.authority_ids:
                new[identity] = matched
        if new:
            self._add_buyers(new)

    def _add_buyers(
        self, buyers: dict[tuple[str, str, str | None, str | None], bool]
    ) -> list[Authority]:
        rows = [
            Authority(
                name=name,
                kind=kind,
                municipality_code=municipality_code,
                county_code=county_code,
                matched=matched,
            )
            for (name, kind, municipality_code, county_code), matched in buyers.items()
        ]
        self.session.add_all(rows)
        # Only these rows, for their ids: the adverts go in one batch at the end.
        self.session.flush(rows)
        for row in rows:
            assert row.id is not None
            self.authorities[row.id] = row
            self.authority_ids[_identity(row)] = row.id
        return rows

    def fill(
        self, advert: Advert | SimpleNamespace, item: ListingItem, page: AdvertPage | None
    ) -> None:
        page_areas = list(page.service_areas) if page else _page_areas(advert)
        today = self.moment.date()
        if page is None and advert.url and advert.url != item.url:
            # The site answers at a new address: stored links into it move along.
            advert.documents = [
                {**doc, "url": rebase(doc["url"], item.url)}
                if site_relative(doc.get("url", ""), advert.url) != doc.get("url")
                else doc
                for doc in advert.documents
            ]
        advert.url = item.url
        advert.title = item.heading or (page.title if page else "") or advert.title
        advert.region_name = item.region_name
        advert.excerpt = item.excerpt
        advert.updated_raw = item.updated_raw
        advert.raw_item = item.raw
        advert.listing_areas = list(item.business_areas)
        advert.listing_fingerprint = item.fingerprint()
        advert.last_seen = self.moment
        advert.missing_runs = 0
        advert.service_areas = list(dict.fromkeys([*item.business_areas, *page_areas]))
        if page is not None:
            advert.published = advert_date(page.published, today) or advert.published
            advert.contact = page.contact
            advert.documents = page.documents
            advert.description = page.description
            advert.page_text = page.text
            advert.page_updated_raw = item.updated_raw or ""
            advert.page_fetched_at = self.moment
        if page is not None or advert.authority_id is None:
            advert.authority_id = self.authority(item, page).id
        advert.updated = (
            advert_date(parse_date(item.updated_raw), today)
            or advert_date(page.updated if page else None, today)
            or advert.updated
        )

    def codes(self, advert: Advert | SimpleNamespace) -> list[str]:
        """The advert's categories, from its areas, heading and text."""
        result = categorize(
            advert.service_areas,
            advert.title,
            " ".join(filter(None, [advert.excerpt, advert.description])),
        )
        self.unmapped.update(result.unmapped)
        return list(result.codes)

    def categorise(self, advert: Advert) -> None:
        codes = self.codes(advert)
        current = self.categories.get(advert.id, set())
        if current == set(codes):
            return
        if current:
            self.session.exec(
                delete(AdvertCategory).where(col(AdvertCategory.advert_id) == advert.id)
            )
        self.categories[advert.id] = set(codes)
        for code in codes:
            self.session.add(AdvertCategory(advert_id=advert.id, category_code=code))

    def authority_name(self, advert: Advert | SimpleNamespace) -> str | None:
        if advert.authority_id is None:
            return None
        authority = self.authorities.get(advert.authority_id)
        return authority.name if authority else None

    def version(self, advert: Advert, content: dict[str, Any], changed: list[str]) -> None:
        self.session.add(AdvertVersion(**self.version_row(advert, content, changed)))

    def version_row(
        self, advert: Advert | SimpleNamespace, content: dict[str, Any], changed: list[str]
    ) -> dict[str, Any]:
        return {
            "advert_id": advert.id,
            "run_id": self.run.id,
            "recorded_at": self.moment,
            "fingerprint": advert.content_fingerprint,
            "snapshot": content,
            "changed_fields": changed,
        }

    @staticmethod
    def unchanged(advert: Advert, item: ListingItem) -> bool:
        """Whether the listing says nothing new of an active advert."""
        return (
            advert.status == AdvertStatus.ACTIVE
            and advert.missing_runs == 0
            and advert.url == item.url
            and advert.updated_raw == item.updated_raw
            and advert.listing_fingerprint == item.fingerprint()
            and advert.raw_item == item.raw
            and advert.authority_id is not None
        )

    def listed(self, item: ListingItem) -> None:
        page = self.crawl.pages.get(item.key)
        advert = self.adverts.get(item.key)
        if advert is None:
            self.first_seen(item, page)
            return
        if page is None and self.unchanged(advert, item):
            # Listed as before: its row is not rewritten (on PostgreSQL every UPDATE leaves a
            # dead row); that it was seen is the run's own record (`queries.last_seen`).
            self.categorise(advert)
            return
        before = snapshot(advert, self.authority_name(advert))
        page_known_before = advert.page_updated_raw is not None
        was_ended = advert.status == AdvertStatus.ENDED
        announce = page is not None and advert.id in self.unannounced
        self.fill(advert, item, page)
        after = snapshot(advert, self.authority_name(advert))
        changed = changed_fields(before, after, page_known_before)
        new_fingerprint = fingerprint(after)
        if new_fingerprint != advert.content_fingerprint:
            advert.content_fingerprint = new_fingerprint
            self.version(advert, after, changed)
        self.categorise(advert)
        if announce:
            # Its page is read at last: now it is news, with its buyer.
            self.event(EventKind.NEW, advert.id, title=advert.title)
        elif was_ended:
            advert.status, advert.ended_at = AdvertStatus.ACTIVE, None
            self.event(EventKind.REAPPEARED, advert.id, title=advert.title, fields=changed)
        elif changed:
            self.event(
                EventKind.CHANGED,
                advert.id,
                title=advert.title,
                fields=changed,
                before={name: before.get(name) for name in changed},
                after={name: after.get(name) for name in changed},
            )
        self.session.add(advert)

    def first_seen(self, item: ListingItem, page: AdvertPage | None) -> None:
        """An advert the store has never seen: its rows wait in `fresh` (see `_FreshRows`)."""
        draft = SimpleNamespace(
            **self.fresh.advert_defaults,
            # New collections for each advert, never the defaults' shared ones.
            listing_areas=[],
            service_areas=[],
            documents=[],
            raw_item={},
            id=item.key,
            url=item.url,
            first_seen=self.moment,
        )
        self.fill(draft, item, page)
        content = snapshot(draft, self.authority_name(draft))
        draft.content_fingerprint = fingerprint(content)
        fresh = self.fresh
        fresh.adverts.append(vars(draft))
        fresh.versions.append(self.version_row(draft, content, []))
        self.categories[draft.id] = set(codes := self.codes(draft))
        fresh.categories.extend({"advert_id": draft.id, "category_code": c} for c in codes)
        if page is not None or self.baseline:
            fresh.events.append(self.event_row(EventKind.NEW, draft.id, {"title": draft.title}))
        # else: its page could not be read, so its buyer is not known: announcing it now
        # would reach the wrong subscribers (or none). The event waits for the page.
        if len(fresh.adverts) >= FRESH_BATCH:
            self.write_fresh()

    def write_fresh(self) -> None:
        """Insert the waiting rows of adverts first seen in this run (adverts first), inside
        the run's transaction, and let them go."""
        fresh = self.fresh
        for table, rows in (
            (Advert, fresh.adverts),
            (AdvertVersion, fresh.versions),
            (AdvertCategory, fresh.categories),
            (Event, fresh.events),
        ):
            if rows:
                self.session.execute(insert(table), rows)
                rows.clear()

    def due(self, advert: Advert, end_after: int) -> str | None:
        """Note that an active advert was missing from this listing; why it should end now,
        or None if it stays active for the time being."""
        advert.missing_runs += 1
        self.session.add(advert)
        return should_end(advert.missing_runs, self.crawl.confirmations.get(advert.id), end_after)

    def end(self, advert: Advert, reason: str) -> None:
        advert.status, advert.ended_at = AdvertStatus.ENDED, self.moment
        self.event(EventKind.ENDED, advert.id, title=advert.title, reason=reason)
        self.session.add(advert)


def _previous_complete(session: Session, run_id: int) -> list[CrawlRun]:
    """Earlier complete national runs, newest first."""
    return list(
        session.exec(
            select(CrawlRun)
            .where(
                CrawlRun.source == CrawlSource.NATIONAL,
                CrawlRun.status == RunStatus.COMPLETE,
                CrawlRun.id != run_id,
            )
            .order_by(col(CrawlRun.id).desc())
            .limit(50)
        )
    )


def _reference_coverage(previous: list[CrawlRun], guards: Guards) -> dict[str, float] | None:
    """The coverage of the last complete run that read enough pages to judge by."""
    for run in previous:
        if run.coverage and run.coverage.get("pages", 0) >= guards.min_pages_for_coverage:
            return run.coverage
    return None


def apply_crawl(
    engine: Engine,
    run_id: int,
    crawl: NationalCrawl,
    end_after: int,
    guards: Guards = DEFAULT_GUARDS,
) -> RunSummary:
    """Write what a crawl saw. A run that was not complete, or whose pages drifted from the
    layout the last complete run read, writes nothing but its own record; a run that would end
    too much at once holds those endings (see `lovwatch.models.guards`)."""
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        run.finished_at = now()
        run.number_of_hits = crawl.number_of_hits
        run.unique_adverts = len(crawl.items)
        run.listing_pages = crawl.listing_pages
        run.page_requests = len(crawl.pages) + len(crawl.page_status) + len(crawl.page_errors)
        run.requests = crawl.requests
        shares, pages = coverage(page.coverage for page in crawl.pages.values())
        run.coverage = {**shares, "pages": pages} if pages else None
        run.unknown_labels = (
            sorted({label for page in crawl.pages.values() for label in page.labels_unknown})
            or None
        )
        run.unknown_keys = sorted(crawl.unknown_keys) or None
        observed = RunSummary(
            run_id,
            RunStatus.PARTIAL,
            coverage=shares,
            unknown_labels=run.unknown_labels or [],
            unknown_keys=run.unknown_keys or [],
        )
        reason = crawl.incompleteness()
        if reason is not None:
            run.status, run.reason = RunStatus.PARTIAL, reason
            session.add(run)
            return replace(observed, reason=reason)
        previous = _previous_complete(session, run_id)
        drift = drifted_fields(shares, pages, _reference_coverage(previous, guards), guards)
        if drift:
            run.status = RunStatus.DEGRADED
            run.reason = (
                "advert pages no longer look as they did (fields found: "
                + "; ".join(drift)
                + "); nothing was applied"
            )
            session.add(run)
            return replace(observed, status=RunStatus.DEGRADED, reason=run.reason)
        stored = session.exec(select(func.count()).select_from(Advert)).one()
        run.baseline = stored == 0
        applier = _Applier(session, run, crawl, run.baseline)
        with session.no_autoflush:
            applier.add_new_buyers(crawl.items.values())
            for item in crawl.items.values():
                applier.listed(item)
            applier.write_fresh()
            active = [
                advert
                for advert in applier.adverts.values()
                if advert.status == AdvertStatus.ACTIVE and advert.id not in crawl.items
            ]
            due = {a.id: r for a in active if (r := applier.due(a, end_after)) is not None}
            active_count = sum(
                advert.status == AdvertStatus.ACTIVE for advert in applier.adverts.values()
            )
            last = previous[0] if previous else None
            trip = breaker(
                len(due),
                active_count,
                crawl.number_of_hits,
                last.number_of_hits if last else None,
                guards,
            )
            release = agreed(due, last.held_endings if last else None) if trip else set(due)
            for advert_id in sorted(release):
                applier.end(applier.adverts[advert_id], due[advert_id])
            held = sorted(set(due) - release)
        run.status = RunStatus.COMPLETE
        run.held_endings = held or None
        notes = []
        if held:
            notes.append(
                f"{len(held)} endings held back: {trip}; a later run that agrees releases "
                f"them, or `lovwatch runs release {run_id}`"
            )
        if crawl.page_errors:
            notes.append(
                f"{len(crawl.page_errors)} advert pages could not be read (retried next run)"
            )
        if crawl.skipped:
            notes.append(f"{len(crawl.skipped)} listing items without a usable URL skipped")
        run.reason = "; ".join(notes) or None
        for kind, count in applier.counts.items():
            setattr(run, kind, count)
        session.add(run)
        return replace(
            observed,
            status=RunStatus.COMPLETE,
            reason=run.reason,
            baseline=run.baseline,
            counts=applier.counts,
            unmatched_authorities=sorted(applier.unmatched),
            unmapped_areas=sorted(applier.unmapped),
            held_endings=held,
        )


def release_held(engine: Engine, run_id: int) -> list[str]:
    """End the adverts run `run_id` held back that are still active and still missing since
    (the operator checked, and they really are gone); return their ids."""
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is None or not run.held_endings:
            return []
        moment = now()
        released = []
        for advert_id in run.held_endings:
            advert = session.get(Advert, advert_id)
            if advert is None or advert.status != AdvertStatus.ACTIVE:
                continue
            if advert.last_seen and run.started_at and advert.last_seen > run.started_at:
                continue  # listed again since: not gone
            advert.status, advert.ended_at = AdvertStatus.ENDED, moment
            session.add(advert)
            session.add(
                Event(
                    kind=EventKind.ENDED,
                    advert_id=advert_id,
                    run_id=run_id,
                    detected_at=moment,
                    details={"title": advert.title, "reason": "released by the operator"},
                )
            )
            released.append(advert_id)
        run.ended += len(released)
        run.held_endings = None
        run.released_at = moment
        session.add(run)
        return released
