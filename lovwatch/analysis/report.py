"""The shareable HTML report: one self-contained file (inline CSS and SVG, no scripts, no
network) with the national overview, counts, trends, counties, recent events and, for one
municipality, the benchmark against its peers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import Session

from lovwatch.analysis import charts
from lovwatch.analysis.compare import FINDINGS, PeerGroup, compare
from lovwatch.analysis.reference import ANY, reference_points
from lovwatch.analysis.stats import by_category, by_group, totals
from lovwatch.analysis.timeline import COUNTING_RULES, load_history
from lovwatch.analysis.trends import default_categories, trend_rows
from lovwatch.constants import EventKind
from lovwatch.models import queries
from lovwatch.normalize.authorities import Municipality

#: The report's trend chart starts no earlier than this (SKR's series begins in 2010).
EARLIEST_TREND_YEAR = 2010


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("lovwatch.analysis", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _trend_interval(start: date, end: date) -> str:
    days = (end - start).days
    return "day" if days <= 62 else "month" if days <= 5 * 366 else "year"


def _rules() -> list[str]:
    """The counting rules of `--help` as one sentence group per rule."""
    body = COUNTING_RULES.split("\n", 2)[2].removeprefix("- ")
    return [" ".join(rule.split()) for rule in body.split("\n- ")]


def _sources() -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for point in reference_points():
        seen.setdefault(point.series, {"source": point.source, "method": point.method})
    return list(seen.values())


def build_report(
    session: Session,
    day: date,
    recent_days: int,
    benchmark: tuple[Municipality, PeerGroup] | None = None,
) -> str:
    """The report as an HTML string, counted on `day`."""
    history = load_history(session)
    categories = by_category(history, day)
    start = max(history.earliest_start() or day, date(EARLIEST_TREND_YEAR, 1, 1))
    interval = _trend_interval(start, day)
    trend_codes = default_categories(history, day)
    trend = trend_rows(history, trend_codes, start, day, interval, with_reference=True)
    crawled_trend = [row for row in trend if row["coverage"] != "reference"]
    events = queries.list_events(
        session,
        since=day - timedelta(days=recent_days),
        kinds=[EventKind.NEW, EventKind.ENDED],
        include_baseline=False,
    )
    events = [event for event in events if event["detected_at"].date() <= day]
    benchmark_data: dict[str, Any] | None = None
    if benchmark is not None:
        subject, peers = benchmark
        benchmark_data = {
            "subject": subject,
            "peers": peers,
            "findings": FINDINGS,
            "rows": compare(history, subject, peers, day),
        }
    category_chart = charts.category_figure(categories, f"Running LOV per category, {day}")
    trend_chart = charts.trend_figure(
        trend, "municipalities", f"Municipalities running LOV, {start} to {day}"
    )
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            day=day,
            history=history,
            totals=totals(history, day),
            categories=categories,
            counties=by_group(history, day, "county"),
            kommungrupper=by_group(history, day, "kommungrupp"),
            trend=crawled_trend,
            reference=[row for row in trend if row["coverage"] == "reference"],
            interval=interval,
            any_code=ANY,
            events=events,
            recent_days=recent_days,
            benchmark=benchmark_data,
            rules=_rules(),
            sources=_sources(),
            # Markup: the SVG is matplotlib's own output; labels in it are XML-escaped.
            category_svg=Markup(
                charts.inline_svg(
                    category_chart,
                    "Bar chart: municipalities and regions running LOV per category",
                    "The same numbers as the table 'Counts per category'.",
                )
            ),
            trend_svg=Markup(
                charts.inline_svg(
                    trend_chart,
                    "Line chart: municipalities running LOV over time",
                    "The same numbers as the table under 'Trend data'; "
                    "published figures as markers.",
                )
            ),
        )
    )
