"""Municipal-site events (`Event` rows with `source = "municipal"`) as the notifier sees
them: the subject that a subscription's filters match, and the Swedish notice a message shows.

The filters are the national ones, read from the event instead of an advert: category is the
event's category_code, county and kommungrupp come from its municipality code, and keywords
search the headline, the provider's name and the quoted evidence. An event that names no
category (LOV in general, or a provider list without one) passes no category filter.
"""

from __future__ import annotations

from typing import Any

from lovwatch.constants import LOV_ENDED, LOV_INTRODUCED, PROVIDER_ADDED, PROVIDER_REMOVED
from lovwatch.models.tables import Event
from lovwatch.normalize.authorities import Municipality, municipality_by_code
from lovwatch.normalize.categories import category_by_code
from lovwatch.notify.messages import Notice, safe_link

#: A message quotes at most this much of the evidence; the link leads to the rest.
_QUOTE = 280
#: Where "<name>s kommun" is not the municipality's name as a buyer.
_OFFICIAL_NAMES = {"0980": "Region Gotland", "2080": "Falu kommun"}
#: Municipalities that call themselves "stad" (kommunkod → name).
_STAD = {
    "0180": "Stockholms stad", "0183": "Sundbybergs stad", "0184": "Solna stad",
    "0186": "Lidingö stad", "0187": "Vaxholms stad", "1280": "Malmö stad",
    "1282": "Landskrona stad", "1283": "Helsingborgs stad", "1480": "Göteborgs Stad",
    "1481": "Mölndals stad", "1488": "Trollhättans stad", "1490": "Borås Stad",
    "1980": "Västerås stad", "2583": "Haparanda stad",
}  # fmt: skip


def kommun_name(municipality: Municipality | None, code: str) -> str:
    """How a message names the municipality: "Krokoms kommun", "Borås Stad"; a region (a
    2-digit county code in the municipal-site tables) by its own name, "Region Skåne"."""
    if municipality is None:
        return f"kommun {code}"
    if len(municipality.code) == 2:
        return municipality.name
    if municipality.code in _OFFICIAL_NAMES or municipality.code in _STAD:
        return _OFFICIAL_NAMES.get(municipality.code) or _STAD[municipality.code]
    # A name ending in s, x or z takes no extra genitive s.
    genitive = municipality.name if municipality.name[-1] in "sxz" else municipality.name + "s"
    return f"{genitive} kommun"


def _category(code: str | None) -> tuple[str, str]:
    """(label, the label as it reads inside a sentence) of a category code; ("", "") if none."""
    category = category_by_code(code) if code else None
    if category is None:
        return "", ""
    label = category.label
    # "Hemtjänst" → "hemtjänst", but "LSS-boende" stays as it is.
    inline = label[0].lower() + label[1:] if label[1:2].islower() else label
    return label, inline


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"


def headline(event: Event) -> str:
    """The event as one Swedish sentence: "Ny utförare godkänd: X AB (hemtjänst, Krokoms
    kommun)", "Krokoms kommun inför LOV i familjerådgivning"."""
    details = event.details or {}
    code = event.municipality_code or ""
    kommun = kommun_name(municipality_by_code(code), code)
    _label, inline = _category(event.category_code)
    where = f"{inline}, {kommun}" if inline else kommun
    provider = str(details.get("provider") or "okänd utförare")
    if event.kind == PROVIDER_ADDED:
        lead = "Ny utförare i egen regi" if details.get("own_unit") else "Ny utförare godkänd"
        return f"{lead}: {provider} ({where})"
    if event.kind == PROVIDER_REMOVED:
        return f"Utförare inte längre listad: {provider} ({where})"
    verbs: dict[str, str] = {LOV_INTRODUCED: "inför", LOV_ENDED: "avslutar"}
    verb = verbs.get(event.kind, event.kind)
    sentence = f"{kommun} {verb} LOV" + (f" i {inline}" if inline else "")
    return sentence + (f" ({details['date']})" if details.get("date") else "")


def subject(event: Event) -> dict[str, Any]:
    """The event in the shape `filters.matches` reads (the fields of an advert it uses)."""
    code = event.municipality_code or ""
    municipality = municipality_by_code(code)
    label, _inline = _category(event.category_code)
    details = event.details or {}
    return {
        "title": headline(event),
        "authority": kommun_name(municipality, code),
        "municipality_code": code,
        "county_code": municipality.county_code if municipality else None,
        "categories": [{"code": event.category_code, "label": label}] if label else [],
        "texts": [str(details.get(key) or "") for key in ("provider", "quote")],
    }


def municipal_notice(event: Event) -> Notice:
    """How a message shows a municipal-site event: headline, place, evidence and its page."""
    code = event.municipality_code or ""
    municipality = municipality_by_code(code)
    label, _inline = _category(event.category_code)
    details = event.details or {}
    return Notice(
        kind=event.kind,
        title=headline(event),
        authority=kommun_name(municipality, code),
        municipality=municipality.name if municipality else "",
        county=municipality.county_name if municipality else "",
        categories=[label] if label else [],
        url=safe_link(details.get("url"), None),
        detected_at=event.detected_at,
        source="municipal",
        quote=_excerpt(str(details.get("quote") or "")),
        org_number=str(details.get("org_number") or ""),
    )
