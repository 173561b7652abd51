"""What the site, the feed and the API read: the store's query functions and the analysis
functions the CLI calls, composed exactly as the CLI composes them, so that `/api/...` returns
what `lovwatch ... --format json` prints for the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from lovwatch.analysis import compare as comparing
from lovwatch.analysis.stats import BY_CHOICES, by_category, by_group, totals
from lovwatch.analysis.timeline import History, load_history
from lovwatch.analysis.trends import INTERVALS, default_categories, periods, trend_rows
from lovwatch.cli_common import resolve_municipalities
from lovwatch.constants import EventSource
from lovwatch.models import municipal_queries, queries
from lovwatch.models.tables import Event
from lovwatch.normalize.authorities import Municipality, find_municipality, municipality_by_code
from lovwatch.notify.municipal import subject as municipal_subject
from lovwatch.web.filters import AdvertFilter, FilterError, resolve_each

#: Like `lovwatch trends`: more periods than this is unreadable; ask for a coarser interval.
MAX_PERIODS = 1000
ANY_WORDS = ("any", "all", "alla")


def adverts(session: Session, wanted: AdvertFilter) -> list[dict[str, Any]]:
    """`lovwatch list --format json` for this filter (kommungrupp and keyword by the
    notifier's matching rule)."""
    rows = queries.list_adverts(
        session,
        categories=list(wanted.categories),
        counties=list(wanted.counties),
        municipalities=list(wanted.municipalities),
        status=wanted.status,
        since=wanted.since,
    )
    if wanted.kommungrupper or wanted.keywords:
        rows = [row for row in rows if wanted.passes(row)]
    return rows


def advert(session: Session, advert_id: str) -> dict[str, Any] | None:
    """`lovwatch show ID --format json`."""
    return queries.get_advert(session, advert_id)


def events(
    session: Session,
    wanted: AdvertFilter | None = None,
    *,
    source: str = EventSource.NATIONAL,
    since: date | None = None,
    kinds: list[str] | None = None,
    limit: int | None = None,
    include_baseline: bool = True,
) -> list[dict[str, Any]]:
    """`lovwatch events --source national|municipal|all --format json`, newest first; with
    `wanted`, only events whose subject passes the filter: a national event's advert (its
    status is not asked: an ended advert's `ended` event is the news), a municipal event as
    the notifier reads it (its category, its municipality's county and kommungrupp, keywords
    in provider and evidence)."""
    filtered = wanted is not None and _advert_filters(wanted)
    rows = queries.list_events(
        session,
        source=source,
        since=since,
        kinds=kinds or None,
        limit=None if filtered else limit,
        include_baseline=include_baseline,
    )
    if not filtered or wanted is None:
        return rows
    adverts: dict[str, dict[str, Any]] = {}
    if any(row.get("source") != EventSource.MUNICIPAL for row in rows):
        adverts = {row["id"]: row for row in queries.list_adverts(session, status="all")}
    stored = municipal_rows(
        session, [row["id"] for row in rows if row.get("source") == EventSource.MUNICIPAL]
    )
    kept = [
        row
        for row in rows
        if (
            wanted.passes(municipal_subject(stored[row["id"]]))
            if row.get("source") == EventSource.MUNICIPAL
            else (advert := adverts.get(row["advert_id"])) is not None and wanted.passes(advert)
        )
    ]
    return kept[:limit] if limit is not None else kept


def municipal_rows(session: Session, ids: list[int]) -> dict[int, Event]:
    """The stored municipal events of `ids`, by id (their headline and feed id need them)."""
    if not ids:
        return {}
    found = session.exec(select(Event).where(col(Event.id).in_(ids)))
    return {row.id: row for row in found if row.id is not None}


#: The name the pages, the feed and the API call `events` by.
any_events = events


def _advert_filters(wanted: AdvertFilter) -> bool:
    return bool(
        wanted.categories
        or wanted.counties
        or wanted.municipalities
        or wanted.kommungrupper
        or wanted.keywords
    )


def history(session: Session) -> History:
    return load_history(session)


def category_codes(values: list[str]) -> list[str]:
    """Category codes as `lovwatch stats/trends --category` take them ("any" kept)."""
    from lovwatch.cli_common import resolve_categories

    wanted = [part.strip() for value in values for part in value.split(",") if part.strip()]
    anys = ["any"] if any(part.lower() in ANY_WORDS for part in wanted) else []
    rest = [part for part in wanted if part.lower() not in ANY_WORDS]
    return anys + list(
        resolve_each(
            rest, resolve_categories, "Okänd kategori", "ange en kod (hemtjanst) eller ett namn"
        )
    )


def stats(history: History, day: date, by: str, categories: list[str]) -> dict[str, Any]:
    """`lovwatch stats --format json`."""
    if by not in BY_CHOICES:
        raise FilterError(f"Okänd indelning ”{by}”: välj {', '.join(BY_CHOICES)}")
    codes = [code for code in categories if code != "any"]
    if by == "category":
        rows = by_category(history, day, codes or None)
    else:
        rows = by_group(history, day, by, codes or None)
    return {"by": by, "categories": codes, "totals": totals(history, day), "rows": rows}


def trends(
    history: History,
    categories: list[str],
    start: date | None,
    end: date,
    interval: str,
    with_reference: bool = False,
) -> list[dict[str, Any]]:
    """`lovwatch trends --format json`."""
    if interval not in INTERVALS:
        raise FilterError(f"Okänt intervall ”{interval}”: välj {', '.join(INTERVALS)}")
    start = start or history.earliest_start() or end
    if start > end:
        raise FilterError(f"Startdatumet {start} ligger efter slutdatumet {end}")
    if len(periods(start, end, interval)) > MAX_PERIODS:
        raise FilterError(
            f"Fler än {MAX_PERIODS} perioder från {start} till {end}: välj ett grövre intervall "
            "eller ett senare startdatum"
        )
    codes = categories or default_categories(history, end)
    return trend_rows(history, codes, start, end, interval, with_reference)


def municipality(text: str) -> Municipality:
    found = find_municipality(text)
    if found is None:
        raise FilterError(f"Okänd kommun ”{text}”: ange kommunkod (0180) eller namn (Stockholm)")
    return found


@dataclass(frozen=True)
class Benchmark:
    subject: Municipality
    group: comparing.PeerGroup
    json: dict[str, Any]


def benchmark(
    history: History, subject: Municipality, peers: str, threshold: float, day: date
) -> Benchmark:
    """`lovwatch compare X --format json`."""
    if not 0 <= threshold <= 1:
        raise FilterError("Tröskeln ska ligga mellan 0 och 1")
    explicit: list[Municipality] = []
    if peers not in comparing.PEER_KINDS:
        codes = resolve_each(
            [peers],
            resolve_municipalities,
            "Okänd kommun",
            "ange county, kommungrupp, size eller kommuner",
        )
        explicit = [m for code in codes if (m := municipality_by_code(code)) is not None]
    group = comparing.peer_group(subject, peers, explicit)
    if not group.members:
        raise FilterError(f"{subject.name} har inga jämförbara kommuner med peers={peers}")
    rows = comparing.compare(history, subject, group, day, threshold)
    return Benchmark(
        subject,
        group,
        {
            "municipality": {
                "code": subject.code,
                "name": subject.name,
                "kommungrupp": subject.kommungrupp_code,
                "county_code": subject.county_code,
            },
            "peers": {"description": group.description, "codes": [m.code for m in group.members]},
            "date": day,
            "threshold": threshold,
            "rows": rows,
        },
    )


def profile(session: Session, subject: Municipality) -> dict[str, Any]:
    """`lovwatch municipality X --format json`."""
    return municipal_queries.profile(session, subject)
