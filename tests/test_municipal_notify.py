"""Municipal-site events reach subscribers: the real CLI crawls the municipal replica on
loopback hosts (127.0.0.2-4), subscribes a json:// receiver and notifies; and the migration
that lets deliveries point at municipal events upgrades a store holding data."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from conftest import FAST, needs_loopback_aliases
from municipal_replica import MunicipalReplica
from notify_helpers import Receiver
from sqlalchemy import Engine, create_engine, inspect, text

from lovwatch.models.store import alembic_config

LIST_PAGE = "/omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html"
NEWS_PAGE = "/nyheter/nya-foretag-i-hemtjansten.html"

#: A browser path that does not exist: pages that need one are read unrendered.
NO_BROWSER = os.devnull + "-missing"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as server:
        yield server


def _crawl(lovwatch, site_options: list[str], store: Path, *extra: str):  # noqa: ANN001, ANN202
    # No browser: the script-built page is named as unread, which keeps these runs fast.
    return lovwatch(
        "crawl",
        "--source",
        "municipal",
        *site_options,
        *FAST,
        *extra,
        "--format",
        "json",
        env={"LOVWATCH_CHROMIUM": NO_BROWSER},
    )


def _edit(sites: MunicipalReplica, code: str, path: str, old: str, new: str) -> None:
    html = sites.site(code).pages[path]
    assert old in html, f"the replica no longer has {old!r} on {path}"
    sites.set_page(code, path, html.replace(old, new))


@needs_loopback_aliases
def test_provider_added_and_removed_reach_the_subscriber_once(
    lovwatch, sites: MunicipalReplica, receiver: Receiver, store: Path
) -> None:
    options = sites.site_options()
    first = _crawl(lovwatch, options, store)
    assert first.code == 0, first.stderr
    hook, national, asele = (
        receiver.url(path="/krokom"),
        receiver.url(path="/national"),
        receiver.url(path="/asele"),
    )
    for name, url, *filters in (
        ("krokom", hook, "--municipality", "Krokom", "--county", "Jämtlands län"),
        ("national-only", national),
        ("asele", asele, "--municipality", "Åsele", "--category", "Hemtjänst"),
    ):
        events = () if name == "national-only" else ("--events", "municipal")
        lovwatch("subscribe", "add", name, "--notify", url, *filters, *events, check=True)

    # Krokom approves a new company and stops listing Fjällnära (on its list and its news item).
    _edit(
        sites,
        "2309",
        LIST_PAGE,
        "<li>Fjällnära Hemtjänst HB, 969700-1114</li>",
        "<li>Storsjöns Omsorg AB, 559200-3346</li>",
    )
    _edit(sites, "2309", NEWS_PAGE, " och Fjällnära Hemtjänst HB har", " har")
    second = _crawl(lovwatch, options, store)
    assert second.code == 0, second.stderr
    news = lovwatch(
        "events", "--source", "municipal", "--no-baseline", "--format", "json", check=True
    ).json()
    assert sorted((e["kind"], e["details"]["provider"]) for e in news) == [
        ("provider_added", "Storsjöns Omsorg AB"),
        ("provider_removed", "Fjällnära Hemtjänst HB"),
    ]
    # `all` holds both tables (no national crawl here, baseline rows included).
    both = lovwatch("events", "--source", "all", "--format", "json", check=True).json()
    assert {row["source"] for row in both} == {"municipal"} and len(both) > len(news)

    report = lovwatch("notify", "--format", "json", check=True).json()
    assert [(m["subscription"], m["events"], m["status"]) for m in report["messages"]] == [
        ("krokom", 2, "sent")
    ]
    assert [item.path for item in receiver.received] == ["/krokom"]
    message = receiver.received[0]
    assert message.title == "1 ny utförare och 1 utförare borttagen"
    krokom = sites.site("2309").base_url
    body = message.message
    assert "Ny utförare godkänd: Storsjöns Omsorg AB (hemtjänst, Krokoms kommun)" in body
    assert "Utförare inte längre listad: Fjällnära Hemtjänst HB (hemtjänst, Krokoms kommun)" in body
    assert "Org.nr: 559200-3346" in body
    assert f"{krokom}{LIST_PAGE[1:]}" in body
    assert "Jämtvård" not in body and "Åsele" not in body

    # A re-run owes nothing more.
    again = lovwatch("notify", "--format", "json", check=True).json()
    assert again["messages"] == [] and again["recorded"] == 0
    assert len(receiver.received) == 1

    # A partial crawl (Västerås unreachable) removes nothing, so it alerts no one, though
    # Krokom's list lost its own unit...
    _edit(sites, "2309", LIST_PAGE, "<li>Krokoms kommun, hemtjänst i egen regi</li>", "")
    # Bound but not listening, and held through the crawl: connections are refused, and no
    # server started by a test running alongside can take the port meanwhile.
    with socket.socket() as closed:
        closed.bind(("127.0.0.4", 0))
        dead = f"http://127.0.0.4:{closed.getsockname()[1]}/"
        partial_options = [
            *(o for o in options if not o.startswith("1980=")),
            f"1980={dead}",
        ]
        assert partial_options.count(f"1980={dead}") == 1
        assert len(partial_options) == len(options)
        partial = _crawl(lovwatch, partial_options, store, "--retries", "0")
    assert partial.code == 1 and partial.json()["status"] == "partial"
    lovwatch("notify", check=True)
    assert len(receiver.received) == 1
    # ... and the next complete crawl tells it, once.
    assert _crawl(lovwatch, options, store).code == 0
    lovwatch("notify", check=True)
    assert [item.path for item in receiver.received] == ["/krokom", "/krokom"]
    assert receiver.received[1].title == "1 utförare borttagen"
    assert "Krokoms kommun, hemtjänst i egen regi" in receiver.received[1].message


def _legacy_store(url: str) -> Engine:
    """A store at the two heads 0002 (subscriptions) and 0003 (municipal), as before 0004."""
    engine = create_engine(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        command.upgrade(config, "0003")
    return engine


def _upgrade_to(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _upgrade_keeps_deliveries(url: str, moment: datetime) -> None:
    """0004 on its own (the store stops at 0005; `test_migration_events` takes it on to one
    event table). Rows are written with raw SQL: the models describe the latest schema."""
    legacy = _legacy_store(url)
    with legacy.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO crawlrun (id, source, started_at, status, base_url, "
                "unique_adverts, listing_pages, page_requests, requests, baseline, new, "
                "changed, ended, reappeared) VALUES (1, 'national', :t, 'complete', "
                "'http://127.0.0.1:9', 2, 1, 2, 3, false, 2, 0, 0, 0)"
            ),
            {"t": moment},
        )
        for number in (1, 2):
            connection.execute(
                text(
                    "INSERT INTO advert (id, url, title, listing_fingerprint, "
                    "content_fingerprint, status, first_seen, last_seen, missing_runs) "
                    "VALUES (:id, :id, :id, 'l', 'c', 'active', :t, :t, 0)"
                ),
                {"id": f"a/{number}", "t": moment},
            )
            connection.execute(
                text(
                    "INSERT INTO event (id, kind, advert_id, run_id, detected_at, baseline, "
                    "details) VALUES (:n, 'new', :id, 1, :t, false, '{}')"
                ),
                {"n": number, "id": f"a/{number}", "t": moment},
            )
        connection.execute(
            text(
                "INSERT INTO subscription (id, name, filters, events, mode, paused, created_at, "
                "receives_since) VALUES (1, 'old', '{}', '[\"new\", \"provider_added\"]', "
                "'instant', false, :t, :t)"
            ),
            {"t": moment},
        )
        connection.execute(
            text(
                "INSERT INTO subscriptiontarget (id, subscription_id, position, url, added_at, "
                "consecutive_failures) VALUES (1, 1, 0, 'json://127.0.0.1:9/hook', :t, 0)"
            ),
            {"t": moment},
        )
        for status, event_id in zip(("sent", "pending"), (1, 2), strict=True):
            connection.execute(
                text(
                    "INSERT INTO delivery (subscription_id, target_id, event_id, status, "
                    "recorded_at, attempts) VALUES (1, 1, :e, :s, :t, 1)"
                ),
                {"e": event_id, "s": status, "t": moment},
            )
        before = connection.execute(
            text("SELECT id, event_id, status FROM delivery ORDER BY id")
        ).all()
        heads = sorted(
            connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        )
    assert heads == ["0002", "0003"] and len(before) == 2

    _upgrade_to(legacy, "0005")
    with legacy.begin() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0005"
        )
        runs = connection.execute(text("SELECT count(*) FROM crawlrun")).scalar()
        assert runs == 1  # the seeded run survives every migration
        after = connection.execute(
            text("SELECT id, event_id, status FROM delivery ORDER BY id")
        ).all()
        assert [tuple(row) for row in after] == [tuple(row) for row in before]
        columns = {c["name"]: c for c in inspect(connection).get_columns("delivery")}
        assert columns["event_id"]["nullable"] and columns["municipal_event_id"]["nullable"]
        municipal_event = connection.execute(
            text(
                "INSERT INTO municipalevent (kind, municipality_code, run_id, detected_at, "
                "baseline, details) VALUES ('provider_added', '2309', 1, :t, false, '{}') "
                "RETURNING id"
            ),
            {"t": moment},
        ).scalar()
    insert = text(
        "INSERT INTO delivery (subscription_id, target_id, event_id, municipal_event_id, "
        "status, recorded_at, attempts) VALUES (1, 1, :e, :m, 'pending', :t, 0)"
    )
    with legacy.begin() as connection:
        connection.execute(insert, {"e": None, "m": municipal_event, "t": moment})
    # The new unique key refuses the same municipal event twice for one target, and a
    # delivery must name exactly one event.
    for duplicate in ({"e": None, "m": municipal_event}, {"e": None, "m": None}):
        with pytest.raises(sa.exc.IntegrityError), legacy.begin() as connection:
            connection.execute(insert, {**duplicate, "t": moment})
    with legacy.connect() as connection:
        rows = connection.execute(
            text("SELECT event_id IS NULL, municipal_event_id, status FROM delivery ORDER BY id")
        ).all()
    assert [(bool(a), b, c) for a, b, c in rows] == [
        (False, None, "sent"),
        (False, None, "pending"),
        (True, municipal_event, "pending"),
    ]
    legacy.dispose()


def test_migration_0004_upgrades_a_sqlite_store_with_data(tmp_path: Path) -> None:
    _upgrade_keeps_deliveries(f"sqlite:///{tmp_path / 'old.sqlite'}", datetime(2026, 3, 2, 6))


def test_migration_0004_upgrades_a_postgresql_store_with_data(postgres_url: str) -> None:
    _upgrade_keeps_deliveries(postgres_url, datetime(2026, 3, 2, 6))
