"""Advert pages are read by their labels' words whatever the markup (saved pages)."""

from datetime import date
from pathlib import Path

import pytest

from lovwatch.spiders.advert_page import (
    COVERAGE_FIELDS,
    LabelCensus,
    label_census,
    parse_advert_page,
)

FIXTURES = Path(__file__).parent / "fixtures" / "hitta_lov"
VOCABULARY_PAGES = Path(__file__).parent / "fixtures" / "vocabulary" / "pages"


def page(
    name: str, url: str = "https://www.upphandlingsmyndigheten.se/hitta-lov-uppdrag/annonser/x/y/"
):
    return parse_advert_page((FIXTURES / name).read_text(encoding="utf-8"), url)


def test_definition_list_layout() -> None:
    advert = page("dl_layout.html")
    assert advert.title == "Valfrihetssystem inom hemtjänst"
    assert advert.authority == "Salems kommun"
    assert advert.service_areas == ["Hemtjänst – service", "Hemtjänst – omvårdnad"]
    assert advert.published == date(2011, 3, 1)
    assert advert.updated == date(2024, 5, 14)
    assert "anna.andersson@salem.se" in (advert.contact or "")
    assert advert.description.startswith("Salems kommun tillämpar lagen")
    urls = [doc["url"] for doc in advert.documents]
    assert urls == [
        "https://www.salem.se/download/18.1/forfragningsunderlag-hemtjanst.pdf",
        "https://www.upphandlingsmyndigheten.se/globalassets/ansokningsformular.docx",
    ]
    # Site navigation and footer are not the advert's text.
    assert "Startsida" not in advert.text and "Om oss" not in advert.text


def test_strong_and_text_layout() -> None:
    advert = page("strong_layout.html")
    assert advert.authority == "Sociala resursnämnden, Göteborgs Stad"
    assert advert.service_areas == ["Ledsagarservice", "Avlösarservice"]
    assert advert.published == date(2017, 5, 16)
    assert advert.updated == date(2018, 2, 22)
    assert advert.contact == "Per Persson, 031-365 00 00"
    assert advert.description.startswith("Göteborgs Stad inbjuder")
    labels = {doc["url"] for doc in advert.documents}
    assert "https://goteborg.se/lov/underlag.pdf" in labels
    assert any("e-avrop" in url for url in labels)
    assert not any(url.startswith("mailto:") for url in labels)


def test_table_layout_with_timestamp_and_document_row() -> None:
    advert = page("table_layout.html")
    assert advert.authority == "Region Jämtland Härjedalen"
    assert advert.service_areas == ["Medicinsk fotvård"]
    assert advert.updated == date(2023, 12, 1)
    assert advert.documents[0]["url"] == "https://www.regionjh.se/vardval/fotvard"
    assert advert.description.startswith("Regionen inför vårdval")


def test_label_value_spans_and_inline_pairs() -> None:
    advert = page("spans_layout.html")
    assert advert.authority == "Malung-Sälens kommun"
    assert advert.service_areas == ["Daglig verksamhet (LSS)"]
    assert advert.published == date(2015, 6, 1)
    assert advert.contact == "Eva Ek, 0280-181 00"
    assert set(advert.found) >= {"authority", "areas", "published", "updated", "contact"}


@pytest.mark.parametrize("html", ["", "<html><body><p>Sidan finns inte</p></body></html>"])
def test_unfamiliar_page_yields_empty_fields_not_errors(html: str) -> None:
    advert = parse_advert_page(html or "<html></html>")
    assert advert.authority is None and advert.service_areas == []


def test_value_on_the_line_after_a_bold_label() -> None:
    advert = page("strong_br_layout.html")
    assert advert.authority == "Gävle kommun"
    assert advert.service_areas == ["Hemtjänst"]
    assert advert.contact == "Lena Nilsson, lena.nilsson@gavle.se"
    assert advert.published == date(2025, 11, 3)


def test_a_description_section_stops_at_the_next_labelled_heading() -> None:
    advert = page("sections_layout.html")
    # The date under "Senast uppdaterad" must not become part of the description, or a moved
    # date would look like a content change.
    assert advert.description == "Region Halland inför vårdval för ögonsjukvård."
    assert advert.authority == "Region Halland"
    assert advert.service_areas == ["Ögonsjukvård"]
    assert advert.updated == date(2025, 4, 22)


# --- more layouts, one-node dates, label census, coverage --------------------------------


def vocabulary_page(name: str):
    return parse_advert_page((VOCABULARY_PAGES / name).read_text(encoding="utf-8"))


