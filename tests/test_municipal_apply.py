"""Applying a municipal crawl to the store: what is stored never depends on the order in
which the pages arrived."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from lovwatch.models.municipal import ProviderListing
from lovwatch.models.municipal_history import apply_municipal, start_municipal_run
from lovwatch.models.store import open_store
from lovwatch.models.tables import Event
from lovwatch.municipal.findings import PageFindings
from lovwatch.municipal.provider_items import Provider
from lovwatch.municipal.sites import Site
from lovwatch.spiders.municipal_outcome import MunicipalCrawl, ReadPage

SITE = "http://127.0.0.2:8000/"
LIST_PAGE = f"{SITE}omsorg/hemtjanst/valj-utforare.html"
NEWS_PAGE = f"{SITE}nyheter/nya-foretag-i-hemtjansten.html"
LISTED = Provider("Fjällnära Hemtjänst HB", "969700-1114", False, ("hemtjanst",), "HB", "list")
NAMED = Provider("Fjällnära Hemtjänst HB", None, False, ("hemtjanst",), "HB", "text")
OTHER = Provider("Jämtvård Omsorg AB", "556677-8899", False, ("hemtjanst",), "AB", "list")


def crawl_of(*pages: tuple[str, list[Provider]]) -> MunicipalCrawl:
    crawl = MunicipalCrawl(sites=[Site("2309", SITE)])
    for url, providers in pages:
        crawl.pages[url] = ReadPage(
            "2309", PageFindings(url, "Hemtjänst", url, providers=providers)
        )
    return crawl


def apply(engine, crawl: MunicipalCrawl) -> None:  # noqa: ANN001
    summary = apply_municipal(engine, start_municipal_run(engine, SITE), crawl)
    assert summary.ok


@pytest.mark.parametrize("news_first", [True, False], ids=["news-first", "list-first"])
def test_a_provider_on_a_list_and_in_a_news_item_is_stored_from_the_list(
    store: Path | str, news_first: bool
) -> None:
    engine = open_store(str(store))
    pages = [(LIST_PAGE, [OTHER, LISTED]), (NEWS_PAGE, [NAMED])]
    apply(engine, crawl_of(*(reversed(pages) if news_first else pages)))
    with Session(engine) as session:
        rows = session.exec(
            select(ProviderListing).where(ProviderListing.name == "Fjällnära Hemtjänst HB")
        ).all()
        added = [e.details for e in session.exec(select(Event)) if e.kind == "provider_added"]
    assert [(row.org_number, row.url) for row in rows] == [("969700-1114", LIST_PAGE)]
    assert sorted((d["provider"], d["org_number"], d["url"]) for d in added) == [
        ("Fjällnära Hemtjänst HB", "969700-1114", LIST_PAGE),
        ("Jämtvård Omsorg AB", "556677-8899", LIST_PAGE),
    ]

    # The list drops the company and the news item is taken down: the company is removed,
    # whichever page arrived first the time before.
    gone = crawl_of((LIST_PAGE, [OTHER]))
    gone.gone.append(NEWS_PAGE)
    apply(engine, gone)
    with Session(engine) as session:
        removed = [e.details for e in session.exec(select(Event)) if e.kind == "provider_removed"]
    assert [(d["provider"], d["org_number"]) for d in removed] == [
        ("Fjällnära Hemtjänst HB", "969700-1114")
    ]


def test_a_provider_still_named_on_another_page_read_again_is_not_removed(
    store: Path | str,
) -> None:
    engine = open_store(str(store))
    apply(engine, crawl_of((LIST_PAGE, [OTHER, LISTED]), (NEWS_PAGE, [NAMED])))
    apply(engine, crawl_of((LIST_PAGE, [OTHER]), (NEWS_PAGE, [NAMED])))
    with Session(engine) as session:
        kinds = [e.kind for e in session.exec(select(Event))]
        row = session.exec(
            select(ProviderListing).where(ProviderListing.name == "Fjällnära Hemtjänst HB")
        ).one()
    assert "provider_removed" not in kinds
    assert row.removed_at is None and row.url == NEWS_PAGE
