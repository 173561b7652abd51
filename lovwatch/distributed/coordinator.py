"""The coordinator of a distributed municipal crawl: the `lovwatch crawl --workers N` process.

It holds the store's municipal lock for the whole run, records the run, seeds the sites' start
requests into the run's Redis keys, starts N local `lovwatch worker` processes (more may join
from other hosts) and watches them. The run is over when the shared queue is empty and every
worker is idle, in one atomic look at Redis. Then the workers are told to stop, and what they
pushed is applied exactly as the single-process crawl applies it, in one transaction. A worker
that dies, stops answering or stops early, or a signal to the coordinator, makes the run
partial with nothing applied: pages that worker had in hand were never read.
"""

from __future__ import annotations

import asyncio
import pickle
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import IO

from redis import Redis
from redis.exceptions import RedisError
from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter
from sqlalchemy import Engine

from lovwatch.config import http_cache_dir
from lovwatch.constants import CrawlSource
from lovwatch.crawl import CrawlReport, CrawlRequest
from lovwatch.distributed.frontier import Frontier, RunQueue
from lovwatch.distributed.keys import (
    ALIVE_SECONDS,
    ANNOUNCED,
    RunConfig,
    RunKeys,
    RunLost,
    text,
)
from lovwatch.distributed.spider import StartPageAnswered
from lovwatch.distributed.worker import FINISHED, connect
from lovwatch.models.history import fail_run
from lovwatch.models.locks import JobLock, LockBusy
from lovwatch.models.municipal_history import (
    MunicipalSummary,
    apply_municipal,
    interrupted_municipal,
    start_municipal_run,
)
from lovwatch.models.store import open_store
from lovwatch.spiders.municipal import MunicipalSpider
from lovwatch.spiders.municipal_outcome import MunicipalCrawl

POLL_SECONDS = 0.05
#: How long stopped workers get to report their last counts before they count as lost.
STOP_GRACE_SECONDS = 60.0
NO_START_PAGE = "no worker read its start page"


def crawl_with_workers(
    store_url: str | None, request: CrawlRequest, workers: int, redis_url: str
) -> CrawlReport:
    """Crawl the requested municipal sites with `workers` local worker processes sharing the
    frontier in the Redis at `redis_url`; raises WorkerError if that Redis cannot be reached."""
    assert request.municipal is not None
    server = connect(redis_url)
    report = CrawlReport()
    engine = open_store(store_url, write=True)
    lock = JobLock(engine, CrawlSource.MUNICIPAL)
    try:
        lock.acquire(wait=request.wait)
    except LockBusy as exc:
        report.busy[CrawlSource.MUNICIPAL] = str(exc)
        return report
    try:
        report.municipal = DistributedRun(server, engine, request, redis_url).execute(workers)
    finally:
        lock.release()
    return report


