"""Which adverts a subscription is about: filters as codes, and the pure matching rule.

Filters combine with AND across kinds and OR within one kind; an empty kind does not filter.
Keywords match case- and accent-insensitively inside the advert's title, buyer, service areas
and category labels ("hemtjänst" matches "Hemtjänsten i Huddinge"), and in any further
`texts` the subject carries (a municipal event's provider name and quoted evidence).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from lovwatch.normalize.authorities import municipalities, municipality_by_code
from lovwatch.normalize.text import fold, words

FILTER_KINDS = ("categories", "counties", "municipalities", "kommungrupper", "keywords")


@dataclass(frozen=True)
class Filters:
    """A subscription's filters, as stored: codes, and keywords as the person typed them."""

    categories: tuple[str, ...] = ()
    counties: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    #: SKR's kommungrupper (A1 Storstäder ... C9), matched through the buyer's kommunkod.
    kommungrupper: tuple[str, ...] = ()
    keywords: tuple[str, ...] = field(default=())

    @classmethod
    def from_stored(cls, data: dict[str, Any] | None) -> Filters:
        data = data or {}
        return cls(**{kind: tuple(data.get(kind) or ()) for kind in FILTER_KINDS})

    def to_stored(self) -> dict[str, list[str]]:
        return {kind: list(values) for kind, values in asdict(self).items()}

    def describe(self) -> str:
        """One line for tables: 'county=01; category=hemtjanst,ledsagning'."""
        parts = [f"{kind}={','.join(values)}" for kind, values in asdict(self).items() if values]
        return "; ".join(parts) or "(everything)"


@cache
def _kommungrupper() -> dict[str, str]:
    """Kommungrupp code → name, from the municipality reference data."""
    return {m.kommungrupp_code: m.kommungrupp_name for m in municipalities()}


def find_kommungrupp(text: str) -> str | None:
    """A kommungrupp code from what a person types: "A1", "a1" or "Storstäder"."""
    wanted = fold(text)
    for code, name in _kommungrupper().items():
        if wanted in (fold(code), fold(name)):
            return code
    return None


def kommungrupp_choices() -> str:
    return ", ".join(f"{code} {name}" for code, name in sorted(_kommungrupper().items()))


def haystack(advert: dict[str, Any]) -> str:
    """The words keywords are searched in, with a space at each end."""
    texts: Iterable[str] = [
        advert.get("title") or "",
        advert.get("authority") or "",
        *(advert.get("service_areas") or []),
        *(category.get("label", "") for category in advert.get("categories") or []),
        *(advert.get("texts") or []),
    ]
    return " " + words(" ".join(texts)) + " "


def matches(filters: Filters, advert: dict[str, Any]) -> bool:
    """Whether an advert (a `queries.advert_dict`, or a municipal event's
    `lovwatch.notify.municipal.subject`) passes every filter kind that is set."""
    if filters.categories:
        codes = {category["code"] for category in advert.get("categories") or []}
        if not codes.intersection(filters.categories):
            return False
    if filters.counties and advert.get("county_code") not in filters.counties:
        return False
    if filters.municipalities and advert.get("municipality_code") not in filters.municipalities:
        return False
    if filters.kommungrupper:
        municipality = municipality_by_code(advert.get("municipality_code") or "")
        if municipality is None or municipality.kommungrupp_code not in filters.kommungrupper:
            return False
    if filters.keywords:
        text = haystack(advert)
        if not any(words(keyword) and words(keyword) in text for keyword in filters.keywords):
            return False
    return True
