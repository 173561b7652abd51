"""Applying a municipal crawl to the store, in one transaction, and the events it gives.

- A page gets a new `PageSnapshot` only when its main text changed.
- Statements and provider listings are upserted with first_seen / last_seen.
- A provider is removed only when a complete run read again a page that listed it and the
  page no longer lists it: a partial run, a page or a site that failed to load, or a page that
  is gone ends nothing.
- A municipality's first crawl is a baseline: its events are history, not news.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from lovwatch.clock import now
from lovwatch.constants import (
    LOV_ENDED,
    LOV_INTRODUCED,
    MUNICIPAL_EVENT_KINDS,
    PROVIDER_ADDED,
    PROVIDER_REMOVED,
    CrawlSource,
    EventSource,
    RunStatus,
)
from lovwatch.models.history import start_run
from lovwatch.models.municipal import (
    LovStatement,
    MunicipalPage,
    PageSnapshot,
    ProviderCount,
    ProviderListing,
)
from lovwatch.models.store import session_scope
from lovwatch.models.tables import CrawlRun, Event
from lovwatch.municipal.provider_items import Provider
from lovwatch.municipal.statements import StatementKind
from lovwatch.municipal.vocabulary import fold_words
from lovwatch.spiders.municipal_outcome import MunicipalCrawl, ReadPage

_STATEMENT_EVENTS = {StatementKind.INTRODUCE: LOV_INTRODUCED, StatementKind.END: LOV_ENDED}
#: Longer quotes are cut: they are evidence, and part of a unique key.
MAX_QUOTE = 500


@dataclass
class MunicipalSummary:
    """What a municipal crawl did, for the CLI and for cron."""

    run_id: int
    status: str
    reason: str | None = None
    pages: int = 0
    rendered: list[str] = field(default_factory=list)
    unrendered: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: Pages that could not be read (URL → why): a timeout, a server error, a PDF without
    #: text. What they said before stays stored.
    failed_pages: dict[str, str] = field(default_factory=dict)
    #: Pages titled as provider lists on which no provider was read.
    lists_without_providers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == RunStatus.COMPLETE


def start_municipal_run(engine: Engine, label: str) -> int:
    """Record a municipal run as running (`label` names the sites); see `start_run`."""
    return start_run(engine, label, CrawlSource.MUNICIPAL)


class _Applier:
    def __init__(self, session: Session, run: CrawlRun, moment: datetime) -> None:
        self.session = session
        self.run = run
        self.moment = moment
        self.known_codes = set(session.exec(select(MunicipalPage.municipality_code)).all())
        self.counts = dict.fromkeys(MUNICIPAL_EVENT_KINDS, 0)
        self.stated: set[tuple[str, str, str | None]] = set()

    def event(self, kind: str, code: str, category: str | None, **details: Any) -> None:
        assert self.run.id is not None
        self.session.add(
            Event(
                source=EventSource.MUNICIPAL.value,
                kind=kind,
                municipality_code=code,
                category_code=category or None,
                run_id=self.run.id,
                detected_at=self.moment,
                baseline=code not in self.known_codes,
                details=details,
            )
        )
        self.counts[kind] += 1

    def first_statement(self, code: str, kind: str, category: str | None) -> bool:
        """Whether no page of the municipality said this before: a decision reported on a
        news item, a start page teaser and a minutes page is one event, not three."""
        key = (code, kind, category)
        if key in self.stated:
            return False
        self.stated.add(key)
        return (
            self.session.exec(
                select(LovStatement.id).where(
                    LovStatement.municipality_code == code,
                    LovStatement.kind == kind,
                    LovStatement.category_code == category,
                )
            ).first()
            is None
        )

    def page(self, read: ReadPage) -> None:
        found = read.findings
        page = self.session.exec(
            select(MunicipalPage).where(MunicipalPage.url == found.url)
        ).first()
        if page is None:
            page = MunicipalPage(
                municipality_code=read.municipality_code, url=found.url, first_seen=self.moment
            )
        changed = page.content_hash != found.content_hash
        page.title, page.rendered, page.links = found.title, read.rendered, found.links
        page.content_hash, page.last_seen = found.content_hash, self.moment
        self.session.add(page)
        self.session.flush()
        if changed:
            assert page.id is not None
            self.session.add(
                PageSnapshot(
                    page_id=page.id,
                    run_id=self.run.id,
                    fetched_at=self.moment,
                    content_hash=found.content_hash,
                    text=found.text,
                )
            )

    def statements(self, read: ReadPage) -> None:
        code = read.municipality_code
        # Every claim is kept as evidence (proposals, other municipalities, the law included);
        # only the municipality's own decisions become events and count in its status.
        for statement in read.findings.claims or read.findings.statements:
            quote = statement.quote[:MAX_QUOTE]
            for category in statement.categories or (None,):
                row = self.session.exec(
                    select(LovStatement).where(
                        LovStatement.municipality_code == code,
                        LovStatement.url == read.findings.url,
                        LovStatement.kind == statement.kind,
                        LovStatement.category_code == category,
                        LovStatement.quote == quote,
                    )
                ).first()
                if row is None:
                    row = LovStatement(
                        municipality_code=code,
                        kind=statement.kind,
                        subject=statement.subject,
                        modality=statement.modality,
                        confidence=statement.confidence,
                        category_code=category,
                        url=read.findings.url,
                        quote=quote,
                        statement_date=statement.date,
                        date_text=statement.date_text,
                        first_seen=self.moment,
                    )
                    # Only a decision of this municipality is news: a plan is evidence.
                    kind = _STATEMENT_EVENTS.get(statement.kind) if statement.is_event else None
                    if kind and self.first_statement(code, statement.kind, category):
                        self.event(
                            kind,
                            code,
                            category,
                            url=read.findings.url,
                            quote=quote,
                            date=statement.date.isoformat() if statement.date else None,
                        )
                row.last_seen = self.moment
                self.session.add(row)

    def providers(self, reads: Iterable[ReadPage], listed: set[tuple[str, str, str]]) -> None:
        """Upsert the providers the pages list, adding each one's key to `listed`.

        A provider named on several pages (a list and a news item) is one listing, and it
        takes its name, org number and page from the strongest mention: one with an org
        number, then one from a list or table, then the first page by URL. What is stored
        never depends on the order the pages arrived in.
        """
        mentions = sorted(
            (
                (read, provider, category)
                for read in reads
                for provider in read.findings.providers
                for category in provider.categories or ("",)
            ),
            key=lambda mention: (-_strength(mention[1]), mention[0].findings.url),
        )
        written: set[tuple[str, str, str]] = set()
        for read, provider, category in mentions:
            code, url = read.municipality_code, read.findings.url
            row = self.listing(code, category, provider.key, provider.name)
            key = (code, category, row.provider_key if row else provider.key)
            listed.add(key)
            if key in written:
                continue
            written.add(key)
            if row is None or row.removed_at is not None:
                self.event(
                    PROVIDER_ADDED,
                    code,
                    category,
                    provider=provider.name,
                    org_number=provider.org_number,
                    own_unit=provider.own_unit,
                    url=url,
                )
            row = row or ProviderListing(
                municipality_code=code,
                category_code=category,
                provider_key=provider.key,
                name=provider.name,
                url=url,
                first_seen=self.moment,
            )
            row.name, row.org_number, row.own_unit = (
                provider.name,
                provider.org_number,
                provider.own_unit,
            )
            row.url, row.last_seen, row.removed_at = url, self.moment, None
            self.session.add(row)

    def counts_of(self, read: ReadPage) -> None:
        code, url = read.municipality_code, read.findings.url
        for count in read.findings.counts:
            for category in count.categories or ("",):
                self.session.add(
                    ProviderCount(
                        municipality_code=code,
                        category_code=category,
                        run_id=self.run.id,
                        observed_at=self.moment,
                        source=count.source,
                        private=count.private,
                        own_units=count.own_units,
                        url=url,
                        quote=count.quote[:MAX_QUOTE] or None,
                    )
                )

    def listing(self, code: str, category: str, key: str, name: str) -> ProviderListing | None:
        """The stored listing of a provider: by key, else by name (a news item names a
        company without the org number its list entry shows)."""
        rows = self.session.exec(
            select(ProviderListing).where(
                ProviderListing.municipality_code == code, ProviderListing.category_code == category
            )
        ).all()
        folded = fold_words(name)
        return next((row for row in rows if row.provider_key == key), None) or next(
            (row for row in rows if fold_words(row.name) == folded), None
        )

    def removals(self, read_urls: set[str], listed: set[tuple[str, str, str]]) -> None:
        if not read_urls:
            return
        rows = self.session.exec(
            select(ProviderListing).where(
                col(ProviderListing.removed_at).is_(None),
                col(ProviderListing.url).in_(read_urls),
            )
        )
        for row in rows:
            if (row.municipality_code, row.category_code, row.provider_key) in listed:
                continue
            row.removed_at = self.moment
            self.session.add(row)
            self.event(
                PROVIDER_REMOVED,
                row.municipality_code,
                row.category_code,
                provider=row.name,
                org_number=row.org_number,
                url=row.url,
            )


def _strength(provider: Provider) -> int:
    """How much a mention of a provider says: an org number counts most, then being a list
    or table entry rather than a name in running text."""
    return 2 * (provider.org_number is not None) + (provider.source in ("list", "table"))


def apply_municipal(engine: Engine, run_id: int, crawl: MunicipalCrawl) -> MunicipalSummary:
    """Write what the crawl read; finish the run as complete, or partial if a site failed."""
    moment = now()
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        applier = _Applier(session, run, moment)
        listed: set[tuple[str, str, str]] = set()
        # In URL order, so that what is stored never depends on the order pages arrived in.
        reads = [crawl.pages[url] for url in sorted(crawl.pages)]
        for read in reads:
            applier.page(read)
            applier.statements(read)
            applier.counts_of(read)
        applier.providers(reads, listed)
        failed = "; ".join(
            f"{code}: {reason}" for code, reason in sorted(crawl.failed_sites.items())
        )
        if not failed:
            # Only a complete run removes, and only from pages it read again: a page that is
            # gone may have moved beyond this run's page budget, so it removes nothing.
            applier.removals(set(crawl.pages), listed)
        run.status = RunStatus.PARTIAL if failed else RunStatus.COMPLETE
        run.reason = (
            "; ".join(filter(None, [f"sites not read: {failed}" if failed else "", *crawl.notes]))
            or None
        )
        run.finished_at = moment
        run.unique_adverts = len(crawl.pages)
        run.page_requests = run.requests = crawl.requests
        run.baseline = not applier.known_codes
        run.new = applier.counts[PROVIDER_ADDED] + applier.counts[LOV_INTRODUCED]
        run.ended = applier.counts[PROVIDER_REMOVED] + applier.counts[LOV_ENDED]
        session.add(run)
        return MunicipalSummary(
            run_id,
            run.status,
            run.reason,
            len(crawl.pages),
            list(crawl.rendered),
            list(crawl.unrendered),
            dict(applier.counts),
            dict(sorted(crawl.page_errors.items())),
            sorted(crawl.lists_without_providers),
        )


def interrupted_municipal(
    engine: Engine, run_id: int, crawl: MunicipalCrawl, reason: str
) -> MunicipalSummary:
    """Record a run stopped before its end (Ctrl-C, SIGTERM) as partial, applying nothing:
    the next run reads the same pages again, so nothing is lost and nobody is alarmed."""
    with session_scope(engine) as session:
        run = session.get(CrawlRun, run_id)
        assert run is not None
        run.status = RunStatus.PARTIAL
        run.reason = f"the crawl was interrupted ({reason}) before it ended; nothing was applied"
        run.finished_at = now()
        run.page_requests = run.requests = crawl.requests
        session.add(run)
        return MunicipalSummary(run_id, RunStatus.PARTIAL, run.reason)
