"""Service categories: the taxonomy's integrity and real service areas and headings."""

import re
import time

import pytest

from lovwatch.normalize.categories import (
    CATEGORIES,
    GROUPS,
    Categorization,
    categories_for_cpv,
    categorize,
    category_by_code,
    cpv_codes,
    cpv_name,
    find_category,
    map_term,
)
from lovwatch.normalize.taxonomy import (
    BROAD_REFINEMENTS,
    CATEGORY_VETOES,
    COMPOUND_HEADS,
    CONTEXT_RULES,
    CPV_CATEGORIES,
    GENERIC_CODES,
    SOURCES,
    SYNONYM_VETOES,
    WEAK_SYNONYMS,
)
from lovwatch.normalize.text import fold

CODES = {category.code for category in CATEGORIES}

# --- taxonomy integrity -----------------------------------------------------------------


def test_codes_are_stable_ascii_and_unique() -> None:
    assert len(CODES) == len(CATEGORIES)
    assert all(re.fullmatch(r"[a-z][a-z_]*[a-z]", code) for code in CODES)
    assert all(re.fullmatch(r"[a-z][a-z_]*[a-z]", group.code) for group in GROUPS)
    assert len({fold(category.label) for category in CATEGORIES}) == len(CATEGORIES)


def test_six_groups_each_with_categories() -> None:
    assert [group.code for group in GROUPS] == [
        "aldreomsorg",
        "funktionsnedsattning",
        "socialpsykiatri",
        "individ_och_familjeomsorg",
        "arbetsmarknad",
        "halso_och_sjukvard",
    ]
    used = {category.group for category in CATEGORIES}
    assert used == {group.code for group in GROUPS}
    assert 25 <= len(CATEGORIES) <= 60


def test_rule_tables_refer_to_real_codes_and_synonyms() -> None:
    synonyms = {(c.code, s) for c in CATEGORIES for s in c.synonyms}
    assert set(SYNONYM_VETOES) <= synonyms
    assert set(CATEGORY_VETOES) <= CODES
    assert {rule.code for rule in CONTEXT_RULES} <= CODES
    assert GENERIC_CODES <= CODES


def test_every_label_and_synonym_maps_to_its_own_category() -> None:
    for category in CATEGORIES:
        for name in (category.label, *category.synonyms):
            assert category.code in map_term(name), (category.code, name)


