"""`lovwatch doctor`: is this installation healthy? One check per concern, read-only.

Each check says `ok` or `attention` with one sentence; the store is only read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from lovwatch.clock import now
from lovwatch.constants import AdvertStatus, CrawlSource, RunStatus
from lovwatch.models.subscriptions import SubscriptionTarget
from lovwatch.models.tables import Advert, Authority, CrawlRun
from lovwatch.normalize.categories import categorize

#: A source whose last complete crawl is older than this needs looking at.
MAX_AGE = timedelta(days=2)
#: This many failed, partial or degraded runs in a row need looking at.
MAX_FAILED_IN_A_ROW = 3
UNHEALTHY = (RunStatus.FAILED, RunStatus.PARTIAL, RunStatus.DEGRADED)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str

    def row(self) -> dict[str, str]:
        return {
            "check": self.name,
            "status": "ok" if self.ok else "attention",
            "message": self.message,
        }


def _runs(session: Session, source: str, limit: int = 50) -> list[CrawlRun]:
    query = (
        select(CrawlRun)
        .where(CrawlRun.source == source, CrawlRun.status != RunStatus.RUNNING)
        .order_by(col(CrawlRun.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))


def source_checks(session: Session, source: str, moment: datetime) -> list[Check]:
    """The age of the last complete crawl and the failures since, for one source."""
    runs = _runs(session, source)
    if not runs:
        return [Check(f"{source} crawl", source != CrawlSource.NATIONAL, "never crawled")]
    failed = 0
    for run in runs:
        if run.status not in UNHEALTHY:
            break
        failed += 1
    last_complete = next((run for run in runs if run.status == RunStatus.COMPLETE), None)
    checks = []
    if last_complete is None:
        checks.append(Check(f"{source} crawl", False, "no complete crawl yet"))
    else:
        age = moment - (last_complete.finished_at or last_complete.started_at)
        hours = age.total_seconds() / 3600
        checks.append(
            Check(
                f"{source} crawl",
                age <= MAX_AGE,
                f"last complete crawl run {last_complete.id}, {hours:.0f} h ago",
            )
        )
    checks.append(
        Check(
            f"{source} failures",
            failed < MAX_FAILED_IN_A_ROW,
            f"{failed} failed, partial or degraded runs in a row"
            + (f" (latest: {runs[0].reason})" if failed else ""),
        )
    )
    if source == CrawlSource.NATIONAL:
        latest = runs[0]
        held = latest.held_endings or []
        checks.append(
            Check(
                "held endings",
                not held,
                f"run {latest.id} holds {len(held)} endings; `lovwatch runs release {latest.id}`"
                if held
                else "none",
            )
        )
        unknown = sorted({*(latest.unknown_labels or []), *(latest.unknown_keys or [])})
        checks.append(
            Check(
                "unknown labels and keys",
                not unknown,
                ", ".join(unknown) if unknown else "none in the latest run",
            )
        )
    return checks


def store_checks(session: Session, engine: Engine, flag_after: int) -> list[Check]:
    unmatched = session.exec(
        select(func.count()).select_from(Authority).where(col(Authority.matched).is_(False))
    ).one()
    unmapped = {
        term
        for areas in session.exec(
            select(Advert.service_areas).where(Advert.status == AdvertStatus.ACTIVE)
        )
        for term in categorize(areas).unmapped
    }
    failing = session.exec(
        select(func.count())
        .select_from(SubscriptionTarget)
        .where(SubscriptionTarget.consecutive_failures >= flag_after)
    ).one()
    checks = [
        Check(
            "unmatched authorities",
            unmatched == 0,
            f"{unmatched} (`lovwatch authorities --unmatched`)",
        ),
        Check(
            "unmapped areas", not unmapped, f"{len(unmapped)} (`lovwatch categories --unmapped`)"
        ),
        Check(
            "notification targets", failing == 0, f"{failing} failing (`lovwatch subscribe list`)"
        ),
    ]
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and Path(database).is_file():
        size = Path(database).stat().st_size / 1024 / 1024
        checks.append(Check("store size", True, f"{size:.1f} MB"))
    return checks


def health(engine: Engine, flag_after: int = 5) -> list[Check]:
    """Every check, national source first."""
    moment = now()
    with Session(engine) as session:
        checks = source_checks(session, CrawlSource.NATIONAL, moment)
        checks += source_checks(session, CrawlSource.MUNICIPAL, moment)
        checks += store_checks(session, engine, flag_after)
    return checks
