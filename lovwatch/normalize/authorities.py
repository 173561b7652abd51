"""Recognise who advertises a valfrihetssystem: municipality, unit, region or state agency.

Adverts name their authority (upphandlande myndighet) in free text ("Salems kommun",
"Sociala resursnämnden, Göteborgs Stad", "Region Skåne") and in the URL's buyer slug
("salems-kommun"). These pure functions map both to official codes: kommunkod (4 digits) and
länskod (2 digits; a region carries its county's code). A name that cannot be placed with
certainty is reported as unmatched, never guessed.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from lovwatch.normalize.text import contains_phrase, words


class AuthorityKind(StrEnum):
    """What sort of body an authority is; the values are stored in the database."""

    MUNICIPALITY = "municipality"  # a kommun (incl. "X stad")
    MUNICIPAL_UNIT = "municipal_unit"  # committee / district / förvaltning of a municipality
    REGION = "region"  # region (formerly landsting); Region Gotland too
    STATE = "state"  # state agency, e.g. Arbetsförmedlingen (nationwide)
    UNKNOWN = "unknown"
    # A kommunalförbund: a legal body of its own that member municipalities hand services to
    # (kommunallagen 9 kap.). `AuthorityMatch.members` lists the members when shipped data
    # (data/associations.csv) knows them.
    ASSOCIATION = "association"


@dataclass(frozen=True)
class Municipality:
    """One of Sweden's 290 municipalities (kommuner), from the packaged reference data."""

    code: str
    name: str
    county_code: str
    county_name: str
    kommungrupp_code: str
    kommungrupp_name: str
    population: int
    website: str


@dataclass(frozen=True)
class County:
    """One of the 21 counties (län) and the region that serves it."""

    code: str
    name: str
    region_name: str
    #: The region's public web host (reference data), where its vårdval pages live.
    website: str = ""


@dataclass(frozen=True)
class AuthorityMatch:
    """The outcome of recognising one authority name or slug."""

    name: str  # the input, whitespace-cleaned (never replaced by a guess)
    kind: AuthorityKind
    municipality_code: str | None
    county_code: str | None
    matched: bool  # False = unknown name: stored as such and reported, never guessed
    #: An association's member municipalities (kommunkoder), when known; else ().
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Association:
    """A kommunalförbund from the packaged data, with its member municipalities."""

    name: str
    aliases: tuple[str, ...]
    member_codes: tuple[str, ...]
    services: str
    source: str


@dataclass(frozen=True)
class District:
    """A district administration or committee of a municipality (stadsdelsförvaltning /
    stadsdelsnämnd), from the packaged data; `valid_to` is set for districts since merged."""

    name: str
    municipality_code: str
    body: str
    valid_from: str
    valid_to: str
    source: str


@dataclass(frozen=True)
class _Hit:
    """A municipality name form found in a word sequence, tokens [start, end)."""

    start: int
    end: int
    codes: frozenset[str]
    anchored: bool  # next to "kommun"/"stad": certainly meant as the municipality


# Words that turn a name into the municipality itself ("Salems kommun", "Göteborgs Stad").
_MUNICIPALITY_WORDS = frozenset({"kommun", "kommuns", "kommunen", "stad", "stads", "staden"})
_ANCHORS_AFTER = frozenset({"kommun", "kommuns", "stad", "stads"})
_ANCHORS_BEFORE = frozenset({"kommunen", "staden"})
# "Uppsala län" names a county, not the municipality Uppsala.
_COUNTY_WORDS = frozenset({"län", "läns", "lan", "lans"})
# Word parts (folded) that mark a unit of a municipality: nämnd, förvaltning, stadsdel, ...
_UNIT_MARKERS = (
    "namnd",
    "forvaltning",
    "stadsdel",
    "utskott",
    "enhet",
    "avdelning",
    "kontor",
    "sektor",
)
# Kommunalförbund and samordningsförbund are legal bodies of their own: their member
# municipality is not the buyer. A kommunalförbund is recorded as an association (with its
# members when the packaged data knows it); other förbund stay unmatched.
_FEDERATION_MARKER = "forbund"
_ASSOCIATION_MARKER = "kommunalforbund"
# Words (folded) that name a district body: "Skärholmens stadsdelsförvaltning", "SDN Lundby".
_DISTRICT_MARKERS = ("stadsdel", "sdf", "sdn")
# Word beginnings (folded) that mark a region's health-care body: "Sjukvårdsområde Umeå",
# "Hälso- och sjukvårdsförvaltningen ...", "Vårdvalsenheten ...".
_REGION_BODY_MARKERS = (
    "sjukvardsomrad",
    "sjukvardsforvaltning",
    "sjukvardsnamnd",
    "sjukvardsstyrelse",
    "primarvardsforvaltning",
    "primarvardsomrad",
    "narsjukvardsomrad",
    "narsjukvardsforvaltning",
    "vardvalsenhet",
    "vardvalskansli",
    "landstingsforvaltning",
)
_STATE_AGENCIES = (
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "Statens institutionsstyrelse",
    "Kriminalvården",
    "Migrationsverket",
)
# Official genitives that are not the name plus "s".
_IRREGULAR_FORMS = {"2080": ("Falu",)}


