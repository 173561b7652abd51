"""Atom feeds of events for any filter. Each entry is one event with a stable id
(`tag:lovwatch,2026:event/<id>`) and the moment it was detected as `updated`, so a feed reader
shows it once however often the feed is fetched or rewritten."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from sqlmodel import Session

from lovwatch import __version__
from lovwatch.config import PROJECT_URL
from lovwatch.normalize.authorities import county_by_code, municipality_by_code
from lovwatch.notify.municipal import headline
from lovwatch.web import data
from lovwatch.web.filters import AdvertFilter
from lovwatch.web.labels import safe_url

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:lovwatch,2026:"
#: Entries per feed: readers keep what they have seen, a feed need not hold everything.
FEED_LIMIT = 100

KIND_TITLES = {
    "new": "Nytt valfrihetssystem",
    "changed": "Ändrat valfrihetssystem",
    "ended": "Avslutat valfrihetssystem",
    "reappeared": "Återpublicerat valfrihetssystem",
}
FIELD_LABELS = {
    "title": "rubrik",
    "region_name": "region",
    "listing_areas": "tjänsteområden",
    "excerpt": "sammanfattning",
    "authority": "upphandlande myndighet",
    "page_areas": "tjänsteområden på annonssidan",
    "published": "publiceringsdatum",
    "contact": "kontaktperson",
    "documents": "förfrågningsunderlag",
    "description": "beskrivning",
}


def event_tag(event_id: int, former_municipal_id: int | None = None) -> str:
    """The entry id. National and municipal events share one numbering (`event/<id>`); a
    municipal event from before they did keeps the id its feed entry had then
    (`municipal-event/<its former id>`), so a reader never shows it a second time."""
    if former_municipal_id is not None:
        return f"{TAG}municipal-event/{former_municipal_id}"
    return f"{TAG}event/{event_id}"


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def feed_title(wanted: AdvertFilter) -> str:
    parts = []
    for code in wanted.counties:
        county = county_by_code(code)
        parts.append(county.name if county else code)
    for code in wanted.municipalities:
        found = municipality_by_code(code)
        parts.append(found.name if found else code)
    parts += list(wanted.categories) + [f"kommungrupp {k}" for k in wanted.kommungrupper]
    parts += [f"”{keyword}”" for keyword in wanted.keywords]
    return "LOV-bevakning" + (": " + ", ".join(parts) if parts else ": hela Sverige")


def summary(event: dict[str, Any], advert: dict[str, Any] | None) -> str:
    """The entry's text: buyer, place, categories, and what changed or why it ended."""
    lines = []
    if advert is not None:
        place = municipality_by_code(advert.get("municipality_code") or "")
        county = county_by_code(advert.get("county_code") or "")
        lines.append(
            "Upphandlande myndighet: "
            + (advert.get("authority") or "okänd")
            + (f" ({place.name})" if place else f" ({county.name})" if county else "")
        )
        if advert.get("categories"):
            lines.append("Kategorier: " + ", ".join(c["label"] for c in advert["categories"]))
    details = event.get("details") or {}
    if event["kind"] == "changed" and details.get("fields"):
        lines.append(
            "Ändrat: " + ", ".join(FIELD_LABELS.get(f, f) for f in details.get("fields", []))
        )
    if event["kind"] == "ended" and details.get("reason"):
        lines.append(f"Skäl: {details['reason']}")
    return "\n".join(lines)


def atom_feed(
    events: Sequence[dict[str, Any]],
    adverts: dict[str, dict[str, Any]],
    wanted: AdvertFilter,
    *,
    self_url: str,
    link_for: Any,
    generated: datetime,
    municipal: dict[int, Any] | None = None,
) -> str:
    """An Atom document. `link_for(event, advert)` gives each entry's link (the site's advert
    page when served, the national database's page in a static file); municipal-site events
    (`municipal`: their stored rows by id) link to the page they were read on."""
    municipal = municipal or {}
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})

    def add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            element.text = text
        return element

    query = wanted.query_string()
    add(feed, "id", f"{TAG}feed" + (f"?{quote(query, safe='=&')}" if query else ""))
    add(feed, "title", feed_title(wanted))
    add(feed, "subtitle", "Nya, ändrade och avslutade valfrihetssystem enligt LOV (lovwatch)")
    newest = max((event["detected_at"] for event in events), default=generated)
    add(feed, "updated", _stamp(newest))
    add(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    author = add(feed, "author")
    add(author, "name", "lovwatch")
    add(author, "uri", PROJECT_URL)
    add(feed, "generator", "lovwatch", uri=PROJECT_URL, version=__version__)
    for event in events:
        entry = add(feed, "entry")
        if event.get("source") == "municipal":
            _municipal_entry(add, entry, event, municipal.get(event["id"]), link_for)
            continue
        advert = adverts.get(event["advert_id"])
        add(entry, "id", event_tag(event["id"]))
        title = (advert or {}).get("title") or event.get("title") or event["advert_id"]
        add(entry, "title", f"{KIND_TITLES.get(event['kind'], event['kind'])}: {title}")
        add(entry, "updated", _stamp(event["detected_at"]))
        add(entry, "published", _stamp(event["detected_at"]))
        add(entry, "link", rel="alternate", href=link_for(event, advert), type="text/html")
        for category in (advert or {}).get("categories", []):
            add(entry, "category", term=category["code"], label=category["label"])
        add(entry, "summary", summary(event, advert), type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def _municipal_entry(
    add: Any, entry: ET.Element, event: dict[str, Any], stored: Any, link_for: Any
) -> None:
    details = event.get("details") or {}
    add(entry, "id", event_tag(event["id"], getattr(stored, "former_municipal_id", None)))
    add(entry, "title", headline(stored) if stored is not None else event["kind"])
    add(entry, "updated", _stamp(event["detected_at"]))
    add(entry, "published", _stamp(event["detected_at"]))
    link = safe_url(details.get("url")) or link_for(event, None)
    add(entry, "link", rel="alternate", href=link, type="text/html")
    if event.get("category_code"):
        add(entry, "category", term=event["category_code"])
    lines = [f"Kommun: {event.get('municipality') or event['municipality_code']}"]
    if details.get("org_number"):
        lines.append(f"Organisationsnummer: {details['org_number']}")
    if details.get("quote"):
        lines.append(f"Ur kommunens webbplats: ”{' '.join(str(details['quote']).split())}”")
    add(entry, "summary", "\n".join(lines), type="text")


def build_feed(
    session: Session,
    wanted: AdvertFilter,
    *,
    source: str,
    kinds: list[str],
    since: Any,
    include_baseline: bool,
    self_url: str,
    link_for: Any,
    generated: datetime,
    limit: int = FEED_LIMIT,
) -> str:
    """The feed of the events that pass `wanted`, newest first, at most `limit`."""
    rows = data.any_events(
        session,
        wanted,
        source=source,
        since=since,
        kinds=kinds,
        limit=limit,
        include_baseline=include_baseline,
    )
    adverts = {a["id"]: a for a in data.adverts(session, AdvertFilter(status="all"))}
    municipal = data.municipal_rows(
        session, [row["id"] for row in rows if row.get("source") == "municipal"]
    )
    return atom_feed(
        rows,
        adverts,
        wanted,
        self_url=self_url,
        link_for=link_for,
        generated=generated,
        municipal=municipal,
    )
