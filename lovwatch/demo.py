"""`lovwatch demo`: the whole pipeline against a local replica, touching no real site."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import click

from lovwatch.replica.dataset import initial_adverts, next_day_adverts
from lovwatch.replica.server import ReplicaServer


def _lovwatch(db: Path, *args: str) -> int:
    command = [sys.executable, "-m", "lovwatch", "--db", str(db), *args]
    return subprocess.run(command, check=False).returncode


def run_demo(keep: str | None = None) -> int:
    """Crawl the replica on day one, switch it to the next day, crawl again, and show it."""
    with tempfile.TemporaryDirectory(prefix="lovwatch-demo-") as tmp:
        db = Path(keep) if keep else Path(tmp) / "demo.sqlite"
        with ReplicaServer(initial_adverts()) as server:
            crawl = (
                "crawl",
                "--base-url",
                server.base_url,
                "--delay",
                "0",
                "--concurrency",
                "4",
                "--timeout",
                "10",
            )
            click.secho(f"Replica of Hitta LOV-uppdrag at {server.base_url}", bold=True)
            click.secho("\nDay 1: the first crawl records a baseline", bold=True)
            if _lovwatch(db, *crawl):
                return 1
            server.set_adverts(next_day_adverts())
            server.reset_log()
            click.secho("\nDay 2: new, changed and ended adverts", bold=True)
            if _lovwatch(db, *crawl):
                return 1
            click.echo(f"(day 2 took {len(server.requests)} requests)")
        click.secho("\nHome care (hemtjänst) adverts in Stockholms län:", bold=True)
        _lovwatch(db, "list", "--county", "01", "--category", "hemtjanst")
        click.secho("\nWhat happened on day 2:", bold=True)
        _lovwatch(db, "events", "--no-baseline")
        if keep:
            click.echo(f"\nThe store is kept in {keep}: try `lovwatch --db {keep} list`.")
    return 0