def _read_data(filename: str) -> list[dict[str, str]]:
    text = resources.files("lovwatch").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def municipalities() -> tuple[Municipality, ...]:
    """All 290 municipalities in kommunkod order (read once, then cached)."""
    return tuple(
        Municipality(
            code=row["municipality_code"],
            name=row["municipality_name"],
            county_code=row["county_code"],
            county_name=row["county_name"],
            kommungrupp_code=row["kommungrupp_code"],
            kommungrupp_name=row["kommungrupp_name"],
            population=int(row["population"]),
            website=row["website"],
        )
        for row in sorted(_read_data("municipalities.csv"), key=lambda r: r["municipality_code"])
    )


@cache
def _region_rows() -> tuple[dict[str, str], ...]:
    return tuple(_read_data("regions.csv"))


@cache
def counties() -> tuple[County, ...]:
    """All 21 counties in länskod order (read once, then cached)."""
    return tuple(
        County(
            code=row["county_code"],
            name=row["county_name"],
            region_name=row["region_name"],
            website=row["website"],
        )
        for row in sorted(_region_rows(), key=lambda r: r["county_code"])
    )


@cache
def associations() -> tuple[Association, ...]:
    """The kommunalförbund the package knows (data/associations.csv), with their members."""
    return tuple(
        Association(
            name=row["name"],
            aliases=tuple(alias for alias in row["aliases"].split("|") if alias.strip()),
            member_codes=tuple(row["member_codes"].split("|")),
            services=row["services"],
            source=row["source"],
        )
        for row in _read_data("associations.csv")
    )


