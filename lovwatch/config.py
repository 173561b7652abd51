"""The one place that knows lovwatch's settings and their environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lovwatch import __version__

DEFAULT_BASE_URL = "https://www.upphandlingsmyndigheten.se"
PROJECT_URL = "https://github.com/lovwatch/lovwatch"
USER_AGENT = f"lovwatch/{__version__} (+{PROJECT_URL}; LOV market monitor)"

#: The search endpoint and advert pages, relative to the base URL.
SEARCH_PATH = "/api/sv/hitta-lov/search"
#: The endpoint refuses larger pages.
MAX_FETCH = 100

#: An advert that still answers but is missing from this many consecutive complete
#: listings is taken as ended.
DEFAULT_END_AFTER = 2


def base_url(override: str | None = None) -> str:
    """The national database's base URL: option, then LOVWATCH_BASE_URL, then the real host."""
    url = override or os.environ.get("LOVWATCH_BASE_URL") or DEFAULT_BASE_URL
    return url.rstrip("/")


def data_dir() -> Path:
    """Where the default SQLite store lives (XDG data directory)."""
    root = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(root) / "lovwatch"


def database_url(override: str | None = None) -> str:
    """The store: option, then LOVWATCH_DB, then a SQLite file in the data directory.

    A plain file path is accepted as well as any SQLAlchemy URL.
    """
    value = override or os.environ.get("LOVWATCH_DB")
    if not value:
        return f"sqlite:///{data_dir() / 'lovwatch.sqlite'}"
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(frozen=True)
class Politeness:
    """How hard to press a site. The defaults suit the real national site."""

    delay: float | None = None
    concurrency: int | None = None
    timeout: float | None = None
    retries: int | None = None
    backoff: float | None = None
    obey_robots: bool = True


#: The defaults: polite enough for the real sites.
POLITE = Politeness()


def http_cache_dir(store: str | None = None) -> Path:
    """Where the municipal crawl keeps pages to revalidate: beside a SQLite store file (one
    cache per store), else in the data directory. LOVWATCH_HTTPCACHE_DIR overrides both."""
    explicit = os.environ.get("LOVWATCH_HTTPCACHE_DIR")
    if explicit:
        return Path(explicit)
    url = database_url(store)
    if url.startswith("sqlite:///") and ":memory:" not in url:
        file = Path(url.removeprefix("sqlite:///"))
        return file.with_name(file.name + ".httpcache")
    return data_dir() / "httpcache"
