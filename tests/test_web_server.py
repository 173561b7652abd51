"""The web site, feeds and API over HTTP from a real `serve` process on 127.0.0.1, on a store
built by crawling the replica over several days: the API returns exactly the CLI's JSON for the
same filters and validates against its own OpenAPI description, feeds carry each event once
with a stable id, bad filters get a Swedish message, and serving never changes the store."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from analysis_helpers import LAST_DAY, InProcess, built_store, clock
from web_helpers import WebServer

feedparser = pytest.importorskip("feedparser", reason="pip install -e '.[test]'")
jsonschema = pytest.importorskip("jsonschema", reason="pip install -e '.[test]'")

#: Filters as a person types them, and the same as CLI options.
FILTERS: list[tuple[dict[str, Any], list[str]]] = [
    ({}, []),
    ({"county": "01", "category": "hemtjanst"}, ["--county", "01", "--category", "hemtjanst"]),
    (
        {"county": "Stockholms län", "category": "Hemtjänst"},
        ["--county", "Stockholms län", "--category", "Hemtjänst"],
    ),
    ({"municipality": ["Nacka", "0180"]}, ["--municipality", "Nacka", "--municipality", "0180"]),
    ({"county": "01,14", "status": "all"}, ["--county", "01,14", "--status", "all"]),
    ({"status": "ended"}, ["--status", "ended"]),
    ({"since": LAST_DAY.isoformat()}, ["--since", LAST_DAY.isoformat()]),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebServer, InProcess, Path]]:
    directory = tmp_path_factory.mktemp("web")
    store, _ = built_store(directory)
    server = WebServer(str(store), LAST_DAY, directory / "serve.log")
    try:
        yield server, InProcess(store, LAST_DAY), store
    finally:
        server.stop()


def _query(params: dict[str, Any]) -> str:
    return "?" + urlencode(params, doseq=True) if params else ""


@pytest.mark.parametrize(("params", "options"), FILTERS, ids=lambda v: str(v))
def test_api_adverts_equal_cli_list(site, params, options) -> None:
    server, run, _ = site
    answer = server.get("/api/adverts" + _query(params))
    assert answer.status == 200, answer.text
    assert answer.json() == run("list", *options, "--format", "json", check=True).json()


def test_the_filters_narrow_the_list(site) -> None:
    server, _, _ = site
    everything = server.get("/api/adverts").json()
    narrowed = server.get("/api/adverts?county=01&category=hemtjanst").json()
    assert 0 < len(narrowed) < len(everything)
    assert all(a["county_code"] == "01" for a in narrowed)
    assert all("hemtjanst" in {c["code"] for c in a["categories"]} for a in narrowed)


def test_kommungrupp_and_keyword_filters(site) -> None:
    server, _, _ = site
    metros = server.get("/api/adverts?kommungrupp=Storstäder").json()
    assert metros and {a["municipality_code"] for a in metros} <= {"0180", "1480", "1280"}
    same = server.get("/api/adverts?kommungrupp=a1").json()
    assert same == metros
    found = server.get("/api/adverts?keyword=" + quote("hemtjänst")).json()
    assert found and all(
        "hemtj" in (a["title"] + " ".join(c["label"] for c in a["categories"])).lower()
        or any("hemtj" in area.lower() for area in a["service_areas"])
        for a in found
    )


def test_api_show_events_stats_trends_compare_municipality_equal_cli(site) -> None:
    server, run, _ = site
    advert_id = run("list", "--format", "json", check=True).json()[0]["id"]
    cases = [
        (f"/api/adverts/{advert_id}", f"show {advert_id}"),
        ("/api/events", "events"),
        (
            "/api/events?no_baseline=true&kind=new&kind=ended",
            "events --no-baseline --kind new --kind ended",
        ),
        ("/api/events?limit=3", "events --limit 3"),
        ("/api/stats", "stats"),
        ("/api/stats?by=county&category=hemtjanst", "stats --by county --category hemtjanst"),
        ("/api/trends?interval=day&from=2025-03-01", "trends --interval day --from 2025-03-01"),
        (
            "/api/trends?category=hemtjanst&interval=year&with_reference=true&from=2015-01-01",
            "trends --category hemtjanst --interval year --with-reference --from 2015-01-01",
        ),
        ("/api/compare/Sundbyberg", "compare Sundbyberg"),
        (
            "/api/compare/1480?peers=county&threshold=0.3",
            "compare 1480 --peers county --threshold 0.3",
        ),
        (
            "/api/compare/Nacka?peers=T%C3%A4by,Danderyd,0186",
            "compare Nacka --peers Täby,Danderyd,0186",
        ),
        ("/api/municipalities/Sundbyberg", "municipality Sundbyberg"),
    ]
    for path, command in cases:
        answer = server.get(path)
        assert answer.status == 200, (path, answer.text)
        assert answer.json() == run(*command.split(), "--format", "json", check=True).json(), path


def _schema_for(spec: dict[str, Any], path: str, status: str = "200") -> dict[str, Any]:
    response = spec["paths"][path]["get"]["responses"][status]
    return {**response["content"]["application/json"]["schema"], "components": spec["components"]}


def test_every_api_response_validates_against_the_openapi_description(site) -> None:
    server, run, _ = site
    spec = server.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    advert_id = run("list", "--status", "all", "--format", "json", check=True).json()[0]["id"]
    examples = {"advert_id": advert_id, "municipality": "Sundbyberg"}
    api_paths = [path for path in spec["paths"] if path.startswith("/api/")]
    assert {"/api/adverts", "/api/adverts/{advert_id}", "/api/events", "/api/stats"} <= set(
        api_paths
    )
    queries = {
        "/api/adverts": ["", "?status=all&county=01", "?keyword=hemtj%C3%A4nst"],
        "/api/events": ["", "?no_baseline=true", "?source=all"],
        "/api/stats": ["", "?by=kommungrupp"],
        "/api/trends": ["?interval=year&with_reference=true"],
        "/api/compare/{municipality}": ["", "?peers=size"],
    }
    for path in api_paths:
        concrete = re.sub(r"\{(\w+)\}", lambda m: examples[m.group(1)], path)
        schema = _schema_for(spec, path)
        for query in queries.get(path, [""]):
            answer = server.get(concrete + query)
            assert answer.status == 200, (concrete + query, answer.text)
            jsonschema.Draft202012Validator(schema).validate(answer.json())
    # Errors have their documented shape too.
    bad = server.get("/api/adverts?county=Atlantis")
    assert bad.status == 400
    jsonschema.Draft202012Validator(_schema_for(spec, "/api/adverts", "400")).validate(bad.json())
    missing = server.get("/api/adverts/no-such/advert")
    assert missing.status == 404
    jsonschema.Draft202012Validator(_schema_for(spec, "/api/adverts/{advert_id}", "404")).validate(
        missing.json()
    )


def test_pages_answer_in_swedish(site) -> None:
    server, run, _ = site
    advert_id = run("list", "--format", "json", check=True).json()[0]["id"]
    for path in [
        "/",
        "/annonser",
        "/annonser?county=01&category=hemtjanst",
        f"/annonser/{advert_id}",
        "/handelser",
        "/handelser?kind=new&county=01",
        "/statistik",
        "/statistik?interval=day&category=hemtjanst",
        "/kommuner",
        "/kommuner/Sundbyberg",
        "/kommuner/0180?peers=county",
    ]:
        answer = server.get(path)
        assert answer.status == 200, (path, answer.text[:500])
        assert '<html lang="sv">' in answer.text and "<script" not in answer.text
        assert "script-src" not in answer.headers.get("content-security-policy", "x")
        assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_a_filter_that_means_nothing_gets_a_swedish_message(site) -> None:
    server, _, _ = site
    page = server.get("/annonser?county=Atlantis")
    assert page.status == 400
    assert "Okänt län ”Atlantis”" in page.text and 'role="alert"' in page.text
    assert (
        server.get("/api/adverts?category=flygplan")
        .json()["error"]
        .startswith("Okänd kategori ”flygplan”")
    )
    assert server.get("/kommuner/Narnia").status == 400
    assert server.get("/annonser?since=igår-ish").status == 400
    assert server.get("/annonser/no-such/advert").status == 404
    assert "Sidan finns inte" in server.get("/no/such/page").text
    # A municipality typed by name lands on its page.
    assert server.get("/kommuner?kommun=Sundbyberg").status == 200


def _expected_events(run: InProcess, options: list[str]) -> list[dict[str, Any]]:
    ids = {a["id"] for a in run("list", "--status", "all", *options, "--format", "json").json()}
    events = run("events", "--no-baseline", "--format", "json", check=True).json()
    return [event for event in events if event["advert_id"] in ids]


def test_atom_feed_for_a_filter_has_each_event_once(site) -> None:
    server, run, _ = site
    answer = server.get("/feed.atom?category=hemtjanst&county=01")
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer.body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    ids = [entry.id for entry in parsed.entries]
    expected = _expected_events(run, ["--category", "hemtjanst", "--county", "01"])
    assert expected, "the scenario should have news in this filter"
    assert ids == [f"tag:lovwatch,2026:event/{event['id']}" for event in expected]
    assert len(ids) == len(set(ids))
    again = feedparser.parse(server.get("/feed.atom?county=01&category=Hemtj%C3%A4nst").body)
    assert [(e.id, e.updated) for e in again.entries] == [(e.id, e.updated) for e in parsed.entries]
    first = parsed.entries[0]
    assert first.link.startswith(server.base_url + "/annonser/")
    assert first.title.split(":")[0] in {
        "Nytt valfrihetssystem",
        "Ändrat valfrihetssystem",
        "Avslutat valfrihetssystem",
        "Återpublicerat valfrihetssystem",
    }
    whole = feedparser.parse(server.get("/feed.atom").body)
    every = [entry.id for entry in whole.entries]
    assert len(every) == len(set(every)) == min(100, len(_expected_events(run, [])))
    baseline = feedparser.parse(server.get("/feed.atom?baseline=1&kind=new").body)
    # The first crawl's events are history, not news: in the feed only when asked for.
    news = run("events", "--kind", "new", "--format", "json", check=True).json()
    assert len(baseline.entries) == min(100, len(news)) > len(_expected_events(run, []))
    assert server.get("/feed.atom?county=Atlantis").status == 400
    # Readers poll: an unchanged feed answers 304 to the ETag they kept.
    tag = answer.headers["etag"]
    again_conditional = server.get(
        "/feed.atom?category=hemtjanst&county=01", headers={"If-None-Match": tag}
    )
    assert again_conditional.status == 304 and again_conditional.body == b""


def test_feed_command_writes_the_same_entries_for_static_hosting(site, tmp_path) -> None:
    server, run, store = site
    target = tmp_path / "stockholm-hemtjanst.atom"
    command = [
        sys.executable,
        "-m",
        "lovwatch.web",
        "--db",
        str(store),
        "feed",
        "--county",
        "Stockholms län",
        "--category",
        "hemtjanst",
        "-o",
        str(target),
    ]
    env = {**_env(), **clock(LAST_DAY)}
    for _ in range(2):  # rewritten from cron: the same ids
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        parsed = feedparser.parse(target.read_bytes())
        assert not parsed.bozo
        served = feedparser.parse(server.get("/feed.atom?county=01&category=hemtjanst").body)
        assert [e.id for e in parsed.entries] == [e.id for e in served.entries]
        adverts = {a["id"]: a for a in run("list", "--status", "all", "--format", "json").json()}
        for entry in parsed.entries:
            assert entry.link.startswith("http://127.0.0.1:")  # the advert on the crawled site
            assert entry.link in {a["url"] for a in adverts.values()}
    bad = subprocess.run(
        [sys.executable, "-m", "lovwatch", *command[3:5], "feed", "--county", "Atlantis"]
        + ["-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    # The CLI's convention: one line naming the option and what to give, exit 2.
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1, bad.stderr
    assert "--county" in bad.stderr and "Atlantis" in bad.stderr


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k not in ("LOVWATCH_BASE_URL", "LOVWATCH_NOW")}


def test_serving_never_changes_the_store(tmp_path) -> None:
    store, _ = built_store(tmp_path)
    store.chmod(0o640)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    server = WebServer(str(store), LAST_DAY, tmp_path / "serve.log")
    try:
        for path in [
            "/",
            "/annonser?status=all",
            "/statistik",
            "/kommuner/Sundbyberg",
            "/feed.atom",
        ]:
            assert server.get(path).status == 200
        assert server.get("/api/adverts").status == 200
    finally:
        server.stop()
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert store.stat().st_mode & 0o777 == 0o640
    assert not list(tmp_path.glob("*.lock"))


def test_serve_refuses_a_missing_store(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "lovwatch.web", "--db", str(tmp_path / "none.sqlite"), "serve"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 3 and "no store at" in done.stderr
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.postgres
def test_the_site_reads_a_postgresql_store(postgres_url, replica, tmp_path) -> None:
    from conftest import Lovwatch

    run = Lovwatch(tmp_path / "unused.sqlite", env={"LOVWATCH_DB": postgres_url})
    assert run.crawl(replica.base_url).code == 0
    server = WebServer(postgres_url, LAST_DAY, tmp_path / "serve.log")
    try:
        for path in ["/", "/annonser?county=01", "/statistik", "/kommuner/Salem", "/feed.atom"]:
            assert server.get(path).status == 200, path
        api = server.get("/api/adverts?county=01&category=hemtjanst").json()
        cli = run("list", "--county", "01", "--category", "hemtjanst", "--format", "json").json()
        assert api == cli and api
    finally:
        server.stop()


def test_the_commands_work_once_registered_in_the_lovwatch_cli(site, tmp_path) -> None:
    """What `cli.add_command(serve)` / `cli.add_command(feed)` in lovwatch/cli.py will give."""
    import click
    from click.testing import CliRunner

    from lovwatch.cli import cli
    from lovwatch.web.cli import feed, serve

    _, _, store = site
    group = click.Group(
        name="lovwatch",
        commands={**cli.commands, "serve": serve, "feed": feed},
        params=cli.params,
        callback=cli.callback,
    )
    runner = CliRunner()
    assert "Serve the read-only web site" in runner.invoke(group, ["serve", "--help"]).output
    target = tmp_path / "all.atom"
    done = runner.invoke(
        group,
        ["--db", str(store), "feed", "--kind", "ended", "-o", str(target)],
        env=clock(LAST_DAY),
    )
    assert done.exit_code == 0, done.output
    parsed = feedparser.parse(target.read_bytes())
    assert parsed.entries and all(e.title.startswith("Avslutat") for e in parsed.entries)


def test_api_stats_refuses_a_day_after_today_as_the_cli_does(site) -> None:
    server, _, _ = site
    later = (LAST_DAY + timedelta(days=30)).isoformat()
    answer = server.get(f"/api/stats?at={later}")
    assert answer.status == 400
    assert "efter i dag" in answer.json()["error"]