@cache
def districts() -> tuple[District, ...]:
    """District administrations and committees of municipalities (data/districts.csv)."""
    return tuple(
        District(
            name=row["district"],
            municipality_code=row["municipality_code"],
            body=row["body"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            source=row["source"],
        )
        for row in _read_data("districts.csv")
    )


def association_members(name: str) -> tuple[str, ...]:
    """The member kommunkoder of a known kommunalförbund by any of its names; else ()."""
    found = _association_by_words(words(name))
    return found.member_codes if found else ()


@cache
def _association_index() -> dict[str, Association]:
    index: dict[str, Association] = {}
    for association in associations():
        for alias in (association.name, *association.aliases):
            index[words(alias)] = association
    return index


def _association_by_words(folded_words: str) -> Association | None:
    """The known association named in the words: its name or alias as whole words; the
    longest name wins, and two different associations leave it unknown."""
    found = {
        association
        for alias, association in _association_index().items()
        if contains_phrase(folded_words, alias)
    }
    return next(iter(found)) if len(found) == 1 else None


@cache
def _district_index() -> dict[str, frozenset[str]]:
    """District name and its genitive (folded word strings) → kommunkoder."""
    index: dict[str, set[str]] = defaultdict(set)
    for district in districts():
        name = words(district.name)
        index[name].add(district.municipality_code)
        if name[-1] not in "sxz":
            index[name + "s"].add(district.municipality_code)
    return {form: frozenset(codes) for form, codes in index.items()}


@cache
def _municipalities_by_code() -> dict[str, Municipality]:
    return {m.code: m for m in municipalities()}


@cache
def _counties_by_code() -> dict[str, County]:
    return {c.code: c for c in counties()}


@cache
def _regions_as_places() -> dict[str, Municipality]:
    """Each region as a place of the municipal-site tables, under its 2-digit county code (a
    4-digit kommunkod never collides with it): named as the region, in its own county, with
    the county's population."""
    population: dict[str, int] = defaultdict(int)
    for municipality in municipalities():
        population[municipality.county_code] += municipality.population
    return {
        county.code: Municipality(
            code=county.code,
            name=county.region_name,
            county_code=county.code,
            county_name=county.name,
            kommungrupp_code="",
            kommungrupp_name="Region",
            population=population[county.code],
            website=county.website,
        )
        for county in counties()
    }


def municipality_by_code(code: str) -> Municipality | None:
    """The municipality with this 4-digit kommunkod or, for the municipal-site tables, the
    region with this 2-digit county code (see `region_places`); else None."""
    return _municipalities_by_code().get(code) or _regions_as_places().get(code)


def region_places() -> tuple[Municipality, ...]:
    """The 21 regions as places of the municipal-site tables, in county-code order."""
    return tuple(_regions_as_places().values())


def find_region(text: str) -> Municipality | None:
    """A region as a person names it: its 2-digit county code ("12") or its name or an
    alias ("Region Skåne", "Västra Götalandsregionen", "VGR"), as a place."""
    cleaned = text.strip()
    if cleaned.isdigit() and len(cleaned) == 2:
        return _regions_as_places().get(cleaned)
    folded = words(cleaned)
    for row in _region_rows():
        names = [row["region_name"], *filter(None, row["aliases"].split("|"))]
        if folded in {words(name) for name in names}:
            return _regions_as_places().get(row["county_code"])
    return None


def county_by_code(code: str) -> County | None:
    """The county with this 2-digit länskod, or None."""
    return _counties_by_code().get(code)


def _name_forms(municipality: Municipality) -> set[str]:
    """The municipality's name, its genitive and any irregular form."""
    forms = {municipality.name, *_IRREGULAR_FORMS.get(municipality.code, ())}
    # A name ending in s, x or z takes no extra genitive s: "Borås Stad", "Kramfors kommun".
    if municipality.name[-1] not in "sxz":
        forms.add(municipality.name + "s")
    return forms


@cache
def _form_index(folded: bool) -> dict[str, frozenset[str]]:
    """Name form (as a word string) → kommunkoder; folded forms may be shared (Habo/Håbo)."""
    index: dict[str, set[str]] = defaultdict(set)
    for municipality in municipalities():
        for form in _name_forms(municipality):
            index[words(form, keep_diacritics=not folded)].add(municipality.code)
    return {form: frozenset(codes) for form, codes in index.items()}


@cache
def _region_aliases() -> dict[str, str]:
    """Folded region name or alias → länskod."""
    aliases: dict[str, str] = {}
    for row in _region_rows():
        for alias in [row["region_name"], *row["aliases"].split("|")]:
            if alias.strip():
                aliases[words(alias)] = row["county_code"]
    return aliases


def _find_hits(tokens: list[str], index: dict[str, frozenset[str]]) -> list[_Hit]:
    """Municipality name forms in `tokens` as whole words, the longest at each position."""
    longest = max(len(form.split()) for form in index)
    hits: list[_Hit] = []
    position = 0
    while position < len(tokens):
        for length in range(min(longest, len(tokens) - position), 0, -1):
            codes = index.get(" ".join(tokens[position : position + length]))
            end = position + length
            if codes is None or (end < len(tokens) and tokens[end] in _COUNTY_WORDS):
                continue
            anchored = (end < len(tokens) and tokens[end] in _ANCHORS_AFTER) or (
                position > 0 and tokens[position - 1] in _ANCHORS_BEFORE
            )
            hits.append(_Hit(position, end, codes, anchored))
            position = end - 1
            break
        position += 1
    return hits


def _has_unit_marker(folded_words: str) -> bool:
    return any(marker in folded_words for marker in _UNIT_MARKERS)


def _municipality_match(
    name: str, exact_words: str | None, folded_words: str
) -> AuthorityMatch | None:
    """Place the words in one municipality; None when no municipality name occurs at all.

    Diacritics are compared first (`exact_words`; "Habo" is not "Håbo"); folded words are only
    tried when the exact words name no municipality, and a folded form shared by two
    municipalities leaves the name unmatched.
    """
    passes = [(folded_words, True)]
    if exact_words is not None:
        passes.insert(0, (exact_words, False))
    for candidate, folded in passes:
        tokens = candidate.split()
        hits = _find_hits(tokens, _form_index(folded))
        if hits:
            break
    else:
        return None
    # A bare name counts only as the whole text ("Nacka") or beside unit words
    # ("Stadsdelsnämnd Västra Göteborg"); otherwise it may be a provider ("Attendo Nacka").
    chosen = [hit for hit in hits if hit.anchored]
    whole_name = len(hits) == 1 and hits[0].end - hits[0].start == len(tokens)
    if not chosen and (whole_name or _has_unit_marker(folded_words)):
        chosen = hits
    codes = frozenset().union(*(hit.codes for hit in chosen))
    if len(codes) != 1:
        return _unmatched(name)
    (code,) = codes
    covered = {i for hit in chosen for i in range(hit.start, hit.end)}
    extra = [token for i, token in enumerate(tokens) if i not in covered]
    kind = (
        AuthorityKind.MUNICIPALITY
        if all(token in _MUNICIPALITY_WORDS for token in extra)
        else AuthorityKind.MUNICIPAL_UNIT
    )
    return AuthorityMatch(name, kind, code, _municipalities_by_code()[code].county_code, True)


def _region_match(name: str, folded_words: str) -> AuthorityMatch | None:
    codes = {
        code for alias, code in _region_aliases().items() if contains_phrase(folded_words, alias)
    }
    if not codes:
        return None
    if len(codes) > 1:
        return _unmatched(name)
    (county_code,) = codes
    # A county with a single municipality has one body for both (Region Gotland is 0980).
    members = [m.code for m in municipalities() if m.county_code == county_code]
    municipality_code = members[0] if len(members) == 1 else None
    return AuthorityMatch(name, AuthorityKind.REGION, municipality_code, county_code, True)


def _unmatched(name: str) -> AuthorityMatch:
    return AuthorityMatch(name, AuthorityKind.UNKNOWN, None, None, False)


def _association_match(name: str, folded_words: str) -> AuthorityMatch:
    """A kommunalförbund: with its members and their common county when the data knows it,
    else recorded as an association that is not placed (matched False)."""
    association = _association_by_words(folded_words)
    if association is None:
        return AuthorityMatch(name, AuthorityKind.ASSOCIATION, None, None, False)
    members = association.member_codes
    county_codes = {_municipalities_by_code()[code].county_code for code in members}
    county = next(iter(county_codes)) if len(county_codes) == 1 else None
    return AuthorityMatch(name, AuthorityKind.ASSOCIATION, None, county, True, members)


def _district_match(name: str, folded_words: str) -> AuthorityMatch | None:
    """ "Skärholmens stadsdelsförvaltning", "Stadsdelsnämnd Västra Hisingen": a district body
    named by the district alone. Only with a district word beside it: "Skärholmen" alone is a
    place, not a buyer."""
    tokens = folded_words.split()
    if not any(token.startswith(_DISTRICT_MARKERS) for token in tokens):
        return None
    codes: set[str] = set()
    for form, form_codes in _district_index().items():
        if contains_phrase(folded_words, form):
            codes |= form_codes
    if len(codes) != 1:
        return None
    (code,) = codes
    county = _municipalities_by_code()[code].county_code
    return AuthorityMatch(name, AuthorityKind.MUNICIPAL_UNIT, code, county, True)


def _region_body_match(name: str, folded_words: str) -> AuthorityMatch | None:
    """A region's health-care body named by a place: "Sjukvårdsområde Umeå" is Region
    Västerbotten's. None when no such body is named; unmatched when the places named lie in
    no county or in several."""
    tokens = folded_words.split()
    if not any(token.startswith(_REGION_BODY_MARKERS) for token in tokens):
        return None
    counties_named = {
        code for key, code in _county_keys().items() if key and contains_phrase(folded_words, key)
    }
    for hit in _find_hits(tokens, _form_index(True)):
        if hit.anchored:
            return None  # "..., Umeå kommun": the municipality's own body
        counties_named |= {_municipalities_by_code()[code].county_code for code in hit.codes}
    if len(counties_named) != 1:
        return _unmatched(name)
    (county_code,) = counties_named
    members = [m.code for m in municipalities() if m.county_code == county_code]
    municipality_code = members[0] if len(members) == 1 else None
    return AuthorityMatch(name, AuthorityKind.REGION, municipality_code, county_code, True)


def _match(name: str, exact_words: str | None, folded_words: str) -> AuthorityMatch:
    """Shared rules: state agency, kommunalförbund, region (and its health-care bodies), then
    municipality or unit of one (a district body included)."""
    if not folded_words:
        return _unmatched(name)
    if _FEDERATION_MARKER in folded_words:
        if _ASSOCIATION_MARKER in folded_words:
            return _association_match(name, folded_words)
        return _unmatched(name)
    if any(contains_phrase(folded_words, words(agency)) for agency in _STATE_AGENCIES):
        return AuthorityMatch(name, AuthorityKind.STATE, None, None, True)
    region = _region_match(name, folded_words) or _region_body_match(name, folded_words)
    if region is not None:
        return region
    municipal = _municipality_match(name, exact_words, folded_words)
    if municipal is not None and municipal.matched:
        return municipal
    return _district_match(name, folded_words) or municipal or _unmatched(name)


@lru_cache(maxsize=4096)  # a crawl meets the same few hundred buyers again and again
def match_authority(name: str | None) -> AuthorityMatch:
    """Recognise an advert's authority name ("Salems kommun", "Region Skåne", ...)."""
    cleaned = " ".join((name or "").split())
    return _match(cleaned, words(cleaned, keep_diacritics=True), words(cleaned))


@lru_cache(maxsize=4096)
def match_slug(slug: str) -> AuthorityMatch:
    """Recognise the buyer slug of an advert URL ("salems-kommun").

    Slugs are ASCII-folded, so names that fold alike (Habo, Håbo) stay unmatched.
    """
    cleaned = " ".join(slug.split())
    return _match(cleaned, None, words(cleaned.strip("/")))


def find_municipality(text: str) -> Municipality | None:
    """What a person types: "0181", "181", "Södertälje", "sodertalje", "Södertälje kommun"."""
    cleaned = text.strip()
    if cleaned.isdigit() and len(cleaned) <= 4:
        return municipality_by_code(cleaned.zfill(4))
    for folded in (False, True):
        tokens = words(cleaned, keep_diacritics=not folded).split()
        core = " ".join(token for token in tokens if token not in _MUNICIPALITY_WORDS)
        codes = _form_index(folded).get(core)
        if codes is not None:
            return municipality_by_code(next(iter(codes))) if len(codes) == 1 else None
    return None


@cache
def _county_keys() -> dict[str, str]:
    """Folded county name, stem, region name or alias → länskod."""
    keys: dict[str, str] = {}
    for row in _region_rows():
        code = row["county_code"]
        county = words(row["county_name"])
        stem = county.removesuffix(" lan")
        region = words(row["region_name"])
        for key in (county, stem, stem.removesuffix("s"), region, region.removeprefix("region ")):
            keys[key] = code
        keys.update(
            (alias, code) for alias, alias_code in _region_aliases().items() if alias_code == code
        )
    return keys


@cache
def name_words() -> frozenset[str]:
    """Every folded word of a municipality's name forms and of a county's or region's names
    and aliases ("sollentuna", "boras", "kronobergs", "kronoberg", "varmland"), without the
    words that only say what kind of body it is ("lan", "region")."""
    keys = [*_form_index(True), *_county_keys()]
    return frozenset(word for key in keys for word in key.split()) - {"lan", "region"}


@cache
def _letter_codes() -> dict[str, str]:
    """Länsbokstav ("AB", "M", ...), the letter code still used in official registers → länskod."""
    return {row["letter_code"]: row["county_code"] for row in _region_rows()}


def find_county(text: str) -> County | None:
    """What a person types: "01", "1", "AB", "Stockholms län", "stockholm", "Region Stockholm"."""
    cleaned = text.strip()
    if cleaned.isdigit() and len(cleaned) <= 2:
        return county_by_code(cleaned.zfill(2))
    code = _letter_codes().get(cleaned.upper()) or _county_keys().get(words(cleaned))
    return county_by_code(code) if code else None
