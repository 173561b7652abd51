"""Secrets survive round trips: a printed (redacted) export can never be imported, a redacted
URL is never a target, importing keeps the delivery history of targets that did not change, and
credentials in store and base URLs never reach the screen. Through the real CLI in a subprocess.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import Lovwatch, Result
from notify_helpers import ADVERTS, Receiver, seed
from sqlmodel import select

from lovwatch.models.store import open_store, session_scope
from lovwatch.models.subscriptions import Subscription, SubscriptionTarget

DAY1 = datetime(2026, 3, 1, 6, 0)
DAY2 = DAY1 + timedelta(days=1)
DAY3 = DAY2 + timedelta(days=1)
SECRET = "s3cret-Passw0rd"
TOKEN = "TOKENabc123XYZ"


def at(moment: datetime) -> dict[str, str]:
    return {"LOVWATCH_NOW": moment.isoformat()}


def one_line_error(result: Result, code: int = 2) -> str:
    assert result.code == code, (result.code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def run(tmp_path: Path) -> Lovwatch:
    lovwatch = Lovwatch(tmp_path / "lovwatch.sqlite")
    lovwatch("db", "upgrade", check=True)
    return lovwatch


def test_printed_export_is_redacted_and_cannot_be_imported(run: Lovwatch, tmp_path: Path):
    url = f"json://robot:{SECRET}@127.0.0.1:9/hook/{TOKEN}"
    run("subscribe", "add", "secret", "--notify", url, check=True)
    for fmt in ("toml", "yaml"):
        printed = run("subscribe", "export", "--as", fmt, check=True).stdout
        assert SECRET not in printed and TOKEN not in printed and "****" in printed
        file = tmp_path / f"printed.{fmt}"
        file.write_text(printed, encoding="utf-8")
        line = one_line_error(run("subscribe", "import", str(file)))
        assert "redacted" in line and "subscribe export FILE" in line, line
        assert SECRET not in line
    # Nothing changed: the stored URL is still the full one.
    with session_scope(open_store(str(run.db))) as session:
        (target,) = session.exec(select(SubscriptionTarget)).all()
        assert target.url == url


@pytest.mark.parametrize(
    "url",
    [
        "json://****@127.0.0.1:9/…",
        "json://127.0.0.1:9/…",
        "mailto://****@gmail.com",
        "tgram://1…/…",
    ],
)
def test_a_redacted_url_is_never_a_target(run: Lovwatch, url: str) -> None:
    line = one_line_error(run("subscribe", "add", "copy", "--notify", url))
    assert "redacted" in line
    assert run("subscribe", "list", "--format", "json", check=True).json() == []


def test_import_keeps_the_history_of_unchanged_targets(run: Lovwatch, tmp_path: Path):
    file = tmp_path / "subs.toml"
    with Receiver() as receiver:
        hook = f"json://robot:{SECRET}@127.0.0.1:{receiver.port}/hook"
        run("subscribe", "add", "kept", "--notify", hook, env=at(DAY1), check=True)
        seed(open_store(str(run.db)), DAY2, ADVERTS[:2])
        run("notify", env=at(DAY2), check=True)
        sent = len(receiver.received)
        assert sent == 1
        before = run("subscribe", "show", "kept", "--format", "json", check=True).json()
        assert before["deliveries"] == {"sent": 2}

        run("subscribe", "export", str(file), check=True)
        # The same targets, other filters: a settings change, not a new target.
        file.write_text(
            file.read_text("utf-8").replace("keyword = []", 'keyword = ["hemtjänst"]'), "utf-8"
        )
        imported = run("subscribe", "import", str(file), env=at(DAY3))
        assert imported.code == 0, imported.stderr
        assert "1 updated" in imported.stdout
        after = run("subscribe", "show", "kept", "--format", "json", check=True).json()
        assert after["deliveries"] == before["deliveries"]
        assert after["filters"]["keywords"] == ["hemtjänst"]
        # Importing the untouched file again changes nothing either, and nothing is resent.
        run("subscribe", "export", str(file), check=True)
        run("subscribe", "import", str(file), env=at(DAY3), check=True)
        run("notify", env=at(DAY3), check=True)
        assert len(receiver.received) == sent
        again = run("subscribe", "show", "kept", "--format", "json", check=True).json()
        assert again["deliveries"] == before["deliveries"]


def test_a_stored_redacted_target_cannot_be_tested(run: Lovwatch) -> None:
    """A store written by an older lovwatch may hold a redacted URL (an imported printed
    export): `subscribe test` refuses it instead of sending to nowhere."""
    with session_scope(open_store(str(run.db))) as session:
        subscription = Subscription(name="old", created_at=DAY1, receives_since=DAY1)
        session.add(subscription)
        session.flush()
        assert subscription.id is not None
        session.add(
            SubscriptionTarget(
                subscription_id=subscription.id, url="json://****@127.0.0.1:9/…", added_at=DAY1
            )
        )
    line = one_line_error(run("subscribe", "test", "old"))
    assert "redacted" in line and "subscribe export FILE" in line


@pytest.mark.parametrize(
    "db",
    [
        f"postgresql+psycopg://bob:{SECRET}@127.0.0.1:1/lovwatch",
        f"postgresql+psycopg://bob:{SECRET}@127.0.0.1:notaport/lovwatch",
        f"nosuchdialect://bob:{SECRET}@127.0.0.1/lovwatch",
    ],
)
def test_store_credentials_are_never_shown(tmp_path: Path, db: str) -> None:
    run = Lovwatch(tmp_path / "unused.sqlite")
    for args in (("list",), ("db", "upgrade")):
        result = run(*args, env={"LOVWATCH_DB": db})
        line = one_line_error(result, 3)
        assert SECRET not in result.stderr + result.stdout, line
        assert "bob" not in line, line


def test_messages_about_urls_never_hold_their_secrets(run: Lovwatch) -> None:
    url = f"json://robot:{SECRET}@127.0.0.1:99999/hook/{TOKEN}"
    line = one_line_error(run("subscribe", "add", "x", "--notify", url))
    assert "port" in line and SECRET not in line and TOKEN not in line
