"""Politeness per site, apart from overall concurrency: the municipal crawl runs many sites at
once while each host gets one request at a time, measured where it counts, at the servers."""

from __future__ import annotations

from conftest import Lovwatch, needs_loopback_aliases
from faulty_replica import FaultyReplica
from municipal_replica import MunicipalReplica
from scrapy.settings import Settings

from lovwatch.config import Politeness
from lovwatch.crawl import scrapy_settings
from lovwatch.replica.dataset import initial_adverts
from lovwatch.spiders.hitta_lov import HittaLovSpider
from lovwatch.spiders.municipal import MunicipalSpider

#: Every answer takes this long, so requests in flight overlap where the crawl lets them.
LATENCY = 0.15


def _crawl(lovwatch: Lovwatch, sites: MunicipalReplica, *politeness: str) -> None:
    lovwatch(
        "crawl",
        "--source",
        "municipal",
        "--delay",
        "0",
        "--timeout",
        "30",
        *politeness,
        *sites.site_options(),
        "--format",
        "json",
        check=True,
    )


@needs_loopback_aliases
def test_sites_run_in_parallel_with_one_request_at_a_time_per_host(lovwatch: Lovwatch) -> None:
    with MunicipalReplica(latency=LATENCY) as sites:
        _crawl(lovwatch, sites, "--concurrency", "8")
    assert len(sites.requests) > 3 * len(sites.sites)  # far more than one page per site
    assert sites.peak_hosts >= 2, "the sites were crawled one after another"
    assert dict(sites.peak_per_host) == {site.host: 1 for site in sites.sites}


@needs_loopback_aliases
def test_per_site_concurrency_lets_one_host_serve_several_requests_at_once(
    lovwatch: Lovwatch,
) -> None:
    with MunicipalReplica(latency=LATENCY) as sites:
        _crawl(lovwatch, sites, "--concurrency", "8", "--per-site-concurrency", "3")
    assert max(sites.peak_per_host.values()) >= 2
    assert max(sites.peak_per_host.values()) <= 3


def test_the_national_crawl_sends_its_whole_concurrency_to_the_one_host(lovwatch: Lovwatch) -> None:
    # Measured at the server: the settings can say 5 while the crawl that runs sends 2.
    with FaultyReplica(initial_adverts()) as server:
        server.faults.slow_paths["/hitta-lov-uppdrag/annonser/"] = LATENCY
        lovwatch(
            "crawl",
            "--base-url",
            server.base_url,
            "--delay",
            "0",
            "--concurrency",
            "5",
            "--timeout",
            "30",
            check=True,
        )
        assert server.peak_in_flight == 5


def _effective(spider: type[MunicipalSpider] | type[HittaLovSpider], p: Politeness) -> Settings:
    settings = scrapy_settings(p)
    spider.update_settings(settings)
    return settings


def test_overall_and_per_host_concurrency_are_separate_settings() -> None:
    overall_only = Politeness(concurrency=8)
    municipal = _effective(MunicipalSpider, overall_only)
    assert municipal.getint("CONCURRENT_REQUESTS") == 8
    assert municipal.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    # The national site is one host: there the overall figure is the host's.
    national = _effective(HittaLovSpider, overall_only)
    assert national.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 8

    both = Politeness(concurrency=20, per_site_concurrency=2, delay=0.5)
    municipal = _effective(MunicipalSpider, both)
    assert municipal.getint("CONCURRENT_REQUESTS") == 20
    assert municipal.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert municipal.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") == 2.0
    assert municipal.getfloat("DOWNLOAD_DELAY") == 0.5
    assert _effective(HittaLovSpider, both).getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2


def test_municipal_defaults_are_many_sites_one_request_per_host() -> None:
    settings = _effective(MunicipalSpider, Politeness())
    assert settings.getint("CONCURRENT_REQUESTS") == 16
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert settings.getfloat("DOWNLOAD_DELAY") == 1.0
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
