"""The crawl's skeleton: `scrapy crawl` is the whole job, one crawl per source at a time, a
crawl stopped by a signal is partial, and commands that only read never change the store."""

from __future__ import annotations

import json
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, Lovwatch
from faulty_replica import FaultyReplica

from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer

ROOT = Path(__file__).resolve().parents[1]
#: The `scrapy` command of this environment (as a user who installed lovwatch has it).
SCRAPY = str(Path(sys.executable).parent / "scrapy")
ADVERT_PAGES = "/hitta-lov-uppdrag/annonser/"
#: Seconds each advert page takes while a second process is started beside a crawl: long
#: enough that a loaded machine starts the second before the first ends (8 pages, 4 at once).
HOLD = 4.0
#: What differs between two stores filled by two crawls of the same adverts: the moments.
MOMENTS = ("first_seen", "last_seen")


def _start_crawl(db: Path, base_url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lovwatch", "crawl", "--base-url", base_url, *FAST, *extra],
        env=Lovwatch(db).environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition: Any, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def _adverts(lovwatch: Lovwatch) -> list[dict[str, Any]]:
    rows = lovwatch("list", "--status", "all", "--format", "json", check=True).json()
    return [{k: v for k, v in row.items() if k not in MOMENTS} for row in rows]


def test_scrapy_crawl_fills_the_store_as_lovwatch_crawl_does(tmp_path: Path) -> None:
    adverts = initial_adverts()[:40]
    by_lovwatch = Lovwatch(tmp_path / "lovwatch.sqlite")
    by_scrapy = Lovwatch(tmp_path / "scrapy.sqlite")
    with ReplicaServer(adverts) as server:
        assert by_lovwatch.crawl(server.base_url).code == 0
        done = subprocess.run(
            [
                SCRAPY,
                "crawl",
                "hitta_lov",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "AUTOTHROTTLE_ENABLED=0",
            ],
            cwd=ROOT,
            env=by_scrapy.environment({"LOVWATCH_BASE_URL": server.base_url}),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(_adverts(by_scrapy)) == len(adverts)
    assert _adverts(by_scrapy) == _adverts(by_lovwatch)
    runs = by_scrapy("runs", "--format", "json", check=True).json()
    assert [(run["status"], run["baseline"]) for run in runs] == [("complete", True)]


def test_scrapy_list_names_both_spiders() -> None:
    done = subprocess.run(
        [SCRAPY, "list"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["hitta_lov", "municipal"]


def test_a_second_national_crawl_says_which_run_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    with FaultyReplica(initial_adverts()[:8]) as server:
        server.faults.slow_paths[ADVERT_PAGES] = HOLD
        first = _start_crawl(db, server.base_url)
        _wait_for(lambda: any(p.startswith(ADVERT_PAGES) for p in server.requests))
        second = Lovwatch(db).crawl(server.base_url, "--format", "json")
        assert second.code == 1
        assert "another national crawl is running (run 1, started " in second.stderr
        assert second.json()["runs"] == []
        server.release_slow_answers()
        assert first.wait(timeout=120) == 0, first.stderr
        # Once the first has finished, the lock is free again.
        assert Lovwatch(db).crawl(server.base_url).code == 0


def test_wait_waits_for_the_running_crawl(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    with FaultyReplica(initial_adverts()[:8]) as server:
        server.faults.slow_paths[ADVERT_PAGES] = HOLD
        first = _start_crawl(db, server.base_url)
        _wait_for(lambda: any(p.startswith(ADVERT_PAGES) for p in server.requests))
        second = Lovwatch(db).crawl(server.base_url, "--wait", "--format", "json")
        assert first.wait(timeout=120) == 0
    assert second.code == 0, second.stderr
    assert second.json()["run_id"] == 2


def test_a_municipal_and_a_national_crawl_at_once_both_complete(tmp_path: Path, sites: Any) -> None:
    db = tmp_path / "store.sqlite"
    with FaultyReplica(initial_adverts()[:8]) as server:
        server.faults.slow_paths[ADVERT_PAGES] = HOLD
        national = _start_crawl(db, server.base_url)
        _wait_for(lambda: any(p.startswith(ADVERT_PAGES) for p in server.requests))
        municipal = Lovwatch(db)(
            "crawl", "--source", "municipal", *sites.site_options(), *FAST, "--format", "json"
        )
        server.release_slow_answers()
        assert national.wait(timeout=120) == 0, national.stderr
    assert municipal.code == 0, municipal.stderr
    runs = Lovwatch(db)("runs", "--format", "json", check=True).json()
    assert sorted(run["status"] for run in runs) == ["complete", "complete"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_crawl_stopped_by_a_signal_is_partial_and_changes_nothing(
    tmp_path: Path, signum: int
) -> None:
    db = tmp_path / "store.sqlite"
    lovwatch = Lovwatch(db)
    with FaultyReplica(initial_adverts()[:8]) as server:
        server.faults.slow_paths[ADVERT_PAGES] = HOLD
        crawl = _start_crawl(db, server.base_url, "--format", "json")
        _wait_for(lambda: any(p.startswith(ADVERT_PAGES) for p in server.requests))
        crawl.send_signal(signum)
        stdout, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == 1, stderr
    report = json.loads(stdout)
    assert report["status"] == "partial"
    assert "interrupted" in report["reason"]
    assert lovwatch("list", "--format", "json", check=True).json() == []
    assert lovwatch("events", "--format", "json", check=True).json() == []
    runs = lovwatch("runs", "--format", "json", check=True).json()
    assert [run["status"] for run in runs] == ["partial"]


def test_read_commands_need_a_store_and_never_create_one(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "store.sqlite"
    result = Lovwatch(db)("list")
    assert result.code == 3
    assert f"no store at {db}; run `lovwatch crawl` or `lovwatch db upgrade`" in result.stderr
    assert not db.parent.exists()
    # A writing command does not invent the folder either.
    assert Lovwatch(db)("db", "upgrade").code == 3
    assert not db.parent.exists()


def test_read_commands_leave_the_store_and_its_mode_as_they_are(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    lovwatch = Lovwatch(db)
    lovwatch("db", "upgrade", check=True)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600  # created private
    db.chmod(0o640)  # a team shares it
    before = db.read_bytes()
    for command in (["list"], ["events"], ["runs"], ["categories"], ["stats"]):
        lovwatch(*command, check=True)
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
    assert db.read_bytes() == before
    # A store its owner made read-only can still be read.
    db.chmod(0o440)
    try:
        assert lovwatch("list", "--format", "json").code == 0
    finally:
        db.chmod(0o640)


@pytest.mark.sqlite_only
def test_an_unchanged_refresh_rewrites_no_advert_row(lovwatch: Lovwatch) -> None:
    import sqlite3

    with ReplicaServer(initial_adverts()[:30]) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        first = {row["id"]: row["last_seen"] for row in _adverts_with_moments(lovwatch)}
        with sqlite3.connect(lovwatch.db) as connection:
            connection.executescript(
                "CREATE TABLE rewritten (id TEXT);"
                "CREATE TRIGGER note_rewrite AFTER UPDATE ON advert "
                "BEGIN INSERT INTO rewritten VALUES (NEW.id); END;"
            )
        time.sleep(1.1)  # the second run's moment differs from the first's
        assert lovwatch.crawl(server.base_url).code == 0
    with sqlite3.connect(lovwatch.db) as connection:
        assert connection.execute("SELECT count(*) FROM rewritten").fetchone() == (0,)
    second = {row["id"]: row["last_seen"] for row in _adverts_with_moments(lovwatch)}
    assert set(second) == set(first)
    assert all(second[key] > first[key] for key in first)  # seen again, all the same


def _adverts_with_moments(lovwatch: Lovwatch) -> list[dict[str, Any]]:
    return list(lovwatch("list", "--format", "json", check=True).json())


def test_json_logs_carry_the_run_id(lovwatch: Lovwatch) -> None:
    with ReplicaServer(initial_adverts()[:5]) as server:
        result = lovwatch("--log-format", "json", "crawl", "--base-url", server.base_url, *FAST)
    assert result.code == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    recorded = [line for line in lines if line.get("run_id") == 1]
    assert recorded and recorded[0]["status"] == "complete" and recorded[0]["source"] == "national"