class DistributedRun:
    """One run, from seeding to applying; see the module's docstring."""

    def __init__(self, server: Redis, engine: Engine, request: CrawlRequest, redis_url: str):
        assert request.municipal is not None
        self.server, self.engine, self.redis_url = server, engine, redis_url
        options = request.municipal
        self.config = RunConfig(
            sites=options.sites,
            max_pages=options.max_pages,
            max_depth=options.max_depth,
            politeness=request.politeness,
            chromium=options.chromium,
            cache_dir=str(http_cache_dir(engine.url.render_as_string(hide_password=False))),
            verbose=request.verbose,
        )
        sites = list(options.sites)
        label = ", ".join(site.url for site in sites[:3])
        label += f" (+{len(sites) - 3} more)" if len(sites) > 3 else ""
        self.run_id = start_municipal_run(engine, label)
        self.keys = RunKeys.of(engine.url.render_as_string(hide_password=False), self.run_id)
        self.crawl = MunicipalCrawl(sites, options.max_pages, options.max_depth)
        self.children: list[subprocess.Popen[bytes]] = []
        self.logs: list[IO[bytes] | None] = []
        self.signalled: str | None = None
        self.beat_due = 0.0

    def execute(self, workers: int) -> MunicipalSummary:
        try:
            with self._signals():
                self.publish()
                self.children = [self.start_worker() for _ in range(workers)]
                problem = self.watch() or self.finish()
            answered = self.collect()
            if problem is not None:
                return interrupted_municipal(self.engine, self.run_id, self.crawl, problem)
            for site in self.config.sites:
                code = site.municipality_code
                if code not in answered and code not in self.crawl.failed_sites:
                    self.crawl.failed_sites[code] = NO_START_PAGE
            return apply_municipal(self.engine, self.run_id, self.crawl)
        except RedisError as exc:
            reason = f"Redis failed during the run ({exc}); nothing was applied"
            fail_run(self.engine, self.run_id, reason)
            raise RunLost(f"run {self.run_id} failed: {reason}") from exc
        except BaseException as exc:
            fail_run(self.engine, self.run_id, f"the distributed crawl failed: {exc!r}")
            raise
        finally:
            with suppress(RedisError):  # Redis gone: the run is already recorded failed
                self.stop_workers()
                self.cleanup()
            for child in self.children:  # never leave a worker behind
                if child.poll() is None:
                    child.kill()
                    child.wait()
            for log in self.logs:
                if log is not None:
                    log.close()

    def publish(self) -> None:
        """Put the run's settings and start requests in Redis, then announce it."""
        keys = self.keys
        self.heartbeat()
        self.server.set(keys.config, self.config.dumps())
        spider = MunicipalSpider(
            sites=list(self.config.sites),
            max_pages=self.config.max_pages,
            max_depth=self.config.max_depth,
        )
        queue = RunQueue(self.server, spider, keys.requests)
        seen = RFPDupeFilter(self.server, keys.dupefilter)
        frontier = Frontier(self.server, keys)
        for request in asyncio.run(_start_requests(spider)):
            if request.callback == spider.parse_page:  # a page: it counts in the site's budget
                site = request.cb_kwargs["site"]
                frontier.claim(request.url, site.municipality_code, self.config.max_pages)
            seen.request_seen(request)
            queue.push(request)
        self.server.sadd(ANNOUNCED, keys.prefix)

    def start_worker(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "lovwatch", "worker", "--redis-url", self.redis_url]
        # A worker's messages go to the coordinator's stderr only with --verbose; otherwise
        # a worker that fails is named in the run's reason with its last line (see _last_line).
        log = None if self.config.verbose else tempfile.TemporaryFile()
        self.logs.append(log)
        return subprocess.Popen(
            [*command, "--run", self.keys.prefix],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            # Its own session: a Ctrl-C reaches the coordinator only, which stops the workers.
            start_new_session=True,
        )

    def heartbeat(self) -> None:
        if time.monotonic() >= self.beat_due:
            self.server.set(self.keys.coordinator, 1, ex=ALIVE_SECONDS)
            self.beat_due = time.monotonic() + 2.0

    def watch(self) -> str | None:
        """Wait until the run is over (None) or cannot complete (why)."""
        while True:
            self.heartbeat()
            if self.signalled:
                return self.signalled
            if problem := self.lost_worker():
                return problem
            with self.server.pipeline(transaction=True) as pipe:
                pipe.zcard(self.keys.requests)
                pipe.hgetall(self.keys.workers)
                queued, states = pipe.execute()
            # Atomic: a worker is marked busy in the same step that takes a request, and idle
            # only when it holds none, so nobody holds or can make new work.
            if queued == 0 and states and all(state == b"idle" for state in states.values()):
                return None
            time.sleep(POLL_SECONDS)

    def lost_worker(self, finishing: bool = False) -> str | None:
        """Why a worker is gone before the run's end, if one is."""
        for number, child in enumerate(self.children, 1):
            code = child.poll()
            if code is not None and (code != 0 or not finishing):
                said = _last_line(self.logs[number - 1])
                return f"worker {number} (pid {child.pid}) {_exit(code)}{said}"
        for worker in self.server.hkeys(self.keys.workers):
            name = text(worker)
            status, alive = self.worker_state(name)
            if status not in ("busy", "idle", FINISHED):
                return f"worker {name} {status}"
            if status != FINISHED and not alive:
                return f"worker {name} stopped answering (no heartbeat for {ALIVE_SECONDS} s)"
        return None

    def worker_state(self, worker: str) -> tuple[str, bool]:
        """A worker's state and whether its alive key is set, read in one step: a worker that
        ends deletes the key as it marks itself finished, so a state read before that step and
        a key read after it would call a finished worker lost."""
        with self.server.pipeline(transaction=True) as pipe:
            pipe.hget(self.keys.workers, worker)
            pipe.exists(self.keys.alive(worker))
            state, alive = pipe.execute()
        return text(state or b""), bool(alive)

    def finish(self) -> str | None:
        """Tell the workers the run is over and wait for each that took part to report its
        end. A worker that never took a request (one still starting) holds nothing: it is
        not waited for, and is stopped afterwards."""
        self.server.set(self.keys.stop, "done")
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while time.monotonic() < deadline:
            self.heartbeat()
            if problem := self.lost_worker(finishing=True):
                return problem
            states = self.server.hgetall(self.keys.workers).values()
            if all(state == FINISHED.encode() for state in states):
                return None
            time.sleep(POLL_SECONDS)
        return f"workers did not stop within {STOP_GRACE_SECONDS:.0f} s of the run's end"

    def collect(self) -> set[str]:
        """Take in what the workers pushed; return the sites whose start page answered."""
        answered: set[str] = set()
        for raw in self.server.lrange(self.keys.items, 0, -1):
            item = pickle.loads(
                raw if isinstance(raw, bytes) else raw.encode()
            )  # see RedisItemPipeline
            if isinstance(item, StartPageAnswered):
                answered.add(item.municipality_code)
            else:
                self.crawl.add(item)
        self.crawl.requests = int(self.server.hget(self.keys.stats, "requests") or 0)
        return answered

    def stop_workers(self) -> None:
        if not self.server.exists(self.keys.stop):
            self.server.set(self.keys.stop, "abort")
        for child in self.children:
            if child.poll() is None:
                child.terminate()
        for child in self.children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()

    def cleanup(self) -> None:
        """Delete every key of the run: nothing of it stays in Redis."""
        self.server.srem(ANNOUNCED, self.keys.prefix)
        keys = list(self.server.scan_iter(match=self.keys.pattern(), count=500))
        if keys:
            self.server.delete(*keys)

    @contextmanager
    def _signals(self) -> Iterator[None]:
        """Ctrl-C or SIGTERM ends the run as partial ("interrupted"), like a single crawl."""

        def handle(signum: int, _: FrameType | None) -> None:
            self.signalled = f"shutdown by {signal.Signals(signum).name}"

        previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


async def _start_requests(spider: MunicipalSpider) -> list[Request]:
    return [request async for request in spider.start()]


def _last_line(log: IO[bytes] | None) -> str:
    """ ": <the last line the worker wrote>", or nothing."""
    if log is None:
        return ""
    log.seek(0)
    lines = [line.strip() for line in log.read().decode(errors="replace").splitlines()]
    lines = [line for line in lines if line]
    return f": {lines[-1][:300]}" if lines else ""


def _exit(code: int) -> str:
    if code < 0:
        return f"was killed ({signal.Signals(-code).name})"
    return f"exited with status {code} before the run's end"
