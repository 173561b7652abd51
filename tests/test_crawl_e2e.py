"""End-to-end: the real `lovwatch crawl` against the replica over real HTTP on loopback.

Expectations come from the replica's own data (`NEXT_DAY_CHANGES`, the adverts it serves), not
from numbers written here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import Lovwatch
from faulty_replica import FaultyReplica
from sqlalchemy import text

from lovwatch.models.store import open_store
from lovwatch.normalize.authorities import match_authority
from lovwatch.replica.dataset import (
    NEXT_DAY_CHANGES,
    generated_adverts,
    initial_adverts,
    next_day_adverts,
)
from lovwatch.replica.server import ReplicaServer

SEARCH = "/api/sv/hitta-lov/search"


def events_by_kind(lovwatch: Lovwatch) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for event in lovwatch("events", "--no-baseline", "--format", "json", check=True).json():
        found.setdefault(event["kind"], set()).add(event["advert_id"])
    return found


def table_counts(store: Path | str) -> dict[str, int]:
    engine = open_store(str(store), write=False)
    try:
        with engine.connect() as db:
            return {
                table: db.execute(text(f"select count(*) from {table}")).scalar_one()
                for table in ("advert", "advertversion", "event", "advertcategory")
            }
    finally:
        engine.dispose()


def test_baseline_then_next_day_events_exactly(replica: ReplicaServer, lovwatch: Lovwatch) -> None:
    first = lovwatch.crawl(replica.base_url, "--format", "json")
    assert first.code == 0, first.stderr
    summary = first.json()
    assert summary["status"] == "complete" and summary["baseline"] is True
    listed = [advert for advert in initial_adverts() if advert.listed]
    assert summary["new"] == len(listed)
    stored = lovwatch("list", "--format", "json", check=True).json()
    assert {row["id"] for row in stored} == {advert.key for advert in listed}
    # Baseline events are history, not news.
    assert events_by_kind(lovwatch) == {}

    replica.set_adverts(next_day_adverts())
    second = lovwatch.crawl(replica.base_url, "--format", "json")
    assert second.code == 0, second.stderr
    assert second.json()["baseline"] is False
    events = events_by_kind(lovwatch)
    assert events.get("new") == set(NEXT_DAY_CHANGES["new"])
    assert events.get("changed") == set(NEXT_DAY_CHANGES["changed"])
    assert events.get("ended") == set(NEXT_DAY_CHANGES["gone_404"] + NEXT_DAY_CHANGES["gone_410"])
    # Only `updated` moved: not a change. Delisted with a live page: not ended yet.
    touched_or_alive = set(NEXT_DAY_CHANGES["touched"] + NEXT_DAY_CHANGES["delisted_alive"])
    assert not touched_or_alive & set().union(*events.values())

    third = lovwatch.crawl(replica.base_url, "--format", "json")
    assert third.code == 0
    assert events_by_kind(lovwatch)["ended"] == set(
        NEXT_DAY_CHANGES["gone_404"]
        + NEXT_DAY_CHANGES["gone_410"]
        + NEXT_DAY_CHANGES["delisted_alive"]
    )
    ended = lovwatch("list", "--status", "ended", "--format", "json", check=True).json()
    assert all(row["ended_at"] for row in ended)


def test_history_grows_with_changes_not_crawls(
    replica: ReplicaServer, lovwatch: Lovwatch, store: Path
) -> None:
    assert lovwatch.crawl(replica.base_url).code == 0
    after_first = table_counts(store)
    assert lovwatch.crawl(replica.base_url).code == 0
    assert table_counts(store) == after_first
    replica.set_adverts(next_day_adverts())
    assert lovwatch.crawl(replica.base_url).code == 0
    versions = table_counts(store)["advertversion"] - after_first["advertversion"]
    assert versions == len(NEXT_DAY_CHANGES["new"]) + len(NEXT_DAY_CHANGES["changed"])
    shown = lovwatch("show", NEXT_DAY_CHANGES["changed"][0], "--format", "json").json()
    assert len(shown["versions"]) == 2 and shown["versions"][1]["changed_fields"]
    assert [e["kind"] for e in shown["events"]] == ["new", "changed"]


def test_unchanged_refresh_requests_only_the_listing(lovwatch: Lovwatch) -> None:
    adverts = generated_adverts(230)
    with ReplicaServer(adverts) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        first = Counter(path.split("?")[0] for path in server.requests)
        assert first[SEARCH] == 3  # 100 + 100 + 30
        server.reset_log()
        assert lovwatch.crawl(server.base_url).code == 0
        assert sorted(server.requests) == sorted(
            ["/robots.txt"] + [f"{SEARCH}?query=&fetch=100&offset={o}" for o in (0, 100, 200)]
        )
        # One advert vanishes: exactly one confirmation request more.
        gone = adverts[5]
        gone.listed = False
        server.set_adverts(adverts)
        server.reset_log()
        assert lovwatch.crawl(server.base_url).code == 0
        pages = [path for path in server.requests if not path.startswith((SEARCH, "/robots"))]
        assert pages == [f"/hitta-lov-uppdrag/annonser/{gone.key}/"]


@pytest.mark.parametrize("fault", ["fail", "truncated", "empty", "slow"])
def test_a_failing_listing_page_ends_nothing_and_exits_non_zero(
    fault: str, lovwatch: Lovwatch, store: Path
) -> None:
    adverts = generated_adverts(250)
    with FaultyReplica(adverts) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        before = table_counts(store)
        # Next day: a real change that a partial run must not half-apply.
        for advert in adverts[:20]:
            advert.listed = False
            advert.page_status = 404
        server.set_adverts(adverts)
        match fault:
            case "fail":
                server.faults.fail_listing_offsets = {100}
            case "truncated":
                server.faults.truncated_json_offsets = {200}
            case "empty":
                server.faults.empty_page_offsets = {100}
            case "slow":
                server.faults.slow_paths = {f"{SEARCH}?query=&fetch=100&offset=100": 3.0}
        result = lovwatch.crawl(server.base_url, "--retries", "1", "--timeout", "1")
        assert result.code == 1
        assert result.stdout == ""
        message = result.stderr.strip().splitlines()[-1]
        assert message.startswith("run 2 partial: ")
        assert table_counts(store) == before
        runs = lovwatch("runs", "--format", "json", check=True).json()
        assert runs[0]["status"] == "partial" and runs[0]["reason"]
        assert lovwatch("list", "--format", "json").json().__len__() == len(adverts)


def test_rate_limits_and_odd_payloads_are_survived(lovwatch: Lovwatch) -> None:
    with FaultyReplica(initial_adverts()) as server:
        server.faults.too_many_requests = 2
        server.faults.extra_keys = True
        server.faults.null_business_areas = True
        server.faults.timestamp_updated = True
        # Without robots.txt, the two 429 answers fall on the listing itself.
        result = lovwatch.crawl(server.base_url, "--format", "json", "--ignore-robots")
        assert result.code == 0, result.stderr
        assert result.json()["new"] == len(initial_adverts())
        listing = [path for path in server.requests if path.startswith(SEARCH)]
        assert len(listing) == 3  # two 429 answers, each retried after its Retry-After
        rows = lovwatch("list", "--format", "json", check=True).json()
        # With businessAreas null, headings and pages still carry the categories.
        assert sum(1 for row in rows if row["categories"]) >= 0.95 * len(rows)


def test_authorities_and_codes_match_the_served_names(
    replica: ReplicaServer, lovwatch: Lovwatch
) -> None:
    assert lovwatch.crawl(replica.base_url).code == 0
    rows = {row["id"]: row for row in lovwatch("list", "--format", "json").json()}
    for advert in initial_adverts():
        expected = match_authority(advert.authority)
        row = rows[advert.key]
        assert row["authority"] == advert.authority
        assert (row["municipality_code"], row["county_code"]) == (
            expected.municipality_code,
            expected.county_code,
        ), advert.key
    required = {
        "id",
        "url",
        "title",
        "authority",
        "municipality_code",
        "county_code",
        "categories",
        "status",
        "updated",
        "first_seen",
        "last_seen",
        "ended_at",
    }
    assert all(required <= set(row) for row in rows.values())
    assert all({"code", "label"} <= set(c) for row in rows.values() for c in row["categories"])


def test_a_killed_crawl_leaves_the_store_consistent(lovwatch: Lovwatch, store: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    adverts = generated_adverts(150)
    with FaultyReplica(adverts) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        before = table_counts(store)
        for advert in adverts[:30]:
            advert.updated = "2030-01-01"
            advert.heading += " (ny version)"
        server.set_adverts(adverts)
        server.faults.slow_paths = {"/hitta-lov-uppdrag/annonser/": 0.5}
        server.reset_log()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "lovwatch",
                "--db",
                str(store),
                "crawl",
                "--base-url",
                server.base_url,
                "--delay",
                "0",
            ],
            env={**os.environ, "LOVWATCH_DB": str(store)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not any(p.startswith("/hitta-lov-uppdrag/annonser/") for p in server.requests):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert table_counts(store) == before
        server.faults.slow_paths = {}
        result = lovwatch.crawl(server.base_url, "--format", "json")
        assert result.code == 0 and result.json()["changed"] == 30
    runs = lovwatch("runs", "--format", "json").json()
    assert [run["status"] for run in runs] == ["complete", "failed", "complete"]
    assert "interrupted" in runs[1]["reason"]


def test_an_unstable_order_is_read_whole_with_another_pass(lovwatch: Lovwatch) -> None:
    adverts = generated_adverts(250)
    with FaultyReplica(adverts) as server:
        # Each search request sees the order rotated: pages overlap and leave gaps.
        server.faults.drifting_order = 7
        result = lovwatch.crawl(server.base_url, "--format", "json")
        assert result.code == 0, result.stderr
        assert result.json()["new"] == len(adverts)
        listing = [path for path in server.requests if path.startswith(SEARCH)]
        assert len(listing) > 3  # one pass was not enough
        stored = {row["id"] for row in lovwatch("list", "--format", "json").json()}
        assert stored == {advert.key for advert in adverts}


def test_the_site_at_a_new_address_is_the_same_site(lovwatch: Lovwatch) -> None:
    # Day two is served by a new server on another port: links into the site count by path,
    # and vanished adverts are confirmed at the new address.
    with ReplicaServer(initial_adverts()) as first:
        assert lovwatch.crawl(first.base_url).code == 0
    with ReplicaServer(next_day_adverts()) as second:
        assert lovwatch.crawl(second.base_url).code == 0
        confirmations = [p for p in second.requests if p.startswith("/hitta-lov-uppdrag/")]
    events = events_by_kind(lovwatch)
    assert events.get("changed") == set(NEXT_DAY_CHANGES["changed"])
    assert events.get("ended") == set(NEXT_DAY_CHANGES["gone_404"] + NEXT_DAY_CHANGES["gone_410"])
    gone = NEXT_DAY_CHANGES["gone_404"] + NEXT_DAY_CHANGES["gone_410"]
    assert {f"/hitta-lov-uppdrag/annonser/{key}/" for key in gone} <= set(confirmations)
