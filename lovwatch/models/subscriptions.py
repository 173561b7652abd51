"""The notifier's tables: who wants to hear what (`Subscription`), where to tell them
(`SubscriptionTarget`, one Apprise URL each) and what each target was told (`Delivery`).
Timestamps are naive UTC (`lovwatch.clock.now()`), declared `NaiveDatetime` like the core tables.

A `Delivery` row exists per (target, event) under a unique key, written before anything is
sent; its status is the notifier's memory across runs and crashes (see `delivery.py`). National
and municipal events are rows of one `Event` table, so both share one delivery history and one
message.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import JSON, CheckConstraint, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from lovwatch.clock import now
from lovwatch.constants import in_list


class Mode(StrEnum):
    """When a subscription hears: after every run, or once per calendar day / ISO week (UTC)."""

    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"


class DeliveryStatus(StrEnum):
    #: Recorded, not yet handed to the target (new, or a failed attempt waiting for backoff).
    PENDING = "pending"
    #: Claimed by a run and being sent; a row left here means that run died mid-send.
    SENDING = "sending"
    SENT = "sent"
    #: A run died while sending it: it may or may not have arrived. Never resent (at most once).
    UNCERTAIN = "uncertain"


class Subscription(SQLModel, table=True):
    """A named interest in events: filters (AND across kinds, OR within one), kinds and mode."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    #: {"categories": [...], "counties": [...], "municipalities": [...],
    #:  "kommungrupper": [...], "keywords": [...]} as codes (keywords as typed).
    filters: dict[str, list[str]] = Field(default_factory=dict, sa_column=Column(JSON))
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    mode: str = Mode.INSTANT.value
    paused: bool = False
    created_at: NaiveDatetime = Field(default_factory=now)
    #: Events detected before this moment are not for this subscription (creation, or resume:
    #: what happened while paused is not delivered afterwards).
    receives_since: NaiveDatetime = Field(default_factory=now)
    #: A Jinja2 body template replacing the built-in ones (same variables).
    template: str | None = Field(default=None, sa_column=Column(Text))


class SubscriptionTarget(SQLModel, table=True):
    """One Apprise URL of a subscription, with its sending health. The URL is a secret."""

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", index=True)
    position: int = 0
    url: str = Field(sa_column=Column(Text, nullable=False))
    added_at: NaiveDatetime = Field(default_factory=now)
    consecutive_failures: int = 0
    #: Not before this moment is the next attempt made (backoff after failures).
    next_attempt_at: NaiveDatetime | None = None
    #: Set when consecutive failures reached the flag threshold; cleared by a success.
    flagged_at: NaiveDatetime | None = None
    #: The last failure, with the URL redacted.
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    last_success_at: NaiveDatetime | None = None
    #: Digest period ("2026-03-01" or "2026-W09") of the last digest sent, so one per period.
    last_digest_period: str | None = None


class Delivery(SQLModel, table=True):
    """An event (national or municipal) owed to (or told to) one target of one subscription:
    written before sending.

    Indexes are only those the notifier's queries use: the unique key (target, event) refuses
    a duplicate and finds a target's rows; `event_id` finds the pairs already recorded for the
    recent events; `status` finds the pending and the sending rows. No foreign keys: rows are
    written in bulk by the notifier alone, from ids it has just read, and removing a
    subscription or a target removes its deliveries first (`notify.subscriptions`).
    """

    __table_args__ = (
        UniqueConstraint("target_id", "event_id", name="uq_delivery_once"),
        CheckConstraint(
            in_list("status", [s.value for s in DeliveryStatus]), name="ck_delivery_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int
    target_id: int
    event_id: int = Field(index=True)
    status: str = Field(default=DeliveryStatus.PENDING.value, index=True)
    recorded_at: NaiveDatetime = Field(default_factory=now)
    attempts: int = 0
    last_attempt_at: NaiveDatetime | None = None
    sent_at: NaiveDatetime | None = None
    #: Which run claimed the row for sending (so two overlapping runs never both send it).
    claim: str | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
