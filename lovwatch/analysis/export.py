"""Exports for researchers: adverts, events, active intervals ("history") and counts ("stats")
as CSV, JSON or Parquet, with stable column names, documented in the README ("Export columns").

CSV: lists are joined with "; ", booleans are true/false, dates ISO 8601, and every text cell a
spreadsheet would run as a formula (= + - @ tab CR) is prefixed with an apostrophe.
Parquet needs the optional pyarrow (`pip install 'lovwatch[parquet]'`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from lovwatch.analysis.stats import by_category
from lovwatch.analysis.timeline import History
from lovwatch.models import queries
from lovwatch.output import csv_safe, to_jsonable

DATASETS = ("adverts", "events", "history", "stats")
FORMATS = ("csv", "json", "parquet")
LIST_SEPARATOR = "; "

#: Column name → type ("str", "int", "float", "bool", "date", "datetime", "list", "json").
Columns = tuple[tuple[str, str], ...]
ADVERT_COLUMNS: Columns = (
    ("id", "str"),
    ("url", "str"),
    ("title", "str"),
    ("authority", "str"),
    ("authority_kind", "str"),
    ("authority_matched", "bool"),
    ("municipality_code", "str"),
    ("county_code", "str"),
    ("categories", "list"),
    ("service_areas", "list"),
    ("status", "str"),
    ("published", "date"),
    ("updated", "date"),
    ("first_seen", "datetime"),
    ("last_seen", "datetime"),
    ("ended_at", "datetime"),
)
EVENT_COLUMNS: Columns = (
    ("id", "int"),
    ("kind", "str"),
    ("advert_id", "str"),
    ("title", "str"),
    ("url", "str"),
    ("detected_at", "datetime"),
    ("run_id", "int"),
    ("baseline", "bool"),
    ("fields", "list"),
    ("reason", "str"),
    ("details", "json"),
)
HISTORY_COLUMNS: Columns = (
    ("advert_id", "str"),
    ("title", "str"),
    ("authority", "str"),
    ("authority_kind", "str"),
    ("municipality_code", "str"),
    ("county_code", "str"),
    ("categories", "list"),
    ("active_from", "date"),
    ("active_until", "date"),
    ("start_basis", "str"),
)
STATS_COLUMNS: Columns = (
    ("date", "date"),
    ("coverage", "str"),
    ("category_code", "str"),
    ("category_label", "str"),
    ("group", "str"),
    ("municipalities", "int"),
    ("regions", "int"),
    ("state_agencies", "int"),
    ("adverts", "int"),
)
COLUMNS = {
    "adverts": ADVERT_COLUMNS,
    "events": EVENT_COLUMNS,
    "history": HISTORY_COLUMNS,
    "stats": STATS_COLUMNS,
}


class ExportError(Exception):
    """The export cannot be written; the message says what to do."""


def advert_rows(session: Session) -> list[dict[str, Any]]:
    rows = queries.list_adverts(session, status="all")
    for row in rows:
        row["categories"] = [category["code"] for category in row["categories"]]
    return rows


def event_rows(session: Session) -> list[dict[str, Any]]:
    rows = queries.list_events(session)
    for row in rows:
        details = row["details"] or {}
        row["fields"] = list(details.get("fields") or [])
        row["reason"] = details.get("reason")
    return sorted(rows, key=lambda row: row["id"])


def history_rows(history: History) -> list[dict[str, Any]]:
    """One row per active interval of each advert ([active_from, active_until))."""
    rows = []
    for span in history.spans:
        for index, (start, end) in enumerate(span.intervals):
            rows.append(
                {
                    "advert_id": span.advert_id,
                    "title": span.title,
                    "authority": span.authority,
                    "authority_kind": span.kind,
                    "municipality_code": span.municipality_code,
                    "county_code": span.county_code,
                    "categories": sorted(span.categories),
                    "active_from": start,
                    "active_until": end,
                    "start_basis": span.start_basis if index == 0 else "reappeared",
                }
            )
    return rows


def stats_rows(history: History, day: date) -> list[dict[str, Any]]:
    return [
        {"date": day, "coverage": history.coverage(day), **row} for row in by_category(history, day)
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return csv_safe(LIST_SEPARATOR.join(str(item) for item in value))
    if isinstance(value, dict):
        return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True)
    return csv_safe(str(value))


def _write_csv(rows: Sequence[dict[str, Any]], columns: Columns, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(name)) for name, _ in columns])


def _write_json(rows: Sequence[dict[str, Any]], columns: Columns, path: Path) -> None:
    data = [{name: to_jsonable(row.get(name)) for name, _ in columns} for row in rows]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_parquet(rows: Sequence[dict[str, Any]], columns: Columns, path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError(
            "Parquet export needs pyarrow: pip install 'lovwatch[parquet]' "
            "(or export --format csv|json)"
        ) from exc
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "datetime": pa.timestamp("s"),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }

    def value(row: dict[str, Any], name: str, kind: str) -> Any:
        item = row.get(name)
        if kind == "json" and item is not None:
            return json.dumps(to_jsonable(item), ensure_ascii=False, sort_keys=True)
        if kind == "list" and item is not None:
            return [str(part) for part in item]
        return item

    table = pa.table(
        {
            name: pa.array([value(row, name, kind) for row in rows], type=types[kind])
            for name, kind in columns
        }
    )
    pq.write_table(table, path)


WRITERS = {"csv": _write_csv, "json": _write_json, "parquet": _write_parquet}


def write(rows: Sequence[dict[str, Any]], columns: Columns, fmt: str, path: Path) -> None:
    """Write `rows` (only `columns`, in order) to `path` in `fmt`."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    WRITERS[fmt](rows, columns, path)
