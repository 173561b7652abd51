"""A store built by crawling the replica over several simulated days (`scenario_days`), shared
by the analysis tests (built once per test session, then only read), and an independent
recount of it."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import Lovwatch, Result

from lovwatch.replica.dataset import DAY0, ReplicaAdvert, generated_adverts, initial_adverts
from lovwatch.replica.server import ReplicaServer

DAYS = 6
LAST_DAY = DAY0 + timedelta(days=DAYS - 1)
#: Titles a spreadsheet would run as formulas; put on two adverts on the last day.
FORMULA_TITLES = {
    "salems-kommun/hemtjanst": '=HYPERLINK("http://evil.example","klicka")',
    "nacka-kommun/hemtjanst": "+SUM(1,2)",
}
_BUILT: dict[str, Any] = {}


def scenario_days(n: int, seed: int = 7) -> list[list[ReplicaAdvert]]:
    """`n` successive daily states starting from `initial_adverts()` (trend tests).

    Each following day adds 0-3 adverts, ends 0-2 (delisted; page 404 or 410) and updates
    0-2 others, at random under `seed`. Ended adverts stay ended. Each day is its own copy.
    """
    rng = random.Random(seed)
    today = [replace(advert) for advert in initial_adverts()]
    known = {advert.key for advert in today}
    # 80 spare: the draw may hit keys the ~70 initial adverts already have.
    pool = [a for a in generated_adverts(3 * n + 80, seed=seed) if a.key not in known]
    days: list[list[ReplicaAdvert]] = []
    for day in range(n):
        if day:
            stamp = (DAY0 + timedelta(days=day)).isoformat()
            today = [replace(advert) for advert in today]
            live = [advert for advert in today if advert.listed]
            for advert in rng.sample(live, rng.randint(0, 2)):
                advert.listed, advert.page_status = False, rng.choice((404, 410))
            for advert in rng.sample(live, rng.randint(0, 2)):
                if advert.listed:
                    advert.updated = stamp
                    advert.description += f"\n\nVillkoren reviderades {stamp}."
            added = [pool.pop() for _ in range(rng.randint(0, 3))]
            for advert in added:
                advert.published = advert.updated = stamp
            today = added + today
        days.append(today)
    return days


class InProcess:
    """Runs the real `lovwatch` click group in this process (no interpreter start-up per
    call) against one store with a frozen clock: the analysis commands only read."""

    def __init__(self, store: Path, day: date) -> None:
        self.env = {"LOVWATCH_DB": str(store), **clock(day)}

    def __call__(self, *args: str, check: bool = False) -> Result:
        from lovwatch.cli import cli

        outcome = CliRunner().invoke(cli, list(args), env=self.env, catch_exceptions=False)
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        if check and result.code != 0:
            raise AssertionError(
                f"lovwatch {' '.join(args)} exited {result.code}:\n{result.stdout}\n{result.stderr}"
            )
        return result


def clock(day: date) -> dict[str, str]:
    return {"LOVWATCH_NOW": f"{day.isoformat()}T06:00"}


def _last_day(adverts: list[ReplicaAdvert]) -> list[ReplicaAdvert]:
    changed = []
    for advert in adverts:
        if advert.key in FORMULA_TITLES and advert.listed:
            advert = replace(
                advert, heading=FORMULA_TITLES[advert.key], updated=LAST_DAY.isoformat()
            )
        changed.append(advert)
    return changed


def built_store(directory: Path) -> tuple[Path, list[list[ReplicaAdvert]]]:
    """Crawl `scenario_days(DAYS)` day by day (frozen clock) into a store, built once per
    session in a folder of its own (never the caller's: its lock files would be found there);
    every call gets a copy in `directory`."""
    if "store" not in _BUILT:
        days = scenario_days(DAYS)
        days[-1] = _last_day(days[-1])
        home = directory.parent / "built-store"
        home.mkdir(exist_ok=True)
        store = home / "built.sqlite"
        run = Lovwatch(store)
        with ReplicaServer(days[0]) as server:
            for index, state in enumerate(days):
                server.set_adverts(state)
                result = run.crawl(server.base_url, env=clock(DAY0 + timedelta(days=index)))
                assert result.code == 0, result.stderr
        _BUILT.update(store=store, days=days)
    copy = directory / "lovwatch.sqlite"
    shutil.copyfile(_BUILT["store"], copy)
    return copy, _BUILT["days"]


def _day(value: str | None) -> date | None:
    return datetime.fromisoformat(value).date() if value else None


def active_adverts(adverts: list[dict[str, Any]], day: date) -> list[dict[str, Any]]:
    """The counting rule recomputed from `export adverts --format json` rows (no ended-then-
    reappeared adverts in the scenario, so first_seen/published and ended_at suffice)."""
    found = []
    for advert in adverts:
        start = _day(advert["first_seen"])
        published = _day(advert["published"])
        if published and published < start:
            start = published
        ended = _day(advert["ended_at"])
        if start <= day and (ended is None or day < ended):
            found.append(advert)
    return found


def municipality_of(advert: dict[str, Any]) -> str | None:
    if advert["authority_kind"] in ("municipality", "municipal_unit"):
        return advert["municipality_code"]
    if advert["authority_kind"] == "region":  # Region Gotland is municipality 0980 too
        return advert["municipality_code"]
    return None


def recount(
    adverts: list[dict[str, Any]], day: date, category: str | None = None
) -> dict[str, int]:
    """Distinct municipalities, regions, state agencies and adverts active on `day`."""
    live = [
        a for a in active_adverts(adverts, day) if category is None or category in a["categories"]
    ]
    return {
        "municipalities": len({m for a in live if (m := municipality_of(a))}),
        "regions": len({a["county_code"] for a in live if a["authority_kind"] == "region"}),
        "state_agencies": len({a["authority"] for a in live if a["authority_kind"] == "state"}),
        "adverts": len(live),
    }
