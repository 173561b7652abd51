"""The HTML pages (Swedish): overview, adverts with filters, an advert with its history, a
municipality with its peer benchmark first, national counts and trends; and the Atom feed."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from lovwatch.analysis.compare import PEER_KINDS, population_band
from lovwatch.analysis.reference import ANY
from lovwatch.analysis.trends import fully_observed
from lovwatch.clock import now, today
from lovwatch.constants import EventKind
from lovwatch.normalize.authorities import Municipality, municipalities
from lovwatch.normalize.categories import CATEGORIES, GROUPS
from lovwatch.notify.municipal import headline
from lovwatch.web import charts, data, diff, paging
from lovwatch.web.app import Web
from lovwatch.web.feed import build_feed
from lovwatch.web.filters import (
    AdvertFilter,
    parse_date_value,
    parse_filter,
    parse_kinds,
    parse_source,
)
from lovwatch.web.labels import number

router = APIRouter(include_in_schema=False)
#: "Recent" new and ended systems on the overview.
RECENT_DAYS = 30
EARLIEST_TREND_YEAR = 2010
ANY_SWEDISH = "Alla kategorier"


def _web(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def _params(request: Request) -> dict[str, list[str]]:
    return {key: request.query_params.getlist(key) for key in request.query_params.keys()}


def _choices() -> dict[str, Any]:
    """What the filter form offers (anything typed in the URL works too)."""
    groups = {group.code: group.label for group in GROUPS}
    return {
        "category_choices": [(c.code, c.label, groups.get(c.group, c.group)) for c in CATEGORIES],
        "municipality_choices": sorted(
            ((m.code, m.name) for m in municipalities()), key=lambda item: item[1]
        ),
        "kommungrupp_choices": sorted(
            {m.kommungrupp_code: m.kommungrupp_name for m in municipalities()}.items()
        ),
    }


def _buyers(session: Session) -> dict[str, str]:
    """Each advert's buyer, to name it beside an event."""
    return {
        advert["id"]: advert["authority"]
        for advert in data.adverts(session, AdvertFilter(status="all"))
        if advert["authority"]
    }


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/")
def overview(request: Request) -> Response:
    web = _web(request)
    day = today()
    with web.session() as session:
        history = data.history(session)
        recent = data.events(
            session,
            since=day - timedelta(days=RECENT_DAYS),
            kinds=[EventKind.NEW, EventKind.ENDED],
            include_baseline=False,
        )
        buyers = _buyers(session)
    stats = data.stats(history, day, "category", [])
    rows = [row for row in stats["rows"] if row["municipalities"]]
    rows.sort(key=lambda row: (-row["municipalities"], -row["adverts"]))
    chart = charts.bar_chart(
        [(row["category_label"], row["municipalities"]) for row in rows[:10]],
        "Kommuner med LOV per kategori (de tio vanligaste)",
        "Antal kommuner som har ett aktivt valfrihetssystem i kategorin i dag; "
        "samma siffror som i tabellen på sidan Statistik.",
    )
    return web.page(
        request,
        "overview.html.j2",
        {
            "day": day,
            "history": history,
            "totals": stats["totals"],
            "chart": chart,
            "new": [e for e in recent if e["kind"] == EventKind.NEW],
            "ended": [e for e in recent if e["kind"] == EventKind.ENDED],
            "recent_days": RECENT_DAYS,
            "buyers": buyers,
        },
    )


@router.get("/annonser")
def advert_list(request: Request) -> Response:
    web = _web(request)
    params = _params(request)
    wanted = parse_filter(params)
    number, size = paging.requested(params)
    with web.session() as session:
        rows = data.adverts(session, wanted)
    return web.page(
        request,
        "adverts.html.j2",
        {"page": paging.cut(rows, number, size), "filter": wanted, **_choices()},
    )


@router.get("/annonser/{advert_id:path}")
def advert_page(request: Request, advert_id: str) -> Response:
    web = _web(request)
    with web.session() as session:
        found = data.advert(session, advert_id)
    if found is None:
        raise HTTPException(404, "Ingen sådan annons")
    changes = {
        event["id"]: diff.changes(event["details"] or {})
        for event in found["events"]
        if event["kind"] == EventKind.CHANGED
    }
    return web.page(request, "advert.html.j2", {"advert": found, "changes": changes})


