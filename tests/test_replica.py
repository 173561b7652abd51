"""The replica's own contract: paging, gone pages, page layouts, dataset promises; and the
faults the tests' faulty replica injects through its hooks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest
from analysis_helpers import scenario_days
from faulty_replica import FaultyReplica

import lovwatch
from lovwatch.replica import (
    NEXT_DAY_CHANGES,
    ReplicaAdvert,
    ReplicaServer,
    generated_adverts,
    initial_adverts,
    next_day_adverts,
)

SEARCH = "/api/sv/hitta-lov/search"


def get(url: str, timeout: float = 5) -> tuple[int, Message, bytes]:
    """(status, headers, body) of a real HTTP GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def search(
    server: ReplicaServer,
    fetch: int = 100,
    offset: int = 0,
    query: str = "",
) -> dict:
    status, _, body = get(
        f"{server.base_url}{SEARCH}?query={urllib.request.quote(query)}"
        f"&fetch={fetch}&offset={offset}"
    )
    assert status == 200
    return json.loads(body)


def page_path(advert: ReplicaAdvert) -> str:
    return f"/hitta-lov-uppdrag/annonser/{advert.key}/"


@pytest.fixture
def day0() -> Iterator[ReplicaServer]:
    with ReplicaServer(initial_adverts()) as server:
        yield server


@pytest.fixture
def faulty() -> Iterator[FaultyReplica]:
    with FaultyReplica(initial_adverts()) as server:
        yield server


@pytest.fixture
def big() -> Iterator[ReplicaServer]:
    with ReplicaServer(generated_adverts(250, seed=3)) as server:
        yield server


def test_offset_paging_yields_every_listed_advert_once(big: ReplicaServer) -> None:
    expected = {page_path(a) for a in generated_adverts(250, seed=3)}
    seen: list[str] = []
    sizes = []
    offset = 0
    while True:
        page = search(big, fetch=100, offset=offset)
        assert page["numberOfHits"] == len(expected)
        sizes.append(len(page["results"]))
        seen += [item["url"] for item in page["results"]]
        if len(page["results"]) < 100:
            break
        offset += 100
    assert sizes == [100, 100, 50]
    assert len(seen) == len(set(seen)) and set(seen) == expected
    assert search(big, offset=400)["results"] == []


def test_fetch_is_capped_at_100_and_bad_parameters_are_refused(big: ReplicaServer) -> None:
    assert len(search(big, fetch=500)["results"]) == 100
    assert get(f"{big.base_url}{SEARCH}?fetch=ten&offset=0")[0] == 400
    assert get(f"{big.base_url}{SEARCH}?fetch=10&offset=-1")[0] == 400


def test_items_carry_the_seen_keys(day0: ReplicaServer) -> None:
    adverts = {page_path(a): a for a in initial_adverts()}
    for item in search(day0)["results"]:
        advert = adverts[item["url"]]
        assert item["heading"] == advert.heading
        assert item["regionName"] == advert.region_name
        assert item["businessAreas"] == advert.business_areas
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["updated"])
        assert isinstance(item["documentId"], int)
        assert item["excerpt"]


def test_query_filters_and_marks_hits(day0: ReplicaServer) -> None:
    everything = search(day0)["numberOfHits"]
    result = search(day0, query="fotvård")
    assert 0 < result["numberOfHits"] < everything
    for item in result["results"]:
        assert "<mark>fotvård</mark>" in item["excerpt"].lower()


def test_delisted_adverts_leave_the_listing_and_their_pages_answer_as_set(
    day0: ReplicaServer,
) -> None:
    day0.set_adverts(next_day_adverts())
    listed = {item["url"] for item in search(day0)["results"]}
    by_key = {a.key: a for a in next_day_adverts()}
    expected_status = {"gone_404": 404, "gone_410": 410, "delisted_alive": 200, "new": 200}
    for change, status in expected_status.items():
        for key in NEXT_DAY_CHANGES[change]:
            assert (page_path(by_key[key]) in listed) == (change == "new")
            assert get(day0.base_url + page_path(by_key[key]))[0] == status
    assert get(day0.base_url + "/hitta-lov-uppdrag/annonser/ingen-kommun/inget/")[0] == 404
    assert get(day0.base_url + "/no/such/page")[0] == 404


