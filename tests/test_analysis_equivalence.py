"""The analyses (narrow reads, one sweep for a series) give exactly what the straightforward
reference gives (`analysis_reference`: every advert loaded whole, every count a scan) on
generated, seeded stores with adverts appearing, ending, reappearing and odd event orders."""

from __future__ import annotations

import dataclasses
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import analysis_reference as reference
import pytest
from generated_store import GeneratedStore, generate
from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from lovwatch.analysis import compare as comparing
from lovwatch.analysis import export as exporting
from lovwatch.analysis.stats import by_category, by_group, totals
from lovwatch.analysis.timeline import History, load_history
from lovwatch.analysis.trends import INTERVALS, default_categories, trend_rows
from lovwatch.models.store import open_store
from lovwatch.models.tables import Advert, CrawlRun, Event
from lovwatch.normalize.authorities import find_municipality


def _odd_events(engine: Engine, store: GeneratedStore, rng: random.Random) -> None:
    """Transitions the crawler rarely writes: ended and back the same day (both orders),
    an end before the advert's first day, a reappearance of an active advert, a second end."""
    with Session(engine) as session:
        ids = list(session.execute(select(Advert.id).order_by(Advert.id)).scalars())
        runs = list(session.execute(select(CrawlRun.id, CrawlRun.started_at)).all())
    rows: list[dict[str, Any]] = []
    for advert_id in rng.sample(ids, 12):
        run_a, at_a = rng.choice(runs)
        run_b, _at = rng.choice([run for run in runs if run[0] != run_a])
        kinds = rng.choice(
            [("ended", "reappeared"), ("reappeared", "ended"), ("ended", "ended"), ("reappeared",)]
        )
        apart = rng.choice((0, 1))
        for offset, kind in enumerate(kinds):
            rows.append(
                {
                    "kind": kind,
                    "advert_id": advert_id,
                    "run_id": run_a if offset == 0 else run_b,
                    # Same day, seconds apart or at the same moment: the order of detection
                    # (then of the ids) decides.
                    "detected_at": at_a + timedelta(seconds=offset * apart),
                    "baseline": False,
                    "details": {},
                }
            )
    early_id = rng.choice(ids)
    rows.append(
        {
            "kind": "ended",
            "advert_id": early_id,
            "run_id": runs[0][0],
            "detected_at": datetime.combine(store.first_day - timedelta(days=3000), time(1)),
            "baseline": False,
            "details": {},
        }
    )
    with engine.begin() as connection:
        for row in rows:  # one by one: a generated event may already hold the unique key
            exists = connection.execute(
                select(Event.id).where(
                    Event.kind == row["kind"],
                    Event.advert_id == row["advert_id"],
                    Event.run_id == row["run_id"],
                )
            ).first()
            if exists is None:
                connection.execute(insert(Event), [row])


def _days(store: GeneratedStore, history: History, rng: random.Random) -> list[date]:
    earliest = history.earliest_start() or store.first_day
    days = {
        earliest - timedelta(days=1),
        earliest,
        store.first_day - timedelta(days=1),
        store.first_day,
        store.last_day,
        store.last_day + timedelta(days=30),
    }
    # Days on which something started or ended, and the day before each.
    edges = [day for span in history.spans for start, end in span.intervals for day in (start, end)]
    for day in rng.sample([day for day in edges if day is not None], 25):
        days.update({day, day - timedelta(days=1)})
    span = (store.last_day - earliest).days
    days.update(earliest + timedelta(days=rng.randint(0, span)) for _ in range(10))
    return sorted(days)


def _check(engine: Engine, store: GeneratedStore, seed: int) -> None:
    rng = random.Random(seed)
    with Session(engine) as session:
        new = load_history(session)
        old = reference.load_history(session)
    # The same spans, field for field (classes differ: compare the values).
    assert [dataclasses.astuple(s) for s in new.spans] == [
        dataclasses.astuple(s) for s in old.spans
    ]
    assert [dataclasses.astuple(c) for c in new.categories] == [
        dataclasses.astuple(c) for c in old.categories
    ]
    assert (new.first_observed, new.last_observed) == (old.first_observed, old.last_observed)
    assert new.earliest_start() == old.earliest_start()
    codes = [c.code for c in new.categories]
    subsets = [None, rng.sample(codes, 3), [codes[0]]]
    subjects = [find_municipality(code) for code in ("0180", "1480", "2309", "0980", "0128")]
    for day in _days(store, new, rng):
        assert totals(new, day) == reference.totals(old, day), day
        for subset in subsets:
            assert by_category(new, day, subset) == reference.by_category(old, day, subset)
            for by in ("county", "kommungrupp"):
                assert by_group(new, day, by, subset) == reference.by_group(old, day, by, subset)
        assert exporting.stats_rows(new, day) == exporting.stats_rows(old, day)  # type: ignore[arg-type]
        assert default_categories(new, day) == reference.default_categories(old, day)
        for subject in subjects:
            assert subject is not None
            for kind in comparing.PEER_KINDS:
                peers = comparing.peer_group(subject, kind)
                for threshold in (0.0, 0.3, 0.5, 1.0):
                    assert comparing.compare(new, subject, peers, day, threshold) == (
                        reference.compare(old, subject, peers, day, threshold)
                    ), (day, subject.code, kind, threshold)
    assert exporting.history_rows(new) == exporting.history_rows(old)  # type: ignore[arg-type]
    earliest = new.earliest_start() or store.first_day
    for interval in INTERVALS:
        start = store.last_day - timedelta(days=120) if interval == "day" else earliest
        for categories in (
            default_categories(new, store.last_day),
            ["any"],
            [codes[5], "any", codes[1], codes[5], "no-such-category"],
            [codes[2]],
            [],
        ):
            for end in (store.last_day, store.first_day + timedelta(days=17)):
                if end < start:
                    continue
                assert trend_rows(new, categories, start, end, interval, True) == (
                    reference.trend_rows(old, categories, start, end, interval, True)
                ), (interval, categories, end)


@pytest.mark.parametrize("seed", [3, 11])
def test_analyses_equal_the_reference_on_a_generated_store(tmp_path: Path, seed: int) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'generated.sqlite'}")
    store = generate(engine, adverts=300, days=500, seed=seed, versions_every=200)
    _odd_events(engine, store, random.Random(seed))
    _check(engine, store, seed)


def test_analyses_of_an_empty_store_equal_the_reference(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with Session(engine) as session:
        new, old = load_history(session), reference.load_history(session)
    day = date(2026, 1, 1)
    assert totals(new, day) == reference.totals(old, day)
    assert by_category(new, day) == reference.by_category(old, day)
    assert trend_rows(new, ["any", "hemtjanst"], day - timedelta(days=90), day, "month") == (
        reference.trend_rows(old, ["any", "hemtjanst"], day - timedelta(days=90), day, "month")
    )


@pytest.mark.postgres
def test_analyses_equal_the_reference_on_postgresql(postgres_url: str) -> None:
    engine = open_store(postgres_url)
    store = generate(engine, adverts=200, days=400, seed=5, versions_every=200)
    _odd_events(engine, store, random.Random(5))
    _check(engine, store, 5)
    engine.dispose()
