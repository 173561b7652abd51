"""Reading the store for people: adverts, events and runs as plain dictionaries.

These dictionaries are the JSON contract of `lovwatch list`, `show` and `events` (see README).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from lovwatch.constants import AdvertStatus, EventSource, RunStatus
from lovwatch.models.tables import (
    Advert,
    AdvertCategory,
    AdvertVersion,
    Authority,
    CrawlRun,
    Event,
    ServiceCategory,
)
from lovwatch.normalize.authorities import municipality_by_code


def _categories(session: Session, advert_ids: list[str]) -> dict[str, list[dict[str, str]]]:
    rows = session.exec(
        select(AdvertCategory.advert_id, ServiceCategory)
        .join(ServiceCategory, col(ServiceCategory.code) == col(AdvertCategory.category_code))
        .where(col(AdvertCategory.advert_id).in_(advert_ids))
        .order_by(col(ServiceCategory.position))
    )
    found: dict[str, list[dict[str, str]]] = defaultdict(list)
    for advert_id, category in rows:
        found[advert_id].append(
            {"code": category.code, "label": category.label, "group": category.group_code}
        )
    return found


def last_listing(session: Session) -> datetime | None:
    """When the latest complete national run read the listing: an active advert still listed
    then (not missing) was seen at that moment, though its row was not rewritten."""
    return session.exec(
        select(CrawlRun.finished_at)
        .where(CrawlRun.source == "national", CrawlRun.status == RunStatus.COMPLETE)
        .order_by(col(CrawlRun.id).desc())
        .limit(1)
    ).first()


def last_seen(advert: Advert, listed_at: datetime | None) -> datetime:
    """An unchanged refresh does not touch an advert's row (no rewrite, no dead row): while
    it is active and was in the latest complete listing, it was seen then."""
    if listed_at is not None and advert.status == AdvertStatus.ACTIVE and not advert.missing_runs:
        return max(advert.last_seen, listed_at)
    return advert.last_seen


def advert_dict(
    advert: Advert,
    authority: Authority | None,
    categories: list[dict[str, str]],
    listed_at: datetime | None = None,
) -> dict[str, Any]:
    return {
        "id": advert.id,
        "url": advert.url,
        "title": advert.title,
        "authority": authority.name if authority else None,
        "authority_kind": authority.kind if authority else None,
        "authority_matched": authority.matched if authority else False,
        "municipality_code": authority.municipality_code if authority else None,
        "county_code": authority.county_code if authority else None,
        "categories": categories,
        "service_areas": advert.service_areas,
        "status": advert.status,
        "published": advert.published,
        "updated": advert.updated,
        "first_seen": advert.first_seen,
        "last_seen": last_seen(advert, listed_at),
        "ended_at": advert.ended_at,
    }


def list_adverts(
    session: Session,
    *,
    categories: list[str] | None = None,
    counties: list[str] | None = None,
    municipalities: list[str] | None = None,
    status: str = "active",
    since: date | None = None,
) -> list[dict[str, Any]]:
    """Adverts matching every given filter (several values of one filter: any of them)."""
    query = select(Advert, Authority).join(Authority, isouter=True)
    if status != "all":
        query = query.where(Advert.status == status)
    if counties:
        query = query.where(col(Authority.county_code).in_(counties))
    if municipalities:
        query = query.where(col(Authority.municipality_code).in_(municipalities))
    if categories:
        carrying = select(AdvertCategory.advert_id).where(
            col(AdvertCategory.category_code).in_(categories)
        )
        query = query.where(col(Advert.id).in_(carrying))
    if since is not None:
        moment = datetime.combine(since, datetime.min.time())
        query = query.where(or_(col(Advert.first_seen) >= moment, col(Advert.updated) >= since))
    rows = list(session.exec(query.order_by(Advert.id)))
    cats = _categories(session, [advert.id for advert, _ in rows])
    listed_at = last_listing(session)
    return [
        advert_dict(advert, authority, cats.get(advert.id, []), listed_at)
        for advert, authority in rows
    ]


def get_advert(session: Session, advert_id: str) -> dict[str, Any] | None:
    """One advert in full: the list fields plus contact, documents, description, versions
    and events."""
    advert = session.get(Advert, advert_id.strip("/"))
    if advert is None:
        return None
    authority = session.get(Authority, advert.authority_id) if advert.authority_id else None
    data = advert_dict(
        advert,
        authority,
        _categories(session, [advert.id]).get(advert.id, []),
        last_listing(session),
    )
    data.update(
        region_name=advert.region_name,
        excerpt=advert.excerpt,
        contact=advert.contact,
        documents=advert.documents,
        description=advert.description,
        raw_item=advert.raw_item,
        versions=[
            {"recorded_at": v.recorded_at, "run_id": v.run_id, "changed_fields": v.changed_fields}
            for v in session.exec(
                select(AdvertVersion)
                .where(AdvertVersion.advert_id == advert.id)
                .order_by(col(AdvertVersion.id))
            )
        ],
        events=[
            event_dict(e)
            for e in session.exec(
                select(Event).where(Event.advert_id == advert.id).order_by(col(Event.id))
            )
        ],
    )
    return data


def event_dict(event: Event, advert: Advert | None = None) -> dict[str, Any]:
    """A national event as `lovwatch events` shows it (with the advert's title and URL)."""
    data: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind,
        "advert_id": event.advert_id,
        "detected_at": event.detected_at,
        "run_id": event.run_id,
        "baseline": event.baseline,
        "details": event.details,
    }
    if advert is not None:
        data["title"] = advert.title
        data["url"] = advert.url
    return data


