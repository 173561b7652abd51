"""Reading the municipal findings for people: providers, a municipality's profile, and gaps
between what sites say and what the national database advertises.

The dictionaries returned are the JSON contract of `lovwatch providers`, `municipality` and
`gaps` (see the README's section on municipal websites); municipal events are listed with the
national ones (`queries.list_events`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from lovwatch.clock import today
from lovwatch.models import queries
from lovwatch.models.municipal import (
    LovStatement,
    MunicipalPage,
    ProviderCount,
    ProviderListing,
)
from lovwatch.municipal.statements import StatementKind
from lovwatch.normalize.authorities import Municipality, municipality_by_code
from lovwatch.normalize.categories import category_by_code

#: The kinds that say a valfrihetssystem runs (or will); the others say it does not.
ACTIVE_KINDS = (StatementKind.ACTIVE, StatementKind.INTRODUCE, StatementKind.RENEWED)
GENERAL = "(LOV in general)"


def _label(code: str | None) -> str:
    category = category_by_code(code) if code else None
    return category.label if category else GENERAL


def list_providers(
    session: Session,
    municipalities: list[str] | None = None,
    categories: list[str] | None = None,
    include_removed: bool = False,
) -> list[dict[str, Any]]:
    """Approved providers as sites list them, by municipality and category."""
    query = select(ProviderListing).order_by(
        ProviderListing.municipality_code, ProviderListing.category_code, ProviderListing.name
    )
    if municipalities:
        query = query.where(col(ProviderListing.municipality_code).in_(municipalities))
    if categories:
        query = query.where(col(ProviderListing.category_code).in_(categories))
    if not include_removed:
        query = query.where(col(ProviderListing.removed_at).is_(None))
    rows = []
    for row in session.exec(query):
        municipality = municipality_by_code(row.municipality_code)
        rows.append(
            {
                "municipality_code": row.municipality_code,
                "municipality": municipality.name if municipality else None,
                "category_code": row.category_code or None,
                "category": _label(row.category_code),
                "name": row.name,
                "org_number": row.org_number,
                "own_unit": row.own_unit,
                "url": row.url,
                "first_seen": row.first_seen,
                "last_seen": row.last_seen,
                "removed_at": row.removed_at,
            }
        )
    return rows


def _statement_dict(row: LovStatement) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "subject": row.subject,
        "modality": row.modality,
        "confidence": row.confidence,
        "category_code": row.category_code,
        "category": _label(row.category_code),
        "date": row.statement_date,
        "date_text": row.date_text,
        "url": row.url,
        "quote": row.quote,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
    }


def site_status(
    statements: list[LovStatement], provider_categories: set[str]
) -> dict[str | None, str]:
    """Per category: "active" or "inactive", as the site's latest evidence says (the
    municipality's own decisions only: a proposal or another municipality's system is not).

    Dated statements count in date order (the latest wins; a decision dated in the future is
    not yet in force); an undated statement counts only where nothing is dated. A category
    with approved providers listed is active unless a later dated statement ends it.
    """
    status: dict[str | None, tuple[date, str]] = {}
    moment = today()
    for code in provider_categories:
        status[code or None] = (date.min, "active")
    own_decisions = [r for r in statements if r.subject == "own" and r.modality == "decided"]
    for row in sorted(own_decisions, key=lambda r: r.statement_date or date.min):
        when = row.statement_date or date.min
        if when > moment and row.kind in (StatementKind.END, StatementKind.INTRODUCE):
            continue
        verdict = "active" if row.kind in ACTIVE_KINDS else "inactive"
        earlier = status.get(row.category_code)
        if earlier is None or when >= earlier[0]:
            status[row.category_code] = (when, verdict)
    return {code: verdict for code, (_when, verdict) in status.items()}


def _national_categories(adverts: list[dict[str, Any]]) -> set[str]:
    return {category["code"] for advert in adverts for category in advert["categories"]}


def gaps(session: Session, municipalities: list[str] | None = None) -> list[dict[str, Any]]:
    """Where a site and the national database disagree, for every crawled municipality.

    - `site_only`: the site describes an active valfrihetssystem in a category (or LOV in
      general) with no active national advert of that municipality in that category (or none
      at all), which the law does not allow;
    - `national_only`: an active national advert in a category the site says nothing about.
    """
    codes = municipalities or sorted(set(session.exec(select(MunicipalPage.municipality_code))))
    found: list[dict[str, Any]] = []
    for code in codes:
        statements = list(
            session.exec(select(LovStatement).where(LovStatement.municipality_code == code))
        )
        providers = set(
            session.exec(
                select(ProviderListing.category_code).where(
                    ProviderListing.municipality_code == code,
                    col(ProviderListing.removed_at).is_(None),
                )
            )
        )
        status = site_status(statements, providers)
        adverts = queries.list_adverts(session, municipalities=[code])
        national = _national_categories(adverts)
        municipality = municipality_by_code(code)
        base = {
            "municipality_code": code,
            "municipality": municipality.name if municipality else None,
        }
        evidence = defaultdict(list)
        for row in statements:
            evidence[row.category_code].append(row)
        for category, verdict in sorted(status.items(), key=lambda kv: kv[0] or ""):
            if verdict != "active":
                continue
            if (category is None and not adverts) or (category and category not in national):
                rows = evidence.get(category) or []
                found.append(
                    {
                        **base,
                        "kind": "site_only",
                        "category_code": category,
                        "category": _label(category),
                        "evidence_url": rows[0].url if rows else None,
                        "evidence": rows[0].quote if rows else "providers listed",
                        "national_adverts": [a["id"] for a in adverts],
                    }
                )
        described = {code for code in status if code}
        for advert in adverts:
            missing = [c["code"] for c in advert["categories"] if c["code"] not in described]
            if missing and len(missing) == len(advert["categories"]):
                found.append(
                    {
                        **base,
                        "kind": "national_only",
                        "category_code": missing[0],
                        "category": _label(missing[0]),
                        "evidence_url": advert["url"],
                        "evidence": advert["title"],
                        "national_adverts": [advert["id"]],
                    }
                )
    return found


def profile(session: Session, municipality: Municipality) -> dict[str, Any]:
    """Everything known about one municipality: reference facts, national adverts, what its
    site says (with evidence), providers by category, provider counts, and gaps."""
    code = municipality.code
    statements = list(
        session.exec(
            select(LovStatement)
            .where(LovStatement.municipality_code == code)
            .order_by(col(LovStatement.category_code), col(LovStatement.statement_date))
        )
    )
    providers = list_providers(session, [code])
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for provider in providers:
        by_category[provider["category"]].append(
            {key: provider[key] for key in ("name", "org_number", "own_unit", "url", "first_seen")}
        )
    counts = [
        {
            "category_code": row.category_code or None,
            "category": _label(row.category_code),
            "source": row.source,
            "private": row.private,
            "own_units": row.own_units,
            "observed_at": row.observed_at,
            "url": row.url,
            "quote": row.quote,
        }
        for row in session.exec(
            select(ProviderCount)
            .where(ProviderCount.municipality_code == code)
            .order_by(col(ProviderCount.observed_at))
        )
    ]
    pages = session.exec(
        select(MunicipalPage)
        .where(MunicipalPage.municipality_code == code)
        .order_by(MunicipalPage.url)
    )
    return {
        "code": code,
        "name": municipality.name,
        "county_code": municipality.county_code,
        "county": municipality.county_name,
        "kommungrupp_code": municipality.kommungrupp_code,
        "kommungrupp": municipality.kommungrupp_name,
        "population": municipality.population,
        "website": municipality.website,
        "national_adverts": queries.list_adverts(session, municipalities=[code], status="all"),
        "site_status": [
            {"category_code": c, "category": _label(c), "status": s}
            for c, s in sorted(
                site_status(statements, {p["category_code"] or "" for p in providers}).items(),
                key=lambda kv: kv[0] or "",
            )
        ],
        "findings": [_statement_dict(row) for row in statements],
        "providers": dict(by_category),
        "provider_counts": counts,
        "pages": [
            {
                "url": p.url,
                "title": p.title,
                "rendered": p.rendered,
                "links": p.links,
                "last_seen": p.last_seen,
            }
            for p in pages
        ],
        "gaps": gaps(session, [code]),
    }