def test_listing_faults(faulty: FaultyReplica) -> None:
    total = len(initial_adverts())
    faulty.faults.fail_listing_offsets = {10}
    faulty.faults.truncated_json_offsets = {20}
    faulty.faults.empty_page_offsets = {30}
    assert get(f"{faulty.base_url}{SEARCH}?query=&fetch=10&offset=10")[0] == 500
    assert search(faulty, fetch=10, offset=0)["results"]
    status, _, body = get(f"{faulty.base_url}{SEARCH}?query=&fetch=10&offset=20")
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)
    assert status == 200
    empty = search(faulty, fetch=10, offset=30)
    assert empty == {"numberOfHits": total, "results": []}


def test_item_shape_faults(faulty: FaultyReplica) -> None:
    by_url = {page_path(a): a for a in initial_adverts()}
    faulty.faults.extra_keys = faulty.faults.null_business_areas = True
    faulty.faults.timestamp_updated = True
    page = search(faulty, fetch=5)
    assert set(page) > {"numberOfHits", "results"}
    for item in page["results"]:
        assert item["businessAreas"] is None
        assert len(item) > 7
        moment = datetime.fromisoformat(item["updated"])
        assert moment.tzinfo is not None
        assert moment.date() == date.fromisoformat(by_url[item["url"]].updated)


def test_a_drifting_order_rotates_after_every_search(faulty: FaultyReplica) -> None:
    in_order = [item["url"] for item in search(faulty)["results"]]
    faulty.faults.drifting_order = 7
    first = [item["url"] for item in search(faulty)["results"]]
    second = [item["url"] for item in search(faulty)["results"]]
    assert first == in_order
    assert second == in_order[7:] + in_order[:7]


def test_too_many_requests_then_normal_service(faulty: FaultyReplica) -> None:
    faulty.faults.too_many_requests = 2
    first = get(faulty.base_url + "/robots.txt")
    second = get(f"{faulty.base_url}{SEARCH}?fetch=1")
    assert [first[0], second[0]] == [429, 429]
    assert first[1]["Retry-After"] == "1"
    assert get(faulty.base_url + "/robots.txt")[0] == 200


def test_slow_paths_time_out_only_where_set(faulty: FaultyReplica) -> None:
    advert = initial_adverts()[0]
    faulty.faults.slow_paths = {"/hitta-lov-uppdrag/annonser/": 1.0}
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        get(faulty.base_url + page_path(advert), timeout=0.3)
    assert get(f"{faulty.base_url}{SEARCH}?fetch=1", timeout=0.5)[0] == 200


