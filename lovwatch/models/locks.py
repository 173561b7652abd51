"""One crawl of each source at a time per store, and one notifier: locks that die with their
holder.

PostgreSQL: a session-level advisory lock on a connection held for the job's duration. SQLite:
an exclusive `flock` on a file beside the store. Both are released by the operating system or
the server when the process dies, so a lock left by a killed process is recovered by itself.
Within one process a lock is re-entrant: the crawl service takes it before starting Scrapy,
and the pipeline that takes it again (as it must under a bare `scrapy crawl`) shares it.
"""

from __future__ import annotations

import fcntl
import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlmodel import Session, col, select

from lovwatch.constants import CrawlSource, RunStatus
from lovwatch.models.tables import CrawlRun

#: Poll interval while waiting for a busy lock (`--wait`).
WAIT_POLL_SECONDS = 1.0


class LockBusy(Exception):
    """Another process holds the lock; the message says who, in one sentence."""


@dataclass
class _Held:
    count: int = 0
    file: int | None = None
    connection: Connection | None = None


@dataclass
class JobLock:
    """The lock of one job (`national`, `municipal`, `notify`) on one store."""

    engine: Engine
    job: str
    _key: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self._key = (self.engine.url.render_as_string(hide_password=False), self.job)

    def acquire(self, wait: bool = False, timeout: float | None = None) -> None:
        """Take the lock, or raise LockBusy; with `wait`, poll until it is free (or timeout)."""
        held = _HELD.get(self._key)
        if held is not None:
            held.count += 1
            return
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            taken = self._try()
            if taken is not None:
                taken.count = 1
                _HELD[self._key] = taken
                return
            if not wait or (deadline is not None and time.monotonic() >= deadline):
                raise LockBusy(self.describe_holder())
            time.sleep(WAIT_POLL_SECONDS)

    def release(self) -> None:
        held = _HELD.get(self._key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _HELD[self._key]
        if held.file is not None:
            fcntl.flock(held.file, fcntl.LOCK_UN)
            os.close(held.file)
        if held.connection is not None:
            held.connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": _advisory_key(self.job)}
            )
            held.connection.close()

    def _try(self) -> _Held | None:
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            connection = self.engine.connect()
            taken = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": _advisory_key(self.job)}
            ).scalar()
            connection.commit()
            if taken:
                return _Held(connection=connection)
            connection.close()
            return None
        path = lock_file(self.engine, self.job)
        if path is None:  # an in-memory store lives and dies with this process
            return _Held()
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        return _Held(file=fd)

    def describe_holder(self) -> str:
        """ "another national crawl is running (run 12, started 2026-12-01 06:15 UTC)"."""
        what = {"notify": "notification run", "schema": "schema migration"}.get(
            self.job, f"{self.job} crawl"
        )
        run = None
        if self.job in (CrawlSource.NATIONAL, CrawlSource.MUNICIPAL):
            with Session(self.engine) as session:
                run = session.exec(
                    select(CrawlRun)
                    .where(CrawlRun.source == self.job, CrawlRun.status == RunStatus.RUNNING)
                    .order_by(col(CrawlRun.id).desc())
                ).first()
        if run is None:
            return f"another {what} is running on this store"
        started = run.started_at.strftime("%Y-%m-%d %H:%M UTC") if run.started_at else "?"
        return f"another {what} is running (run {run.id}, started {started})"


_HELD: dict[tuple[str, str], _Held] = {}


def _advisory_key(job: str) -> int:
    """A stable 32-bit key per job, in lovwatch's own namespace."""
    return zlib.crc32(f"lovwatch:{job}".encode())


def lock_file(engine: Engine, job: str) -> Path | None:
    """The lock file of a SQLite store (beside it), or None for an in-memory store."""
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(f"{database}.{job}.lock")
