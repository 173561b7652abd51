"""Notification texts are Swedish and say what changed: reasons translated from the store's
English, change lines that show the differing part, titles in correct singular and plural, and
SKR's kommungrupp names exactly as SKR publishes them."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Lovwatch
from notify_helpers import ADVERTS, Receiver, seed

from lovwatch.constants import LOV_INTRODUCED, PROVIDER_ADDED, PROVIDER_REMOVED, EventKind
from lovwatch.models.store import open_store
from lovwatch.notify.messages import Notice, difference, notice, render, swedish_reason, title_for
from lovwatch.notify.targets import HTML, MARKDOWN, TEXT

DATA = Path(__file__).resolve().parents[1] / "lovwatch" / "data" / "municipalities.csv"
DAY1 = datetime(2026, 3, 1, 6, 0)
DAY2 = DAY1 + timedelta(days=1)

#: SKR's kommungruppsindelning (2017; the 2023 revision keeps the same nine groups and names),
#: as SKR publishes it: "Kommungruppsindelning", skr.se/skr/tjanster/kommunerochregioner/
#: faktakommunerochregioner/kommungruppsindelning.2051.html, and the report "Kommungrupps-
#: indelning 2023" (skr.se, publikationer/kommungruppsindelning2023.67834.html).
SKR_KOMMUNGRUPPER = {
    "A1": "Storstäder",
    "A2": "Pendlingskommun nära storstad",
    "B3": "Större stad",
    "B4": "Pendlingskommun nära större stad",
    "B5": "Lågpendlingskommun nära större stad",
    "C6": "Mindre stad/tätort",
    "C7": "Pendlingskommun nära mindre stad/tätort",
    "C8": "Landsbygdskommun",
    "C9": "Landsbygdskommun med besöksnäring",
}


def test_kommungrupp_names_are_skrs() -> None:
    with DATA.open(encoding="utf-8") as handle:
        shipped = {(r["kommungrupp_code"], r["kommungrupp_name"]) for r in csv.DictReader(handle)}
    assert shipped == set(SKR_KOMMUNGRUPPER.items())


@pytest.mark.parametrize(
    "reason, swedish",
    [
        ("its page answered HTTP 404", "annonssidan svarade HTTP 404"),
        ("its page answered HTTP 410", "annonssidan svarade HTTP 410"),
        (
            "missing from 2 consecutive complete listings",
            "saknades i 2 fullständiga listningar i rad",
        ),
        (
            "missing from 5 consecutive complete listings",
            "saknades i 5 fullständiga listningar i rad",
        ),
        ("something new", "something new"),
    ],
)
def test_ended_reasons_are_swedish(reason: str, swedish: str) -> None:
    assert swedish_reason(reason) == swedish
    event = {
        "kind": "ended",
        "advert_id": "a/b",
        "detected_at": DAY1,
        "details": {"title": "Hemtjänst", "reason": reason},
    }
    for fmt in (TEXT, MARKDOWN, HTML):
        body = render([notice(event, None, None)], fmt, "s").body
        assert f"Orsak: {swedish}" in body


def _notice(kind: str) -> Notice:
    return Notice(
        kind=kind,
        title="T",
        authority="A",
        municipality="",
        county="",
        categories=[],
        url=None,
        detected_at=DAY1,
    )


@pytest.mark.parametrize(
    "kinds, title",
    [
        ([EventKind.NEW], "1 nytt valfrihetssystem"),
        ([EventKind.NEW] * 2, "2 nya valfrihetssystem"),
        ([EventKind.CHANGED], "1 ändrat valfrihetssystem"),
        ([EventKind.CHANGED] * 3, "3 ändrade valfrihetssystem"),
        ([EventKind.ENDED], "1 avslutat valfrihetssystem"),
        ([EventKind.ENDED] * 2, "2 avslutade valfrihetssystem"),
        ([EventKind.REAPPEARED], "1 återpublicerat valfrihetssystem"),
        ([EventKind.REAPPEARED] * 2, "2 återpublicerade valfrihetssystem"),
        ([EventKind.NEW] * 3 + [EventKind.ENDED], "3 nya och 1 avslutat valfrihetssystem"),
        (
            [EventKind.NEW, EventKind.CHANGED, EventKind.ENDED],
            "1 nytt, 1 ändrat och 1 avslutat valfrihetssystem",
        ),
        ([PROVIDER_ADDED], "1 ny utförare"),
        ([PROVIDER_ADDED] * 2, "2 nya utförare"),
        ([PROVIDER_REMOVED] * 2, "2 utförare borttagna"),
        ([LOV_INTRODUCED], "1 kommunalt beslut att införa LOV"),
        ([EventKind.NEW, PROVIDER_ADDED], "1 nytt valfrihetssystem, 1 ny utförare"),
    ],
)
def test_titles_are_correct_swedish(kinds: list[str], title: str) -> None:
    assert title_for([_notice(kind) for kind in kinds]) == title


def test_group_headings_name_the_systems() -> None:
    body = render([_notice(EventKind.NEW), _notice(EventKind.ENDED)], TEXT, "s").body
    assert "Nya valfrihetssystem:" in body and "Avslutade valfrihetssystem:" in body


def _changed(before: dict[str, Any], after: dict[str, Any]) -> str:
    event = {
        "kind": "changed",
        "advert_id": "a/b",
        "detected_at": DAY1,
        "details": {"fields": list(after), "before": before, "after": after},
    }
    return render([notice(event, None, None)], TEXT, "s").body


def test_a_change_line_shows_what_differs() -> None:
    common = (
        "Salems kommun tillämpar LOV för hemtjänst och utförare som uppfyller kraven godkänns. "
    )
    before = common + "Ansökan kan lämnas in till och med 2026-06-30. Frågor till kontaktpersonen."
    after = common + "Ansökan kan lämnas in löpande. Frågor till kontaktpersonen."
    body = _changed({"description": before}, {"description": after})
    (line,) = [line for line in body.splitlines() if "beskrivning:" in line]
    old, new = line.split("beskrivning: ", 1)[1].split(" → ")
    assert "till och med 2026-06-30" in old and "löpande" in new
    assert old != new and old.startswith("…") and new.startswith("…")
    assert "Salems kommun tillämpar" not in line  # the shared beginning is not repeated


def test_short_values_and_lists_are_shown_whole_or_as_additions() -> None:
    body = _changed(
        {"title": "Boendestöd", "listing_areas": ["Hemtjänst", "Avlösning"], "contact": None},
        {
            "title": "Boendestöd enligt SoL",
            "listing_areas": ["Hemtjänst", "Ledsagning"],
            "contact": "Eva",
        },
    )
    assert "rubrik: Boendestöd → Boendestöd enligt SoL" in body
    assert "tjänsteområden: + Ledsagning; − Avlösning" in body
    assert "kontaktperson: (tomt) → Eva" in body


def test_a_change_of_spacing_only_is_named_as_such() -> None:
    body = _changed({"description": "Rad ett.\nRad två."}, {"description": "Rad ett. Rad två."})
    assert "beskrivning: radbrytningar eller mellanrum ändrade" in body


@pytest.mark.parametrize(
    "before, after",
    [
        ("a" * 100, "a" * 100 + "b"),
        ("b" + "a" * 100, "a" * 100),
        ("x" * 300 + "A", "x" * 300 + "B"),
    ],
)
def test_difference_keeps_the_difference(before: str, after: str) -> None:
    old, new = difference(before, after)
    assert old != new
    assert len(old) <= 200 and len(new) <= 200


def test_the_test_message_and_an_ended_advert_through_the_cli(tmp_path: Path) -> None:
    run = Lovwatch(tmp_path / "lovwatch.sqlite")
    run("db", "upgrade", check=True)
    with Receiver() as receiver:
        env = {"LOVWATCH_NOW": DAY1.isoformat()}
        run("subscribe", "add", "s", "--notify", receiver.url(), "--events", "all", env=env)
        run("subscribe", "test", "s", check=True)
        (test,) = receiver.received
        assert "1 nytt valfrihetssystem" in test.message
        ended = {
            **ADVERTS[0],
            "kind": "ended",
            "details": {"title": "X", "reason": "its page answered HTTP 404"},
        }
        seed(open_store(str(run.db)), DAY2, [ended])
        dry = run("notify", "--dry-run", env={"LOVWATCH_NOW": DAY2.isoformat()}, check=True)
        assert "Orsak: annonssidan svarade HTTP 404" in dry.stdout
        assert "its page answered" not in dry.stdout
