"""Faults the fault-suite table in the README lists beyond the crawl's own: a store that is
full or locked while a run is applied, absurd dates in a live crawl, a notification target down
for a day, and Ctrl-C or SIGTERM while `lovwatch notify` sends.

Each test checks the same things: no advert is ended or changed falsely, none is lost, no
delivery is made twice or lost without a trace, and the user reads one sentence, never a
traceback.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import FAST, Lovwatch, Result
from faulty_replica import FaultyReplica
from notify_helpers import ADVERTS, Receiver, seed
from sqlmodel import Session, select

from lovwatch.models.store import open_store, session_scope
from lovwatch.models.subscriptions import Delivery
from lovwatch.notify.delivery import notify
from lovwatch.notify.files import build_spec
from lovwatch.notify.subscriptions import describe, find, save
from lovwatch.replica.dataset import generated_adverts
from lovwatch.replica.server import ReplicaServer

ADVERT_PAGES = "/hitta-lov-uppdrag/annonser/"
T0 = datetime(2026, 3, 2, 6, 0)


def one_sentence(result: Result) -> str:
    """The single line a failed command prints; fails on a traceback or a chatty stderr."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    return lines[0]


def new_events(lovwatch: Lovwatch) -> Counter[str]:
    """Advert id → how many non-baseline `new` events it has."""
    result = lovwatch("events", "--since", "2000-01-01", "--limit", "10000", "--format", "json")
    assert result.code == 0, result.stderr
    return Counter(
        e["advert_id"] for e in result.json() if e["kind"] == "new" and not e["baseline"]
    )


def counts(lovwatch: Lovwatch) -> tuple[int, int]:
    """(adverts, events) in the store, read through the CLI."""
    adverts = lovwatch("list", "--status", "all", "--format", "json")
    events = lovwatch("events", "--since", "2000-01-01", "--limit", "10000", "--format", "json")
    assert adverts.code == 0 and events.code == 0, adverts.stderr + events.stderr
    return len(adverts.json()), len(events.json())


