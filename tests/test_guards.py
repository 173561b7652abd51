"""A site that answers but stops telling the truth: a page layout that changed overnight makes a
run degraded, a listing that suddenly halves holds its endings, and only the operator hears."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import Lovwatch
from faulty_replica import FaultyReplica
from notify_helpers import Receiver

from lovwatch.models.guards import Guards, agreed, breaker, coverage, drifted_fields
from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer

ADVERTS = initial_adverts()[:40]
FULL = {"authority": True, "areas": True, "published": True, "updated": True, "contact": True}


def test_coverage_is_the_share_of_pages_per_field() -> None:
    shares, pages = coverage([FULL, {**FULL, "contact": False}, {}, FULL])
    assert pages == 4
    assert shares["authority"] == 0.75 and shares["contact"] == 0.5


def test_a_field_that_falls_well_below_the_last_runs_share_has_drifted() -> None:
    before = {"authority": 1.0, "areas": 0.9, "published": 1.0, "updated": 1.0, "contact": 0.8}
    after = {**before, "authority": 0.1, "contact": 0.6}
    assert drifted_fields(after, 20, before) == ["authority 1.00 → 0.10"]
    # Too few pages to judge, or nothing to compare with: no verdict.
    assert drifted_fields(after, 2, before) == []
    assert drifted_fields(after, 20, None) == []


def test_the_breaker_trips_on_many_endings_or_a_falling_count_only() -> None:
    assert breaker(endings=3, active=10, hits=7, previous_hits=10) is None  # too few to hold
    assert "of 100 active adverts" in (breaker(20, 100, 80, 100) or "")
    assert breaker(8, 100, 92, 100) is None
    assert "numberOfHits fell from 100 to 70" in (breaker(6, 1000, 70, 100) or "")
    assert breaker(40, 100, 60, 100, Guards(max_end_share=0.5, max_hits_drop=0.5)) is None


def test_a_later_run_agrees_only_on_the_adverts_it_still_misses() -> None:
    assert agreed({"a", "b", "c"}, ["b", "c", "d"]) == {"b", "c"}
    assert agreed({"a"}, None) == set()


def _crawl(lovwatch: Lovwatch, server: ReplicaServer, *extra: str) -> dict:
    result = lovwatch.crawl(server.base_url, "--format", "json", *extra)
    return {"code": result.code, **json.loads(result.stdout)}


def test_a_relaunched_page_layout_degrades_the_run_and_alerts_only_the_operator(
    lovwatch: Lovwatch,
) -> None:
    with ReplicaServer(ADVERTS) as server, Receiver() as operator, Receiver() as subscriber:
        assert _crawl(lovwatch, server)["status"] == "complete"
        lovwatch("subscribe", "add", "all", "--notify", subscriber.url(), "--events", "all")
        # Overnight every page moves to a layout without labels, and every date moves.
        server.set_adverts(
            [replace(advert, layout="relaunch", updated="2026-12-01") for advert in ADVERTS]
        )
        before = lovwatch("list", "--format", "json", check=True).json()
        result = lovwatch(
            "run", "--base-url", server.base_url, "--delay", "0", "--concurrency", "4",
            "--operator-notify", operator.url(),
        )  # fmt: skip
        assert result.code == 1
        assert "degraded" in result.stderr and "authority 1.00 → 0.00" in result.stderr
        assert lovwatch("list", "--format", "json", check=True).json() == before
        assert lovwatch("events", "--no-baseline", "--format", "json", check=True).json() == []
        assert subscriber.received == []
        assert len(operator.received) == 1
        assert "degraded" in operator.received[0].body.decode()


def test_a_halved_listing_holds_its_endings_until_a_later_run_agrees(lovwatch: Lovwatch) -> None:
    gone = {advert.key for advert in ADVERTS[::2]}
    with ReplicaServer(ADVERTS) as server, Receiver() as operator:
        assert _crawl(lovwatch, server)["status"] == "complete"
        # A search-index fault: half the adverts vanish and their pages answer 404.
        server.set_adverts(
            [
                replace(advert, listed=False, page_status=404) if advert.key in gone else advert
                for advert in ADVERTS
            ]
        )
        held = _crawl(lovwatch, server, "--operator-notify", operator.url())
        assert held["code"] == 0 and held["ended"] == 0
        assert set(held["held_endings"]) == gone
        assert len(operator.received) == 1
        assert "20 endings held back" in operator.received[0].body.decode()
        active = lovwatch("list", "--format", "json", check=True).json()
        assert len(active) == len(ADVERTS)
        # The next day still misses the same adverts: that run agrees and ends them.
        agreeing = _crawl(lovwatch, server)
        assert agreeing["ended"] == len(gone) and agreeing["held_endings"] == []
    ended = lovwatch("list", "--status", "ended", "--format", "json", check=True).json()
    assert {row["id"] for row in ended} == gone


def test_the_operator_can_release_held_endings(lovwatch: Lovwatch) -> None:
    gone = {advert.key for advert in ADVERTS[:30]}
    with ReplicaServer(ADVERTS) as server:
        _crawl(lovwatch, server)
        server.set_adverts(
            [replace(a, listed=False, page_status=404) if a.key in gone else a for a in ADVERTS]
        )
        run_id = _crawl(lovwatch, server)["run_id"]
    assert lovwatch("runs", "release", str(run_id + 1)).code == 2  # holds nothing
    released = lovwatch("runs", "release", str(run_id), check=True)
    assert f"released {len(gone)} endings" in released.stdout
    events = lovwatch("events", "--kind", "ended", "--format", "json", check=True).json()
    assert {event["advert_id"] for event in events} == gone


def test_a_committee_name_shared_by_two_municipalities_keeps_each_ones_codes(
    lovwatch: Lovwatch,
) -> None:
    goteborg = next(a for a in ADVERTS if a.buyer_slug == "goteborgs-stad")
    salem = next(a for a in ADVERTS if a.buyer_slug == "salems-kommun")
    shared = [replace(advert, authority="Socialnämnden") for advert in (goteborg, salem)]
    with ReplicaServer(shared) as server:
        assert _crawl(lovwatch, server)["status"] == "complete"
    rows = lovwatch("list", "--format", "json", check=True).json()
    codes = {row["id"]: (row["authority"], row["municipality_code"]) for row in rows}
    assert codes == {
        goteborg.key: ("Socialnämnden", "1480"),
        salem.key: ("Socialnämnden", "0128"),
    }


@pytest.mark.sqlite_only
def test_scout_shows_what_would_change_and_writes_nothing(lovwatch: Lovwatch) -> None:
    from lovwatch.replica.dataset import NEXT_DAY_CHANGES, next_day_adverts

    with ReplicaServer(initial_adverts()) as server:
        assert _crawl(lovwatch, server)["status"] == "complete"
        server.set_adverts(next_day_adverts())
        server.reset_log()
        before = lovwatch.db.read_bytes()
        scout = lovwatch.crawl(server.base_url, "--scout", "--sample", "3", "--format", "json")
        pages = [p for p in server.requests if p.startswith("/hitta-lov-uppdrag/annonser/")]
    assert scout.code == 0, scout.stderr
    found = scout.json()
    assert lovwatch.db.read_bytes() == before
    assert set(found["new"]) == set(NEXT_DAY_CHANGES["new"])
    assert found["pages_sampled"] == 3 and len(pages) == 3
    assert found["coverage"]["authority"] == 1.0
    runs = lovwatch("runs", "--format", "json", check=True).json()
    assert len(runs) == 1  # the scout recorded no run


def test_doctor_reports_a_source_that_failed_three_runs_in_a_row(lovwatch: Lovwatch) -> None:
    with FaultyReplica(ADVERTS) as server, Receiver() as operator:
        assert _crawl(lovwatch, server)["status"] == "complete"
        healthy = lovwatch("doctor", "--format", "json")
        assert healthy.code == 0, healthy.stdout
        server.faults.fail_listing_offsets.add(0)
        for _ in range(3):
            assert lovwatch.crawl(server.base_url, "--retries", "0").code == 1
        sick = lovwatch("doctor", "--operator-notify", operator.url(), "--format", "json")
    assert sick.code == 1
    checks = {row["check"]: row for row in sick.json()}
    assert checks["national failures"]["status"] == "attention"
    assert checks["national failures"]["message"].startswith("3 failed, partial or degraded")
    assert len(operator.received) == 1


def test_a_new_advert_whose_page_fails_is_announced_when_its_page_is_read(
    lovwatch: Lovwatch,
) -> None:
    from lovwatch.replica.dataset import next_day_adverts

    day_two = next_day_adverts()
    newcomer = next(a for a in day_two if a.key not in {b.key for b in initial_adverts()})
    failing = [replace(a, page_status=503) if a.key == newcomer.key else a for a in day_two]
    with ReplicaServer(initial_adverts()) as server:
        assert _crawl(lovwatch, server)["status"] == "complete"
        server.set_adverts(failing)
        assert _crawl(lovwatch, server, "--retries", "0")["status"] == "complete"
        news = lovwatch("events", "--kind", "new", "--no-baseline", "--format", "json").json()
        assert newcomer.key not in {event["advert_id"] for event in news}
        server.set_adverts(day_two)
        assert _crawl(lovwatch, server)["status"] == "complete"
    news = lovwatch("events", "--kind", "new", "--no-baseline", "--format", "json").json()
    assert [e["advert_id"] for e in news].count(newcomer.key) == 1
    shown = lovwatch("show", newcomer.key, "--format", "json", check=True).json()
    assert shown["authority"] == newcomer.authority
