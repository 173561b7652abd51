"""Migration 0006 (one event table, one delivery key) carries a store over with nothing lost.

A store is built at revision 0005 with the project's migration helper and filled with raw SQL
(the models describe the new schema, not the old one): national and municipal events, and
deliveries of both kinds in every status. After the upgrade every row is there with the same
content and the same delivery → event links; notifying sends only what was pending, and
notifying again sends nothing. Feed entry ids of migrated events are the ones readers have.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from notify_helpers import Receiver
from sqlalchemy import Engine, create_engine, event, text
from sqlmodel import Session

from lovwatch.models.store import (
    HEAD_REVISION,
    _sqlite_pragmas,
    alembic_config,
    open_store,
    schema_behind,
    session_scope,
)
from lovwatch.models.tables import Event
from lovwatch.notify.delivery import notify
from lovwatch.web.feed import build_feed
from lovwatch.web.filters import AdvertFilter

T0 = datetime(2026, 3, 2, 6, 0)
ADVERTS = ("region-a/hemtjanst", "kommun-b/ledsagning", "kommun-c/boende")
#: (id, kind, advert): national events keep their ids through the migration.
NATIONAL = ((1, "new", ADVERTS[0]), (2, "changed", ADVERTS[1]), (3, "ended", ADVERTS[2]))
#: (id, kind, municipality, category, baseline): ids overlap the national ones on purpose.
MUNICIPAL = (
    (1, "provider_added", "2309", "hemtjanst", False),
    (2, "lov_introduced", "1214", None, False),
    (3, "provider_added", "0180", "ledsagning", True),
)
#: (target, national event | None, municipal event | None, status): every (target, event)
#: owed is recorded already, so notifying can only send what is pending.
DELIVERIES = (
    (1, 1, None, "sent"),
    (1, 2, None, "pending"),
    (1, 3, None, "uncertain"),
    (2, 1, None, "sending"),
    (2, 2, None, "sent"),
    (2, 3, None, "sent"),
    (1, None, 1, "sent"),
    (1, None, 2, "uncertain"),
    (2, None, 1, "pending"),
    (2, None, 2, "sending"),
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as server:
        yield server


def store_at_0005(url: str) -> Engine:
    """A store migrated to 0005 as `open_store` migrates (SQLite with foreign keys on)."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms=30_000))
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    return engine


def fill(engine: Engine, hook: str) -> None:
    """The rows of a store in use at 0005, written as that schema has them."""
    run = (
        "INSERT INTO crawlrun (id, source, started_at, finished_at, status, base_url, "
        "unique_adverts, listing_pages, page_requests, requests, baseline, new, changed, "
        "ended, reappeared) VALUES (:id, :source, :t, :t, 'complete', 'http://127.0.0.1:9', "
        "3, 1, 3, 4, false, 1, 1, 1, 0)"
    )
    with engine.begin() as connection:
        connection.execute(text(run), {"id": 1, "source": "national", "t": T0})
        connection.execute(text(run), {"id": 2, "source": "municipal", "t": T0})
        for number, advert in enumerate(ADVERTS):
            connection.execute(
                text(
                    "INSERT INTO advert (id, url, title, listing_fingerprint, "
                    "content_fingerprint, status, first_seen, last_seen, missing_runs) "
                    "VALUES (:id, :url, :title, 'l', 'c', 'active', :t, :t, 0)"
                ),
                {"id": advert, "url": f"/{advert}", "title": f"Annons {number}", "t": T0},
            )
        for event_id, kind, advert in NATIONAL:
            connection.execute(
                text(
                    "INSERT INTO event (id, kind, advert_id, run_id, detected_at, baseline, "
                    "details) VALUES (:id, :kind, :advert, 1, :t, false, :details)"
                ),
                {
                    "id": event_id,
                    "kind": kind,
                    "advert": advert,
                    "t": T0 + timedelta(minutes=event_id),
                    "details": json.dumps({"changed": ["title"]} if kind == "changed" else {}),
                },
            )
        for event_id, kind, code, category, baseline in MUNICIPAL:
            connection.execute(
                text(
                    "INSERT INTO municipalevent (id, kind, municipality_code, category_code, "
                    "run_id, detected_at, baseline, details) "
                    "VALUES (:id, :kind, :code, :category, 2, :t, :baseline, :details)"
                ),
                {
                    "id": event_id,
                    "kind": kind,
                    "code": code,
                    "category": category,
                    "baseline": baseline,
                    "t": T0 + timedelta(minutes=10 + event_id),
                    "details": json.dumps({"provider": f"Omsorg {event_id} AB", "url": "/lov"}),
                },
            )
        connection.execute(
            text(
                "INSERT INTO subscription (id, name, filters, events, mode, paused, created_at, "
                "receives_since) VALUES (1, 'alla', '{}', :kinds, 'instant', false, :t, :t)"
            ),
            {
                "kinds": json.dumps(
                    ["new", "changed", "ended", "reappeared", "provider_added", "lov_introduced"]
                ),
                "t": T0 - timedelta(days=1),
            },
        )
        for target in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO subscriptiontarget (id, subscription_id, position, url, "
                    "added_at, consecutive_failures) VALUES (:id, 1, :position, :url, :t, 0)"
                ),
                {
                    "id": target,
                    "position": target - 1,
                    "url": f"{hook}{target}",
                    "t": T0 - timedelta(days=1),
                },
            )
        for number, (target, national, municipal, status) in enumerate(DELIVERIES, start=1):
            attempted = T0 + timedelta(hours=1) if status != "pending" else None
            connection.execute(
                text(
                    "INSERT INTO delivery (id, subscription_id, target_id, event_id, "
                    "municipal_event_id, status, recorded_at, attempts, last_attempt_at, "
                    "sent_at, claim, error) VALUES (:id, 1, :target, :national, :municipal, "
                    ":status, :recorded, :attempts, :attempted, :sent, :claim, :error)"
                ),
                {
                    "id": number * 10,  # ids with gaps: they must be kept, not renumbered
                    "target": target,
                    "national": national,
                    "municipal": municipal,
                    "status": status,
                    "recorded": T0 + timedelta(minutes=30),
                    "attempts": 0 if status == "pending" else 1,
                    "attempted": attempted,
                    "sent": attempted if status == "sent" else None,
                    "claim": f"run-{number}" if attempted else None,
                    "error": "it may or may not have arrived" if status == "uncertain" else None,
                },
            )
    if engine.dialect.name == "postgresql":  # rows were written with their ids
        with engine.begin() as connection:
            for table in ("event", "municipalevent", "delivery", "subscription"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )


