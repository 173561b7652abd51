"""Paging over HTTP from a real `serve` process: the JSON API's `limit`/`offset` and its
`Link` header, and the site's `?page=` links, each read to the end, give exactly what the CLI
prints for the same filters (every row once, in its order); bad page numbers get one Swedish
sentence and a 400."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from analysis_helpers import LAST_DAY, InProcess, built_store
from web_helpers import Answer, WebServer

FILTERS: list[tuple[dict[str, Any], list[str]]] = [
    ({}, []),
    ({"status": "all"}, ["--status", "all"]),
    ({"county": "01", "status": "all"}, ["--county", "01", "--status", "all"]),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebServer, InProcess]]:
    directory = tmp_path_factory.mktemp("web-paging")
    store, _ = built_store(directory)
    server = WebServer(str(store), LAST_DAY, directory / "serve.log")
    try:
        yield server, InProcess(store, LAST_DAY)
    finally:
        server.stop()


def _header(answer: Answer, name: str) -> str | None:
    return {key.lower(): value for key, value in answer.headers.items()}.get(name.lower())


def _follow(server: WebServer, path: str) -> tuple[list[Any], int]:
    """Every row of a paged API answer, read by following its `Link: rel="next"` headers."""
    rows: list[Any] = []
    pages = 0
    while path:
        answer = server.get(path)
        assert answer.status == 200, answer.text
        rows += answer.json()
        pages += 1
        link = _header(answer, "Link")
        if link is None:
            break
        target = re.fullmatch(r'<([^>]+)>; rel="next"', link)
        assert target, link
        parts = urlsplit(target.group(1))
        assert parts.hostname == "127.0.0.1"
        path = f"{parts.path}?{parts.query}"
        assert pages < 200, "the links never end"
    return rows, pages


@pytest.mark.parametrize(("params", "options"), FILTERS, ids=lambda v: str(v))
def test_api_adverts_paged_by_links_are_the_cli_list(site, params, options) -> None:
    server, run = site
    expected = run("list", *options, "--format", "json", check=True).json()
    assert len(expected) > 7, "the scenario should give several pages"
    rows, pages = _follow(server, "/api/adverts?" + urlencode({**params, "limit": 7}))
    assert rows == expected
    assert pages == -(-len(expected) // 7)
    first = server.get("/api/adverts?" + urlencode({**params, "limit": 7}))
    assert _header(first, "X-Total-Count") == str(len(expected))


def test_api_adverts_without_paging_is_unchanged(site) -> None:
    server, run = site
    whole = server.get("/api/adverts?status=all")
    assert _header(whole, "Link") is None
    assert whole.json() == run("list", "--status", "all", "--format", "json").json()
    middle = server.get("/api/adverts?status=all&offset=3&limit=4").json()
    assert middle == whole.json()[3:7]
    assert server.get("/api/adverts?status=all&offset=100000").json() == []


def test_api_events_paged_by_links_are_the_cli_events(site) -> None:
    server, run = site
    expected = run("events", "--format", "json", check=True).json()
    assert len(expected) > 10
    rows, pages = _follow(server, "/api/events?limit=10")
    assert rows == expected
    assert pages == -(-len(expected) // 10)
    # With a filter, and from an offset, the same rows as the CLI's in the same order.
    kinds = run("events", "--kind", "new", "--format", "json", check=True).json()
    assert server.get("/api/events?kind=new&offset=2&limit=5").json() == kinds[2:7]


@pytest.mark.parametrize("bad", ["limit=0", "offset=-1", "limit=x"])
def test_api_refuses_bad_paging(site, bad) -> None:
    server, _ = site
    answer = server.get(f"/api/adverts?{bad}")
    assert answer.status in (400, 422), answer.text


def _page_ids(html: str, attribute: str) -> list[str]:
    return re.findall(rf'{attribute}="([^"]+)"', html)


def _next(html: str) -> str | None:
    found = re.search(r'<a rel="next" href="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.mark.parametrize(("params", "options"), FILTERS, ids=lambda v: str(v))
def test_the_advert_pages_read_in_turn_are_the_cli_list(site, params, options) -> None:
    server, run = site
    expected = [a["id"] for a in run("list", *options, "--format", "json", check=True).json()]
    path: str | None = "/annonser?" + urlencode({**params, "per_page": 10})
    shown: list[str] = []
    while path:
        answer = server.get(path)
        assert answer.status == 200, answer.text
        shown += _page_ids(answer.text, "data-advert")
        assert f'data-count="{len(expected)}"' in answer.text
        following = _next(answer.text)
        if following:  # the next page's address keeps the filter and the page size
            for key, value in params.items():
                assert f"{key}={value}" in following
            assert "per_page=10" in following
        path = following
    assert shown == expected


def test_the_event_pages_read_in_turn_are_the_cli_events(site) -> None:
    server, run = site
    expected = [str(e["id"]) for e in run("events", "--format", "json", check=True).json()]
    # The events page leaves the first crawl out unless asked (baseline=1).
    path: str | None = "/handelser?baseline=1&per_page=10"
    shown: list[str] = []
    while path:
        answer = server.get(path)
        assert answer.status == 200, answer.text
        shown += _page_ids(answer.text, "data-event")
        path = _next(answer.text)
        assert path is None or "baseline=1" in path
    assert shown == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=0", "inget sidnummer"),
        ("page=två", "inget sidnummer"),
        ("page=999", "Sidan 999 finns inte"),
        ("per_page=100000", "högst 500 per sida"),
    ],
)
def test_bad_page_numbers_get_one_swedish_sentence(site, query, message) -> None:
    server, _ = site
    for path in ("/annonser", "/handelser"):
        answer = server.get(f"{path}?{query}")
        assert answer.status == 400, (path, query)
        assert message in answer.text and 'role="alert"' in answer.text
        assert "Traceback" not in answer.text