@router.get("/kommuner")
def municipality_index(request: Request) -> Response:
    typed = request.query_params.get("kommun", "").strip()
    if typed:
        found = data.municipality(typed)
        return RedirectResponse(f"/kommuner/{found.code}", status_code=303)
    by_county: dict[str, list[Any]] = {}
    for m in sorted(municipalities(), key=lambda m: (m.county_code, m.name)):
        by_county.setdefault(m.county_name, []).append(m)
    return _web(request).page(
        request, "municipalities.html.j2", {"by_county": by_county, **_choices()}
    )


@router.get("/kommuner/{name}")
def municipality_page(request: Request, name: str) -> Response:
    web = _web(request)
    subject = data.municipality(name)
    peers = request.query_params.get("peers", "kommungrupp").strip() or "kommungrupp"
    threshold_text = request.query_params.get("threshold", "0.5").strip() or "0.5"
    try:
        threshold = float(threshold_text.replace(",", "."))
    except ValueError:
        threshold = -1.0
    day = parse_date_value(request.query_params.get("at"), "at") or today()
    with web.session() as session:
        history = data.history(session)
        benchmark = data.benchmark(history, subject, peers, threshold, day)
        profile = data.profile(session, subject)
    return web.page(
        request,
        "municipality.html.j2",
        {
            "subject": subject,
            "benchmark": benchmark,
            "rows": benchmark.json["rows"],
            "peers": peers,
            "peer_description": _peer_description(subject, peers),
            "custom_peers": "" if peers in PEER_KINDS else peers,
            "threshold": threshold,
            "day": day,
            "coverage": history.coverage(day),
            "profile": profile,
        },
    )


def _peer_description(subject: Municipality, peers: str) -> str:
    """The peer group in Swedish (`compare` describes it in English)."""
    if peers == "county":
        return f"kommunerna i {subject.county_name}"
    if peers == "kommungrupp":
        return f"SKR:s kommungrupp {subject.kommungrupp_code} {subject.kommungrupp_name}"
    if peers == "size":
        low, high = population_band(subject.population)
        if high is None:
            return f"kommuner med minst {number(low)} invånare"
        return f"kommuner med {number(low)}–{number(high - 1)} invånare"
    return "de valda kommunerna"


@router.get("/statistik")
def statistics(request: Request) -> Response:
    web = _web(request)
    params = _params(request)
    day = parse_date_value(request.query_params.get("at"), "at") or today()
    interval = request.query_params.get("interval", "month").strip() or "month"
    codes = data.category_codes(params.get("category", []))
    start = parse_date_value(request.query_params.get("from"), "from")
    with web.session() as session:
        history = data.history(session)
    if start is None:
        start = _default_start(history.earliest_start() or day, day, interval)
    stats = data.stats(history, day, "category", [])
    counties = data.stats(history, day, "county", [])
    groups = data.stats(history, day, "kommungrupp", [])
    trend = data.trends(history, codes, start, day, interval)
    series: dict[str, list[dict[str, Any]]] = {}
    for row in trend:
        series.setdefault(row["category_code"], []).append(row)
    lines = [
        charts.Series(
            ANY_SWEDISH if code == ANY else rows[0]["category_label"],
            tuple(
                (row["period"], row["municipalities"] or 0, not whole)
                for row, whole in zip(
                    rows,
                    fully_observed(rows, history.first_observed, interval, start),
                    strict=True,
                )
            ),
        )
        for code, rows in series.items()
    ]
    shown = [row for row in stats["rows"] if row["municipalities"]]
    return web.page(
        request,
        "statistics.html.j2",
        {
            "day": day,
            "history": history,
            "stats": stats,
            "counties": counties["rows"],
            "groups": groups["rows"],
            "trend": trend,
            "series": lines,
            "interval": interval,
            "chosen_categories": codes,
            "any_swedish": ANY_SWEDISH,
            "category_chart": charts.bar_chart(
                [(row["category_label"], row["municipalities"]) for row in shown],
                "Kommuner med LOV per kategori",
                "Antal kommuner med ett aktivt valfrihetssystem i varje kategori; samma "
                "siffror som i tabellen Antal per kategori.",
            ),
            "trend_chart": charts.line_chart(
                lines,
                "Kommuner med LOV över tid",
                "Antal kommuner med ett aktivt valfrihetssystem vid slutet av varje period; "
                "streckat där insamlingen inte såg hela perioden (före den första "
                "insamlingen är talen en lägre gräns). Samma siffror som i tabellen Trenddata.",
                "Antal kommuner (streckat: perioden inte sedd hel)",
            ),
            **_choices(),
        },
    )


