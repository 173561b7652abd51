"""Provider pages in the shapes municipal and regional sites build them, one test per shape.

Every page here is written for these tests (a made-up municipality, Bergsjö, and a made-up
region, Norrvik); none is copied from a real page.
"""

from __future__ import annotations

from lovwatch.municipal.findings import PageFindings, findings_from_html

URL = "https://www.bergsjo.se/omsorg/valj-utforare"


def page(body: str, title: str = "Bergsjö kommun", url: str = URL) -> PageFindings:
    return findings_from_html(
        f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>", url
    )


def providers(found: PageFindings) -> list[tuple[str, bool]]:
    return [(provider.name, provider.own_unit) for provider in found.providers]


def test_activities_whose_sections_name_their_provider_by_a_label() -> None:
    found = page(
        "<h1>Daglig verksamhet – valbara utförare</h1>"
        "<h2>Ateljé Färgglad</h2><p>Konst och skapande.</p><p>Utförare: Kreativa Vägar AB</p>"
        "<p>Telefon: 0123-55 66 77</p>"
        "<h2>Gröna Gården</h2><p>Djurskötsel och trädgård.</p><p>Utförare: Bergsjö kommun</p>"
        "<p>Telefon: 0123-10 00 00</p>"
        "<h2>Café Mötet</h2><p>Café och bakning.</p><p>Utförare: Samhall</p>"
        "<p>Telefon: 0123-99 88 77</p>"
    )
    assert providers(found) == [
        ("Kreativa Vägar AB", False),
        ("Bergsjö kommun", True),
        ("Samhall", False),
    ]


def test_a_short_description_under_a_provider_card_is_not_a_provider() -> None:
    found = page(
        "<h1>Välj utförare av hemtjänst</h1>"
        "<p>Bergsjö kommun har LOV i hemtjänsten. Du kan välja någon av dessa utförare:</p>"
        '<div><h3>Attendo Bergsjö</h3><p>Vi erbjuder hemtjänst.</p><a href="https://attendo.se">'
        "attendo.se</a></div>"
        "<div><h3>Hemtjänst i Norr</h3><p>Litet företag med stort hjärta.</p>"
        '<a href="https://hemtjanstinorr.se">hemtjanstinorr.se</a></div>'
    )
    assert providers(found) == [("Attendo Bergsjö", False), ("Hemtjänst i Norr", False)]


def test_the_providers_one_may_choose_among_tell_of_a_system_in_use() -> None:
    found = page(
        "<h1>Utförare inom hemtjänst</h1>"
        "<p>Här hittar du de utförare som du kan välja mellan inom hemtjänsten.</p>"
        '<ul><li><a href="https://omtanke.se">Omtanke Hemtjänst</a></li>'
        '<li><a href="https://vardaga.se">Vardaga</a></li></ul>'
    )
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("hemtjanst",))]
    assert providers(found) == [("Omtanke Hemtjänst", False), ("Vardaga", False)]


def test_companies_approved_to_provide_tell_of_a_system_in_use() -> None:
    found = page(
        "<h1>Utförare i hemtjänsten</h1>"
        "<p>Följande företag är godkända att utföra hemtjänst i Bergsjö kommun:</p>"
        "<ul><li>Omtanke Hemtjänst AB – hela kommunen</li><li>Solrosens Omsorg HB</li></ul>"
    )
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("hemtjanst",))]
    assert providers(found) == [("Omtanke Hemtjänst AB", False), ("Solrosens Omsorg HB", False)]


def test_a_regions_private_health_centres_under_their_heading() -> None:
    found = page(
        "<h1>Vårdcentraler i Hälsoval Norrvik</h1>"
        "<p>I Hälsoval Norrvik kan du välja vilken vårdcentral du vill vara listad på.</p>"
        "<h2>Privata vårdcentraler</h2>"
        "<ul><li>Capio Vårdcentral Åsen</li><li>Läkarhuset Byholm</li></ul>"
        "<h2>Regionens vårdcentraler</h2>"
        "<ul><li>Vårdcentralen Centrum</li><li>Vårdcentralen Norr</li></ul>",
        url="https://www.regionnorrvik.se/vard/vardcentraler",
    )
    assert providers(found) == [("Capio Vårdcentral Åsen", False), ("Läkarhuset Byholm", False)]


def test_a_table_of_clinics_names_their_providers_in_its_own_column() -> None:
    found = page(
        "<h1>Mottagningar i vårdval fysioterapi</h1>"
        "<table><tr><th>Mottagning</th><th>Vårdgivare</th><th>Ort</th></tr>"
        "<tr><td>Fysiocenter Åsen</td><td>Rörelse i Norr AB</td><td>Åsen</td></tr>"
        "<tr><td>Rehabmottagningen Byholm</td><td>Region Norrvik</td><td>Byholm</td></tr>"
        "</table>",
        url="https://www.regionnorrvik.se/vard/vardval/fysioterapi",
    )
    assert providers(found) == [("Rörelse i Norr AB", False), ("Region Norrvik", True)]


def test_approved_care_providers_listed_with_where_they_work() -> None:
    found = page(
        "<h1>Godkända vårdgivare i vårdval hörsel</h1>"
        "<ul><li>Audika, Åsen</li><li>Hörselkliniken Norr AB, Byholm</li>"
        "<li>Hörselmottagningen, Lunda (egen regi)</li></ul>",
        url="https://www.regionnorrvik.se/vard/vardval/horsel",
    )
    assert providers(found) == [
        ("Audika", False),
        ("Hörselkliniken Norr AB", False),
        ("Hörselmottagningen", True),
    ]


def test_paragraphs_under_a_provider_heading_that_open_with_the_providers_name() -> None:
    found = page(
        "<h1>Hemtjänst</h1><p>I Bergsjö kan du välja utförare av hemtjänst enligt LOV.</p>"
        "<h2>Privata utförare</h2>"
        "<p>Omtanke Hemtjänst erbjuder hemtjänst i hela kommunen. Läs mer på omtanke.se.</p>"
        "<p>Vardaga har personal som talar finska och arabiska.</p>"
        "<p>Vi rekommenderar att du jämför utförarna innan du väljer.</p>"
        "<h2>Kommunens hemtjänst</h2><p>Kommunens hemtjänst finns i fyra områden.</p>"
    )
    assert providers(found) == [("Omtanke Hemtjänst", False), ("Vardaga", False)]


def test_the_fields_of_a_provider_card_are_not_providers() -> None:
    found = page(
        "<h1>Jämför utförare inom hemtjänst</h1>"
        "<div><h2>Omtanke Hemtjänst</h2><p>Språk: svenska, engelska</p>"
        "<p>Kollektivavtal: Ja</p><p>Telefon: 0123-11 11 11</p></div>"
        "<div><h2>Solrosens Omsorg</h2><p>Språk: svenska, finska</p>"
        "<p>Kollektivavtal: Nej</p><p>Telefon: 0123-22 22 22</p></div>"
    )
    assert providers(found) == [("Omtanke Hemtjänst", False), ("Solrosens Omsorg", False)]