# --- single terms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        # SKR's names (2018-2023).
        ("Hemtjänst", ("hemtjanst",)),
        ("Daglig verksamhet enligt LSS", ("daglig_verksamhet_lss",)),
        ("Särskilt boende för äldre (SoL)", ("sarskilt_boende_aldre",)),
        ("Ledsagning/ledsagarservice (LSS)", ("ledsagning",)),
        ("Avlösning/avlösarservice (LSS)", ("avlosning",)),
        ("Familjerådgivning", ("familjeradgivning",)),
        ("Boendestöd", ("boendestod",)),
        ("Personlig assistans", ("personlig_assistans",)),
        ("Dagverksamhet för äldre", ("dagverksamhet_aldre",)),
        ("Särskilt boende / gruppbostad LSS", ("bostad_lss",)),
        ("Sysselsättning inom socialpsykiatri", ("sysselsattning_socialpsykiatri",)),
        ("Korttidsvistelse LSS", ("korttidsvistelse_lss",)),
        ("Korttidstillsyn LSS", ("korttidstillsyn_lss",)),
        ("Arbetsmarknadsinsatser", ("arbetsmarknadsinsatser",)),
        ("Matdistribution", ("matdistribution",)),
        ("HVB för barn", ("hvb_barn",)),
        ("HVB för vuxna", ("hvb_vuxna",)),
        ("Öppenvård missbruk", ("missbruk_oppenvard",)),
        ("Gruppboende socialpsykiatri", ("boende_socialpsykiatri",)),
        ("Fotvård", ("medicinsk_fotvard",)),
        ("Öppenvård psykoterapi", ("psykoterapi",)),
        ("Familjebehandling", ("familjebehandling",)),
        ("Kvalificerad tillsyn vid livsuppehållande åtgärder", ("kvalificerad_tillsyn",)),
        ("Korttidsboende för äldre utomlands", ("korttidsboende_aldre",)),
        # Valfrihetswebben's list (2014).
        ("Hemtjänst – service", ("hemtjanst",)),
        ("Hemtjänst – omvårdnad", ("hemtjanst",)),
        ("Hemtjänst – hemsjukvård", ("hemtjanst", "hemsjukvard")),
        ("Gruppboende LSS", ("bostad_lss",)),
        ("Fotvård i säbo", ("medicinsk_fotvard",)),
        ("Ickeval personlig assistent LSS", ("personlig_assistans",)),
        ("Daglig verksamhet LSS", ("daglig_verksamhet_lss",)),
        ("Sysselsättning socialpsykiatri", ("sysselsattning_socialpsykiatri",)),
        # Upphandlingsmyndigheten's CPV-style names.
        ("vård i hemmet (hemtjänst)", ("hemtjanst",)),
        ("tjänster för dagcenter", ("dagverksamhet_aldre",)),
        ("äldreomsorg", ("aldreomsorg_ovrigt",)),
        ("allmänpraktiserande läkare", ("primarvard",)),
        ("tandläkarvård", ("tandvard",)),
        ("paramedicinska tjänster", ("paramedicin",)),
        ("jobbsökningstjänster", ("arbetsmarknadsinsatser",)),
        # Regions' vårdval and Arbetsförmedlingen.
        ("Vårdval primärvård", ("primarvard",)),
        ("Vårdcentraler", ("primarvard",)),
        ("Vårdval Halland – primärvård", ("primarvard",)),
        ("Tandvård för barn och unga", ("tandvard",)),
        ("Vårdval medicinsk fotvård", ("medicinsk_fotvard",)),
        ("Vårdval fysioterapi/sjukgymnastik", ("fysioterapi",)),
        ("Psykoterapi", ("psykoterapi",)),
        ("Vårdval hörsel", ("horsel",)),
        ("Ögonsjukvård", ("ogonsjukvard",)),
        ("Barnmorskemottagning", ("barnmorskemottagning",)),
        ("Logopedi", ("logopedi",)),
        ("Specialiserad öppenvård", ("specialiserad_oppenvard",)),
        ("Rusta och matcha", ("rusta_och_matcha",)),
        ("Kundval Rusta och matcha", ("rusta_och_matcha",)),
        ("Stöd och matchning", ("stod_och_matchning",)),
    ],
)
def test_service_area_names(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


@pytest.mark.parametrize(
    ("heading", "codes"),
    [
        ("Valfrihetssystem inom hemtjänst", ("hemtjanst",)),
        ("Hemtjänst enligt 3 kap. 6 § SoL", ("hemtjanst",)),
        ("Förfrågningsunderlag valfrihetssystem inom hemtjänst service", ("hemtjanst",)),
        ("Kundval inom hemtjänsten", ("hemtjanst",)),
        ("Ledsagar- och avlösarservice enligt LSS", ("ledsagning", "avlosning")),
        ("Valfrihetssystem för daglig verksamhet enligt LSS", ("daglig_verksamhet_lss",)),
        ("Dagliga verksamheter inom LSS", ("daglig_verksamhet_lss",)),
        ("daglig verksamhet (LSS)", ("daglig_verksamhet_lss",)),
        ("Valfrihetssystem för särskilda boenden för äldre", ("sarskilt_boende_aldre",)),
        ("SÄBO", ("sarskilt_boende_aldre",)),
        ("Vård- och omsorgsboende", ("sarskilt_boende_aldre",)),
        ("Matlådor till hemmaboende", ("matdistribution",)),
        ("Personliga assistenter – ickeval", ("personlig_assistans",)),
        ("Beroendevård i öppenvård", ("missbruk_oppenvard",)),
        ("HVB", ("hvb_barn", "hvb_vuxna")),  # no audience named: relevant to both
        ("Hem för vård eller boende för ensamkommande barn", ("hvb_barn",)),
        ("HVB för vuxna med missbruk", ("hvb_vuxna",)),
        ("Valfrihetssystem för hemsjukvård", ("hemsjukvard",)),
        ("Äldreomsorg – hemtjänst och matdistribution", ("hemtjanst", "matdistribution")),
        # "Hemvård" is what several municipalities call hemtjänst ("Eget val i hemvården").
        ("Eget val i hemvården", ("hemtjanst",)),
        ("Stöd och hjälp i hemmet", ("hemtjanst",)),
        ("Välj bland familjeläkarmottagningarna", ("primarvard",)),
        ("Valfrihet för demensboende", ("sarskilt_boende_aldre",)),
        ("Kundval hemkörning av mat", ("matdistribution",)),
        ("Diabetesfotvård", ("medicinsk_fotvard",)),
        ("Valfrihet inom LSS-boende", ("bostad_lss",)),
    ],
)
def test_headings_and_inflected_forms(heading: str, codes: tuple[str, ...]) -> None:
    assert map_term(heading) == codes


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        # "Daglig verksamhet" is LSS; "dagverksamhet" is for older people.
        ("Dagverksamhet för personer med demenssjukdom", ("dagverksamhet_aldre",)),
        ("Dagverksamhet enligt LSS", ("daglig_verksamhet_lss",)),
        # Short stays: children under LSS vs older people.
        ("Korttidsboende för barn och unga enligt LSS", ("korttidsvistelse_lss",)),
        ("Korttidsboende", ("korttidsboende_aldre",)),
        # Sysselsättning is socialpsykiatri unless it is said to be LSS.
        ("Daglig sysselsättning", ("sysselsattning_socialpsykiatri",)),
        ("Daglig sysselsättning enligt LSS", ("daglig_verksamhet_lss",)),
        # Housing: LSS, socialpsykiatri or older people, by who it is for.
        ("Gruppboende för personer med psykisk funktionsnedsättning", ("boende_socialpsykiatri",)),
        ("Särskilt boende för personer med funktionsnedsättning", ("bostad_lss",)),
        ("Särskilt boende", ("sarskilt_boende_aldre",)),
        # Ickeval in hemtjänst is the municipality's own provider, not personlig assistans.
        ("Ickeval i hemtjänsten", ("hemtjanst",)),
        # A nämnd named after hemvård decides on other services too.
        ("Hemvårdsnämnden", ()),
        # Words that merely contain a synonym's letters.
        ("Valfrihetssystem", ()),
        ("Beroende på behov", ()),
        ("Lokalvård och städning", ()),
        ("", ()),
    ],
)
def test_false_matches_are_avoided(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


# --- categorize -------------------------------------------------------------------------


def test_areas_come_first_and_unmapped_areas_are_kept_verbatim() -> None:
    result = categorize(
        ["Matdistribution", "  Trygghetslarm ", "Hemtjänst – service", "", "Trygghetslarm"],
        heading="Valfrihetssystem inom daglig verksamhet",
        text="Ledsagning",
    )
    assert result == Categorization(
        ("hemtjanst", "matdistribution"), ("  Trygghetslarm ", "Trygghetslarm")
    )


def test_codes_are_deduplicated_in_taxonomy_order() -> None:
    result = categorize(["Tandvård", "Hemtjänst – omvårdnad", "Hemtjänst – service", "Boendestöd"])
    assert result.codes == ("hemtjanst", "boendestod", "tandvard")


def test_catch_all_dropped_beside_a_precise_category() -> None:
    assert categorize(["Äldreomsorg", "Hemtjänst"]).codes == ("hemtjanst",)
    assert categorize(["Äldreomsorg", "Tandvård"]).codes == ("aldreomsorg_ovrigt", "tandvard")


def test_heading_used_when_areas_give_nothing() -> None:
    assert categorize(None, "Kundval inom hemtjänsten").codes == ("hemtjanst",)
    assert categorize([], "Rusta och matcha", "Boendestöd").codes == ("rusta_och_matcha",)
    result = categorize(["Okänt område"], "Vårdval medicinsk fotvård")
    assert result == Categorization(("medicinsk_fotvard",), ("Okänt område",))


def test_text_used_when_areas_and_heading_give_nothing() -> None:
    text = "<p>Kommunen inför <mark>valfrihetssystem</mark> för ledsagarservice.</p>"
    assert categorize(None, "Valfrihetssystem enligt LOV", text).codes == ("ledsagning",)
    assert categorize(None, "Valfrihetssystem enligt LOV", "Allmän information") == (
        Categorization((), ())
    )


def test_long_description_is_fast() -> None:
    text = " ".join(["Utföraren ska bedriva hemtjänst och ledsagning enligt avtal."] * 3000)
    started = time.perf_counter()
    assert categorize(None, "", text).codes == ("hemtjanst", "ledsagning")
    assert time.perf_counter() - started < 2.0


# --- lookups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("hemtjanst", "hemtjanst"),
        ("HEMTJÄNST", "hemtjanst"),
        ("daglig_verksamhet_lss", "daglig_verksamhet_lss"),
        ("Daglig verksamhet enligt LSS", "daglig_verksamhet_lss"),
        ("daglig verksamhet", "daglig_verksamhet_lss"),
        ("säbo", "sarskilt_boende_aldre"),
        ("Sjukgymnastik", "fysioterapi"),
        ("rusta och matcha", "rusta_och_matcha"),
        ("Primärvård (vårdcentral)", "primarvard"),
    ],
)
def test_find_category(text: str, code: str) -> None:
    found = find_category(text)
    assert found is not None and found.code == code


