"""Swedish words for what the store keeps in English codes, and the template filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from lovwatch.normalize.authorities import counties, county_by_code, municipality_by_code

STATUS = {"active": "Aktiv", "ended": "Avslutad", "all": "Alla"}
STATUS_CHOICES = {"active": "Aktiva", "ended": "Avslutade", "all": "Alla"}
EVENT_KINDS = {
    "new": "Ny",
    "changed": "Ändrad",
    "ended": "Avslutad",
    "reappeared": "Återpublicerad",
}
ALL_EVENT_KINDS = {
    **EVENT_KINDS,
    "provider_added": "Ny utförare",
    "provider_removed": "Utförare borta",
    "lov_introduced": "Inför LOV",
    "lov_ended": "Avslutar LOV",
}
SOURCES = {
    "national": "Hitta LOV-uppdrag",
    "municipal": "Kommunernas webbplatser",
    "all": "Båda",
}
AUTHORITY_KINDS = {
    "municipality": "Kommun",
    "municipal_unit": "Kommunal nämnd eller förvaltning",
    "region": "Region",
    "state": "Statlig myndighet",
    "association": "Kommunalförbund",
    "unknown": "Okänd",
}
FINDINGS = {
    "gap": "Lucka: de flesta jämförbara kommuner har LOV här, kommunen har det inte",
    "distinctive": "Utmärkande: kommunen har LOV här, de flesta jämförbara har det inte",
    "peers_only": "Några jämförbara kommuner har LOV här, kommunen har det inte",
    "common": "Gemensamt: kommunen och de flesta jämförbara har LOV här",
}
FINDING_SHORT = {
    "gap": "Lucka",
    "distinctive": "Utmärkande",
    "peers_only": "Bara hos andra",
    "common": "Gemensamt",
}
PEER_CHOICES = {
    "kommungrupp": "Samma kommungrupp (SKR)",
    "county": "Samma län",
    "size": "Samma storleksklass (invånare)",
}
FIELDS = {
    "title": "Rubrik",
    "region_name": "Region/ort",
    "listing_areas": "Tjänsteområden (listan)",
    "excerpt": "Sammanfattning",
    "authority": "Upphandlande myndighet",
    "page_areas": "Tjänsteområden (annonssidan)",
    "published": "Publicerad",
    "contact": "Kontaktperson",
    "documents": "Förfrågningsunderlag",
    "description": "Beskrivning",
}
STATEMENT_KINDS = {
    "active": "Har valfrihetssystem",
    "introduce": "Inför valfrihetssystem",
    "not_introduce": "Inför inte valfrihetssystem",
    "end": "Avslutar valfrihetssystem",
    "renewed": "Förnyar valfrihetssystem",
}
MODALITIES = {
    "decided": "beslutat",
    "planned": "planerat",
    "proposed": "föreslaget",
    "demanded": "krav",
    "rejected": "avslaget",
}
SITE_STATUS = {"active": "Har LOV enligt webbplatsen", "inactive": "Ingen LOV enligt webbplatsen"}
GAP_KINDS = {
    "site_only": "Webbplatsen beskriver LOV men det finns ingen nationell annons",
    "national_only": "Nationell annons som webbplatsen inte nämner",
}
INTERVALS = {"day": "Dag", "week": "Vecka", "month": "Månad", "quarter": "Kvartal", "year": "År"}
BY = {"category": "Kategori", "county": "Län", "kommungrupp": "Kommungrupp"}


def day(value: Any) -> str:
    """A date or timestamp as YYYY-MM-DD (how dates are written in Sweden)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def moment(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") + " UTC"
    return day(value)


def safe_url(value: Any) -> str | None:
    """Only http(s) links from crawled data become links; anything else is shown as text."""
    if not isinstance(value, str):
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in ("http", "https") else None


def county_name(code: str | None) -> str:
    county = county_by_code(code) if code else None
    return county.name if county else (code or "–")


def municipality_name(code: str | None) -> str:
    found = municipality_by_code(code) if code else None
    return found.name if found else (code or "–")


def number(value: Any) -> str:
    """An integer with a narrow no-break space between thousands, as Swedish prints it."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return "–" if value is None else str(value)


def percent(value: Any) -> str:
    if value is None:
        return "–"
    return f"{round(float(value) * 100)} %"


def text_value(value: Any) -> str:
    """A stored field (string, list, documents) as readable text for a diff."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(
            f"{item.get('label', '')} {item.get('url', '')}".strip()
            if isinstance(item, dict)
            else str(item)
            for item in value
        )
    return str(value)


GLOBALS: dict[str, Any] = {
    "STATUS": STATUS,
    "STATUS_CHOICES": STATUS_CHOICES,
    "EVENT_KINDS": EVENT_KINDS,
    "ALL_EVENT_KINDS": ALL_EVENT_KINDS,
    "SOURCES": SOURCES,
    "AUTHORITY_KINDS": AUTHORITY_KINDS,
    "FINDINGS": FINDINGS,
    "FINDING_SHORT": FINDING_SHORT,
    "PEER_CHOICES": PEER_CHOICES,
    "FIELDS": FIELDS,
    "STATEMENT_KINDS": STATEMENT_KINDS,
    "MODALITIES": MODALITIES,
    "SITE_STATUS": SITE_STATUS,
    "GAP_KINDS": GAP_KINDS,
    "INTERVALS": INTERVALS,
    "BY": BY,
    "all_counties": counties,
}
FILTERS: dict[str, Any] = {
    "day": day,
    "moment": moment,
    "safe_url": safe_url,
    "county_name": county_name,
    "municipality_name": municipality_name,
    "number": number,
    "percent": percent,
}
