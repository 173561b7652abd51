"""Shared fixtures: a replica of the national database on loopback, a store file, and the real
`lovwatch` CLI run in a child process (forked from the test process, see `forked_cli`)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from faulty_replica import FaultyReplica
from forked_cli import needs_exec, preload, run_forked
from municipal_replica import MunicipalReplica

from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer

preload()

#: Settings for crawling a loopback replica fast (the real-site defaults are slow on purpose).
# A generous timeout: a loaded CI machine must not turn a slow answer into a failed test.
FAST = ("--delay", "0", "--concurrency", "4", "--timeout", "30", "--backoff", "0.1")


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Lovwatch:
    """Runs the CLI against one store, as a user (or cron) would, each call in a process of its
    own: forked from the test process, or with `fresh_interpreter` a new `python -m lovwatch`."""

    def __init__(
        self, db: Path | str, env: dict[str, str] | None = None, fresh_interpreter: bool = False
    ) -> None:
        self.db = db
        self.env = env or {}
        self.fresh_interpreter = fresh_interpreter

    def __call__(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        timeout: float = 120,
        check: bool = False,
    ) -> Result:
        environment = self.environment(env)
        if self.fresh_interpreter or needs_exec({**self.env, **(env or {})}):
            done = subprocess.run(
                [sys.executable, "-m", "lovwatch", *args],
                capture_output=True,
                text=True,
                env=environment,
                timeout=timeout,
                check=False,
            )
            result = Result(done.returncode, done.stdout, done.stderr)
        else:
            result = Result(*run_forked(list(args), environment, timeout))
        if check and result.code != 0:
            raise AssertionError(
                f"lovwatch {' '.join(args)} exited {result.code}:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def environment(self, env: dict[str, str] | None = None) -> dict[str, str]:
        """The environment the CLI runs in: this store, and none of a developer's own settings
        that could leak into a test (never the real site)."""
        overrides = {"LOVWATCH_DB": str(self.db), **self.env, **(env or {})}
        inherited = {
            k: v for k, v in os.environ.items() if k not in ("LOVWATCH_BASE_URL", "LOVWATCH_NOW")
        }
        return {**inherited, **overrides}

    def crawl(self, base_url: str, *extra: str, env: dict[str, str] | None = None) -> Result:
        return self("crawl", "--base-url", base_url, *FAST, *extra, env=env)


def _loopback_alias_works() -> bool:
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
        return True
    except OSError:
        return False


#: Municipal replicas serve several sites on 127.0.0.2, 127.0.0.3, ...
needs_loopback_aliases = pytest.mark.skipif(
    not _loopback_alias_works(), reason="127.0.0.2 cannot be bound here (no loopback aliases)"
)


@pytest.fixture
def sites() -> Iterator[MunicipalReplica]:
    """The municipal-site replica (several Sitevision-like sites on loopback hosts)."""
    with MunicipalReplica() as replica:
        yield replica


@pytest.fixture
def replica() -> Iterator[ReplicaServer]:
    """The national replica serving day one."""
    with ReplicaServer(initial_adverts()) as server:
        yield server


@pytest.fixture
def faulty_replica() -> Iterator[FaultyReplica]:
    """The national replica serving day one, with faults a test may switch on."""
    with FaultyReplica(initial_adverts()) as server:
        yield server


#: Set to a PostgreSQL server URL (`postgresql+psycopg://postgres@127.0.0.1:5432/postgres`),
#: and every test's store is a fresh database there instead of a SQLite file: the suite runs
#: against PostgreSQL. Tests marked `sqlite_only` (they read the store file itself) are then
#: deselected.
TEST_DB = os.environ.get("LOVWATCH_TEST_DB")


@contextmanager
def fresh_store(tmp_path: Path, name: str = "lovwatch") -> Iterator[Path | str]:
    """A new, empty store: a fresh PostgreSQL database under LOVWATCH_TEST_DB, else a SQLite
    file `name`.sqlite in `tmp_path` (not created yet)."""
    if TEST_DB:
        with _fresh_postgres_database(TEST_DB) as url:
            yield url
    else:
        yield tmp_path / f"{name}.sqlite"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Path | str]:
    with fresh_store(tmp_path) as found:
        yield found


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not TEST_DB:
        return
    kept = [item for item in items if item.get_closest_marker("sqlite_only") is None]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


@pytest.fixture
def lovwatch(store: Path | str) -> Lovwatch:
    return Lovwatch(store)


def _required() -> bool:
    """In CI every service must be there: a test that would skip fails instead."""
    return os.environ.get("LOVWATCH_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if _required():
        pytest.fail(f"{reason} (LOVWATCH_REQUIRE_SERVICES=1: CI must run this test)")
    pytest.skip(reason)


@contextmanager
def _fresh_postgres_database(server: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server at `server`, dropped afterwards."""
    import uuid

    try:
        import psycopg
        from sqlalchemy.engine import make_url
    except ImportError:
        skip_or_fail("psycopg is not installed (pip install 'lovwatch[postgres]')")
    url = make_url(server)
    name = f"lovwatch_test_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql", database=url.database or "postgres")
    try:
        connection = psycopg.connect(
            admin.render_as_string(hide_password=False), autocommit=True, connect_timeout=5
        )
    except psycopg.OperationalError as exc:
        skip_or_fail(f"PostgreSQL at {url.host}:{url.port} is unreachable: {exc}")
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(
            admin.render_as_string(hide_password=False), autocommit=True
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards.

    Needs LOVWATCH_TEST_POSTGRES_URL (a server URL whose user may create databases), e.g.
    postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    """
    server = os.environ.get("LOVWATCH_TEST_POSTGRES_URL")
    if not server:
        skip_or_fail("no PostgreSQL: set LOVWATCH_TEST_POSTGRES_URL to run this test")
    with _fresh_postgres_database(server) as url:
        yield url


@pytest.fixture
def chromium_path() -> str:
    """Debian's Chromium (or LOVWATCH_CHROMIUM), for tests that need a real browser."""
    import shutil

    candidates = [
        os.environ.get("LOVWATCH_CHROMIUM"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    skip_or_fail("no Chromium: install Debian's `chromium` or set LOVWATCH_CHROMIUM")
    raise AssertionError("unreachable")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With LOVWATCH_REQUIRE_SERVICES=1 (CI) no test may skip: a missing browser, database or
    optional package is a broken CI machine, not a reason to pass quietly."""
    outcome = yield
    report = outcome.get_result()
    if _required() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"