def municipal_event_dict(event: Event) -> dict[str, Any]:
    """A municipal-site event as `lovwatch events --source municipal` shows it."""
    code = event.municipality_code or ""
    municipality = municipality_by_code(code)
    return {
        "id": event.id,
        "source": EventSource.MUNICIPAL.value,
        "kind": event.kind,
        "municipality_code": code,
        "municipality": municipality.name if municipality else None,
        "category_code": event.category_code,
        "detected_at": event.detected_at,
        "run_id": event.run_id,
        "baseline": event.baseline,
        "details": event.details,
    }


def list_events(
    session: Session,
    *,
    source: str = EventSource.NATIONAL,
    since: date | None = None,
    kinds: list[str] | None = None,
    limit: int | None = None,
    include_baseline: bool = True,
) -> list[dict[str, Any]]:
    """Events of `source` (national, municipal or all), newest first, as `lovwatch events`
    shows them: national rows as `event_dict` (with `"source": "national"` added when both
    sources are listed), municipal rows as `municipal_event_dict`."""
    query = select(Event, Advert).join(Advert, isouter=True)
    if source != "all":
        query = query.where(col(Event.source) == source)
    if since is not None:
        query = query.where(col(Event.detected_at) >= datetime.combine(since, datetime.min.time()))
    if kinds:
        query = query.where(col(Event.kind).in_(kinds))
    if not include_baseline:
        query = query.where(col(Event.baseline).is_(False))
    query = query.order_by(col(Event.detected_at).desc(), col(Event.id).desc())
    if limit is not None:
        query = query.limit(limit)
    rows = []
    for event, advert in session.exec(query):
        if event.source == EventSource.MUNICIPAL:
            rows.append(municipal_event_dict(event))
        elif source == "all":
            rows.append({"source": EventSource.NATIONAL.value, **event_dict(event, advert)})
        else:
            rows.append(event_dict(event, advert))
    return rows


def list_runs(session: Session, limit: int | None = 20) -> list[dict[str, Any]]:
    query = select(CrawlRun).order_by(col(CrawlRun.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return [run.model_dump() for run in session.exec(query)]
