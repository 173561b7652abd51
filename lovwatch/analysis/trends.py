"""Time series from the stored history: distinct municipalities, regions and adverts per
category at the end of each period (rules: `lovwatch.analysis.timeline`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from lovwatch.analysis.reference import ANY, overlapping
from lovwatch.analysis.stats import by_category, totals
from lovwatch.analysis.timeline import History

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


def _period_end(day: date, interval: str) -> date:
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


def periods(start: date, end: date, interval: str) -> list[tuple[str, date]]:
    """(label, measuring day) per period from `start` to `end`: each period is measured on
    its last day, the last one on `end`."""
    found = []
    day = start
    while day <= end:
        closing = _period_end(day, interval)
        found.append((_label(day, interval), min(closing, end)))
        day = closing + timedelta(days=1)
    return found


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