def test_find_category_refuses_unknown_and_shared_names() -> None:
    for text in ("", "valfrihet", "hemtj", "hvb"):
        assert find_category(text) is None, text


def test_category_by_code() -> None:
    hemtjanst = category_by_code("hemtjanst")
    assert hemtjanst is not None and hemtjanst.label == "Hemtjänst"
    assert hemtjanst.group == "aldreomsorg"
    assert category_by_code("Hemtjänst") is None


def test_broad_statistics_terms_give_way_to_a_precise_heading() -> None:
    # "Tjänster för dagcenter" is the CPV name for day centres of any kind.
    lss = categorize(["Tjänster för dagcenter"], "Daglig verksamhet enligt LSS")
    assert lss.codes == ("daglig_verksamhet_lss",)
    assert categorize(["Tjänster för dagcenter"], "Valfrihetssystem").codes == (
        "dagverksamhet_aldre",
    )
    assert categorize(["Paramedicinska tjänster", "Fysioterapi"]).codes == ("fysioterapi",)
    assert set(categorize(["Hemtjänst", "Paramedicinska tjänster"]).codes) == {
        "hemtjanst",
        "paramedicin",
    }


# --- published names, new families, CPV codes, compounds --------------------------------


def test_every_category_states_its_published_name_and_source() -> None:
    for category in CATEGORIES:
        assert category.published, category.code
        assert category.source in SOURCES, category.code


