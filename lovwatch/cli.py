"""The `lovwatch` command line: the front door to crawling, the store and notifications."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click
from sqlmodel import Session, col, func, select

from lovwatch import __version__, config
from lovwatch.cli_common import (
    EXIT_FAILED,
    State,
    filter_options,
    parse_date_option,
    pass_state,
    resolve_categories,
    resolve_counties,
    resolve_municipalities,
)
from lovwatch.constants import EventKind
from lovwatch.models import queries
from lovwatch.models.store import upgrade
from lovwatch.models.tables import Advert, Authority
from lovwatch.municipal.store import MUNICIPAL_EVENT_KINDS
from lovwatch.normalize.categories import CATEGORIES, GROUPS, categorize
from lovwatch.output import cell, emit, format_option

if TYPE_CHECKING:
    from lovwatch.spiders.outcome import ProgressCallback

LIST_COLUMNS = (
    "id",
    "authority",
    "municipality_code",
    "county_code",
    "categories",
    "status",
    "updated",
)
EVENT_COLUMNS = ("detected_at", "kind", "advert_id", "title", "run_id", "baseline")
RUN_COLUMNS = (
    "id",
    "started_at",
    "status",
    "number_of_hits",
    "unique_adverts",
    "requests",
    "new",
    "changed",
    "ended",
    "reappeared",
    "baseline",
    "reason",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--db",
    envvar="LOVWATCH_DB",
    metavar="URL|FILE",
    help="Store: a SQLAlchemy URL or a SQLite file path (env LOVWATCH_DB; default: "
    "lovwatch.sqlite in the user data directory).",
)
@click.version_option(__version__, prog_name="lovwatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Watch Sweden's LOV market: valfrihetssystem in Hitta LOV-uppdrag.

    \b
    Examples:
      lovwatch crawl                       # refresh from the national database
      lovwatch list --county 01 --category hemtjanst
      lovwatch events --since 2026-11-01 --format json
    """
    ctx.obj = State(db)


def _progress_printer() -> ProgressCallback | None:
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int | None) -> None:
        of = f"/{total}" if total is not None else ""
        click.echo(f"\r{stage}: {done}{of}   ", err=True, nl=False)

    return show


