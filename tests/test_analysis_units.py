"""Pure parts of the analysis: counting rules, periods, peers, reference data, CSV safety."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lovwatch.analysis.compare import peer_group, population_band
from lovwatch.analysis.export import _csv_cell
from lovwatch.analysis.reference import reference_points
from lovwatch.analysis.timeline import AdvertSpan, intervals_of, start_of
from lovwatch.analysis.trends import periods
from lovwatch.normalize.authorities import find_municipality
from lovwatch.normalize.taxonomy import CATEGORIES

D = date


def test_an_earlier_published_date_moves_the_start_back() -> None:
    assert start_of(datetime(2025, 3, 3, 6), D(2014, 5, 1)) == (D(2014, 5, 1), "published")
    assert start_of(datetime(2025, 3, 3, 6), D(2025, 3, 4)) == (D(2025, 3, 3), "first_seen")
    assert start_of(datetime(2025, 3, 3, 6), None) == (D(2025, 3, 3), "first_seen")


def test_intervals_close_on_end_and_reopen_on_reappearance() -> None:
    events = [("ended", D(2025, 3, 5)), ("reappeared", D(2025, 3, 9)), ("ended", D(2025, 4, 1))]
    assert intervals_of(D(2025, 3, 3), events, "ended", None) == (
        (D(2025, 3, 3), D(2025, 3, 5)),
        (D(2025, 3, 9), D(2025, 4, 1)),
    )
    assert intervals_of(D(2025, 3, 3), events[:2], "active", None) == (
        (D(2025, 3, 3), D(2025, 3, 5)),
        (D(2025, 3, 9), None),
    )
    # An older store without the event still closes the interval from ended_at.
    assert intervals_of(D(2025, 3, 3), [], "ended", D(2025, 3, 7)) == (
        (D(2025, 3, 3), D(2025, 3, 7)),
    )


def _span(
    kind: str,
    municipality: str | None,
    county: str | None,
    intervals: tuple = ((D(2025, 3, 3), D(2025, 3, 5)),),
) -> AdvertSpan:
    return AdvertSpan(
        "b/s",
        "t",
        "u",
        "Authority",
        kind,
        municipality,
        county,
        frozenset({"hemtjanst"}),
        intervals,
        "first_seen",
    )


def test_active_days_exclude_the_day_an_advert_was_found_ended() -> None:
    span = _span("municipality", "0128", "01")
    assert not span.active_at(D(2025, 3, 2))
    assert span.active_at(D(2025, 3, 3)) and span.active_at(D(2025, 3, 4))
    assert not span.active_at(D(2025, 3, 5))
    assert span.started_at(D(2025, 3, 4)) == D(2025, 3, 3)


def test_who_an_advert_counts_for() -> None:
    assert _span("municipal_unit", "1480", "14").municipality == "1480"
    region = _span("region", None, "12")
    assert (region.municipality, region.region) == (None, "12")
    gotland = _span("region", "0980", "09")
    assert (gotland.municipality, gotland.region) == ("0980", "09")
    state = _span("state", None, None)
    assert (state.municipality, state.region, state.state_agency) == (None, None, "Authority")
    assert _span("unknown", None, None).municipality is None


def test_periods_are_measured_on_their_last_day_and_stop_at_the_end() -> None:
    assert periods(D(2024, 11, 15), D(2025, 2, 10), "month") == [
        ("2024-11", D(2024, 11, 30)),
        ("2024-12", D(2024, 12, 31)),
        ("2025-01", D(2025, 1, 31)),
        ("2025-02", D(2025, 2, 10)),
    ]
    assert periods(D(2024, 2, 1), D(2024, 12, 31), "quarter") == [
        ("2024Q1", D(2024, 3, 31)),
        ("2024Q2", D(2024, 6, 30)),
        ("2024Q3", D(2024, 9, 30)),
        ("2024Q4", D(2024, 12, 31)),
    ]
    assert [label for label, _ in periods(D(2010, 6, 1), D(2012, 1, 1), "year")] == [
        "2010",
        "2011",
        "2012",
    ]
    assert periods(D(2025, 3, 5), D(2025, 3, 12), "week") == [
        ("2025-W10", D(2025, 3, 9)),
        ("2025-W11", D(2025, 3, 12)),
    ]


def test_population_bands_and_peer_groups() -> None:
    assert population_band(9_999) == (0, 10_000)
    assert population_band(10_000) == (10_000, 20_000)
    assert population_band(1_000_000) == (200_000, None)
    salem = find_municipality("Salem")
    assert salem is not None
    for kind in ("county", "kommungrupp", "size"):
        group = peer_group(salem, kind)
        assert group.members and salem not in group.members
    same_group = peer_group(salem, "kommungrupp").members
    assert {m.kommungrupp_code for m in same_group} == {salem.kommungrupp_code}
    with pytest.raises(ValueError):
        peer_group(salem, "planet")


def test_reference_data_is_labelled_and_maps_to_known_categories() -> None:
    points = reference_points()
    codes = {c.code for c in CATEGORIES} | {"any"}
    assert all(p.source and p.method and p.category_code in codes | {""} for p in points)
    skr = {
        p.year: p.value for p in points if p.series == "skr_status" and p.subject == "LOV i drift"
    }
    assert skr == {
        2010: 45,
        2011: 96,
        2012: 129,
        2013: 144,
        2014: 153,
        2015: 157,
        2016: 162,
        2017: 161,
        2018: 160,
        2019: 162,
        2020: 160,
        2021: 163,
        2022: 158,
        2023: 159,
    }
    for year in range(2010, 2024):  # SKR's status rows each sum to 290 municipalities
        assert sum(p.value for p in points if p.series == "skr_status" and p.year == year) == 290
    totals = {p.year: p.value for p in points if p.series == "uhm_adverts" and p.subject == "total"}
    assert totals[2016] == 414 and totals[2024] == 451
    for year in (2016, 2020, 2024):
        parts = sum(
            p.value
            for p in points
            if p.series == "uhm_adverts" and p.year == year and p.subject != "total"
        )
        assert parts == totals[year]


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(text: str) -> None:
    assert _csv_cell(text) == "'" + text
    assert _csv_cell([text, "b"]).startswith("'")


def test_csv_cells_keep_plain_values() -> None:
    assert _csv_cell("Hemtjänst") == "Hemtjänst"
    assert _csv_cell(True) == "true" and _csv_cell(None) == ""
    assert _csv_cell(datetime(2025, 3, 3, 6, 0)) == "2025-03-03T06:00:00"
    assert _csv_cell(["a", "b"]) == "a; b"
