"""`lovwatch demo`: the whole pipeline against a local replica, touching no real site."""

from __future__ import annotations

from pathlib import Path

import click
from scrapy.crawler import AsyncCrawlerRunner

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
