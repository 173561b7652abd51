"""The regions' sites: shipped addresses, crawled by default beside the municipalities, stored
under the 2-digit county code, named as the region and matched by county subscribers."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import FAST, Lovwatch, needs_loopback_aliases
from municipal_replica import VARDVAL_PAGE, MunicipalReplica, region_site
from notify_helpers import Receiver

from lovwatch.municipal.sites import default_sites, parse_site
from lovwatch.normalize.authorities import counties, municipality_by_code
from lovwatch.notify.municipal import kommun_name

NO_BROWSER = os.devnull + "-missing"


def test_every_region_has_its_public_address() -> None:
    for county in counties():
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)*\.se", county.website), county


def test_regions_are_crawled_by_default_beside_the_municipalities() -> None:
    sites = default_sites()
    codes = [site.municipality_code for site in sites]
    regions = {code for code in codes if len(code) == 2}
    # Region Gotland is the municipality 0980's site, crawled once as the municipality.
    assert regions == {county.code for county in counties()} - {"09"}
    assert "0980" in codes and len(codes) == 290 + 20
    assert len({site.host for site in sites}) == len(sites)
    skane = next(site for site in sites if site.municipality_code == "12")
    assert skane.url == "https://skane.se/"


def test_a_region_is_named_by_its_county_code_or_its_name() -> None:
    assert parse_site("Region Skåne=https://www.skane.se").municipality_code == "12"
    assert parse_site("12=https://www.skane.se").municipality_code == "12"
    assert parse_site("VGR=https://www.vgregion.se").municipality_code == "14"
    # A kommunkod still means the municipality.
    assert parse_site("1280=https://malmo.se").municipality_code == "1280"
    region = municipality_by_code("12")
    assert region is not None
    assert (region.name, region.county_code, region.county_name) == (
        "Region Skåne",
        "12",
        "Skåne län",
    )
    malmo = municipality_by_code("1280")
    assert malmo is not None and region.population > malmo.population
    # Messages name a region as it names itself, a municipality in the genitive.
    assert kommun_name(region, "12") == "Region Skåne"
    assert kommun_name(municipality_by_code("14"), "14") == "Västra Götalandsregionen"
    assert kommun_name(malmo, "1280") == "Malmö stad"


def _crawl(lovwatch: Lovwatch, site: str) -> None:
    lovwatch(
        "crawl",
        "--source",
        "municipal",
        "--site",
        site,
        *FAST,
        "--format",
        "json",
        env={"LOVWATCH_CHROMIUM": NO_BROWSER},
        check=True,
    )


@needs_loopback_aliases
def test_a_regions_vardval_pages_are_read_and_reach_county_subscribers(
    lovwatch: Lovwatch, store: Path
) -> None:
    region = region_site()
    with MunicipalReplica(sites=[region]) as sites, Receiver() as receiver:
        _crawl(lovwatch, f"Region Skåne={region.base_url}")
        assert VARDVAL_PAGE in sites.paths(region.host)
        assert "/kultur.html" not in sites.paths(region.host)
        profile = lovwatch("municipality", "12", "--format", "json", check=True).json()
        assert profile["name"] == "Region Skåne"
        providers = lovwatch("providers", "--format", "json", check=True).json()
        assert {(row["municipality"], row["name"]) for row in providers} == {
            ("Region Skåne", "Läkarhuset Söder AB"),
            ("Region Skåne", "Österlens Hälsocentral AB"),
        }

        for name, county in (("skane", "Skåne län"), ("halland", "Hallands län")):
            lovwatch(
                "subscribe",
                "add",
                name,
                "--notify",
                receiver.url(path=f"/{name}"),
                "--county",
                county,
                "--events",
                "municipal",
                check=True,
            )
        html = sites.site("12").pages[VARDVAL_PAGE]
        sites.set_page(
            "12", VARDVAL_PAGE, html.replace("</ul>", "<li>Hälsohuset Lund AB</li></ul>")
        )
        _crawl(lovwatch, f"12={region.base_url}")
        lovwatch("notify", check=True)
    assert [message.path for message in receiver.received] == ["/skane"]
    assert "Hälsohuset Lund AB" in receiver.received[0].message
