"""What every lovwatch command shares: the store option, filters that take what a person
types, and exit codes.

Exit codes: 0 success; 1 the job ran but did not succeed (a partial crawl, failed sends);
2 bad input (unknown option value, malformed date or URL); 3 the store cannot be opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import click
from sqlalchemy import Engine

from lovwatch.models.store import StoreError, open_store
from lovwatch.normalize.authorities import find_county, find_municipality
from lovwatch.normalize.categories import find_category
from lovwatch.normalize.dates import parse_date

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """The per-invocation context: which store, opened on first use.

    `engine` is for commands that only read: it never creates, migrates or changes the store.
    `write_engine` is for commands that write: it creates a missing store and migrates one
    that is behind.
    """

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engine: Engine | None = None
        self._writable = False

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._open(write=False)
        return self._engine

    @property
    def write_engine(self) -> Engine:
        if self._engine is None or not self._writable:
            self._engine = self._open(write=True)
            self._writable = True
        return self._engine

    def _open(self, write: bool) -> Engine:
        try:
            return open_store(self.db, write=write)
        except StoreError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_STORE) from exc


pass_state = click.make_pass_decorator(State)


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _resolve(
    values: Iterable[str], find: Callable[[str], Any], option: str, hint: str
) -> list[str]:
    """Codes for what a person typed (comma-separated or repeated); a clear error otherwise."""
    codes = []
    for value in _split(values):
        found = find(value)
        if found is None:
            raise click.BadParameter(
                f"unknown {option.strip('-')} {value!r}; {hint}", param_hint=option
            )
        codes.append(found.code)
    return codes


def resolve_categories(values: Iterable[str]) -> list[str]:
    return _resolve(
        values, find_category, "--category", "`lovwatch categories` lists codes and names"
    )


def resolve_counties(values: Iterable[str]) -> list[str]:
    return _resolve(
        values, find_county, "--county", "give a county code (01) or name (Stockholms län)"
    )


def resolve_municipalities(values: Iterable[str]) -> list[str]:
    return _resolve(
        values, find_municipality, "--municipality", "give a kommunkod (0180) or name (Stockholm)"
    )


def parse_date_option(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> date | None:
    """A click callback for date options: ISO dates and Swedish forms."""
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param=param)
    return parsed


def filter_options(func: F) -> F:
    """--category, --county, --municipality: repeatable, OR within, AND across."""
    for option in reversed(
        [
            click.option(
                "--category",
                multiple=True,
                metavar="CODE|NAME",
                help="Service category (code, label or synonym); repeatable.",
            ),
            click.option(
                "--county",
                multiple=True,
                metavar="CODE|NAME",
                help='County: länskod or name ("01", "Stockholms län"); repeatable.',
            ),
            click.option(
                "--municipality",
                multiple=True,
                metavar="CODE|NAME",
                help='Municipality: kommunkod or name ("0180", "Stockholm"); repeatable.',
            ),
        ]
    ):
        func = option(func)
    return func
