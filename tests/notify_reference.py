"""Matching and recording deliveries, and grouping what is due per target, as lovwatch first
did it, kept as a straightforward reference: every (target, event) pair tested with
`filters.matches`, every advert loaded whole, every pending delivery loaded as ORM objects.
Slow, but plainly the rules; tests compare the real code with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert as generic_insert
from sqlmodel import Session, col, select

from lovwatch.models import queries
from lovwatch.models.subscriptions import Delivery, DeliveryStatus, Subscription, SubscriptionTarget
from lovwatch.models.tables import Event
from lovwatch.notify.delivery import Batch, Outcome, digest_period
from lovwatch.notify.filters import Filters, matches
from lovwatch.notify.municipal import subject
from lovwatch.notify.targets import redact

#: Rows per INSERT: keeps the bound parameters far below SQLite's limit.
_CHUNK = 500


def _insert_ignoring_duplicates(session: Session, rows: list[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect.name
    table = Delivery.__table__  # type: ignore[attr-defined]
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = (
            pg_insert(table).values(rows).on_conflict_do_nothing(constraint="uq_delivery_once")
        )
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = (
            sqlite_insert(table)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["target_id", "event_id"])
        )
    else:  # other dialects: the unique key still refuses a duplicate, loudly
        statement = generic_insert(table).values(rows)
    session.execute(statement)


def adverts_by_id(session: Session) -> dict[str, dict[str, Any]]:
    """Every stored advert (active or ended) as `queries.advert_dict`, by id."""
    return {advert["id"]: advert for advert in queries.list_adverts(session, status="all")}


def wanted(
    subscription: Subscription,
    target: SubscriptionTarget,
    event: Event,
    advert: dict[str, Any] | None,
) -> bool:
    """Whether `target` of `subscription` is owed `event`, whose subject (an advert, or a
    municipal event's `subject`) is `advert` (pure; see the module docstring)."""
    if event.baseline or event.kind not in subscription.events or advert is None:
        return False
    if event.detected_at < max(subscription.receives_since, target.added_at):
        return False
    return matches(Filters.from_stored(subscription.filters), advert)


def _owed_rows(
    session: Session,
    subscriptions: dict[int | None, Subscription],
    targets: list[SubscriptionTarget],
    events: Sequence[Event],
    subjects: dict[int | None, dict[str, Any] | None],
    moment: datetime,
) -> list[dict[str, Any]]:
    """Pending rows for the (target, event) pairs owed and not yet recorded."""
    if not events:
        return []
    known = set(
        session.exec(
            select(Delivery.target_id, Delivery.event_id).where(
                col(Delivery.event_id).in_([e.id for e in events])
            )
        ).all()
    )
    return [
        {
            "subscription_id": target.subscription_id,
            "target_id": target.id,
            "event_id": event.id,
            "status": DeliveryStatus.PENDING.value,
            "recorded_at": moment,
            "attempts": 0,
        }
        for target in targets
        for event in events
        if (target.id, event.id) not in known
        and wanted(subscriptions[target.subscription_id], target, event, subjects[event.id])
    ]


def record_deliveries(session: Session, moment: datetime) -> int:
    """Write a pending Delivery for every (target, event) owed and not yet recorded; return how
    many were new. Paused subscriptions are skipped (what happens while paused is not owed)."""
    subscriptions = list(
        session.exec(select(Subscription).where(col(Subscription.paused).is_(False)))
    )
    if not subscriptions:
        return 0
    targets = list(
        session.exec(
            select(SubscriptionTarget).where(
                col(SubscriptionTarget.subscription_id).in_([s.id for s in subscriptions])
            )
        )
    )
    if not targets:
        return 0
    earliest = min(min(s.receives_since for s in subscriptions), min(t.added_at for t in targets))
    events = list(
        session.exec(
            select(Event).where(col(Event.baseline).is_(False), col(Event.detected_at) >= earliest)
        )
    )
    by_id = {s.id: s for s in subscriptions}
    adverts = adverts_by_id(session) if events else {}
    subjects = {
        event.id: subject(event) if event.source == "municipal" else adverts.get(event.advert_id)
        for event in events
    }
    rows = _owed_rows(session, by_id, targets, events, subjects, moment)
    for start in range(0, len(rows), _CHUNK):
        _insert_ignoring_duplicates(session, rows[start : start + _CHUNK])
    return len(rows)


def due_batches(session: Session, moment: datetime) -> tuple[list[Batch], list[Outcome]]:
    """Pending deliveries grouped per target, for targets that may be sent to now; and the
    targets that are waiting (backoff) as outcomes."""
    rows = session.exec(
        select(Delivery, SubscriptionTarget, Subscription)
        .join(SubscriptionTarget, col(SubscriptionTarget.id) == Delivery.target_id)
        .join(Subscription, col(Subscription.id) == Delivery.subscription_id)
        .where(col(Delivery.status) == DeliveryStatus.PENDING, col(Subscription.paused).is_(False))
        .order_by(col(Subscription.name), col(SubscriptionTarget.position), col(Delivery.id))
    )
    batches: dict[int, Batch] = {}
    waiting: dict[int, Outcome] = {}
    for delivery, target, subscription in rows:
        assert target.id is not None and delivery.id is not None
        period = digest_period(subscription.mode, moment)
        if target.next_attempt_at is not None and target.next_attempt_at > moment:
            reason = f"retry after {target.next_attempt_at:%Y-%m-%d %H:%M} UTC"
        elif period is not None and target.last_digest_period == period:
            reason = f"next {subscription.mode} digest after period {period}"
        else:
            batch = batches.setdefault(
                target.id,
                Batch(subscription.name, target.id, target.url, subscription.template, period, {}),
            )
            batch.owed[delivery.id] = delivery.event_id
            continue
        outcome = waiting.setdefault(
            target.id, Outcome(subscription.name, redact(target.url), 0, "waiting", error=reason)
        )
        outcome.events += 1
    return list(batches.values()), list(waiting.values())
