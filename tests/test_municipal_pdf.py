"""Provider lists published as PDFs: read by `lovwatch extract` and by the municipal crawl,
which also names the lists it could not read.

The PDF fixture was printed by Chromium from `godkanda-utforare-hemtjanst.html` beside it (a
two-page table of approved providers, as municipalities publish them); the expected providers
are read from that HTML's table, not written into the tests.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import FAST, Lovwatch, needs_loopback_aliases
from municipal_replica import MunicipalReplica, ReplicaSite, page

from lovwatch.municipal.pdf import pdf_text
from lovwatch.spiders.municipal import lists_providers

FIXTURES = Path(__file__).parent / "fixtures" / "municipal" / "pdf"
PDF = FIXTURES / "godkanda-utforare-hemtjanst.pdf"
NO_BROWSER = os.devnull + "-missing"
LIST_PATH = "/download/Godkanda-utforare-hemtjanst.pdf"
TERMS_PATH = "/download/Forfragningsunderlag-hemtjanst-2025.pdf"
DAMAGED_PATH = "/download/Valbara-foretag-daglig-verksamhet.pdf"
MAP_PATH = "/godkanda-utforare-ledsagning.html"


def _table_rows() -> list[tuple[str, str]]:
    """(name, org number) of every row of the source HTML's provider tables."""
    root = lxml.html.parse(str(FIXTURES / "godkanda-utforare-hemtjanst.html")).getroot()
    rows = root.xpath("//table/tr[td]")
    return [
        (row.xpath("td[1]")[0].text_content(), row.xpath("td[2]")[0].text_content()) for row in rows
    ]


def test_the_table_of_a_pdf_is_read_column_by_column(lovwatch: Lovwatch) -> None:
    text = pdf_text(PDF.read_bytes())
    assert text is not None
    # Both pages are read, each row in cells, the header row over each page's table.
    header = "Utförare\tOrganisationsnummer\tTelefon\tOmråde"
    assert text.count(header) == 2
    for name, org_number in _table_rows():
        assert f"{name}\t{org_number}\t" in text

    found = lovwatch("extract", str(PDF), "--format", "json", check=True).json()
    providers = {(p["name"], p["org_number"], p["own_unit"]) for p in found["providers"]}
    assert providers == {
        (name, org_number, "egen regi" in name) for name, org_number in _table_rows()
    }
    private = sum(1 for name, _ in _table_rows() if "egen regi" not in name)
    assert [(c["private"], c["own_units"]) for c in found["counts"]] == [(private, 1)]
    assert [s["kind"] for s in found["statements"]] == ["active"]


