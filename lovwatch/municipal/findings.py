"""Everything extraction finds on one page, in one call: the pure entry point.

`findings_from_html` / `findings_from_text` take a page as fetched (or saved) and return its
LOV statements, approved providers, provider counts and links to the national advert and to
förfrågningsunderlag. No network, no database: the spider and the tests both call these.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml.etree import ParserError

from lovwatch.municipal.blocks import Link, Page, page_from_html, page_from_text
from lovwatch.municipal.counts import Count, counts_in
from lovwatch.municipal.english import english_claims, english_counts, in_english
from lovwatch.municipal.providers import Provider, providers_in
from lovwatch.municipal.statements import Statement, StatementKind, Subject, claims_in
from lovwatch.municipal.vocabulary import fold_words, speaks_of_lov

ADVERT, UNDERLAG = "advert", "underlag"
#: A title that promises a list of providers: "Godkända utförare", "Valbara företag inom
#: hemtjänst", "Jämför utförare", "Utförarlista".
_LIST_TITLE = re.compile(
    r"^((godkanda|valbara|auktoriserade) (utforare|foretag|leverantorer|anordnare|vardgivare|"
    r"vardcentraler|halsocentraler|mottagningar)|jamfor (utforare|foretag|leverantorer|"
    r"anordnare)|utforarlista|lista over (godkanda )?(utforare|foretag|leverantorer))\b"
)
#: Hitta LOV-uppdrag advert pages: /hitta-lov-uppdrag/annonser/<buyer>/<system>/.
_ADVERT_PATH = re.compile(r"/hitta-lov-uppdrag/annonser/([^/]+)/([^/]+)")


@dataclass
class PageFindings:
    """What one page says: its text (for the snapshot), statements, providers, counts, links."""

    url: str
    title: str
    text: str
    statements: list[Statement] = field(default_factory=list)
    providers: list[Provider] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    #: Every LOV claim on the page, whatever its subject and modality: `statements` is the
    #: subset about the municipality's own system, decided or planned.
    claims: list[Statement] = field(default_factory=list)

    @property
    def decisions(self) -> list[Statement]:
        """Statements that may become events: own, decided introductions and endings."""
        return [statement for statement in self.statements if statement.is_event]

    def to_dict(self, *, all_claims: bool = False) -> dict[str, Any]:
        """The JSON-able findings: `statements`, `providers`, `counts` and `links`, each
        statement with its subject, modality, confidence and `is_decision`.

        With `all_claims`, `statements` lists every claim (other municipalities, the law,
        proposals and demands too), for reviewing what was read and set aside.
        """
        return {
            "statements": [s.to_dict() for s in (self.claims if all_claims else self.statements)],
            "providers": [provider.to_dict() for provider in self.providers],
            "counts": [count.to_dict() for count in self.counts],
            "links": [dict(link) for link in self.links],
        }

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def promises_providers(self) -> bool:
        """Whether the page's title says it lists providers ("Godkända utförare")."""
        return bool(_LIST_TITLE.search(fold_words(self.title)))

    @property
    def relevant(self) -> bool:
        """Whether the page is about LOV at all (only such pages are stored)."""
        return bool(self.statements or self.providers or self.links) or speaks_of_lov(
            self.title + "\n" + self.text
        )


def advert_id(url: str) -> str | None:
    """The national advert ID ("<buyer>/<system>") a Hitta LOV-uppdrag link points to."""
    match = _ADVERT_PATH.search(urlsplit(url).path)
    return f"{match.group(1)}/{match.group(2)}" if match else None


def classify_link(link: Link) -> str | None:
    """ADVERT for a Hitta LOV-uppdrag (or Valfrihetswebben) advert, UNDERLAG for a
    förfrågningsunderlag, else None."""
    host = urlsplit(link.url).hostname or ""
    if advert_id(link.url) or "valfrihetswebben" in host:
        return ADVERT
    if "forfragningsunderlag" in fold_words(link.text + " " + link.url).replace(" ", ""):
        return UNDERLAG
    return None


