"""Choosing municipal sites, and what a site's evidence says about LOV status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lovwatch.models.municipal import LovStatement
from lovwatch.models.municipal_queries import site_status
from lovwatch.municipal.sites import SiteError, default_sites, parse_site, select_sites


def test_site_option_takes_code_or_name_and_a_render_flag() -> None:
    assert parse_site("2309=www.krokom.se").url == "https://www.krokom.se/"
    site = parse_site("Åsele=http://127.0.0.3:8080/start;render")
    assert (site.municipality_code, site.host, site.render) == ("2463", "127.0.0.3:8080", True)
    with pytest.raises(SiteError, match="CODE=URL"):
        parse_site("2309")
    with pytest.raises(SiteError, match="unknown municipality"):
        parse_site("Atlantis=https://example.org")


def test_sites_file_replaces_the_default_set(tmp_path: Path) -> None:
    csv_file = tmp_path / "sites.csv"
    csv_file.write_text(
        "municipality_code,url,render\n2309,https://www.krokom.se,\n"
        "Nacka,https://www.nacka.se,yes\n",
        encoding="utf-8",
    )
    chosen = select_sites(("1980=https://www.vasteras.se",), csv_file)
    assert [(s.municipality_code, s.render) for s in chosen] == [
        ("1980", False),
        ("2309", False),
        ("0182", True),
    ]
    assert len(default_sites()) >= 280  # nearly every municipality has a recorded host
    csv_file.write_text("municipality_code,url\n2309,\n", encoding="utf-8")
    with pytest.raises(SiteError, match=":2: needs"):
        select_sites((), csv_file)


def _statement(kind: str, when: date | None, category: str | None = "hemtjanst") -> LovStatement:
    return LovStatement(
        municipality_code="2309",
        kind=kind,
        category_code=category,
        statement_date=when,
        url="https://x.se/",
        quote=kind,
    )


def test_latest_dated_evidence_decides_status() -> None:
    ended = [_statement("active", date(2010, 9, 1)), _statement("end", date(2018, 2, 22))]
    assert site_status(ended, set()) == {"hemtjanst": "inactive"}
    reintroduced = [*ended, _statement("introduce", date(2020, 1, 1))]
    assert site_status(reintroduced, set()) == {"hemtjanst": "active"}
    # An undated "du kan välja utförare" does not outweigh a dated decision to end.
    assert site_status([*ended, _statement("active", None)], set())["hemtjanst"] == "inactive"
    # Listed providers alone say a system runs.
    assert site_status([], {"boendestod"}) == {"boendestod": "active"}
