"""The `lovwatch` command line: the front door to crawling, the store and notifications."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click
from sqlmodel import Session, col, func, select

from lovwatch import __version__
from lovwatch.cli_common import (
    COUNT,
    EXIT_FAILED,
    EXIT_USAGE,
    MAX_COUNT,
    OUTPUT_FILE,
    FiniteFloatRange,
    State,
    check_categories,
    check_clock,
    check_filter,
    check_link_url,
    check_municipality,
    check_not_blank,
    check_peers,
    filter_options,
    parse_date_option,
    pass_state,
    resolve_categories,
    resolve_counties,
    resolve_municipalities,
    warn_if_no_complete_crawl,
)
from lovwatch.config import hide_credentials
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, EventKind
from lovwatch.logs import install as install_json_logs
from lovwatch.models import queries
from lovwatch.models.tables import Advert, Authority, CrawlRun
from lovwatch.normalize.categories import CATEGORIES, GROUPS, categorize
from lovwatch.notify.targets import check_url_option
from lovwatch.output import emit, format_option, render_record, terminal_safe

#: `lovwatch list --format json|csv`: the keys the README's JSON contract promises, in order.
LIST_FIELDS = (
    "id",
    "url",
    "title",
    "authority",
    "authority_kind",
    "authority_matched",
    "municipality_code",
    "county_code",
    "categories",
    "service_areas",
    "status",
    "published",
    "updated",
    "first_seen",
    "last_seen",
    "ended_at",
)
#: `lovwatch authorities --format json|csv`, in this order whatever the store's columns.
AUTHORITY_FIELDS = ("name", "kind", "municipality_code", "county_code", "matched")
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
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    envvar="LOVWATCH_LOG_FORMAT",
    default="text",
    show_default=True,
    help="Logs on stderr: text, or one JSON object a line with the run id (for log "
    "collectors; env LOVWATCH_LOG_FORMAT).",
)
@click.version_option(__version__, prog_name="lovwatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None, log_format: str) -> None:
    """Watch Sweden's LOV market: valfrihetssystem in Hitta LOV-uppdrag.

    \b
    Examples:
      lovwatch crawl                       # refresh from the national database
      lovwatch list --county 01 --category hemtjanst
      lovwatch events --since 2026-11-01 --format json
    """
    check_clock()
    if db is not None and (not db.strip() or any(ord(ch) < 32 for ch in db)):
        raise click.BadParameter(
            "give a SQLAlchemy URL or a SQLite file path (lovwatch.sqlite)", param_hint="--db"
        )
    if log_format == "json":
        os.environ["LOVWATCH_LOG_FORMAT"] = "json"  # read by the crawl's Scrapy settings
        install_json_logs(verbose="-v" in sys.argv or "--verbose" in sys.argv)
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
    """List adverts. Filters combine with AND; repeated values of one filter with OR. A
    category group's name ("äldreomsorg") means every category of the group.

    \b
    Examples:
      lovwatch list --county "Stockholms län" --category Hemtjänst
      lovwatch list --municipality 1480 --status all --format json
    """
    filters = {
        "categories": resolve_categories(category),
        "counties": resolve_counties(county),
        "municipalities": resolve_municipalities(municipality),
    }
    warn_if_no_complete_crawl(state.engine)
    with Session(state.engine) as session:
        rows = queries.list_adverts(session, status=status, since=since, **filters)
    emit(
        [{key: row.get(key) for key in LIST_FIELDS} for row in rows],
        fmt,
        LIST_COLUMNS,
        csv_columns=LIST_FIELDS,
    )


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
        record = {key: value for key, value in data.items() if key != "raw_item"}
        record["versions"] = [
            {
                "recorded_at": version["recorded_at"],
                "changed": ", ".join(version["changed_fields"] or []) or "first version",
            }
            for version in data["versions"]
        ]
        record["events"] = [
            {
                "detected_at": event["detected_at"],
                "kind": event["kind"] + (" (baseline)" if event["baseline"] else ""),
                "reason": (event["details"] or {}).get("reason"),
            }
            for event in data["events"]
        ]
        click.echo(render_record(record))
    else:
        emit([data], fmt, (), json_rows=data, csv_columns=list(data))


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
    type=COUNT,
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
    if limit is None and fmt == "table":
        limit = 50
    with Session(state.engine) as session:
        rows = queries.list_events(
            session,
            source=source,
            since=since,
            kinds=list(kind) or None,
            limit=limit,
            include_baseline=not no_baseline,
        )
    columns = {
        "national": EVENT_COLUMNS,
        "municipal": ("detected_at", "kind", "municipality", "category_code", "run_id", "baseline"),
        "all": ("detected_at", "source", "kind", "advert_id", "title", "municipality", "baseline"),
    }
    emit(rows, fmt, columns[source])


@cli.group(invoke_without_command=True)
@click.option(
    "--limit", type=COUNT, default=20, show_default=True, metavar="N", help="At most N runs."
)
@format_option
@click.pass_context
def runs(ctx: click.Context, limit: int, fmt: str) -> None:
    """List crawl runs, newest first, with whether each was complete and why not
    (`runs release N` ends what run N's mass-end breaker held back). URLs are shown without
    their user name and password.

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
    # The table's column order, whatever order the store hands the attributes back in.
    fields = list(CrawlRun.model_fields)
    rows = [{**{key: row.get(key) for key in fields}, **row} for row in rows]
    for row in rows:
        for key in ("base_url", "reason"):
            if isinstance(row.get(key), str):
                row[key] = hide_credentials(row[key])
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
        rows = [
            {key: getattr(authority, key) for key in AUTHORITY_FIELDS}
            for authority in session.exec(query)
        ]
    emit(rows, fmt, AUTHORITY_FIELDS)


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
    type=OUTPUT_FILE,
    metavar="FILE",
    help="Keep the demo store in FILE instead of a temporary file.",
)
@click.pass_context
def demo(ctx: click.Context, keep: Path | None) -> None:
    """Start a local replica of the national database on 127.0.0.1, crawl it twice (day one and
    the next day) into a temporary store, and show what lovwatch found. Touches no real site.

    \b
    Example:
      lovwatch demo
    """
    from lovwatch.demo import run_demo

    with tempfile.TemporaryDirectory(prefix="lovwatch-demo-") as tmp:
        db = keep if keep else Path(tmp) / "demo.sqlite"
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


