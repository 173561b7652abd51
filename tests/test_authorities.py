"""Authority recognition: real buyer names and slugs from the national LOV database."""

import csv
from collections import defaultdict
from importlib import resources

import pytest

from lovwatch.normalize.authorities import (
    AuthorityKind,
    County,
    association_members,
    associations,
    counties,
    county_by_code,
    districts,
    find_county,
    find_municipality,
    match_authority,
    match_slug,
    municipalities,
    municipality_by_code,
)
from lovwatch.normalize.text import fold, slugify, words

MUNICIPALITY = AuthorityKind.MUNICIPALITY
UNIT = AuthorityKind.MUNICIPAL_UNIT


def _regions_csv() -> list[dict[str, str]]:
    text = resources.files("lovwatch").joinpath("data", "regions.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


# --- text folding -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Upplands-Bro  Kommun", "upplands bro kommun"),
        ("Åre, Älvdalen, Öckerö", "are, alvdalen, ockero"),
        ("Hemtjänst – service", "hemtjanst service"),
        ("daglig_verksamhet_lss", "daglig verksamhet lss"),
        ("Café Müller\tSkåne", "cafe muller skane"),
        ("Ærø Straße", "aero strasse"),
        # decomposed letters, a mark outside Latin, and marks beside a character beyond the
        # Basic Multilingual Plane
        ("Va\u0308ste\u0301ra\u030as", "vasteras"),
        ("न\u093c", "न"),
        ("x\U0001d165 e\u0301 \U0001f600", "x e \U0001f600"),
        ("“Välj utförare” • 8–10", "“valj utforare” • 8 10"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_words_drops_punctuation_and_can_keep_diacritics() -> None:
    assert words("Daglig verksamhet (LSS), 9 § 10") == "daglig verksamhet lss 9 10"
    assert words("Håbo kommun", keep_diacritics=True) == "håbo kommun"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Salems kommun", "salems-kommun"),
        ("Göteborgs Stad", "goteborgs-stad"),
        ("Sociala resursnämnden, Göteborgs Stad", "sociala-resursnamnden-goteborgs-stad"),
        ("Västra Götalandsregionen", "vastra-gotalandsregionen"),
        ("Malung-Sälens kommun", "malung-salens-kommun"),
        ("  Hemtjänst (LOV) ", "hemtjanst-lov"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


# --- reference data ---------------------------------------------------------------------


def test_reference_data_is_complete() -> None:
    all_municipalities = municipalities()
    assert len(all_municipalities) == 290
    assert len({m.code for m in all_municipalities}) == 290
    assert all(len(m.code) == 4 and m.code.isdigit() for m in all_municipalities)
    # SCB's population on 31 December 2024, as documented with the reference data.
    assert sum(m.population for m in all_municipalities) == 10_587_710
    assert len(counties()) == 21
    assert municipalities() is all_municipalities  # cached


def test_counties_agree_with_municipality_data() -> None:
    from_municipalities = {(m.county_code, m.county_name) for m in municipalities()}
    assert from_municipalities == {(c.code, c.name) for c in counties()}


def test_lookup_by_code() -> None:
    salem = municipality_by_code("0128")
    assert salem is not None and salem.name == "Salem" and salem.county_code == "01"
    assert salem.kommungrupp_code and salem.website
    assert municipality_by_code("128") is None
    assert county_by_code("01") == County(
        "01", "Stockholms län", "Region Stockholm", "regionstockholm.se"
    )
    assert county_by_code("02") is None


# --- municipalities ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Salems kommun", "0128"),
        ("Falu kommun", "2080"),
        ("Göteborgs Stad", "1480"),
        ("Göteborgs stad", "1480"),
        ("Borås Stad", "1490"),
        ("Stockholms stad", "0180"),
        ("Sundbybergs stad", "0183"),
        ("Malmö stad", "1280"),
        ("Uppsala kommun", "0380"),
        ("Kramfors kommun", "2282"),
        ("Hofors kommun", "2104"),
        ("Bollnäs kommun", "2183"),
        ("Mora kommun", "2062"),
        ("Hagfors kommun", "1783"),
        ("Gällivare kommun", "2523"),
        ("Ale kommun", "1440"),
        ("Habo kommun", "0643"),
        ("Håbo kommun", "0305"),
        ("Upplands-Bro kommun", "0139"),
        ("Upplands Väsby kommun", "0114"),
        ("Malung-Sälens kommun", "2023"),
        ("Lilla Edets kommun", "1462"),
        ("Dals-Eds kommun", "1438"),
        ("Dals-Ed", "1438"),
        ("Öckerö kommun", "1407"),
        ("Östra Göinge kommun", "1256"),
        ("Mölndals stad", "1481"),
        ("Lidingö stad", "0186"),
        ("Solna stad", "0184"),
        ("Vaxholms stad", "0187"),
        ("Helsingborgs stad", "1283"),
        ("Landskrona stad", "1282"),
        ("Trollhättans stad", "1488"),
        ("Västerås stad", "1980"),
        ("Örebro kommun", "1880"),
        ("Norrköpings kommun", "0581"),
        ("Haparanda stad", "2583"),
        ("Gotlands kommun", "0980"),
        ("Nacka", "0182"),
        ("Kommunen Nacka", "0182"),
        ("NACKA KOMMUN", "0182"),
        ("Sodertalje kommun", "0181"),  # no diacritics, but only one municipality folds so
    ],
)
def test_municipality_names(name: str, code: str) -> None:
    match = match_authority(name)
    assert (match.kind, match.municipality_code, match.matched) == (MUNICIPALITY, code, True)
    municipality = municipality_by_code(code)
    assert municipality is not None and match.county_code == municipality.county_code


def test_every_municipality_in_its_usual_forms() -> None:
    for municipality in municipalities():
        # Swedish adds no genitive s after s, x or z: "Borås Stad", "Överkalix kommun".
        name = municipality.name
        genitive = name if name[-1] in "sxz" else name + "s"
        for form in (name, f"{name} kommun", f"{genitive} kommun", f"{genitive} stad"):
            match = match_authority(form)
            assert match.municipality_code == municipality.code, form
            assert match.kind is MUNICIPALITY, form


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Sociala resursnämnden, Göteborgs Stad", "1480"),
        ("Stadsdelsförvaltning Hässelby-Vällingby, Stockholms stad", "0180"),
        ("Socialnämnden i Nacka kommun", "0182"),
        ("Vård- och omsorgsnämnden Norrtälje kommun", "0188"),
        ("Äldreförvaltningen, Stockholms stad", "0180"),
        ("Göteborgs Stad Social resursförvaltning", "1480"),
        ("Norrtälje kommun (Tiohundra)", "0188"),
        ("Stadsdelsnämnd Västra Göteborg", "1480"),
        ("Funktionsstödsförvaltningen Malmö stad", "1280"),
        ("Sektor vård och omsorg, Upplands-Bro kommun", "0139"),
        ("Omsorgsnämnden Lilla Edets kommun", "1462"),
    ],
)
def test_municipal_units(name: str, code: str) -> None:
    match = match_authority(name)
    assert (match.kind, match.municipality_code, match.matched) == (UNIT, code, True)


