"""`python -m lovwatch.web serve|feed`: the web commands on their own, with the same `--db`
option as `lovwatch` (they are also `lovwatch serve` and `lovwatch feed`)."""

from __future__ import annotations

import click

from lovwatch.cli_common import State
from lovwatch.web.cli import feed, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="LOVWATCH_DB", metavar="URL|FILE", help="Store (env LOVWATCH_DB).")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """lovwatch's web site and feeds."""
    ctx.obj = State(db)


main.add_command(serve)
main.add_command(feed)

if __name__ == "__main__":
    main(prog_name="python -m lovwatch.web")
