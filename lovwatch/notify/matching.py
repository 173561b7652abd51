"""Matching events to subscriptions and recording what each target is owed.

A target is owed an event when the event is not part of a baseline, is of a kind the
subscription wants, was detected at or after the subscription began receiving (creation or
last resume) and after the target was added, and its subject passes the filters: the advert of
a national event, or what a municipal one says (`lovwatch.notify.municipal.subject`).
What is owed is written as a pending `Delivery` under the unique key (target, event), with
INSERT ... ON CONFLICT DO NOTHING, so re-runs and overlapping runs can never owe an event twice.

`wanted` states the rule for one (target, event); `record_deliveries` applies it to every
target at once through `Matcher`, which indexes the targets by filter value (bit masks), so
the cost grows with the events and the deliveries owed, not with events x subscriptions.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, bindparam, cast, text
from sqlalchemy import insert as generic_insert
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from lovwatch.constants import EventSource
from lovwatch.models import queries
from lovwatch.models.subscriptions import Delivery, DeliveryStatus, Subscription, SubscriptionTarget
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    Authority,
    CrawlRun,
    Event,
    ServiceCategory,
)
from lovwatch.normalize.authorities import municipality_by_code
from lovwatch.normalize.text import words
from lovwatch.notify.filters import FILTER_KINDS, Filters, haystack, matches
from lovwatch.notify.municipal import subject

#: Ids per IN (...) list: keeps the bound parameters far below SQLite's limit.
_CHUNK = 500


#: (subscription id, target id, event id) of a delivery owed.
Owed = tuple[int, int, int]


def _insert_ignoring_duplicates(session: Session, owed: Sequence[Owed], moment: datetime) -> None:
    """Record `owed` as pending deliveries recorded at `moment`, skipping any (target, event)
    already recorded (INSERT ... ON CONFLICT DO NOTHING under the unique key), in bulk: one
    statement on PostgreSQL (arrays) and on SQLite (a JSON array)."""
    connection = session.connection()
    dialect = connection.dialect
    table = Delivery.__table__  # type: ignore[attr-defined]
    pending = DeliveryStatus.PENDING.value
    if dialect.name == "postgresql":
        connection.execute(
            text(
                "INSERT INTO delivery (subscription_id, target_id, event_id, status, "
                "recorded_at, attempts) "
                "SELECT owed.subscription_id, owed.target_id, owed.event_id, :status, "
                ":recorded_at, 0 FROM unnest(CAST(:subscriptions AS integer[]), "
                "CAST(:targets AS integer[]), CAST(:events AS integer[])) "
                "AS owed (subscription_id, target_id, event_id) "
                "ON CONFLICT ON CONSTRAINT uq_delivery_once DO NOTHING"
            ).bindparams(bindparam("recorded_at", type_=table.c.recorded_at.type)),
            {
                "status": pending,
                "recorded_at": moment,
                "subscriptions": [row[0] for row in owed],
                "targets": [row[1] for row in owed],
                "events": [row[2] for row in owed],
            },
        )
    elif dialect.name == "sqlite":
        # Bound as SQLAlchemy binds a datetime on SQLite, once for all rows.
        process = table.c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
        recorded_at = process(moment) if process else moment
        # One statement reading the rows from a JSON array (JSON functions are built into
        # SQLite since 3.38): a third faster than an executemany of as many rows.
        connection.exec_driver_sql(
            "INSERT INTO delivery (subscription_id, target_id, event_id, status, recorded_at, "
            "attempts) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
            "json_extract(value, '$[2]'), ?, ?, 0 FROM json_each(?) WHERE true "
            "ON CONFLICT (target_id, event_id) DO NOTHING",
            (pending, recorded_at, json.dumps(owed)),
        )
    else:  # other dialects: the unique key still refuses a duplicate, loudly
        connection.execute(
            generic_insert(table),
            [
                {
                    "subscription_id": subscription_id,
                    "target_id": target_id,
                    "event_id": event_id,
                    "status": pending,
                    "recorded_at": moment,
                    "attempts": 0,
                }
                for subscription_id, target_id, event_id in owed
            ],
        )


def adverts_by_id(session: Session, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Stored adverts (active or ended) as `queries.advert_dict`, by id: every advert, or
    those of `ids`."""
    if ids is None:
        adverts = queries.list_adverts(session, status="all")
        return {advert["id"]: advert for advert in adverts}
    wanted = sorted(set(ids))
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        rows = list(
            session.exec(
                select(Advert, Authority)
                .join(Authority, isouter=True)
                .where(col(Advert.id).in_(chunk))
            )
        )
        categories = queries._categories(session, chunk)
        for advert, authority in rows:
            found[advert.id] = queries.advert_dict(advert, authority, categories.get(advert.id, []))
    return found


def base_urls(session: Session, run_ids: set[int]) -> dict[int, str]:
    """Which site each run crawled: advert links are relative to it."""
    rows = session.exec(select(CrawlRun.id, CrawlRun.base_url).where(col(CrawlRun.id).in_(run_ids)))
    return {run_id: url for run_id, url in rows if run_id is not None}


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


