"""End to end: the real CLI crawls a replica of municipal sites on loopback hosts
(127.0.0.2-4), with and without the browser, alone and beside the national replica."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from conftest import FAST, needs_loopback_aliases
from municipal_replica import MunicipalReplica, page
from sqlmodel import Session, select

from lovwatch.models.municipal import MunicipalPage, PageSnapshot
from lovwatch.models.store import open_store
from lovwatch.models.tables import Event
from lovwatch.municipal.browser import find_chromium

CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found (apt-get install -y chromium, or set "
    "LOVWATCH_CHROMIUM): the browser tests need it",
)

#: A browser path that does not exist: pages that need one are read unrendered.
NO_BROWSER = os.devnull + "-missing"


pytestmark = needs_loopback_aliases


def crawl(lovwatch, sites: MunicipalReplica, *extra: str, env: dict[str, str] | None = None):  # noqa: ANN001, ANN201
    return lovwatch(
        "crawl",
        "--source",
        "municipal",
        *sites.site_options(),
        *FAST,
        "--format",
        "json",
        *extra,
        env=env,
    )


def events(store: Path) -> list[Event]:
    with Session(open_store(str(store))) as session:
        return list(
            session.exec(select(Event).where(Event.source == "municipal").order_by(Event.id))
        )


@needs_chromium
def test_script_built_list_is_read_through_the_browser_and_only_that_page(
    lovwatch, sites: MunicipalReplica, store: Path
) -> None:
    result = crawl(lovwatch, sites, env={"LOVWATCH_NOW": "2026-03-01T06:00"})
    assert result.code == 0, result.stderr
    summary = result.json()
    asele = sites.site("2463")
    assert summary["rendered"] == [f"{asele.base_url}jamfor-utforare.html"]
    # Only a browser runs the page's script, which loads the list: once, on that site only.
    assert [r.host for r in sites.requests if r.path == "/static/jamfor.js"] == ["127.0.0.3"]
    assert [r.host for r in sites.requests if r.path == "/api/utforare.json"] == ["127.0.0.3"]
    # robots.txt disallows /intern/ on Krokom; the sitemap leads to an unlinked page.
    assert "/intern/lov-utkast.html" not in sites.paths("127.0.0.2")
    assert "/naringsliv/bli-utforare-enligt-lov.html" in sites.paths("127.0.0.2")
    assert not any(path.endswith(".pdf") for r in sites.sites for path in sites.paths(r.host))

    listed = lovwatch("providers", "--municipality", "Åsele", "--format", "json").json()
    assert {(p["name"], p["org_number"], p["own_unit"]) for p in listed} == {
        ("Lappland Omsorg AB", "559100-2232", False),
        ("Åsele kommun hemtjänst", "212000-2528", True),
    }
    profile = lovwatch("municipality", "2463", "--format", "json").json()
    pages = {p["url"]: p["rendered"] for p in profile["pages"]}
    assert pages[f"{asele.base_url}jamfor-utforare.html"] is True
    assert pages[f"{asele.base_url}kundval-hemtjanst.html"] is False


def test_profile_shows_findings_with_evidence_and_providers(
    lovwatch, sites: MunicipalReplica, store: Path
) -> None:
    result = crawl(lovwatch, sites, env={"LOVWATCH_CHROMIUM": NO_BROWSER})
    assert result.code == 0, result.stderr
    # Without a browser the script-built page is named, not silently skipped.
    assert result.json()["unrendered"] == [f"{sites.site('2463').base_url}jamfor-utforare.html"]
    assert "Chromium" in result.json()["reason"]

    profile = lovwatch("municipality", "Krokom", "--format", "json").json()
    assert (profile["code"], profile["county_code"], profile["kommungrupp_code"]) == (
        "2309",
        "23",
        profile["kommungrupp_code"],
    )
    assert profile["population"] > 10000
    since = [f for f in profile["findings"] if f["kind"] == "active" and f["date"]]
    krokom = sites.site("2309").base_url
    assert since[0]["date"] == "2010-09-01"
    assert since[0]["url"] == (
        f"{krokom}omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html"
    )
    assert "Sedan hösten 2010" in since[0]["quote"]
    hemtjanst = {p["name"]: p for p in profile["providers"]["Hemtjänst"]}
    assert set(hemtjanst) == {
        "Jämtvård Omsorg AB",
        "Fjällnära Hemtjänst HB",
        "Krokoms kommun, hemtjänst i egen regi",
    }
    assert hemtjanst["Krokoms kommun, hemtjänst i egen regi"]["own_unit"]
    links = {link["kind"] for p in profile["pages"] for link in p["links"]}
    assert links == {"advert", "underlag"}
    table = lovwatch("municipality", "Krokom")
    assert "Sedan hösten 2010" in table.stdout and "Jämtvård Omsorg AB" in table.stdout

    ended = [e for e in events(store) if e.kind == "lov_ended"]
    assert [(e.municipality_code, e.category_code, e.baseline) for e in ended] == [
        ("1980", "ledsagning", True)
    ]
    assert ended[0].details["date"] == "2018-02-22"


def test_next_crawls_record_a_removed_provider_text_history_and_partial_runs(
    lovwatch, sites: MunicipalReplica, store: Path
) -> None:
    no_browser = {"LOVWATCH_CHROMIUM": NO_BROWSER}
    assert crawl(lovwatch, sites, env=no_browser).code == 0
    path = "/omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html"
    krokom = sites.site("2309")
    sites.set_page(
        "2309", path, krokom.pages[path].replace("<li>Fjällnära Hemtjänst HB, 969700-1114</li>", "")
    )
    # The news item also names the company: take it down too, or the provider stays listed.
    sites.set_page("2309", "/nyheter/nya-foretag-i-hemtjansten.html", None)
    second = crawl(lovwatch, sites, env=no_browser)
    assert second.code == 0, second.stderr
    assert second.json()["provider_removed"] == 1
    removed = [e for e in events(store) if e.kind == "provider_removed"]
    assert [(e.municipality_code, e.details["org_number"], e.baseline) for e in removed] == [
        ("2309", "969700-1114", False)
    ]
    listed = lovwatch("providers", "--municipality", "2309", "--format", "json").json()
    assert "Fjällnära Hemtjänst HB" not in {p["name"] for p in listed}
    with Session(open_store(str(store))) as session:
        history = session.exec(
            select(PageSnapshot)
            .join(MunicipalPage)
            .where(MunicipalPage.url == f"{krokom.base_url}{path[1:]}")
            .order_by(PageSnapshot.id)
        ).all()
        unchanged = session.exec(
            select(PageSnapshot)
            .join(MunicipalPage)
            .where(MunicipalPage.url == f"{sites.site('2463').base_url}kundval-hemtjanst.html")
        ).all()
    # A snapshot per content change: two for the changed page, one for an unchanged one.
    assert ["Fjällnära" in snapshot.text for snapshot in history] == [True, False]
    assert len(unchanged) == 1

    # A site that cannot be read makes the run partial (exit 1) and removes none of its
    # providers.
    # Held through the crawl: refused connections, and no port reuse by a test alongside.
    with socket.socket() as closed:
        closed.bind(("127.0.0.2", 0))
        dead = f"http://127.0.0.2:{closed.getsockname()[1]}/"
        result = lovwatch(
            "crawl",
            "--source",
            "municipal",
            "--site",
            f"2309={dead}",
            "--site",
            f"2463={sites.site('2463').base_url}",
            *FAST,
            "--retries",
            "0",
            "--format",
            "json",
            env=no_browser,
        )
    assert result.code == 1
    assert result.json()["status"] == "partial" and "2309" in result.json()["reason"]
    assert len([e for e in events(store) if e.kind == "provider_removed"]) == 1
    after = lovwatch("providers", "--municipality", "2309", "--format", "json").json()
    assert after == listed


def test_all_sources_in_one_process_and_gaps_name_a_site_without_national_advert(
    lovwatch, sites: MunicipalReplica, replica
) -> None:  # noqa: ANN001
    result = lovwatch(
        "crawl",
        "--source",
        "all",
        "--base-url",
        replica.base_url,
        *sites.site_options(),
        *FAST,
        "--format",
        "json",
        env={"LOVWATCH_CHROMIUM": os.devnull + "-missing"},
    )
    assert result.code == 0, result.stderr
    report = result.json()
    assert report["status"] == "complete" and report["run_id"] is not None
    runs = {row["source"]: row for row in report["runs"]}
    assert runs["national"]["status"] == "complete" and runs["municipal"]["status"] == "complete"
    found = lovwatch("gaps", "--kind", "site_only", "--format", "json").json()
    by_place = {(g["municipality_code"], g["category_code"]) for g in found}
    # Åsele describes kundval in hemtjänst on its site and has no advert in the national
    # database; Krokom advertises its hemtjänst there, so it is no gap.
    assert ("2463", "hemtjanst") in by_place
    assert ("2309", "hemtjanst") not in by_place
    text = lovwatch("gaps")
    assert "Åsele" in text.stdout


def test_bad_site_option_is_a_usage_error(lovwatch) -> None:  # noqa: ANN001
    result = lovwatch("crawl", "--source", "municipal", "--site", "Atlantis=http://127.0.0.9/")
    assert result.code == 2 and "unknown municipality" in result.stderr


def test_page_template_has_navigation_noise() -> None:
    html = page("Test", "Krokom", "<p>Innehåll</p>")
    assert "Barn och utbildning" in html and "org.mozilla" in html


def test_proposals_and_other_municipalities_are_evidence_never_events(
    lovwatch, sites: MunicipalReplica, store: Path
) -> None:
    no_browser = {"LOVWATCH_CHROMIUM": NO_BROWSER}
    assert crawl(lovwatch, sites, env=no_browser).code == 0  # the baseline
    news = page(
        "Kundval i daglig verksamhet?",
        "Krokom",
        "<h1>Kundval i daglig verksamhet?</h1><p>2026-11-20</p>"
        "<p>Socialnämnden föreslår att kommunfullmäktige beslutar att införa LOV inom daglig "
        "verksamhet enligt LSS. Frågan avgörs i februari.</p>"
        "<p>Flera kommuner i länet har redan valt att avsluta sina valfrihetssystem inom "
        "hemtjänsten.</p>",
    )
    sites.set_page("2309", "/nyheter/kundval-daglig-verksamhet.html", news)
    listing = (
        sites.site("2309")
        .pages["/nyheter.html"]
        .replace(
            "</ul>",
            '<li><a href="/nyheter/kundval-daglig-verksamhet.html">Kundval i daglig verksamhet'
            "</a></li></ul>",
        )
    )
    sites.set_page("2309", "/nyheter.html", listing)
    second = crawl(lovwatch, sites, env=no_browser)
    assert second.code == 0, second.stderr
    assert second.json()["lov_introduced"] == 0 and second.json()["lov_ended"] == 0
    assert not [e for e in events(store) if not e.baseline and e.kind.startswith("lov_")]
    profile = lovwatch("municipality", "2309", "--format", "json", check=True).json()
    claims = {
        (s["kind"], s["subject"], s["modality"])
        for s in profile["findings"]
        if "kundval-daglig-verksamhet" in s["url"]
    }
    assert ("introduce", "own", "proposed") in claims


def test_a_slow_start_page_reads_the_same_pages(lovwatch, sites: MunicipalReplica) -> None:  # noqa: ANN001
    """What a crawl reads must not hang on which answer comes first. Krokom's news item is
    linked only from the news section, which the menu on every page links. With two requests
    per site at a time, a page found through the sitemap and read before a slow start page
    put the news section a level deeper, where its items were no longer followed (two
    workers sharing a run once lost the item so)."""
    no_browser = {"LOVWATCH_CHROMIUM": NO_BROWSER}
    sites.slow[("127.0.0.2", "/")] = 1.5
    result = crawl(lovwatch, sites, "--per-site-concurrency", "2", env=no_browser)
    assert result.code == 0, result.stderr
    krokom = sites.paths("127.0.0.2")
    assert "/naringsliv/bli-utforare-enligt-lov.html" in krokom  # found through the sitemap
    assert "/nyheter/nya-foretag-i-hemtjansten.html" in krokom
    assert "/omsorg-och-stod/aldre/hemtjanst.html" in krokom


def test_a_page_reached_sooner_by_a_longer_path_is_followed_at_its_depth(
    lovwatch,  # noqa: ANN001
    sites: MunicipalReplica,
) -> None:
    """A page's depth is that of its shortest path, whichever path was read first (see
    `MunicipalReplica.two_paths_to_news`)."""
    news, item = sites.two_paths_to_news()
    result = crawl(
        lovwatch, sites, "--per-site-concurrency", "2", env={"LOVWATCH_CHROMIUM": NO_BROWSER}
    )
    assert result.code == 0, result.stderr
    krokom = sites.paths("127.0.0.2")
    assert krokom.count(news) == 1  # its links kept, not fetched again
    assert item in krokom