@cli.command()
@click.option(
    "--source",
    type=click.Choice(["national", "municipal", "all"]),
    default="national",
    show_default=True,
    help="What to crawl: the national database, municipal websites, or both.",
)
@click.option(
    "--site",
    "site_options",
    multiple=True,
    metavar="CODE=URL",
    help="Municipal: crawl this site (kommunkod or name = start URL; append ';render' "
    "to render its LOV pages in the browser); repeatable. Default: every "
    "municipality's website from the reference data.",
)
@click.option(
    "--sites",
    "sites_file",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE.csv",
    help="Municipal: sites from a CSV (municipality_code,url[,render]).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=60,
    show_default=True,
    metavar="N",
    help="Municipal: at most N pages per site.",
)
@click.option(
    "--max-depth",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    metavar="N",
    help="Municipal: follow links at most N steps from the start page.",
)
@click.option(
    "--base-url",
    envvar="LOVWATCH_BASE_URL",
    metavar="URL",
    help=f"National database base URL (env LOVWATCH_BASE_URL; default {config.DEFAULT_BASE_URL}).",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Seconds between requests (default 1, with AutoThrottle).",
)
@click.option(
    "--concurrency",
    type=click.IntRange(min=1, max=32),
    metavar="N",
    help="Parallel requests to the host (default 2).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    metavar="SECONDS",
    help="Per-request timeout (default 30).",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0, max=10),
    metavar="N",
    help="Retries per request on 5xx/429/timeouts, with backoff (default 3).",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="First retry's wait when the server sends no Retry-After (default 2; doubles each retry).",
)
@click.option(
    "--end-after",
    type=click.IntRange(min=1),
    default=config.DEFAULT_END_AFTER,
    show_default=True,
    metavar="RUNS",
    help="End an advert whose page still answers after it was missing from this many "
    "consecutive complete listings (a 404/410 ends it at once).",
)
@click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (local tests only).")
@click.option("-v", "--verbose", is_flag=True, help="Log Scrapy's progress.")
@format_option
@pass_state
def crawl(
    state: State,
    source: str,
    site_options: tuple[str, ...],
    sites_file: str | None,
    max_pages: int,
    max_depth: int,
    base_url: str | None,
    delay: float | None,
    concurrency: int | None,
    timeout: float | None,
    retries: int | None,
    backoff: float | None,
    end_after: int,
    ignore_robots: bool,
    verbose: bool,
    fmt: str,
) -> None:
    """Crawl the national database into the store and detect new, changed and ended adverts.

    A run counts as complete only if every listing page was read and the unique adverts equal
    numberOfHits; only a complete run can end an advert. A partial run changes nothing and
    exits with status 1 and a one-line reason. The first crawl into an empty store records a
    baseline: its events are marked as such and notify no one.

    \b
    Examples:
      lovwatch crawl
      lovwatch crawl --base-url http://127.0.0.1:8080 --delay 0 --concurrency 8
      lovwatch crawl --source municipal --site 2309=https://www.krokom.se
    """
    from lovwatch.config import Politeness
    from lovwatch.crawl import crawl_national

    politeness = Politeness(delay, concurrency, timeout, retries, backoff, not ignore_robots)
    if source != "national":
        from lovwatch.municipal.cli import run_municipal_crawl

        run_municipal_crawl(
            state,
            source,
            site_options,
            sites_file,
            max_pages,
            max_depth,
            config.base_url(base_url),
            politeness,
            end_after,
            verbose,
            fmt,
        )
        return
    summary = crawl_national(
        state.engine,
        config.base_url(base_url),
        politeness,
        end_after,
        progress=_progress_printer(),
        verbose=verbose,
    )  # type: ignore[arg-type]
    if sys.stderr.isatty():
        click.echo("", err=True)
    row = {
        "run_id": summary.run_id,
        "status": summary.status,
        "baseline": summary.baseline,
        **summary.counts,
        "reason": summary.reason,
        "unmatched_authorities": summary.unmatched_authorities,
        "unmapped_areas": summary.unmapped_areas,
    }
    if fmt == "json":
        emit([row], fmt, [], json_rows=row)
    elif summary.ok:
        counts = ", ".join(f"{count} {kind}" for kind, count in summary.counts.items())
        label = " (baseline)" if summary.baseline else ""
        click.echo(
            f"run {summary.run_id} complete{label}: {counts}"
            + (f"; note: {summary.reason}" if summary.reason else "")
        )
        if summary.unmatched_authorities:
            click.echo("unmatched authorities: " + "; ".join(summary.unmatched_authorities))
        if summary.unmapped_areas:
            click.echo("unmapped service areas: " + "; ".join(summary.unmapped_areas))
    else:
        click.echo(f"run {summary.run_id} {summary.status}: {summary.reason}", err=True)
    if not summary.ok:
        raise SystemExit(EXIT_FAILED)


@cli.command(name="list")
@filter_options
@click.option(
    "--status",
    type=click.Choice(["active", "ended", "all"]),
    default="active",
    show_default=True,
    help="Which adverts.",
)
@click.option(
    "--since",
    callback=parse_date_option,
    metavar="DATE",
    help="Only adverts first seen or updated on or after DATE.",
)
@format_option
@pass_state
def list_(
    state: State,
    category: tuple[str, ...],
    county: tuple[str, ...],
    municipality: tuple[str, ...],
    status: str,
    since: date | None,
    fmt: str,
) -> None:
    """List adverts. Filters combine with AND; repeated values of one filter with OR.

    \b
    Examples:
      lovwatch list --county "Stockholms län" --category Hemtjänst
      lovwatch list --municipality 1480 --status all --format json
    """
    with Session(state.engine) as session:
        rows = queries.list_adverts(
            session,
            categories=resolve_categories(category),
            counties=resolve_counties(county),
            municipalities=resolve_municipalities(municipality),
            status=status,
            since=since,
        )
    emit(rows, fmt, LIST_COLUMNS)


