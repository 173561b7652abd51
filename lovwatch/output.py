"""The single renderer for everything lovwatch prints: table, JSON or CSV.

One convention for every command:
- JSON: whole objects, dates and timestamps ISO 8601, booleans true/false, null for nothing.
- CSV: the same keys as the JSON objects (unless a command's JSON is not a list of rows), one
  row per object; booleans `true`/`false`, dates ISO, lists joined with "; " (categories by
  code), objects as JSON text, empty cell = null, formula-looking cells neutralised.
- Table: for people at a terminal; data never carries control characters or escape sequences
  to it (an advert title cannot recolour or rewrite the terminal).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import click

FORMATS = ("table", "json", "csv")
#: Spreadsheets run cells that start with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Lists in a CSV cell, as in `lovwatch export`.
LIST_SEPARATOR = "; "
#: ANSI/VT escape sequences (CSI, OSC, and two-character ones), then any other control
#: character, including C1 controls and the bidirectional overrides that reorder text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement, clearing
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks
    r"|\x1b[@-Z\\-_]"  # two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` as one line that is safe to print to a terminal: escape sequences removed,
    other control characters (line breaks, tabs, bidi overrides) shown as spaces."""
    return " ".join(_CONTROLS.sub(" ", _ESCAPES.sub("", text)).split())


def echo_safe(text: str, err: bool = False) -> None:
    """Print one line built from data (names, titles, quotes) to the terminal, keeping its
    indentation."""
    indent = len(text) - len(text.lstrip(" "))
    click.echo(" " * indent + terminal_safe(text), err=err)


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


def _item(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("code", "label", "name", "url"):
            if key in item:
                return str(item[key])
        return json.dumps(item, ensure_ascii=False)
    return str(item)


def cell(value: Any, *, separator: str = ", ") -> str:
    """A value as one line of text for tables: yes/no, lists joined, nothing empty."""
    value = to_jsonable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return separator.join(_item(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell (see the module docstring): true/false, lists joined by "; "."""
    if isinstance(value, bool):
        return "true" if value else "false"
    # A lone carriage return is not quoted by the csv module (our line ends are "\n") and
    # would split the row for readers; as "\n" it is quoted and stays inside its cell.
    text = cell(value, separator=LIST_SEPARATOR).replace("\r\n", "\n").replace("\r", "\n")
    return csv_safe(text)


def csv_safe(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


#: Characters json.dumps leaves raw with ensure_ascii=False that a terminal may act on (C1
#: controls such as the 8-bit CSI, line separators, bidirectional overrides).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def render_json(rows: Any) -> str:
    """JSON text; characters a terminal could act on are written as \\uXXXX escapes (the
    same JSON value, safe to print)."""
    text = json.dumps(to_jsonable(rows), ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def row_keys(rows: Iterable[dict[str, Any]]) -> list[str]:
    """Every key of `rows`, in the order they first appear (the JSON objects' keys)."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return list(keys)


def render_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int = 60) -> str:
    def clip(text: str) -> str:
        text = terminal_safe(text)
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


def render_record(data: dict[str, Any], skip: Iterable[str] = ()) -> str:
    """One object for people: "key: value" lines, lists of objects one item per line, every
    value terminal-safe (for `show` commands)."""
    skipped = set(skip)
    keys = [key for key in data if key not in skipped]
    width = max((len(key) for key in keys), default=0)
    lines = []
    for key in keys:
        value = to_jsonable(data[key])
        if isinstance(value, list) and any(isinstance(item, dict) for item in value):
            lines.append(f"{key:>{width}}:" + ("" if value else " (none)"))
            for item in value:
                lines.append(" " * (width + 2) + "- " + terminal_safe(_describe(item)))
        elif isinstance(value, dict):
            lines.append(f"{key:>{width}}:" + ("" if value else " (none)"))
            for sub, item in value.items():
                lines.append(" " * (width + 2) + terminal_safe(f"{sub}: {cell(item)}"))
        else:
            lines.append(f"{key:>{width}}: {terminal_safe(cell(value))}")
    return "\n".join(lines)


def _describe(item: Any) -> str:
    """A list item of a record: "label <url>" for documents, "label (code)" for categories,
    else "key: value" pairs."""
    if not isinstance(item, dict):
        return cell(item)
    if set(item) >= {"label", "url"}:
        return f"{item['label']} <{item['url']}>"
    if set(item) >= {"code", "label"}:
        return f"{item['label']} ({item['code']})"
    return ", ".join(
        f"{key} {cell(value)}" for key, value in item.items() if value not in (None, "")
    )


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    json_rows: Any = None,
    csv_columns: Sequence[str] | None = None,
) -> None:
    """Print rows in the chosen format. JSON gets whole objects (`json_rows`, default `rows`);
    the table gets the named columns; CSV gets every key of the JSON objects when the JSON is
    the rows themselves, else `csv_columns` or the named columns."""
    if fmt == "json":
        click.echo(render_json(rows if json_rows is None else json_rows))
    elif fmt == "csv":
        if csv_columns is None:
            csv_columns = (row_keys(rows) or list(columns)) if json_rows is None else columns
        click.echo(render_csv(rows, csv_columns), nl=False)
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