@dataclass(frozen=True)
class _Receiver:
    """A target of an unpaused subscription, as the matcher needs it."""

    target_id: int
    subscription_id: int
    #: Events detected before this moment are not owed: max(receives_since, added_at).
    since: datetime
    filters: Filters
    kinds: frozenset[str]


def _or(masks: Iterable[int]) -> int:
    found = 0
    for mask in masks:
        found |= mask
    return found


class Matcher:
    """Every receiving target at once: each filter kind indexed by value, as bit masks over
    the targets (bit i = the i-th target in the order of its `since`).

    `owed` gives exactly the targets for which `wanted` holds, without testing each target:
    a filter kind passes the targets that do not use it plus those naming one of the
    subject's values (OR within a kind), the kinds are intersected (AND), then the event's
    kind and its detection time (targets whose `since` is not after it: a prefix of the
    bits). Keywords are searched once per subject and distinct keyword, and only when a
    target still in the running has it."""

    def __init__(self, receivers: Sequence[_Receiver]) -> None:
        self.receivers = sorted(receivers, key=lambda r: r.since)
        self._since = [receiver.since for receiver in self.receivers]
        self._kinds: dict[str, int] = {}
        self._wild = {kind: 0 for kind in FILTER_KINDS}
        self._by_value: dict[str, dict[Any, int]] = {kind: {} for kind in FILTER_KINDS}
        folded: dict[str, str] = {}
        for bit, receiver in enumerate(self.receivers):
            flag = 1 << bit
            for kind in receiver.kinds:
                self._kinds[kind] = self._kinds.get(kind, 0) | flag
            for name in FILTER_KINDS:
                values: tuple[Any, ...] = getattr(receiver.filters, name)
                if not values:
                    self._wild[name] |= flag
                    continue
                if name == "keywords":
                    # A keyword of no words matches nothing (`filters.matches`).
                    for value in values:
                        if value not in folded:
                            folded[value] = words(value)
                    values = tuple(folded[value] for value in values if folded[value])
                index = self._by_value[name]
                for value in values:
                    index[value] = index.get(value, 0) | flag
        self._subjects: dict[Any, int] = {}

    def subject_mask(self, advert: dict[str, Any] | None, key: Any = None) -> int:
        """The targets whose filters `advert` (a subject) passes; cached under `key`."""
        if key is not None and key in self._subjects:
            return self._subjects[key]
        mask = 0
        if advert is not None:
            by, wild = self._by_value, self._wild
            codes = {category["code"] for category in advert.get("categories") or []}
            mask = wild["categories"] | _or(
                by["categories"].get(code, 0) for code in codes if code in by["categories"]
            )
            mask &= wild["counties"] | by["counties"].get(advert.get("county_code"), 0)
            code = advert.get("municipality_code")
            mask &= wild["municipalities"] | by["municipalities"].get(code, 0)
            municipality = municipality_by_code(code or "")
            mask &= wild["kommungrupper"] | (
                by["kommungrupper"].get(municipality.kommungrupp_code, 0) if municipality else 0
            )
            if mask & ~wild["keywords"]:
                text = haystack(advert)
                mask &= wild["keywords"] | _or(
                    flags
                    for keyword, flags in by["keywords"].items()
                    if flags & mask and keyword in text
                )
        if key is not None:
            self._subjects[key] = mask
        return mask

    def owed(
        self, kind: str, detected_at: datetime, advert: dict[str, Any] | None, key: Any = None
    ) -> list[int]:
        """The targets owed an event of `kind` detected at `detected_at` whose subject is
        `advert` (not a baseline event), as positions in `receivers`: those for which
        `wanted` holds, found at once."""
        if advert is None:
            return []
        mask = self._kinds.get(kind, 0)
        if mask:
            mask &= (1 << bisect_right(self._since, detected_at)) - 1
        if mask:
            mask &= self.subject_mask(advert, key)
        return _bits(mask)


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of `mask`, lowest first."""
    found = []
    digits = bin(mask)[:1:-1]  # least significant first, without "0b"
    position = digits.find("1")
    while position >= 0:
        found.append(position)
        position = digits.find("1", position + 1)
    return found


def _receivers(session: Session) -> list[_Receiver]:
    """The targets of unpaused subscriptions (in id order), with their filters parsed once
    per distinct stored value."""
    parsed_filters: dict[str | None, Filters] = {}
    parsed_kinds: dict[str | None, frozenset[str]] = {}
    found = []
    for target_id, subscription_id, added_at, since, filters, kinds in session.connection().execute(
        sql_select(
            col(SubscriptionTarget.id),
            col(SubscriptionTarget.subscription_id),
            col(SubscriptionTarget.added_at),
            col(Subscription.receives_since),
            # As stored (JSON text): equal settings are parsed once.
            cast(col(Subscription.filters), Text),
            cast(col(Subscription.events), Text),
        )
        .join(Subscription, col(Subscription.id) == col(SubscriptionTarget.subscription_id))
        .where(col(Subscription.paused).is_(False))
        .order_by(col(SubscriptionTarget.id))
    ):
        assert target_id is not None
        if filters not in parsed_filters:
            parsed_filters[filters] = Filters.from_stored(json.loads(filters) if filters else None)
        if kinds not in parsed_kinds:
            parsed_kinds[kinds] = frozenset((json.loads(kinds) if kinds else None) or ())
        found.append(
            _Receiver(
                target_id,
                subscription_id,
                max(since, added_at),
                parsed_filters[filters],
                parsed_kinds[kinds],
            )
        )
    return found


def _subjects(session: Session, advert_ids: set[str]) -> dict[str, dict[str, Any]]:
    """The fields `filters.matches` reads of each of these adverts, by id: title, buyer,
    codes, service areas and categories (in the taxonomy's order), as `queries.advert_dict`
    gives them."""
    ids = sorted(advert_ids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for advert_id, title, areas, authority, municipality, county in session.execute(
            sql_select(
                col(Advert.id),
                col(Advert.title),
                col(Advert.service_areas),
                col(Authority.name),
                col(Authority.municipality_code),
                col(Authority.county_code),
            )
            .join(Authority, col(Authority.id) == col(Advert.authority_id), isouter=True)
            .where(col(Advert.id).in_(chunk))
        ):
            found[advert_id] = {
                "title": title,
                "authority": authority,
                "municipality_code": municipality,
                "county_code": county,
                "service_areas": areas,
                "categories": [],
            }
        for advert_id, code, label in session.execute(
            select(AdvertCategory.advert_id, ServiceCategory.code, ServiceCategory.label)
            .join(ServiceCategory, col(ServiceCategory.code) == col(AdvertCategory.category_code))
            .where(col(AdvertCategory.advert_id).in_(chunk))
            .order_by(col(ServiceCategory.position))
        ):
            found[advert_id]["categories"].append({"code": code, "label": label})
    return found


def _known(session: Session, earliest: datetime) -> set[tuple[int, int]]:
    """(target, event) pairs already recorded for the events considered (not baseline,
    detected from `earliest` on)."""
    rows = session.connection().execute(
        sql_select(col(Delivery.target_id), col(Delivery.event_id))
        .join(Event, col(Event.id) == col(Delivery.event_id))
        .where(col(Event.baseline).is_(False), col(Event.detected_at) >= earliest)
    )
    # Plain tuples: membership tests against rows would compare through the Row class.
    return {(target_id, event_id) for target_id, event_id in rows.all()}


#: What the matcher reads of an event: (id, kind, detected_at, baseline, subject key, subject).
Candidate = tuple[int, str, datetime, bool, Any, dict[str, Any] | None]


def _owed_rows(
    matcher: Matcher, events: Iterable[Candidate], known: set[tuple[int, int]]
) -> list[Owed]:
    """The (subscription, target, event) owed and not yet recorded, target by target (targets
    and events in id order)."""
    receivers = matcher.receivers
    target_ids = [receiver.target_id for receiver in receivers]
    owed: list[list[int]] = [[] for _ in receivers]
    for event_id, kind, detected_at, baseline, key, advert in events:
        if baseline:
            continue
        positions = matcher.owed(kind, detected_at, advert, key)
        if known:
            positions = [p for p in positions if (target_ids[p], event_id) not in known]
        for position in positions:
            owed[position].append(event_id)
    return [
        (receivers[position].subscription_id, target_ids[position], event_id)
        for position in sorted(range(len(receivers)), key=target_ids.__getitem__)
        for event_id in owed[position]
    ]


def record_deliveries(session: Session, moment: datetime) -> int:
    """Write a pending Delivery for every (target, event) owed and not yet recorded; return how
    many were new. Paused subscriptions are skipped (what happens while paused is not owed)."""
    receivers = _receivers(session)
    if not receivers:
        return 0
    matcher = Matcher(receivers)
    earliest = matcher.receivers[0].since
    considered = (col(Event.baseline).is_(False), col(Event.detected_at) >= earliest)
    events = (
        session.connection()
        .execute(
            sql_select(
                col(Event.id),
                col(Event.source),
                col(Event.kind),
                col(Event.advert_id),
                col(Event.detected_at),
            )
            .where(*considered)
            .order_by(col(Event.id))
        )
        .all()
    )
    if not events:
        return 0
    national = {advert_id for _id, _source, _kind, advert_id, _at in events if advert_id}
    adverts = _subjects(session, national)
    # A municipal event's subject is read from the whole row (headline, provider, quote).
    municipal = {
        event.id: subject(event)
        for event in session.exec(
            select(Event).where(col(Event.source) == EventSource.MUNICIPAL, *considered)
        )
    }
    candidates: list[Candidate] = [
        (event_id, kind, detected_at, False, None, municipal.get(event_id))
        if source == EventSource.MUNICIPAL
        # Adverts are cached by key: many events of one run share one advert.
        else (event_id, kind, detected_at, False, ("advert", advert), adverts.get(advert or ""))
        for event_id, source, kind, advert, detected_at in events
        if event_id is not None
    ]
    owed = _owed_rows(
        matcher,
        candidates,
        _known(session, earliest),
    )
    if owed:
        _insert_ignoring_duplicates(session, owed, moment)
    return len(owed)
