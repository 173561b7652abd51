"""Advert pages parsed in a worker process beside the crawl store exactly what pages parsed in
the reactor's thread do."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FAST, Lovwatch, fresh_store
from faulty_replica import FaultyReplica

from lovwatch.replica.dataset import generated_adverts
from lovwatch.replica.pages import render_advert
from lovwatch.replica.server import ADVERT_PREFIX, ReplicaServer
from lovwatch.spiders.advert_page import parse_advert_page
from lovwatch.spiders.page_parser import START_AFTER, PageParser

#: Columns that say when a crawl ran, not what it read.
MOMENTS = {"first_seen", "last_seen", "page_fetched_at"}


@pytest.fixture
def other_store(tmp_path: Path) -> Iterator[Path | str]:
    """A second store of the same kind as `store`."""
    with fresh_store(tmp_path, "other") as found:
        yield found


def _crawl_and_export(lovwatch: Lovwatch, base_url: str, processes: str, out: Path) -> int:
    """Crawl into the store, export its adverts to `out`; the pages the worker parsed."""
    result = lovwatch.crawl(base_url, "--verbose", env={"LOVWATCH_PARSE_PROCESSES": processes})
    assert result.code == 0, result.stderr
    lovwatch("export", "adverts", "--format", "json", "-o", str(out), check=True)
    found = re.search(r"'lovwatch/pages_parsed_in_worker': (\d+)", result.stderr)
    return int(found.group(1)) if found else 0


def _adverts(path: Path) -> list[dict[str, Any]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return sorted(
        ({k: v for k, v in row.items() if k not in MOMENTS} for row in rows),
        key=lambda row: str(row.get("id")),
    )


def test_a_worker_process_parses_pages_as_the_reactor_thread_does(
    tmp_path: Path, store: Path | str, other_store: Path | str
) -> None:
    adverts = generated_adverts(START_AFTER + 60)
    with ReplicaServer(adverts) as server:
        in_worker = _crawl_and_export(
            Lovwatch(store), server.base_url, "1", tmp_path / "worker.json"
        )
        in_thread = _crawl_and_export(
            Lovwatch(other_store), server.base_url, "0", tmp_path / "thread.json"
        )
    assert in_worker == len(adverts) - START_AFTER
    assert in_thread == 0
    worker_rows, thread_rows = (
        _adverts(tmp_path / "worker.json"),
        _adverts(tmp_path / "thread.json"),
    )
    assert len(worker_rows) == len(adverts)
    assert worker_rows == thread_rows


def test_every_field_of_a_page_parsed_in_the_worker_is_the_same() -> None:
    pages = [
        (
            render_advert(advert),
            f"https://www.upphandlingsmyndigheten.se{ADVERT_PREFIX}{advert.key}/",
        )
        for advert in generated_adverts(40)
    ]
    parser = PageParser(processes=1, start_after=0)

    async def parse_all() -> list[Any]:
        return await asyncio.gather(*(parser.parse(html, url) for html, url in pages))

    try:
        parsed = asyncio.run(parse_all())
    finally:
        parser.close()
    assert parser.parsed_aside == len(pages)
    assert parsed == [parse_advert_page(html, url) for html, url in pages]
    # Pages with something to compare: most name their buyer and areas.
    assert sum(bool(page.authority and page.service_areas) for page in parsed) > len(parsed) / 2


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.add(int(entry))
    return found


def _gone(pids: set[int], timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGKILL])
def test_the_parse_worker_goes_with_its_crawl(
    tmp_path: Path, store: Path | str, signum: int
) -> None:
    adverts = generated_adverts(START_AFTER + 40)
    with FaultyReplica(adverts) as server:
        # Pages after the first ones answer slowly, so the crawl is stopped mid-way, while
        # its worker process parses.
        crawl = subprocess.Popen(
            [sys.executable, "-m", "lovwatch", "crawl", "--base-url", server.base_url, *FAST],
            env=Lovwatch(store).environment({"LOVWATCH_PARSE_PROCESSES": "1"}),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        advert_pages = "/hitta-lov-uppdrag/annonser/"
        deadline = time.monotonic() + 90
        while sum(p.startswith(advert_pages) for p in server.requests) < START_AFTER + 8:
            assert time.monotonic() < deadline, "the crawl did not get to its later pages"
            assert crawl.poll() is None, crawl.communicate()
            time.sleep(0.02)
        server.faults.slow_paths[advert_pages] = 5.0
        workers = _children(crawl.pid)
        assert workers, "no worker process beside the crawl"
        crawl.send_signal(signum)
        crawl.communicate(timeout=60)
        assert _gone(workers), "the parse worker outlived its crawl"
    if signum == signal.SIGINT:
        assert crawl.returncode == 1
        runs = Lovwatch(store)("runs", "--format", "json", check=True).json()
        assert [run["status"] for run in runs] == ["partial"]


def test_a_parse_processes_setting_that_is_no_number_falls_back_to_the_default() -> None:
    from scrapy.settings import Settings

    from lovwatch.spiders.page_parser import default_processes

    assert PageParser.from_settings(Settings({"LOVWATCH_PARSE_PROCESSES": "two"})).processes == (
        default_processes()
    )
    assert PageParser.from_settings(Settings({"LOVWATCH_PARSE_PROCESSES": "0"})).processes == 0
