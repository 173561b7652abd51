"""Counts at one date: municipalities, regions and state agencies running LOV per category,
per county or per SKR kommungrupp, and national totals (rules: `lovwatch.analysis.timeline`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from lovwatch.analysis.timeline import AdvertSpan, History, active
from lovwatch.normalize.authorities import counties, municipalities

BY_CHOICES = ("category", "county", "kommungrupp")
CATEGORY_COLUMNS = (
    "category_code",
    "category_label",
    "group",
    "municipalities",
    "regions",
    "state_agencies",
    "adverts",
)
GROUP_COLUMNS = (
    "group_code",
    "group_name",
    "municipalities_total",
    "municipalities_with_lov",
    "share",
    "regions_with_lov",
    "adverts",
)


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
