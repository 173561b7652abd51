"""Rules for the way news items and decisions word LOV, one test per rule.

Every sentence here is written for these tests (a made-up municipality, Bergsjö, and a made-up
region, Norrvik), in the failure classes that held-out real pages showed; none is copied from
a real page.
"""

from __future__ import annotations

from datetime import date

import pytest

from lovwatch.municipal.counts import count_in_sentence
from lovwatch.municipal.findings import PageFindings, findings_from_text
from lovwatch.municipal.vocabulary import fold_words

NEWS_URL = "https://www.bergsjo.se/nyheter"
REGION_URL = "https://www.regionnorrvik.se/vard/vardval"


def news(text: str, url: str = NEWS_URL) -> PageFindings:
    return findings_from_text(f"# Nyheter\n{text}\n", url)


def provider_names(found: PageFindings) -> list[str]:
    return [provider.name for provider in found.providers]


@pytest.mark.parametrize(
    "sentence",
    [
        "På onsdagskvällen röstade kommunfullmäktige ja till socialnämndens förslag om att "
        "införa LOV i hemtjänsten.",
        "Fullmäktige sa ja till förslaget att införa LOV i hemtjänsten.",
        "Kommunfullmäktige antog förslaget om att införa LOV i hemtjänsten.",
        "Fullmäktige klubbade igenom förslaget att införa valfrihet i hemtjänsten.",
    ],
)
def test_a_proposal_voted_through_is_a_decision(sentence: str) -> None:
    assert [str(s.kind) for s in news(sentence).decisions] == ["introduce"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Socialnämnden föreslår fullmäktige att införa LOV i hemtjänsten.",
        "Förslaget om att införa LOV i hemtjänsten ska behandlas i fullmäktige.",
    ],
)
def test_a_proposal_not_yet_voted_on_is_no_decision(sentence: str) -> None:
    assert news(sentence).decisions == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Redan nu har två företag hört av sig och visat intresse för LOV i hemtjänsten.",
        "Tre privata företag har anmält intresse för kundvalet.",
    ],
)
def test_companies_showing_interest_are_no_count(sentence: str) -> None:
    assert count_in_sentence(fold_words(sentence)) is None


def test_a_count_in_a_neighbouring_municipality_is_not_this_ones() -> None:
    found = news(
        "Bergsjö inför LOV i hemtjänsten. I grannkommunen infördes LOV redan 2010, och där "
        "finns i dag sex privata utförare."
    )
    assert [count.private for count in found.counts if count.source == "stated"] == []


def test_a_count_of_this_municipality_beside_others_is_kept() -> None:
    found = news("I Bergsjö finns i dag sex privata utförare inom hemtjänsten enligt LOV.")
    assert [count.private for count in found.counts if count.source == "stated"] == [6]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Den privata vårdcentralen i Åsen, som i dag drivs av Hälsopraktiken AB, tas över "
            "av Capio från den 1 mars inom hälsovalet.",
            ["Hälsopraktiken AB", "Capio"],
        ),
        (
            "Vårdcentralen drivs av Hälsopraktiken AB och ingår i hälsovalet.",
            ["Hälsopraktiken AB"],
        ),
        (
            "Sedan i våras finns även Kry bland de privata vårdcentralerna i hälsovalet.",
            ["Kry"],
        ),
        (
            "Audika och AudioNova är de två största aktörerna i vårdval hörsel.",
            ["Audika", "AudioNova"],
        ),
        ("Läkarhuset i Åsen blir ny vårdcentral inom vårdvalet.", ["Läkarhuset i Åsen"]),
    ],
)
def test_providers_of_regional_choice_named_in_news(sentence: str, names: list[str]) -> None:
    assert provider_names(news(sentence, REGION_URL)) == names


