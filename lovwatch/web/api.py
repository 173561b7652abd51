"""The JSON API: the CLI's JSON contracts over HTTP, described in `/openapi.json`.

Each route returns what the matching command prints with `--format json` (the same keys,
the same ISO dates through `lovwatch.output.to_jsonable`); the models below only describe
those shapes for the OpenAPI document. Errors are `{"error": "..."}` with 400 or 404.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from lovwatch.clock import today
from lovwatch.output import to_jsonable
from lovwatch.web import data, paging
from lovwatch.web.app import Web
from lovwatch.web.filters import FilterError, parse_date_value, parse_filter, parse_kinds

router = APIRouter(prefix="/api", tags=["api"])


#: Timestamps are naive UTC as the CLI prints them ("2026-03-01T06:00:00"), which is not an
#: RFC 3339 `date-time` (no offset): described by a pattern instead.
Timestamp = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$",
        description="UTC, ISO 8601 without offset",
        examples=["2026-03-01T06:00:00"],
    ),
]


class ErrorOut(BaseModel):
    error: str = Field(description="What was wrong with the request and what to give instead")


class CategoryOut(BaseModel):
    code: str
    label: str
    group: str


class AdvertOut(BaseModel):
    """An advert as `lovwatch list --format json` prints it."""

    id: str = Field(description="<buyer-slug>/<system-slug> from the advert URL")
    url: str
    title: str
    authority: str | None
    authority_kind: str | None
    authority_matched: bool
    municipality_code: str | None = Field(description="kommunkod (4 digits)")
    county_code: str | None = Field(description="länskod (2 digits)")
    categories: list[CategoryOut]
    service_areas: list[str]
    status: str = Field(description="active or ended")
    published: date | None
    updated: date | None
    first_seen: Timestamp
    last_seen: Timestamp
    ended_at: Timestamp | None


class VersionOut(BaseModel):
    recorded_at: Timestamp
    run_id: int | None
    changed_fields: list[str]


class EventOut(BaseModel):
    """A national event as `lovwatch events --format json` prints it."""

    id: int
    kind: str = Field(description="new, changed, ended or reappeared")
    advert_id: str
    detected_at: Timestamp
    run_id: int
    baseline: bool
    details: dict[str, Any]
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description='"national" when source=all')


class MunicipalEventOut(BaseModel):
    """A municipal-site event as `lovwatch events --source municipal --format json` prints it."""

    id: int
    source: str = Field(description='"municipal"')
    kind: str = Field(description="provider_added, provider_removed, lov_introduced, lov_ended")
    municipality_code: str
    municipality: str | None
    category_code: str | None
    detected_at: Timestamp
    run_id: int | None
    baseline: bool
    details: dict[str, Any]


class DocumentOut(BaseModel):
    label: str | None = None
    url: str | None = None


class AdvertDetailOut(AdvertOut):
    """An advert as `lovwatch show ID --format json` prints it."""

    region_name: str | None
    excerpt: str | None
    contact: str | None
    documents: list[DocumentOut]
    description: str | None
    raw_item: dict[str, Any]
    versions: list[VersionOut]
    events: list[EventOut]


class StatsOut(BaseModel):
    """`lovwatch stats --format json`."""

    by: str
    categories: list[str]
    totals: dict[str, Any]
    rows: list[dict[str, Any]]


class TrendRowOut(BaseModel):
    period: str
    date: date | None
    category_code: str
    category_label: str
    municipalities: int | None
    regions: int | None
    state_agencies: int | None
    adverts: int | None
    coverage: str
    source: str


class CompareRowOut(BaseModel):
    category_code: str
    category_label: str
    runs: bool
    since: date | None
    peers_running: int
    peers: int
    peer_share: float
    finding: str = Field(description="gap, distinctive, peers_only or common")


class CompareOut(BaseModel):
    """`lovwatch compare X --format json`."""

    municipality: dict[str, Any]
    peers: dict[str, Any]
    date: date
    threshold: float
    rows: list[CompareRowOut]


class MunicipalityOut(BaseModel):
    """`lovwatch municipality X --format json`."""

    code: str
    name: str
    county_code: str
    county: str
    kommungrupp_code: str
    kommungrupp: str
    population: int
    website: str | None
    national_adverts: list[AdvertOut]
    site_status: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    providers: dict[str, list[dict[str, Any]]]
    provider_counts: list[dict[str, Any]]
    pages: list[dict[str, Any]]
    gaps: list[dict[str, Any]]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A filter value that means nothing"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such advert or municipality"},
}


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _json(value: Any) -> JSONResponse:
    return JSONResponse(to_jsonable(value))


Repeated = list[str]
CATEGORY = Query(default=[], description="Category code, label or synonym; repeatable")
COUNTY = Query(default=[], description="länskod or name (01, Stockholms län); repeatable")
MUNICIPALITY = Query(default=[], description="kommunkod or name (0180, Stockholm); repeatable")
KOMMUNGRUPP = Query(default=[], description="SKR kommungrupp (A1, Storstäder); repeatable")
KIND = Query(
    default=[],
    description="new, changed, ended, reappeared (national); provider_added, provider_removed, "
    "lov_introduced, lov_ended (municipal); repeatable",
)
TREND_CATEGORY = Query(default=[], description="code or name, or 'any'; repeatable")
KEYWORD = Query(default=[], description="In title, buyer, service areas or categories")


@router.get(
    "/adverts",
    response_model=list[AdvertOut],
    responses={**ERRORS, **paging.PAGED},
    summary="Adverts, as `lovwatch list --format json`",
)
def adverts(
    request: Request,
    category: Repeated = CATEGORY,
    county: Repeated = COUNTY,
    municipality: Repeated = MUNICIPALITY,
    kommungrupp: Repeated = KOMMUNGRUPP,
    keyword: Repeated = KEYWORD,
    status: str = Query(default="active", pattern="^(active|ended|all)$"),
    since: str | None = Query(default=None, description="first seen or updated on/after"),
    limit: int | None = paging.LIMIT,
    offset: int = paging.OFFSET,
) -> JSONResponse:
    wanted = parse_filter(
        {
            "category": category,
            "county": county,
            "municipality": municipality,
            "kommungrupp": kommungrupp,
            "keyword": keyword,
            "status": [status],
            "since": [since] if since else [],
        }
    )
    with _web(request).session() as session:
        rows = data.adverts(session, wanted)
    return paging.paged_json(request, rows[offset:], offset, limit, total=len(rows))


@router.get(
    "/adverts/{advert_id:path}",
    response_model=AdvertDetailOut,
    responses=NOT_FOUND,
    summary="One advert with versions and events, as `lovwatch show ID --format json`",
)
def advert(request: Request, advert_id: str) -> JSONResponse:
    with _web(request).session() as session:
        found = data.advert(session, advert_id)
    if found is None:
        raise HTTPException(404, f"no advert {advert_id!r}")
    return _json(found)


@router.get(
    "/events",
    response_model=list[EventOut | MunicipalEventOut],
    responses={**ERRORS, **paging.PAGED},
    summary="Events, newest first, as `lovwatch events --format json`",
)
def events(
    request: Request,
    source: str = Query(default="national", pattern="^(national|municipal|all)$"),
    since: str | None = Query(default=None, description="detected on or after DATE"),
    kind: Repeated = KIND,
    limit: int | None = paging.LIMIT,
    offset: int = paging.OFFSET,
    no_baseline: bool = Query(default=False, description="leave out baseline events"),
    category: Repeated = CATEGORY,
    county: Repeated = COUNTY,
    municipality: Repeated = MUNICIPALITY,
    kommungrupp: Repeated = KOMMUNGRUPP,
    keyword: Repeated = KEYWORD,
) -> JSONResponse:
    wanted = parse_filter(
        {
            "category": category,
            "county": county,
            "municipality": municipality,
            "kommungrupp": kommungrupp,
            "keyword": keyword,
        }
    )
    with _web(request).session() as session:
        rows = data.any_events(
            session,
            wanted,
            source=source,
            since=parse_date_value(since, "since"),
            kinds=parse_kinds(kind),
            # One row past the page says whether a next page exists.
            limit=offset + limit + 1 if limit is not None else None,
            include_baseline=not no_baseline,
        )
    return paging.paged_json(request, rows[offset:], offset, limit)


@router.get(
    "/stats",
    response_model=StatsOut,
    responses=ERRORS,
    summary="Counts on a day, as `lovwatch stats --format json`",
)
def stats(
    request: Request,
    at: str | None = Query(default=None, description="count on this day (default today)"),
    by: str = Query(default="category", pattern="^(category|county|kommungrupp)$"),
    category: Repeated = CATEGORY,
) -> JSONResponse:
    day = parse_date_value(at, "at") or today()
    if day > today():  # as `lovwatch stats --at`: a day to come has not been observed
        raise FilterError(f"{day.isoformat()} i at ligger efter i dag: ange en dag senast i dag")
    codes = data.category_codes(category)
    with _web(request).session() as session:
        history = data.history(session)
    return _json(data.stats(history, day, by, codes))


@router.get(
    "/trends",
    response_model=list[TrendRowOut],
    responses=ERRORS,
    summary="Time series, as `lovwatch trends --format json`",
)
def trends(
    request: Request,
    category: Repeated = TREND_CATEGORY,
    start: str | None = Query(default=None, alias="from"),
    end: str | None = Query(default=None, alias="to"),
    interval: str = Query(default="month", pattern="^(day|week|month|quarter|year)$"),
    with_reference: bool = Query(default=False),
) -> JSONResponse:
    codes = data.category_codes(category)
    last = parse_date_value(end, "to") or today()
    with _web(request).session() as session:
        history = data.history(session)
    rows = data.trends(
        history, codes, parse_date_value(start, "from"), last, interval, with_reference
    )
    return _json(rows)


@router.get(
    "/compare/{municipality}",
    response_model=CompareOut,
    responses=ERRORS,
    summary="Peer benchmark, as `lovwatch compare X --format json`",
)
def compare(
    request: Request,
    municipality: str,
    peers: str = Query(default="kommungrupp", description="county|kommungrupp|size|CODE,..."),
    threshold: float = Query(default=0.5, ge=0, le=1),
    at: str | None = Query(default=None),
) -> JSONResponse:
    subject = data.municipality(municipality)
    day = parse_date_value(at, "at") or today()
    with _web(request).session() as session:
        history = data.history(session)
    return _json(data.benchmark(history, subject, peers, threshold, day).json)


@router.get(
    "/municipalities/{municipality}",
    response_model=MunicipalityOut,
    responses=ERRORS,
    summary="What is known of a municipality, as `lovwatch municipality X --format json`",
)
def municipality_profile(request: Request, municipality: str) -> JSONResponse:
    subject = data.municipality(municipality)
    with _web(request).session() as session:
        return _json(data.profile(session, subject))
