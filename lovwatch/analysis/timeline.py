"""When each advert was active, and which body it counts for: the counting rules in one place.

Rules (stated in `lovwatch stats --help` and the README's counting rules):

* An advert is *active on day D* when one of its active intervals holds D: it started on or
  before D and had not ended by D. Days are whole calendar days (UTC): an advert first seen on
  D counts on D; an advert found ended on D no longer counts on D ("the state after the day's
  crawl").
* An advert starts on its first_seen day, or on its `published` date when that is earlier:
  the publication date is evidence that the valfrihetssystem existed before lovwatch's first
  crawl. Days before the first complete crawl are therefore *backfilled*: they count only the
  adverts that survived until that crawl. Systems that ended before it are unknowable, so
  backfilled numbers are lower bounds.
* An advert ends when the crawl found it ended (an `ended` event) and restarts when it came
  back (`reappeared`), so gaps are not counted.
* A municipality runs LOV in a category on D when any active advert carrying the category
  belongs to an authority with its kommunkod: the municipality itself or one of its units
  (nämnd, förvaltning, stadsdel). Region Gotland is also municipality 0980 and counts for it.
* Regions count separately, one per länskod; state agencies (Arbetsförmedlingen) separately,
  by name. Adverts of authorities that could not be placed count only in advert totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from lovwatch.constants import AdvertStatus, EventKind, RunStatus
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    Authority,
    CrawlRun,
    Event,
    ServiceCategory,
)

MUNICIPAL_KINDS = frozenset({"municipality", "municipal_unit"})
REGION_KIND = "region"
STATE_KIND = "state"

#: The counting rules in the words of `--help` (click keeps \b paragraphs as written).
COUNTING_RULES = """\b
Counting rules:
- An advert is active on day D if it started on or before D and was not found ended by D
  (the state after that day's crawl). It starts on its first crawl, or on its published date
  when that is earlier; gaps between an end and a reappearance do not count.
- Days before the first complete crawl are backfilled from published dates: only adverts
  that survived until the first crawl are known, so those numbers are lower bounds.
- A municipality runs LOV in a category if any active advert with that category belongs to
  the municipality or one of its units (nämnd, förvaltning, stadsdel), counted once per
  kommunkod. Region Gotland also counts as municipality 0980.
- Regions count separately, once per länskod; state agencies (Arbetsförmedlingen)
  separately by name; unplaced authorities only in the advert totals."""

#: An interval of days [start, end): `end` None means still active.
Interval = tuple[date, date | None]


@dataclass(frozen=True)
class AdvertSpan:
    """One advert with its authority's codes, its categories and when it was active."""

    advert_id: str
    title: str
    url: str
    authority: str | None
    kind: str | None
    municipality_code: str | None
    county_code: str | None
    categories: frozenset[str]
    intervals: tuple[Interval, ...]
    #: "published" when the start was taken from an earlier publication date.
    start_basis: str

    def active_at(self, day: date) -> bool:
        return self.started_at(day) is not None

    def started_at(self, day: date) -> date | None:
        """The start of the active interval holding `day`, or None if inactive that day."""
        for start, end in self.intervals:
            if start <= day and (end is None or day < end):
                return start
        return None

    @property
    def municipality(self) -> str | None:
        """The kommunkod this advert counts for, if any (units and Region Gotland included)."""
        if self.kind in MUNICIPAL_KINDS or self.kind == REGION_KIND:
            return self.municipality_code
        return None

    @property
    def region(self) -> str | None:
        """The länskod of the region this advert counts for, if it is a region's."""
        return self.county_code if self.kind == REGION_KIND else None

    @property
    def state_agency(self) -> str | None:
        return self.authority if self.kind == STATE_KIND else None


@dataclass(frozen=True)
class CategoryInfo:
    code: str
    label: str
    group: str
    group_label: str


@dataclass(frozen=True)
class History:
    """Everything the analyses need, read once from the store."""

    spans: tuple[AdvertSpan, ...]
    categories: tuple[CategoryInfo, ...]
    #: The day of the first complete crawl: earlier days are backfilled (lower bounds).
    first_observed: date | None
    #: The day of the last complete crawl: later days are unobserved (carried forward).
    last_observed: date | None

    def coverage(self, day: date) -> str:
        """What a count on `day` rests on: 'backfilled' before the first complete crawl
        (reconstructed from publication dates, lower bounds), 'observed' from the first to
        the last complete crawl, 'unobserved' after the last one: the counts carry that
        crawl's state forward, but no crawl has seen those days (a crawl that failed or has
        not run yet today), so they must not be labelled observed."""
        if self.first_observed is None or day < self.first_observed:
            return "backfilled"
        if self.last_observed is not None and day > self.last_observed:
            return "unobserved"
        return "observed"

    def earliest_start(self) -> date | None:
        starts = [span.intervals[0][0] for span in self.spans if span.intervals]
        return min(starts) if starts else None

    def category(self, code: str) -> CategoryInfo | None:
        return next((c for c in self.categories if c.code == code), None)


def intervals_of(
    start: date, transitions: Iterable[tuple[str, date]], status: str, ended_at: date | None
) -> tuple[Interval, ...]:
    """Active intervals from a start day and the advert's ended/reappeared events in order.

    `status`/`ended_at` close the last interval if the events do not (older stores)."""
    found: list[Interval] = []
    current: date | None = start
    for kind, day in transitions:
        if kind == EventKind.ENDED and current is not None:
            found.append((current, max(day, current)))
            current = None
        elif kind == EventKind.REAPPEARED and current is None:
            current = day
    if current is not None:
        closing = ended_at if status == AdvertStatus.ENDED and ended_at else None
        found.append((current, max(closing, current) if closing else None))
    return tuple(found)


def start_of(first_seen: datetime, published: date | None) -> tuple[date, str]:
    """An advert's first active day and what it rests on ("first_seen" or "published")."""
    seen = first_seen.date()
    if published is not None and published < seen:
        return published, "published"
    return seen, "first_seen"


def load_history(session: Session) -> History:
    """Read adverts, authorities, categories, end/reappear events and crawl dates.

    Only the columns the counting rules need are read, as plain rows (no ORM objects, none of
    the adverts' large text and JSON columns), and the crawl dates come back aggregated."""
    connection = session.connection()  # Core rows: the ORM has nothing to add here
    categories = tuple(
        CategoryInfo(code, label, group, group_label)
        for code, label, group, group_label in connection.execute(
            select(
                ServiceCategory.code,
                ServiceCategory.label,
                ServiceCategory.group_code,
                ServiceCategory.group_label,
            ).order_by(col(ServiceCategory.position))
        )
    )
    carried: dict[str, set[str]] = {}
    for advert_id, code in connection.execute(
        select(AdvertCategory.advert_id, AdvertCategory.category_code)
    ):
        carried.setdefault(advert_id, set()).add(code)
    transitions: dict[str, list[tuple[str, date]]] = {}
    for kind, advert_id, detected_at in connection.execute(
        select(Event.kind, Event.advert_id, Event.detected_at)
        .where(col(Event.kind).in_([EventKind.ENDED, EventKind.REAPPEARED]))
        .order_by(col(Event.detected_at), col(Event.id))
    ):
        transitions.setdefault(advert_id, []).append((kind, detected_at.date()))
    spans = []
    no_categories: frozenset[str] = frozenset()
    adverts: Any = connection.execute(
        sql_select(
            *(
                col(column)
                for column in (
                    Advert.id,
                    Advert.title,
                    Advert.url,
                    Advert.first_seen,
                    Advert.published,
                    Advert.status,
                    Advert.ended_at,
                    Authority.name,
                    Authority.kind,
                    Authority.municipality_code,
                    Authority.county_code,
                )
            )
        )
        .join(Authority, col(Authority.id) == col(Advert.authority_id), isouter=True)
        .order_by(col(Advert.id))
    )
    for (
        advert_id,
        title,
        url,
        first_seen,
        published,
        status,
        ended_at,
        name,
        kind,
        municipality_code,
        county_code,
    ) in adverts:
        start, basis = start_of(first_seen, published)
        ended = ended_at.date() if ended_at else None
        codes = carried.get(advert_id)
        spans.append(
            AdvertSpan(
                advert_id,
                title,
                url,
                name,
                kind,
                municipality_code,
                county_code,
                frozenset(codes) if codes else no_categories,
                intervals_of(start, transitions.get(advert_id, ()), status, ended),
                basis,
            )
        )
    first, last = connection.execute(
        select(func.min(CrawlRun.started_at), func.max(CrawlRun.started_at)).where(
            CrawlRun.status == RunStatus.COMPLETE
        )
    ).one()
    return History(
        tuple(spans),
        categories,
        first.date() if first else None,
        last.date() if last else None,
    )


def active(
    spans: Sequence[AdvertSpan], day: date, categories: Iterable[str] | None = None
) -> list[AdvertSpan]:
    """Spans active on `day`, carrying any of `categories` (all spans when None)."""
    wanted = None if categories is None else set(categories)
    return [
        span
        for span in spans
        if span.active_at(day) and (wanted is None or span.categories & wanted)
    ]