def _default_start(earliest: date, day: date, interval: str) -> date:
    """Where the trend chart starts when the person did not say: no earlier than 2010 (SKR's
    series begins then), and few enough points to read."""
    reach = {"day": timedelta(days=90), "week": timedelta(weeks=104)}.get(interval)
    start = max(earliest, date(EARLIEST_TREND_YEAR, 1, 1))
    return max(start, day - reach) if reach else start


@router.get("/handelser")
def event_list(request: Request) -> Response:
    web = _web(request)
    params = _params(request)
    wanted = parse_filter({key: values for key, values in params.items() if key != "since"})
    number, size = paging.requested(params)
    since = parse_date_value(request.query_params.get("since"), "since")
    kinds = parse_kinds(params.get("kind", []))
    source = parse_source(request.query_params.get("source"))
    include_baseline = request.query_params.get("baseline") == "1"
    with web.session() as session:
        rows = data.any_events(
            session,
            wanted,
            source=source,
            since=since,
            kinds=kinds,
            # One row past the page says whether there is a next one, without reading all.
            limit=number * size + 1,
            include_baseline=include_baseline,
        )
        page = paging.cut_open(rows, number, size)
        buyers = _buyers(session)
        stored = data.municipal_rows(
            session, [row["id"] for row in page.rows if row.get("source") == "municipal"]
        )
    feed_query = wanted.query_string() + "".join(f"&kind={kind}" for kind in kinds)
    if source != "national":
        feed_query += f"&source={source}"
    return web.page(
        request,
        "events.html.j2",
        {
            "page": page,
            "events": page.rows,
            "page_query": _event_query(wanted, kinds, since, source, include_baseline),
            "filter": wanted,
            "kinds": kinds,
            "since": since,
            "source": source,
            "include_baseline": include_baseline,
            "buyers": buyers,
            "headlines": {key: headline(row) for key, row in stored.items()},
            "feed_query": feed_query.lstrip("&"),
            **_choices(),
        },
    )


def _event_query(
    wanted: AdvertFilter, kinds: list[str], since: date | None, source: str, baseline: bool
) -> str:
    """The events page's own filter as a query, for the links to its other pages."""
    query = wanted.query_string() + "".join(f"&kind={kind}" for kind in kinds)
    if since is not None:
        query += f"&since={since.isoformat()}"
    if source != "national":
        query += f"&source={source}"
    if baseline:
        query += "&baseline=1"
    return query.lstrip("&")


@router.api_route("/feed.atom", methods=["GET", "HEAD"])
def feed(request: Request) -> Response:
    params = _params(request)
    wanted = parse_filter({k: v for k, v in params.items() if k not in ("since", "status")})
    base = str(request.base_url).rstrip("/")

    def link_for(event: dict[str, Any], _advert: Any) -> str:
        if "advert_id" in event:
            return f"{base}/annonser/{event['advert_id']}"
        return f"{base}/kommuner/{event['municipality_code']}"

    with _web(request).session() as session:
        body = build_feed(
            session,
            wanted,
            source=parse_source(request.query_params.get("source")),
            kinds=parse_kinds(params.get("kind", [])),
            since=parse_date_value(request.query_params.get("since"), "since"),
            include_baseline=request.query_params.get("baseline") == "1",
            self_url=str(request.url),
            link_for=link_for,
            generated=now(),
        )
    # Readers poll: an unchanged feed costs them a 304.
    tag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": tag})
    return Response(body, media_type="application/atom+xml; charset=utf-8", headers={"ETag": tag})
