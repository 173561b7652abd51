"""The shared frontier: scrapy-redis's scheduler, queue and duplicate filter, with the few
atomic steps that let a coordinator know when a run is over and keep the page budget.

The run is over when the queue is empty and every worker is idle. That is only sound if a
worker is marked busy in the same atomic step that takes a request from the queue (else a
request could be in nobody's hands for a moment), so the queue's pop is one Lua script.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from redis import Redis
from scrapy import Request
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from lovwatch.distributed.keys import ALIVE_SECONDS, RunKeys

# KEYS: queue, workers, pops, alive; ARGV: worker id, alive seconds.
_POP = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], ARGV[1], 'busy')
redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[4], '1', 'EX', ARGV[2])
return top[1]
"""

# KEYS: seen, budget; ARGV: url, site code, page budget. 1 when this caller may fetch the URL.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') >= tonumber(ARGV[3]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
return 1
"""


def worker_id() -> str:
    """This process, as the coordinator and an operator see it: host and pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Frontier:
    """The run's shared state a spider consults: which URLs are claimed, the page budget per
    site, and the hosts each site turned out to be served from."""

    def __init__(self, server: Redis, keys: RunKeys) -> None:
        self.server = server
        self.keys = keys
        self._claim = server.register_script(_CLAIM)

    def claim(self, url: str, code: str, budget: int) -> bool:
        """Whether this caller is the one to fetch `url` (not seen by any worker, and the
        site's page budget not spent)."""
        keys = [self.keys.seen, self.keys.budget]
        return bool(self._claim(keys=keys, args=[url, code, budget]))

    def adopt_hosts(self, code: str, hosts: set[str]) -> None:
        self.server.sadd(self.keys.hosts(code), *hosts)

    def serves(self, code: str, host: str) -> bool:
        return bool(self.server.sismember(self.keys.hosts(code), host))


class RunQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis's priority queue whose pop also marks this worker busy (see above)."""

    def __init__(self, server: Redis, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.keys = RunKeys(key.removesuffix(":requests"))
        self.worker = worker_id()
        self._pop = server.register_script(_POP)

    def pop(self, timeout: int = 0) -> Request | None:
        keys = self.keys
        encoded = self._pop(
            keys=[self.key, keys.workers, keys.pops, keys.alive(self.worker)],
            args=[self.worker, ALIVE_SECONDS],
        )
        return self._decode_request(encoded) if encoded else None


class RunScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler; the queue and duplicate filter outlive any one worker (the
    coordinator deletes them with the run), whatever SCHEDULER_PERSIST says."""

    def close(self, reason: str) -> None:
        """Leave the shared queue alone: other workers may still be crawling it."""
