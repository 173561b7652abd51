"""Reading the national search endpoint's JSON: liberal in what it accepts.

Known keys may be missing and unknown keys will appear (see the interface notes): every item is
kept raw beside the fields lovwatch understands.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

#: Highlighting and inline formatting the endpoint may wrap text in. Anything else that looks
#: like a tag is text ("Vårdval psykoterapi <KBT & PDT>") and is kept.
_INLINE_TAG = re.compile(r"</?(?:mark|em|strong|b|i|u|p|br|span)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class ListingError(ValueError):
    """A listing page that cannot be trusted (not JSON, truncated, wrong shape)."""


def clean_text(value: Any) -> str:
    """Plain text from a listing value: `<mark>` and inline formatting tags stripped,
    whitespace folded."""
    if value is None:
        return ""
    text = _INLINE_TAG.sub(" ", str(value))
    return _SPACE.sub(" ", text).strip()


def rebase(url: str, base_url: str) -> str:
    """The URL's path (and query) on the site being crawled.

    Advert pages live on that site: an absolute URL naming another host (the real site in a
    listing served by a mirror, or a replica that moved port) is never followed there.
    """
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return urljoin(base_url + "/", path)


def site_relative(url: str, base_url: str) -> str:
    """`url` without the origin of `base_url` when it is on that site: how links to the
    crawled site are compared across runs, whatever host or port it was reached at."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    return url[len(origin) :] if url.startswith(origin + "/") else url


def advert_key(url: str) -> str:
    """The stable `<buyer-slug>/<system-slug>` identifier: the URL's last two path segments."""
    segments = [part for part in urlsplit(url).path.split("/") if part]
    if len(segments) < 2:
        raise ListingError(f"advert URL {url!r} has no <buyer>/<system> path")
    return f"{segments[-2].lower()}/{segments[-1].lower()}"


@dataclass(frozen=True)
class ListingItem:
    """One search hit, with the fields lovwatch reads and the item as it came."""

    key: str
    url: str
    heading: str
    region_name: str | None
    business_areas: tuple[str, ...]
    excerpt: str
    updated_raw: str | None
    raw: dict[str, Any] = field(compare=False)
    #: A buyer name, if the item carries one under any of the usual keys (not seen so far).
    authority: str | None = None

    @property
    def buyer_slug(self) -> str:
        return self.key.split("/", 1)[0]

    def fingerprint(self) -> str:
        """What the listing says of the advert's content; `updated` alone is not content."""
        payload = [self.heading, self.region_name, sorted(self.business_areas), self.excerpt]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ListingPage:
    number_of_hits: int | None
    items: tuple[ListingItem, ...]
    #: How many raw results the page held (items without a usable URL are dropped).
    result_count: int
    skipped: tuple[str, ...] = ()


def _lookup(mapping: dict[str, Any], *names: str) -> Any:
    """A key's value whatever its case (`numberOfHits`, `NumberOfHits`, `number_of_hits`)."""
    folded = {key.lower().replace("_", ""): value for key, value in mapping.items()}
    for name in names:
        value = folded.get(name.lower().replace("_", ""))
        if value is not None:
            return value
    return None


def _areas(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    areas = []
    for area in value:
        if isinstance(area, dict):  # tolerate {"name": ...} objects
            area = _lookup(area, "name", "title", "label", "value")
        text = clean_text(area)
        if text:
            areas.append(text)
    return tuple(areas)


#: Every listing key lovwatch reads (the seen keys and their likely variants), and the seen
#: `documentId`; anything else is kept raw and reported as unknown.
KNOWN_KEYS = frozenset(
    {
        "url", "link", "href", "updated", "lastUpdated", "modified", "changed", "regionName",
        "region", "heading", "title", "name", "businessAreas", "areas", "serviceAreas",
        "excerpt", "summary", "preamble", "authority", "buyer", "buyerName", "organisation",
        "organization", "organisationName", "organizationName", "publisher",
        "contractingAuthority", "documentId",
    }
)  # fmt: skip


def unknown_keys(raw: dict[str, Any]) -> set[str]:
    """The keys of a listing item that lovwatch does not read."""
    return set(raw) - KNOWN_KEYS


def parse_item(raw: dict[str, Any], base_url: str) -> ListingItem:
    url = _lookup(raw, "url", "link", "href")
    if not url or not isinstance(url, str):
        raise ListingError("search result without a url")
    absolute = rebase(url, base_url)
    updated = _lookup(raw, "updated", "lastUpdated", "modified", "changed")
    region = _lookup(raw, "regionName", "region")
    return ListingItem(
        key=advert_key(absolute),
        url=absolute,
        heading=clean_text(_lookup(raw, "heading", "title", "name")),
        region_name=clean_text(region) or None,
        business_areas=_areas(_lookup(raw, "businessAreas", "areas", "serviceAreas")),
        excerpt=clean_text(_lookup(raw, "excerpt", "summary", "preamble")),
        updated_raw=str(updated).strip() if updated not in (None, "") else None,
        raw=raw,
        authority=clean_text(
            _lookup(
                raw,
                "authority",
                "buyer",
                "buyerName",
                "organisation",
                "organization",
                "organisationName",
                "organizationName",
                "publisher",
                "contractingAuthority",
            )
        )
        or None,
    )


def parse_listing(body: bytes | str, base_url: str) -> ListingPage:
    """Parse one search response; raise ListingError when it cannot be trusted."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ListingError(f"listing is not valid JSON ({exc.__class__.__name__}: {exc})") from exc
    if not isinstance(data, dict):
        raise ListingError("listing is not a JSON object")
    hits = _lookup(data, "numberOfHits", "totalHits", "total", "count")
    results = _lookup(data, "results", "hits", "items")
    if results is None:
        results = []
    if not isinstance(results, list):
        raise ListingError("listing 'results' is not a list")
    try:
        number_of_hits = int(hits) if hits is not None else None
    except (TypeError, ValueError) as exc:
        raise ListingError(f"listing numberOfHits is not a number: {hits!r}") from exc
    items: list[ListingItem] = []
    skipped: list[str] = []
    for raw in results:
        if not isinstance(raw, dict):
            skipped.append(repr(raw)[:80])
            continue
        try:
            items.append(parse_item(raw, base_url))
        except ListingError as exc:
            skipped.append(str(exc))
    return ListingPage(number_of_hits, tuple(items), len(results), tuple(skipped))