@pytest.mark.parametrize(
    ("name", "county", "municipality"),
    [
        ("Region Skåne", "12", None),
        ("Region Stockholm", "01", None),
        ("Västra Götalandsregionen", "14", None),
        ("Region Jämtland Härjedalen", "23", None),
        ("Region Sörmland", "04", None),
        ("Region Östergötland", "05", None),
        ("Region Gotland", "09", "0980"),
        ("Region Västerbotten", "24", None),
        ("Region Norrbotten", "25", None),
        ("Region Dalarna", "20", None),
        ("Region Gävleborg", "21", None),
        ("Region Värmland", "17", None),
        ("Region Örebro län", "18", None),
        ("Region Västmanland", "19", None),
        ("Region Uppsala", "03", None),
        ("Region Halland", "13", None),
        ("Region Blekinge", "10", None),
        ("Region Kalmar län", "08", None),
        ("Region Kronoberg", "07", None),
        ("Region Jönköpings län", "06", None),
        ("Region Västernorrland", "22", None),
        ("Stockholms läns landsting", "01", None),
        ("Landstinget i Värmland", "17", None),
        ("Landstinget Dalarna", "20", None),
        ("Skåne läns landsting", "12", None),
        ("Hälso- och sjukvårdsnämnden, Region Stockholm", "01", None),
    ],
)
def test_regions(name: str, county: str, municipality: str | None) -> None:
    match = match_authority(name)
    assert match.kind is AuthorityKind.REGION and match.matched
    assert (match.county_code, match.municipality_code) == (county, municipality)


