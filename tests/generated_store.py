"""A store of generated history, written straight into the tables (no crawl): adverts appearing,
changing, ending and reappearing day by day, with their versions, events and crawl runs.

Seeded, so the same arguments always give the same store. Used by the analysis benchmark
(`benchmarks/analysis_queries.py`: 3 years of daily history of 1,000 adverts) and by the tests
that compare the analyses with a straightforward recount (a smaller store).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Engine, insert

from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    AdvertVersion,
    Authority,
    CrawlRun,
    Event,
)
from lovwatch.normalize.authorities import counties, municipalities
from lovwatch.normalize.taxonomy import CATEGORIES

_WORDS = (
    "valfrihetssystem hemtjänst ledsagning avlösning daglig verksamhet boendestöd kommun "
    "utförare ansökan villkor ersättning omsorg brukare insats LSS SoL kvalitet uppföljning "
    "avtal förfrågningsunderlag godkännande kontakt handläggare beslut personal"
).split()


@dataclass(frozen=True)
class GeneratedStore:
    first_day: date
    last_day: date
    adverts: int
    versions: int
    events: int
    runs: int


def _text(rng: random.Random, length: int) -> str:
    out: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(_WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)


def _authorities(rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for m in municipalities():
        rows.append(
            {
                "name": f"{m.name} kommun",
                "kind": "municipality",
                "municipality_code": m.code,
                "county_code": m.county_code,
                "matched": True,
            }
        )
    for m in rng.sample(list(municipalities()), 60):
        rows.append(
            {
                "name": f"Socialnämnden, {m.name} kommun",
                "kind": "municipal_unit",
                "municipality_code": m.code,
                "county_code": m.county_code,
                "matched": True,
            }
        )
    for c in counties():
        rows.append(
            {
                "name": c.region_name,
                "kind": "region",
                # Region Gotland is municipality 0980 too.
                "municipality_code": "0980" if c.code == "09" else None,
                "county_code": c.code,
                "matched": True,
            }
        )
    for name in ("Arbetsförmedlingen", "Försäkringskassan"):
        rows.append(
            {
                "name": name,
                "kind": "state",
                "municipality_code": None,
                "county_code": None,
                "matched": True,
            }
        )
    for index in range(8):
        rows.append(
            {
                "name": f"Okänd stiftelse {index}",
                "kind": "unknown",
                "municipality_code": None,
                "county_code": None,
                "matched": False,
            }
        )
    for index, row in enumerate(rows, start=1):
        row["id"] = index
    return rows


def generate(
    engine: Engine,
    *,
    adverts: int = 1000,
    days: int = 3 * 365 + 1,
    last_day: date = date(2026, 11, 30),
    seed: int = 1,
    versions_every: int = 90,
) -> GeneratedStore:
    """Write `days` days of daily crawl history ending on `last_day` for `adverts` adverts
    into an empty, migrated store (`open_store`), in a few bulk statements."""
    rng = random.Random(seed)
    first_day = last_day - timedelta(days=days - 1)
    authorities = _authorities(rng)
    weights = [
        8
        if a["kind"] == "municipality"
        else 3
        if a["kind"] == "municipal_unit"
        else 4
        if a["kind"] == "region"
        else 2
        for a in authorities
    ]
    codes = [c.code for c in CATEGORIES]
    code_weights = [max(1, 40 - 3 * i) for i in range(len(codes))]

    runs: list[dict[str, Any]] = []
    for index in range(days):
        day = first_day + timedelta(days=index)
        start = datetime.combine(day, time(6, 0)) + timedelta(minutes=rng.randint(0, 30))
        partial = index > 0 and rng.random() < 0.02
        runs.append(
            {
                "id": index + 1,
                "source": "national",
                "started_at": start,
                "finished_at": start + timedelta(minutes=5),
                "status": "partial" if partial else "complete",
                "reason": "listing page 3 failed" if partial else None,
                "base_url": "http://127.0.0.1:9",
                "baseline": index == 0,
                "unique_adverts": 0,
                "listing_pages": 10,
                "page_requests": 10,
                "requests": 20,
                "new": 0,
                "changed": 0,
                "ended": 0,
                "reappeared": 0,
            }
        )
    complete_days = [i for i, run in enumerate(runs) if run["status"] == "complete"]

    def moment(day_index: int) -> datetime:
        started: datetime = runs[day_index]["started_at"]
        return started + timedelta(seconds=rng.randint(1, 240))

    advert_rows: list[dict[str, Any]] = []
    category_rows: list[dict[str, Any]] = []
    version_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    initial = int(adverts * 0.6)
    for number in range(adverts):
        authority = rng.choices(authorities, weights)[0]
        advert_id = f"{authority['id']:03d}-buyer/system-{number:05d}"
        if number < initial:
            first_index = 0
        else:
            first_index = rng.choice(complete_days[1:])
        first_seen = moment(first_index)
        roll = rng.random()
        if number < initial:
            published = (
                None
                if roll < 0.2
                else first_day - timedelta(days=rng.randint(0, 8 * 365))
                if roll < 0.9
                else first_day + timedelta(days=rng.randint(0, 5))
            )
        else:
            published = None if roll < 0.2 else first_seen.date() - timedelta(rng.randint(0, 20))
        chosen = set(rng.choices(codes, code_weights, k=rng.choice((1, 1, 1, 2, 2, 3))))
        if rng.random() < 0.03:
            chosen = set()  # unmapped areas: no category
        title = f"Valfrihetssystem {rng.choice(_WORDS)} {number}"
        # Transitions over the days: ended, and sometimes back.
        transitions: list[tuple[str, int]] = []
        active = True
        index = first_index
        while True:
            step = rng.randint(60, 2500) if active else rng.randint(5, 400)
            index += step
            if index >= days:
                break
            if index not in complete_days:
                continue
            if active:
                transitions.append(("ended", index))
                active = False
                if rng.random() > 0.2:
                    break
            else:
                transitions.append(("reappeared", index))
                active = True
        status = "active" if active else "ended"
        ended_at = None
        if not active:
            ended_at = moment(transitions[-1][1])
        last_seen = moment(transitions[-1][1] if transitions and not active else days - 1)
        # An older store: ended without its event (the interval closes from ended_at).
        if not active and rng.random() < 0.03:
            transitions.pop()
        baseline = first_index == 0
        event_rows.append(
            {
                "kind": "new",
                "advert_id": advert_id,
                "run_id": first_index + 1,
                "detected_at": first_seen,
                "baseline": baseline,
                "details": {"title": title},
            }
        )
        version_rows.append(
            {
                "advert_id": advert_id,
                "run_id": first_index + 1,
                "recorded_at": first_seen,
                "fingerprint": f"{number}-0",
                "snapshot": {"title": title, "description": _text(rng, 400)},
                "changed_fields": [],
            }
        )
        for kind, day_index in transitions:
            event_rows.append(
                {
                    "kind": kind,
                    "advert_id": advert_id,
                    "run_id": day_index + 1,
                    "detected_at": moment(day_index),
                    "baseline": False,
                    "details": {"title": title, "reason": "not found"}
                    if kind == "ended"
                    else {"title": title},
                }
            )
        # Content changes while active: a version and a `changed` event each.
        spans: list[tuple[int, int]] = []
        open_from = first_index
        for kind, day_index in transitions:
            if kind == "ended":
                spans.append((open_from, day_index))
            else:
                open_from = day_index
        if active:
            spans.append((open_from, days))
        seen_runs: set[int] = set()
        for low, high in spans:
            day_index = low + rng.randint(1, versions_every * 2)
            while day_index < high:
                if day_index in complete_days and day_index not in seen_runs:
                    seen_runs.add(day_index)
                    detected = moment(day_index)
                    version_rows.append(
                        {
                            "advert_id": advert_id,
                            "run_id": day_index + 1,
                            "recorded_at": detected,
                            "fingerprint": f"{number}-{day_index}",
                            "snapshot": {"title": title, "description": _text(rng, 400)},
                            "changed_fields": ["description"],
                        }
                    )
                    event_rows.append(
                        {
                            "kind": "changed",
                            "advert_id": advert_id,
                            "run_id": day_index + 1,
                            "detected_at": detected,
                            "baseline": False,
                            "details": {"title": title, "fields": ["description"]},
                        }
                    )
                day_index += rng.randint(1, versions_every * 2)
        areas = [f"Tjänster inom {code}" for code in sorted(chosen)]
        advert_rows.append(
            {
                "id": advert_id,
                "url": f"/hitta-lov-uppdrag/annonser/{advert_id}/",
                "title": title,
                "authority_id": authority["id"],
                "region_name": None,
                "listing_areas": areas,
                "service_areas": areas,
                "excerpt": _text(rng, 250),
                "updated_raw": None,
                "updated": last_seen.date(),
                "published": published,
                "contact": "Handläggare, 08-123 456 78",
                "documents": [
                    {"label": f"Förfrågningsunderlag {i}", "url": f"/dokument/{number}/{i}.pdf"}
                    for i in range(3)
                ],
                "description": _text(rng, 1500),
                "page_text": _text(rng, 4000),
                "raw_item": {
                    "title": title,
                    "businessAreas": areas,
                    "buyer": authority["name"],
                    "published": published.isoformat() if published else None,
                    "url": f"/hitta-lov-uppdrag/annonser/{advert_id}/",
                    "excerpt": _text(rng, 200),
                },
                "page_updated_raw": None,
                "page_fetched_at": last_seen,
                "listing_fingerprint": f"l{number}",
                "content_fingerprint": f"c{number}",
                "status": status,
                "first_seen": first_seen,
                "last_seen": last_seen,
                "ended_at": ended_at,
                "missing_runs": 0,
            }
        )
        category_rows.extend({"advert_id": advert_id, "category_code": c} for c in chosen)
    event_rows.sort(key=lambda row: (row["detected_at"], row["advert_id"], row["kind"]))
    with engine.begin() as connection:
        connection.execute(insert(Authority), authorities)
        connection.execute(insert(CrawlRun), runs)
        connection.execute(insert(Advert), advert_rows)
        if category_rows:
            connection.execute(insert(AdvertCategory), category_rows)
        connection.execute(insert(AdvertVersion), version_rows)
        connection.execute(insert(Event), event_rows)
        if engine.dialect.name == "postgresql":
            # Explicit ids above: move the sequences past them.
            for table in ("authority", "crawlrun"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return GeneratedStore(
        first_day, last_day, len(advert_rows), len(version_rows), len(event_rows), len(runs)
    )
