"""A municipal page reduced to what extraction reads: its main content as a list of blocks.

Sitevision pages wrap one content portlet in menus, search forms, cookie banners, "Lättläst"
and language links, and footers. `page_from_html` drops that noise and keeps headings,
paragraphs, list items and table rows in document order; `page_from_text` gives the same shape
for saved text (the shared seeds, PDFs already turned into text, markdown).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin

import lxml.html
from lxml.etree import ParserError

from lovwatch.normalize.dates import parse_date

HEADING, PARA, ITEM, ROW = "heading", "para", "item", "row"

#: Elements that never hold the page's own content.
_NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "aside",
    "template",
    "svg",
    "button",
    "select",
)
#: id/class fragments of menus, breadcrumbs, banners and footers on Sitevision and others.
_NOISE_MARKERS = re.compile(
    r"(^|[-_ ])(nav|navigation|menu|meny|breadcrumbs?|cookies?|footer|sidfot|header|search|sok|"
    r"skip|lattlast|languages?|sprak|share|dela|social)([-_ ]|$)",
    re.IGNORECASE,
)
_MAIN_XPATHS = (
    "//main",
    "//*[@role='main']",
    "//*[@id='content']",
    "//*[@id='main']",
    "//article",
    "//body",
)
_BLOCK_TAGS = {
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "p": PARA,
    "li": ITEM,
    "dt": ITEM,
    "dd": PARA,
    "tr": ROW,
    "blockquote": PARA,
    "figcaption": PARA,
    "caption": HEADING,
    # An accordion's title: "<details><summary>Attendo</summary>...".
    "summary": HEADING,
}
_CONTAINERS = ("div", "section", "article", "main", "body", "span", "td", "th")
_STRUCTURE = ("ul", "ol", "table", "div", "section", "article", "br")
# Leaked server-side artefacts, e.g. "org.mozilla.javascript.Undefined@0" on Sitevision.
_ARTEFACTS = re.compile(r"org\.mozilla\.javascript\.\w+@\w+")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


@dataclass(frozen=True)
class Block:
    """One unit of content: a heading (with its level), a paragraph, a list item or a table
    row (cells separated by tabs)."""

    kind: str
    text: str
    level: int = 0
    #: The whole block is link text (a menu or a list of links): it names pages, it does not
    #: state anything.
    linked: bool = False
    #: A heading only by its shape in saved text (a short line without final punctuation):
    #: it may as well be one name of a list.
    guessed: bool = False


@dataclass(frozen=True)
class Link:
    """A link as the page shows it: absolute URL and visible text."""

    url: str
    text: str


@dataclass
class Page:
    """A page's title, main-content blocks, and links (all of the page, and of the content)."""

    url: str
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    content_links: list[Link] = field(default_factory=list)
    #: The page's own date from its metadata (published or modified), when it carries one:
    #: relative dates in its text ("i år", "den första mars") are read against it.
    published: date | None = None

    @property
    def text(self) -> str:
        """The main content as plain text, one block a line (what snapshots keep)."""
        return "\n".join(block.text for block in self.blocks)


def clean(text: str) -> str:
    """Collapse whitespace and drop leaked server artefacts."""
    return _SPACES.sub(" ", _ARTEFACTS.sub("", text)).strip()


def _is_noise(element: lxml.html.HtmlElement) -> bool:
    if element.tag in _NOISE_TAGS or element.get("role") in (
        "navigation",
        "banner",
        "contentinfo",
        "search",
    ):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    marker = f"{element.get('id', '')} {element.get('class', '')}"
    return bool(marker.strip()) and bool(_NOISE_MARKERS.search(marker))