def test_a_damaged_pdf_is_one_sentence_not_a_traceback(lovwatch: Lovwatch, tmp_path: Path) -> None:
    assert pdf_text(b"<html>not a pdf</html>") is None
    damaged = tmp_path / "utforare.pdf"
    damaged.write_bytes(PDF.read_bytes()[:2000])
    assert pdf_text(damaged.read_bytes()) is None
    result = lovwatch("extract", str(damaged))
    assert result.code != 0
    assert "Traceback" not in result.stderr
    assert "is a PDF that cannot be read" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_pypdf_warnings_are_muted_while_lovwatch_reads_and_only_then(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A wrong startxref offset: pypdf warns, rebuilds the cross-reference table and reads on.
    body = re.sub(rb"startxref\s+\d+", b"startxref\n12", PDF.read_bytes())
    caplog.set_level(logging.WARNING, logger="pypdf")
    level = logging.getLogger("pypdf").level

    text = pdf_text(body)

    assert text is not None and "AB" in text
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []
    assert logging.getLogger("pypdf").level == level
    logging.getLogger("pypdf._reader").warning("outside a read")
    assert [r.getMessage() for r in caplog.records] == ["outside a read"]


@pytest.mark.parametrize(
    ("path", "text", "read"),
    [
        ("/download/Godkanda-utforare.pdf", "Godkända utförare (pdf, 28 kB)", True),
        ("/download/lista-2025.pdf", "Utförarlista hemtjänst", True),
        ("/download/18.3b2c.pdf", "Valbara företag inom daglig verksamhet", True),
        ("/download/vardgivarforteckning.pdf", "Vårdgivarförteckning", True),
        ("/download/Forfragningsunderlag-hemtjanst.pdf", "Förfrågningsunderlag (pdf)", False),
        ("/download/Utforarhandbok.pdf", "Utförarhandbok", False),
        ("/download/leverantorsavtal.pdf", "Avtal för godkända leverantörer", False),
        ("/download/bli-utforare.pdf", "Så blir du utförare", False),
        ("/download/taxor.pdf", "Taxor och avgifter", False),
    ],
)
def test_only_documents_that_list_providers_are_read(path: str, text: str, read: bool) -> None:
    assert lists_providers(f"https://www.krokom.se{path}", text) is read


def _site_with_pdfs() -> ReplicaSite:
    body = f"""<h1>Välj utförare av hemtjänst</h1>
<p>Krokoms kommun har kundval inom hemtjänsten enligt LOV. Du kan välja mellan kommunens
hemtjänst och de företag som kommunen har godkänt.</p>
<p><a href="{LIST_PATH}">Godkända utförare inom hemtjänst (pdf, 28 kB)</a></p>
<p><a href="{TERMS_PATH}">Förfrågningsunderlag hemtjänst 2025 (pdf)</a></p>
<p><a href="{DAMAGED_PATH}">Valbara företag inom daglig verksamhet (pdf)</a></p>
<p><a href="{MAP_PATH}">Godkända utförare inom ledsagning</a></p>"""
    pages: dict[str, str | bytes] = {
        "/": page(
            "Startsida",
            "Krokom",
            '<h1>Krokoms kommun</h1><p><a href="/valj-utforare.html">Välj utförare</a></p>',
        ),
        "/valj-utforare.html": page("Välj utförare av hemtjänst", "Krokom", body),
        LIST_PATH: PDF.read_bytes(),
        DAMAGED_PATH: PDF.read_bytes()[:2000],
        # The providers only on a map: a form the extractor cannot read.
        MAP_PATH: page(
            "Godkända utförare inom ledsagning",
            "Krokom",
            "<h1>Godkända utförare inom ledsagning</h1><p>Kartan visar var utförarna finns.</p>"
            '<img src="/bilder/karta-ledsagning.png" alt="Karta">',
        ),
    }
    return ReplicaSite("2309", "Krokom", "127.0.0.2", pages)


@needs_loopback_aliases
def test_a_linked_provider_list_pdf_is_crawled_and_its_providers_stored(
    lovwatch: Lovwatch,
) -> None:
    with MunicipalReplica(sites=[_site_with_pdfs()]) as sites:
        site = sites.sites[0]
        for _ in range(2):  # the second run asks again and is told the PDF is unchanged
            run = lovwatch(
                "crawl",
                "--source",
                "municipal",
                "--site",
                f"2309={site.base_url}",
                *FAST,
                "--format",
                "json",
                env={"LOVWATCH_CHROMIUM": NO_BROWSER},
                check=True,
            ).json()
            # A list that cannot be read is said, by its address, and fails nothing else.
            assert run["status"] == "complete"
            assert [page["url"].endswith(DAMAGED_PATH) for page in run["failed_pages"]] == [True]
            assert "PDF without text" in run["failed_pages"][0]["error"]
            # A page titled as a provider list without one provider read is named; the list
            # in the PDF, read, is not.
            assert [url.endswith(MAP_PATH) for url in run["lists_without_providers"]] == [True]
        paths = sites.paths(site.host)
        # The list is read; the förfrågningsunderlag is only a link.
        assert paths.count(LIST_PATH) == 2
        assert TERMS_PATH not in paths
        assert [r.status for r in sites.requests if r.path == LIST_PATH] == [200, 304]
        stored = lovwatch("providers", "--format", "json", check=True).json()
        assert {(row["name"], row["org_number"], row["own_unit"]) for row in stored} == {
            (name, org_number, "egen regi" in name) for name, org_number in _table_rows()
        }

        url = f"{site.base_url.rstrip('/')}{LIST_PATH}"
        found = lovwatch("extract", url, "--format", "json", check=True).json()
        assert {p["name"] for p in found["providers"]} == {name for name, _ in _table_rows()}
