"""Pure parts of the web package: filters as typed, the word diff, the SVG charts and the Atom
document, without a server or a store."""

from __future__ import annotations

from datetime import date, datetime
from xml.etree import ElementTree as ET

import pytest

from lovwatch.web import charts
from lovwatch.web.diff import changes, word_diff
from lovwatch.web.feed import atom_feed, event_tag
from lovwatch.web.filters import AdvertFilter, FilterError, parse_filter, parse_kinds
from lovwatch.web.labels import safe_url

SVG = "{http://www.w3.org/2000/svg}"


def test_filters_take_codes_and_names_like_the_cli() -> None:
    typed = parse_filter(
        {
            "category": ["Hemtjänst", "ledsagning,"],
            "county": ["Stockholms län", "01"],
            "municipality": ["nacka"],
            "kommungrupp": ["storstäder"],
            "keyword": [" familj ", ""],
            "status": ["ALL"],
            "since": ["2025-03-01"],
        }
    )
    assert typed.categories == ("hemtjanst", "ledsagning")
    assert typed.counties == ("01",)  # the same county typed twice counts once
    assert typed.municipalities == ("0182",)
    assert typed.kommungrupper == ("A1",)
    assert typed.keywords == ("familj",)
    assert typed.status == "all" and typed.since == date(2025, 3, 1)
    assert typed.query_string() == (
        "category=hemtjanst&category=ledsagning&county=01&municipality=0182&kommungrupp=A1"
        "&keyword=familj&status=all&since=2025-03-01"
    )
    assert parse_filter({}) == AdvertFilter() and parse_filter({}).is_empty


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"county": ["Atlantis"]}, "Okänt län ”Atlantis”"),
        ({"category": ["flygplan"]}, "Okänd kategori ”flygplan”"),
        ({"municipality": ["Narnia"]}, "Okänd kommun ”Narnia”"),
        ({"kommungrupp": ["Z9"]}, "Okänd kommungrupp ”Z9”"),
        ({"status": ["gone"]}, "Okänd status ”gone”"),
        ({"since": ["förra året"]}, "är inget datum"),
    ],
)
def test_a_filter_that_means_nothing_says_so_in_swedish(params, message) -> None:
    with pytest.raises(FilterError, match=message):
        parse_filter(params)


def test_event_kinds_are_checked() -> None:
    assert parse_kinds(["new,ended"]) == ["new", "ended"]
    with pytest.raises(FilterError, match="händelsetyp"):
        parse_kinds(["exploded"])


def test_word_diff_reads_as_the_new_text_with_marks() -> None:
    segments = word_diff("Kundval hemtjänst i Salem", "Kundval hemtjänst och ledsagning i Salem")
    assert "".join(s.text for s in segments if s.op != "removed") == (
        "Kundval hemtjänst och ledsagning i Salem"
    )
    assert [s.text for s in segments if s.op == "added"] == ["och ledsagning "]
    assert not [s for s in segments if s.op == "removed"]
    found = changes(
        {
            "fields": ["title", "documents"],
            "before": {"title": "A", "documents": [{"label": "Underlag", "url": "/a.pdf"}]},
            "after": {"title": "B", "documents": []},
        }
    )
    assert [(c.label, c.before, c.after) for c in found] == [
        ("Rubrik", "A", "B"),
        ("Förfrågningsunderlag", "Underlag /a.pdf", ""),
    ]


def test_only_web_links_become_links() -> None:
    assert safe_url("https://www.salem.se/lov") == "https://www.salem.se/lov"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None and safe_url(None) is None


def test_charts_are_accessible_well_formed_svg() -> None:
    bars = ET.fromstring(str(charts.bar_chart([("Hemtjänst", 20), ("<b>", 3)], "T", "D")))
    assert bars.get("role") == "img" and bars.get("aria-labelledby")
    assert bars.find(f"{SVG}title").text == "T"
    assert [t.text for t in bars.iter(f"{SVG}text")] == ["Hemtjänst", "20", "<b>", "3"]
    months = ("2025-01", "2025-02", "2025-03", "2025-04")
    # The first two before the first crawl (or begun before it), the last two seen whole.
    partial = (True, True, False, False)
    line = charts.line_chart(
        [
            charts.Series("Alla", tuple(zip(months, (3, 5, 6, 6), partial, strict=True))),
            charts.Series("Hemtjänst", tuple(zip(months, (1, 2, 2, 3), partial, strict=True))),
        ],
        "Kommuner över tid",
        "D",
        "Antal kommuner",
    )
    root = ET.fromstring(str(line))
    polylines = list(root.iter(f"{SVG}polyline"))
    assert len(polylines) == 4  # per series: dashed partial stretch, solid observed stretch
    dashed = [p.get("points", "").split() for p in polylines if p.get("stroke-dasharray")]
    assert len(dashed) == 2 and all(len(points) == 3 for points in dashed)
    # A period still running at the end is dashed too, with a hollow marker, never solid.
    running = ET.fromstring(
        str(
            charts.line_chart(
                [
                    charts.Series(
                        "Alla", (("2024", 5, False), ("2025", 6, False), ("2026", 6, True))
                    )
                ],
                "Kommuner per år",
                "D",
                "y",
            )
        )
    )
    styles = [bool(p.get("stroke-dasharray")) for p in running.iter(f"{SVG}polyline")]
    assert styles == [False, True]
    assert [c.get("fill") for c in running.iter(f"{SVG}circle")][-1] == "#fff"
    assert "style" not in str(line)  # the site's CSP allows no inline styles
    assert ET.fromstring(str(charts.line_chart([], "tom", "D", "y"))) is not None


def test_the_atom_document_has_stable_entry_ids() -> None:
    events = [
        {
            "id": 7,
            "kind": "ended",
            "advert_id": "salems-kommun/hemtjanst",
            "detected_at": datetime(2025, 3, 5, 6, 0),
            "details": {"reason": "its page answered HTTP 404"},
            "title": "Kundval hemtjänst",
        }
    ]
    adverts = {
        "salems-kommun/hemtjanst": {
            "title": "Kundval hemtjänst",
            "authority": "Salems kommun",
            "municipality_code": "0128",
            "county_code": "01",
            "categories": [{"code": "hemtjanst", "label": "Hemtjänst", "group": "aldreomsorg"}],
        }
    }
    text = atom_feed(
        events,
        adverts,
        parse_filter({"county": ["01"]}),
        self_url="https://example.org/feed.atom?county=01",
        link_for=lambda event, advert: "https://example.org/annonser/" + event["advert_id"],
        generated=datetime(2025, 3, 6),
    )
    root = ET.fromstring(text)
    atom = "{http://www.w3.org/2005/Atom}"
    entry = root.find(f"{atom}entry")
    assert entry is not None
    assert entry.findtext(f"{atom}id") == event_tag(7) == "tag:lovwatch,2026:event/7"
    assert entry.findtext(f"{atom}updated") == "2025-03-05T06:00:00Z"
    assert entry.findtext(f"{atom}title") == "Avslutat valfrihetssystem: Kundval hemtjänst"
    assert "Salems kommun (Salem)" in (entry.findtext(f"{atom}summary") or "")
    assert root.findtext(f"{atom}title") == "LOV-bevakning: Stockholms län"
    assert root.findtext(f"{atom}id") == "tag:lovwatch,2026:feed?county=01"
