"""The CLI's shape: commands load only when used, `--help` lists them as their own docstrings
say, and every option carries its own input checks (bounds, finite numbers, checked URLs and
files) where it is declared."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from lovwatch.cli import COMMANDS, cli
from lovwatch.cli_common import FiniteFloatRange, OutputFile
from lovwatch.cli_lazy import LazyGroup

#: Packages a command that does not crawl, serve or notify must not need to start.
HEAVY = ("scrapy", "twisted", "sqlalchemy", "sqlmodel", "alembic", "apprise", "fastapi")
HEAVY += ("jinja2", "pyarrow", "matplotlib", "pandas", "lxml", "playwright")


def _loaded_by(*args: str) -> list[str]:
    """Top-level packages imported by a fresh interpreter running `lovwatch ARGS`."""
    script = (
        "import sys\n"
        "from lovwatch.cli import cli\n"
        "try:\n"
        f"    cli.main({list(args)!r}, prog_name='lovwatch')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('\\n' + __import__('json').dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args", [("--help",), ("--version",), ("list", "--help"), ("events", "--help")], ids=" ".join
)
def test_commands_that_do_not_crawl_start_without_the_heavy_packages(args: tuple[str, ...]):
    loaded = _loaded_by(*args)
    assert "click" in loaded  # the probe sees what was imported
    assert [name for name in HEAVY if name in loaded] == []


def test_a_command_that_crawls_still_loads_what_it_needs() -> None:
    assert "scrapy" in _loaded_by("crawl", "--help")


def _walk(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, name
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _walk(command, (*prefix, name))


def test_every_summary_is_the_commands_own() -> None:
    """The summaries `--help` shows without importing a command are its docstring's, cut as
    click cuts them at any terminal width."""
    for name, lazy in COMMANDS.items():
        command = lazy.load()
        for limit in (30, 45, 60, 80, 120):
            stand_in = click.Command(name, help=lazy.summary)
            assert stand_in.get_short_help_str(limit) == command.get_short_help_str(limit), (
                f"the summary of `{name}` in lovwatch/cli.py COMMANDS differs from its docstring"
            )


def test_help_lists_every_command_as_click_would_with_all_of_them_loaded() -> None:
    settings = cli.context_settings  # -h and the width, as `lovwatch --help` has them
    lazy_help = cli.get_help(click.Context(cli, info_name="lovwatch", **settings))
    loaded = click.Group(
        "lovwatch",
        commands={path[0]: command for path, command in _walk(cli) if len(path) == 1},
        params=cli.params,
        help=cli.help,
        context_settings=cli.context_settings,
    )
    eager_help = loaded.get_help(click.Context(loaded, info_name="lovwatch", **settings))
    assert lazy_help == eager_help
    for name in COMMANDS:
        assert f"\n  {name} " in lazy_help


def test_a_lazy_group_loads_a_command_once_and_only_when_asked() -> None:
    group = LazyGroup(
        "g",
        lazy_commands={"db": COMMANDS["db"]},
    )
    assert group.commands == {}
    assert group.list_commands(click.Context(group)) == ["db"]
    first = group.get_command(click.Context(group), "db")
    assert first is not None and group.get_command(click.Context(group), "db") is first
    assert group.get_command(click.Context(group), "nope") is None


def _options() -> Iterator[tuple[str, click.Parameter]]:
    for path, command in _walk(cli):
        for param in command.params:
            yield f"lovwatch {' '.join(path)} {param.human_readable_name}", param


def test_every_whole_number_has_an_upper_bound() -> None:
    """A huge --limit or run id is a typo, and would overflow the store's integers."""
    numbers = [
        (where, p) for where, p in _options() if isinstance(p.type, click.types.IntParamType)
    ]
    assert len(numbers) > 10
    for where, param in numbers:
        assert isinstance(param.type, click.IntRange), where
        assert param.type.max is not None and param.type.max <= 2**63 - 1, where


def test_every_decimal_number_is_finite() -> None:
    """nan and inf pass every comparison: `--delay inf` would never end."""
    decimals = [
        (where, p) for where, p in _options() if isinstance(p.type, click.types.FloatParamType)
    ]
    assert decimals
    for where, param in decimals:
        assert isinstance(param.type, FiniteFloatRange), where


def test_files_to_write_and_urls_are_checked_where_declared() -> None:
    checked = dict(_options())
    for where in (
        "lovwatch export output",
        "lovwatch report output",
        "lovwatch trends plot",
        "lovwatch feed output",
        "lovwatch demo keep",
    ):
        assert isinstance(checked[where].type, OutputFile), where
    for where in (
        "lovwatch crawl operator_notify",
        "lovwatch run operator_notify",
        "lovwatch doctor operator_notify",
        "lovwatch feed site_url",
        "lovwatch feed feed_url",
        "lovwatch compare peers",
        "lovwatch report peers",
        "lovwatch report municipality",
        "lovwatch stats category",
        "lovwatch trends category",
        "lovwatch feed category",
        "lovwatch feed county",
        "lovwatch feed kommungrupp",
    ):
        assert checked[where].callback is not None, where


def test_stats_refuses_any_as_a_category_but_trends_takes_it() -> None:
    runner = CliRunner()
    refused = runner.invoke(cli, ["stats", "--category", "any"])
    assert refused.exit_code == 2 and "not a category here" in refused.output
    missing = runner.invoke(
        cli, ["--db", "/nonexistent/none.sqlite", "trends", "--category", "any"]
    )
    # Past the option checks: it fails on the store, not on --category.
    assert missing.exit_code == 3, missing.output
