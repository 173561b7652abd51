"""The delivery engine in-process: real SQLite store, real Apprise sends to loopback targets.

Events are seeded straight into the store (exact and fast); `test_notify_cli.py` covers the
whole path from a crawl of the replica.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from notify_helpers import (
    ADVERTS,
    MUNICIPAL_EVENTS,
    Receiver,
    SmtpSink,
    seed,
    seed_municipal,
    smtp_sink,
)
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from lovwatch.models.store import open_store, session_scope
from lovwatch.models.subscriptions import Delivery, SubscriptionTarget
from lovwatch.models.tables import Event
from lovwatch.notify.delivery import STALE_SENDING, notify
from lovwatch.notify.files import build_spec
from lovwatch.notify.subscriptions import describe, find, save, set_paused

T0 = datetime(2026, 3, 2, 6, 0)  # a Monday


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`clock(moment)` freezes lovwatch's clock at `moment`."""

    def set_to(moment: datetime) -> None:
        monkeypatch.setenv("LOVWATCH_NOW", moment.isoformat())

    return set_to


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_store(str(tmp_path / "store.sqlite"))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    yield from smtp_sink()


def subscribe(engine: Engine, name: str, *urls: str, **options: object) -> None:
    with session_scope(engine) as session:
        save(session, build_spec(name, urls, **options))  # type: ignore[arg-type]


