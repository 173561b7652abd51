"""Extraction from municipal pages: saved pages (the shared seeds and pages written from real
municipal phrasing) through the pure functions, no network, no database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lovwatch.municipal.blocks import page_from_html
from lovwatch.municipal.findings import (
    PageFindings,
    findings_from_html,
    findings_from_text,
    needs_browser,
)
from lovwatch.municipal.statements import StatementKind, classify
from lovwatch.municipal.vocabulary import categories_in, find_dates, fold_words

FIXTURES = Path(__file__).parent / "fixtures" / "municipal"


def read(name: str) -> PageFindings:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    url = f"https://www.example-kommun.se/{name}"
    return (
        findings_from_html(text, url) if name.endswith(".html") else findings_from_text(text, url)
    )


def statement(findings: PageFindings, kind: StatementKind, category: str):  # noqa: ANN201
    matches = [s for s in findings.statements if s.kind is kind and category in s.categories]
    assert matches, f"no {kind} statement about {category}: {findings.statements}"
    return matches[0]


def test_skurup_introduces_lov_in_familjeradgivning_from_the_start_date() -> None:
    found = read("seed-skurup-familjeradgivning.txt")
    introduce = statement(found, StatementKind.INTRODUCE, "familjeradgivning")
    # Registration opens 20 March 2024; the service starts 1 November 2024.
    assert introduce.date == date(2024, 11, 1)
    assert "med start 1 november 2024" in introduce.quote
    # The sentence about all municipalities' adverts in Hitta LOV-uppdrag is not Skurup's LOV.
    assert not [s for s in found.statements if "gemensamma databasen" in s.quote]


def test_krokom_renews_hemtjanst_and_has_had_lov_since_autumn_2010() -> None:
    found = read("seed-krokom-fornyar-hemtjanst.txt")
    renewed = statement(found, StatementKind.RENEWED, "hemtjanst")
    assert renewed.date == date(2017, 5, 15)  # "från mitten av maj 2017"
    since = statement(found, StatementKind.ACTIVE, "hemtjanst")
    assert since.date == date(2010, 9, 1) and "hösten 2010" in since.quote
    assert not [s for s in found.statements if s.kind is StatementKind.END]
    stated = [c for c in found.counts if c.source == "stated"]
    assert [(c.categories, c.private, c.own_units) for c in stated] == [(("hemtjanst",), 4, 1)]


def test_nacka_table_gives_lov_years_and_provider_counts_per_category() -> None:
    found = read("seed-nacka-kundval.txt")
    since = {
        code: s.date
        for s in found.statements
        if s.kind is StatementKind.ACTIVE
        for code in s.categories
    }
    assert since["hemtjanst"] == date(2009, 1, 1)
    assert since["familjeradgivning"] == date(2010, 1, 1)
    assert since["daglig_verksamhet_lss"] == date(2012, 1, 1)
    # Foot care checks ended in 2005, before LOV: not a LOV category of Nacka's.
    assert "medicinsk_fotvard" not in since
    # "Matdistribution (3)" counts municipalities nationally: not Nacka's.
    assert "matdistribution" not in since
    counts = {c.categories: (c.private, c.own_units) for c in found.counts}
    assert counts[("hemtjanst", "ledsagning", "avlosning")] == (54, 1)
    assert counts[("familjeradgivning",)] == (28, 1)


def test_citizen_page_lists_providers_with_org_numbers_and_the_own_unit() -> None:
    found = read("valj-utforare-hemtjanst.html")
    names = {p.name: p for p in found.providers}
    assert set(names) == {
        "Attendo Sverige AB",
        "Hemtjänstteamet i Åsele HB",
        "Nordic Omsorg & Service AB",
        "Kommunens hemtjänst",
    }
    assert names["Attendo Sverige AB"].org_number == "556548-6627"
    # 969784-1234 fails the organisation number check: not an org number, not an identity.
    assert names["Hemtjänstteamet i Åsele HB"].org_number is None
    assert names["Hemtjänstteamet i Åsele HB"].key == "hemtjanstteamet i asele hb"
    assert names["Kommunens hemtjänst"].own_unit
    assert not names["Attendo Sverige AB"].own_unit
    assert all(p.categories == ("hemtjanst",) for p in found.providers)
    listed = [c for c in found.counts if c.source == "listed"]
    assert [(c.private, c.own_units) for c in listed] == [(3, 1)]
    since = statement(found, StatementKind.ACTIVE, "hemtjanst")
    assert since.date == date(2007, 10, 1)
    kinds = {link["kind"]: link for link in found.links}
    assert kinds["advert"]["advert_id"] == "asele-kommun/hemtjanst"
    assert kinds["underlag"]["url"].endswith("Forfragningsunderlag-hemtjanst-2024.pdf")


def test_navigation_noise_and_server_artefacts_stay_out_of_the_text() -> None:
    found = read("valj-utforare-hemtjanst.html")
    assert "Barn och utbildning" not in found.text
    assert "Lättläst" not in found.text and "Om cookies" not in found.text
    assert "org.mozilla" not in found.text
    assert "Organisationsnummer: 212000-2528" not in found.text  # the footer's own number
    assert found.text.startswith("Välj utförare av hemtjänst")


def test_provider_table_with_sub_areas_keeps_every_row_and_marks_egen_regi() -> None:
    found = read("godkanda-utforare-tabell.html")
    by_org = {p.org_number: p for p in found.providers}
    assert set(by_org) == {"559012-3450", "212000-0241", "769600-1127"}
    assert by_org["212000-0241"].own_unit
    assert by_org["769600-1127"].name == "Vårdkraft Norduppland Ekonomisk förening"
    # The "Ickevalsalternativ" section after the list is not a provider.
    assert not [p for p in found.providers if "ickeval" in p.name.lower()]


def test_news_of_new_companies_and_stated_count() -> None:
    found = read("nyhet-nya-hemtjanstforetag.txt")
    assert [p.name for p in found.providers] == [
        "Omtanke Hemtjänst AB",
        "Lugn & Ro Hemservice HB",
        "Trygga Händer i Norr AB",
    ]
    assert all(p.categories == ("hemtjanst",) for p in found.providers)
    stated = [c for c in found.counts if c.source == "stated"]
    assert [(c.private, c.own_units) for c in stated] == [(7, 1)]


def test_decision_to_end_with_its_date_and_categories_while_hemtjanst_continues() -> None:
    found = read("nyhet-avvecklar-lov.html")
    end = statement(found, StatementKind.END, "ledsagning")
    assert set(end.categories) == {"ledsagning", "avlosning"}
    assert end.date == date(2018, 2, 22)
    kept = statement(found, StatementKind.ACTIVE, "hemtjanst")
    assert "ska inte avvecklas" in kept.quote
    assert not [
        s for s in found.statements if s.kind is StatementKind.END and "hemtjanst" in s.categories
    ]


def test_decision_not_to_introduce_takes_the_minutes_date() -> None:
    found = read("protokoll-inte-infora-lov.txt")
    decision = statement(found, StatementKind.NOT_INTRODUCE, "daglig_verksamhet_lss")
    assert decision.date == date(2023, 5, 16)
    # "Utredning om införande av LOV" is an inquiry, not an introduction.
    assert not [s for s in found.statements if s.kind is StatementKind.INTRODUCE]


def test_business_page_names_categories_and_links_advert_and_underlag() -> None:
    found = read("bli-utforare-lov.html")
    active = [s for s in found.statements if s.kind is StatementKind.ACTIVE and s.categories]
    assert set(active[0].categories) == {"hemtjanst", "boendestod", "daglig_verksamhet_lss"}
    assert {link["kind"] for link in found.links} == {"advert", "underlag"}
    assert not found.providers


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Kommunfullmäktige beslutade att införa LOV inom hemtjänsten från 1 januari 2025.",
            StatementKind.INTRODUCE,
        ),
        ("Valfrihetssystemet inom städ och tvätt upphör 2022-12-31.", StatementKind.END),
        (
            "Vi har LOV inom hemtjänsten sedan februari 2010, tillsammans med Ulricehamn.",
            StatementKind.ACTIVE,
        ),
        (
            "Nämnden beslutade att inte införa kundval inom särskilt boende.",
            StatementKind.NOT_INTRODUCE,
        ),
        (
            "Socialnämnden har fastställt ett reviderat förfrågningsunderlag för boendestöd.",
            StatementKind.RENEWED,
        ),
        ("Kommunen har 13 förskolor och fyra skolor.", None),
    ],
)
def test_classify_sentences(sentence: str, kind: StatementKind | None) -> None:
    assert classify(sentence) is kind


def test_swedish_dates_and_compound_categories() -> None:
    dates = [
        f.value
        for f in find_dates(
            fold_words("den 22/2/2018, 16 maj 2017, 2024-11-01 och sedan oktober 2007")
        )
    ]
    assert dates == [date(2018, 2, 22), date(2017, 5, 16), date(2024, 11, 1), date(2007, 10, 1)]
    assert categories_in("Tre nya hemtjänstföretag") == ("hemtjanst",)
    assert categories_in("Ledsagar- och avlösarservice") == ("ledsagning", "avlosning")


def test_script_injected_provider_list_needs_the_browser_and_plain_pages_do_not() -> None:
    scripted = (
        "<html><body><main><h1>Jämför utförare</h1>"
        "<div id='utforare-lista'></div></main><script src='/app.js'></script>"
        "</body></html>"
    )
    assert needs_browser(scripted)
    assert not needs_browser((FIXTURES / "valj-utforare-hemtjanst.html").read_text())
    rendered = scripted.replace(
        "<div id='utforare-lista'></div>",
        "<div id='utforare-lista'><h2>Godkända utförare</h2><ul><li>Omsorg Nord AB</li></ul></div>",
    )
    assert [p.name for p in findings_from_html(rendered, "https://x.se/").providers] == [
        "Omsorg Nord AB"
    ]
    assert page_from_html(scripted, "https://x.se/").text == "Jämför utförare"


def test_a_paragraph_between_the_heading_and_the_list_only_introduces_it() -> None:
    html = """<html><body><main><h1>Hemtjänst</h1>
<h2>Godkända utförare inom hemtjänst</h2>
<p>Klicka på ett företag för att läsa mer om det.</p>
<ul><li>Omsorgshuset i Norr AB</li><li>Linnea ekonomisk förening</li>
<li>Solgläntans hemtjänst</li></ul>
<h2>Kontakt</h2><p>Ring biståndshandläggaren.</p>
<ul><li>Telefon 0640-161 00</li></ul></main></body></html>"""
    found = findings_from_html(html, "https://www.bergsjo.se/hemtjanst/valj-utforare.html")
    assert [p.name for p in found.providers] == [
        "Omsorgshuset i Norr AB",
        "Linnea ekonomisk förening",
        "Solgläntans hemtjänst",
    ]
