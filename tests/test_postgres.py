"""The same crawl history on PostgreSQL: the store is not SQLite-only."""

from __future__ import annotations

from pathlib import Path

from conftest import Lovwatch
from faulty_replica import FaultyReplica

from lovwatch.replica.dataset import NEXT_DAY_CHANGES, next_day_adverts
from lovwatch.replica.server import ReplicaServer


def test_crawl_history_on_postgresql(
    replica: ReplicaServer, postgres_url: str, tmp_path: Path
) -> None:
    lovwatch = Lovwatch(tmp_path / "unused.sqlite", env={"LOVWATCH_DB": postgres_url})
    assert lovwatch("db", "upgrade").code == 0
    assert lovwatch.crawl(replica.base_url).code == 0
    replica.set_adverts(next_day_adverts())
    assert lovwatch.crawl(replica.base_url).code == 0
    events = lovwatch("events", "--no-baseline", "--format", "json").json()
    assert {e["advert_id"] for e in events if e["kind"] == "new"} == set(NEXT_DAY_CHANGES["new"])
    assert {e["advert_id"] for e in events if e["kind"] == "changed"} == set(
        NEXT_DAY_CHANGES["changed"]
    )
    hemtjanst = lovwatch("list", "--category", "hemtjanst", "--format", "json").json()
    assert hemtjanst and all(
        "hemtjanst" in {c["code"] for c in row["categories"]} for row in hemtjanst
    )
    assert not (tmp_path / "unused.sqlite").exists()


def test_a_read_command_creates_nothing_in_an_empty_database(
    postgres_url: str, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine, inspect

    lovwatch = Lovwatch(tmp_path / "unused.sqlite", env={"LOVWATCH_DB": postgres_url})
    result = lovwatch("list")
    assert result.code == 3 and "run `lovwatch db upgrade`" in result.stderr
    engine = create_engine(postgres_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_two_national_crawls_at_once_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from conftest import FAST

    from lovwatch.replica.dataset import initial_adverts

    lovwatch = Lovwatch(tmp_path / "unused.sqlite", env={"LOVWATCH_DB": postgres_url})
    lovwatch("db", "upgrade", check=True)
    with FaultyReplica(initial_adverts()[:8]) as server:
        server.faults.slow_paths["/hitta-lov-uppdrag/annonser/"] = 4.0  # outlasts a start-up
        environment = {**lovwatch.environment(), "LOVWATCH_DB": postgres_url}
        first = subprocess.Popen(
            [sys.executable, "-m", "lovwatch", "crawl", "--base-url", server.base_url, *FAST],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not any(p.startswith("/hitta-lov-uppdrag/annonser/") for p in server.requests):
            assert time.monotonic() < deadline, "the first crawl never reached the pages"
            time.sleep(0.05)
        second = lovwatch.crawl(server.base_url)
        assert second.code == 1
        assert "another national crawl is running (run 1, started " in second.stderr
        assert first.wait(timeout=120) == 0
