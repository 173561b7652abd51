"""Filters as a person types them in a URL or a form, resolved like the CLI's options.

Every filter repeats (`?county=01&county=03`) or takes comma-separated values; values of one
filter combine with OR, different filters with AND, exactly as `lovwatch list` does. An
unknown value is a `FilterError` whose message (Swedish) names the value and what to give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import click

from lovwatch.cli_common import resolve_categories, resolve_counties, resolve_municipalities
from lovwatch.constants import MUNICIPAL_EVENT_KINDS, EventKind
from lovwatch.normalize.dates import parse_date
from lovwatch.notify.filters import Filters, find_kommungrupp, matches

STATUSES = ("active", "ended", "all")
EVENT_KINDS: tuple[str, ...] = tuple(kind.value for kind in EventKind)
#: Events read from municipalities' own sites (`--source municipal` in the CLI).
ALL_EVENT_KINDS: tuple[str, ...] = EVENT_KINDS + MUNICIPAL_EVENT_KINDS
SOURCES = ("national", "municipal", "all")


class FilterError(ValueError):
    """A filter value that resolves to nothing; the message says which and what to give."""


def _values(raw: Iterable[str]) -> list[str]:
    return [part.strip() for value in raw for part in value.split(",") if part.strip()]


def resolve_each(
    values: Sequence[str], resolve: Callable[[list[str]], list[str]], what: str, hint: str
) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        try:
            codes.extend(resolve([value]))
        except click.BadParameter as exc:
            raise FilterError(f"{what} ”{value}”: {hint}") from exc
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class AdvertFilter:
    """Which adverts (or which adverts' events) a page, feed or API call is about."""

    categories: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    kommungrupper: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    status: str = "active"
    since: date | None = None

    @property
    def matching(self) -> Filters:
        """The filters the notifier uses; its `matches` is the rule for kommungrupp and
        keyword, which the store's query does not know."""
        return Filters(
            categories=self.categories,
            counties=self.counties,
            municipalities=self.municipalities,
            kommungrupper=self.kommungrupper,
            keywords=self.keywords,
        )

    def passes(self, advert: dict[str, Any]) -> bool:
        return matches(self.matching, advert)

    def query_string(self, **override: str) -> str:
        """The filter as a canonical query string (codes, sorted keys), for shareable links."""
        pairs: list[tuple[str, str]] = []
        for key, values in (
            ("category", self.categories),
            ("county", self.counties),
            ("municipality", self.municipalities),
            ("kommungrupp", self.kommungrupper),
            ("keyword", self.keywords),
        ):
            pairs += [(key, value) for value in values]
        if self.status != "active":
            pairs.append(("status", self.status))
        if self.since is not None:
            pairs.append(("since", self.since.isoformat()))
        pairs += list(override.items())
        return urlencode(pairs)

    @property
    def is_empty(self) -> bool:
        return not (
            self.categories
            or self.counties
            or self.municipalities
            or self.kommungrupper
            or self.keywords
            or self.since
        )


def _kommungrupper(values: Sequence[str]) -> tuple[str, ...]:
    codes = []
    for value in values:
        code = find_kommungrupp(value)
        if code is None:
            raise FilterError(
                f"Okänd kommungrupp ”{value}”: ange SKR:s kod (A1–C9) eller namn (Storstäder)"
            )
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def parse_date_value(value: str | None, name: str) -> date | None:
    if value is None or not value.strip():
        return None
    parsed = parse_date(value.strip())
    if parsed is None:
        raise FilterError(f"”{value}” i {name} är inget datum: skriv ÅÅÅÅ-MM-DD")
    return parsed


def parse_filter(params: Mapping[str, Sequence[str]]) -> AdvertFilter:
    """An `AdvertFilter` from query parameters (each a list of what was typed)."""

    def get(name: str) -> list[str]:
        return _values(params.get(name, ()))

    status_values = get("status") or ["active"]
    status = status_values[-1].lower()
    if status not in STATUSES:
        raise FilterError(f"Okänd status ”{status_values[-1]}”: välj active, ended eller all")
    since_values = [v for v in params.get("since", ()) if v.strip()]
    keywords = tuple(v.strip() for v in params.get("keyword", ()) if v.strip())
    return AdvertFilter(
        categories=resolve_each(
            get("category"),
            resolve_categories,
            "Okänd kategori",
            "ange en kod (hemtjanst) eller ett namn (Hemtjänst); se listan i formuläret",
        ),
        counties=resolve_each(
            get("county"),
            resolve_counties,
            "Okänt län",
            "ange länskod (01) eller namn (Stockholms län)",
        ),
        municipalities=resolve_each(
            get("municipality"),
            resolve_municipalities,
            "Okänd kommun",
            "ange kommunkod (0180) eller namn (Stockholm)",
        ),
        kommungrupper=_kommungrupper(get("kommungrupp")),
        keywords=keywords,
        status=status,
        since=parse_date_value(since_values[-1] if since_values else None, "since"),
    )


def parse_kinds(values: Iterable[str]) -> list[str]:
    kinds = _values(values)
    for kind in kinds:
        if kind not in ALL_EVENT_KINDS:
            raise FilterError(
                f"Okänd händelsetyp ”{kind}”: välj bland {', '.join(ALL_EVENT_KINDS)}"
            )
    return kinds


def parse_source(value: str | None) -> str:
    source = (value or "national").strip().lower() or "national"
    if source not in SOURCES:
        raise FilterError(f"Okänd källa ”{value}”: välj national, municipal eller all")
    return source