def test_new_rule_tables_refer_to_real_codes() -> None:
    groups = {group.code for group in GROUPS}
    assert {head.code for head in COMPOUND_HEADS} <= CODES
    assert set(WEAK_SYNONYMS.values()) <= CODES
    assert {code for codes, _ in CPV_CATEGORIES.values() for code in codes} <= CODES
    assert all(re.fullmatch(r"(75|79|85)\d{6}", code) for code in CPV_CATEGORIES)
    for refined in BROAD_REFINEMENTS.values():
        assert refined <= CODES | groups


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        ("Mentalvård på sjukhus", ("psykiatri",)),
        ("Barn- och ungdomspsykiatri (BUP)", ("psykiatri",)),
        ("Psykiatrisk öppenvård för vuxna", ("psykiatri",)),
        ("Vårdval Rehab", ("rehabilitering",)),
        ("Sjukhusrehabilitering", ("rehabilitering",)),
        ("Gynekologisk vård - specialiserad", ("gynekologi",)),
        ("Förlossningsvård", ("forlossningsvard",)),
        ("Hudsjukvård i öppenvård - specialiserad", ("hudsjukvard",)),
        ("Öron-, näs- och halssjukvård i öppenvård", ("oron_nasa_hals",)),
        ("Ortopedi och handkirurgi", ("ortopedi",)),
        ("Geriatrisk öppen- och slutenvård", ("geriatrik",)),
        ("Palliativ slutenvård - specialiserad", ("palliativ_vard",)),
        ("Barnavårdscentral", ("barnhalsovard",)),
        ("Vårdval vaccinationer", ("vaccination",)),
        ("Barnmorsketjänster", ("barnmorskemottagning",)),
        ("KBT", ("psykoterapi",)),
        ("Allergologi", ("specialiserad_oppenvard",)),
        ("Hälsovårdstjänster", ("halso_och_sjukvard_ovrigt",)),
        ("Social omsorg för personer med funktionsnedsättning", ("funktionsnedsattning_ovrigt",)),
        ("Stöd och service enligt LSS", ("funktionsnedsattning_ovrigt",)),
        ("Socialpsykiatri", ("socialpsykiatri_ovrigt",)),
        ("Social omsorg för äldre", ("aldreomsorg_ovrigt",)),
        ("Etableringslots", ("arbetsmarknadsinsatser",)),
    ],
)
def test_new_families(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        # Municipal support for people with psychiatric disabilities is not psychiatric care.
        ("Sysselsättning psykiatri", ("sysselsattning_socialpsykiatri",)),
        ("Boende för personer med psykiatrisk funktionsnedsättning", ("boende_socialpsykiatri",)),
        ("Socialpsykiatriskt boende", ("boende_socialpsykiatri",)),
        ("Boendestöd för personer med psykisk funktionsnedsättning", ("boendestod",)),
        # The LSS catch-all gives way to a precise LSS service.
        ("Ledsagarservice enligt LSS", ("ledsagning",)),
        ("Daglig verksamhet för personer med funktionsnedsättning", ("daglig_verksamhet_lss",)),
        # A physician's work in nursing homes is primary care.
        ("Läkarinsatser i särskilda boenden för äldre", ("primarvard",)),
        # Advanced home care is palliative, not ordinary hemsjukvård.
        ("Avancerad sjukvård i hemmet", ("palliativ_vard",)),
        # Vocational rehabilitation is labour-market, not health care.
        ("Yrkesinriktad rehabilitering", ("arbetsmarknadsinsatser",)),
    ],
)
def test_new_families_keep_their_neighbours_apart(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        ("Vuxenpsykiatri", ("psykiatri",)),
        ("Vårdval allmän barn- och ungdomstandvård", ("tandvard",)),
        ("Lymfödemrehabilitering", ("rehabilitering",)),
        ("Influensavaccination", ("vaccination",)),
        # A whole-word synonym beats the compound head; a listed prefix excludes it.
        ("Primär hörselrehabilitering", ("horsel",)),
        ("Socialpsykiatri", ("socialpsykiatri_ovrigt",)),
        ("Tandvård", ("tandvard",)),
    ],
)
def test_compounds_ending_in_a_head_word(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        ("Hälsoval", ("primarvard",)),
        ("Hälsoval Blekinge", ("primarvard",)),
        ("Vårdval Västernorrland", ("primarvard",)),
        # Weak: anything more precise wins.
        ("Hälsoval tandvård för barn och unga vuxna", ("tandvard",)),
        ("Vårdval Rehab", ("rehabilitering",)),
        ("Vårdval Stockholm – Kataraktoperationer", ("ogonsjukvard",)),
        # Short names of specialist choice systems (Region Skåne's "vårdval ögon").
        ("vårdgivare inom vårdval ögon i Region Skåne", ("ogonsjukvard",)),
        ("Vårdval hud", ("hudsjukvard",)),
    ],
)
def test_a_bare_halsoval_or_vardval_is_primary_care(term: str, codes: tuple[str, ...]) -> None:
    assert map_term(term) == codes