def crawl_process(lovwatch: Lovwatch, base_url: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lovwatch", "crawl", "--base-url", base_url, *FAST],
        env=lovwatch.environment(None),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def crawl_on_a_full_disk(lovwatch: Lovwatch, base_url: str, room: int) -> Result:
    """A crawl whose files cannot grow past `room` bytes: a real write error (EFBIG) from the
    kernel, as from a full disk."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    process = crawl_process(lovwatch, base_url, preexec_fn=limit)
    out, err = process.communicate(timeout=180)
    return Result(process.returncode, out, err)


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.sqlite_only
def test_a_full_disk_while_a_crawl_is_applied_changes_nothing_and_says_so(
    lovwatch: Lovwatch, store: Path
) -> None:
    adverts = generated_adverts(40)
    with ReplicaServer(adverts[:20]) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        before = counts(lovwatch)
        server.set_adverts(adverts)  # 20 new adverts to write: more than the disk has room for
        full = crawl_on_a_full_disk(lovwatch, server.base_url, store.stat().st_size)
        assert full.code == 1
        assert "disk is full" in one_sentence(full)
        assert counts(lovwatch) == before  # nothing of the run was written

        again = lovwatch.crawl(server.base_url)
        assert again.code == 0, again.stderr
        assert new_events(lovwatch) == Counter({a.key: 1 for a in adverts[20:]})


@pytest.mark.sqlite_only
def test_a_disk_too_full_to_record_the_run_crawls_nothing_and_says_so(
    lovwatch: Lovwatch, store: Path
) -> None:
    adverts = generated_adverts(20)
    with ReplicaServer(adverts[:10]) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        before = counts(lovwatch)
        server.set_adverts(adverts)
        server.reset_log()
        # Not even room for the journal of the run's first row.
        full = crawl_on_a_full_disk(lovwatch, server.base_url, 2048)
        assert full.code == 1
        assert "disk is full" in one_sentence(full) and "nothing was crawled" in full.stderr
        assert server.requests == []  # refused before the first request
        assert counts(lovwatch) == before


@pytest.mark.sqlite_only
def test_a_store_locked_through_the_apply_is_told_and_the_next_run_catches_up(
    lovwatch: Lovwatch, store: Path
) -> None:
    adverts = generated_adverts(30)
    with FaultyReplica(adverts[:20]) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        before = counts(lovwatch)
        server.set_adverts(adverts)
        server.faults.slow_paths = {ADVERT_PAGES: 0.3}
        server.reset_log()
        lovwatch.env["LOVWATCH_BUSY_TIMEOUT"] = "2"
        process = crawl_process(lovwatch, server.base_url)
        wait_for(lambda: any(path.startswith(ADVERT_PAGES) for path in server.requests))
        other_program = sqlite3.connect(store, isolation_level=None)
        other_program.execute("BEGIN EXCLUSIVE")  # holds the store until the crawl gave up
        try:
            out, err = process.communicate(timeout=180)
        finally:
            other_program.execute("ROLLBACK")
            other_program.close()
        locked = Result(process.returncode, out, err)
        assert locked.code == 1
        assert "locked by another program" in one_sentence(locked)
        assert counts(lovwatch) == before

        server.faults.slow_paths = {}
        again = lovwatch.crawl(server.base_url)
        assert again.code == 0, again.stderr
        assert new_events(lovwatch) == Counter({a.key: 1 for a in adverts[20:]})
        runs = {run["id"]: run["status"] for run in lovwatch("runs", "--format", "json").json()}
        assert runs == {1: "complete", 2: "failed", 3: "complete"}


def test_an_invalid_busy_timeout_is_one_sentence(lovwatch: Lovwatch) -> None:
    result = lovwatch("list", env={"LOVWATCH_BUSY_TIMEOUT": "soon"})
    assert result.code == 3
    assert "LOVWATCH_BUSY_TIMEOUT" in one_sentence(result)


def test_absurd_dates_in_a_live_crawl_are_unknown_and_never_a_change(lovwatch: Lovwatch) -> None:
    # A few odd values among many, as a live crawl meets them (a page layout that loses its
    # dates wholesale is another fault: the drift guard's, in test_guards.py).
    adverts = generated_adverts(40)
    with ReplicaServer(adverts[:30]) as server:
        assert lovwatch.crawl(server.base_url).code == 0
        known = {a.key: lovwatch("show", a.key, "--format", "json").json() for a in adverts[:2]}
        adverts[0].updated = "2026-11-01T25:99:00"  # known adverts whose date turns absurd
        adverts[1].updated = "9999-12-31"
        adverts[30].updated = "3026-01-01"  # new adverts that arrive with one
        adverts[31].updated = "2026-02-30"
        adverts[35].published = "9999-99-99"
        adverts[36].published = "0001-01-01"
        server.set_adverts(adverts)
        result = lovwatch.crawl(server.base_url, "--format", "json")
        assert result.code == 0, result.stderr
        assert "Traceback" not in result.stderr
        summary = result.json()
        assert (summary["new"], summary["changed"], summary["ended"]) == (10, 0, 0)

        assert new_events(lovwatch) == Counter({a.key: 1 for a in adverts[30:]})

        def shown(index: int) -> dict[str, object]:
            return lovwatch("show", adverts[index].key, "--format", "json").json()

        for index in (0, 1):  # the date they had stays; nothing reads as an update
            assert shown(index)["updated"] == known[adverts[index].key]["updated"]
        assert shown(30)["updated"] is None and shown(31)["updated"] is None
        assert shown(35)["published"] is None and shown(36)["published"] is None
        assert shown(32)["updated"] is not None  # (the others keep theirs)
        # The readers of the store take the odd values in their stride.
        for command in (("stats",), ("trends",), ("list", "--format", "csv")):
            read = lovwatch(*command)
            assert read.code == 0 and "Traceback" not in read.stderr, read.stderr


def subscribe(engine, name: str, url: str) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        save(session, build_spec(name, (url,)))


def test_a_target_down_for_a_day_gets_every_event_once_when_it_returns(
    store: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at(moment: datetime) -> None:
        monkeypatch.setenv("LOVWATCH_NOW", moment.isoformat())

    engine = open_store(str(store))
    with Receiver(fail_first=10**6) as down, Receiver() as up:
        at(T0 - timedelta(days=1))
        subscribe(engine, "down", down.url())
        subscribe(engine, "up", up.url())
        seed(engine, T0, ADVERTS[:2])
        flagged_during_outage = False
        for hour in range(0, 73):  # cron every hour for three days
            moment = T0 + timedelta(hours=hour)
            if hour == 12:
                seed(engine, moment, ADVERTS[2:4])  # more news while the target is down
            if hour == 24:
                down.fail_first = 0  # back up after a day
            at(moment)
            notify(engine)
            if hour == 23:
                with Session(engine) as session:
                    flagged_during_outage = describe(session, find(session, "down"))["flagged"]

        assert flagged_during_outage
        assert len(down.refused) < 24  # backoff: not a request per run all day
        assert len(down.received) == 1  # everything owed, in one message when it returned
        assert len(up.received) == 2  # the healthy target was never held up
        with Session(engine) as session:
            statuses = Counter(d.status for d in session.exec(select(Delivery)))
            assert not describe(session, find(session, "down"))["flagged"]
        assert statuses == Counter({"sent": 8})  # 4 events x 2 targets, each once
        message = down.received[0].message
        assert all(message.count(spec["title"]) == 1 for spec in ADVERTS[:4]), message


def notify_process(store: Path | str, moment: datetime) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lovwatch", "notify"],
        env={**os.environ, "LOVWATCH_DB": str(store), "LOVWATCH_NOW": moment.isoformat()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_notify_stopped_while_sending_sends_nothing_twice_and_loses_nothing_silently(
    store: Path | str, monkeypatch: pytest.MonkeyPatch, stop: signal.Signals
) -> None:
    monkeypatch.setenv("LOVWATCH_NOW", (T0 - timedelta(days=1)).isoformat())
    engine = open_store(str(store))
    with Receiver() as first, Receiver() as second:
        subscribe(engine, "first", first.url())
        subscribe(engine, "second", second.url())
        seed(engine, T0, ADVERTS[:3])
        first.release.clear()  # the first target's answer hangs: the run is mid-send
        second.release.clear()
        process = notify_process(store, T0)
        wait_for(lambda: first.arrived.is_set() or second.arrived.is_set())
        process.send_signal(stop)
        threading.Timer(1.0, first.release.set).start()
        threading.Timer(1.0, second.release.set).start()
        out, err = process.communicate(timeout=60)
        # Ctrl-C: one line and 130; SIGTERM: stopped by the signal itself, as cron expects.
        assert process.returncode == (130 if stop == signal.SIGINT else -signal.SIGTERM), err
        assert "Traceback" not in err
        assert len([line for line in err.splitlines() if line.strip()]) <= 1, err

        # Later runs: past the time after which a row left "sending" is called uncertain.
        for moment in (T0 + timedelta(minutes=5), T0 + timedelta(hours=1)):
            later = notify_process(store, moment)
            assert later.wait(60) == 0, later.stderr.read() if later.stderr else ""

        with Session(engine) as session:
            deliveries = list(session.exec(select(Delivery)))
        by_target: dict[int, list[str]] = {}
        for delivery in deliveries:
            by_target.setdefault(delivery.target_id, []).append(delivery.status)
        received = {1: len(first.received), 2: len(second.received)}
        for target, statuses in by_target.items():
            assert len(statuses) == 3  # every event owed to every target, recorded once
            assert received[target] <= 1  # never twice
            # Either it was sent, or the row says plainly that it may not have arrived.
            assert set(statuses) in ({"sent"}, {"uncertain"}), statuses
            assert received[target] == 1 or set(statuses) == {"uncertain"}
        assert sum(received.values()) >= 1  # the target that was not mid-send got its message
