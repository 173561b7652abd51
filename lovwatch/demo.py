"""`lovwatch demo`: the whole pipeline against a local replica, touching no real site."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
from scrapy.crawler import AsyncCrawlerRunner

from lovwatch.cli_common import EXIT_FAILED, OUTPUT_FILE, State
from lovwatch.commands.browse import events, list_
from lovwatch.commands.crawl import print_report
from lovwatch.config import Politeness
from lovwatch.crawl import CrawlRequest, crawl_async, run_in_reactor
from lovwatch.replica.dataset import initial_adverts, next_day_adverts
from lovwatch.replica.server import ReplicaServer

#: The replica is local: no need to be gentle with it.
FAST = Politeness(delay=0, concurrency=4, timeout=10)


def run_demo(db: Path) -> bool:
    """Crawl the replica on day one, switch it to the next day, and crawl again into `db`,
    printing each run; True if both runs completed."""
    store = str(db)

    async def two_days(runner: AsyncCrawlerRunner) -> bool:
        with ReplicaServer(initial_adverts()) as server:
            request = CrawlRequest(base_url=server.base_url, politeness=FAST)
            click.secho(f"Replica of Hitta LOV-uppdrag at {server.base_url}", bold=True)
            click.secho("\nDay 1: the first crawl records a baseline", bold=True)
            day_one = await crawl_async(runner, store, request)
            print_report(day_one, "table", click.echo)
            if not day_one.ok:
                return False
            server.set_adverts(next_day_adverts())
            server.reset_log()
            click.secho("\nDay 2: new, changed and ended adverts", bold=True)
            day_two = await crawl_async(runner, store, request)
            print_report(day_two, "table", click.echo)
            click.echo(f"(day 2 took {len(server.requests)} requests)")
            return day_two.ok

    return bool(run_in_reactor(two_days))


@click.command()
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
