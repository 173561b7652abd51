"""The single renderer for everything lovwatch prints: table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import click

FORMATS = ("table", "json", "csv")
#: Spreadsheets run cells that start with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    return value


def cell(value: Any) -> str:
    """A value as one line of text for tables and CSV."""
    value = to_jsonable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(
            str(item.get("code", item)) if isinstance(item, dict) else str(item) for item in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_safe(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render_json(rows: Any) -> str:
    return json.dumps(to_jsonable(rows), ensure_ascii=False, indent=2)


def render_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(cell(row.get(column))) for column in columns])
    return buffer.getvalue()


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 60) -> str:
    def clip(text: str) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    body = [[clip(cell(row.get(column))) for column in columns] for row in rows]
    widths = [
        max([len(column), *(len(line[i]) for line in body)]) for i, column in enumerate(columns)
    ]
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in body
    ]
    return "\n".join(lines)


def emit(
    rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str], json_rows: Any = None
) -> None:
    """Print rows in the chosen format. JSON gets whole objects (`json_rows`, default `rows`);
    table and CSV get the named columns."""
    if fmt == "json":
        click.echo(render_json(rows if json_rows is None else json_rows))
    elif fmt == "csv":
        click.echo(render_csv(rows, columns), nl=False)
    elif not rows:
        click.echo("(nothing)", err=True)
    else:
        click.echo(render_table(rows, columns))


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
