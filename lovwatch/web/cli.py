"""`lovwatch serve` and `lovwatch feed`: the web site over the store, and an Atom file of events
for static hosting. Both only read the store (opened like `lovwatch list`)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import click

from lovwatch.cli_common import (
    COUNT,
    EXIT_USAGE,
    OUTPUT_FILE,
    State,
    check_link_url,
    check_not_blank,
    checked_filter_options,
    parse_date_option,
    pass_state,
)
from lovwatch.clock import now
from lovwatch.normalize.authorities import municipality_by_code
from lovwatch.web.filters import (
    ALL_EVENT_KINDS,
    SOURCES,
    FilterError,
    parse_filter,
    parse_kinds,
)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@pass_state
def serve(state: State, host: str, port: int) -> None:
    """Serve the read-only web site: adverts with filters, each advert's history, municipalities
    benchmarked against their peers, national counts and trends, Atom feeds (/feed.atom) and
    the JSON API (/api/..., described at /openapi.json). Pages are in Swedish.

    \b
    Examples:
      lovwatch serve                       # http://127.0.0.1:8000/
      lovwatch --db postgresql+psycopg://lovwatch@db/lovwatch serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from lovwatch.web.app import create_app

    app = create_app(state.engine)  # read-only: a missing or outdated store exits 3
    click.echo(f"lovwatch serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


def check_kommungrupper(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A --kommungrupp callback: every value one of SKR's groups, checked before the feed is
    written."""
    from lovwatch.notify.files import resolve_kommungrupper
    from lovwatch.notify.subscriptions import SubscriptionError

    try:
        resolve_kommungrupper(value)
    except SubscriptionError as exc:
        raise click.BadParameter(str(exc), param=param) from None
    return value


@click.command()
@checked_filter_options
@click.option(
    "--kommungrupp",
    multiple=True,
    metavar="CODE|NAME",
    callback=check_kommungrupper,
    help="SKR kommungrupp (A1, Storstäder).",
)
@click.option(
    "--keyword",
    multiple=True,
    callback=check_not_blank,
    help="In title, buyer, service areas or categories.",
)
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    default="national",
    show_default=True,
    help="Events of the national database, of municipal websites, or both.",
)
@click.option(
    "--kind",
    multiple=True,
    type=click.Choice(ALL_EVENT_KINDS),
    help="Only these kinds of event; repeatable (default: all).",
)
@click.option(
    "--since", callback=parse_date_option, metavar="DATE", help="Events detected on or after."
)
@click.option(
    "--include-baseline", is_flag=True, help="Include the first crawl's events (history, not news)."
)
@click.option("--limit", type=COUNT, default=100, show_default=True, help="Entries at most.")
@click.option(
    "--site-url",
    metavar="URL",
    callback=check_link_url,
    help="Link entries to this lovwatch site's advert pages (default: the advert itself).",
)
@click.option(
    "--feed-url",
    metavar="URL",
    callback=check_link_url,
    help="Where the file will be published (the feed's self link).",
)
@click.option(
    "-o",
    "--output",
    type=OUTPUT_FILE,
    required=True,
    metavar="FILE.atom",
    help="The Atom file to write (replaced atomically).",
)
@pass_state
def feed(
    state: State,
    category: tuple[str, ...],
    county: tuple[str, ...],
    municipality: tuple[str, ...],
    kommungrupp: tuple[str, ...],
    keyword: tuple[str, ...],
    source: str,
    kind: tuple[str, ...],
    since: date | None,
    include_baseline: bool,
    limit: int,
    site_url: str | None,
    feed_url: str | None,
    output: Path,
) -> None:
    """Write an Atom feed of events (new, changed, ended, reappeared) for a filter, for static
    hosting. Entry ids are stable (tag:lovwatch,2026:event/ID): rewriting the file from cron
    never makes a reader show an event twice.

    \b
    Examples:
      lovwatch feed --county 01 --category hemtjanst -o stockholm-hemtjanst.atom
      lovwatch feed --kind new --kind ended --site-url https://lov.example.se -o lov.atom
    """
    from sqlmodel import Session

    from lovwatch.web.feed import build_feed

    try:
        wanted = parse_filter(
            {
                "category": category,
                "county": county,
                "municipality": municipality,
                "kommungrupp": kommungrupp,
                "keyword": keyword,
            }
        )
        kinds = parse_kinds(kind)
    except FilterError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc
    site = site_url.rstrip("/") if site_url else None

    def link_for(event: dict[str, Any], advert: dict[str, Any] | None) -> str:
        if "advert_id" not in event:  # a municipal-site event without a page of its own
            code = event["municipality_code"]
            place = municipality_by_code(code)
            return f"{site}/kommuner/{code}" if site else (place.website if place else "")
        if site:
            return f"{site}/annonser/{event['advert_id']}"
        return str((advert or {}).get("url") or event.get("url") or "")

    with Session(state.engine) as session:
        body = build_feed(
            session,
            wanted,
            source=source,
            kinds=kinds,
            since=since,
            include_baseline=include_baseline,
            self_url=feed_url or output.resolve().as_uri(),
            link_for=link_for,
            generated=now(),
            limit=limit,
        )
    directory = output.resolve().parent
    if not directory.is_dir():
        raise click.BadParameter(f"no folder {directory}", param_hint="--output")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".feed-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(body)
    os.chmod(temporary, 0o644)
    os.replace(temporary, output)
    entries = body.count("<entry>")
    click.echo(f"wrote {entries} entries to {output} ({now():%Y-%m-%d %H:%M} UTC)", err=True)
