"""Managing subscriptions in the store: create or update from a spec, remove, pause, resume,
and describe them for people with every URL redacted.

A `SubscriptionSpec` is what a person asked for, already checked (URLs validated, filters
resolved to codes); the CLI and the file import both build specs, so both follow one set of
rules.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from lovwatch.clock import now
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, EventKind
from lovwatch.models.subscriptions import Delivery, Mode, Subscription, SubscriptionTarget
from lovwatch.notify.filters import Filters
from lovwatch.notify.targets import redact

NATIONAL_EVENTS = tuple(kind.value for kind in EventKind)
#: What municipal websites give (`lovwatch crawl --source municipal`).
MUNICIPAL_EVENTS = MUNICIPAL_EVENT_KINDS
#: Names a person may type for several kinds at once.
EVENT_GROUPS = {
    "national": NATIONAL_EVENTS,
    "municipal": MUNICIPAL_EVENTS,
    "all": NATIONAL_EVENTS + MUNICIPAL_EVENTS,
}
#: National kinds only: municipal events are read from free text on municipal websites (less
#: certain than the national database's adverts) and interest fewer people (providers watching
#: competitors, researchers), so a subscriber opts in to them by naming them.
DEFAULT_EVENTS = (EventKind.NEW.value, EventKind.ENDED.value)


class SubscriptionError(ValueError):
    """A subscription request that cannot be carried out; the message says why."""


@dataclass
class SubscriptionSpec:
    name: str
    urls: list[str]
    filters: Filters = field(default_factory=Filters)
    events: list[str] = field(default_factory=lambda: list(DEFAULT_EVENTS))
    mode: str = Mode.INSTANT.value
    paused: bool = False
    template: str | None = None


def find(session: Session, name: str) -> Subscription:
    subscription = session.exec(select(Subscription).where(Subscription.name == name)).first()
    if subscription is None:
        raise SubscriptionError(
            f"no subscription named {name!r}; `lovwatch subscribe list` shows them"
        )
    return subscription


def targets_of(session: Session, subscription: Subscription) -> list[SubscriptionTarget]:
    return list(
        session.exec(
            select(SubscriptionTarget)
            .where(SubscriptionTarget.subscription_id == subscription.id)
            .order_by(col(SubscriptionTarget.position))
        )
    )


def save(session: Session, spec: SubscriptionSpec, *, update: bool = False) -> bool:
    """Create the subscription, or (with `update`) replace an existing one's settings; return
    True if it was created. URLs kept across an update keep their delivery history; a new URL
    receives only events detected from now on; a dropped URL's deliveries are deleted."""
    moment = now()
    existing = session.exec(select(Subscription).where(Subscription.name == spec.name)).first()
    if existing is not None and not update:
        raise SubscriptionError(
            f"a subscription named {spec.name!r} exists; remove it first or "
            "use `lovwatch subscribe import` to update it"
        )
    subscription = existing or Subscription(
        name=spec.name, created_at=moment, receives_since=moment
    )
    if existing is not None and existing.paused and not spec.paused:
        subscription.receives_since = moment
    subscription.filters = spec.filters.to_stored()
    subscription.events = list(spec.events)
    subscription.mode = spec.mode
    subscription.paused = spec.paused
    subscription.template = spec.template
    session.add(subscription)
    session.flush()
    assert subscription.id is not None
    old = {target.url: target for target in targets_of(session, subscription)}
    for position, url in enumerate(dict.fromkeys(spec.urls)):
        target = old.pop(url, None) or SubscriptionTarget(
            subscription_id=subscription.id, url=url, added_at=moment
        )
        target.position = position
        session.add(target)
    for dropped in old.values():
        session.execute(delete(Delivery).where(col(Delivery.target_id) == dropped.id))
        session.delete(dropped)
    return existing is None


def remove(session: Session, name: str) -> None:
    """Delete a subscription with its targets and delivery history."""
    subscription = find(session, name)
    # By target: the delivery table is indexed by (target, event), not by subscription.
    target_ids = [target.id for target in targets_of(session, subscription)]
    session.execute(delete(Delivery).where(col(Delivery.target_id).in_(target_ids)))
    session.execute(
        delete(SubscriptionTarget).where(col(SubscriptionTarget.subscription_id) == subscription.id)
    )
    session.delete(subscription)


def set_paused(session: Session, name: str, paused: bool) -> bool:
    """Pause or resume; return whether anything changed. Resuming starts receiving from now:
    events detected while paused are not delivered afterwards."""
    subscription = find(session, name)
    if subscription.paused == paused:
        return False
    subscription.paused = paused
    if not paused:
        subscription.receives_since = now()
    session.add(subscription)
    return True


def _health(targets: list[SubscriptionTarget]) -> str:
    flagged = [t for t in targets if t.flagged_at is not None]
    if flagged:
        return "FAILING: " + "; ".join(
            f"{redact(t.url)} {t.consecutive_failures} failures" for t in flagged
        )
    failing = [t for t in targets if t.consecutive_failures]
    if failing:
        return "retrying: " + "; ".join(
            f"{redact(t.url)} {t.consecutive_failures} failures" for t in failing
        )
    return "ok"


def describe(session: Session, subscription: Subscription) -> dict[str, Any]:
    """A subscription for `list`/`show` and JSON output; URLs redacted, never in full."""
    targets = targets_of(session, subscription)
    # By target: the delivery table is indexed by (target, event), not by subscription.
    statuses = Counter(
        session.exec(
            select(Delivery.status).where(col(Delivery.target_id).in_([t.id for t in targets]))
        ).all()
    )
    filters = Filters.from_stored(subscription.filters)
    return {
        "name": subscription.name,
        "notify": [redact(target.url) for target in targets],
        "filters": filters.to_stored(),
        "filter_summary": filters.describe(),
        "events": subscription.events,
        "mode": subscription.mode,
        "paused": subscription.paused,
        "created_at": subscription.created_at,
        "receives_since": subscription.receives_since,
        "custom_template": subscription.template is not None,
        "flagged": any(target.flagged_at is not None for target in targets),
        "health": _health(targets),
        "deliveries": dict(sorted(statuses.items())),
        "targets": [
            {
                "url": redact(t.url),
                "consecutive_failures": t.consecutive_failures,
                "flagged_at": t.flagged_at,
                "next_attempt_at": t.next_attempt_at,
                "last_error": t.last_error,
                "last_success_at": t.last_success_at,
                "last_digest_period": t.last_digest_period,
            }
            for t in targets
        ],
    }


def describe_all(session: Session) -> list[dict[str, Any]]:
    return [
        describe(session, s)
        for s in session.exec(select(Subscription).order_by(col(Subscription.name)))
    ]


def spec_of(session: Session, subscription: Subscription) -> SubscriptionSpec:
    """The spec that would recreate `subscription` (for export; holds the full URLs)."""
    return SubscriptionSpec(
        name=subscription.name,
        urls=[t.url for t in targets_of(session, subscription)],
        filters=Filters.from_stored(subscription.filters),
        events=list(subscription.events),
        mode=subscription.mode,
        paused=subscription.paused,
        template=subscription.template,
    )


def all_specs(session: Session) -> list[SubscriptionSpec]:
    return [
        spec_of(session, s)
        for s in session.exec(select(Subscription).order_by(col(Subscription.name)))
    ]