class _Text(HTMLParser):
    """Collects the h1 text and the page's visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.h1, self.text, self._in_h1 = "", [], False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = self._in_h1 and tag != "h1"

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h1:
            self.h1 += data


@pytest.mark.parametrize("layout", ["dl", "spans", "table"])
def test_advert_pages_carry_every_fact_escaped(layout: str) -> None:
    base = initial_adverts()[0]
    advert = replace(
        base,
        layout=layout,
        heading="Vård & omsorg <script>alert(1)</script>",
        authority='Kommun "A" & B',
        business_areas=["Hemtjänst", "Ledsagning"],
    )
    with ReplicaServer([advert]) as server:
        status, headers, body = get(server.base_url + page_path(advert))
    html = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<script>alert" not in html
    parsed = _Text()
    parsed.feed(html)
    text = " ".join(parsed.text)
    assert parsed.h1 == advert.heading
    authority_label = "Annonserande organisation" if layout == "spans" else "Upphandlande myndighet"
    for words in (
        authority_label,
        advert.authority,
        "Tjänsteområden",
        "Publicerad",
        advert.published,
        "Senast uppdaterad",
        advert.updated,
        "Kontaktperson",
        advert.contact.split(",")[1].strip(),
        "Förfrågningsunderlag",
        advert.description.split("\n\n")[1],
    ):
        assert words in text, words


def test_documents_on_the_replica_are_served(day0: ReplicaServer) -> None:
    relative = [
        (a, url) for a in initial_adverts() for _, url in a.documents if url.startswith("/")
    ]
    absolute = [url for a in initial_adverts() for _, url in a.documents if "://" in url]
    assert relative and all(".example/" in url for url in absolute)
    advert, url = relative[0]
    assert get(day0.base_url + url)[0] == 200
    assert get(day0.base_url + url + "x")[0] == 404


def test_robots_allows_adverts_and_search_but_not_site_search(day0: ReplicaServer) -> None:
    robots = RobotFileParser()
    robots.parse(get(day0.base_url + "/robots.txt")[2].decode().splitlines())
    advert = initial_adverts()[0]
    assert robots.can_fetch("lovwatch", day0.base_url + page_path(advert))
    assert robots.can_fetch("lovwatch", f"{day0.base_url}{SEARCH}?query=&fetch=100&offset=0")
    assert not robots.can_fetch("lovwatch", day0.base_url + "/sok/?q=hemtjanst")


def test_request_log_and_redirect(day0: ReplicaServer) -> None:
    advert = initial_adverts()[0]
    path = page_path(advert)
    day0.reset_log()
    assert get(day0.base_url + path.rstrip("/"))[0] == 200
    assert day0.requests == [path.rstrip("/"), path]
    day0.reset_log()
    assert day0.requests == []


def test_set_adverts_switches_state_and_refuses_duplicate_keys(day0: ReplicaServer) -> None:
    day0.set_adverts(generated_adverts(5))
    assert search(day0)["numberOfHits"] == 5
    one = initial_adverts()[0]
    with pytest.raises(ValueError, match=one.key):
        day0.set_adverts([one, replace(one)])


def _content(advert: ReplicaAdvert) -> tuple:
    return (
        advert.heading,
        advert.authority,
        advert.region_name,
        advert.business_areas,
        advert.description,
        advert.contact,
        advert.documents,
    )


def test_next_day_differs_from_day0_exactly_as_declared() -> None:
    before = {a.key: a for a in initial_adverts()}
    after = {a.key: a for a in next_day_adverts()}
    kept = [key for key in before if after[key].listed]
    moved = {key for key in kept if after[key].updated != before[key].updated}
    gone = {key: after[key].page_status for key in before if not after[key].listed}
    actual = {
        "new": set(after) - set(before),
        "changed": {key for key in moved if _content(after[key]) != _content(before[key])},
        "touched": {key for key in moved if _content(after[key]) == _content(before[key])},
        "gone_404": {key for key, status in gone.items() if status == 404},
        "gone_410": {key for key, status in gone.items() if status == 410},
        "delisted_alive": {key for key, status in gone.items() if status == 200},
    }
    assert actual == {change: set(keys) for change, keys in NEXT_DAY_CHANGES.items()}
    assert [len(NEXT_DAY_CHANGES[c]) for c in ("new", "changed", "touched")] == [3, 2, 1]
    assert all(_content(after[k]) == _content(before[k]) for k in kept if k not in moved)


def test_initial_dataset_is_varied_with_distinct_slugs() -> None:
    adverts = initial_adverts()
    assert 60 <= len(adverts) <= 80
    assert len({a.key for a in adverts}) == len(adverts)
    slugs = {a.authority: a.buyer_slug for a in adverts}
    assert slugs["Håbo kommun"] != slugs["Habo kommun"]
    assert {a.layout for a in adverts} == {"dl", "spans", "table"}
    areas = [a.business_areas for a in adverts]
    assert None in areas and [] in areas
    assert all(a.published <= a.updated for a in adverts)


def test_generated_and_scenarios_are_deterministic() -> None:
    assert generated_adverts(300, seed=4) == generated_adverts(300, seed=4)
    assert generated_adverts(300, seed=4) != generated_adverts(300, seed=5)
    large = generated_adverts(2000)
    assert len({a.key for a in large}) == 2000
    days = scenario_days(12, seed=3)
    assert days == scenario_days(12, seed=3) and len(days) == 12
    assert days[0] == initial_adverts()
    ended: set[str] = set()
    for day in days:
        assert len({a.key for a in day}) == len(day)
        assert not ended & {a.key for a in day if a.listed}
        ended |= {a.key for a in day if not a.listed}
    assert ended and len(days[-1]) > len(days[0])


def test_command_line_serves_until_stopped() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lovwatch.replica", "--port", "0", "--count", "7"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(lovwatch.__file__).parents[1],
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        status, _, body = get(f"{base_url}{SEARCH}?query=&fetch=100&offset=0")
        assert status == 200 and json.loads(body)["numberOfHits"] == 7
    finally:
        process.terminate()
        process.wait(timeout=10)
