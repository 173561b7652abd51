"""The notifier through the real CLI: crawl the replica, subscribe, run, notify; real json://,
form:// and mailto:// targets on loopback.

The end-to-end and crash tests run `lovwatch` in a subprocess, as cron would; the others invoke
the same click commands in-process (click's CliRunner) because a subprocess costs ~2 s of
imports each.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FAST, Result
from notify_helpers import ADVERTS, Receiver, SmtpSink, seed, smtp_sink

from lovwatch.cli import cli
from lovwatch.models.store import open_store
from lovwatch.replica.dataset import next_day_adverts

DAY1 = datetime(2026, 3, 1, 6, 0)
DAY2 = DAY1 + timedelta(days=1)
SECRET = "s3cret-Passw0rd"
TOKEN = "TOKENabc123XYZ"


def at(moment: datetime) -> dict[str, str]:
    return {"LOVWATCH_NOW": moment.isoformat()}


class InProcess:
    """`lovwatch(...)` like the conftest fixture, but in this process: same `Result`."""

    def __init__(self, store: Path) -> None:
        self.store = store

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, check: bool = False
    ) -> Result:
        environment = {"LOVWATCH_DB": str(self.store), "LOVWATCH_NOW": None, **(env or {})}
        outcome = CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        if check and result.code != 0:
            raise AssertionError(
                f"lovwatch {' '.join(args)} exited {result.code}:\n{result.stdout}\n{result.stderr}"
            )
        return result


@pytest.fixture
def quick(store: Path) -> InProcess:
    return InProcess(store)


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    yield from smtp_sink()


def test_crawl_subscribe_run_notify_end_to_end(
    faulty_replica, lovwatch, quick, store, smtp, tmp_path
):
    with Receiver() as receiver:
        assert lovwatch.crawl(faulty_replica.base_url, env=at(DAY1)).code == 0  # baseline
        hook = f"json://robot:{SECRET}@127.0.0.1:{receiver.port}/hook/{TOKEN}"
        added = quick(
            "subscribe",
            "add",
            "stockholm",
            "--notify",
            hook,
            "--county",
            "Stockholms län",
            "--category",
            "Ledsagning",
            "--category",
            "Logopedi",
            env=at(DAY1 + timedelta(hours=1)),
        )
        assert added.code == 0, added.stderr
        assert SECRET not in added.stdout + added.stderr and TOKEN not in added.stdout
        subscriptions = tmp_path / "more.toml"
        subscriptions.write_text(
            '[[subscriptions]]\nname = "avslut"\n'
            f'notify = ["{receiver.url("form", "/ended")}"]\nevents = ["ended"]\n'
            '[[subscriptions]]\nname = "jonkoping"\n'
            f'notify = ["{smtp.url("anbud@example.org")}"]\ncounty = ["Jönköpings län"]\n',
            "utf-8",
        )
        quick(
            "subscribe", "import", str(subscriptions), env=at(DAY1 + timedelta(hours=1)), check=True
        )

        # Day 2, but the site fails: a partial crawl alerts no one and exits 1; only the
        # baseline's events are in the store, and they notify no one either.
        faulty_replica.set_adverts(next_day_adverts())
        faulty_replica.faults.fail_listing_offsets = {0}
        partial = lovwatch(
            "run", "--base-url", faulty_replica.base_url, *FAST, "--retries", "0", env=at(DAY2)
        )
        assert partial.code == 1, partial.stderr
        assert receiver.received == [] and smtp.mails == []

        faulty_replica.faults.fail_listing_offsets = set()
        done = lovwatch(
            "run",
            "--base-url",
            faulty_replica.base_url,
            *FAST,
            "--format",
            "json",
            env=at(DAY2 + timedelta(minutes=5)),
        )
        assert done.code == 0, done.stderr
        report = done.json()
        assert sorted(m["status"] for m in report["messages"]) == ["sent"] * 3

        by_path = {item.path: item for item in receiver.received}
        assert len(receiver.received) == 2 and set(by_path) == {f"/hook/{TOKEN}", "/ended"}
        stockholm = by_path[f"/hook/{TOKEN}"]
        assert stockholm.title == "1 nytt och 1 avslutat valfrihetssystem"
        assert "Ledsagning och avlösning enligt LSS" in stockholm.message
        assert "Vårdval logopedi" in stockholm.message
        assert "Sundbyberg" in stockholm.message
        for other in ("Daglig verksamhet", "Krokom", "psykoterapi", "Boendestöd"):
            assert other not in stockholm.message
        ended = by_path["/ended"]
        assert ended.content_type.startswith("application/x-www-form-urlencoded")
        assert ended.title == "2 avslutade valfrihetssystem"
        assert "Vårdval logopedi" in ended.message and "Valfrihet i hemtjänsten" in ended.message
        assert "Ledsagning" not in ended.message
        assert len(smtp.mails) == 1
        mail = smtp.mails[0]
        assert mail.rcpt_tos == ["anbud@example.org"]
        assert mail.message["Subject"] == "1 nytt valfrihetssystem"
        assert "Daglig verksamhet enligt LSS" in mail.part("html")
        assert "Habo" in mail.part("html")

        again = quick("notify", env=at(DAY2 + timedelta(hours=1)))
        assert again.code == 0 and len(receiver.received) == 2 and len(smtp.mails) == 1

        listed = quick("subscribe", "list", check=True)
        as_json = quick("subscribe", "list", "--format", "json", check=True)
        for output in (listed.stdout, as_json.stdout):
            assert SECRET not in output and TOKEN not in output and "robot" not in output
        assert f"json://****@127.0.0.1:{receiver.port}/…" in listed.stdout
        assert {row["name"]: row["deliveries"] for row in as_json.json()} == {
            "avslut": {"sent": 2},
            "jonkoping": {"sent": 1},
            "stockholm": {"sent": 2},
        }
    if isinstance(store, Path):  # a SQLite store holding secrets stays private
        assert stat.S_IMODE(store.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("gibberish", "malformed notification URL"),
        ("nosuchservice://token@host", "unknown notification scheme 'nosuchservice'"),
        (f"tgram://{SECRET}", "malformed tgram:// URL"),
    ],
)
def test_invalid_url_is_refused_clearly_without_echoing_secrets(quick, url, expected):
    quick("db", "upgrade", check=True)
    result = quick("subscribe", "add", "x", "--notify", url)
    assert result.code == 2
    assert expected in result.stderr
    assert SECRET not in result.stderr + result.stdout
    assert quick("subscribe", "list", "--format", "json", check=True).json() == []


def test_unknown_filter_values_are_refused(quick):
    result = quick(
        "subscribe", "add", "x", "--notify", "json://127.0.0.1:9/h", "--kommungrupp", "Z9"
    )
    assert result.code == 2 and "unknown kommungrupp 'Z9'" in result.stderr
    result = quick(
        "subscribe", "add", "x", "--notify", "json://127.0.0.1:9/h", "--county", "Atlantis"
    )
    assert result.code == 2 and "unknown county 'Atlantis'" in result.stderr


def test_export_import_round_trip_keeps_secrets_only_in_the_private_file(quick, tmp_path):
    url = f"json://robot:{SECRET}@127.0.0.1:9/hook/{TOKEN}"
    quick(
        "subscribe",
        "add",
        "a",
        "--notify",
        url,
        "--county",
        "01",
        "--category",
        "hemtjanst",
        "--events",
        "new,ended,changed",
        "--mode",
        "daily",
        check=True,
    )
    quick(
        "subscribe",
        "add",
        "b",
        "--notify",
        "json://127.0.0.1:9/b",
        "--kommungrupp",
        "storstäder",
        "--keyword",
        "LSS",
        check=True,
    )
    printed = quick("subscribe", "export", check=True)
    assert SECRET not in printed.stdout and TOKEN not in printed.stdout
    before = quick("subscribe", "list", "--format", "json", check=True).json()
    for name in ("subs.toml", "subs.yaml"):
        file = tmp_path / name
        quick("subscribe", "export", str(file), check=True)
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert SECRET in file.read_text()
        other = tmp_path / f"other-{name}.sqlite"
        imported = quick("subscribe", "import", str(file), env={"LOVWATCH_DB": str(other)})
        assert imported.code == 0, imported.stderr
        assert "2 added" in imported.stdout
        after = quick(
            "subscribe", "list", "--format", "json", env={"LOVWATCH_DB": str(other)}, check=True
        ).json()
        keys = ("name", "notify", "filters", "events", "mode", "paused")
        assert [{k: row[k] for k in keys} for row in after] == [
            {k: row[k] for k in keys} for row in before
        ]


def test_import_refuses_a_bad_file_whole(quick, tmp_path):
    file = tmp_path / "subs.yaml"
    file.write_text(
        "subscriptions:\n"
        "  - name: good\n    notify: ['json://127.0.0.1:9/h']\n"
        "  - name: bad\n    notify: ['nosuch://x']\n",
        "utf-8",
    )
    quick("db", "upgrade", check=True)
    result = quick("subscribe", "import", str(file))
    assert result.code == 2
    assert "subscription 2 ('bad')" in result.stderr and "nosuch" in result.stderr
    assert quick("subscribe", "list", "--format", "json", check=True).json() == []


def test_dry_run_shows_message_and_recipient_and_changes_nothing(quick, store):
    with Receiver() as receiver:
        quick("subscribe", "add", "one", "--notify", receiver.url(), env=at(DAY1), check=True)
        seed(open_store(str(store)), DAY2, ADVERTS[:1])
        dry = quick("notify", "--dry-run", env=at(DAY2), check=True)
        assert f"to one via json://127.0.0.1:{receiver.port}/…" in dry.stdout
        assert "Valfrihetssystem inom hemtjänst" in dry.stdout
        assert receiver.received == []
        shown = quick("subscribe", "show", "one", "--format", "json", check=True).json()
        assert shown["deliveries"] == {}
        quick("notify", env=at(DAY2), check=True)
        assert len(receiver.received) == 1


def test_every_command_has_help_with_an_example(quick):
    for command in (
        ["subscribe", "add"],
        ["subscribe", "list"],
        ["subscribe", "show"],
        ["subscribe", "remove"],
        ["subscribe", "pause"],
        ["subscribe", "resume"],
        ["subscribe", "test"],
        ["subscribe", "import"],
        ["subscribe", "export"],
        ["notify"],
        ["run"],
    ):
        result = quick(*command, "--help", check=True)
        assert "Example" in result.stdout, command


def test_subscribe_test_pause_resume_remove(quick):
    with Receiver(fail_first=0) as receiver:
        quick(
            "subscribe",
            "add",
            "one",
            "--notify",
            receiver.url(),
            "--notify",
            "json://127.0.0.1:9/dead?retry=0",
            check=True,
        )
        tested = quick("subscribe", "test", "one")
        assert tested.code == 1
        assert f"json://127.0.0.1:{receiver.port}/…: sent" in tested.stdout
        assert "json://127.0.0.1:9/…: FAILED" in tested.stdout
        assert len(receiver.received) == 1
        assert receiver.received[0].title == "lovwatch: test av one"
        assert "paused" in quick("subscribe", "pause", "one", check=True).stdout
        rows = quick("subscribe", "list", "--format", "json", check=True).json()
        assert rows[0]["paused"] is True
        quick("subscribe", "resume", "one", check=True)
        quick("subscribe", "remove", "one", check=True)
        assert quick("subscribe", "list", "--format", "json", check=True).json() == []
        missing = quick("subscribe", "remove", "one")
        assert missing.code == 2 and "no subscription named 'one'" in missing.stderr


def test_killed_sender_is_not_resent(quick, store):
    """kill -9 while the target holds the request: the next runs send nothing again."""
    with Receiver() as receiver:
        quick("subscribe", "add", "one", "--notify", receiver.url(), env=at(DAY1), check=True)
        seed(open_store(str(store)), DAY2, ADVERTS[:1])
        receiver.release.clear()
        env = {**os.environ, "LOVWATCH_DB": str(store), **at(DAY2)}
        process = subprocess.Popen(
            [sys.executable, "-m", "lovwatch", "notify"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert receiver.arrived.wait(30)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        receiver.release.set()
        assert quick("notify", env=at(DAY2 + timedelta(minutes=1))).code == 0
        later = quick("notify", env=at(DAY2 + timedelta(hours=1)))
        assert later.code == 0 and "were being sent when an earlier run died" in later.stderr
        assert len(receiver.received) == 1  # the one the killed run handed over
        shown = quick("subscribe", "show", "one", "--format", "json", check=True).json()
        assert shown["deliveries"] == {"uncertain": 1}
