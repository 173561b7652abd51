"""`lovwatch notify`: send what each subscription is owed, one batched message per target.

The guarantee is **at most once** per (target, event), for national and municipal-site events
alike (one message carries both), and the order of writes gives it:

1. record: pending `Delivery` rows under the unique key (target, event), committed;
2. claim: the rows this run will send move pending → sending in one committed UPDATE
   (only rows still pending, so an overlapping run cannot claim them too);
3. send the batch through Apprise;
4. finish: sending → sent, or back to pending with backoff if the target refused it.

A crash before 2 leaves rows pending: nothing went out, the next run sends them. A crash
between 2 and 4 leaves rows "sending": the message may or may not have arrived, and lovwatch
cannot ask the target. We choose not to resend them (a duplicate alert is the failure the users
of such tools complain about most, and a cron job that dies mid-send would otherwise repeat a
message every run); the next run marks them "uncertain", reports them, and `subscribe show`
lists them so a person can check. Failed sends (the target answered "no") are known not to have
arrived and are retried on later runs with exponential backoff.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, update
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from lovwatch.clock import now
from lovwatch.constants import EventSource
from lovwatch.models import queries
from lovwatch.models.store import session_scope
from lovwatch.models.subscriptions import (
    Delivery,
    DeliveryStatus,
    Mode,
    Subscription,
    SubscriptionTarget,
)
from lovwatch.models.tables import Event
from lovwatch.notify.matching import adverts_by_id, base_urls, record_deliveries
from lovwatch.notify.messages import Message, notice, render
from lovwatch.notify.municipal import municipal_notice
from lovwatch.notify.targets import body_format, redact, scrub, send

#: After this many consecutive failures a target is flagged in `subscribe list`.
DEFAULT_FLAG_AFTER = 5
#: First retry wait; doubles with each consecutive failure, up to RETRY_CAP.
RETRY_BASE = timedelta(minutes=10)
RETRY_CAP = timedelta(hours=24)
#: A row still "sending" this long after its attempt belongs to a run that died.
STALE_SENDING = timedelta(minutes=10)


def retry_delay(failures: int) -> timedelta:
    """How long to wait before the next attempt after `failures` consecutive failures."""
    return min(RETRY_BASE * (2 ** max(failures - 1, 0)), RETRY_CAP)


def digest_period(mode: str, moment: datetime) -> str | None:
    """The calendar period (UTC) a digest covers: a day, an ISO week; None for instant."""
    if mode == Mode.DAILY:
        return moment.date().isoformat()
    if mode == Mode.WEEKLY:
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return None


@dataclass
class Batch:
    """One message to one target: the events it is owed now, as {delivery id: event id}."""

    subscription: str
    target_id: int
    url: str
    template: str | None
    period: str | None
    owed: dict[int, int]


@dataclass
class Outcome:
    """What happened (or, in a dry run, would happen) to one target in this run."""

    subscription: str
    target: str
    events: int
    status: str  # sent | failed | uncertain | would send | waiting
    title: str = ""
    error: str = ""
    message: Message | None = None


@dataclass
class NotifyReport:
    recorded: int
    outcomes: list[Outcome]
    uncertain: int

    @property
    def failed(self) -> bool:
        """Whether a send failed or may not have arrived (either needs a look)."""
        return any(outcome.status in ("failed", "uncertain") for outcome in self.outcomes)


def mark_uncertain(session: Session, moment: datetime) -> int:
    """Rows left "sending" by a run that died become "uncertain" (never resent)."""
    result = session.execute(
        update(Delivery)
        .where(
            col(Delivery.status) == DeliveryStatus.SENDING,
            col(Delivery.last_attempt_at) < moment - STALE_SENDING,
        )
        .values(
            status=DeliveryStatus.UNCERTAIN.value,
            error="the run sending this died; it may or may not have arrived",
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def due_batches(session: Session, moment: datetime) -> tuple[list[Batch], list[Outcome]]:
    """Pending deliveries grouped per target, for targets that may be sent to now; and the
    targets that are waiting (backoff) as outcomes."""
    rows = session.connection().execute(
        sql_select(
            col(Delivery.id),
            col(Delivery.event_id),
            col(SubscriptionTarget.id),
            col(SubscriptionTarget.url),
            col(SubscriptionTarget.next_attempt_at),
            col(SubscriptionTarget.last_digest_period),
            col(Subscription.name),
            col(Subscription.mode),
            col(Subscription.template),
        )
        .select_from(Delivery)
        .join(SubscriptionTarget, col(SubscriptionTarget.id) == col(Delivery.target_id))
        .join(Subscription, col(Subscription.id) == col(Delivery.subscription_id))
        .where(col(Delivery.status) == DeliveryStatus.PENDING, col(Subscription.paused).is_(False))
        .order_by(col(Subscription.name), col(SubscriptionTarget.position), col(Delivery.id))
    )
    batches: dict[int, Batch] = {}
    waiting: dict[int, Outcome] = {}
    periods: dict[str, str | None] = {}
    for (
        delivery_id,
        event_id,
        target_id,
        url,
        next_attempt_at,
        last_digest_period,
        name,
        mode,
        template,
    ) in rows:
        assert target_id is not None and delivery_id is not None
        batch = batches.get(target_id)
        if batch is not None:  # the target's first row decided: it is due
            batch.owed[delivery_id] = event_id
            continue
        if mode not in periods:
            periods[mode] = digest_period(mode, moment)
        period = periods[mode]
        if next_attempt_at is not None and next_attempt_at > moment:
            reason = f"retry after {next_attempt_at:%Y-%m-%d %H:%M} UTC"
        elif period is not None and last_digest_period == period:
            reason = f"next {mode} digest after period {period}"
        else:
            batches[target_id] = Batch(name, target_id, url, template, period, {})
            batches[target_id].owed[delivery_id] = event_id
            continue
        outcome = waiting.get(target_id)
        if outcome is None:
            outcome = waiting[target_id] = Outcome(name, redact(url), 0, "waiting", error=reason)
        outcome.events += 1
    return list(batches.values()), list(waiting.values())


def compose(session: Session, batch: Batch) -> Message:
    """The batch's message, in the format its target shows best: national events first,
    then those of municipal sites."""
    events = list(
        session.exec(
            select(Event)
            .where(col(Event.id).in_(list(batch.owed.values())))
            .order_by(col(Event.id))
        )
    )
    national = [event for event in events if event.source == EventSource.NATIONAL]
    advert_ids = {event.advert_id for event in national if event.advert_id}
    adverts = adverts_by_id(session, advert_ids) if advert_ids else {}
    sites = base_urls(session, {event.run_id for event in national})
    notices = [
        notice(
            queries.event_dict(event),
            adverts.get(event.advert_id or ""),
            sites.get(event.run_id),
        )
        for event in national
    ]
    notices += [
        municipal_notice(event) for event in events if event.source == EventSource.MUNICIPAL
    ]
    return render(
        notices,
        body_format(batch.url),
        batch.subscription,
        digest=batch.period,
        template=batch.template,
    )


def _claim(engine: Engine, batch: Batch, moment: datetime) -> list[int]:
    """Move the batch's still-pending rows to "sending" for this run; return the ids won."""
    token = uuid.uuid4().hex
    with session_scope(engine) as session:
        session.execute(
            update(Delivery)
            .where(
                col(Delivery.id).in_(list(batch.owed)),
                col(Delivery.status) == DeliveryStatus.PENDING,
            )
            .values(
                status=DeliveryStatus.SENDING.value,
                claim=token,
                attempts=col(Delivery.attempts) + 1,
                last_attempt_at=moment,
            )
        )
        won = session.exec(
            # By id first: `claim` has no index, the primary key finds the batch's rows.
            select(col(Delivery.id)).where(
                col(Delivery.id).in_(list(batch.owed)), col(Delivery.claim) == token
            )
        )
        return [row for row in won if row is not None]


