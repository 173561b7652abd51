"""Where one distributed run lives in Redis: every key under a prefix naming the store and the
run, so two stores (or two runs of one store) sharing a Redis never mix."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from typing import Any

from lovwatch.config import Politeness
from lovwatch.municipal.sites import Site

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
#: The set of announced runs' prefixes: a `lovwatch worker` without `--run` joins one of these.
ANNOUNCED = "lovwatch:runs"
#: Seconds a worker or the coordinator counts as alive after its last heartbeat (sent every
#: 2 s).
ALIVE_SECONDS = 30


class WorkerError(Exception):
    """A distributed crawl cannot start or a worker cannot join; one sentence says why."""


class RunLost(Exception):
    """Redis failed in the middle of a run: the run is recorded failed, nothing applied."""


def require_packages() -> None:
    """WorkerError unless the optional `workers` extra (scrapy-redis, redis) is installed."""
    try:
        import redis  # noqa: F401
        import scrapy_redis  # noqa: F401
    except ImportError as exc:
        raise WorkerError(
            f"{exc.name} is not installed; install it with pip install 'lovwatch[workers]'"
        ) from exc


def text(value: bytes | str) -> str:
    """A Redis reply as text (the clients here return bytes)."""
    return value.decode() if isinstance(value, bytes) else value


def redis_url(option: str | None = None) -> str:
    """The Redis to share the frontier through: option, LOVWATCH_REDIS_URL, else local."""
    return option or os.environ.get("LOVWATCH_REDIS_URL") or DEFAULT_REDIS_URL


def store_id(store_url: str) -> str:
    """A short, stable name of a store that gives nothing of its URL (or password) away."""
    return hashlib.sha256(store_url.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class RunKeys:
    """The Redis keys of one run, all under `prefix` (`lovwatch:run:<store>:<run id>`)."""

    prefix: str

    @classmethod
    def of(cls, store_url: str, run_id: int) -> RunKeys:
        return cls(f"lovwatch:run:{store_id(store_url)}:{run_id}")

    def __getattr__(self, name: str) -> str:
        # keys.requests, keys.dupefilter, ...: one spelling of each key, checked below.
        if name not in _NAMES:
            raise AttributeError(name)
        return f"{self.prefix}:{name}"

    def hosts(self, code: str) -> str:
        return f"{self.prefix}:hosts:{code}"

    def alive(self, worker: str) -> str:
        return f"{self.prefix}:alive:{worker}"

    def pattern(self) -> str:
        return f"{self.prefix}:*"


#: requests: scrapy-redis's priority queue; dupefilter: its fingerprints; seen / budget: URLs
#: claimed and pages scheduled per site (the page budget holds across workers); depths / onward:
#: the least depth each claimed URL was reached at, and the links of pages read deep enough that
#: a shorter path would follow them again; hosts:<code>:
#: the hosts a site's address redirected to; items: what the workers saw (pickled); workers:
#: worker id → busy / idle / finished / stopped; alive:<id>: a worker's heartbeat; pids: worker
#: id → host and pid; pops: requests taken from the queue; stats: summed counts; config: the
#: run's settings; stop: "done" or "abort"; coordinator: the coordinator's heartbeat.
_NAMES = frozenset(
    "requests dupefilter seen budget depths onward items workers pids pops stats config stop "
    "coordinator".split()
)


@dataclass(frozen=True)
class RunConfig:
    """What every worker needs to crawl the run's sites as the coordinator was asked to."""

    sites: tuple[Site, ...]
    max_pages: int
    max_depth: int
    politeness: Politeness
    chromium: str | None = None
    cache_dir: str | None = None
    verbose: bool = False

    def dumps(self) -> str:
        data = asdict(self)
        data["sites"] = [asdict(site) for site in self.sites]
        return json.dumps(data)

    @classmethod
    def loads(cls, text: str | bytes) -> RunConfig:
        data: dict[str, Any] = json.loads(text)
        data["sites"] = tuple(Site(**site) for site in data["sites"])
        data["politeness"] = Politeness(**data["politeness"])
        return cls(**data)