def statuses(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(d.status for d in session.exec(select(Delivery)))


def test_county_and_category_subscriber_gets_one_message_with_exactly_its_events(
    engine, clock, receiver
):
    clock(T0 - timedelta(days=1))
    subscribe(
        engine,
        "stockholm-hemtjanst",
        receiver.url(),
        county=["Stockholms län"],
        category=["Hemtjänst"],
    )
    subscribe(engine, "ended-only", receiver.url(path="/ended"), events=["ended"])
    seed(engine, T0, ADVERTS)
    clock(T0 + timedelta(minutes=5))

    report = notify(engine)

    assert not report.failed
    by_path = {item.path: item for item in receiver.received}
    assert len(receiver.received) == 2 and set(by_path) == {"/hook", "/ended"}
    stockholm = by_path["/hook"]
    assert stockholm.title == "1 nytt och 1 avslutat valfrihetssystem"
    assert "Valfrihetssystem inom hemtjänst" in stockholm.message
    assert "Hemtjänst i Huddinge" in stockholm.message
    for other in ("Ledsagning", "Krokom", "Boendestöd"):
        assert other not in stockholm.message
    assert "Salem" in stockholm.message and "Stockholms län" in stockholm.message
    assert (
        "http://127.0.0.1:9/hitta-lov-uppdrag/annonser/salems-kommun/hemtjanst/"
        in stockholm.message
    )
    ended = by_path["/ended"]
    assert ended.title == "2 avslutade valfrihetssystem"
    assert "Valfrihet i hemtjänsten" in ended.message and "Hemtjänst i Huddinge" in ended.message
    assert "Valfrihetssystem inom hemtjänst" not in ended.message

    again = notify(engine)
    assert again.outcomes == [] and len(receiver.received) == 2
    assert statuses(engine) == ["sent"] * 4


def test_baseline_and_events_before_the_subscription_notify_no_one(engine, clock, receiver):
    clock(T0 - timedelta(days=2))
    seed(engine, T0 - timedelta(days=2), ADVERTS[:2], baseline=True)
    seed(engine, T0 - timedelta(days=1), ADVERTS[2:3])  # before the subscription
    clock(T0 - timedelta(hours=1))
    subscribe(engine, "all", receiver.url(), events=["new", "changed", "ended", "reappeared"])
    seed(engine, T0, ADVERTS[3:5])
    clock(T0)

    notify(engine)

    assert len(receiver.received) == 1
    message = receiver.received[0].message
    assert "Hemtjänst i Huddinge" in message and "Boendestöd enligt SoL" in message
    assert "rubrik: Boendestöd → Boendestöd enligt SoL" in message
    for old in ("Valfrihetssystem inom hemtjänst", "Ledsagning", "Valfrihet i hemtjänsten"):
        assert old not in message
    assert receiver.received[0].title == "1 ändrat och 1 avslutat valfrihetssystem"


def test_keyword_and_kommungrupp_filters(engine, clock, receiver):
    clock(T0 - timedelta(days=1))
    # Göteborg is a Storstad (A1); Salem, Sundbyberg, Huddinge are not.
    subscribe(
        engine, "storstad", receiver.url(path="/a1"), kommungrupp=["Storstäder"], events=["changed"]
    )
    subscribe(engine, "ledsag", receiver.url(path="/kw"), keyword=["LEDSAGNING"])
    seed(engine, T0, ADVERTS)
    clock(T0)

    notify(engine)

    by_path = {item.path: item.message for item in receiver.received}
    assert set(by_path) == {"/a1", "/kw"}
    assert "Boendestöd enligt SoL" in by_path["/a1"] and "Salem" not in by_path["/a1"]
    assert "Ledsagning enligt LSS" in by_path["/kw"] and "Huddinge" not in by_path["/kw"]


def test_failing_target_is_retried_with_backoff_then_delivered_once(engine, clock):
    with Receiver(fail_first=1) as flaky, Receiver() as steady:
        clock(T0 - timedelta(days=1))
        subscribe(engine, "flaky", flaky.url())
        subscribe(engine, "steady", steady.url())
        seed(engine, T0, ADVERTS[:1])
        clock(T0)
        first = notify(engine)
        assert first.failed
        assert len(flaky.refused) == 1 and flaky.received == []
        assert len(steady.received) == 1  # the failing target blocked no one

        notify(engine)  # within the backoff: no attempt
        assert len(flaky.refused) == 1 and flaky.received == []

        clock(T0 + timedelta(minutes=11))
        second = notify(engine)
        assert not second.failed
        assert len(flaky.received) == 1 and len(steady.received) == 1
        assert "Valfrihetssystem inom hemtjänst" in flaky.received[0].message

        clock(T0 + timedelta(hours=5))
        notify(engine)
        assert len(flaky.received) == 1 and len(steady.received) == 1


def test_target_is_flagged_after_repeated_failures_and_recovers(engine, clock, tmp_path):
    closed = "json://127.0.0.1:9/hook?retry=0"  # the discard port: nothing listens
    clock(T0 - timedelta(days=1))
    subscribe(engine, "dead", closed)
    seed(engine, T0, ADVERTS[:1])
    moment = T0
    for _ in range(3):
        clock(moment)
        assert notify(engine, flag_after=3).failed
        moment += timedelta(days=1)  # past any backoff
    with Session(engine) as session:
        data = describe(session, find(session, "dead"))
    assert data["flagged"] and data["health"].startswith("FAILING")
    assert data["targets"][0]["consecutive_failures"] == 3
    assert statuses(engine) == ["pending"]


def test_batches_new_events_with_retried_ones_into_one_message(engine, clock):
    with Receiver(fail_first=1) as receiver:
        clock(T0 - timedelta(days=1))
        subscribe(engine, "all", receiver.url(), events=["new", "ended"])
        seed(engine, T0, ADVERTS[:1])
        clock(T0)
        notify(engine)
        seed(engine, T0 + timedelta(hours=1), ADVERTS[3:4])
        clock(T0 + timedelta(hours=1))
        notify(engine)
    assert len(receiver.received) == 1
    assert receiver.received[0].title == "1 nytt och 1 avslutat valfrihetssystem"


def test_daily_and_weekly_digests_send_once_per_period(engine, clock):
    with Receiver() as receiver:
        clock(T0 - timedelta(days=1))
        subscribe(engine, "daily", receiver.url(path="/daily"), mode="daily")
        subscribe(engine, "weekly", receiver.url(path="/weekly"), mode="weekly")
        seed(engine, T0, ADVERTS[:1])  # Monday
        clock(T0)
        notify(engine)
        seed(engine, T0 + timedelta(hours=6), ADVERTS[1:2])
        clock(T0 + timedelta(hours=6))
        notify(engine)  # same day, same week: both wait
        paths = [item.path for item in receiver.received]
        assert paths.count("/daily") == 1 and paths.count("/weekly") == 1

        clock(T0 + timedelta(days=1))  # Tuesday: next daily period, same week
        notify(engine)
        paths = [item.path for item in receiver.received]
        assert paths.count("/daily") == 2 and paths.count("/weekly") == 1
        assert "Ledsagning enligt LSS" in receiver.received[-1].message
        assert "Sammanfattning 2026-03-03" in receiver.received[-1].message

        clock(T0 + timedelta(days=7))  # next ISO week
        notify(engine)
        weekly = [item for item in receiver.received if item.path == "/weekly"]
        assert len(weekly) == 2 and "Ledsagning enligt LSS" in weekly[1].message
        assert "Valfrihetssystem inom hemtjänst" not in weekly[1].message
        assert len(receiver.received) == 4


def test_crash_while_sending_is_never_resent(engine, clock):
    """A run dies after claiming and handing the message to the target: at most once."""
    with Receiver() as receiver:
        clock(T0 - timedelta(days=1))
        subscribe(engine, "one", receiver.url())
        seed(engine, T0, ADVERTS[:1])
        clock(T0)
        receiver.release.clear()  # hold the request: the "run" is mid-send
        sender = threading.Thread(target=notify, args=(engine,), daemon=True)
        sender.start()
        assert receiver.arrived.wait(10)
        assert statuses(engine) == ["sending"]
        # Simulate the crash: the row stays "sending" whatever the sender does afterwards.
        with session_scope(engine) as session:
            stuck = session.exec(select(Delivery)).one()
            snapshot = (stuck.status, stuck.claim, stuck.attempts)
        receiver.release.set()
        sender.join(10)
        with session_scope(engine) as session:
            row = session.exec(select(Delivery)).one()
            row.status, row.claim, row.attempts = snapshot
            session.add(row)

        assert notify(engine).outcomes == []  # a fresh run: still "sending", not resent
        clock(T0 + STALE_SENDING + timedelta(minutes=1))
        report = notify(engine)
        assert report.uncertain == 1 and report.outcomes == []
        assert statuses(engine) == ["uncertain"]
        assert len(receiver.received) == 1


def test_crash_after_recording_before_sending_sends_on_next_run(engine, clock, receiver):
    from lovwatch.notify.matching import record_deliveries

    clock(T0 - timedelta(days=1))
    subscribe(engine, "one", receiver.url())
    seed(engine, T0, ADVERTS[:1])
    clock(T0)
    with session_scope(engine) as session:  # a run that recorded, then died
        assert record_deliveries(session, T0) == 1
    assert statuses(engine) == ["pending"] and receiver.received == []

    notify(engine)
    notify(engine)
    assert len(receiver.received) == 1 and statuses(engine) == ["sent"]


def test_paused_subscription_hears_nothing_from_its_pause(engine, clock, receiver):
    clock(T0 - timedelta(days=1))
    subscribe(engine, "p", receiver.url())
    with session_scope(engine) as session:
        set_paused(session, "p", True)
    seed(engine, T0, ADVERTS[:1])
    clock(T0)
    notify(engine)
    clock(T0 + timedelta(minutes=30))
    with session_scope(engine) as session:
        set_paused(session, "p", False)
    seed(engine, T0 + timedelta(hours=1), ADVERTS[3:4])
    clock(T0 + timedelta(hours=1))
    notify(engine)
    assert len(receiver.received) == 1
    assert receiver.received[0].title == "1 avslutat valfrihetssystem"


HOSTILE = (
    'Hemtjänst <a href="https://evil.example/x">klicka</a> [gratis](https://evil.example) '
    "**VIKTIGT** <script>alert(1)</script>\n# Falsk rubrik"
)


def test_hostile_advert_text_is_inert_in_text_markdown_and_html(engine, clock, receiver, smtp):
    clock(T0 - timedelta(days=1))
    subscribe(engine, "text", receiver.url())
    subscribe(engine, "markdown", receiver.url(path="/md") + "?format=markdown")
    subscribe(engine, "mail", smtp.url("provider@example.org"))
    seed(engine, T0, [{**ADVERTS[0], "title": HOSTILE}])
    clock(T0)

    assert not notify(engine).failed

    by_path = {item.path: item.message for item in receiver.received}
    text, markdown = by_path["/hook"], by_path["/md"]
    assert "\n# Falsk" not in text and "https://evil" not in text
    assert "[gratis](https://evil" not in markdown and "\\[gratis\\]" in markdown
    assert "**VIKTIGT**" not in markdown and "\n# Falsk" not in markdown
    assert len(smtp.mails) == 1
    mail = smtp.mails[0]
    assert mail.rcpt_tos == ["provider@example.org"]
    html = mail.part("html")
    assert "<script>" not in html and 'href="https://evil' not in html
    assert "&lt;script&gt;" in html
    assert 'href="http://127.0.0.1:9/hitta-lov-uppdrag/annonser/salems-kommun/hemtjanst/"' in html


def test_overlapping_runs_claim_each_delivery_once(engine, clock, receiver):
    clock(T0 - timedelta(days=1))
    subscribe(engine, "one", receiver.url())
    seed(engine, T0, ADVERTS[:2])
    clock(T0)
    threads = [threading.Thread(target=notify, args=(engine,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(receiver.received) == 1
    assert receiver.received[0].title == "2 nya valfrihetssystem"
    with Session(engine) as session:
        assert len(list(session.exec(select(SubscriptionTarget)))) == 1
    assert statuses(engine) == ["sent", "sent"]


def test_dry_run_sends_and_records_nothing(engine, clock, receiver):
    clock(T0 - timedelta(days=1))
    subscribe(engine, "one", receiver.url())
    seed(engine, T0, ADVERTS[:1])
    clock(T0)
    report = notify(engine, dry_run=True)
    assert [o.status for o in report.outcomes] == ["would send"]
    assert report.outcomes[0].message is not None
    assert "Valfrihetssystem inom hemtjänst" in report.outcomes[0].message.body
    assert receiver.received == [] and statuses(engine) == []


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    """A fresh PostgreSQL database (dropped afterwards), from LOVWATCH_TEST_POSTGRES_URL."""
    url = os.environ.get("LOVWATCH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("LOVWATCH_TEST_POSTGRES_URL is not set (CI sets it)")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"lovwatch_notify_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable server, no rights
        pytest.skip(f"PostgreSQL at LOVWATCH_TEST_POSTGRES_URL unusable: {exc.__class__.__name__}")
    engine = open_store(make_url(url).set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_store_delivers_once(postgres_engine, clock, receiver):
    engine = postgres_engine
    clock(T0 - timedelta(days=1))
    subscribe(engine, "stockholm", receiver.url(), county=["01"], category=["hemtjanst"])
    seed(engine, T0, ADVERTS)
    clock(T0)
    threads = [threading.Thread(target=notify, args=(engine,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    notify(engine)
    assert len(receiver.received) == 1
    assert receiver.received[0].title == "1 nytt och 1 avslutat valfrihetssystem"
    assert statuses(engine) == ["sent", "sent"]


def test_national_and_municipal_events_share_one_message_per_target(engine, clock, receiver):
    clock(T0 - timedelta(days=2))
    seed_municipal(engine, T0 - timedelta(days=2), MUNICIPAL_EVENTS, baseline=True)
    seed_municipal(engine, T0 - timedelta(days=1), MUNICIPAL_EVENTS[:1])  # before subscribing
    clock(T0 - timedelta(hours=1))
    subscribe(engine, "stockholm", receiver.url(path="/01"), county=["01"], events=["all"])
    subscribe(
        engine, "jamtvard", receiver.url(path="/kw"), keyword=["jämtvård"], events=["municipal"]
    )
    subscribe(
        engine,
        "familj",
        receiver.url(path="/fam"),
        category=["Familjerådgivning"],
        kommungrupp=["A2"],
        events=["lov_introduced"],
    )
    subscribe(engine, "national-default", receiver.url(path="/nat"))
    seed(engine, T0, ADVERTS)
    seed_municipal(engine, T0, MUNICIPAL_EVENTS)
    clock(T0 + timedelta(minutes=5))

    assert not notify(engine).failed

    by_path = {item.path: item for item in receiver.received}
    assert sorted(item.path for item in receiver.received) == ["/01", "/fam", "/kw", "/nat"]
    stockholm = by_path["/01"]
    assert stockholm.title == "2 nya och 1 avslutat valfrihetssystem, 1 utförare borttagen"
    assert "Hemtjänst i Huddinge" in stockholm.message
    assert (
        "Utförare inte längre listad: Ledsagarna i Sundbyberg AB (ledsagning, Sundbybergs stad)"
        in stockholm.message
    )
    assert "Krokom" not in stockholm.message and "Skurup" not in stockholm.message
    keyword = by_path["/kw"]
    assert keyword.title == "1 ny utförare"
    assert "Ny utförare godkänd: Jämtvård Omsorg AB (hemtjänst, Krokoms kommun)" in keyword.message
    assert "Org.nr: 556677-8899" in keyword.message
    assert "http://127.0.0.2/valj-utforare-av-hemtjanst.html" in keyword.message
    family = by_path["/fam"]
    assert family.title == "1 kommunalt beslut att införa LOV"
    assert "Skurups kommun inför LOV i familjerådgivning (2025-01-01)" in family.message
    assert "Ur sidan: ”Skurups kommun inför valfrihetssystem" in family.message
    assert by_path["/nat"].title == "2 nya och 2 avslutade valfrihetssystem"
    assert "utförare" not in by_path["/nat"].message.lower()

    again = notify(engine)
    assert again.outcomes == [] and again.recorded == 0 and len(receiver.received) == 4
    with Session(engine) as session:
        municipal = session.exec(
            select(Delivery)
            .join(Event, col(Event.id) == col(Delivery.event_id))
            .where(Event.source == "municipal")
        ).all()
    assert sorted(d.status for d in municipal) == ["sent"] * 3


def test_municipal_events_are_retried_and_escaped(engine, clock, smtp):
    hostile = {
        **MUNICIPAL_EVENTS[0],
        "details": {
            "provider": "<script>x</script> [gratis](https://evil.example) AB",
            "url": "javascript:alert(1)",
            "quote": "\n# Falsk rubrik",
        },
    }
    with Receiver(fail_first=1) as flaky:
        clock(T0 - timedelta(days=1))
        subscribe(engine, "flaky", flaky.url(path="/md") + "?format=markdown", events=["all"])
        subscribe(engine, "mail", smtp.url("provider@example.org"), events=["provider_added"])
        seed_municipal(engine, T0, [hostile])
        clock(T0)
        assert notify(engine).failed
        assert len(flaky.refused) == 1 and flaky.received == [] and len(smtp.mails) == 1
        clock(T0 + timedelta(minutes=11))
        assert not notify(engine).failed
        notify(engine)
        assert len(flaky.received) == 1 and len(smtp.mails) == 1
    markdown = flaky.received[0].message
    assert "[gratis](https://evil" not in markdown and "\\[gratis\\]" in markdown
    assert "\n# Falsk" not in markdown and "javascript" not in markdown
    html = smtp.mails[0].part("html")
    assert "<script>" not in html and "&lt;script&gt;" in html and "href=" not in html