def _own_text(element: lxml.html.HtmlElement) -> str:
    """An element's text without nested lists (a list item's sub-list is its own items)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in ("ul", "ol", "table") and not _is_noise(child):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return clean(" ".join(parts))


def _has_blocks(element: lxml.html.HtmlElement) -> bool:
    return any(
        isinstance(node.tag, str) and (node.tag in _BLOCK_TAGS or node.tag in _STRUCTURE)
        for node in element.iterdescendants()
    )


def _broken_lines(element: lxml.html.HtmlElement) -> list[str]:
    """The lines of a paragraph split by <br> when it reads as a list: three or more short
    lines (a name, a name, a name); else [] (a paragraph with one line break stays whole)."""
    if element.find("br") is None:
        return []
    lines, current = [], [element.text or ""]
    for child in element:
        if child.tag == "br":
            lines.append(clean(" ".join(current)))
            current = []
        elif isinstance(child.tag, str):
            current.append(child.text_content())
        current.append(child.tail or "")
    lines.append(clean(" ".join(current)))
    lines = [line for line in lines if line]
    if len(lines) >= 3 and all(len(line) <= 80 and not line.endswith(".") for line in lines):
        return lines
    return []


def _disclosure(element: lxml.html.HtmlElement) -> bool:
    """A button that opens a panel of the page (an accordion's title), not a control."""
    return element.tag == "button" and (
        element.get("aria-expanded") is not None or element.get("aria-controls") is not None
    )


def _open_panels(root: lxml.html.HtmlElement) -> None:
    """Show the panels a disclosure button opens: their content is the page's, only folded
    ("Attendo" opens "Telefon ..."), where `hidden` would otherwise mark them as noise."""
    controlled = {
        panel
        for button in root.iter("button")
        for panel in (button.get("aria-controls") or "").split()
    }
    if not controlled:
        return
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("id") in controlled:
            element.attrib.pop("hidden", None)
            if element.get("aria-hidden") == "true":
                element.attrib.pop("aria-hidden")


def _walk(element: lxml.html.HtmlElement, blocks: list[Block]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if _disclosure(child):
            if text := clean(child.text_content()):
                blocks.append(Block(HEADING, text, 4))
            continue
        if _is_noise(child):
            continue
        kind = _BLOCK_TAGS.get(child.tag)
        if kind == ROW:
            cells = [clean(cell.text_content()) for cell in child if cell.tag in ("td", "th")]
            if any(cells):
                blocks.append(Block(ROW, "\t".join(cells)))
        elif kind == PARA and (lines := _broken_lines(child)):
            # "Attendo AB<br>Vardaga AB<br>...": a list written as lines of one paragraph.
            blocks.extend(Block(ITEM, line) for line in lines)
        elif kind is not None:
            text = _own_text(child) if kind == ITEM else clean(child.text_content())
            if text:
                level = int(child.tag[1]) if kind == HEADING and child.tag[1:].isdigit() else 0
                linked = (
                    kind != HEADING
                    and clean(" ".join(a.text_content() for a in child.iterfind(".//a"))) == text
                )
                blocks.append(Block(kind, text, level or (4 if kind == HEADING else 0), linked))
            if kind == ITEM:
                _walk(child, blocks)
        elif child.tag in _CONTAINERS and not _has_blocks(child):
            # Text straight in a <div>, with inline markup: one paragraph, not fragments.
            if text := clean(child.text_content()):
                blocks.append(Block(PARA, text))
        else:
            loose = clean(child.text or "") if child.tag in _CONTAINERS else ""
            if loose:
                blocks.append(Block(PARA, loose))
            _walk(child, blocks)
        tail = clean(child.tail or "")
        if tail and element.tag in _CONTAINERS:
            blocks.append(Block(PARA, tail))


def _links(root: lxml.html.HtmlElement, base_url: str) -> list[Link]:
    found = []
    for anchor in root.iterfind(".//a[@href]"):
        href = anchor.get("href", "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        found.append(Link(urljoin(base_url, href).split("#")[0], clean(anchor.text_content())))
    return found


def page_from_html(html: str, url: str) -> Page:
    """Parse a page: title, main-content blocks without navigation noise, and links."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return Page(url)
    title = clean(root.findtext(".//title") or "")
    for line_break in root.iter("br"):
        # A line break parts words: "Storgatan 1<br>Telefon: ..." is not "1Telefon".
        line_break.tail = " " + (line_break.tail or "")
    links = _links(root, url)
    _open_panels(root)
    main = next((found[0] for xpath in _MAIN_XPATHS if (found := root.xpath(xpath))), root)
    blocks: list[Block] = []
    if main.tag in _BLOCK_TAGS:
        blocks.append(Block(_BLOCK_TAGS[main.tag], clean(main.text_content())))
    else:
        _walk(main, blocks)
    return Page(url, title, _own_blocks(blocks), links, _links(main, url), _published(root))


#: The heading of a list of other documents, which document archives ("Relevanta dokument"
#: on docplayer.se) put after a document's text: their titles are not this page's.
_OTHER_DOCUMENTS = re.compile(
    r"(relevanta|relaterade|liknande|andra|fler) dokument|related documents", re.IGNORECASE
)


#: A picture's credit: "Foto: Humana AB", "Pressbild: Nytida", "Fotograf: Anna Svensson".
_CREDIT = re.compile(r"(foto|fotograf|bild|pressbild|illustration|grafik)\s*:", re.IGNORECASE)


def _own_blocks(blocks: list[Block]) -> list[Block]:
    """The page's own blocks: those before a list of other documents, if the page has one,
    without the credits of its pictures (a company named there is no provider)."""
    for at, block in enumerate(blocks):
        if block.kind == HEADING and _OTHER_DOCUMENTS.fullmatch(block.text.strip(" :")):
            blocks = blocks[:at]
            break
    return [b for b in blocks if not (_CREDIT.match(b.text) and len(b.text) <= 120)]


#: Metadata that dates a page, most telling first.
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='DC.date.issued' or @name='dcterms.issued' or @name='date']/@content",
    "//main//time/@datetime | //article//time/@datetime",
    "//meta[@property='article:modified_time' or @name='DC.date.modified']/@content",
    "//meta[@name='dcterms.modified' or @name='last-modified']/@content",
)


def _published(root: lxml.html.HtmlElement) -> date | None:
    for xpath in _DATE_XPATHS:
        for value in root.xpath(xpath):
            if found := parse_date(str(value)):
                return found
    return None


_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_COMPANY_LINE = re.compile(
    r"\b(AB|HB|KB|\d{6}-\d{4})\b|ekonomisk förening|enskild firma", re.IGNORECASE
)


def _text_kind(line: str) -> tuple[str, int, str, bool]:
    if match := _MD_HEADING.match(line):
        return HEADING, len(match.group(1)), match.group(2), False
    if match := _BULLET.match(line):
        return ITEM, 0, line[match.end() :], False
    if "\t" in line.strip():
        return ROW, 0, line, False
    short = (
        len(line) <= 80
        and len(line.split()) <= 10
        and not line.rstrip().endswith((".", ":", ",", "?", "!", ";"))
    )
    if short and line[:1].isupper() and not _COMPANY_LINE.search(line):
        return HEADING, 4, line, True
    return (ITEM if _COMPANY_LINE.search(line) and len(line) <= 120 else PARA), 0, line, False


#: A line that a document's fixed width broke off mid-sentence: long, not a heading, bullet
#: or table row, without the sentence's end.
_WRAPPED = re.compile(r"^(?![#>]|\s*([-*•–]|\d+[.)])\s)[^\t]{50,}(?<![.!?:;])$")
#: A compound's first part left hanging for the next word: "hälso- och sjukvård".
_SUSPENDED = re.compile(r"^(och|eller|samt|respektive)\b")


def _unwrapped(lines: list[str]) -> list[str]:
    """`lines` with the paragraphs a PDF's text or a fixed-width document broke into lines
    joined again: a long line without the sentence's end, followed by a line in lower case,
    goes on in that line ("... läkarorganisationer" + "som har godkänts enligt LOV ..."); a
    word broken at a hyphen ("läkar-" + "organisation") is one word again. A blank line
    between the two does not end the sentence ("... i kommunernas valfrihetssystem", blank,
    "som bedrivs inom ramen för ...": a PDF page's text copied as paragraphs)."""
    joined: list[str] = []
    for line in lines:
        if not line.strip() and joined and _WRAPPED.match(joined[-1].rstrip()):
            joined.append(line)  # (dropped again below if a lower-case line goes on)
            continue
        if line[:1].islower() and len(joined) >= 2 and not joined[-1].strip():
            if _WRAPPED.match(joined[-2].rstrip()):
                joined.pop()
        previous = joined[-1] if joined else ""
        if previous and _WRAPPED.match(previous.rstrip()) and line[:1].islower():
            if previous.rstrip().endswith("-") and not _SUSPENDED.match(line):
                joined[-1] = previous.rstrip()[:-1] + line.strip()
            else:
                joined[-1] = previous.rstrip() + " " + line.strip()
            continue
        joined.append(line)
    return joined


def page_from_text(text: str, url: str = "", title: str = "") -> Page:
    """Read saved plain text or markdown: `#` headings, bullets, tab rows, paragraphs.

    A short line without final punctuation is taken as a heading (how pages flatten to text);
    a short line naming a company (AB, HB, org number) as a list item.
    """
    blocks: list[Block] = []
    links: list[Link] = []
    for raw in _unwrapped(text.splitlines()):
        for label, href in _MD_LINK.findall(raw):
            links.append(Link(urljoin(url, href), clean(label)))
        line = _MD_LINK.sub(lambda m: m.group(1), raw)
        if not line.strip():
            continue
        kind, level, body, guessed = _text_kind(line)
        body = "\t".join(clean(cell) for cell in body.split("\t")) if kind == ROW else clean(body)
        if body.strip():
            blocks.append(Block(kind, body, level, guessed=guessed))
    # The title is a heading over the text, not one further down ("Läs även:" and the
    # headlines of other articles under it).
    top = itertools.takewhile(lambda block: block.kind != PARA, blocks)
    first_heading = next((b.text for b in top if b.kind == HEADING), "")
    return Page(url, title or first_heading, _own_blocks(blocks), links, links)