def test_every_region_name_and_alias_in_the_data_file() -> None:
    for row in _regions_csv():
        for alias in [row["region_name"], *filter(None, row["aliases"].split("|"))]:
            assert match_authority(alias).county_code == row["county_code"], alias
            assert match_slug(slugify(alias)).county_code == row["county_code"], alias


@pytest.mark.parametrize(
    "name",
    [
        "Arbetsförmedlingen",
        "Arbetsförmedlingen, Upphandlingsenheten",
        "Försäkringskassan",
        "Statens institutionsstyrelse",
        "Kriminalvården",
        "Migrationsverket",
    ],
)
def test_state_agencies(name: str) -> None:
    match = match_authority(name)
    assert (match.kind, match.municipality_code, match.county_code, match.matched) == (
        AuthorityKind.STATE,
        None,
        None,
        True,
    )


@pytest.mark.parametrize(
    "name",
    [
        None,
        "",
        "   ",
        "Kommunförbundet Skåne",
        "Samordningsförbundet Göteborg",
        "Uppsala län",  # a county, not the municipality Uppsala
        "Upphandlingsenheten, Kalmar län",  # a county again, though named with a unit
        "Attendo Nacka",  # a provider named after its town, not a buyer
        "Södertelje kommun",  # misspelt: never guessed
        "Göinge kommun",  # only Östra Göinge exists
        "Edets kommun",  # only Lilla Edet exists
        "Nacka kommun och Värmdö kommun",  # two municipalities: which one is the buyer?
        "Kommunal Vård AB",
    ],
)
def test_unknown_names_are_not_guessed(name: str | None) -> None:
    match = match_authority(name)
    assert (match.kind, match.municipality_code, match.county_code, match.matched) == (
        AuthorityKind.UNKNOWN,
        None,
        None,
        False,
    )
    assert match.name == " ".join((name or "").split())


def test_name_is_kept_whitespace_cleaned() -> None:
    match = match_authority("  Salems \n  kommun ")
    assert match.name == "Salems kommun" and match.municipality_code == "0128"


def test_kind_values_are_stable_strings() -> None:
    assert [kind.value for kind in AuthorityKind] == [
        "municipality",
        "municipal_unit",
        "region",
        "state",
        "unknown",
        "association",
    ]
    assert AuthorityKind("region") is AuthorityKind.REGION


# --- slugs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "kind", "municipality", "county"),
    [
        ("salems-kommun", MUNICIPALITY, "0128", "01"),
        ("goteborgs-stad", MUNICIPALITY, "1480", "14"),
        ("region-skane", AuthorityKind.REGION, None, "12"),
        ("vastra-gotalandsregionen", AuthorityKind.REGION, None, "14"),
        ("region-gotland", AuthorityKind.REGION, "0980", "09"),
        ("arbetsformedlingen", AuthorityKind.STATE, None, None),
        ("sociala-resursnamnden-goteborgs-stad", UNIT, "1480", "14"),
        ("upplands-bro-kommun", MUNICIPALITY, "0139", "01"),
        ("malung-salens-kommun", MUNICIPALITY, "2023", "20"),
        ("hassleholms-kommun", MUNICIPALITY, "1293", "12"),
        ("habo-kommun", AuthorityKind.UNKNOWN, None, None),
        ("hakans-kommun", AuthorityKind.UNKNOWN, None, None),
    ],
)
def test_slugs(
    slug: str, kind: AuthorityKind, municipality: str | None, county: str | None
) -> None:
    match = match_slug(slug)
    assert (match.kind, match.municipality_code, match.county_code) == (kind, municipality, county)
    assert match.matched is (kind is not AuthorityKind.UNKNOWN)
    assert match.name == slug


def test_folded_name_collisions_are_exactly_habo_and_habo() -> None:
    by_folded: dict[str, set[str]] = defaultdict(set)
    for municipality in municipalities():
        by_folded[fold(municipality.name)].add(municipality.name)
    collisions = {folded: names for folded, names in by_folded.items() if len(names) > 1}
    assert collisions == {"habo": {"Habo", "Håbo"}}


