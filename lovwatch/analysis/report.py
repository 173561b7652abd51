"""The shareable HTML report, in Swedish: one self-contained file (inline CSS and SVG, no
scripts, no network) with the national overview, counts, trends, counties and recent events;
for one municipality, its benchmark against its peers comes first, because that is what the
official who asked for it reads."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import Session

from lovwatch.analysis import charts, report_words
from lovwatch.analysis.compare import PeerGroup, compare
from lovwatch.analysis.reference import ANY, reference_points
from lovwatch.analysis.stats import by_category, by_group, totals
from lovwatch.analysis.timeline import History, load_history
from lovwatch.analysis.trends import default_categories, fully_observed, period_end, trend_rows
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


def _sources() -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    for point in reference_points():
        method = report_words.SOURCE_METHODS.get(point.series, point.method)
        seen.setdefault(point.series, {"source": point.source, "method": method})
    return list(seen.values())


def _with_basis(
    rows: list[dict[str, Any]], history: History, interval: str, start: date
) -> list[dict[str, Any]]:
    """Crawled trend rows with the Swedish words for what each number rests on: a period
    the crawl saw only part of (it began before the first crawl, or is not over) says so, and
    a period cut short names its measuring day."""
    shown: list[dict[str, Any]] = []
    for code in dict.fromkeys(row["category_code"] for row in rows):
        series = [row for row in rows if row["category_code"] == code]
        full = fully_observed(series, history.first_observed, interval, start)
        for row, whole in zip(series, full, strict=True):
            basis = report_words.COVERAGE[row["coverage"]]
            if row["coverage"] == "observed" and not whole:
                basis = "delvis observerad"
            cut = row["date"] != period_end(row["date"], interval)
            period = f"{row['period']} (t.o.m. {row['date']})" if cut else row["period"]
            shown.append({**row, "basis": basis, "period_shown": period})
    return sorted(shown, key=lambda row: row["date"])


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
    trend = [
        {**row, "category_label": report_words.ANY_LABEL} if row["category_code"] == ANY else row
        for row in trend_rows(history, trend_codes, start, day, interval, with_reference=True)
    ]
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
            "peer_description": report_words.peer_description(subject, peers),
            "findings": report_words.FINDINGS,
            "rows": compare(history, subject, peers, day),
        }
    category_chart = charts.category_figure(
        categories, f"Kommuner och regioner med LOV per kategori, {day}", charts.SWEDISH
    )
    trend_chart = charts.trend_figure(
        trend,
        "municipalities",
        f"Kommuner med LOV, {start} till {day}",
        charts.SWEDISH,
        first_observed=history.first_observed,
        interval=interval,
        start=start,
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
            trend=_with_basis(crawled_trend, history, interval, start),
            reference=[row for row in trend if row["coverage"] == "reference"],
            interval=report_words.INTERVALS[interval],
            kinds=report_words.EVENT_KINDS,
            any_code=ANY,
            events=events,
            recent_days=recent_days,
            benchmark=benchmark_data,
            rules=report_words.COUNTING_RULES,
            sources=_sources(),
            # Markup: the SVG is matplotlib's own output; labels in it are XML-escaped.
            category_svg=Markup(
                charts.inline_svg(
                    category_chart,
                    "Stapeldiagram: kommuner och regioner med LOV per kategori",
                    "Samma siffror som i tabellen Antal per kategori.",
                )
            ),
            trend_svg=Markup(
                charts.inline_svg(
                    trend_chart,
                    "Linjediagram: kommuner med LOV över tid",
                    "Samma siffror som i tabellen Underlag för trenden; publicerade "
                    "siffror i en egen panel under linjerna.",
                )
            ),
        )
    )
