"""Scrapy's downloader, holding each host to its concurrency when there is no delay.

Scrapy 2.19 hands a queued request to the network as an asyncio task and counts it as
transferring only once that task runs. With `DOWNLOAD_DELAY` 0, `_process_queue` therefore
hands out a host's whole queue before any of it counts, and a host limited to one request at
a time gets several at once (measured at a loopback server: up to 4). This downloader counts
a request as transferring from the moment it is handed out, which is all the fix needs:
`_download` adds it again (a set) and removes it when the answer is in. With a delay, Scrapy
hands out one request per turn anyway, and nothing changes.

`tests/test_municipal_politeness.py` measures the limit at the servers, so a Scrapy that
changes this method fails there.
"""

from __future__ import annotations

from time import monotonic

from scrapy.core.downloader import Downloader, Slot
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro


class PerHostDownloader(Downloader):
    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return  # a delayed turn is already planned
        now = monotonic()
        delay = slot.download_delay()
        if delay:
            penalty = delay - now + slot.lastseen
            if penalty > 0:
                slot.latercall = call_later(penalty, self._latercall, slot)
                return
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            slot.transferring.add(request)  # the one line Scrapy lacks: count it now
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # one request per delay: the next turn comes from _latercall
                self._process_queue(slot)
                break