def test_every_slug_matches_unless_its_name_collides() -> None:
    colliding = {"0643", "0305"}  # Habo and Håbo, see the collision test
    for municipality in municipalities():
        match = match_slug(slugify(f"{municipality.name} kommun"))
        expected = None if municipality.code in colliding else municipality.code
        assert match.municipality_code == expected, municipality.name
        assert match.matched is (expected is not None)


# --- what a person types ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0181",
        "181",
        "Södertälje",
        "sodertalje",
        "SÖDERTÄLJE",
        "Södertälje kommun",
        "södertälje-kommun",
        " Södertälje ",
    ],
)
def test_find_municipality(text: str) -> None:
    found = find_municipality(text)
    assert found is not None and found.code == "0181"


def test_find_municipality_prefers_exact_diacritics_and_refuses_ambiguity() -> None:
    assert find_municipality("Habo").code == "0643"  # type: ignore[union-attr]
    assert find_municipality("Håbo").code == "0305"  # type: ignore[union-attr]
    assert find_municipality("Göteborgs stad").code == "1480"  # type: ignore[union-attr]
    assert find_municipality("Falu kommun").code == "2080"  # type: ignore[union-attr]
    for unknown in ("", "9999", "12345", "Södertelje", "Stockholms län", "Region Skåne"):
        assert find_municipality(unknown) is None, unknown


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("01", "01"),
        ("1", "01"),
        ("Stockholms län", "01"),
        ("stockholm", "01"),
        ("Region Stockholm", "01"),
        ("AB", "01"),
        ("ab", "01"),
        ("M", "12"),
        ("Skåne", "12"),
        ("skane lan", "12"),
        ("Västra Götaland", "14"),
        ("Västra Götalandsregionen", "14"),
        ("Sörmland", "04"),
        ("Jämtland Härjedalen", "23"),
        ("Gotland", "09"),
        ("BD", "25"),
        ("Landstinget i Värmland", "17"),
    ],
)
def test_find_county(text: str, code: str) -> None:
    found = find_county(text)
    assert found is not None and found.code == code


def test_every_county_is_found_by_code_name_and_region() -> None:
    for county in counties():
        for text in (county.code, county.name, county.region_name, fold(county.name)):
            assert find_county(text) == county, text


def test_find_county_unknown() -> None:
    for unknown in ("", "02", "99", "Q", "Salem", "Norrland"):
        assert find_county(unknown) is None, unknown


# --- district bodies, region bodies and kommunalförbund ----------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # Stockholm's stadsdelsförvaltningar, https://start.stockholm/om-stockholms-stad/
        # organisation/stadsdelsforvaltningar/ (and its pages per district).
        ("Skärholmens stadsdelsförvaltning", "0180"),
        ("Spånga-Tensta stadsdelsförvaltning", "0180"),
        ("Järva stadsdelsförvaltning", "0180"),
        ("Norra innerstadens stadsdelsförvaltning", "0180"),
        ("Hägersten-Älvsjö stadsdelsnämnd", "0180"),
        ("Stadsdelsförvaltning Rinkeby-Kista", "0180"),
        # Göteborg's stadsdelsnämnder 2011-2020, https://sv.wikipedia.org/wiki/
        # G%C3%B6teborgs_stadsdelsn%C3%A4mnder
        ("Stadsdelsnämnd Västra Hisingen", "1480"),
        ("Stadsdelsförvaltningen Askim-Frölunda-Högsbo", "1480"),
        ("SDN Lundby", "1480"),
        # Committees and administrations named with their municipality.
        ("Socialförvaltningen, Uppsala kommun", "0380"),
        ("Vård- och omsorgsnämnden i Nacka", "0182"),
        ("Skärholmens stadsdelsförvaltning, Stockholms stad", "0180"),
    ],
)
def test_district_and_committee_bodies_resolve_to_their_municipality(name: str, code: str) -> None:
    match = match_authority(name)
    assert (match.kind, match.municipality_code, match.matched) == (UNIT, code, True)


def test_district_slug() -> None:
    match = match_slug("skarholmens-stadsdelsforvaltning")
    assert (match.kind, match.municipality_code) == (UNIT, "0180")


