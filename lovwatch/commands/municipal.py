"""Commands for what municipal sites say: `municipality`, `providers`, `gaps`."""

from __future__ import annotations

import click
from sqlmodel import Session

from lovwatch.cli_common import (
    State,
    pass_state,
    resolve_categories,
    resolve_municipalities,
)
from lovwatch.models import municipal_queries as queries
from lovwatch.normalize.authorities import find_municipality, find_region
from lovwatch.output import echo_safe, emit, format_option

PROVIDER_COLUMNS = ("municipality", "category", "name", "org_number", "own_unit", "first_seen")
GAP_COLUMNS = ("municipality_code", "municipality", "kind", "category", "evidence_url")


@click.command()
@click.argument("name_or_code", metavar="CODE|NAME")
@format_option
@pass_state
def municipality(state: State, name_or_code: str, fmt: str) -> None:
    """Profile of one municipality: reference facts, national adverts, what its own site says
    about LOV (with evidence: URL, quote, date), approved providers by category, and gaps.

    \b
    Examples:
      lovwatch municipality 2309
      lovwatch municipality Krokom --format json
    """
    # A region's own site is stored under its county code: `municipality 12` shows it too.
    found = find_municipality(name_or_code) or find_region(name_or_code)
    if found is None:
        raise click.BadParameter(
            f"unknown municipality {name_or_code!r}; give a kommunkod (0180) or a name (Stockholm)",
            param_hint="CODE|NAME",
        )
    with Session(state.engine) as session:
        data = queries.profile(session, found)
    if fmt != "table":
        emit([data], fmt, ("code", "name", "county", "kommungrupp", "population"), json_rows=data)
        return
    echo_safe(
        f"{data['name']} ({data['code']}), {data['county']}; {data['kommungrupp_code']} "
        f"{data['kommungrupp']}; population {data['population']}"
    )
    echo_safe(f"national adverts: {len(data['national_adverts'])}")
    for advert in data["national_adverts"]:
        echo_safe(f"  {advert['id']} [{advert['status']}] {advert['title']}")
    echo_safe("site findings:")
    for finding in data["findings"]:
        when = f" {finding['date']}" if finding["date"] else ""
        echo_safe(
            f"  {finding['kind']}{when} – {finding['category']}: “{finding['quote']}” "
            f"({finding['url']})"
        )
    echo_safe("providers:")
    for category, listed in data["providers"].items():
        names = ", ".join(p["name"] + (" (own unit)" if p["own_unit"] else "") for p in listed)
        echo_safe(f"  {category} ({len(listed)}): {names}")
    echo_safe("gaps:" + ("" if data["gaps"] else " none"))
    for gap in data["gaps"]:
        echo_safe(f"  {gap['kind']} – {gap['category']}: {gap['evidence']} ({gap['evidence_url']})")


@click.command()
@click.option(
    "--municipality",
    "municipality_filter",
    multiple=True,
    metavar="CODE|NAME",
    help="Only these municipalities; repeatable.",
)
@click.option(
    "--category",
    multiple=True,
    metavar="CODE|NAME",
    help="Only these service categories; repeatable.",
)
@click.option("--removed", is_flag=True, help="Include providers no longer listed.")
@format_option
@pass_state
def providers(
    state: State,
    municipality_filter: tuple[str, ...],
    category: tuple[str, ...],
    removed: bool,
    fmt: str,
) -> None:
    """List approved providers (godkända utförare) found on municipal sites.

    \b
    Examples:
      lovwatch providers --municipality Krokom
      lovwatch providers --category hemtjanst --format csv
    """
    with Session(state.engine) as session:
        rows = queries.list_providers(
            session,
            resolve_municipalities(municipality_filter),
            resolve_categories(category),
            include_removed=removed,
        )
    emit(rows, fmt, PROVIDER_COLUMNS + (("removed_at",) if removed else ()))


@click.command()
@click.option(
    "--municipality",
    "municipality_filter",
    multiple=True,
    metavar="CODE|NAME",
    help="Only these municipalities; repeatable.",
)
@click.option(
    "--kind",
    type=click.Choice(["site_only", "national_only"]),
    multiple=True,
    help="Only this kind of gap; repeatable.",
)
@format_option
@pass_state
def gaps(
    state: State, municipality_filter: tuple[str, ...], kind: tuple[str, ...], fmt: str
) -> None:
    """Gaps between municipal sites and the national database: a site describes an active
    valfrihetssystem with no national advert (site_only), or the reverse (national_only).
    Only municipalities whose site was crawled are compared.

    \b
    Examples:
      lovwatch gaps
      lovwatch gaps --kind site_only --format json
    """
    with Session(state.engine) as session:
        rows = queries.gaps(session, resolve_municipalities(municipality_filter) or None)
    if kind:
        rows = [row for row in rows if row["kind"] in kind]
    emit(rows, fmt, GAP_COLUMNS)
