"""The analysis commands: `lovwatch stats`, `trends`, `compare`, `export` and `report`.

They only read the store. Counting rules: `lovwatch.analysis.timeline.COUNTING_RULES`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from lovwatch.analysis import compare as comparing
from lovwatch.analysis import export as exporting
from lovwatch.analysis.stats import (
    BY_CHOICES,
    CATEGORY_COLUMNS,
    GROUP_COLUMNS,
    by_category,
    by_group,
    totals,
)
from lovwatch.analysis.timeline import COUNTING_RULES, History, load_history
from lovwatch.analysis.trends import (
    INTERVALS,
    TREND_COLUMNS,
    default_categories,
    periods,
    trend_rows,
)
from lovwatch.cli_common import (
    DAYS,
    EXIT_FAILED,
    OUTPUT_FILE,
    FiniteFloatRange,
    State,
    check_categories,
    check_municipality,
    check_peers,
    parse_date_option,
    pass_state,
    resolve_categories,
    resolve_municipalities,
    warn_if_no_complete_crawl,
)
from lovwatch.clock import today
from lovwatch.normalize.authorities import find_municipality, municipality_by_code
from lovwatch.output import emit, format_option

#: More periods than this would be unreadable and slow: ask for a coarser interval.
MAX_PERIODS = 1000
ANY_WORDS = ("any", "all", "alla")

any_category_option = click.option(
    "--category",
    multiple=True,
    metavar="CODE|NAME",
    callback=check_categories(allow_any=True),
    help="Service category (code, label or synonym; 'any' = any category); repeatable.",
)
#: `stats` already counts any LOV in its totals: "any" there is refused, not ignored.
category_option = click.option(
    "--category",
    multiple=True,
    metavar="CODE|NAME",
    callback=check_categories(allow_any=False),
    help="Service category (code, label or synonym); repeatable.",
)
peers_option = click.option(
    "--peers",
    default="kommungrupp",
    show_default=True,
    metavar="county|kommungrupp|size|CODE,...",
    callback=check_peers(comparing.PEER_KINDS),
    help="Peers: same county, same SKR kommungrupp, same population band, or a list "
    "of municipalities (codes or names, comma-separated).",
)
at_option = click.option(
    "--at", callback=parse_date_option, metavar="DATE", help="Count on this day (default: today)."
)


def _history(state: State) -> History:
    from sqlmodel import Session

    with Session(state.engine) as session:
        return load_history(session)


def _categories(values: tuple[str, ...]) -> list[str]:
    """Resolved category codes, keeping the pseudo-category "any"."""
    wanted = [part.strip() for value in values for part in value.split(",") if part.strip()]
    anys = ["any"] if any(part.lower() in ANY_WORDS for part in wanted) else []
    return anys + resolve_categories(part for part in wanted if part.lower() not in ANY_WORDS)


def _warn_coverage(history: History, day: date) -> None:
    """A note on stderr when `day`'s counts are not what a crawl observed."""
    coverage = history.coverage(day)
    if coverage == "backfilled":
        first = history.first_observed.isoformat() if history.first_observed else "never"
        click.echo(
            f"note: {day} is before the first complete crawl ({first}); counts are "
            "backfilled from published dates and are lower bounds",
            err=True,
        )
    elif coverage == "unobserved":
        click.echo(
            f"note: {day} is after the last complete crawl ({history.last_observed}); "
            "counts carry its state forward (coverage unobserved)",
            err=True,
        )


@click.command(epilog=COUNTING_RULES)
@at_option
@click.option(
    "--by",
    type=click.Choice(BY_CHOICES),
    default="category",
    show_default=True,
    help="One row per category, per county (län) or per SKR kommungrupp.",
)
@category_option
@format_option
@pass_state
def stats(state: State, at: date | None, by: str, category: tuple[str, ...], fmt: str) -> None:
    """Count municipalities, regions and state agencies running LOV, per category (or per
    county / kommungrupp), on a day, with national totals.

    \b
    Examples:
      lovwatch stats
      lovwatch stats --at 2025-01-01 --format json
      lovwatch stats --by kommungrupp --category hemtjanst
    """
    day = at or today()
    if day > today():
        # Nothing has been observed on a day still to come: counting it would label a guess
        # "observed".
        raise click.BadParameter(
            f"{day.isoformat()} is after today; give a day up to {today().isoformat()}",
            param_hint="--at",
        )
    codes = [code for code in _categories(category) if code != "any"]
    warn_if_no_complete_crawl(state.engine)
    history = _history(state)
    _warn_coverage(history, day)
    if by == "category":
        rows, columns = by_category(history, day, codes or None), CATEGORY_COLUMNS
    else:
        rows, columns = by_group(history, day, by, codes or None), GROUP_COLUMNS
    summary = totals(history, day)
    emit(
        rows,
        fmt,
        columns,
        json_rows={"by": by, "categories": codes, "totals": summary, "rows": rows},
    )
    if fmt == "table":
        click.echo(
            f"\n{day} ({summary['coverage']}): {summary['adverts']} active adverts from "
            f"{summary['authorities']} authorities; {summary['municipalities']} "
            f"municipalities, {summary['regions']} regions and "
            f"{summary['state_agencies']} state agencies run LOV"
            + (
                f"; {summary['unplaced_adverts']} adverts of unplaced authorities"
                if summary["unplaced_adverts"]
                else ""
            )
        )