def _noting_missing_crawl(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        state = click.get_current_context().find_object(State)
        if state is not None:
            warn_if_no_complete_crawl(state.engine)
        return callback(*args, **kwargs)

    return wrapper


def _check_kommungrupper(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    from lovwatch.notify.files import resolve_kommungrupper
    from lovwatch.notify.subscriptions import SubscriptionError

    try:
        resolve_kommungrupper(value)
    except SubscriptionError as exc:
        raise click.BadParameter(str(exc), param=param) from None
    return value


def _check_inputs_of_other_commands() -> None:
    """The front door checks the inputs of the commands registered from other packages
    (`lovwatch.analysis`, `lovwatch.web`) before they run: files to write need a writable
    folder (nothing is printed or computed first), --peers and --municipality name real
    municipalities, filter values are known and not empty, `stats --category any` is refused,
    and read commands say when no crawl has completed. The callbacks live in cli_common for
    those commands to declare on their options directly; until then they are attached here."""
    from lovwatch.analysis.compare import PEER_KINDS

    names = ("stats", "trends", "compare", "export", "report", "feed")
    commands = {name: cli.commands[name] for name in names if name in cli.commands}
    filters: dict[str | None, Callable[..., Any]] = {
        "county": check_filter(resolve_counties),
        "kommungrupp": _check_kommungrupper,
        "keyword": check_not_blank,
        "site_url": check_link_url,
        "feed_url": check_link_url,
    }
    for name, command in commands.items():
        for param in command.params:
            if param.name in ("output", "plot"):
                param.type = OUTPUT_FILE
            elif param.name == "peers":
                param.callback = check_peers(PEER_KINDS)
            elif param.name == "municipality" and isinstance(param, click.Option):
                param.callback = (
                    check_filter(resolve_municipalities) if param.multiple else check_municipality
                )
            elif param.name == "category":
                param.callback = check_categories(allow_any=name == "trends")
            elif param.name == "recent_days":
                # A century back is the most a date can go without leaving the calendar.
                param.type = click.IntRange(1, 36_500)
            elif param.name in filters:
                param.callback = filters[param.name]
    for name in ("stats", "compare", "report"):
        command = commands[name]
        assert command.callback is not None
        command.callback = _noting_missing_crawl(command.callback)


def _bound_numbers(group: click.Group) -> None:
    """Every number option of every command: integers get an upper bound (a huge --limit or
    --max-pages would overflow the store's integers or mean a typo), floats must be finite;
    and Apprise URLs for the operator are checked before the command runs."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _bound_numbers(command)
            continue
        for param in command.params:
            kind = param.type
            if param.name == "operator_notify":
                param.callback = check_url_option
            if isinstance(kind, click.IntRange) and kind.max is None:
                param.type = click.IntRange(kind.min, MAX_COUNT, min_open=kind.min_open)
            elif isinstance(kind, click.types.IntParamType) and not isinstance(
                kind, click.IntRange
            ):
                # An identifier (`runs release RUN`): it must fit the store's integers.
                param.type = click.IntRange(0, 2**63 - 1)
            elif isinstance(kind, click.FloatRange) and not isinstance(kind, FiniteFloatRange):
                param.type = FiniteFloatRange(
                    kind.min, kind.max, min_open=kind.min_open, max_open=kind.max_open
                )


_check_inputs_of_other_commands()
_bound_numbers(cli)


def main() -> None:
    """The console script: every failure is one line on stderr, never a traceback (set
    LOVWATCH_DEBUG=1 to see one). Bad input exits 2 with a line naming the option."""
    try:
        code = cli.main(prog_name="lovwatch", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.format_message(), err=True)
        sys.exit(EXIT_USAGE)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        click.echo(f"error: {terminal_safe(exc.format_message())}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"error: {terminal_safe(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_FAILED)
    except BrokenPipeError:
        # The reader (`| head`) went away: nothing left to say, and nothing to say it to.
        sys.stdout = None  # type: ignore[assignment]
        sys.exit(EXIT_FAILED)
    except Exception as exc:  # a bug or an unforeseen input: still one actionable line
        if os.environ.get("LOVWATCH_DEBUG"):
            raise
        message = terminal_safe(hide_credentials(f"{exc.__class__.__name__}: {exc}"))
        click.echo(
            f"error: {message[:300]} (unexpected; rerun with LOVWATCH_DEBUG=1 for details "
            "and report it)",
            err=True,
        )
        sys.exit(EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
