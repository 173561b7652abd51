"""The indexed matcher records exactly the deliveries the naive one does (`notify_reference`:
every (target, event) pair tested with `filters.matches`), on seeded random stores: varied
filters, odd stored values, paused subscriptions, targets added late, pairs already recorded,
national and municipal events."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import notify_reference
import pytest
from notify_generated import Fanout, seed_fanout
from sqlalchemy import Engine, insert, select, text
from sqlmodel import Session

from lovwatch.models.store import open_store
from lovwatch.models.subscriptions import Subscription, SubscriptionTarget
from lovwatch.models.tables import Event
from lovwatch.notify.delivery import due_batches
from lovwatch.notify.matching import record_deliveries

#: Stored filters a person could not type but a store may hold: keywords of no words, a null
#: inside a list, a bare string instead of a list, values that match nothing.
ODD_FILTERS: list[dict[str, Any] | None] = [
    None,
    {},
    {"keywords": ["  ", "!!"]},
    {"keywords": ["--", "hemtjänst"]},
    {"counties": [None]},
    {"municipalities": [None], "categories": ["hemtjanst"]},
    {"counties": "01"},
    {"categories": ["no-such-code"]},
    {"kommungrupper": ["A1", "C9"], "keywords": ["HEMTJÄNST"]},
    {"keywords": ["valfrihetssystem hemtjänst"]},
    {"keywords": ["kommun"], "counties": ["01", "14"], "categories": ["ledsagning"]},
]


def _odd_subscriptions(engine: Engine, fanout: Fanout, rng: random.Random) -> None:
    rows = []
    for number, filters in enumerate(ODD_FILTERS * 2):
        rows.append(
            {
                "name": f"odd-{number}",
                "filters": filters,
                "events": rng.choice(
                    [["new", "ended"], ["changed", "no-such-kind"], [], ["provider_added"]]
                ),
                "mode": "daily",
                "paused": number % 7 == 6,
                "created_at": fanout.moment - timedelta(days=30),
                "receives_since": fanout.moment - timedelta(days=rng.choice((30, 3, 0))),
            }
        )
    with engine.begin() as connection:
        # Some begin receiving at the very moment an event was detected (it is owed to them).
        moments = list(
            connection.execute(
                select(Event.detected_at).where(Event.baseline.is_(False)).order_by(Event.id)
            ).scalars()
        )
        for number, at in enumerate(rng.sample(moments, 6)):
            rows.append(
                {
                    "name": f"odd-exact-{number}",
                    "filters": {},
                    "events": ["new", "changed", "ended", "reappeared"],
                    "mode": "instant",
                    "paused": False,
                    "created_at": at,
                    "receives_since": at,
                }
            )
        connection.execute(insert(Subscription), rows)
        ids = [
            row[0]
            for row in connection.execute(
                text("SELECT id FROM subscription WHERE name LIKE 'odd-%'")
            )
        ]
        connection.execute(
            insert(SubscriptionTarget),
            [
                {
                    "subscription_id": subscription_id,
                    "position": 0,
                    "url": f"json://127.0.0.1:9/odd/{subscription_id}",
                    "added_at": fanout.moment - timedelta(days=rng.choice((40, 2))),
                    "consecutive_failures": 0,
                }
                for subscription_id in ids
            ],
        )


def _recorded(engine: Engine, implementation: Any, moment: Any) -> tuple[int, set[tuple]]:
    """What `implementation` records (rolled back afterwards): its count and the rows as the
    database holds them (the timestamp as stored text)."""
    with Session(engine) as session:
        count = implementation(session, moment)
        rows = {
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT subscription_id, target_id, event_id, status, "
                    "CAST(recorded_at AS TEXT), attempts, last_attempt_at, sent_at, claim, error "
                    "FROM delivery"
                )
            )
        }
        session.rollback()
    return count, rows


def _check(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    fanout = seed_fanout(engine, events=150, subscriptions=400, seed=seed, known=0.01)
    _odd_subscriptions(engine, fanout, rng)
    for moment in (fanout.moment, fanout.moment - timedelta(days=4)):
        new = _recorded(engine, record_deliveries, moment)
        old = _recorded(engine, notify_reference.record_deliveries, moment)
        assert new[0] == old[0]
        assert new[1] == old[1]
        assert new[0] > 100  # the store does owe something
    # Recorded once, a second run owes nothing, by either matcher.
    with Session(engine) as session:
        record_deliveries(session, fanout.moment)
        session.commit()
    assert _recorded(engine, record_deliveries, fanout.moment)[0] == 0
    assert _recorded(engine, notify_reference.record_deliveries, fanout.moment)[0] == 0


def _due(engine: Engine, implementation: Any, moment: Any) -> tuple[list[Any], list[Any]]:
    with Session(engine) as session:
        batches, waiting = implementation(session, moment)
    return (
        [
            (b.subscription, b.target_id, b.url, b.template, b.period, list(b.owed.items()))
            for b in batches
        ],
        waiting,
    )


def test_due_batches_group_what_the_naive_reading_groups(tmp_path: Path) -> None:
    """Pending deliveries per target, with targets in backoff or past this period's digest
    waiting, grouped as the ORM reading of every row grouped them."""
    engine = open_store(f"sqlite:///{tmp_path / 'due.sqlite'}")
    rng = random.Random(31)
    fanout = seed_fanout(engine, events=120, subscriptions=300, seed=31)
    with Session(engine) as session:
        record_deliveries(session, fanout.moment)
        session.commit()
    moment = fanout.moment
    with engine.begin() as connection:
        for target_id, subscription_id in connection.execute(
            select(SubscriptionTarget.id, SubscriptionTarget.subscription_id)
        ).all():
            roll = rng.random()
            values: dict[str, Any] = {}
            if roll < 0.15:
                values["next_attempt_at"] = moment + timedelta(minutes=rng.choice((-30, 30)))
            elif roll < 0.3:
                values["last_digest_period"] = rng.choice(
                    [moment.date().isoformat(), "2026-W48", "2026-W49", None]
                )
            if values:
                connection.execute(
                    SubscriptionTarget.__table__.update()  # type: ignore[attr-defined]
                    .where(SubscriptionTarget.__table__.c.id == target_id)  # type: ignore[attr-defined]
                    .values(**values)
                )
            if rng.random() < 0.3:
                connection.execute(
                    Subscription.__table__.update()  # type: ignore[attr-defined]
                    .where(Subscription.__table__.c.id == subscription_id)  # type: ignore[attr-defined]
                    .values(mode=rng.choice(["daily", "weekly"]), template="{{ title }}")
                )
        connection.execute(text("UPDATE delivery SET status = 'sent' WHERE id % 5 = 0"))
    due = _due(engine, due_batches, moment)
    assert due == _due(engine, notify_reference.due_batches, moment)
    assert due[0] and due[1]  # some targets are due, some wait


@pytest.mark.parametrize("seed", [2, 7, 19])
def test_indexed_matcher_records_what_the_naive_one_does(tmp_path: Path, seed: int) -> None:
    _check(open_store(f"sqlite:///{tmp_path / 'fanout.sqlite'}"), seed)


@pytest.mark.postgres
def test_indexed_matcher_records_what_the_naive_one_does_on_postgresql(
    postgres_url: str,
) -> None:
    engine = open_store(postgres_url)
    _check(engine, 23)
    engine.dispose()
