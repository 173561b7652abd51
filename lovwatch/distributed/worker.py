"""One worker of a distributed municipal crawl (`lovwatch worker`): join a run announced in
Redis, crawl from its shared queue until the coordinator says the run is over, and push every
item back to Redis for the coordinator to apply. A worker never opens the store."""

from __future__ import annotations

import logging
import pickle
import threading
import time
from dataclasses import replace
from typing import Any, Self

from redis import Redis
from redis.exceptions import RedisError
from scrapy import signals
from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import AsyncCrawlerRunner, Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import Settings
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet.task import LoopingCall

from lovwatch.crawl import run_in_reactor, scrapy_settings
from lovwatch.distributed.frontier import worker_id
from lovwatch.distributed.keys import (
    ALIVE_SECONDS,
    ANNOUNCED,
    RunConfig,
    RunKeys,
    WorkerError,
    text,
)
from lovwatch.distributed.spider import SharedMunicipalSpider, StartPageAnswered
from lovwatch.spiders.items import MUNICIPAL_ITEMS

#: How often an idle worker looks at the shared queue again. Scrapy's engine looks every 5 s
#: when it has nothing to do, which is right for one process but leaves a worker idle while
#: another fills the queue.
IDLE_POLL_SECONDS = 0.1
HEARTBEAT_SECONDS = 2.0
#: How long the crawl's event loop may go without a turn before this worker stops saying it is
#: alive. A loaded machine can hold the loop back for many seconds; a hung one must not hold
#: the run forever.
STALL_SECONDS = 120.0
FINISHED = "finished"

logger = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    """Keeps a worker's alive key fresh from a thread of its own, as long as the crawl's event
    loop has turned (`tick`) within `stall` seconds. In the event loop, a beat would wait behind
    whatever the loop is busy with: on a loaded machine a live worker then read as lost."""

    def __init__(
        self,
        server: Redis,
        key: str,
        every: float = HEARTBEAT_SECONDS,
        alive: int = ALIVE_SECONDS,
        stall: float = STALL_SECONDS,
    ) -> None:
        super().__init__(name="lovwatch-heartbeat", daemon=True)
        self.server, self.key = server, key
        self.every, self.alive, self.stall = every, alive, stall
        self.ticked = time.monotonic()
        self.stopped = threading.Event()

    def tick(self) -> None:
        self.ticked = time.monotonic()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            if time.monotonic() - self.ticked > self.stall:
                continue  # the crawl is stuck: let the key lapse, so the run ends partial
            try:
                self.server.set(self.key, 1, ex=self.alive)
            except RedisError as exc:  # the coordinator sees the lapse; the crawl sees Redis
                logger.warning("heartbeat to Redis failed: %s", exc)

    def stop(self) -> None:
        """Stop beating; once this returns, the key is set no more."""
        self.stopped.set()
        if self.is_alive():
            self.join()


class WorkerLink:
    """A Scrapy extension: tells the coordinator through Redis that this worker is alive,
    busy or idle, and closes the spider when the coordinator says the run is over."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.keys = RunKeys(crawler.settings["LOVWATCH_RUN_PREFIX"])
        self.server: Redis = get_redis_from_settings(crawler.settings)
        self.id = worker_id()
        self.beat = LoopingCall(self.heartbeat)
        self.pulse = Heartbeat(self.server, self.keys.alive(self.id))
        self.closing = False
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def spider_opened(self) -> None:
        with self.server.pipeline() as pipe:
            pipe.hset(self.keys.workers, self.id, "busy")
            pipe.set(self.keys.alive(self.id), 1, ex=ALIVE_SECONDS)
            pipe.execute()
        self.pulse.start()
        self.beat.start(HEARTBEAT_SECONDS, now=False)

    def heartbeat(self) -> None:
        """In the event loop: show the loop turns, and close the spider if the run is off."""
        self.pulse.tick()
        try:
            with self.server.pipeline() as pipe:
                pipe.get(self.keys.stop)
                pipe.exists(self.keys.coordinator)
                stop, coordinator = pipe.execute()
        except RedisError as exc:  # a LoopingCall that raises never runs again
            logger.warning("could not read the run's state from Redis: %s", exc)
            return
        # The coordinator gave up on the run, or died: crawling on would serve no one.
        if (stop == b"abort" or not coordinator) and not self.closing:
            self.closing = True
            engine = self.crawler.engine
            assert engine is not None
            deferred_from_coro(engine.close_spider_async(reason="aborted"))

    def spider_idle(self) -> None:
        stop = self.server.get(self.keys.stop)
        if stop is not None:
            return  # the run is over (or aborted): let the spider close
        self.server.hset(self.keys.workers, self.id, "idle")
        raise DontCloseSpider

    def spider_closed(self, reason: str) -> None:
        if self.beat.running:
            self.beat.stop()
        self.pulse.stop()  # before the alive key goes: the thread must not set it again
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        ended = self.server.get(self.keys.stop) == b"done" and reason == "finished"
        with self.server.pipeline() as pipe:
            pipe.hincrby(self.keys.stats, "requests", int(stats.get("downloader/request_count", 0)))
            pipe.hset(self.keys.workers, self.id, FINISHED if ended else f"stopped ({reason})")
            pipe.delete(self.keys.alive(self.id))
            pipe.execute()


class RedisItemPipeline:
    """Pushes each item the spider yields to the run's list in Redis (pickled, as scrapy-redis
    does with requests: the Redis must be one only lovwatch's hosts can reach)."""

    def __init__(self, crawler: Crawler) -> None:
        self.keys = RunKeys(crawler.settings["LOVWATCH_RUN_PREFIX"])
        self.server: Redis = get_redis_from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, (*MUNICIPAL_ITEMS, StartPageAnswered)):
            self.server.rpush(self.keys.items, pickle.dumps(item))
        return item