@pytest.mark.parametrize(
    ("code", "codes"),
    [
        ("85311200", ("funktionsnedsattning_ovrigt",)),
        ("85311200-4", ("funktionsnedsattning_ovrigt",)),
        ("85111500", ("psykiatri",)),
        ("85141100", ("barnmorskemottagning",)),
        ("85121100", ("primarvard",)),
        ("85312100", ("dagverksamhet_aldre",)),
        ("79611000-0", ("arbetsmarknadsinsatser",)),
        # Not listed: the nearest listed parent answers.
        ("85121281", ("ogonsjukvard",)),
        ("85131110", ("tandvard",)),
        ("85121231", ("specialiserad_oppenvard",)),
        # Too broad, outside LOV's range, or not a code: nothing is guessed.
        ("85000000", ()),
        ("85311000", ()),
        ("45000000", ()),
        ("8531120", ()),
        ("", ()),
    ],
)
def test_categories_for_cpv(code: str, codes: tuple[str, ...]) -> None:
    assert categories_for_cpv(code) == codes


def test_cpv_names_and_codes_in_text() -> None:
    assert cpv_name("85111500-5") == "Mentalvård på sjukhus"
    assert cpv_name("85121281") == "ögonläkare"
    assert cpv_name("12345678") is None
    assert cpv_codes("CPV 85311200-4 Social omsorg; 85312100, 85311200") == (
        "85311200",
        "85312100",
    )
    # Dates and phone numbers are no CPV codes.
    assert cpv_codes("Publicerad 20250304, tel 08-508 000 00, 2025-03-04") == ()


