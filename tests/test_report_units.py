"""Pure parts of the report and of paging: which periods a chart may draw as observed, the
reference panel that keeps published figures off the crawl's axis, and page slicing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from lovwatch.analysis.charts import SWEDISH, trend_figure
from lovwatch.analysis.trends import fully_observed
from lovwatch.web.filters import FilterError
from lovwatch.web.paging import PAGE_SIZE, cut, cut_open, requested


def _row(day: date, value: int, coverage: str, code: str = "any") -> dict[str, Any]:
    return {
        "period": str(day.year),
        "date": day,
        "category_code": code,
        "category_label": "Alla kategorier",
        "municipalities": value,
        "coverage": coverage,
        "source": "lovwatch crawl",
    }


def test_a_year_seen_for_one_day_is_not_observed() -> None:
    first_crawl = date(2025, 12, 31)
    series = [
        _row(date(2024, 12, 31), 10, "backfilled"),
        _row(date(2025, 12, 31), 12, "observed"),  # observed on its last day only
        _row(date(2026, 12, 31), 14, "observed"),  # the whole year after the first crawl
        _row(date(2027, 1, 2), 14, "observed"),  # two days of 2027
    ]
    assert fully_observed(series, first_crawl, "year", date(2024, 1, 1)) == [
        False,
        False,
        True,
        False,
    ]


def test_days_after_the_first_crawl_are_observed_from_the_first() -> None:
    first_crawl = date(2026, 3, 1)
    series = [_row(date(2026, 3, day), day, "observed") for day in (1, 2, 3)]
    assert fully_observed(series, first_crawl, "day", date(2026, 3, 1)) == [True, True, True]
    # Without knowing where the first period began, it is not claimed as observed.
    assert fully_observed(series, first_crawl, "day") == [False, True, True]
    assert fully_observed(series, None, "day", date(2026, 3, 1)) == [False, False, False]


def test_published_figures_get_their_own_panel_and_axis() -> None:
    crawled = [_row(date(2020 + n, 12, 31), 5 + n, "backfilled") for n in range(5)]
    published = {**_row(date(2022, 7, 1), 0, "reference"), "period": "2022"}
    published.update(municipalities=290, source="SKR: LOV i drift", date=None)
    figure = trend_figure([*crawled, published], "municipalities", "t", SWEDISH)
    crawl_axes, reference_axes = figure.axes
    assert crawl_axes.get_ylim()[1] < 3 * 9, "the crawled lines must fill their panel"
    assert reference_axes.get_ylim()[1] >= 290
    assert reference_axes.get_ylabel() == "Publicerad siffra"
    # Without published figures the chart is one panel, as before.
    assert len(trend_figure(crawled, "municipalities", "t", SWEDISH).axes) == 1


def test_pages_cut_the_list_in_order_and_name_the_last_page() -> None:
    rows = [{"id": str(n)} for n in range(23)]
    pages = [cut(rows, number, 10) for number in (1, 2, 3)]
    assert [row for page in pages for row in page.rows] == rows
    assert [page.has_next for page in pages] == [True, True, False]
    assert pages[0].pages == 3 and pages[2].start == 20
    with pytest.raises(FilterError, match="urvalet har 3 sidor"):
        cut(rows, 4, 10)
    assert list(cut([], 1, 10).rows) == []
    with pytest.raises(FilterError, match="har 1 sida$"):
        cut([], 2, 10)


def test_open_pages_know_only_whether_more_follow() -> None:
    rows = [{"id": str(n)} for n in range(21)]  # page 2 of 10 read with one row to spare
    page = cut_open(rows, 2, 10)
    assert [row["id"] for row in page.rows] == [str(n) for n in range(10, 20)]
    assert page.has_next and page.total is None and page.pages is None
    assert not cut_open(rows[:20], 2, 10).has_next
    with pytest.raises(FilterError, match="Sidan 3 finns inte"):
        cut_open(rows[:20], 3, 10)


def test_page_links_keep_the_filter_and_the_size() -> None:
    page = cut([{"id": "a"}] * 30, 1, 10)
    assert page.query("county=01", 2) == "county=01&per_page=10&page=2"
    assert page.query("", 1) == "per_page=10"
    assert cut([{"id": "a"}] * 60, 1, PAGE_SIZE).query("status=all", 2) == "status=all&page=2"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (1, PAGE_SIZE)),
        ({"page": ["3"], "per_page": ["20"]}, (3, 20)),
        ({"page": [""]}, (1, 50)),
    ],
)
def test_requested_pages(params, expected) -> None:
    assert requested(params) == expected


@pytest.mark.parametrize("params", [{"page": ["0"]}, {"page": ["-1"]}, {"per_page": ["501"]}])
def test_bad_requested_pages(params) -> None:
    with pytest.raises(FilterError):
        requested(params)
