"""The one place that knows lovwatch's settings and their environment overrides."""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

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


def _is_host(host: str) -> bool:
    """A name a web address can carry: a dotted domain name, an IP address or localhost."""
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(labels) >= 2 and all(
        label and len(label) <= 63 and all(ch.isalnum() or ch == "-" for ch in label)
        for label in labels
    )


def check_web_url(value: str, *, what: str, example: str, default_scheme: str | None = None) -> str:
    """`value` as an http(s) URL without a trailing slash; ValueError with a sentence naming
    `what` (the option) and how a good value looks (`example`) when it is not one.

    With `default_scheme`, a bare host ("www.sala.se") gets that scheme; without it the scheme
    is required, so "127.0.0.1:8071" is refused rather than read as scheme "127.0.0.1".
    """
    text = value.strip()
    hint = f"give an http(s) address such as {example}"
    if not text:
        raise ValueError(f"{what} is empty; {hint}")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise ValueError(f"{what} {value!r} contains spaces or control characters; {hint}")
    shown = text
    if "://" not in text:
        if default_scheme is None:
            raise ValueError(f"{what} {shown!r} has no scheme; {hint}")
        text = f"{default_scheme}://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(f"{what} {shown!r} has an invalid port (1-65535); {hint}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"{what} {shown!r} is not http or https; {hint}")
    host = (parts.hostname or "").lower()
    if not _is_host(host):
        raise ValueError(
            f"{what} {shown!r} names no host (a host has a dot, or is an IP address or "
            f"localhost); {hint}"
        )
    if port == 0:
        raise ValueError(f"{what} {shown!r} has port 0; {hint}")
    return text.rstrip("/")


def check_base_url(value: str) -> str:
    """The national database's base URL (`--base-url`, LOVWATCH_BASE_URL), checked: an
    http(s) URL with a real host; ValueError with a sentence to show the user otherwise."""
    return check_web_url(value, what="--base-url", example=DEFAULT_BASE_URL)


def check_site_url(value: str) -> str:
    """A municipal site's start address (`--site CODE=URL`, `--sites` file): https is assumed
    when no scheme is given, but the host must be real ("notaurl" is refused)."""
    return check_web_url(
        value, what="site URL", example="https://www.sala.se", default_scheme="https"
    )


def data_dir() -> Path:
    """Where the default SQLite store lives (XDG data directory)."""
    root = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(root) / "lovwatch"


_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s'\"<>]+@")


def hide_credentials(text: str) -> str:
    """`text` with the user and password of every URL in it shown as ****
    ("postgresql://****@db/lovwatch"): for URLs of settings shown in messages and tables."""
    return _CREDENTIALS.sub(r"\1****@", text)


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
    """How hard to press a site. The defaults suit the real national site.

    `concurrency` is the crawl's requests in flight overall; `per_site_concurrency` and
    `delay` are per host (Scrapy's download slots). The national site is one host, so there
    `concurrency` is per host too unless `per_site_concurrency` says otherwise; the municipal
    crawl defaults to one request at a time per host, however many sites run at once.
    """

    delay: float | None = None
    concurrency: int | None = None
    timeout: float | None = None
    retries: int | None = None
    backoff: float | None = None
    obey_robots: bool = True
    per_site_concurrency: int | None = None


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