@cli.command()
@click.argument("advert_id", metavar="ID")
@format_option
@pass_state
def show(state: State, advert_id: str, fmt: str) -> None:
    """Show one advert (ID is <buyer>/<system>, as in `lovwatch list`) with its history.

    \b
    Example:
      lovwatch show salems-kommun/hemtjanst
    """
    with Session(state.engine) as session:
        data = queries.get_advert(session, advert_id)
    if data is None:
        raise click.BadParameter(
            f"no advert {advert_id!r}; `lovwatch list --status all` shows the IDs", param_hint="ID"
        )
    if fmt == "table":
        for key, value in data.items():
            if key in ("raw_item", "versions", "events"):
                continue
            click.echo(f"{key:>18}: {cell(value)}")
        click.echo(f"{'versions':>18}: {len(data['versions'])}")
        for event in data["events"]:
            click.echo(
                f"{'event':>18}: {event['detected_at']:%Y-%m-%d} {event['kind']}"
                + (" (baseline)" if event["baseline"] else "")
            )
    else:
        emit([data], fmt, ["id", "title", "authority", "status", "url"], json_rows=data)


@cli.command()
@click.option(
    "--source",
    type=click.Choice(["national", "municipal", "all"]),
    default="national",
    show_default=True,
    help="Events of the national database, of municipal websites, or both.",
)
@click.option(
    "--since",
    callback=parse_date_option,
    metavar="DATE",
    help="Only events detected on or after DATE.",
)
@click.option(
    "--kind",
    multiple=True,
    type=click.Choice([k.value for k in EventKind] + list(MUNICIPAL_EVENT_KINDS)),
    help="Only these kinds; repeatable.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="At most N events (default: 50 in a table, all in JSON/CSV).",
)
@click.option("--no-baseline", is_flag=True, help="Leave out the first crawl's baseline events.")
@format_option
@pass_state
def events(
    state: State,
    source: str,
    since: date | None,
    kind: tuple[str, ...],
    limit: int | None,
    no_baseline: bool,
    fmt: str,
) -> None:
    """List detected events, newest first: national (new, changed, ended, reappeared) and,
    with --source, municipal-site ones (provider_added, provider_removed, lov_introduced,
    lov_ended).

    \b
    Examples:
      lovwatch events --since 2026-11-01 --kind new --kind ended
      lovwatch events --source municipal --kind provider_added --format json
      lovwatch events --source all --no-baseline
    """
    from lovwatch.municipal.queries import list_municipal_events

    if limit is None and fmt == "table":
        limit = 50
    kinds = list(kind) or None
    with Session(state.engine) as session:
        national, municipal = [
            lister(session, since=since, kinds=kinds, limit=limit, include_baseline=not no_baseline)
            if source in (name, "all")
            else []
            for name, lister in (
                ("national", queries.list_events),
                ("municipal", list_municipal_events),
            )
        ]
    if source == "national":
        emit(national, fmt, EVENT_COLUMNS)
        return
    if source == "municipal":
        columns = ("detected_at", "kind", "municipality", "category_code", "run_id", "baseline")
        emit(municipal, fmt, columns)
        return
    # Both, newest first across the two tables (each already cut to `limit`).
    rows = sorted(
        [{"source": "national", **row} for row in national] + municipal,
        key=lambda row: row["detected_at"],
        reverse=True,
    )[:limit]
    emit(
        rows,
        fmt,
        ("detected_at", "source", "kind", "advert_id", "title", "municipality", "baseline"),
    )


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option
@pass_state
def runs(state: State, limit: int, fmt: str) -> None:
    """List crawl runs, newest first, with whether each was complete and why not.

    \b
    Example:
      lovwatch runs --limit 5
    """
    with Session(state.engine) as session:
        rows = queries.list_runs(session, limit)
    emit(rows, fmt, RUN_COLUMNS)


