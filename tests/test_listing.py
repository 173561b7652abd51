"""The search endpoint's JSON: liberal in what it accepts, strict about what it trusts."""

import json

import pytest

from lovwatch.spiders.listing import ListingError, advert_key, clean_text, parse_listing

BASE = "https://www.upphandlingsmyndigheten.se"


def body(**envelope: object) -> bytes:
    return json.dumps(envelope).encode()


def test_items_keep_raw_and_strip_marks() -> None:
    raw = {
        "url": "/hitta-lov-uppdrag/annonser/salems-kommun/hemtjanst/",
        "heading": "Valfrihetssystem inom <mark>hemtjänst</mark>",
        "regionName": "Stockholms län",
        "businessAreas": ["Hemtjänst"],
        "excerpt": "<mark>Hemtjänst</mark>  i Salem",
        "updated": "2024-05-14",
        "documentId": 123,
        "somethingNew": {"x": 1},
    }
    page = parse_listing(body(numberOfHits=1, results=[raw]), BASE)
    item = page.items[0]
    assert item.key == "salems-kommun/hemtjanst"
    assert item.url == BASE + "/hitta-lov-uppdrag/annonser/salems-kommun/hemtjanst/"
    assert item.heading == "Valfrihetssystem inom hemtjänst"
    assert item.excerpt == "Hemtjänst i Salem"
    assert item.raw["somethingNew"] == {"x": 1}
    assert page.number_of_hits == 1


def test_missing_and_null_keys_are_tolerated() -> None:
    page = parse_listing(
        body(
            numberOfHits=2,
            results=[
                {"url": "/hitta-lov-uppdrag/annonser/a/b/", "businessAreas": None},
                {"url": "/hitta-lov-uppdrag/annonser/c/d"},
            ],
        ),
        BASE,
    )
    assert [i.business_areas for i in page.items] == [(), ()]
    assert [i.updated_raw for i in page.items] == [None, None]


def test_items_without_url_are_skipped_and_reported() -> None:
    page = parse_listing(body(numberOfHits=2, results=[{"heading": "x"}, {"url": "/a/b/"}]), BASE)
    assert len(page.items) == 1 and page.result_count == 2 and len(page.skipped) == 1


@pytest.mark.parametrize(
    "broken",
    [
        b'{"numberOfHits": 3, "results": [{"url": "/a/b',
        b"<html>error</html>",
        b"[]",
        b'{"numberOfHits": "many", "results": []}',
    ],
)
def test_untrustworthy_listing_raises(broken: bytes) -> None:
    with pytest.raises(ListingError):
        parse_listing(broken, BASE)


def test_fingerprint_ignores_updated_but_not_content() -> None:
    def item(**changes: object):
        raw = {"url": "/x/a/b/", "heading": "H", "businessAreas": ["A"], "updated": "2024-01-01"}
        return parse_listing(body(numberOfHits=1, results=[{**raw, **changes}]), BASE).items[0]

    assert item().fingerprint() == item(updated="2025-01-01").fingerprint()
    assert item().fingerprint() != item(heading="H2").fingerprint()
    assert item().fingerprint() != item(businessAreas=["A", "B"]).fingerprint()


def test_key_is_last_two_segments() -> None:
    assert advert_key("https://h/hitta-lov-uppdrag/annonser/Region-Skane/vardval/") == (
        "region-skane/vardval"
    )
    with pytest.raises(ListingError):
        advert_key("/only-one/")
    assert clean_text(None) == ""