def document_links(page: Page) -> list[dict[str, str]]:
    """Links in the main content to national adverts and förfrågningsunderlag."""
    found: dict[str, dict[str, str]] = {}
    for link in page.content_links:
        kind = classify_link(link)
        if kind and link.url not in found:
            entry = {"kind": kind, "url": link.url, "text": link.text}
            if kind == ADVERT and (advert := advert_id(link.url)):
                entry["advert_id"] = advert
            found[link.url] = entry
    return list(found.values())


def findings_from_page(page: Page) -> PageFindings:
    """Run every extractor over a parsed page."""
    providers = providers_in(page)
    english = in_english(page)
    claims = english_claims(page) if english else claims_in(page)
    counts = counts_in(page, providers) + (english_counts(page) if english else [])
    # A page with claims other than "not introduced" speaks of LOV (`claims_in` reads only
    # that one on another page), so only a page without them has its text scanned again.
    speaks = any(s.kind is not StatementKind.NOT_INTRODUCE for s in claims) or speaks_of_lov(
        page.title + "\n" + page.text
    )
    if not speaks and _PROCURED.search(fold_words(page.title + "\n" + page.text)):
        # A page on a procurement that speaks of no choice system lists contractors ("Kommunen
        # har upphandlat hemtjänst enligt LOU. Utförare: ..."), not providers one may choose.
        providers = []
    if not speaks:
        # A page that speaks of no choice system counts no providers in one: "tar Region
        # Skåne hjälp av två privata leverantörer" after a procurement. That there are none
        # ("inga privata utförare") it can still say, and private vårdcentraler are in the
        # primary care vårdval every region runs by law ("29 vårdcentraler, fyra av dem är
        # privata").
        counts = [
            count
            for count in counts
            if count.private == 0
            or _PRIMARY_CARE_UNIT.search(fold_words(count.quote))
            or (english and "primarvard" in count.categories)
        ]
    return PageFindings(
        page.url,
        page.title,
        page.text,
        [s for s in claims if s.subject is Subject.OWN and s.is_status],
        providers,
        counts,
        document_links(page),
        claims,
    )


def findings_from_html(html: str, url: str) -> PageFindings:
    """Findings of an HTML page as fetched."""
    return findings_from_page(page_from_html(html, url))


def findings_from_text(text: str, url: str = "", title: str = "") -> PageFindings:
    """Findings of saved plain text or markdown (seeds, PDFs turned into text)."""
    return findings_from_page(page_from_text(text, url, title))


_PRIMARY_CARE_UNIT = re.compile(r"(vardcentral|halsocentral)")
#: A procurement: "upphandlat hemtjänst enligt LOU", "lagen om offentlig upphandling".
_PROCURED = re.compile(r"\b(lou|offentlig upphandling|upphandla\w*|upphandling\w*)\b")
_SCRIPTED_CONTAINER = re.compile(
    r"(utforare|leverantor|provider|jamfor|compare|valbara)", re.IGNORECASE
)


def needs_browser(html: str) -> bool:
    """Whether a page's content is injected by script, so only a browser can read it.

    Signs: an element marked `data-render="js"`; or an empty container whose id/class speaks
    of providers or comparison ("Jämför service") on a page with scripts; or a <noscript>
    that asks for JavaScript on a page without an approved-provider list.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return False
    if root.xpath("//*[@data-render='js']"):
        return True
    if not root.xpath("//script"):
        return False
    for element in root.xpath("//*[@id or @class]"):
        marker = f"{element.get('id', '')} {element.get('class', '')}"
        if (
            element.tag not in ("script", "a", "link")
            and _SCRIPTED_CONTAINER.search(marker)
            and not element.text_content().strip()
            and not len(element)
        ):
            return True
    asks = any(
        "javascript" in (node.text_content() or "").lower() for node in root.iterfind(".//noscript")
    )
    return asks and not providers_in(page_from_html(html, ""))
