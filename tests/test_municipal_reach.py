"""Reaching municipal pages: a site given by an address that redirects (a bare domain answering
with its www host) is read as fully as when given the serving address; `lovwatch extract`
shows what a saved page or one URL yields."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import FAST, Lovwatch, needs_loopback_aliases
from municipal_replica import MunicipalReplica

FIXTURES = Path(__file__).parent / "fixtures" / "municipal"
KROKOM = "2309"

#: A browser path that does not exist: pages that need one are read unrendered.
NO_BROWSER = os.devnull + "-missing"


@contextmanager
def redirecting(host: str, target: str) -> Iterator[str]:
    """A host that answers every request with 301 to the same path on `target`."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
            self.send_response(301)
            self.send_header("Location", target.rstrip("/") + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _providers(lovwatch: Lovwatch) -> set[str]:
    rows = lovwatch("providers", "--format", "json", check=True).json()
    return {row["name"] for row in rows}


@needs_loopback_aliases
def test_a_redirecting_address_is_read_as_fully_as_the_serving_one(
    tmp_path: Path, sites: MunicipalReplica
) -> None:
    krokom = sites.site(KROKOM)
    direct, redirected = Lovwatch(tmp_path / "a.sqlite"), Lovwatch(tmp_path / "b.sqlite")
    crawl = ("crawl", "--source", "municipal", *FAST, "--format", "json")
    first = direct(*crawl, "--site", f"{KROKOM}={krokom.base_url}", check=True).json()
    with redirecting("127.0.0.5", krokom.base_url) as bare:
        second = redirected(*crawl, "--site", f"{KROKOM}={bare}", check=True).json()
    assert first["pages"] >= 3
    assert second["pages"] == first["pages"]
    assert _providers(redirected) == _providers(direct) != set()


def test_extract_reads_a_saved_page(lovwatch: Lovwatch) -> None:
    page = FIXTURES / "godkanda-utforare-tabell.html"
    found = lovwatch("extract", str(page), "--format", "json", check=True).json()
    providers = {(p["name"], p["org_number"]) for p in found["providers"] if not p["own_unit"]}
    assert ("Omsorgshuset i Uppland AB", "559012-3450") in providers
    assert {"statements", "providers", "counts", "links"} <= set(found)


@needs_loopback_aliases
def test_extract_reads_one_url(lovwatch: Lovwatch, sites: MunicipalReplica) -> None:
    krokom = sites.site(KROKOM)
    url = krokom.base_url + "omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html"
    found = lovwatch("extract", url, "--format", "json", check=True).json()
    assert {p["name"] for p in found["providers"] if not p["own_unit"]} == {
        "Jämtvård Omsorg AB",
        "Fjällnära Hemtjänst HB",
    }
    assert [s["kind"] for s in found["statements"]] == ["active"]


def test_extract_refuses_a_missing_file(lovwatch: Lovwatch, tmp_path: Path) -> None:
    result = lovwatch("extract", str(tmp_path / "nope.html"))
    assert result.code == 2 and "no file" in result.stderr


@needs_loopback_aliases
def test_a_recrawl_of_unchanged_sites_downloads_no_page_again(
    lovwatch: Lovwatch, sites: MunicipalReplica
) -> None:
    crawl = ("crawl", "--source", "municipal", *sites.site_options(), *FAST, "--format", "json")
    # Without a browser: a rendered page is fetched whole by the browser every time.
    no_browser = {"LOVWATCH_CHROMIUM": NO_BROWSER}
    first = lovwatch(*crawl, env=no_browser, check=True).json()
    sites.requests.clear()
    second = lovwatch(*crawl, env=no_browser, check=True).json()
    pages = [r for r in sites.requests if r.path.endswith((".html", "/"))]
    assert pages and all(record.status in (304, 404) for record in pages), [
        (r.path, r.status) for r in pages if r.status not in (304, 404)
    ]
    assert second["pages"] == first["pages"]
    assert second["provider_removed"] == 0