@cli.command()
@click.option(
    "--unmapped",
    is_flag=True,
    help="Instead: service areas in stored adverts that map to no category.",
)
@format_option
@pass_state
def categories(state: State, unmapped: bool, fmt: str) -> None:
    """List the service-category taxonomy with the number of active adverts in each.

    \b
    Examples:
      lovwatch categories
      lovwatch categories --unmapped --format csv
    """
    from lovwatch.models.tables import AdvertCategory

    with Session(state.engine) as session:
        if unmapped:
            terms: dict[str, list[str]] = {}
            for advert in session.exec(select(Advert)):
                for term in categorize(advert.service_areas).unmapped:
                    terms.setdefault(term, []).append(advert.id)
            rows = [
                {"term": term, "adverts": len(ids), "examples": ids[:3]}
                for term, ids in sorted(terms.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            ]
            emit(rows, fmt, ("term", "adverts", "examples"))
            return
        counts = dict(
            session.exec(
                select(AdvertCategory.category_code, func.count())
                .join(Advert)
                .where(Advert.status == "active")
                .group_by(AdvertCategory.category_code)
            ).all()
        )
    groups = {group.code: group.label for group in GROUPS}
    rows = [
        {
            "code": c.code,
            "label": c.label,
            "group": groups.get(c.group, c.group),
            "active_adverts": counts.get(c.code, 0),
            "synonyms": list(c.synonyms),
        }
        for c in CATEGORIES
    ]
    emit(rows, fmt, ("code", "label", "group", "active_adverts"))


@cli.command()
@click.option("--unmatched", is_flag=True, help="Only names that matched no known authority.")
@format_option
@pass_state
def authorities(state: State, unmatched: bool, fmt: str) -> None:
    """List buyers as named in adverts, with kind, kommunkod and länskod.

    \b
    Example:
      lovwatch authorities --unmatched
    """
    with Session(state.engine) as session:
        query = select(Authority).order_by(Authority.name)
        if unmatched:
            query = query.where(col(Authority.matched).is_(False))
        rows = [a.model_dump() for a in session.exec(query)]
    emit(rows, fmt, ("name", "kind", "municipality_code", "county_code", "matched"))


@cli.group()
def db() -> None:
    """Manage the store."""


@db.command(name="upgrade")
@pass_state
def db_upgrade(state: State) -> None:
    """Apply pending schema migrations (also done automatically on every command).

    \b
    Example:
      lovwatch --db postgresql+psycopg://user@host/lovwatch db upgrade
    """
    upgrade(state.engine)
    click.echo("store is at the latest schema")


@cli.command()
@click.option(
    "--keep",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Keep the demo store in FILE instead of a temporary file.",
)
def demo(keep: str | None) -> None:
    """Start a local replica of the national database on 127.0.0.1, crawl it twice (day one and
    the next day) into a temporary store, and show what lovwatch found. Touches no real site.

    \b
    Example:
      lovwatch demo
    """
    from lovwatch.demo import run_demo

    raise SystemExit(run_demo(keep))


# Commands of the other parts of lovwatch register below.
from lovwatch.municipal.cli import gaps, municipality, providers  # noqa: E402

cli.add_command(municipality)
cli.add_command(providers)
cli.add_command(gaps)

from lovwatch.notify.cli import notify, run, subscribe  # noqa: E402

cli.add_command(subscribe)
cli.add_command(notify)
cli.add_command(run)

from lovwatch.analysis import commands as analysis  # noqa: E402

cli.add_command(analysis.stats)
cli.add_command(analysis.trends)
cli.add_command(analysis.compare_)
cli.add_command(analysis.export)
cli.add_command(analysis.report)


def main() -> None:
    cli(prog_name="lovwatch")


if __name__ == "__main__":
    main()
