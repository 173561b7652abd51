"""The shared frontier: scrapy-redis's scheduler, queue and duplicate filter, with the few
atomic steps that let a coordinator know when a run is over and keep the page budget.

The run is over when the queue is empty and every worker is idle. That is only sound if a
worker is marked busy in the same atomic step that takes a request from the queue (else a
request could be in nobody's hands for a moment), so the queue's pop is one Lua script.
"""

from __future__ import annotations

import json
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

# KEYS: seen, budget, depths; ARGV: url, site code, page budget, depth. 1 when this caller may
# fetch the URL.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
if tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') >= tonumber(ARGV[3]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
return 1
"""

# The two sides of a page's depth (see MunicipalSpider.follow), each one atomic step, so that
# a shorter path found while another worker reads the page is seen by one of them.
# KEYS: depths, onward; ARGV: url, depth the page was read at, its links (JSON). The depth
# to follow its links at.
_SETTLE = """
local depth = tonumber(ARGV[2])
local known = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or ARGV[2])
if known < depth then depth = known end
if depth >= 2 and ARGV[3] ~= '[]' then redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]) end
return depth
"""
# KEYS: depths, onward; ARGV: url, depth. The links of the page to follow again (JSON), or
# nothing when the depth is no shorter or the page is not read yet.
_SHORTEN = """
local known = redis.call('HGET', KEYS[1], ARGV[1])
if not known or tonumber(known) <= tonumber(ARGV[2]) then return false end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return redis.call('HGET', KEYS[2], ARGV[1])
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
        self._settle = server.register_script(_SETTLE)
        self._shorten = server.register_script(_SHORTEN)

    def claim(self, url: str, code: str, budget: int, depth: int = 0) -> bool:
        """Whether this caller is the one to fetch `url` (not seen by any worker, and the
        site's page budget not spent), reached at `depth`."""
        keys = [self.keys.seen, self.keys.budget, self.keys.depths]
        return bool(self._claim(keys=keys, args=[url, code, budget, depth]))

    def settle(self, url: str, depth: int, links: list[tuple[str, str]]) -> int:
        """The least depth the page claimed as `url` has been reached at, keeping its
        (address, text) links for a shorter path found later."""
        keys = [self.keys.depths, self.keys.onward]
        return int(self._settle(keys=keys, args=[url, depth, json.dumps(links)]))

    def shortened(self, url: str, depth: int) -> list[tuple[str, str]]:
        """The links of the page claimed as `url` when `depth` is shorter than any path to it
        before and the page is read; else none."""
        keys = [self.keys.depths, self.keys.onward]
        links = self._shorten(keys=keys, args=[url, depth])
        return [tuple(link) for link in json.loads(links)] if links else []

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
