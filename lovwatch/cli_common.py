"""What every lovwatch command shares: the store option, filters that take what a person
types, and exit codes.

Exit codes: 0 success; 1 the job ran but did not succeed (a partial crawl, failed sends);
2 bad input (unknown option value, malformed date or URL); 3 the store cannot be opened.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lovwatch.clock import ClockError, frozen_moment
from lovwatch.config import check_web_url, hide_credentials
from lovwatch.normalize.authorities import find_county, find_municipality
from lovwatch.normalize.categories import CATEGORIES, GROUPS, find_category
from lovwatch.normalize.dates import parse_date_exact
from lovwatch.normalize.text import words

if TYPE_CHECKING:
    # SQLAlchemy takes a third of a second to import: only commands that open the store pay.
    from sqlalchemy import Engine

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3
#: 128 + SIGINT, as shells report a program stopped by Ctrl-C.
EXIT_INTERRUPTED = 130

#: Dates outside these years are typing mistakes; refusing them also keeps date arithmetic
#: (a day before, a period after) inside what Python's dates can hold.
FIRST_YEAR, LAST_YEAR = 1900, 2199
#: `--limit N` and the like: more than this is a mistake, and would overflow the store's integers.
MAX_COUNT = 1_000_000


def count(minimum: int = 1, maximum: int = MAX_COUNT) -> click.IntRange:
    """A whole-number option (--limit, --max-pages, --retries ...): always bounded above, since
    a huge value is a typo and would overflow the store's integers."""
    return click.IntRange(min=minimum, max=maximum)


COUNT = count()
#: A row of the store named on the command line (`runs release RUN`): it must fit its integers.
ROW_ID = click.IntRange(0, 2**63 - 1)
#: A century back is the most a date can go without leaving the calendar (`--recent-days`).
DAYS = count(1, 36_500)

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
        from lovwatch.models.store import StoreError, open_store

        try:
            return open_store(self.db, write=write)
        except StoreError as exc:
            message = " ".join(hide_credentials(str(exc)).split())
            click.echo(f"error: {message}", err=True)
            raise SystemExit(EXIT_STORE) from exc


