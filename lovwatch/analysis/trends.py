"""Time series from the stored history: distinct municipalities, regions and adverts per
category at the end of each period (rules: `lovwatch.analysis.timeline`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from lovwatch.analysis.reference import ANY, overlapping
from lovwatch.analysis.stats import by_category
from lovwatch.analysis.timeline import AdvertSpan, History

INTERVALS = ("day", "week", "month", "quarter", "year")
ANY_LABEL = "Alla kategorier (any category)"
TREND_COLUMNS = (
    "period",
    "date",
    "category_code",
    "category_label",
    "municipalities",
    "regions",
    "state_agencies",
    "adverts",
    "coverage",
    "source",
)
CRAWL_SOURCE = "lovwatch crawl"


def period_end(day: date, interval: str) -> date:
    """The last day of the `interval` holding `day`."""
    if interval == "day":
        return day
    if interval == "week":
        return day + timedelta(days=6 - day.weekday())
    if interval == "year":
        return date(day.year, 12, 31)
    last_month = day.month if interval == "month" else ((day.month - 1) // 3 + 1) * 3
    following = date(day.year + last_month // 12, last_month % 12 + 1, 1)
    return following - timedelta(days=1)


def _label(day: date, interval: str) -> str:
    if interval == "day":
        return day.isoformat()
    if interval == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if interval == "month":
        return f"{day:%Y-%m}"
    if interval == "quarter":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def fully_observed(
    series: Sequence[dict[str, Any]],
    first_observed: date | None,
    interval: str | None,
    start: date | None = None,
) -> list[bool]:
    """Per trend row of one series (in time order): did the crawl see the whole period?

    A period counts as observed only when it began on or after the first complete crawl and
    has ended by its measuring day; a year measured on the day of the first crawl, or on
    2 January, is a single day of observation, not a year."""
    found = []
    previous: date | None = None
    for row in series:
        day: date = row["date"]
        began = previous + timedelta(days=1) if previous is not None else start
        previous = day
        seen_from_start = (
            row["coverage"] == "observed"
            and first_observed is not None
            and began is not None
            and began >= first_observed
        )
        over = interval is None or day == period_end(day, interval)
        found.append(seen_from_start and over)
    return found


def periods(start: date, end: date, interval: str) -> list[tuple[str, date]]:
    """(label, measuring day) per period from `start` to `end`: each period is measured on
    its last day, the last one on `end`."""
    found = []
    day = start
    while day <= end:
        closing = period_end(day, interval)
        found.append((_label(day, interval), min(closing, end)))
        day = closing + timedelta(days=1)
    return found


def default_categories(history: History, day: date, top: int = 5) -> list[str]:
    """ "any" and the `top` categories run by the most municipalities on `day`."""
    rows = sorted(by_category(history, day), key=lambda r: (-r["municipalities"], -r["adverts"]))
    return [ANY] + [row["category_code"] for row in rows[:top] if row["adverts"]]


class _Tally:
    """Distinct values among the spans currently counted, by reference count."""

    __slots__ = ("refs", "distinct")

    def __init__(self) -> None:
        self.refs: dict[str, int] = {}
        self.distinct = 0

    def add(self, value: str | None) -> None:
        if value is not None:
            count = self.refs.get(value, 0)
            self.refs[value] = count + 1
            if not count:
                self.distinct += 1

    def remove(self, value: str | None) -> None:
        if value is not None:
            count = self.refs[value] - 1
            self.refs[value] = count
            if not count:
                self.distinct -= 1


class _Scope:
    """What is counted for one category (or for "any"): the active adverts and the distinct
    municipalities, regions and state agencies they count for."""

    __slots__ = ("adverts", "municipalities", "regions", "states")

    def __init__(self) -> None:
        self.adverts = 0
        self.municipalities = _Tally()
        self.regions = _Tally()
        self.states = _Tally()

    def add(self, span: AdvertSpan) -> None:
        self.adverts += 1
        self.municipalities.add(span.municipality)
        self.regions.add(span.region)
        self.states.add(span.state_agency)

    def remove(self, span: AdvertSpan) -> None:
        self.adverts -= 1
        self.municipalities.remove(span.municipality)
        self.regions.remove(span.region)
        self.states.remove(span.state_agency)

    def counts(self) -> dict[str, int]:
        return {
            "municipalities": self.municipalities.distinct,
            "regions": self.regions.distinct,
            "state_agencies": self.states.distinct,
            "adverts": self.adverts,
        }


def sweep(
    history: History, days: Sequence[date], codes: Sequence[str]
) -> Iterator[tuple[date, dict[str, dict[str, int]]]]:
    """Counts on each of `days` (ascending), for "any" and each of `codes`, as `totals` and
    `by_category` give them on one day: in one pass over the starts and ends of the active
    intervals instead of a scan of every advert per day and category.

    An interval [start, end) enters the counts on `start` and leaves them on `end`; on each
    day, entries are applied before exits, so a day counts exactly the intervals holding it."""
    if any(later < earlier for earlier, later in zip(days, days[1:], strict=False)):
        raise ValueError("sweep needs its days in ascending order")
    wanted = set(codes)
    moves: list[tuple[date, int, int]] = []
    for index, span in enumerate(history.spans):
        for start, end in span.intervals:
            moves.append((start, 0, index))
            if end is not None:
                moves.append((end, 1, index))
    moves.sort()
    scopes = {ANY: _Scope(), **{code: _Scope() for code in wanted}}
    spans = history.spans
    position = 0
    for day in days:
        while position < len(moves) and moves[position][0] <= day:
            _day, leaving, index = moves[position]
            span = spans[index]
            for code in (ANY, *(span.categories & wanted)):
                if leaving:
                    scopes[code].remove(span)
                else:
                    scopes[code].add(span)
            position += 1
        yield day, {code: scope.counts() for code, scope in scopes.items()}


def trend_rows(
    history: History,
    categories: Sequence[str],
    start: date,
    end: date,
    interval: str,
    with_reference: bool = False,
) -> list[dict[str, Any]]:
    """One row per period and category; "any" is the any-category total. With
    `with_reference`, published points of those categories within the years follow.

    The counts are those of `totals` and `by_category` on each period's measuring day."""
    rows: list[dict[str, Any]] = []
    wanted = {code for code in categories if code != ANY}
    # `by_category`'s rows: the taxonomy's order, each category once.
    precise = [category for category in history.categories if category.code in wanted]
    measured = periods(start, end, interval)
    counted = sweep(history, [day for _label, day in measured], [c.code for c in precise])
    for (label, day), (_day, counts) in zip(measured, counted, strict=True):
        coverage = history.coverage(day)
        if ANY in categories:
            rows.append(
                {
                    "period": label,
                    "date": day,
                    "category_code": ANY,
                    "category_label": ANY_LABEL,
                    **counts[ANY],
                    "coverage": coverage,
                    "source": CRAWL_SOURCE,
                }
            )
        for category in precise:
            rows.append(
                {
                    "period": label,
                    "date": day,
                    "category_code": category.code,
                    "category_label": category.label,
                    **counts[category.code],
                    "coverage": coverage,
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
