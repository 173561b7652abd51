"""The HTTP cache shared by several processes: an entry is read whole or not at all.

The distributed crawl's workers share one cache directory and each reads every host's
robots.txt, so one process stores an entry while another reads it. Here a second process
stores the same entry over and over while this one reads it: every read must be a miss or the
whole body, never an empty or cut one (an empty robots.txt allows everything).
"""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.http import Request, TextResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from lovwatch.spiders.httpcache import AtomicFilesystemCacheStorage

URL = "http://127.0.0.1:9/robots.txt"
BODY = b"User-agent: *\nDisallow: /intern/\n" + b"# " + b"x" * 200_000 + b"\n"


def _storage(directory: Path) -> tuple[AtomicFilesystemCacheStorage, Spider]:
    crawler = get_crawler(Spider, {"HTTPCACHE_DIR": str(directory)})
    spider = Spider("cache")
    spider.crawler = crawler
    storage = AtomicFilesystemCacheStorage(Settings({"HTTPCACHE_DIR": str(directory)}))
    storage.open_spider(spider)
    return storage, spider


def _store_repeatedly(directory: str, times: int) -> None:
    storage, spider = _storage(Path(directory))
    response = TextResponse(URL, body=BODY, headers={"Content-Type": "text/plain"})
    for _ in range(times):
        storage.store_response(spider, Request(URL), response)


def test_an_entry_stored_while_read_is_read_whole_or_missed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writer = context.Process(target=_store_repeatedly, args=(str(tmp_path), 400))
    writer.start()
    storage, spider = _storage(tmp_path)
    bodies = []
    try:
        while writer.is_alive() or not bodies:
            if (response := storage.retrieve_response(spider, Request(URL))) is not None:
                bodies.append(response.body)
    finally:
        writer.join(timeout=60)
    assert writer.exitcode == 0
    assert bodies, "the reader never found the entry"
    assert all(body == BODY for body in bodies), "a read saw part of an entry"
    leftovers = [path.name for path in tmp_path.rglob(".*") if path.is_file()]
    assert leftovers == [], "temporary files were left behind"


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path: Path) -> None:
    storage, spider = _storage(tmp_path)
    storage.store_response(spider, Request(URL), TextResponse(URL, body=BODY))
    meta = next(tmp_path.rglob("pickled_meta"))
    meta.write_bytes(pickle.dumps({"url": URL})[:5])
    assert storage.retrieve_response(spider, Request(URL)) is None


@pytest.mark.parametrize("name", ["response_body", "response_headers"])
def test_an_entry_missing_a_file_is_a_miss(tmp_path: Path, name: str) -> None:
    storage, spider = _storage(tmp_path)
    storage.store_response(spider, Request(URL), TextResponse(URL, body=BODY))
    next(tmp_path.rglob(name)).unlink()
    assert storage.retrieve_response(spider, Request(URL)) is None
