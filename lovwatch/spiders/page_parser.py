"""Advert pages parsed beside the crawl, in a process of their own.

Reading an advert page by its labels is, after Scrapy's own work, the largest share of a first
crawl's CPU time; in the reactor's thread it holds up every download while it runs. With a
second core a worker process parses while the reactor fetches.

A crawl parses its first pages in the reactor's thread and starts the worker only when it has
many pages to read (`START_AFTER`): a daily refresh reads a handful of pages, and a process
started for them would cost more than it saves. Without a second core, with
`LOVWATCH_PARSE_PROCESSES` 0, or once the worker has died, pages are parsed in the reactor's
thread as before: the result is the same page either way.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy.settings import BaseSettings

from lovwatch.spiders.advert_page import AdvertPage, parse_advert_page

logger = logging.getLogger(__name__)

#: Pages parsed in the reactor's thread before a worker process is started.
START_AFTER = 64


def default_processes() -> int:
    """One worker when there is a core to spare, else none."""
    return 1 if (os.cpu_count() or 1) > 1 else 0


def _start_worker(crawl_pid: int) -> None:
    """A worker leaves Ctrl-C and SIGTERM to its crawl, which stops it when it closes, and
    exits by itself when the crawl is gone (killed): its queue never reads as closed, since
    the worker holds both of the queue's ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(crawl_pid,), daemon=True).start()


def _exit_without(crawl_pid: int) -> None:
    while os.getppid() == crawl_pid:
        time.sleep(0.5)
    os._exit(0)


class PageParser:
    """Parses advert pages, in a worker process once there are enough of them."""

    def __init__(self, processes: int, start_after: int = START_AFTER) -> None:
        self.processes = processes
        self.start_after = start_after
        self.parsed_inline = 0
        self.parsed_aside = 0
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> PageParser:
        processes = settings.get("LOVWATCH_PARSE_PROCESSES")
        if processes in (None, ""):
            return cls(default_processes())
        try:
            return cls(max(0, int(processes)))
        except ValueError:
            logger.warning(
                "LOVWATCH_PARSE_PROCESSES=%r is not a whole number; using %d",
                processes,
                default_processes(),
            )
            return cls(default_processes())

    async def parse(self, html: str, url: str) -> AdvertPage:
        pool = self._worker()
        if pool is not None:
            try:
                page = await asyncio.get_running_loop().run_in_executor(
                    pool, parse_advert_page, html, url
                )
            except BrokenProcessPool:
                self._broken = True  # killed from outside: carry on in this thread
            else:
                self.parsed_aside += 1
                return page
        self.parsed_inline += 1
        return parse_advert_page(html, url)

    def _worker(self) -> ProcessPoolExecutor | None:
        if self.processes < 1 or self._broken:
            return None
        if self._pool is None and self.parsed_inline >= self.start_after:
            self._pool = ProcessPoolExecutor(
                self.processes,
                # Not a fork of a process that runs a reactor and holds the store open.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
