"""Which municipal websites to crawl: the shipped reference data, or what the user gives.

The reference data carries each municipality's and each region's web host (`website`); a
region is crawled under its 2-digit county code (its vårdval/hälsoval pages), which never
collides with a 4-digit kommunkod. `--site CODE=URL` (repeatable) and `--sites FILE.csv`
(columns `municipality_code`, `url`, optional `render`) replace that set with exactly the
sites given; CODE may be a region's county code or name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lovwatch.config import check_site_url
from lovwatch.normalize.authorities import (
    find_municipality,
    find_region,
    municipalities,
    region_places,
)


class SiteError(ValueError):
    """A site given by the user cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Site:
    """One municipality's website: where to start, and whether to render all its LOV pages
    in the browser (for sites known to build their content with script)."""

    municipality_code: str
    url: str
    render: bool = False

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


def _normalise_url(value: str) -> str:
    try:
        value = check_site_url(value.strip())
    except ValueError as exc:
        raise SiteError(str(exc)) from exc
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"


def _code(value: str) -> str:
    place = find_municipality(value.strip()) or find_region(value.strip())
    if place is None:
        raise SiteError(
            f"unknown municipality or region {value!r}; give a kommunkod (0180), a region's "
            "county code (12) or a name"
        )
    return place.code


def default_sites() -> list[Site]:
    """Every municipality and region with a website in the reference data. A region that
    shares its municipality's site (Gotland: one authority, both kommun and region) is
    crawled once, as the municipality."""
    sites = [Site(m.code, _normalise_url(m.website)) for m in municipalities() if m.website]
    hosts = {site.host for site in sites}
    regions = [Site(r.code, _normalise_url(r.website)) for r in region_places() if r.website]
    return sites + [site for site in regions if site.host not in hosts]


def parse_site(value: str) -> Site:
    """`CODE=URL` (or `NAME=URL`; append `;render` to render its LOV pages in the browser)."""
    spec, _, flag = value.partition(";")
    code, sep, url = spec.partition("=")
    if not sep or not url.strip():
        raise SiteError(f"{value!r}: want CODE=URL, e.g. 0180=https://start.stockholm")
    return Site(_code(code), _normalise_url(url), flag.strip().lower() == "render")


def read_sites_csv(path: Path) -> list[Site]:
    """Sites from a CSV file with a header: municipality_code,url[,render]."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise SiteError(f"cannot read {path}: {exc.strerror}") from exc
    if not rows:
        raise SiteError(
            f"{path} lists no site; give rows of municipality_code,url under the header"
        )
    sites = []
    for number, row in enumerate(rows, start=2):
        if not row.get("municipality_code") or not row.get("url"):
            raise SiteError(f"{path}:{number}: needs municipality_code and url")
        render = (row.get("render") or "").strip().lower() in ("1", "yes", "true", "render")
        try:
            sites.append(Site(_code(row["municipality_code"]), _normalise_url(row["url"]), render))
        except SiteError as exc:
            raise SiteError(f"{path}:{number}: {exc}") from exc
    return sites


def select_sites(site_options: tuple[str, ...] = (), sites_file: Path | None = None) -> list[Site]:
    """The sites to crawl: those given (option and file together), else every default site."""
    given = [parse_site(value) for value in site_options]
    if sites_file is not None:
        given += read_sites_csv(sites_file)
    return given or default_sites()
