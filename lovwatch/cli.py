"""The `lovwatch` command line: the front door to crawling, the store and notifications."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlmodel import Session, col, func, select

from lovwatch import __version__
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
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, EventKind
from lovwatch.models import queries
from lovwatch.models.tables import Advert, Authority
from lovwatch.normalize.categories import CATEGORIES, GROUPS, categorize
from lovwatch.output import cell, emit, format_option

if TYPE_CHECKING:
    pass

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
    from lovwatch.models.municipal_queries import list_municipal_events

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


@cli.group(invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@format_option
@click.pass_context
def runs(ctx: click.Context, limit: int, fmt: str) -> None:
    """List crawl runs, newest first, with whether each was complete and why not
    (`runs release N` ends what run N's mass-end breaker held back).

    \b
    Example:
      lovwatch runs --limit 5
    """
    if ctx.invoked_subcommand is not None:
        return
    state = ctx.find_object(State)
    assert state is not None
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
    """Create the store, or apply pending schema migrations (commands that write do this
    themselves; commands that only read never change the store).

    \b
    Example:
      lovwatch --db postgresql+psycopg://user@host/lovwatch db upgrade
    """
    state.write_engine  # noqa: B018  (opening for writing creates and migrates the store)
    click.echo("store is at the latest schema")


@cli.command()
@click.option(
    "--keep",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Keep the demo store in FILE instead of a temporary file.",
)
@click.pass_context
def demo(ctx: click.Context, keep: str | None) -> None:
    """Start a local replica of the national database on 127.0.0.1, crawl it twice (day one and
    the next day) into a temporary store, and show what lovwatch found. Touches no real site.

    \b
    Example:
      lovwatch demo
    """
    from lovwatch.demo import run_demo

    with tempfile.TemporaryDirectory(prefix="lovwatch-demo-") as tmp:
        db = Path(keep) if keep else Path(tmp) / "demo.sqlite"
        if not run_demo(db):
            raise SystemExit(EXIT_FAILED)
        ctx.obj = State(str(db))
        click.secho("\nHome care (hemtjänst) adverts in Stockholms län:", bold=True)
        ctx.invoke(list_, category=("hemtjanst",), county=("01",))
        click.secho("\nWhat happened on day 2:", bold=True)
        ctx.invoke(events, no_baseline=True)
        if keep:
            click.echo(f"\nThe store is kept in {keep}: try `lovwatch --db {keep} list`.")


# Commands of the other parts of lovwatch register below.
from lovwatch.commands.crawl import crawl_command, release_command, run_command  # noqa: E402

cli.add_command(crawl_command)
cli.add_command(run_command)
runs.add_command(release_command)

from lovwatch.commands.doctor import doctor_command  # noqa: E402
from lovwatch.commands.extract import extract_command  # noqa: E402

cli.add_command(extract_command)
cli.add_command(doctor_command)

from lovwatch.web.cli import feed, serve  # noqa: E402

cli.add_command(serve)
cli.add_command(feed)

from lovwatch.commands.municipal import gaps, municipality, providers  # noqa: E402

cli.add_command(municipality)
cli.add_command(providers)
cli.add_command(gaps)

from lovwatch.notify.cli import notify, subscribe  # noqa: E402

cli.add_command(subscribe)
cli.add_command(notify)

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