def test_a_unit_run_by_a_company_under_procurement_names_no_provider() -> None:
    found = news(
        "Vårdcentralen i Åsen drivs av Hälsopraktiken AB på entreprenad efter en upphandling "
        "enligt LOU.",
        REGION_URL,
    )
    assert provider_names(found) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Nu har Attendo Care och Vardaga godkänts som utförare i hemtjänsten.",
        "Omsorgsgruppen i Åsen AB är godkänd utförare inom hemtjänsten sedan 2015.",
        "Det privata företaget Omsorgshuset AB har fått godkänt att bli utförare inom LOV.",
    ],
)
def test_an_approved_provider_tells_of_a_system_in_use(sentence: str) -> None:
    found = news(sentence, "https://www.bergsjo.se/omsorg/hemtjanst")
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", ("hemtjanst",))]
    assert found.providers


def test_a_company_leaving_tells_nothing_of_the_system() -> None:
    found = news(
        "Omsorgsbolaget AB har sagt upp sitt avtal inom LOV.",
        "https://www.bergsjo.se/omsorg/hemtjanst",
    )
    assert [s for s in found.statements if s.is_decision] == []


@pytest.mark.parametrize(
    ("sentence", "kind", "categories"),
    [
        (
            "Regionen har beslutat att inte gå vidare med vårdval inom ortopedi.",
            "not_introduce",
            ("ortopedi",),
        ),
        ("Kommunen drar tillbaka LOV inom boendestöd.", "end", ("boendestod",)),
        ("LOV inom boendestöd dras tillbaka från årsskiftet.", "end", ("boendestod",)),
        (
            "Kommunen drar tillbaka förslaget om LOV i boendestöd.",
            "not_introduce",
            ("boendestod",),
        ),
    ],
)
def test_withdrawing_a_system_or_a_plan(sentence: str, kind: str, categories: tuple) -> None:
    found = news(sentence)
    assert [(str(s.kind), s.categories) for s in found.statements] == [(kind, categories)]


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Du kan välja vilken BVC du vill gå till.", "barnhalsovard"),
        ("Du kan välja vilken familjerådgivare du vill gå till.", "familjeradgivning"),
        ("Du kan själv välja vilken logoped du vill gå till.", "logopedi"),
    ],
)
def test_a_choice_of_unit_or_profession_is_a_system_in_use(sentence: str, category: str) -> None:
    found = findings_from_text(f"# Vård\n{sentence}\n", "https://www.regionnorrvik.se/vard")
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", (category,))]


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        ("Regionen inför vårdval för kiropraktik och naprapati.", ("halso_och_sjukvard_ovrigt",)),
        ("Regionen inför vårdval inom smärtbehandling.", ("specialiserad_oppenvard",)),
    ],
)
def test_a_vardval_in_a_service_outside_primary_care(sentence: str, categories: tuple) -> None:
    found = findings_from_text(f"# Nyheter\n{sentence}\n", "https://www.regionnorrvik.se/nyheter")
    assert [s.categories for s in found.statements] == [categories]


def test_school_holidays_are_not_lov() -> None:
    found = news("Korttidstillsyn erbjuds under lov och studiedagar enligt LSS.")
    assert found.statements == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Kommunfullmäktige sa ja till LOV i hemtjänsten.", "introduce"),
        ("LOV blir verklighet i Bergsjö från årsskiftet.", "introduce"),
        ("Bergsjö går över till LOV i hemtjänsten.", "introduce"),
        ("Nu blir det LOV i hemtjänsten i Bergsjö.", "introduce"),
        ("Kommunen öppnar för privata utförare i hemtjänsten.", "introduce"),
        ("Bergsjö släpper in privata företag i hemtjänsten.", "introduce"),
        ("Från i höst får de äldre välja vem som ska utföra hemtjänsten.", "introduce"),
        ("Kommunen slutar med LOV i hemtjänsten.", "end"),
        ("LOV i hemtjänsten försvinner vid årsskiftet.", "end"),
        ("Kundvalet i hemtjänsten är historia.", "end"),
    ],
)
def test_news_verbs_of_starting_and_ending(sentence: str, kind: str) -> None:
    assert [str(s.kind) for s in news(sentence).decisions] == [kind]