@click.command(epilog=COUNTING_RULES)
@any_category_option
@click.option(
    "--from",
    "start",
    callback=parse_date_option,
    metavar="DATE",
    help="First day (default: the earliest start in the store).",
)
@click.option(
    "--to", "end", callback=parse_date_option, metavar="DATE", help="Last day (default: today)."
)
@click.option(
    "--interval",
    type=click.Choice(INTERVALS),
    default="month",
    show_default=True,
    help="One point per period, measured on the period's last day.",
)
@click.option(
    "--measure",
    type=click.Choice(["municipalities", "regions", "adverts"]),
    default="municipalities",
    show_default=True,
    help="What --plot draws.",
)
@click.option(
    "--plot",
    type=OUTPUT_FILE,
    metavar="FILE",
    help="Also draw the series to FILE (.png or .svg).",
)
@click.option(
    "--with-reference",
    is_flag=True,
    help="Add the published figures (SKR, Upphandlingsmyndigheten, "
    "Valfrihetswebben) for the same categories and years, labelled by source.",
)
@format_option
@pass_state
def trends(
    state: State,
    category: tuple[str, ...],
    start: date | None,
    end: date | None,
    interval: str,
    measure: str,
    plot: Path | None,
    with_reference: bool,
    fmt: str,
) -> None:
    """Time series of municipalities, regions and adverts per category from the stored
    history. Without --category: any category plus the five most common.

    \b
    Examples:
      lovwatch trends --category hemtjanst --from 2015-01-01 --interval year
      lovwatch trends --with-reference --plot lov.png
      lovwatch trends --category "Daglig verksamhet" --interval quarter --format csv
    """
    history = _history(state)
    end = end or today()
    start = start or history.earliest_start() or end
    if start > end:
        raise click.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    if len(periods(start, end, interval)) > MAX_PERIODS:
        raise click.BadParameter(
            f"more than {MAX_PERIODS} periods from {start} to {end}; "
            "choose a coarser --interval or a later --from",
            param_hint="--interval",
        )
    codes = _categories(category) or default_categories(history, end)
    rows = trend_rows(history, codes, start, end, interval, with_reference)
    emit(rows, fmt, TREND_COLUMNS)
    if plot is not None:
        from lovwatch.analysis.charts import save, trend_figure

        try:
            save(trend_figure(rows, measure, f"LOV in Sweden, {start} to {end}"), plot)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--plot") from exc
        click.echo(f"wrote chart to {plot}", err=True)


