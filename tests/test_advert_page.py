"""Advert pages are read by their labels' words whatever the markup (saved pages)."""

from datetime import date
from pathlib import Path

import pytest

from lovwatch.spiders.advert_page import parse_advert_page

FIXTURES = Path(__file__).parent / "fixtures" / "hitta_lov"


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
