"""A click group that imports a command's module only when the command is used.

Click's documented "lazily loading subcommands" pattern, plus one thing it leaves out: the
group's `--help` lists every command with its summary *without* importing them, from a
summary written beside the command's import path. Commands pull in Scrapy, SQLAlchemy,
Apprise, FastAPI or pyarrow; `lovwatch --help` should not wait for any of them.
`tests/test_cli_startup.py` checks that each summary is the one the command's own docstring
gives, so the two cannot drift apart.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import click


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives ("package.module:attribute") and its summary for the group's
    help: the first paragraph of its docstring, which click shortens to fit the line."""

    target: str
    summary: str

    def load(self) -> click.Command:
        module_name, _, attribute = self.target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.target} is not a click command")
        return command


class LazyGroup(click.Group):
    """A group with commands given as `LazyCommand`s beside any added the usual way."""

    def __init__(
        self, *args: Any, lazy_commands: Mapping[str, LazyCommand] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, LazyCommand] = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            # Loaded once, then kept like a command added with add_command.
            self.add_command(self.lazy_commands[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands section of --help, as click writes it, from the summaries."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: list[tuple[str, str]] = []
        for name in names:
            loaded = self.commands.get(name)
            if loaded is not None:
                if loaded.hidden:
                    continue
                rows.append((name, loaded.get_short_help_str(limit)))
            else:
                # Shortened exactly as click shortens a loaded command's docstring.
                stand_in = click.Command(name, help=self.lazy_commands[name].summary)
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def lazy(commands: Sequence[tuple[str, str, str]]) -> dict[str, LazyCommand]:
    """`LazyGroup(lazy_commands=...)` from (name, target, summary) rows."""
    return {name: LazyCommand(target, summary) for name, target, summary in commands}
