"""End to end: `stats`, `trends`, `compare` and `export` on a store crawled from the replica
over several simulated days, checked against counts recomputed from the exports and the
replica's own data."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from analysis_helpers import (
    DAYS,
    FORMULA_TITLES,
    LAST_DAY,
    InProcess,
    active_adverts,
    built_store,
    clock,
    municipality_of,
    recount,
)
from conftest import Lovwatch

from lovwatch.normalize.authorities import find_municipality, municipalities
from lovwatch.replica.dataset import DAY0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[InProcess, list[Any], Path]:
    """The built store, queried in-process (one subprocess test below covers the real
    entry point)."""
    directory = tmp_path_factory.mktemp("analysis")
    store, days = built_store(directory)
    return InProcess(store, LAST_DAY), days, directory


@pytest.fixture(scope="module")
def exported(built: tuple[Lovwatch, list[Any], Path]) -> list[dict[str, Any]]:
    run, _, directory = built
    target = directory / "adverts.json"
    run("export", "adverts", "--format", "json", "-o", str(target), check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def test_last_day_active_adverts_are_what_the_replica_lists(built, exported) -> None:
    _, days, _ = built
    listed = {advert.key for advert in days[-1] if advert.listed}
    assert {a["id"] for a in active_adverts(exported, LAST_DAY)} == listed
    assert {a["id"] for a in exported if a["status"] == "active"} == listed


@pytest.mark.parametrize("offset", [0, 3, DAYS - 1, -400])
def test_stats_equal_an_independent_count_from_the_export(built, exported, offset) -> None:
    run, _, _ = built
    day = DAY0 + timedelta(days=offset)
    data = run("stats", "--at", day.isoformat(), "--format", "json", check=True).json()
    assert data["totals"]["coverage"] == ("observed" if offset >= 0 else "backfilled")
    expected_totals = recount(exported, day)
    for key, value in expected_totals.items():
        assert data["totals"][key] == value, key
    assert data["totals"]["municipalities"] > 0
    for row in data["rows"]:
        expected = recount(exported, day, row["category_code"])
        assert {key: row[key] for key in expected} == expected, row["category_code"]


def test_days_after_the_last_complete_crawl_are_not_labelled_observed(built) -> None:
    """The crawl failed or has not run yet: days after the last complete crawl carry its
    state forward, labelled `unobserved` in stats, trends and exports, never `observed`."""
    _, _, directory = built
    later = InProcess(directory / "lovwatch.sqlite", LAST_DAY + timedelta(days=4))
    today = later("stats", "--format", "json", check=True)
    on_last = later("stats", "--at", LAST_DAY.isoformat(), "--format", "json", check=True)
    assert on_last.json()["totals"]["coverage"] == "observed"
    assert today.json()["totals"]["coverage"] == "unobserved"
    assert "after the last complete crawl" in today.stderr
    # The counts are the last crawl's state, carried forward.
    carried = {k: v for k, v in today.json()["totals"].items() if k not in ("date", "coverage")}
    seen = {k: v for k, v in on_last.json()["totals"].items() if k not in ("date", "coverage")}
    assert carried == seen and carried["adverts"] > 0
    start = LAST_DAY - timedelta(days=2)
    rows = later(
        "trends", "--category", "any", "--interval", "day", "--from", start.isoformat(),
        "--format", "json", check=True,
    ).json()  # fmt: skip
    labels = {row["date"]: row["coverage"] for row in rows}
    assert labels == {
        (start + timedelta(days=n)).isoformat(): "observed" if n <= 2 else "unobserved"
        for n in range(7)
    }
    target = directory / "later-stats.json"
    later("export", "stats", "--format", "json", "-o", str(target), check=True)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported and {row["coverage"] for row in exported} == {"unobserved"}


def test_stats_by_kommungrupp_counts_member_municipalities(built, exported) -> None:
    run, _, _ = built
    rows = run(
        "stats",
        "--by",
        "kommungrupp",
        "--category",
        "Hemtjänst",
        "--at",
        LAST_DAY.isoformat(),
        "--format",
        "json",
        check=True,
    ).json()["rows"]
    running = {
        municipality_of(a)
        for a in active_adverts(exported, LAST_DAY)
        if "hemtjanst" in a["categories"]
    } - {None}
    group_of = {m.code: m.kommungrupp_code for m in municipalities()}
    for row in rows:
        members = [code for code, group in group_of.items() if group == row["group_code"]]
        assert row["municipalities_total"] == len(members)
        assert row["municipalities_with_lov"] == len(running & set(members))
    assert sum(row["municipalities_with_lov"] for row in rows) == len(running)


def test_stats_help_states_the_counting_rules(built) -> None:
    run, _, _ = built
    text = run("stats", "--help", check=True).stdout
    assert "Region Gotland" in text and "lower bounds" in text and "Example" in text


def test_trends_match_stats_and_plot_a_chart(built, tmp_path) -> None:
    run, _, _ = built
    chart = tmp_path / "trend.png"
    rows = run(
        "trends",
        "--category",
        "hemtjanst",
        "--category",
        "any",
        "--from",
        DAY0.isoformat(),
        "--to",
        LAST_DAY.isoformat(),
        "--interval",
        "day",
        "--format",
        "json",
        "--plot",
        str(chart),
        check=True,
    ).json()
    assert [r["date"] for r in rows if r["category_code"] == "any"] == [
        (DAY0 + timedelta(days=n)).isoformat() for n in range(DAYS)
    ]
    for day in (DAY0, LAST_DAY):
        stats = run("stats", "--at", day.isoformat(), "--format", "json", check=True).json()
        hemtjanst = next(r for r in stats["rows"] if r["category_code"] == "hemtjanst")
        point = next(
            r for r in rows if r["date"] == day.isoformat() and r["category_code"] == "hemtjanst"
        )
        assert point["municipalities"] == hemtjanst["municipalities"]
        total = next(
            r for r in rows if r["date"] == day.isoformat() and r["category_code"] == "any"
        )
        assert total["municipalities"] == stats["totals"]["municipalities"]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert chart.stat().st_size > 20_000


def test_trends_with_reference_label_the_published_series(built, tmp_path) -> None:
    run, _, _ = built
    chart = tmp_path / "trend.svg"
    rows = run(
        "trends",
        "--category",
        "hemtjanst",
        "--category",
        "any",
        "--from",
        "2010-01-01",
        "--interval",
        "year",
        "--with-reference",
        "--plot",
        str(chart),
        "--format",
        "json",
        check=True,
    ).json()
    reference = [r for r in rows if r["coverage"] == "reference"]
    skr = {
        r["period"]: r["municipalities"]
        for r in reference
        if r["source"].startswith("SKR: LOV i drift")
    }
    assert skr["2010"] == 45 and skr["2023"] == 159 and len(skr) == 14
    assert any(r["category_code"] == "hemtjanst" and r["municipalities"] == 152 for r in reference)
    crawled = [r for r in rows if r["coverage"] != "reference"]
    assert {r["coverage"] for r in crawled} == {"backfilled", "observed"}
    assert "<svg" in chart.read_text(encoding="utf-8")


def test_trends_refuse_a_bad_range(built) -> None:
    run, _, _ = built
    result = run("trends", "--from", "2025-01-01", "--to", "2024-01-01")
    assert result.code == 2 and "after" in result.stderr


def _categories_by_municipality(exported: list[dict[str, Any]], day: date) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for advert in active_adverts(exported, day):
        if code := municipality_of(advert):
            found.setdefault(code, set()).update(advert["categories"])
    return found


@pytest.mark.parametrize("name", ["Sundbyberg", "Salem"])
def test_compare_lists_what_kommungrupp_peers_run_and_it_does_not(built, exported, name) -> None:
    run, _, _ = built
    subject = find_municipality(name)
    assert subject is not None
    data = run(
        "compare",
        name,
        "--peers",
        "kommungrupp",
        "--at",
        LAST_DAY.isoformat(),
        "--format",
        "json",
        check=True,
    ).json()
    peers = {
        m.code
        for m in municipalities()
        if m.kommungrupp_code == subject.kommungrupp_code and m.code != subject.code
    }
    assert set(data["peers"]["codes"]) == peers
    running = _categories_by_municipality(exported, LAST_DAY)
    own = running.get(subject.code, set())
    by_peers: dict[str, int] = {}
    for code in peers:
        for category in running.get(code, ()):
            by_peers[category] = by_peers.get(category, 0) + 1
    missing = {category for category in by_peers if category not in own}
    assert missing, "the scenario should give peers categories this municipality lacks"
    rows = {row["category_code"]: row for row in data["rows"]}
    assert {code for code, row in rows.items() if not row["runs"]} == missing
    assert {code for code, row in rows.items() if row["runs"]} == own
    for code, row in rows.items():
        assert row["peers_running"] == by_peers.get(code, 0)
        assert row["finding"] in ("gap", "peers_only", "distinctive", "common")
        assert (row["finding"] == "gap") == (not row["runs"] and row["peer_share"] >= 0.5)
    table = run("compare", name, "--at", LAST_DAY.isoformat(), check=True).stdout
    assert "peers_only" in table and subject.name in table


def test_compare_with_an_explicit_peer_list_and_csv(built, exported) -> None:
    run, _, _ = built
    result = run(
        "compare",
        "Salem",
        "--peers",
        "Nacka,0183",
        "--format",
        "csv",
        "--at",
        LAST_DAY.isoformat(),
        check=True,
    )
    rows = list(csv.DictReader(result.stdout.splitlines()))
    running = _categories_by_municipality(exported, LAST_DAY)
    expected = {c for c in running["0182"] | running["0183"] if c not in running["0128"]}
    assert {r["category_code"] for r in rows if r["runs"] == "false"} == expected
    assert run("compare", "Atlantis").code == 2


def _spreadsheet_safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("dataset", ["adverts", "events", "history", "stats"])
def test_exports_round_trip(built, tmp_path, dataset) -> None:
    pyarrow = pytest.importorskip("pyarrow.parquet", reason="pyarrow not installed")
    run, _, _ = built
    files = {fmt: tmp_path / f"{dataset}.{fmt}" for fmt in ("json", "csv", "parquet")}
    for fmt, path in files.items():
        run(
            "export",
            dataset,
            "--format",
            fmt,
            "-o",
            str(path),
            "--at",
            LAST_DAY.isoformat(),
            check=True,
        )
    rows = json.loads(files["json"].read_text(encoding="utf-8"))
    assert rows and all(list(row) == list(rows[0]) for row in rows)
    table = pyarrow.read_table(files["parquet"])
    assert table.column_names == list(rows[0])
    from_parquet = table.to_pylist()
    from_csv = _read_csv(files["csv"])
    assert len(from_csv) == len(from_parquet) == len(rows)
    for original, back, parquet in zip(rows, from_csv, from_parquet, strict=True):
        for key, value in original.items():
            if isinstance(value, list):
                assert back[key] == _spreadsheet_safe("; ".join(value)), key
                assert parquet[key] == value
            elif isinstance(value, dict):
                assert json.loads(back[key]) == value
                assert json.loads(parquet[key]) == value
            elif isinstance(value, bool):
                assert back[key] == str(value).lower() and parquet[key] is value
            elif value is None:
                assert back[key] == "" and parquet[key] is None
            elif isinstance(parquet[key], date):  # dates and datetimes: ISO in JSON and CSV
                assert back[key] == value == parquet[key].isoformat(), key
            else:
                assert back[key] == _spreadsheet_safe(str(value)), key
                assert parquet[key] == value, key


def test_csv_export_neutralises_formulas(built, tmp_path) -> None:
    run, _, _ = built
    target = tmp_path / "adverts.csv"
    run("export", "adverts", "-o", str(target), check=True)
    titles = {row["id"]: row["title"] for row in _read_csv(target)}
    for advert_id, title in FORMULA_TITLES.items():
        assert titles[advert_id] == "'" + title
    assert not any(title.startswith(("=", "+", "-", "@")) for title in titles.values())
    events = _read_csv(_export(run, tmp_path, "events"))
    assert any(row["title"] == "'" + FORMULA_TITLES["salems-kommun/hemtjanst"] for row in events)


def _export(run: InProcess, directory: Path, dataset: str) -> Path:
    target = directory / f"{dataset}.csv"
    run("export", dataset, "-o", str(target), check=True)
    return target


def test_history_export_holds_one_interval_per_activity(built, exported, tmp_path) -> None:
    run, _, _ = built
    rows = _read_csv(_export(run, tmp_path, "history"))
    by_id = {row["advert_id"]: row for row in rows}
    assert set(by_id) == {advert["id"] for advert in exported}
    for advert in exported:
        row = by_id[advert["id"]]
        ended = (advert["ended_at"] or "")[:10]
        assert row["active_until"] == ended
        assert row["start_basis"] in ("published", "first_seen")


def test_the_installed_entry_point_runs_the_analysis_commands(built) -> None:
    run, _, _ = built
    real = Lovwatch(Path(run.env["LOVWATCH_DB"]), env=clock(LAST_DAY), fresh_interpreter=True)
    data = real("stats", "--format", "json", check=True).json()
    assert data["totals"] == run("stats", "--format", "json", check=True).json()["totals"]


def test_parquet_without_pyarrow_says_what_to_install(built, tmp_path) -> None:
    run, _, _ = built
    # A stand-in package that fails to import, ahead of the real pyarrow on the path.
    shadow = tmp_path / "shadow" / "pyarrow"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('pyarrow hidden by the test')\n")
    real = Lovwatch(Path(run.env["LOVWATCH_DB"]), env={"PYTHONPATH": str(shadow.parent)})
    result = real("export", "adverts", "--format", "parquet", "-o", str(tmp_path / "a.parquet"))
    assert result.code == 1
    assert "pip install 'lovwatch[parquet]'" in result.stderr
    assert not (tmp_path / "a.parquet").exists()
