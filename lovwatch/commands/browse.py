"""The commands that read the store: `list`, `show`, `events`, `runs`, `categories` and
`authorities`. They never create, migrate or change it.

SQLModel and the store's modules are imported inside the commands: `lovwatch list --help`
should not wait a third of a second for SQLAlchemy.
"""

from __future__ import annotations

from datetime import date

import click

from lovwatch.cli_common import (
    COUNT,
    State,
    filter_options,
    parse_date_option,
    pass_state,
    resolve_categories,
    resolve_counties,
    resolve_municipalities,
    warn_if_no_complete_crawl,
)
from lovwatch.cli_lazy import LazyGroup, lazy
from lovwatch.config import hide_credentials
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, EventKind
from lovwatch.normalize.categories import CATEGORIES, GROUPS, categorize
from lovwatch.output import emit, format_option, render_record

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


@click.command(name="list")
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
    from sqlmodel import Session

    from lovwatch.models import queries

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


@click.command()
@click.argument("advert_id", metavar="ID")
@format_option
@pass_state
def show(state: State, advert_id: str, fmt: str) -> None:
    """Show one advert (ID is <buyer>/<system>, as in `lovwatch list`) with its history.

    \b
    Example:
      lovwatch show salems-kommun/hemtjanst
    """
    from sqlmodel import Session

    from lovwatch.models import queries

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


@click.command()
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
    from sqlmodel import Session

    from lovwatch.models import queries

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


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    lazy_commands=lazy(
        [
            (
                "release",
                "lovwatch.commands.crawl:release_command",
                "End the adverts that run RUN's mass-end breaker held back, once you have "
                "checked that they really are gone (an advert listed again since stays "
                "active). Subscribers hear of each ending as usual.",
            )
        ]
    ),
)
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
    from sqlmodel import Session

    from lovwatch.models import queries
    from lovwatch.models.tables import CrawlRun

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


@click.command()
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
    from sqlmodel import Session, func, select

    from lovwatch.models.tables import Advert, AdvertCategory

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


@click.command()
@click.option("--unmatched", is_flag=True, help="Only names that matched no known authority.")
@format_option
@pass_state
def authorities(state: State, unmatched: bool, fmt: str) -> None:
    """List buyers as named in adverts, with kind, kommunkod and länskod.

    \b
    Example:
      lovwatch authorities --unmatched
    """
    from sqlmodel import Session, col, select

    from lovwatch.models.tables import Authority

    with Session(state.engine) as session:
        query = select(Authority).order_by(Authority.name)
        if unmatched:
            query = query.where(col(Authority.matched).is_(False))
        rows = [
            {key: getattr(authority, key) for key in AUTHORITY_FIELDS}
            for authority in session.exec(query)
        ]
    emit(rows, fmt, AUTHORITY_FIELDS)
