"""Pages in English: a choice in use is read, a decision never is.

Every text here is written for these tests (a made-up municipality, Bergsjö, and a made-up
region, Norrvik); none is copied from a real page.
"""

from __future__ import annotations

import pytest

from lovwatch.municipal.blocks import page_from_text
from lovwatch.municipal.english import english_categories, in_english
from lovwatch.municipal.findings import findings_from_text

URL = "https://www.bergsjo.se/other-languages/english/home-care"
REGION_URL = "https://www.regionnorrvik.se/en/health-care"

HOME_CARE = """Elderly care in Bergsjö

Elderly care is for people aged 65 and over who need help and support in their daily lives.

Help at home

Once your needs have been assessed, you can choose the provider you wish to use. There are
municipal and private providers to choose between.

Home care services

Home care services (hemtjänst) can help you with cleaning, shopping and personal care.

Day centres

At a day centre you can meet others and take part in activities.
"""

HEALTH_CHOICE = """Health Choice Norrvik

You are free to choose your healthcare centre. You register at a healthcare centre by
logging in with e-identification or by filling in a form, and you can change it twice a year.
If you do not choose a healthcare centre, you will be registered at the one nearest to your
home.
"""


def statements(text: str, url: str = URL) -> list[tuple[str, tuple[str, ...]]]:
    return [(str(s.kind), s.categories) for s in findings_from_text(text, url).statements]


def test_a_page_in_english_is_told_from_a_swedish_one() -> None:
    assert in_english(page_from_text(HOME_CARE, URL))
    swedish = (
        "Du som har beviljats hemtjänst kan välja mellan kommunens egen hemtjänst och de "
        "privata utförare som kommunen har godkänt enligt lagen om valfrihetssystem. Det är "
        "du som bestämmer vem som ska utföra din hemtjänst och du kan byta när du vill. "
        "Read this page in English."
    )
    assert not in_english(page_from_text(swedish, URL))


def test_a_choice_of_provider_is_active_with_the_services_the_page_names() -> None:
    assert statements(HOME_CARE) == [("active", ("dagverksamhet_aldre", "hemtjanst"))]


def test_a_choice_of_healthcare_centre_is_primary_care() -> None:
    assert statements(HEALTH_CHOICE, REGION_URL) == [("active", ("primarvard",))]


def test_child_health_centres_are_not_adult_primary_care() -> None:
    assert english_categories("You can choose among child health centres.") == ("barnhalsovard",)
    assert english_categories("You can choose among care units and child health centres.") == (
        "barnhalsovard",
        "primarvard",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Do I have to choose a provider of home care services?",
        "If you do not choose a provider, the municipality's own home care helps you.",
        "You can choose the time of day for your home care visit.",
        "Freedom of choice is one of the values of elderly care in Bergsjö.",
    ],
)
def test_no_choice_of_provider_is_no_statement(sentence: str) -> None:
    text = f"Home care in Bergsjö\n\n{sentence} {HOME_CARE.split('Home care services')[1]}"
    assert statements(text) == []


def test_a_choice_of_provider_denied_is_no_system_as_on_swedish_pages() -> None:
    text = f"Home care in Bergsjö\n\nYou cannot choose the provider of your home care. {HOME_CARE}"
    assert ("not_introduce", ("hemtjanst",)) in statements(text)


def test_the_law_applied_and_providers_counted() -> None:
    text = (
        "Home care in Bergsjö\n\nThe municipality applies the Act on System of Choice in the "
        "Public Sector (LOV) for home care. There are currently eight approved home care "
        "providers to choose from, and you can change provider at any time. Contact the needs "
        "assessor if you want help with your choice of provider."
    )
    found = findings_from_text(text, URL)
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("hemtjanst",))]
    assert [(c.private, c.source) for c in found.counts] == [(8, "stated")]


def test_an_english_page_never_raises_an_event() -> None:
    text = (
        "Home care in Bergsjö\n\nThe municipal council decided to introduce freedom of choice "
        "in home care from 1 March 2027. From that day you can choose the provider of your home "
        "care services among the companies the municipality has approved."
    )
    found = findings_from_text(text, URL)
    assert [str(s.kind) for s in found.statements] == ["active"]
    assert found.decisions == []


def test_private_units_counted_among_all_and_a_system_told_as_introduced() -> None:
    text = (
        "# Health care in the region\n"
        "There are many ways to get care in the region. In 2007 Vårdval Halland was introduced, "
        "and you are registered at a health centre.\n"
        "  • 32 healthcare centers of which 11 are private\n"
    )
    found = findings_from_text(text, "https://www.regionhalland.se/en/")
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("primarvard",))]
    assert [(c.private, c.categories) for c in found.counts] == [(11, ("primarvard",))]


LEAD = (
    "Home care in Bergsjö\n\nThis page is for residents who do not read Swedish. It tells you "
    "about the help you can get at home and the choices you have.\n\n"
)


def test_a_choice_told_after_a_condition() -> None:
    found = findings_from_text(
        LEAD + "If you have been granted home care, you can choose which company will "
        "provide it.\n",
        URL,
    )
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("hemtjanst",))]


def test_the_municipality_as_the_only_provider() -> None:
    found = findings_from_text(LEAD + "The municipality is the only provider of home care.\n", URL)
    assert [(str(s.kind), s.categories) for s in found.statements] == [
        ("not_introduce", ("hemtjanst",))
    ]
    assert [(c.private, c.own_units) for c in found.counts] == [(0, 1)]


def test_units_that_are_part_of_the_regions_choice_system() -> None:
    found = findings_from_text(
        "Health care in Norrvik\n\nThis page is for residents who do not read Swedish and "
        "tells you how to find care.\n\nAll health centres, both private and public, are part "
        "of the region's choice system.\n",
        REGION_URL,
    )
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("primarvard",))]
