"""The HTML report in a real headless Chromium: in Swedish, the benchmark first when a
municipality is asked for, no console errors, no network, charts drawn, tables holding the
numbers the CLI prints, and on a phone wide tables scroll inside their frames while the page
does not; screenshots at desktop and phone width are kept under tmp_path (and
LOVWATCH_ARTIFACTS when set)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from analysis_helpers import LAST_DAY, InProcess, built_store
from web_helpers import keep_artifact

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    candidates = [
        os.environ.get("LOVWATCH_CHROMIUM"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Chromium: set LOVWATCH_CHROMIUM or apt-get install chromium")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[InProcess, Path]:
    directory = tmp_path_factory.mktemp("report")
    store, _ = built_store(directory)
    run = InProcess(store, LAST_DAY)
    target = directory / "report.html"
    run(
        "report",
        "-o",
        str(target),
        "--municipality",
        "Sundbyberg",
        "--recent-days",
        "30",
        check=True,
    )
    return run, target


def test_report_is_self_contained(report) -> None:
    _, target = report
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html
    assert 'src="http' not in html and "url(http" not in html
    assert html.count('role="img"') == html.count('class="chart"') == 2
    assert '<meta name="viewport"' in html and "@media print" in html


#: What the report said when it was written in English; none of it may be left.
ENGLISH = (
    "National overview",
    "Counts per category",
    "Per county",
    "Recent changes",
    "Methods and sources",
    "Skip to content",
    "Municipalities running LOV",
    "published figures",
    " of ",
    ">yes<",
    ">no<",
)


def test_report_is_swedish_with_the_benchmark_first(report) -> None:
    _, target = report
    html = target.read_text(encoding="utf-8")
    assert '<html lang="sv">' in html
    left = [phrase for phrase in ENGLISH if phrase in html]
    assert left == []
    sections = re.findall(r'<section id="([a-z]+)"', html)
    assert sections[0] == "benchmark" and sections[1] == "overview"
    assert "Kommuner med LOV" in html and "Metod och källor" in html
    assert "SKR:s kommungrupp" in html  # the peer group described in Swedish


def test_report_without_a_municipality_opens_with_the_country(report, tmp_path) -> None:
    run, _ = report
    target = tmp_path / "sverige.html"
    run("report", "-o", str(target), check=True)
    html = target.read_text(encoding="utf-8")
    assert re.findall(r'<section id="([a-z]+)"', html)[0] == "overview"
    assert 'id="benchmark"' not in html and "<h1>LOV i Sverige" in html


@pytest.mark.browser
def test_report_in_headless_chromium(report, tmp_path) -> None:
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed"
    )
    executable = _chromium()
    run, target = report
    stats = run("stats", "--format", "json", check=True).json()
    counties = run("stats", "--by", "county", "--format", "json", check=True).json()["rows"]
    benchmark = run("compare", "Sundbyberg", "--format", "json", check=True).json()["rows"]
    problems: list[str] = []
    outside: list[str] = []
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on(
                "request",
                lambda request: (
                    outside.append(request.url) if not request.url.startswith("file:") else None
                ),
            )
            page.goto(target.as_uri())
            page.wait_for_load_state("load")
            charts = page.locator("svg.chart")
            assert charts.count() == 2
            for index in range(2):
                box = charts.nth(index).bounding_box()
                assert box and box["width"] > 300 and box["height"] > 150
                assert charts.nth(index).locator("path").count() > 10
            _check_numbers(page, stats, counties, benchmark)
            page.screenshot(path=str(tmp_path / "report-desktop.png"), full_page=True)
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            phone.goto(target.as_uri())
            phone.wait_for_load_state("load")
            width = phone.evaluate("document.documentElement.scrollWidth")
            body = phone.evaluate("document.body.scrollWidth")
            assert width <= 390 and body <= 390, "the page must not scroll sideways on a phone"
            # The wide tables are whole, scrolling inside their frames instead of being cut.
            frames = phone.evaluate(
                """() => [...document.querySelectorAll('.table-wrap')].map(w => ({
                    id: w.querySelector('table').id,
                    scrolls: w.scrollWidth > w.clientWidth,
                    overflow: getComputedStyle(w).overflowX,
                    cut: w.querySelector('table').getBoundingClientRect().width
                         > w.scrollWidth + 1}))"""
            )
            assert all(frame["overflow"] == "auto" and not frame["cut"] for frame in frames)
            assert any(frame["scrolls"] for frame in frames), frames
            phone.locator("#category-table").scroll_into_view_if_needed()
            phone.screenshot(path=str(tmp_path / "report-phone.png"), full_page=True)
        finally:
            browser.close()
    assert problems == [] and outside == []
    for name in ("report-desktop.png", "report-phone.png"):
        assert (tmp_path / name).stat().st_size > 50_000
        keep_artifact(tmp_path / name, name)
    keep = os.environ.get("LOVWATCH_KEEP_SCREENSHOT")
    if keep:  # for a person to look at the result
        shutil.copyfile(tmp_path / "report-desktop.png", keep)


def _number(page: Any, selector: str) -> int:
    return int(page.locator(selector).inner_text().strip())


def _check_numbers(
    page: Any,
    stats: dict[str, Any],
    counties: list[dict[str, Any]],
    benchmark: list[dict[str, Any]],
) -> None:
    for key in ("adverts", "authorities", "municipalities", "regions", "state_agencies"):
        assert _number(page, f'#overview [data-metric="{key}"]') == stats["totals"][key], key
    for row in stats["rows"]:
        base = f'#category-table tr[data-category="{row["category_code"]}"]'
        for key in ("municipalities", "regions", "state_agencies", "adverts"):
            assert _number(page, f'{base} [data-metric="{key}"]') == row[key], (base, key)
    for row in counties:
        base = f'#county-table tr[data-county="{row["group_code"]}"]'
        assert (
            _number(page, f'{base} [data-metric="municipalities_with_lov"]')
            == row["municipalities_with_lov"]
        )
        assert _number(page, f'{base} [data-metric="adverts"]') == row["adverts"]
    rows = page.locator("#benchmark-table tbody tr")
    assert rows.count() == len(benchmark) > 0
    for row in benchmark:
        cell = page.locator(f'#benchmark-table tr[data-category="{row["category_code"]}"]')
        assert cell.get_attribute("data-finding") == row["finding"]
        assert cell.locator('[data-metric="peers_running"]').inner_text() == (
            f"{row['peers_running']} av {row['peers']}"
        )