def check_store_option(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A callback for --db: blank or control characters are a mistake, not a store."""
    if value is not None and (not value.strip() or any(ord(ch) < 32 for ch in value)):
        raise click.BadParameter(
            "give a SQLAlchemy URL or a SQLite file path (lovwatch.sqlite)", param=param
        )
    return value


def check_clock() -> None:
    """Refuse a LOVWATCH_NOW that is not a moment before any command starts (exit 2)."""
    try:
        frozen_moment()
    except ClockError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_USAGE) from exc


def warn_if_no_complete_crawl(engine: Engine) -> None:
    """Read commands on a store no national crawl has completed: their empty or backfilled
    answers mean "not crawled yet", not "no LOV" - say so on stderr."""
    from sqlmodel import Session, col, select

    from lovwatch.constants import RunStatus
    from lovwatch.models.tables import CrawlRun

    with Session(engine) as session:
        complete = session.exec(
            select(CrawlRun.id)
            .where(CrawlRun.status == RunStatus.COMPLETE)
            .where(col(CrawlRun.source) == "national")
            .limit(1)
        ).first()
    if complete is None:
        click.echo("note: no complete crawl yet; run `lovwatch crawl`", err=True)


pass_state = click.make_pass_decorator(State)


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _resolve(
    values: Iterable[str], find: Callable[[str], Any], option: str, hint: str
) -> list[str]:
    """Codes for what a person typed (comma-separated or repeated); a clear error otherwise."""
    values = list(values)
    if any(not str(value).strip(" ,") for value in values):
        raise click.BadParameter(f"is empty; {hint}", param_hint=option)
    codes = []
    for value in _split(values):
        found = find(value)
        if found is None:
            raise click.BadParameter(
                f"unknown {option.strip('-')} {value!r}; {hint}", param_hint=option
            )
        codes.append(found.code)
    return codes


def group_categories(text: str) -> list[str] | None:
    """The codes of every category of the group `text` names (its code or label, with or
    without the parenthesis: "äldreomsorg", "Funktionsnedsättning (LSS)", "LSS"), else None.

    A group wins over a category synonym of the same words ("äldreomsorg" is also a synonym of
    Övrig äldreomsorg, for reading adverts): a person filtering on a group's name means the
    whole group.
    """
    wanted = words(text)
    for group in GROUPS:
        label = group.label
        short, _, inner = label.partition("(")
        names = {group.code.replace("_", " "), label, short, inner.rstrip(")")}
        if wanted and any(words(name) == wanted for name in names if name.strip()):
            return [c.code for c in CATEGORIES if c.group == group.code]
    return None


def resolve_categories(values: Iterable[str]) -> list[str]:
    """Category codes for what a person typed: codes, labels, synonyms, or group names (every
    category of the group); BadParameter naming --category otherwise."""
    values = list(values)
    if any(not str(value).strip(" ,") for value in values):
        raise click.BadParameter(
            "is empty; `lovwatch categories` lists codes and names", param_hint="--category"
        )
    codes: list[str] = []
    for value in _split(values):
        in_group = group_categories(value)
        codes += (
            in_group
            if in_group is not None
            else _resolve(
                [value], find_category, "--category", "`lovwatch categories` lists codes and names"
            )
        )
    return list(dict.fromkeys(codes))


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
    """A click callback for date options: the whole value must be a date (ISO, or the Swedish
    forms 22/2/2018 and 16 maj 2017), in the years lovwatch can count."""
    if value is None:
        return None
    parsed = parse_date_exact(value)
    if parsed is None:
        raise click.BadParameter(
            f"{value!r} is not a date; give YYYY-MM-DD, e.g. 2026-11-01", param=param
        )
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise click.BadParameter(
            f"{value!r} is out of range; give a date between {FIRST_YEAR}-01-01 and "
            f"{LAST_YEAR}-12-31",
            param=param,
        )
    return parsed


def _probe_writable(path: Path) -> str | None:
    """Why `path` cannot be written (an OS error's words), or None: found out by opening it
    the way a write would, without changing an existing file, and removing a file it made."""
    try:
        if path.exists():
            with path.open("ab"):
                pass
        else:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            path.unlink()
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return None


class FiniteFloatRange(click.FloatRange):
    """A FloatRange that also refuses nan and inf (which pass every comparison)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


#: Words for "every category" where a command counts it as a series of its own.
ANY_CATEGORY = ("any", "all", "alla")


def check_categories(allow_any: bool) -> Callable[..., tuple[str, ...]]:
    """A --category callback: every value a category or group (checked while the options are
    read, before the command runs). "any" passes only with `allow_any` (`trends`, where it is
    a series); elsewhere (`stats`, whose totals already count any LOV) it is refused rather
    than quietly meaning "every category"."""

    def check(
        _ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
    ) -> tuple[str, ...]:
        parts = [part.strip() for item in value for part in item.split(",") if part.strip()]
        if any(not item.strip(" ,") for item in value):
            resolve_categories(value)  # says --category is empty
        for part in parts:
            if part.lower() not in ANY_CATEGORY:
                resolve_categories([part])
            elif not allow_any:
                raise click.BadParameter(
                    f"{part!r} is not a category here; leave --category out for every "
                    "category (`lovwatch trends --category any` draws the any-LOV series)",
                    param=param,
                )
        return value

    return check


def check_filter(resolve: Callable[[Iterable[str]], list[str]]) -> Callable[..., Any]:
    """A callback for a repeatable filter option (--category, --county, --municipality):
    every value resolved by `resolve` (resolve_categories, ...) while the options are read,
    so an unknown or empty value is refused before the command runs."""

    def check(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> Any:
        resolve(value)
        return value

    return check


def check_not_blank(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A callback for free-text options (--keyword): a blank value is a mistake, not "any"."""
    values = (value,) if isinstance(value, str) else value or ()
    if any(not str(item).strip(" ,") for item in values):
        raise click.BadParameter("is empty; give a value or leave the option out", param=param)
    return value


def check_link_url(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A callback for options that take a public web address (`feed --site-url`)."""
    if value is None:
        return None
    try:
        return check_web_url(value, what="the address", example="https://lov.example.se")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from None


def check_peers(kinds: Iterable[str]) -> Callable[..., str | None]:
    """A --peers callback: one of `kinds` ("county", "kommungrupp", "size") or a
    comma-separated list of municipalities that all exist."""
    choices = ", ".join(kinds)

    def check(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or value in choices.split(", "):
            return value
        names = [part.strip() for part in value.split(",") if part.strip()]
        example = "municipalities separated by commas (Täby,Danderyd,0186)"
        if not names:
            raise click.BadParameter(f"is empty; give {choices} or {example}", param=param)
        for name in names:
            if find_municipality(name) is None:
                raise click.BadParameter(
                    f"unknown municipality {name!r} in {value!r}; give {choices} or {example}",
                    param=param,
                )
        return value

    return check


def check_municipality(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    """A callback for an optional single municipality option: one that exists (an empty
    value is a mistake, not "none")."""
    if value is not None and find_municipality(value) is None:
        raise click.BadParameter(
            f"unknown municipality {value!r}; give a kommunkod (0180) or a name (Stockholm)",
            param=param,
        )
    return value


class OutputFile(click.ParamType):
    """A file to write, checked before the command prints or computes anything: its folder
    must exist and be writable, and it must not be a folder itself."""

    name = "file"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        if isinstance(value, Path):
            path = value
        else:
            text = str(value)
            if not text.strip() or any(ord(ch) < 32 for ch in text):
                self.fail(f"{text!r} is not a file name; give a path such as out/file", param, ctx)
            path = Path(text).expanduser()
        folder = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            self.fail(f"{str(path)!r} is a folder; give a file name inside it", param, ctx)
        if not folder.is_dir():
            self.fail(
                f"no folder {str(folder)!r} to write {path.name!r} into; create it first",
                param,
                ctx,
            )
        problem = _probe_writable(path)
        if problem:
            self.fail(f"cannot write {str(path)!r}: {problem}", param, ctx)
        return path


OUTPUT_FILE = OutputFile()


def _filters(checked: bool) -> list[Callable[[F], F]]:
    def callback(resolve: Callable[[Iterable[str]], list[str]]) -> Any:
        return check_filter(resolve) if checked else None

    return [
        click.option(
            "--category",
            multiple=True,
            metavar="CODE|NAME",
            callback=check_categories(allow_any=False) if checked else None,
            help="Service category (code, label or synonym); repeatable.",
        ),
        click.option(
            "--county",
            multiple=True,
            metavar="CODE|NAME",
            callback=callback(resolve_counties),
            help='County: länskod or name ("01", "Stockholms län"); repeatable.',
        ),
        click.option(
            "--municipality",
            multiple=True,
            metavar="CODE|NAME",
            callback=callback(resolve_municipalities),
            help='Municipality: kommunkod or name ("0180", "Stockholm"); repeatable.',
        ),
    ]


def filter_options(func: F) -> F:
    """--category, --county, --municipality: repeatable, OR within, AND across; the command
    resolves the values (resolve_categories ...)."""
    for option in reversed(_filters(checked=False)):
        func = option(func)
    return func


def checked_filter_options(func: F) -> F:
    """The same options, each value checked while the options are read: for commands that
    write a file or print before they would resolve the values themselves (`feed`)."""
    for option in reversed(_filters(checked=True)):
        func = option(func)
    return func
