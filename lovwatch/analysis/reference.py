"""Published figures on LOV adoption shipped with lovwatch (lovwatch/data/reference_series.csv).

Each row names its source and method: SKR's municipalities by LOV status 2010-2023,
Upphandlingsmyndigheten's adverts by buyer type 2016-2024, and municipalities per service
(Valfrihetswebben 2014, SKR 2018 and 2023). They are counted differently from one another and
from lovwatch's crawl, so they are shown beside the crawled series, never merged into it.
`category_code` "any" means "any category"; an empty code means the published service does
not map to exactly one lovwatch category (the note says why).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

ANY = "any"


@dataclass(frozen=True)
class ReferencePoint:
    source: str
    method: str
    series: str
    measure: str  # "municipalities" or "adverts"
    subject: str  # the published row label, as published
    category_code: str
    year: int
    reference_period: str
    value: int
    note: str


@cache
def reference_points() -> tuple[ReferencePoint, ...]:
    """All shipped reference points (read once)."""
    text = (
        resources.files("lovwatch")
        .joinpath("data", "reference_series.csv")
        .read_text(encoding="utf-8")
    )
    return tuple(
        ReferencePoint(
            source=row["source"],
            method=row["method"],
            series=row["series"],
            measure=row["measure"],
            subject=row["subject"],
            category_code=row["category_code"],
            year=int(row["year"]),
            reference_period=row["reference_period"],
            value=int(row["value"]),
            note=row["note"],
        )
        for row in csv.DictReader(io.StringIO(text))
    )


def overlapping(categories: list[str], first_year: int, last_year: int) -> list[ReferencePoint]:
    """Reference points for these categories ("any" included) within the years."""
    return [
        point
        for point in reference_points()
        if point.category_code
        and point.category_code in categories
        and first_year <= point.year <= last_year
    ]
