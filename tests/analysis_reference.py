"""The analyses as lovwatch first computed them, kept as a straightforward reference: every
advert loaded whole through the ORM, and every count a scan of all adverts for each day and
category. Slow, but plainly the counting rules; tests compare the real analyses with it.
"""
# ruff: noqa: E501

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from lovwatch.analysis.compare import FINDINGS, PeerGroup, _finding
from lovwatch.analysis.reference import ANY, overlapping
from lovwatch.analysis.trends import ANY_LABEL, CRAWL_SOURCE, periods
from lovwatch.constants import AdvertStatus, EventKind, RunStatus
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    Authority,
    CrawlRun,
    Event,
    ServiceCategory,
)
from lovwatch.normalize.authorities import Municipality, counties, municipalities

MUNICIPAL_KINDS = frozenset({"municipality", "municipal_unit"})
REGION_KIND = "region"
STATE_KIND = "state"
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
    last_observed: date | None

    def coverage(self, day: date) -> str:
        """'backfilled' before the first complete crawl, 'unobserved' after the last one,
        'observed' between."""
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
    """Read adverts, authorities, categories, end/reappear events and crawl dates."""
    categories = tuple(
        CategoryInfo(row.code, row.label, row.group_code, row.group_label)
        for row in session.exec(select(ServiceCategory).order_by(col(ServiceCategory.position)))
    )
    carried: dict[str, set[str]] = {}
    for advert_id, code in session.exec(
        select(AdvertCategory.advert_id, AdvertCategory.category_code)
    ):
        carried.setdefault(advert_id, set()).add(code)
    transitions: dict[str, list[tuple[str, date]]] = {}
    for kind, advert_id, detected_at in session.exec(
        select(Event.kind, Event.advert_id, Event.detected_at)
        .where(col(Event.kind).in_([EventKind.ENDED, EventKind.REAPPEARED]))
        .order_by(col(Event.detected_at), col(Event.id))
    ):
        transitions.setdefault(advert_id, []).append((kind, detected_at.date()))
    spans = []
    for advert, authority in session.exec(
        select(Advert, Authority).join(Authority, isouter=True).order_by(Advert.id)
    ):
        start, basis = start_of(advert.first_seen, advert.published)
        ended = advert.ended_at.date() if advert.ended_at else None
        spans.append(
            AdvertSpan(
                advert_id=advert.id,
                title=advert.title,
                url=advert.url,
                authority=authority.name if authority else None,
                kind=authority.kind if authority else None,
                municipality_code=authority.municipality_code if authority else None,
                county_code=authority.county_code if authority else None,
                categories=frozenset(carried.get(advert.id, ())),
                intervals=intervals_of(start, transitions.get(advert.id, []), advert.status, ended),
                start_basis=basis,
            )
        )
    complete = session.exec(
        select(CrawlRun.started_at)
        .where(CrawlRun.status == RunStatus.COMPLETE)
        .order_by(col(CrawlRun.started_at))
    ).all()
    return History(
        tuple(spans),
        categories,
        complete[0].date() if complete else None,
        complete[-1].date() if complete else None,
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


def _distinct(spans: Iterable[AdvertSpan], attribute: str) -> set[str]:
    return {value for span in spans if (value := getattr(span, attribute)) is not None}


def totals(history: History, day: date) -> dict[str, Any]:
    """National totals on `day`: active adverts, distinct authorities, bodies with any LOV."""
    live = active(history.spans, day)
    return {
        "date": day,
        "coverage": history.coverage(day),
        "adverts": len(live),
        "authorities": len(_distinct(live, "authority")),
        "municipalities": len(_distinct(live, "municipality")),
        "regions": len(_distinct(live, "region")),
        "state_agencies": len(_distinct(live, "state_agency")),
        # Authorities lovwatch could not place: counted in adverts, nowhere else.
        "unplaced_adverts": sum(1 for span in live if span.kind in (None, "unknown")),
    }


def by_category(
    history: History, day: date, categories: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One row per category (taxonomy order): distinct bodies and adverts active on `day`."""
    live = active(history.spans, day)
    rows = []
    for category in history.categories:
        if categories and category.code not in categories:
            continue
        carrying = [span for span in live if category.code in span.categories]
        rows.append(
            {
                "category_code": category.code,
                "category_label": category.label,
                "group": category.group_label,
                "municipalities": len(_distinct(carrying, "municipality")),
                "regions": len(_distinct(carrying, "region")),
                "state_agencies": len(_distinct(carrying, "state_agency")),
                "adverts": len(carrying),
            }
        )
    return rows


def by_group(
    history: History, day: date, by: str, categories: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """One row per county or kommungrupp: how many of its municipalities run LOV on `day`
    (in any of `categories`, or in any category at all)."""
    live = active(history.spans, day, categories or None)
    running = _distinct(live, "municipality")
    regions = _distinct(live, "region")
    key = (lambda m: m.county_code) if by == "county" else (lambda m: m.kommungrupp_code)
    names = (
        {c.code: c.name for c in counties()}
        if by == "county"
        else {m.kommungrupp_code: m.kommungrupp_name for m in municipalities()}
    )
    members: dict[str, list[str]] = {}
    for municipality in municipalities():
        members.setdefault(key(municipality), []).append(municipality.code)
    rows = []
    for code in sorted(members):
        codes = set(members[code])
        with_lov = len(codes & running)
        in_group = [
            span
            for span in live
            if span.municipality in codes or (by == "county" and span.region == code)
        ]
        rows.append(
            {
                "group_code": code,
                "group_name": names.get(code, code),
                "municipalities_total": len(codes),
                "municipalities_with_lov": with_lov,
                "share": round(with_lov / len(codes), 3),
                "regions_with_lov": (1 if code in regions else 0) if by == "county" else None,
                "adverts": len(in_group),
            }
        )
    return rows


def default_categories(history: History, day: date, top: int = 5) -> list[str]:
    """ "any" and the `top` categories run by the most municipalities on `day`."""
    rows = sorted(by_category(history, day), key=lambda r: (-r["municipalities"], -r["adverts"]))
    return [ANY] + [row["category_code"] for row in rows[:top] if row["adverts"]]


def trend_rows(
    history: History,
    categories: Sequence[str],
    start: date,
    end: date,
    interval: str,
    with_reference: bool = False,
) -> list[dict[str, Any]]:
    """One row per period and category; "any" is the any-category total. With
    `with_reference`, published points of those categories within the years follow."""
    rows: list[dict[str, Any]] = []
    precise = [code for code in categories if code != ANY]
    for label, day in periods(start, end, interval):
        if ANY in categories:
            total = totals(history, day)
            rows.append(
                {
                    "period": label,
                    "date": day,
                    "category_code": ANY,
                    "category_label": ANY_LABEL,
                    **{
                        key: total[key]
                        for key in ("municipalities", "regions", "state_agencies", "adverts")
                    },
                    "coverage": history.coverage(day),
                    "source": CRAWL_SOURCE,
                }
            )
        for row in by_category(history, day, precise) if precise else []:
            rows.append(
                {
                    "period": label,
                    "date": day,
                    "category_code": row["category_code"],
                    "category_label": row["category_label"],
                    **{
                        key: row[key]
                        for key in ("municipalities", "regions", "state_agencies", "adverts")
                    },
                    "coverage": history.coverage(day),
                    "source": CRAWL_SOURCE,
                }
            )
    if with_reference:
        for point in overlapping(list(categories), start.year, end.year):
            info = history.category(point.category_code)
            rows.append(
                {
                    "period": str(point.year),
                    "date": None,
                    "category_code": point.category_code,
                    "category_label": info.label if info else ANY_LABEL,
                    "municipalities": point.value if point.measure == "municipalities" else None,
                    "regions": None,
                    "state_agencies": None,
                    "adverts": point.value if point.measure == "adverts" else None,
                    "coverage": "reference",
                    "source": f"{point.source}: {point.subject}"
                    + (f" ({point.reference_period})" if point.reference_period else ""),
                }
            )
    return rows


def compare(
    history: History, subject: Municipality, peers: PeerGroup, day: date, threshold: float = 0.5
) -> list[dict[str, Any]]:
    """One row per category that the subject or any peer runs on `day`: whether the subject
    runs it (since when), the share of peers that do, and the finding. Gaps come first."""
    live = active(history.spans, day)
    peer_codes = {m.code for m in peers.members}
    rows = []
    for category in history.categories:
        carrying = [span for span in live if category.code in span.categories]
        own_starts = [
            span.started_at(day) for span in carrying if span.municipality == subject.code
        ]
        running_peers = {span.municipality for span in carrying} & peer_codes
        share = len(running_peers) / len(peer_codes) if peer_codes else 0.0
        finding = _finding(bool(own_starts), share, threshold)
        if finding is None:
            continue
        rows.append(
            {
                "category_code": category.code,
                "category_label": category.label,
                "runs": bool(own_starts),
                "since": min(start for start in own_starts if start) if own_starts else None,
                "peers_running": len(running_peers),
                "peers": len(peer_codes),
                "peer_share": round(share, 3),
                "finding": finding,
            }
        )
    order = list(FINDINGS)
    return sorted(rows, key=lambda row: (order.index(row["finding"]), -row["peer_share"]))