def rows(engine: Engine, query: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


EVENT_COLUMNS = "kind, run_id, detected_at, baseline, details"
DELIVERY_COLUMNS = (
    "id, subscription_id, target_id, status, recorded_at, attempts, last_attempt_at, sent_at, "
    "claim, error"
)


def check_upgrade(url: str, receiver: Receiver) -> None:
    old = store_at_0005(url)
    fill(old, receiver.url(path="/t"))
    national_before = rows(old, f"SELECT id, advert_id, {EVENT_COLUMNS} FROM event ORDER BY id")
    municipal_before = rows(
        old,
        f"SELECT id, municipality_code, category_code, {EVENT_COLUMNS} "
        "FROM municipalevent ORDER BY id",
    )
    deliveries_before = rows(
        old,
        f"SELECT {DELIVERY_COLUMNS}, event_id, municipal_event_id FROM delivery ORDER BY id",
    )
    old.dispose()

    engine = open_store(url)  # a writing command migrates the store to the latest revision
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    assert rows(engine, "SELECT version_num FROM alembic_version") == [(head,)]
    # National events keep their ids and content; each municipal event is there once, with
    # its content, under a new id, with its former id kept.
    assert national_before == rows(
        engine,
        f"SELECT id, advert_id, {EVENT_COLUMNS} FROM event WHERE source = 'national' ORDER BY id",
    )
    moved = rows(
        engine,
        f"SELECT former_municipal_id, municipality_code, category_code, {EVENT_COLUMNS}, id "
        "FROM event WHERE source = 'municipal' ORDER BY former_municipal_id",
    )
    assert [row[:-1] for row in moved] == municipal_before
    new_id = {row[0]: row[-1] for row in moved}
    assert not set(new_id.values()) & {row[0] for row in national_before}
    # Every delivery, with its id, status, attempts, timestamps, claim and error, points at
    # the same event as before.
    expected = [
        (*row[:-2], row[-2] if row[-2] is not None else new_id[row[-1]])
        for row in deliveries_before
    ]
    assert rows(engine, f"SELECT {DELIVERY_COLUMNS}, event_id FROM delivery ORDER BY id") == (
        expected
    )

    # Notifying sends the two pending deliveries, one message per target, and nothing else:
    # what was sent, sending or uncertain is never sent again, and nothing new is owed.
    report = notify(engine)
    assert report.recorded == 0
    assert sorted(item.path for item in receiver.received) == ["/t1", "/t2"]
    by_path = {item.path: item.data["message"] for item in receiver.received}
    assert "Annons 1" in by_path["/t1"] and "Annons 0" not in by_path["/t1"]
    assert "Omsorg 1 AB" in by_path["/t2"] and "Annons" not in by_path["/t2"]
    # Pending rows were sent; rows a dead run left "sending" are uncertain, never resent.
    after = {"pending": "sent", "sending": "uncertain"}
    statuses = rows(engine, "SELECT id, status FROM delivery ORDER BY id")
    assert statuses == [
        (number * 10, after.get(status, status))
        for number, (_t, _n, _m, status) in enumerate(DELIVERIES, start=1)
    ]
    again = notify(engine)
    assert again.recorded == 0 and [o for o in again.outcomes if o.status != "waiting"] == []
    assert len(receiver.received) == 2

    # A new event after the upgrade gets an id of its own, after every migrated one, on both
    # databases (sequences follow the ids written by the migration).
    with session_scope(engine) as session:
        fresh = Event(
            source="municipal",
            kind="provider_added",
            municipality_code="2309",
            category_code="hemtjanst",
            run_id=2,
            detected_at=T0 + timedelta(days=1),
            details={"provider": "Ny Omsorg AB"},
        )
        session.add(fresh)
        session.flush()
        fresh_id = fresh.id
    assert fresh_id is not None and fresh_id > max(new_id.values())
    # Feed entries: national ids as before; a migrated municipal event keeps the entry id it
    # had (`municipal-event/<former id>`); the new one has an id no earlier entry had.
    with Session(engine) as session:
        feed = build_feed(
            session,
            AdvertFilter(status="all"),
            source="all",
            kinds=[],
            since=None,
            include_baseline=True,
            self_url="http://127.0.0.1/feed.atom",
            link_for=lambda _event, _advert: "http://127.0.0.1/",
            generated=T0 + timedelta(days=2),
        )
    tag = "tag:lovwatch,2026:"
    for event_id, *_rest in NATIONAL:
        assert f"<id>{tag}event/{event_id}</id>" in feed
    for former, *_rest in MUNICIPAL:
        assert f"<id>{tag}municipal-event/{former}</id>" in feed
    assert f"<id>{tag}event/{fresh_id}</id>" in feed
    assert feed.count("<entry>") == len(NATIONAL) + len(MUNICIPAL) + 1
    engine.dispose()


def test_migration_0006_carries_a_sqlite_store_over(tmp_path: Path, receiver: Receiver) -> None:
    check_upgrade(f"sqlite:///{tmp_path / 'old.sqlite'}", receiver)


def test_migration_0006_carries_a_postgresql_store_over(
    postgres_url: str, receiver: Receiver
) -> None:
    check_upgrade(postgres_url, receiver)


def check_downgrade(url: str) -> None:
    """Up to one event table and back: the 0005 store as it was, row for row."""
    old = store_at_0005(url)
    fill(old, "json://127.0.0.1:9/t")
    queries = (
        f"SELECT id, advert_id, {EVENT_COLUMNS} FROM event ORDER BY id",
        f"SELECT id, municipality_code, category_code, {EVENT_COLUMNS} "
        "FROM municipalevent ORDER BY id",
        f"SELECT {DELIVERY_COLUMNS}, event_id, municipal_event_id FROM delivery ORDER BY id",
    )
    before = [rows(old, query) for query in queries]
    old.dispose()
    engine = open_store(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    assert [rows(engine, query) for query in queries] == before
    engine.dispose()


def test_migration_0006_downgrades_a_sqlite_store(tmp_path: Path) -> None:
    check_downgrade(f"sqlite:///{tmp_path / 'old.sqlite'}")


def test_migration_0006_downgrades_a_postgresql_store(postgres_url: str) -> None:
    check_downgrade(postgres_url)


def test_the_event_table_refuses_a_subject_of_the_wrong_source(tmp_path: Path) -> None:
    """The CHECK constraints: a national event names an advert, a municipal one a
    municipality, and each source has its own kinds."""
    import sqlalchemy as sa

    engine = open_store(f"sqlite:///{tmp_path / 's.sqlite'}")
    fill_runs = (
        "INSERT INTO crawlrun (id, source, started_at, status, base_url, unique_adverts, "
        "listing_pages, page_requests, requests, baseline, new, changed, ended, reappeared) "
        "VALUES (1, 'municipal', :t, 'complete', '-', 0, 0, 0, 0, false, 0, 0, 0, 0)"
    )
    with engine.begin() as connection:
        connection.execute(text(fill_runs), {"t": T0})
    wrong = (
        {"source": "municipal", "kind": "new", "municipality_code": "2309"},
        {"source": "national", "kind": "provider_added", "municipality_code": "2309"},
        {"source": "municipal", "kind": "provider_added"},
        {"source": "regional", "kind": "provider_added", "municipality_code": "2309"},
    )
    for fields in wrong:
        with pytest.raises(sa.exc.IntegrityError), session_scope(engine) as session:
            session.add(Event(run_id=1, detected_at=T0, **fields))
    with session_scope(engine) as session:
        session.add(
            Event(
                source="municipal", kind="lov_ended", municipality_code="2309", run_id=1,
                detected_at=T0,
            )
        )  # fmt: skip
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO delivery (subscription_id, target_id, event_id, status, "
                "recorded_at, attempts) VALUES (1, 1, 1, 'delivered', :t, 0)"
            ),
            {"t": T0},
        )
    engine.dispose()


def test_the_revision_read_commands_trust_is_alembics_only_head(tmp_path: Path) -> None:
    # Read commands take a store at HEAD_REVISION as up to date without asking Alembic.
    engine = open_store(f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert ScriptDirectory.from_config(alembic_config(engine)).get_heads() == [HEAD_REVISION]
    assert not schema_behind(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0005'"))
    assert schema_behind(engine)  # one behind is still seen, by Alembic