@pytest.mark.parametrize(
    ("name", "county", "municipality"),
    [
        # Region Stockholm's administration (Vårdgivarguiden names it as fact checker).
        ("Hälso- och sjukvårdsförvaltningen, Region Stockholm", "01", None),
        # https://regionuppsala.se/samverkanswebben/for-vardgivare/patientadministration/
        ("Vårdvalsenheten, Resurscentrum Region Uppsala", "03", None),
        ("Västra Götalandsregionen, Koncernkontoret", "14", None),
        ("Hälso- och sjukvårdsnämnden, Region Jämtland Härjedalen", "23", None),
        # Sub-bodies named by a place of their county only.
        ("Sjukvårdsområde Umeå", "24", None),
        ("Primärvårdsförvaltningen Västerbotten", "24", None),
        ("Hälso- och sjukvårdsförvaltningen Skåne", "12", None),
        ("Sjukvårdsområde Gotland", "09", "0980"),
    ],
)
def test_region_bodies_resolve_to_their_region(
    name: str, county: str, municipality: str | None
) -> None:
    match = match_authority(name)
    assert (match.kind, match.county_code, match.municipality_code, match.matched) == (
        AuthorityKind.REGION,
        county,
        municipality,
        True,
    )


@pytest.mark.parametrize(
    ("name", "members", "county"),
    [
        # Förbundsordning § 1, https://docplayer.se/1443835-Forbundsordning-for-
        # goteborgsregionens-kommunalforbund.html (Kungsbacka is in Halland: no single county)
        ("Göteborgsregionens kommunalförbund", 13, None),
        # https://borasregionen.se/politik--styrning.html
        ("Boråsregionen Sjuhärads kommunalförbund", 8, "14"),
        ("Sjuhärads kommunalförbund", 8, "14"),
        # https://skaraborg.se/Om-oss1/
        ("Skaraborgs kommunalförbund", 15, "14"),
        # https://mellerud.se/kommun-och-politik/kommunalforbund/kommunalforbundet-fyrbodal/
        ("Kommunalförbundet Fyrbodal", 14, "14"),
        ("Fyrbodals kommunalförbund", 14, "14"),
    ],
)
def test_known_kommunalforbund_with_members(name: str, members: int, county: str | None) -> None:
    match = match_authority(name)
    assert (match.kind, match.matched, match.municipality_code) == (
        AuthorityKind.ASSOCIATION,
        True,
        None,
    )
    assert len(match.members) == members == len(set(match.members))
    assert all(municipality_by_code(code) for code in match.members)
    assert match.county_code == county
    assert association_members(name) == match.members
    assert match_slug(slugify(name)).members == match.members


def test_goteborgsregionen_members() -> None:
    names = {
        municipality.name
        for code in association_members("Göteborgsregionens kommunalförbund")
        if (municipality := municipality_by_code(code))
    }
    assert names == {
        "Ale", "Alingsås", "Göteborg", "Härryda", "Kungsbacka", "Kungälv", "Lerum",
        "Lilla Edet", "Mölndal", "Partille", "Stenungsund", "Tjörn", "Öckerö",
    }  # fmt: skip


def test_unknown_kommunalforbund_is_an_association_but_not_placed() -> None:
    match = match_authority("Kommunalförbundet Västra Okänd")
    assert (match.kind, match.matched, match.members, match.county_code) == (
        AuthorityKind.ASSOCIATION,
        False,
        (),
        None,
    )


@pytest.mark.parametrize(
    "name",
    [
        "Skärholmen",  # a place, not a buyer: no district word beside it
        "Lundby",
        "Stadsdelsförvaltning Centrum",  # Göteborg and Malmö both had one
        "Hälso- och sjukvårdsförvaltningen",  # which region?
        "Sjukvårdsområde Umeå och Luleå",  # two counties
        "Samordningsförbundet Göteborgsregionen",  # a samordningsförbund, not a kommunalförbund
        "Norra sjukvårdsregionförbundet",
    ],
)
def test_bodies_that_cannot_be_placed_are_not_guessed(name: str) -> None:
    match = match_authority(name)
    assert not match.matched and match.municipality_code is None and match.county_code is None


def test_packaged_district_and_association_data() -> None:
    assert all(municipality_by_code(d.municipality_code) for d in districts())
    assert all(d.source.startswith("https://") for d in districts())
    assert len({words(d.name) for d in districts()}) == len(districts())
    for association in associations():
        assert association.source.startswith("https://") and association.services
        assert all(municipality_by_code(code) for code in association.member_codes)
