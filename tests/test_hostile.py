"""A national site that misbehaves: a redirect to another host is refused, a huge answer is cut
off, and neither puts anything false into the store."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import Lovwatch, needs_loopback_aliases

ADVERT = "/hitta-lov-uppdrag/annonser/salems-kommun/hemtjanst/"
SEARCH = "/api/sv/hitta-lov/search"
EVIL_PAGE = (
    "<html><body><h1>Hemtjänst</h1><dl><dt>Upphandlande myndighet</dt>"
    "<dd>Evil Corp AB</dd></dl></body></html>"
)


@contextmanager
def serving(host: str, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """A loopback server answering each path (query ignored) from `routes`, 404 otherwise;
    `hits` on the handler class counts requests."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
            hits.append(self.path)
            status, headers, body = routes.get(self.path.split("?")[0], (404, {}, b""))
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer((host, 0), Handler)
    server.hits = hits  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _listing() -> bytes:
    item = {
        "url": ADVERT,
        "heading": "Valfrihetssystem inom hemtjänst",
        "regionName": "Stockholms län",
        "businessAreas": ["Hemtjänst"],
        "excerpt": "Salems kommun tillämpar LOV inom hemtjänsten.",
        "updated": "2026-11-01",
    }
    return json.dumps({"numberOfHits": 1, "results": [item]}).encode()


@needs_loopback_aliases
def test_a_redirect_to_another_host_is_refused(lovwatch: Lovwatch) -> None:
    page = (200, {"Content-Type": "text/html; charset=utf-8"}, EVIL_PAGE.encode())
    with serving("127.0.0.6", {"/evil/": page}) as evil:
        routes = {
            SEARCH: (200, {"Content-Type": "application/json"}, _listing()),
            ADVERT: (302, {"Location": f"{evil}/evil/"}, b""),
        }
        with serving("127.0.0.1", routes) as site:
            result = lovwatch.crawl(site, "--format", "json")
    assert result.code == 0, result.stderr
    rows = lovwatch("list", "--format", "json", check=True).json()
    assert [(row["id"], row["municipality_code"]) for row in rows] == [
        ("salems-kommun/hemtjanst", "0128")
    ]
    assert all("Evil" not in (row["authority"] or "") for row in rows)


def test_a_compression_bomb_is_cut_off(lovwatch: Lovwatch) -> None:
    bomb = gzip.compress(b"<p>" + b"A" * (64 * 1024 * 1024) + b"</p>")
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    routes = {
        SEARCH: (200, {"Content-Type": "application/json"}, _listing()),
        ADVERT: (200, headers, bomb),
    }
    with serving("127.0.0.1", routes) as site:
        result = lovwatch.crawl(site, "--format", "json")
    assert result.code == 0, result.stderr
    report = result.json()
    assert report["new"] == 1
    assert "1 advert pages could not be read" in report["reason"]


def test_an_unreachable_site_is_told_within_seconds_with_the_next_step(
    lovwatch: Lovwatch,
) -> None:
    import socket
    import time

    # A port nobody listens on, held through the crawl so that no test alongside takes it.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
        started = time.monotonic()
        result = lovwatch.crawl(f"http://127.0.0.1:{closed}", "--format", "json")
    # Seconds, not the minutes a connection retried with backoff would take (generous: a
    # loaded machine must not fail this; the fault it guards against took 35 s and more).
    assert time.monotonic() - started < 25
    assert result.code == 1
    report = result.json()
    assert report["status"] == "partial" and report["new"] == 0
    assert "cannot connect to 127.0.0.1" in report["reason"]
    assert "`lovwatch demo` works offline" in report["reason"]
    runs = lovwatch("runs", "--format", "json", check=True).json()
    assert [run["status"] for run in runs] == ["partial"]
