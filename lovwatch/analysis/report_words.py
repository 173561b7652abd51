"""The report's words in Swedish: it is read by municipal officials and care providers, so
every label, rule and source note it prints comes from here (the CLI keeps its English)."""

from __future__ import annotations

from lovwatch.analysis.compare import PeerGroup, population_band
from lovwatch.normalize.authorities import Municipality

#: The "any category" series (the CLI's label adds English).
ANY_LABEL = "Alla kategorier"
#: `compare`'s findings, as the benchmark table explains them.
FINDINGS = {
    "gap": "Lucka: de flesta jämförbara kommuner har LOV här, kommunen har det inte",
    "distinctive": "Utmärkande: kommunen har LOV här, de flesta jämförbara har det inte",
    "peers_only": "Några jämförbara kommuner har LOV här, kommunen har det inte",
    "common": "Gemensamt: kommunen och de flesta jämförbara har LOV här",
}
EVENT_KINDS = {"new": "Ny", "ended": "Avslutad", "changed": "Ändrad", "reappeared": "Återkommen"}
#: A trend row's basis.
COVERAGE = {
    "observed": "observerad",
    "backfilled": "bakåträknad (minst)",
    "reference": "publicerad",
}
#: "at the end of each ..." and "...ly" for the trend caption and table.
INTERVALS = {
    "day": ("dag", "per dag"),
    "week": ("vecka", "per vecka"),
    "month": ("månad", "per månad"),
    "quarter": ("kvartal", "per kvartal"),
    "year": ("år", "per år"),
}
#: The counting rules of `lovwatch stats --help` (timeline.COUNTING_RULES), in Swedish.
COUNTING_RULES = (
    "En annons är aktiv dag D om den började senast D och inte hade hittats avslutad till "
    "och med D (läget efter dagens insamling). Den börjar vid första insamlingen, eller på "
    "sitt publiceringsdatum om det är tidigare; uppehåll mellan ett avslut och en "
    "återpublicering räknas inte.",
    "Dagar före den första fullständiga insamlingen räknas bakåt från publiceringsdatum: bara "
    "annonser som fanns kvar vid första insamlingen är kända, så de talen är lägsta värden.",
    "En kommun har LOV i en kategori om någon aktiv annons i kategorin tillhör kommunen eller "
    "någon av dess nämnder, förvaltningar eller stadsdelar; varje kommunkod räknas en gång. "
    "Region Gotland räknas också som kommun 0980.",
    "Regioner räknas för sig, en gång per länskod; statliga myndigheter (Arbetsförmedlingen) "
    "för sig efter namn; myndigheter som inte kunde placeras bara i antalet annonser.",
)
#: What each shipped reference series counts (lovwatch/data/reference_series.csv's `method`).
SOURCE_METHODS = {
    "skr_status": "SKR, Utveckling av LOV i Sverige (2023-11-20), sammanställt ur den nationella "
    "LOV-databasen: kommuner efter LOV-status, varje år summerar till 290.",
    "uhm_adverts": "Upphandlingsmyndigheten: annonser i den nationella LOV-databasen efter typ "
    "av upphandlande myndighet (en annons per valfrihetssystem, räknat en referensmånad).",
    "uhm_municipalities": "Upphandlingsmyndigheten 2024: kommuner med minst ett "
    "valfrihetssystem i den nationella databasen.",
    "skr_services": "SKR:s enkät om kommuner per tjänsteområde (april 2018, maj 2023).",
    "vfw_services": "Valfrihetswebbens nationella lista över tjänster (oktober 2014): antal "
    "kommuner per tjänst.",
}


def number(value: int) -> str:
    """An integer with a narrow no-break space between thousands, as Swedish prints it."""
    return f"{value:,}".replace(",", "\u202f")


def peer_description(subject: Municipality, group: PeerGroup) -> str:
    """The peer group in Swedish (`compare` describes it in English)."""
    if group.kind == "county":
        return f"kommunerna i {subject.county_name}"
    if group.kind == "kommungrupp":
        return f"SKR:s kommungrupp {subject.kommungrupp_code} {subject.kommungrupp_name}"
    if group.kind == "size":
        low, high = population_band(subject.population)
        if high is None:
            return f"kommuner med minst {number(low)} invånare"
        return f"kommuner med {number(low)}–{number(high - 1)} invånare"
    return "de valda kommunerna"
