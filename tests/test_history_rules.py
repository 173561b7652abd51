"""The pure decisions behind events: when an advert ends, what counts as a change."""

import pytest

from lovwatch.models.history import _authority_like, changed_fields, should_end


@pytest.mark.parametrize(
    "missing, status, end_after, ends",
    [
        (1, 404, 2, True),  # gone: ends at once
        (1, 410, 2, True),
        (1, 200, 2, False),  # page alive: wait for the second complete listing
        (2, 200, 2, True),
        (1, None, 2, False),  # page could not be asked: never ends on the first miss
        (2, None, 2, True),
        (2, 200, 3, False),
    ],
)
def test_should_end(missing: int, status: int | None, end_after: int, ends: bool) -> None:
    assert (should_end(missing, status, end_after) is not None) is ends


def test_page_fields_count_only_once_a_page_was_read() -> None:
    before = {"title": "Hemtjänst", "contact": None, "description": ""}
    after = {"title": "Hemtjänst", "contact": "Anna", "description": "Ny text"}
    assert changed_fields(before, after, page_known_before=False) == []
    assert changed_fields(before, after, page_known_before=True) == ["contact", "description"]
    assert changed_fields(before, {**before, "title": "Hemtjänst LOV"}, False) == ["title"]


@pytest.mark.parametrize(
    "region_name, expected",
    [
        ("Salems kommun", "Salems kommun"),
        ("Göteborgs Stad", "Göteborgs Stad"),
        ("Region Skåne", "Region Skåne"),
        ("Västra Götalandsregionen", "Västra Götalandsregionen"),
        ("Stockholms län", None),
        ("Stockholm", None),
        (None, None),
    ],
)
def test_region_name_is_used_only_when_it_names_a_buyer(
    region_name: str | None, expected: str | None
) -> None:
    assert _authority_like(region_name) == expected
