"""The national replica with the faults a crawler must survive: 5xx, 429, slow answers,
truncated JSON, empty pages, an unstable order, unknown keys, null areas, timestamp dates.

`FaultyReplica` is `lovwatch.replica.ReplicaServer` with its hooks filled in from `faults`,
all off until a test switches one on; each may be changed while the server runs. The package
serves a well-behaved site only (`lovwatch demo` needs nothing more).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lovwatch.replica.dataset import ReplicaAdvert
from lovwatch.replica.server import DEFAULT_FETCH, SEARCH_PATH, ReplicaServer, Response

TOO_MANY_REQUESTS = Response(
    429, "text/plain; charset=utf-8", b"Too Many Requests\n", {"Retry-After": "1"}
)
SERVER_ERROR = Response(
    500, "application/json; charset=utf-8", json.dumps({"error": "Internal server error"}).encode()
)


@dataclass
class Faults:
    """Faults to inject; all off by default, each may be changed while the server runs."""

    #: Answer 500 to search requests at these offsets.
    fail_listing_offsets: set[int] = field(default_factory=set)
    #: Request-target prefix (path, optionally with query) → seconds to sleep before answering.
    slow_paths: dict[str, float] = field(default_factory=dict)
    #: Answer a JSON body cut in the middle (a complete HTTP response) at these offsets.
    truncated_json_offsets: set[int] = field(default_factory=set)
    #: Answer results=[] while numberOfHits stays the full count at these offsets.
    empty_page_offsets: set[int] = field(default_factory=set)
    #: Answer 429 with Retry-After: 1 to the next N requests, whatever the path.
    too_many_requests: int = 0
    #: Add unknown keys to the envelope and to every item.
    extra_keys: bool = False
    #: Send businessAreas: null on every item.
    null_business_areas: bool = False
    #: Rotate the result order by this many places after every search request: an unstable
    #: order, as when adverts are added while a client pages, so offset paging repeats some
    #: items and skips others.
    drifting_order: int = 0
    #: Send `updated` as a full ISO timestamp (same local date) instead of a date.
    timestamp_updated: bool = False


class FaultyReplica(ReplicaServer):
    """The replica on loopback, misbehaving as its `faults` say."""

    def __init__(
        self, adverts: list[ReplicaAdvert], host: str = "127.0.0.1", port: int = 0
    ) -> None:
        super().__init__(adverts, host, port)
        self.faults = Faults()
        self._faults_lock = threading.Lock()
        self._searches = 0
        self._released = threading.Event()

    def release_slow_answers(self) -> None:
        """Answer every held request now, and hold none from here on: a test whose crawl was
        kept slow only while something else ran need not sit out the rest of the delay."""
        self._released.set()

    def intercept(self, target: str) -> Response | None:
        """429 while any are owed (before any delay), else a delay, then 500 on failing pages."""
        if self._owe_too_many_requests():
            return TOO_MANY_REQUESTS
        delay = self._delay(target)
        if delay:
            self._released.wait(delay)
        if listing_offset(target) in self.faults.fail_listing_offsets:
            return SERVER_ERROR
        return None

    def order_hits(self, hits: list[ReplicaAdvert]) -> list[ReplicaAdvert]:
        step = self.faults.drifting_order
        if not step or not hits:
            return hits
        with self._faults_lock:
            shift = self._searches * step % len(hits)
            self._searches += 1
        return hits[shift:] + hits[:shift]

    def edit_listing(self, offset: int, payload: dict[str, Any]) -> dict[str, Any]:
        faults = self.faults
        if offset in faults.empty_page_offsets:
            payload["results"] = []
        for item in payload["results"]:
            if faults.null_business_areas:
                item["businessAreas"] = None
            if faults.timestamp_updated:
                item["updated"] = timestamp(item)
            if faults.extra_keys:
                item.update(contentType="LovAdvertPage", score=1.0, isNew=False)
        if faults.extra_keys:
            payload.update(facets={"regions": [], "businessAreas": []}, spellingSuggestion=None)
        return payload

    def edit_response(self, target: str, response: Response) -> Response:
        if listing_offset(target) in self.faults.truncated_json_offsets:
            return response._replace(body=response.body[: len(response.body) // 2])
        return response

    def _owe_too_many_requests(self) -> bool:
        with self._faults_lock:
            if self.faults.too_many_requests > 0:
                self.faults.too_many_requests -= 1
                return True
        return False

    def _delay(self, target: str) -> float:
        # A copy: a test may change slow_paths while handler threads read it.
        slow = dict(self.faults.slow_paths)
        return max((s for prefix, s in slow.items() if target.startswith(prefix)), default=0.0)


def listing_offset(target: str) -> int | None:
    """The offset of a search the replica would answer with a page; None for anything else
    (another path, or parameters it refuses with 400)."""
    parts = urlsplit(target)
    if parts.path != SEARCH_PATH:
        return None
    params = parse_qs(parts.query, keep_blank_values=True)
    try:
        fetch = int(params.get("fetch", [str(DEFAULT_FETCH)])[0])
        offset = int(params.get("offset", ["0"])[0])
    except ValueError:
        return None
    return offset if fetch >= 0 and offset >= 0 else None


def timestamp(item: dict[str, Any]) -> str:
    """The item's `updated` date as a full ISO timestamp with the same local date."""
    # A working-hours time, stable per advert, keeps the UTC date equal to the local date.
    seconds = 6 * 3600 + item["documentId"] % (11 * 3600)
    hh, mm, ss = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{item['updated']}T{hh:02d}:{mm:02d}:{ss:02d}+01:00"
