"""Many subscriptions and events written straight into a store, seeded: the notifier's fan-out
(`benchmarks/notify_fanout.py`) and the test comparing the matcher with a naive reference.

Subscriptions get varied filters (county, municipality, category, kommungrupp, keyword, event
kinds, mixed), some are paused, some began receiving (or got a target) after some events;
events are national (new, changed, ended, reappeared, some baseline) and municipal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from generated_store import _authorities
from sqlalchemy import Engine, insert

from lovwatch.models.subscriptions import Delivery, Subscription, SubscriptionTarget
from lovwatch.models.tables import Advert, AdvertCategory, Authority, CrawlRun, Event
from lovwatch.normalize.authorities import counties, municipalities
from lovwatch.normalize.taxonomy import CATEGORIES
from lovwatch.notify.filters import kommungrupp_choices

NATIONAL = ("new", "changed", "ended", "reappeared")
MUNICIPAL = ("provider_added", "provider_removed", "lov_introduced", "lov_ended")
KEYWORDS = (
    "hemtjänst",
    "Ledsagning",
    "LSS",
    "daglig verksamhet",
    "boendestöd",
    "Stockholm",
    "avlös",
    "omsorg AB",
    "  ",
    "ingenting-sådant",
    "Göteborgs",
)
AREA_WORDS = (
    "Hemtjänst",
    "Ledsagning enligt LSS",
    "Daglig verksamhet",
    "Boendestöd",
    "Avlösning i hemmet",
    "Omsorg",
    "Städ, tvätt och inköp",
)


def _filters(
    rng: random.Random,
    codes: list[str],
    weights: list[int],
    all_counties: list[str],
    all_municipalities: list[str],
    kommungrupper: list[str],
) -> dict[str, list[str]]:
    """A subscription's filters, from a mix of who subscribes: providers (categories in a
    county or a few municipalities), municipalities watching themselves or their peers,
    keyword watchers, broad single-filter subscriptions and a few researchers with none."""

    def categories() -> list[str]:
        return sorted(set(rng.choices(codes, weights, k=rng.choice((1, 1, 2, 3)))))

    who = rng.choices(
        ["provider", "municipality", "peers", "keyword", "broad", "everything"],
        (70, 10, 5, 6, 8, 1),
    )[0]
    if who == "provider":
        where = (
            {"counties": rng.sample(all_counties, rng.choice((1, 1, 2)))}
            if rng.random() < 0.7
            else {"municipalities": rng.sample(all_municipalities, rng.randint(1, 4))}
        )
        return {"categories": categories(), **where}
    if who == "municipality":
        return {"municipalities": rng.sample(all_municipalities, rng.choice((1, 1, 3)))}
    if who == "peers":
        return {"kommungrupper": [rng.choice(kommungrupper)], "categories": categories()}
    if who == "keyword":
        found = {"keywords": rng.sample(KEYWORDS, rng.choice((1, 2)))}
        return found | ({"counties": [rng.choice(all_counties)]} if rng.random() < 0.5 else {})
    if who == "broad":
        kind = rng.choice(["counties", "categories", "kommungrupper"])
        return (
            {"categories": categories()}
            if kind == "categories"
            else {kind: [rng.choice(all_counties if kind == "counties" else kommungrupper)]}
        )
    return {}


@dataclass(frozen=True)
class Fanout:
    moment: datetime
    national_events: int
    municipal_events: int
    subscriptions: int
    targets: int


def seed_fanout(
    engine: Engine,
    *,
    events: int = 500,
    subscriptions: int = 1000,
    seed: int = 1,
    moment: datetime = datetime(2026, 11, 30, 7, 0),
    known: float = 0.0,
) -> Fanout:
    """`events` events (9 in 10 national) over a week before `moment`, plus baseline ones,
    and `subscriptions` subscriptions with 1-3 targets each. With `known`,
    that share of pairs is already recorded as deliveries (rows a re-run must skip)."""
    rng = random.Random(seed)
    authorities = _authorities(rng)
    codes = [c.code for c in CATEGORIES]
    weights = [max(1, 40 - 3 * i) for i in range(len(codes))]
    kommungrupper = [part.split(" ", 1)[0] for part in kommungrupp_choices().split(", ")]
    all_municipalities = [m.code for m in municipalities()]
    all_counties = [c.code for c in counties()]

    days = 8
    runs = [
        {
            "id": index + 1,
            "source": "national",
            "started_at": moment - timedelta(days=days - index, hours=1),
            "finished_at": moment - timedelta(days=days - index),
            "status": "complete",
            "base_url": "http://127.0.0.1:9",
            "baseline": index == 0,
        }
        for index in range(days)
    ]
    runs.append(
        {
            "id": days + 1,
            "source": "municipal",
            "started_at": moment - timedelta(days=2),
            "finished_at": moment - timedelta(days=2),
            "status": "complete",
            "base_url": "municipal sites",
            "baseline": False,
        }
    )
    adverts = []
    carried = []
    for number in range(max(600, events)):
        authority = rng.choice(authorities)
        chosen = sorted(set(rng.choices(codes, weights, k=rng.choice((1, 1, 2, 3)))))
        areas = rng.sample(AREA_WORDS, rng.choice((0, 1, 2)))
        advert_id = f"{authority['id']:03d}-buyer/system-{number:05d}"
        adverts.append(
            {
                "id": advert_id,
                "url": f"/hitta-lov-uppdrag/annonser/{advert_id}/",
                "title": f"Valfrihetssystem {rng.choice(AREA_WORDS).lower()} {number}",
                "authority_id": authority["id"],
                "listing_areas": areas,
                "service_areas": areas,
                "documents": [],
                "raw_item": {},
                "description": "Beskrivning " * 50,
                "page_text": "Sidans text " * 200,
                "excerpt": "",
                "status": "active",
                "first_seen": runs[0]["started_at"],
                "last_seen": moment,
            }
        )
        carried.extend({"advert_id": advert_id, "category_code": code} for code in chosen)
    national = []
    taken: set[tuple[str, str, int]] = set()
    # The baseline (day 0: history, owed to no one), then the events over the week.
    for count, day_range in ((100, (0, 0)), (events * 9 // 10, (1, days - 1))):
        while count:
            run = runs[rng.randint(*day_range)]
            kind = "new" if run["baseline"] else rng.choices(NATIONAL, (45, 25, 25, 5))[0]
            advert = rng.choice(adverts)
            if (kind, advert["id"], run["id"]) in taken:
                continue
            taken.add((kind, advert["id"], run["id"]))
            national.append(
                {
                    "kind": kind,
                    "advert_id": advert["id"],
                    "run_id": run["id"],
                    "detected_at": run["started_at"] + timedelta(seconds=rng.randint(0, 3000)),
                    "baseline": bool(run["baseline"]),
                    "details": {"title": advert["title"]},
                }
            )
            count -= 1
    municipal = []
    for number in range(events - events * 9 // 10 + 5):
        kind = rng.choice(MUNICIPAL)
        municipal.append(
            {
                "kind": kind,
                "municipality_code": rng.choice(all_municipalities),
                "category_code": rng.choice([None, *rng.choices(codes, weights, k=3)]),
                "run_id": days + 1,
                "detected_at": moment - timedelta(days=rng.uniform(0.5, 6)),
                # Five more, of a municipality's first crawl: baseline, owed to no one.
                "baseline": number < 5,
                "details": {
                    "provider": rng.choice(["Omsorg AB", "Hemtjänst i Norr AB", "Ledsagarna HB"]),
                    "quote": rng.choice(["", "Kommunen inför LOV inom daglig verksamhet."]),
                    "url": "http://127.0.0.2/lov.html",
                },
            }
        )
    subscription_rows = []
    target_rows = []
    for number in range(subscriptions):
        filters = _filters(rng, codes, weights, all_counties, all_municipalities, kommungrupper)
        wanted = rng.choices(
            [
                ["new", "ended"],
                list(NATIONAL),
                ["new"],
                [*NATIONAL, *MUNICIPAL],
                ["provider_added", "lov_introduced"],
            ],
            (55, 20, 10, 10, 5),
        )[0]
        # Most have received for weeks; some began during the week of events.
        since = (
            moment - timedelta(days=rng.uniform(0, days))
            if rng.random() < 0.15
            else moment - timedelta(days=60)
        )
        subscription_rows.append(
            {
                "id": number + 1,
                "name": f"subscription-{number:05d}",
                "filters": filters,
                "events": wanted,
                "mode": "instant",
                "paused": rng.random() < 0.05,
                "created_at": since,
                "receives_since": since,
            }
        )
        for position in range(rng.choices((1, 2, 3), (75, 20, 5))[0]):
            added = since if rng.random() < 0.9 else moment - timedelta(days=rng.uniform(0, days))
            target_rows.append(
                {
                    "subscription_id": number + 1,
                    "position": position,
                    "url": f"json://127.0.0.1:9/hook/{number}/{position}",
                    "added_at": added,
                    "consecutive_failures": 0,
                }
            )
    with engine.begin() as connection:
        connection.execute(insert(Authority), authorities)
        connection.execute(insert(CrawlRun), runs)
        connection.execute(insert(Advert), adverts)
        connection.execute(insert(AdvertCategory), carried)
        connection.execute(insert(Event), national)
        if municipal:
            connection.execute(insert(Event), [{**row, "source": "municipal"} for row in municipal])
        connection.execute(insert(Subscription), subscription_rows)
        connection.execute(insert(SubscriptionTarget), target_rows)
        if engine.dialect.name == "postgresql":
            for table in ("authority", "crawlrun", "subscription"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
        if known:
            event_ids = [row[0] for row in connection.exec_driver_sql("SELECT id FROM event")]
            target_ids = [
                row
                for row in connection.exec_driver_sql(
                    "SELECT id, subscription_id FROM subscriptiontarget"
                )
            ]
            pairs = {
                (target, subscription, event)
                for target, subscription in target_ids
                for event in event_ids
                if rng.random() < known
            }
            connection.execute(
                insert(Delivery),
                [
                    {
                        "subscription_id": subscription,
                        "target_id": target,
                        "event_id": event,
                        "status": "sent",
                        "recorded_at": moment - timedelta(days=1),
                        "attempts": 1,
                    }
                    for target, subscription, event in sorted(pairs)
                ],
            )
    return Fanout(
        moment,
        len(national),
        len(municipal),
        len(subscription_rows),
        len(target_rows),
    )
