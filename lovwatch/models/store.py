"""Opening the store: the single function that gives an engine, for reading or for writing."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine, select

from lovwatch.config import database_url

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration (lovwatch/migrations/versions). A store already there is up to date
#: without asking Alembic, whose import is most of a read command's start-up;
#: `tests/test_migration_events.py` checks that this is Alembic's head.
HEAD_REVISION = "0006"


class StoreError(Exception):
    """The store cannot be opened or migrated; the message says what to fix."""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("lovwatch") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply every pending migration (idempotent)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory store."""
    path = make_url(url).database
    return None if not path or path == ":memory:" else Path(path)


def _create_sqlite_file(file: Path, default_location: bool) -> None:
    """Create a new store file private (0600: it will hold notification secrets). Only the
    default location's folder is created: a mistyped --db folder is an error, not a new tree."""
    if default_location:
        file.parent.mkdir(parents=True, exist_ok=True)
    elif not file.parent.is_dir():
        raise StoreError(f"no folder {file.parent} for the store {file}; create it or fix --db")
    try:
        fd = os.open(file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:  # another process created it just now
        return
    except OSError as exc:
        raise StoreError(f"cannot create the store {file}: {exc.strerror}") from exc
    os.close(fd)


def open_store(url: str | None = None, *, write: bool = True) -> Engine:
    """Open the store at `url`, LOVWATCH_DB, or the default file.

    `write=False` (read commands) changes nothing: a missing SQLite file or a schema behind
    this version's is an error that says what to run. `write=True` creates a missing SQLite
    file (private), migrates a store that is behind and brings the category table in step;
    an existing file's mode is left as its owner set it.
    """
    resolved = database_url(url)
    busy_timeout_ms = _busy_timeout_ms()
    file = _sqlite_path(resolved) if resolved.startswith("sqlite") else None
    if file is not None and not file.exists():
        if not write:
            raise StoreError(
                f"no store at {file}; run `lovwatch crawl` or `lovwatch db upgrade` to create one"
            )
        _create_sqlite_file(file, default_location=url is None and "LOVWATCH_DB" not in os.environ)
    try:
        engine = create_engine(resolved)
    except Exception as exc:  # unknown dialect, missing driver, malformed URL
        raise StoreError(
            f"cannot open store {_redact(resolved)!r}: {exc}; check --db / LOVWATCH_DB"
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
    try:
        behind = schema_behind(engine)
    except StoreError:
        raise
    except Exception as exc:
        fault = store_fault(exc)
        if fault is not None:
            raise StoreError(f"{fault} (store {_redact(resolved)!r})") from exc
        raise StoreError(
            f"cannot open store {_redact(resolved)!r}: {_first_line(exc)}; check --db / LOVWATCH_DB"
        ) from exc
    if behind and not write:
        raise StoreError(
            f"the store {_redact(resolved)!r} has an older schema than this lovwatch; "
            "run `lovwatch db upgrade`"
        )
    if write:
        try:
            if behind:
                _upgrade_once(engine)
            sync_categories(engine)
        except Exception as exc:
            fault = store_fault(exc)
            raise StoreError(
                f"cannot migrate store {_redact(resolved)!r}: {fault or _first_line(exc)}"
            ) from exc
    return engine


def _upgrade_once(engine: Engine) -> None:
    """Migrate under a lock, so that two first runs on a new store do not both create it."""
    from lovwatch.models.locks import JobLock

    lock = JobLock(engine, "schema")
    lock.acquire(wait=True, timeout=600)
    try:
        if schema_behind(engine):
            upgrade(engine)
    finally:
        lock.release()


def schema_behind(engine: Engine) -> bool:
    """Whether migrations are pending. A store at a revision this version does not know was
    written by a newer lovwatch: that is an error, not something to migrate."""
    if _revisions(engine) == {HEAD_REVISION}:
        return False
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    heads = set(script.get_heads())
    known = {rev.revision for rev in script.walk_revisions()}
    if current - known:
        raise StoreError(
            f"the store is at schema {', '.join(sorted(current - known))}, unknown to this "
            "lovwatch; upgrade lovwatch"
        )
    return current != heads


def _revisions(engine: Engine) -> set[str] | None:
    """The store's migration revisions, read directly; None when it has no version table."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
            return {row[0] for row in rows}
    except DBAPIError:
        return None


#: What a store that refuses writes says (SQLite, psycopg), and the sentence a user acts on.
_FAULTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("database is locked", "database table is locked", "lock timeout"),
        "the store is locked by another program that is writing to it; "
        "run again when that program has finished",
    ),
    (
        ("database or disk is full", "disk i/o error", "no space left", "could not extend file"),
        "cannot write to the store: its disk is full or failing ({detail}); "
        "free space and run again",
    ),
    (
        ("readonly database", "read-only", "read only"),
        "cannot write to the store: it is read-only for this user ({detail}); "
        "give write access or use another --db",
    ),
)


def store_fault(exc: BaseException) -> str | None:
    """A sentence for a store that refuses to be written (locked, full, read-only), or None
    when `exc` is something else (a bug, which should surface as one)."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return None
    detail = _first_line(exc.orig) if exc.orig is not None else _first_line(exc)
    lowered = detail.lower()
    for needles, sentence in _FAULTS:
        if any(needle in lowered for needle in needles):
            return sentence.format(detail=detail)
    return None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _busy_timeout_ms() -> int:
    """How long a write waits for another program's lock on a SQLite store before it gives up
    (LOVWATCH_BUSY_TIMEOUT, seconds; 30 by default)."""
    value = os.environ.get("LOVWATCH_BUSY_TIMEOUT", "30")
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise StoreError(
            f"LOVWATCH_BUSY_TIMEOUT={value!r}: give the seconds to wait for a locked store "
            "(0 to 3600)"
        )
    return round(seconds * 1000)


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[..., None]:
    def on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms:d}")
        cursor.close()

    return on_connect


def _redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url.split("@")[-1]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together, or not at all."""
    with Session(engine) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def sync_categories(engine: Engine) -> None:
    """Keep the category table in step with the taxonomy in the code."""
    from lovwatch.models.tables import ServiceCategory
    from lovwatch.normalize.categories import CATEGORIES, GROUPS

    group_labels = {group.code: group.label for group in GROUPS}
    with session_scope(engine) as session:
        existing = {row.code: row for row in session.exec(select(ServiceCategory))}
        for position, category in enumerate(CATEGORIES):
            wanted = (
                category.label,
                category.group,
                group_labels.get(category.group, category.group),
                position,
            )
            row = existing.get(category.code)
            if row is not None and (row.label, row.group_code, row.group_label, row.position) == (
                wanted
            ):
                continue  # in step already: nothing written
            row = row or ServiceCategory(
                code=category.code, label="", group_code="", group_label=""
            )
            row.label, row.group_code, row.group_label, row.position = wanted
            session.add(row)
