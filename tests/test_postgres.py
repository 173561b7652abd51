"""The same crawl history on PostgreSQL: the store is not SQLite-only."""

from __future__ import annotations

from pathlib import Path

from conftest import Lovwatch

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