def test_dates_written_with_their_label_in_one_text() -> None:
    advert = vocabulary_page("inline_dates.html")
    assert advert.published == date(2025, 3, 3)  # "Publicerad 3 mars 2025"
    assert advert.updated == date(2025, 3, 4)  # "<span>Senast uppdaterad 2025-03-04</span>"
    assert advert.authority == "Skärholmens stadsdelsförvaltning"  # "Kommun/landsting"
    assert advert.service_areas == ["Hemtjänst – service", "Hemtjänst – omvårdnad"]  # "Område"
    assert advert.contact == "Karin Berg, 08-508 00 000"


def test_two_dates_in_one_line_and_a_table_of_facts() -> None:
    advert = vocabulary_page("one_line_meta_table.html")
    # "Publicerad 12 januari 2024 · Uppdaterad <time>2 februari 2025</time>"
    assert (advert.published, advert.updated) == (date(2024, 1, 12), date(2025, 2, 2))
    assert advert.authority == "Stadsdelsnämnd Västra Hisingen"  # "Beställare"
    assert advert.service_areas == ["Tjänster för dagcenter"]  # "Verksamhetsområde"
    assert advert.contact == "Ola Lind, ola.lind@example.org"  # "Kontaktinformation"


def test_cpv_codes_are_read_and_stand_in_for_missing_areas() -> None:
    advert = vocabulary_page("cpv_layout.html")
    assert advert.authority == "Socialförvaltningen, Uppsala kommun"  # "Organisation"
    assert advert.cpv_codes == ["85311200", "85312400"]
    assert advert.service_areas == [
        "85311200-4 Social omsorg för personer med funktionsnedsättning",
        "85312400-3 Välfärdstjänster utanför institution",
    ]
    assert advert.published == date(2019, 10, 1) and advert.updated is None
    assert advert.contact == "Sara Ek, 018-727 00 00"  # "Handläggare"


def test_card_headings_and_dates_with_den() -> None:
    advert = vocabulary_page("cards_layout.html")
    assert advert.authority == "Hälso- och sjukvårdsförvaltningen, Region Stockholm"  # Annonsör
    assert advert.service_areas == ["Ögonsjukvård", "Kataraktoperationer"]  # "Kategori"
    assert advert.published == date(2023, 5, 5)  # "Publicerad den 5 maj 2023"
    assert advert.updated == date(2024, 11, 14)  # "Senast ändrad den 14 november 2024"
    # A sentence that merely mentions publishing is no date label.
    assert "publicerades" not in " ".join(advert.labels_known).lower()


@pytest.mark.parametrize(
    ("name", "unknown"),
    [
        ("inline_dates.html", ["Referensnummer", "Diarienummer", "Avtalstid"]),
        ("one_line_meta_table.html", ["Sista ansökningsdag"]),
        ("cpv_layout.html", ["Upphandlingsform"]),
        ("cards_layout.html", []),
    ],
)
def test_label_census_names_labels_never_seen_before(name: str, unknown: list[str]) -> None:
    html = (VOCABULARY_PAGES / name).read_text(encoding="utf-8")
    census = label_census(html)
    assert isinstance(census, LabelCensus)
    assert list(census.unknown) == unknown
    assert census.known and not set(census.known) & set(census.unknown)
    advert = parse_advert_page(html)
    assert (advert.labels_known, advert.labels_unknown) == (
        list(census.known),
        list(census.unknown),
    )


def test_census_of_the_known_layouts_has_no_false_unknowns() -> None:
    for path in sorted(FIXTURES.glob("*.html")):
        census = label_census(path.read_text(encoding="utf-8"))
        assert census.unknown == (), path.name
        assert "Publicerad" in census.known or "Senast uppdaterad" in census.known, path.name


def test_census_is_pure_and_tolerates_empty_pages() -> None:
    assert label_census("") == LabelCensus((), ())
    assert label_census("<html><body><p>Sidan finns inte</p></body></html>") == LabelCensus((), ())
    html = (VOCABULARY_PAGES / "inline_dates.html").read_text(encoding="utf-8")
    assert label_census(html) == label_census(html.encode("utf-8"))


def test_coverage_says_which_fields_a_page_gave() -> None:
    full = vocabulary_page("one_line_meta_table.html")
    assert full.coverage == dict.fromkeys(COVERAGE_FIELDS, True)
    partial = page("sections_layout.html")
    assert partial.coverage == {
        "authority": True,
        "areas": True,
        "published": False,
        "updated": True,
        "contact": False,
    }
    empty = parse_advert_page("<html><body><p>Sidan finns inte</p></body></html>")
    assert empty.coverage == dict.fromkeys(COVERAGE_FIELDS, False)