@pytest.mark.parametrize(
    ("area", "codes"),
    [
        ("85311200", ("funktionsnedsattning_ovrigt",)),
        ("85141100-9 Barnmorsketjänster", ("barnmorskemottagning",)),
        ("Tjänster för dagcenter (85312100)", ("dagverksamhet_aldre",)),
        ("Familjerådgivning 2025-03-04", ("familjeradgivning",)),
    ],
)
def test_cpv_codes_in_area_strings(area: str, codes: tuple[str, ...]) -> None:
    assert map_term(area) == codes
    assert categorize([area]).codes == codes


def test_precise_beats_broad() -> None:
    # The case: the CPV name as area, the precise service only in the description.
    text = "Kommunen inför valfrihet inom daglig verksamhet enligt LSS för vuxna."
    result = categorize(["Tjänster för dagcenter"], "Valfrihetssystem enligt LOV", text)
    assert result.codes == ("daglig_verksamhet_lss",)
    # The same with the code written in the area.
    assert categorize(["85312100 Tjänster för dagcenter"], "", text).codes == (
        "daglig_verksamhet_lss",
    )
    # A broad area beside a precise area it covers is dropped ...
    assert categorize(["Tjänster för dagcenter", "Daglig verksamhet"]).codes == (
        "daglig_verksamhet_lss",
    )
    # ... but kept beside one it does not cover.
    assert categorize(["Tjänster för dagcenter", "Hemtjänst"]).codes == (
        "hemtjanst",
        "dagverksamhet_aldre",
    )
    # The description refines only within what the broad name covers: a mention of
    # hemtjänst does not turn "Tjänster för dagcenter" into hemtjänst.
    assert categorize(
        ["Tjänster för dagcenter"], "", "Dagverksamheten samverkar med hemtjänsten."
    ).codes == ("dagverksamhet_aldre",)
    assert categorize(
        ["Social omsorg för personer med funktionsnedsättning"],
        "",
        "Valfrihetssystem för ledsagarservice och avlösarservice enligt LSS.",
    ).codes == ("ledsagning", "avlosning")
    assert categorize(["Mentalvård på sjukhus"], "Vårdval psykoterapi").codes == ("psykoterapi",)
    assert categorize(["Social omsorg för personer med funktionsnedsättning"]).codes == (
        "funktionsnedsattning_ovrigt",
    )