@click.command(name="compare", epilog=COUNTING_RULES)
@click.argument("municipality", metavar="MUNICIPALITY")
@peers_option
@click.option(
    "--threshold",
    type=FiniteFloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Share of peers that counts as 'most peers'.",
)
@at_option
@format_option
@pass_state
def compare_(
    state: State, municipality: str, peers: str, threshold: float, at: date | None, fmt: str
) -> None:
    """Benchmark a municipality against its peers: per category, whether it runs LOV (since
    when) and the share of peers that do. Findings: gap (most peers run it, this one does
    not), distinctive (the reverse), peers_only, common.

    \b
    Examples:
      lovwatch compare Salem
      lovwatch compare 1480 --peers county --format json
      lovwatch compare Nacka --peers Täby,Danderyd,Lidingö
    """
    subject = find_municipality(municipality)
    if subject is None:
        raise click.BadParameter(
            f"unknown municipality {municipality!r}; give a kommunkod (0180) or name (Stockholm)",
            param_hint="MUNICIPALITY",
        )
    explicit = []
    if peers not in comparing.PEER_KINDS:
        explicit = [
            m
            for code in resolve_municipalities([peers])
            if (m := municipality_by_code(code)) is not None
        ]
    group = comparing.peer_group(subject, peers, explicit)
    if not group.members:
        raise click.BadParameter(
            f"no peers for {subject.name} with --peers {peers}", param_hint="--peers"
        )
    day = at or today()
    warn_if_no_complete_crawl(state.engine)
    history = _history(state)
    _warn_coverage(history, day)
    rows = comparing.compare(history, subject, group, day, threshold)
    emit(
        rows,
        fmt,
        comparing.COMPARE_COLUMNS,
        json_rows={
            "municipality": {
                "code": subject.code,
                "name": subject.name,
                "kommungrupp": subject.kommungrupp_code,
                "county_code": subject.county_code,
            },
            "peers": {"description": group.description, "codes": [m.code for m in group.members]},
            "date": day,
            "threshold": threshold,
            "rows": rows,
        },
    )
    if fmt == "table":
        click.echo(
            f"\n{subject.name} ({subject.code}) on {day}, compared with "
            f"{len(group.members)} peers: {group.description}"
        )


@click.command(name="export")
@click.argument("dataset", type=click.Choice(exporting.DATASETS))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exporting.FORMATS),
    default="csv",
    show_default=True,
    help="File format (parquet needs pyarrow).",
)
@click.option(
    "-o",
    "--output",
    type=OUTPUT_FILE,
    required=True,
    metavar="FILE",
    help="Where to write.",
)
@click.option(
    "--at",
    callback=parse_date_option,
    metavar="DATE",
    help="For `stats`: count on this day (default: today).",
)
@pass_state
def export(state: State, dataset: str, fmt: str, output: Path, at: date | None) -> None:
    """Export adverts, events, history (one row per active interval) or stats (counts per
    category) with stable column names; see the README's export columns.

    \b
    Examples:
      lovwatch export adverts -o adverts.csv
      lovwatch export history --format parquet -o history.parquet
      lovwatch export stats --at 2025-06-30 --format json -o stats.json
    """
    from sqlmodel import Session

    with Session(state.engine) as session:
        if dataset == "adverts":
            rows = exporting.advert_rows(session)
        elif dataset == "events":
            rows = exporting.event_rows(session)
        elif dataset == "history":
            rows = exporting.history_rows(load_history(session))
        else:
            rows = exporting.stats_rows(load_history(session), at or today())
    try:
        exporting.write(rows, exporting.COLUMNS[dataset], fmt, output)
    except exporting.ExportError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    click.echo(f"wrote {len(rows)} {dataset} rows to {output}", err=True)


@click.command()
@click.option(
    "-o",
    "--output",
    type=OUTPUT_FILE,
    required=True,
    metavar="FILE",
    help="The HTML file to write.",
)
@click.option(
    "--municipality",
    metavar="CODE|NAME",
    callback=check_municipality,
    help="Add a benchmark section for this municipality.",
)
@peers_option
@click.option(
    "--recent-days",
    type=DAYS,
    default=30,
    show_default=True,
    help="How far back 'recent new and ended adverts' reach.",
)
@at_option
@pass_state
def report(
    state: State,
    output: Path,
    municipality: str | None,
    peers: str,
    recent_days: int,
    at: date | None,
) -> None:
    """Write one self-contained HTML report (no network needed to open it): national overview,
    counts per category, trend charts, per-county table, recent new and ended adverts and,
    with --municipality, the benchmark against its peers.

    \b
    Examples:
      lovwatch report -o report.html
      lovwatch report -o salem.html --municipality Salem --peers kommungrupp
    """
    from sqlmodel import Session

    from lovwatch.analysis.report import build_report

    warn_if_no_complete_crawl(state.engine)
    benchmark = None
    if municipality:
        subject = find_municipality(municipality)
        if subject is None:
            raise click.BadParameter(
                f"unknown municipality {municipality!r}", param_hint="--municipality"
            )
        explicit = []
        if peers not in comparing.PEER_KINDS:
            explicit = [
                m
                for code in resolve_municipalities([peers])
                if (m := municipality_by_code(code)) is not None
            ]
        benchmark = (subject, comparing.peer_group(subject, peers, explicit))
    with Session(state.engine) as session:
        html = build_report(session, at or today(), recent_days, benchmark)
    output.write_text(html, encoding="utf-8")
    click.echo(f"wrote report to {output}", err=True)