def worker_settings(keys: RunKeys, config: RunConfig, redis_url: str) -> Settings:
    """The municipal crawl's settings, with scrapy-redis's scheduler on the run's keys."""
    settings = scrapy_settings(config.politeness, config.verbose)
    overrides: dict[str, Any] = {
        "SCHEDULER": "lovwatch.distributed.frontier.RunScheduler",
        "SCHEDULER_QUEUE_CLASS": "lovwatch.distributed.frontier.RunQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "LOVWATCH_RUN_PREFIX": keys.prefix,
        # Workers never open the store: the coordinator applies what they push.
        "LOVWATCH_STORE_ENABLED": False,
        "ITEM_PIPELINES": {"lovwatch.distributed.worker.RedisItemPipeline": 800},
        "EXTENSIONS": {"lovwatch.distributed.worker.WorkerLink": 500},
        "LOVWATCH_SITES": list(config.sites),
        "LOVWATCH_MAX_PAGES": config.max_pages,
        "LOVWATCH_MAX_DEPTH": config.max_depth,
    }
    if config.chromium:
        overrides["LOVWATCH_CHROMIUM"] = config.chromium
    if config.cache_dir:
        overrides["HTTPCACHE_DIR"] = config.cache_dir
    settings.setdict(overrides, priority="cmdline")
    return settings


def connect(url: str) -> Redis:
    """A client of the Redis at `url`, or WorkerError saying it cannot be reached."""
    try:
        server = Redis.from_url(url, socket_connect_timeout=5)
        server.ping()
    except (RedisError, ValueError) as exc:
        raise WorkerError(f"Redis at {url} cannot be reached ({exc})") from exc
    return server


def find_run(server: Redis, prefix: str | None, wait: float) -> RunKeys | None:
    """The run to join: `prefix`, else the first announced run still open; waits up to `wait`
    seconds for one to be announced."""
    deadline = time.monotonic() + wait
    while True:
        candidates = [prefix] if prefix else sorted(map(text, server.smembers(ANNOUNCED)))
        for candidate in candidates:
            keys = RunKeys(candidate)
            # A run named outright is joined even if it is ending (then there is nothing to do).
            if server.exists(keys.config) and (prefix or not server.exists(keys.stop)):
                return keys
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)


def run_worker(
    redis_url: str, prefix: str | None = None, wait: float = 0.0, verbose: bool = False
) -> bool:
    """Serve one run until it ends; True if this worker saw it to its end."""
    server = connect(redis_url)
    keys = find_run(server, prefix, wait)
    if keys is None:
        what = f"run {prefix}" if prefix else "announced run"
        raise WorkerError(
            f"no open {what} in Redis at {redis_url}; start one with "
            "`lovwatch crawl --source municipal --workers N`, or give --wait SECONDS"
        )
    text = server.get(keys.config)
    if text is None or server.exists(keys.stop):
        return True  # the run ended before this worker got to it: nothing left to do
    config = RunConfig.loads(text)
    config = replace(config, verbose=config.verbose or verbose)
    crawler = Crawler(SharedMunicipalSpider, worker_settings(keys, config, redis_url))
    # See IDLE_POLL_SECONDS: this process runs this one crawl, so the engine's pace is ours.
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = IDLE_POLL_SECONDS

    async def main(runner: AsyncCrawlerRunner) -> None:
        await runner.crawl(crawler)

    run_in_reactor(main, config.verbose)
    state = server.hget(keys.workers, worker_id())
    return state == FINISHED.encode()