def _finish(
    engine: Engine,
    batch: Batch,
    ids: list[int],
    ok: bool,
    error: str,
    moment: datetime,
    flag_after: int,
    uncertain: bool = False,
) -> None:
    """Mark the claimed rows sent, pending again (a refusal: retried with backoff) or
    uncertain (sent without an answer in time: never resent, and the target needs a look)."""
    with session_scope(engine) as session:
        target = session.get(SubscriptionTarget, batch.target_id)
        assert target is not None
        values: dict[str, object]
        if ok:
            values = {"status": DeliveryStatus.SENT.value, "sent_at": moment, "error": None}
        elif uncertain:
            values = {"status": DeliveryStatus.UNCERTAIN.value, "error": error}
        else:
            values = {"status": DeliveryStatus.PENDING.value, "error": error}
        session.execute(update(Delivery).where(col(Delivery.id).in_(ids)).values(**values))
        if ok:
            target.consecutive_failures, target.next_attempt_at = 0, None
            target.flagged_at, target.last_error, target.last_success_at = None, None, moment
            target.last_digest_period = batch.period or target.last_digest_period
        else:
            target.consecutive_failures += 1
            target.next_attempt_at = moment + retry_delay(target.consecutive_failures)
            target.last_error = error
            if target.consecutive_failures >= flag_after and target.flagged_at is None:
                target.flagged_at = moment
        session.add(target)


def notify(
    engine: Engine, *, dry_run: bool = False, flag_after: int = DEFAULT_FLAG_AFTER
) -> NotifyReport:
    """Record what is owed, then send every due batch (one message per target); a failing
    target is recorded and retried later and never stops the others. A dry run renders the
    messages, sends nothing and writes nothing."""
    moment = now()
    if dry_run:
        with Session(engine) as session:
            recorded = record_deliveries(session, moment)
            batches, waiting = due_batches(session, moment)
            outcomes = []
            for batch in batches:
                message = compose(session, batch)
                outcomes.append(
                    Outcome(
                        batch.subscription,
                        redact(batch.url),
                        len(batch.owed),
                        "would send",
                        message.title,
                        message=message,
                    )
                )
            session.rollback()
        return NotifyReport(recorded, outcomes + waiting, 0)
    with session_scope(engine) as session:
        uncertain = mark_uncertain(session, moment)
        recorded = record_deliveries(session, moment)
    with Session(engine) as session:
        batches, waiting = due_batches(session, moment)
    delivered = [_deliver(engine, batch, moment, flag_after) for batch in batches]
    return NotifyReport(recorded, [o for o in delivered if o is not None] + waiting, uncertain)


def _deliver(engine: Engine, batch: Batch, moment: datetime, flag_after: int) -> Outcome | None:
    ids = _claim(engine, batch, moment)
    if not ids:  # another run claimed them first
        return None
    batch.owed = {delivery_id: batch.owed[delivery_id] for delivery_id in ids}
    try:
        with Session(engine) as session:
            message = compose(session, batch)
        result = send(batch.url, message.title, message.body, message.fmt)
        ok, error, uncertain = result.ok, result.error or "", result.uncertain
    except Exception as exc:  # a template or data problem: this target only
        ok, error, message = False, scrub(f"{exc.__class__.__name__}: {exc}", batch.url), None
        uncertain = False
    _finish(engine, batch, ids, ok, error, moment, flag_after, uncertain)
    return Outcome(
        batch.subscription,
        redact(batch.url),
        len(ids),
        "sent" if ok else "uncertain" if uncertain else "failed",
        message.title if message else "",
        error,
        message,
    )
