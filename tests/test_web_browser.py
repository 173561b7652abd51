"""The web site in a real headless Chromium (Debian's), served by a real `serve` process: every
page loads with no console error and no failed request, reads on a phone without sideways
scrolling, the filter form narrows the list to exactly what `lovwatch list` prints, the
municipality page shows `lovwatch compare`'s numbers first, and an advert's changes read as a
diff, and the advert pages clicked through to the end hold exactly `lovwatch list`'s rows.
Screenshots at 1280 and 390 px go to tmp_path and, when set, LOVWATCH_ARTIFACTS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from analysis_helpers import LAST_DAY, InProcess, built_store
from conftest import skip_or_fail
from web_helpers import WebServer, keep_artifact

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[WebServer, InProcess]]:
    directory = tmp_path_factory.mktemp("web-browser")
    store, _ = built_store(directory)
    server = WebServer(str(store), LAST_DAY, directory / "serve.log")
    try:
        yield server, InProcess(store, LAST_DAY)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    executable = request.getfixturevalue("chromium_path")
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def chromium_path() -> str:
    import os
    import shutil

    for candidate in (
        os.environ.get("LOVWATCH_CHROMIUM"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
    ):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    skip_or_fail("no Chromium: install Debian's `chromium` or set LOVWATCH_CHROMIUM")
    raise AssertionError("unreachable")


class Watched:
    """A page whose console errors, script errors and failed requests are collected."""

    def __init__(self, browser: Any, width: int) -> None:
        self.problems: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on(
            "console",
            lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.problems.append(f"script: {error}"))
        self.page.on(
            "response",
            lambda r: self.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url}"))

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page


def _pages(run: InProcess) -> dict[str, str]:
    changed = run("events", "--kind", "changed", "--format", "json", check=True).json()
    advert = changed[0]["advert_id"] if changed else run("list", "--format", "json").json()[0]["id"]
    return {
        "overview": "/",
        "adverts": "/annonser?county=01",
        "adverts-page-2": "/annonser?status=all&per_page=10&page=2",
        "advert": f"/annonser/{advert}",
        "events": "/handelser",
        "statistics": "/statistik",
        "municipalities": "/kommuner",
        "municipality": "/kommuner/Sundbyberg",
        "error": "/annonser?county=Atlantis",
    }


def test_every_page_loads_cleanly_on_desktop_and_phone(site, browser, tmp_path) -> None:
    server, run = site
    for device, width in WIDTHS.items():
        watched = Watched(browser, width)
        for name, path in _pages(run).items():
            before = len(watched.problems)
            page = watched.open(server.base_url + path)
            if name == "error":  # the document's own 400 is the point; nothing else may fail
                during = watched.problems[before:]
                assert len(during) == 2 and all("400" in problem for problem in during), during
                del watched.problems[before:]
                assert page.locator("[role=alert]").inner_text().startswith("Okänt län")
            assert page.locator("html").get_attribute("lang") == "sv"
            assert page.locator("main").count() == 1 and page.locator("nav").count() >= 1
            assert page.locator("h1").count() == 1, name
            unlabelled = page.evaluate(
                """() => [...document.querySelectorAll('select, input:not([type=hidden])')]
                    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
                    .map(e => e.name)"""
            )
            assert unlabelled == [], (name, unlabelled)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{name} scrolls sideways at {width} px ({scroll})"
            shot = tmp_path / f"web-{name}-{device}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            keep_artifact(shot, shot.name)
        assert watched.problems == [], (device, watched.problems)
        watched.page.close()


def test_no_accessibility_violations_axe_finds(site, browser) -> None:
    """axe-core (shipped inside axe-playwright-python) on every page, desktop and phone."""
    axe_module = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="pip install -e '.[test]'"
    )
    server, run = site
    axe = axe_module.Axe()
    found: dict[str, list[str]] = {}
    for device, width in WIDTHS.items():
        watched = Watched(browser, width)
        for name, path in _pages(run).items():
            results = axe.run(watched.open(server.base_url + path))
            for violation in results.response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                found.setdefault(f"{name} ({device})", []).append(f"{violation['id']}: {targets}")
        watched.page.close()
    assert found == {}


def test_the_filter_form_narrows_to_what_lovwatch_list_prints(site, browser) -> None:
    server, run = site
    watched = Watched(browser, 1280)
    page = watched.open(server.base_url + "/annonser")
    everything = page.locator("tr[data-advert]").count()
    page.select_option("#f-county", "01")
    page.select_option("#f-category", "hemtjanst")
    with page.expect_navigation():
        page.get_by_role("button", name="Visa").click()
    shown = [row.get_attribute("data-advert") for row in page.locator("tr[data-advert]").all()]
    expected = run(
        "list", "--county", "01", "--category", "hemtjanst", "--format", "json", check=True
    ).json()
    assert shown == [advert["id"] for advert in expected]
    assert 0 < len(shown) < everything
    assert page.locator("[data-count]").get_attribute("data-count") == str(len(expected))
    # The address is the filter: opened anew it shows the same list.
    shared = watched.open(page.url)
    assert "county=01" in shared.url and "category=hemtjanst" in shared.url
    again = [row.get_attribute("data-advert") for row in shared.locator("tr[data-advert]").all()]
    assert again == shown
    # Names typed into the address work like the CLI's.
    typed = watched.open(server.base_url + "/annonser?county=Stockholms+l%C3%A4n&status=all")
    rows = [row.get_attribute("data-advert") for row in typed.locator("tr[data-advert]").all()]
    cli = run("list", "--county", "Stockholms län", "--status", "all", "--format", "json").json()
    assert rows == [advert["id"] for advert in cli]
    assert typed.locator("#f-county").input_value() == "01"  # the form shows the filter
    assert typed.locator("#f-status").input_value() == "all"
    assert watched.problems == []


def test_the_municipality_page_shows_the_benchmark_first(site, browser) -> None:
    server, run = site
    benchmark = run("compare", "Sundbyberg", "--format", "json", check=True).json()
    watched = Watched(browser, 1280)
    page = watched.open(server.base_url + "/kommuner/Sundbyberg")
    first_section = page.locator("main section").first
    assert first_section.get_attribute("id") == "jamforelse"
    assert page.locator("[data-metric=peers]").inner_text() == str(len(benchmark["peers"]["codes"]))
    rows = page.locator("#benchmark-table tbody tr")
    assert rows.count() == len(benchmark["rows"]) > 0
    for index, row in enumerate(benchmark["rows"]):
        shown = rows.nth(index)
        assert shown.get_attribute("data-category") == row["category_code"]
        assert shown.get_attribute("data-finding") == row["finding"]
        assert shown.locator("[data-metric=peers_running]").inner_text() == (
            f"{row['peers_running']} av {row['peers']}"
        )
        assert shown.locator("[data-metric=runs]").inner_text() == ("Ja" if row["runs"] else "Nej")
        assert (
            float(shown.locator("[data-metric=peer_share]").get_attribute("data-value"))
            == (row["peer_share"])
        )
        assert shown.locator("[data-metric=since]").inner_text() == (row["since"] or "–")
    # Another peer group through the form: the numbers of `compare --peers county`.
    page.select_option("#f-peers", "county")
    with page.expect_navigation():
        page.get_by_role("button", name="Jämför").click()
    county = run("compare", "Sundbyberg", "--peers", "county", "--format", "json").json()
    assert page.locator("#benchmark-table tbody tr").count() == len(county["rows"])
    assert watched.problems == []


def test_an_advert_page_shows_its_changes_as_a_diff(site, browser) -> None:
    server, run = site
    changed = run("events", "--kind", "changed", "--format", "json", check=True).json()
    if not changed:
        pytest.fail("the scenario should change some advert")
    event = changed[0]
    watched = Watched(browser, 1280)
    page = watched.open(server.base_url + f"/annonser/{event['advert_id']}")
    entry = page.locator(f"li[data-event='{event['id']}']")
    assert entry.locator(".kind").inner_text() == "Ändrad"
    assert entry.locator("ins, del").count() >= 1
    shown = run("show", event["advert_id"], "--format", "json", check=True).json()
    assert page.locator("ol.timeline > li").count() == len(shown["events"])
    assert page.locator("#versioner tbody tr").count() == len(shown["versions"])
    assert watched.problems == []


def test_the_statistics_page_shows_what_lovwatch_stats_prints(site, browser) -> None:
    server, run = site
    stats = run("stats", "--format", "json", check=True).json()
    counties = run("stats", "--by", "county", "--format", "json", check=True).json()["rows"]
    watched = Watched(browser, 1280)
    page = watched.open(server.base_url + "/statistik")
    for key in ("adverts", "municipalities", "regions", "state_agencies"):
        assert page.locator(f'#overview [data-metric="{key}"]').inner_text() == str(
            stats["totals"][key]
        )
    shown = [row for row in stats["rows"] if row["adverts"]]
    assert page.locator("#category-table tbody tr").count() == len(shown)
    for row in shown:
        cells = page.locator(f'#category-table tr[data-category="{row["category_code"]}"]')
        for key in ("municipalities", "regions", "state_agencies", "adverts"):
            assert cells.locator(f'[data-metric="{key}"]').inner_text() == str(row[key])
    for row in counties:
        cells = page.locator(f'#county-table tr[data-county="{row["group_code"]}"]')
        assert cells.locator('[data-metric="municipalities_with_lov"]').inner_text() == str(
            row["municipalities_with_lov"]
        )
    assert page.locator("svg.chart polyline").count() >= 2
    assert watched.problems == []


@pytest.mark.parametrize("device", list(WIDTHS))
def test_clicking_through_the_pages_collects_what_lovwatch_list_prints(
    site, browser, tmp_path, device
) -> None:
    server, run = site
    expected = run("list", "--status", "all", "--format", "json", check=True).json()
    watched = Watched(browser, WIDTHS[device])
    page = watched.open(server.base_url + "/annonser?status=all&per_page=10")
    shown: list[str | None] = []
    visited = 1
    while True:
        assert page.locator("[data-count]").get_attribute("data-count") == str(len(expected))
        shown += [row.get_attribute("data-advert") for row in page.locator("tr[data-advert]").all()]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= WIDTHS[device], f"page {visited} scrolls sideways ({scroll})"
        following = page.get_by_role("link", name="Nästa")
        if following.count() == 0:
            break
        with page.expect_navigation():
            following.click()
        visited += 1
        # The address is the filter and the page: opened anew it shows the same rows.
        assert f"page={visited}" in page.url and "status=all" in page.url
        assert (
            page.locator("[aria-current=page][data-page]")
            .inner_text()
            .startswith(f"Sida {visited}")
        )
    assert shown == [advert["id"] for advert in expected]
    assert visited == -(-len(expected) // 10) > 1
    # Back one page by the link, then the same page's address opened on its own.
    with page.expect_navigation():
        page.get_by_role("link", name="Föregående").click()
    again = watched.open(page.url)
    rows = [row.get_attribute("data-advert") for row in again.locator("tr[data-advert]").all()]
    assert rows == shown[(visited - 2) * 10 : (visited - 1) * 10]
    shot = tmp_path / f"web-pager-{device}.png"
    again.locator("nav.pager").scroll_into_view_if_needed()
    again.screenshot(path=str(shot))
    keep_artifact(shot, shot.name)
    assert watched.problems == []
