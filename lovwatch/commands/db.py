"""`lovwatch db upgrade`: create the store or bring its schema up to date."""

from __future__ import annotations

import click

from lovwatch.cli_common import State, pass_state


@click.group()
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