def test_an_authority_saying_no_decides_not_to_introduce() -> None:
    found = news("Kommunen säger nej till LOV i hemtjänsten.")
    assert [(str(s.kind), str(s.modality)) for s in found.statements] == [
        ("not_introduce", "decided")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vi säger nej till LOV och ja till verklig valfrihet.",
        "Det här öppnar upp för fler privata aktörer inom hemtjänsten.",
        "Partierna ska arbeta vidare med frågan innan de bestämmer sig för att eventuellt "
        "släppa in privata företag i hemtjänsten.",
    ],
)
def test_stances_consequences_and_decisions_ahead_are_no_decisions(sentence: str) -> None:
    found = news(sentence)
    assert [s for s in found.statements if s.is_decision and s.kind != "active"] == []


def test_a_system_proposed_and_a_headline_no_surer_than_its_text() -> None:
    found = findings_from_text(
        "# Äntligen! Vårdval BUP blir verklighet i Norrvik\n"
        "I regionstyrelsens arbetsutskott beslöts i dag om att föreslå Vårdval BUP i Region "
        "Norrvik.\n",
        "https://www.partiet.se/norrvik/vardval-bup",
    )
    assert {(str(s.kind), str(s.modality)) for s in found.claims} == {("introduce", "proposed")}
    assert found.decisions == []


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Totalt är nio utförare godkända, varav två i egen regi.", (7, 2, False)),
        ("Förutom kommunen finns det tre privata utförare att välja på.", (3, 1, False)),
        ("Det finns två privata och en kommunal utförare.", (2, 1, False)),
        ("Regionen har 25 hälsocentraler, av dem är 8 privata.", (8, 0, False)),
    ],
)
def test_counts_with_the_own_units_beside_or_among_them(
    sentence: str, count: tuple[int, int, bool]
) -> None:
    assert count_in_sentence(fold_words(sentence)) == count


@pytest.mark.parametrize(
    ("published", "start"),
    [("12 mars 2026", date(2026, 7, 1)), ("12 september 2026", date(2027, 7, 1))],
)
def test_the_turn_of_the_half_year_is_the_next_first_of_july(published: str, start: date) -> None:
    found = news(f"Publicerad {published}\n\nLOV i hemtjänsten införs vid halvårsskiftet.")
    assert [(str(s.kind), s.date) for s in found.statements] == [("introduce", start)]


@pytest.mark.parametrize(
    ("sentence", "categories"),
    [
        ("Du kan välja mellan kommunala och privata dagverksamheter.", ("dagverksamhet_aldre",)),
        ("Efter konkursen fick brukarna göra omval av utförare i hemtjänsten.", ("hemtjanst",)),
        (
            "Barn och unga kan välja att gå till privata kliniker eller Folktandvården.",
            ("tandvard",),
        ),
        ("Ersättningen till LOV-utförarna har setts över.", ("hemtjanst",)),
    ],
)
def test_a_choice_between_own_and_private_units_is_a_system_in_use(
    sentence: str, categories: tuple
) -> None:
    found = news(sentence, "https://www.bergsjo.se/omsorg/hemtjanst")
    assert [(str(s.kind), s.categories) for s in found.statements] == [("active", categories)]


def test_a_choice_of_school_is_not_lov() -> None:
    assert news("Du kan välja mellan kommunal och privat förskola.").statements == []


