"""Opening the store: the single function that gives an engine, migrated to the latest schema."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine, select

from lovwatch.config import database_url


class StoreError(Exception):
    """The store cannot be opened or migrated; the message says what to fix."""


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("lovwatch") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine) -> None:
    """Apply every pending migration (idempotent)."""
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


def _prepare_sqlite_file(url: str) -> None:
    """Create the SQLite file's folder, and the file private (0600): it will hold secrets."""
    path = url.removeprefix("sqlite:///")
    if not path or path == ":memory:" or url.startswith("sqlite:///:memory:"):
        return
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    if not file.exists():
        fd = os.open(file, os.O_CREAT | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
        os.close(fd)
    else:
        file.chmod(stat.S_IRUSR | stat.S_IWUSR)


def open_store(url: str | None = None, *, migrate: bool = True) -> Engine:
    """Open (and by default migrate) the store at `url`, LOVWATCH_DB, or the default file."""
    resolved = database_url(url)
    if resolved.startswith("sqlite:///"):
        _prepare_sqlite_file(resolved)
    try:
        engine = create_engine(resolved)
    except Exception as exc:  # unknown dialect, missing driver, malformed URL
        raise StoreError(f"cannot open store {_redact(resolved)!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except Exception as exc:
            raise StoreError(f"cannot migrate store {_redact(resolved)!r}: {exc}") from exc
        sync_categories(engine)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

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
            row = existing.get(category.code) or ServiceCategory(
                code=category.code, label="", group_code="", group_label=""
            )
            row.label = category.label
            row.group_code = category.group
            row.group_label = group_labels.get(category.group, category.group)
            row.position = position
            session.add(row)