def test_a_private_clinic_named_by_its_company_form_after_privata() -> None:
    found = news(
        "Privata Åsens Ögonklinik AB svarar i dag för en tredjedel av ögonsjukvården inom "
        "vårdvalet.",
        REGION_URL,
    )
    assert provider_names(found) == ["Åsens Ögonklinik AB"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Omsorgsgruppen Norr har fått sin ansökan godkänd och kan börja utföra hemtjänst.",
            ["Omsorgsgruppen Norr"],
        ),
        ("Vardaga har beviljats ansökan om att bli utförare inom LOV.", ["Vardaga"]),
        (
            "Norrhälsan AB har fått godkänt på sin ansökan att driva vårdcentral i privat regi.",
            ["Norrhälsan AB"],
        ),
        (
            "Två nya utförare har godkänts: Hemtjänst Direkt och Trygga Händer i Åsen.",
            ["Hemtjänst Direkt", "Trygga Händer i Åsen"],
        ),
        ("Den nya utföraren heter Solglimten Omsorg.", ["Solglimten Omsorg"]),
        ("Omsorgsgruppen Norr har fått sin ansökan avslagen.", []),
    ],
)
def test_new_providers_named_in_news(sentence: str, names: list[str]) -> None:
    found = news(f"Valfrihet i hemtjänsten\n\n{sentence}", "https://www.bergsjo.se/omsorg")
    assert provider_names(found) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Risken är att valfriheten försvinner om de rödgröna vinner valet.",
        "Kommunen bör gå över till LOV i hemtjänsten.",
        "Nu blir det LOV-upphandling av hemtjänst enligt LOU.",
        "Kommunstyrelsen sa ja till att utreda LOV i hemtjänsten.",
    ],
)
def test_fears_wishes_procurements_and_inquiries_raise_no_event(sentence: str) -> None:
    assert news(sentence).decisions == []


@pytest.mark.parametrize(
    ("sentence", "kind", "categories"),
    [
        (
            "Regionen har tagit beslut om vårdval för barn- och ungdomspsykiatri.",
            "introduce",
            ("psykiatri",),
        ),
        ("Från 1 juli ingår även ögonsjukvården i vårdvalet.", "introduce", ("ogonsjukvard",)),
        ("Vårdvalet utökas till att omfatta även psykoterapi.", "introduce", ("psykoterapi",)),
        ("Regionen utökar vårdvalet med fysioterapi.", "introduce", ("fysioterapi",)),
        ("Hälsovalet har nu funnits i tio år.", "active", ("primarvard",)),
    ],
)
def test_a_regional_system_decided_extended_or_in_place(
    sentence: str, kind: str, categories: tuple
) -> None:
    found = news(sentence, "https://www.regionnorrvik.se/nyheter")
    assert [(str(s.kind), s.categories) for s in found.statements] == [(kind, categories)]


@pytest.mark.parametrize(
    "sentence",
    ["Regionen utökar vårdvalet med fler mottagningar.", "Vårdvalet utökas med 20 miljoner."],
)
def test_a_system_extended_with_units_or_money_is_no_introduction(sentence: str) -> None:
    assert news(sentence, "https://www.regionnorrvik.se/nyheter").decisions == []


def test_a_decision_on_the_choice_for_whom_is_no_introduction() -> None:
    assert news("Kommunen har tagit beslut om kundval för nya brukare.").decisions == []


def test_choosing_a_time_is_no_choice_of_provider() -> None:
    found = findings_from_text(
        "# Boka tid\nDu kan välja tid på mottagningen via 1177.\n",
        "https://www.regionnorrvik.se/vard/boka",
    )
    assert found.claims == []


@pytest.mark.parametrize(
    "text",
    [
        "Företaget Lunda Omsorg AB fick avtalet hävt i Bergsjö i fjol, efter brister i "
        "tidsregistreringen.",
        "Företaget Lunda Omsorg AB har i flera år varit auktoriserat för att utföra hemtjänst i "
        "Bergsjö kommun. Men i december beslutade nämnden att avbryta samarbetet med företaget.",
    ],
)
def test_a_provider_whose_agreement_is_ended_is_no_approved_provider(text: str) -> None:
    assert provider_names(news(f"Valfrihet i hemtjänsten\n\n{text}")) == []


def test_a_company_the_page_says_leaves_is_no_provider_where_it_is_named_again() -> None:
    found = news(
        "# Vardaga Sverige AB slutar som utförare i Åsen\n\n"
        "Vardaga Sverige AB har valt att gå ur zonen Åsen inom Kundval Bergsjö.\n\n"
        "Vardaga kommer att ha kvar sitt kontor och sina tjänster i andra zoner i Bergsjö.\n\n"
        "Det finns två valbara utförare i Åsen:\n\n- Solgläntan\n- Trygg Hemtjänst Åsen\n"
    )
    assert provider_names(found) == ["Solgläntan", "Trygg Hemtjänst Åsen"]
