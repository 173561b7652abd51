"""Reading an advert page by its labels' words, whatever element holds them.

The page layout of the national database is not known, so nothing here depends on classes or
ids: a label ("Upphandlande myndighet", "Tjänsteområde", "Senast uppdaterad", ...) is found as
an element's own text, and its value is whatever follows it: the `dd` after a `dt`, the `td`
after a `th`, the text after a `<strong>`, the next element after a label `span`, or the
section after a heading. Date labels may also share one text with their date and no
separator ("Publicerad 3 mars 2025").

Each parsed page also says which of `COVERAGE_FIELDS` it yielded (`AdvertPage.coverage`) and
which labels it showed that `LABELS` knows and does not (`label_census`), so that a run can
report its coverage and labels never seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from urllib.parse import urljoin

import lxml.html
from lxml.html import HtmlElement

from lovwatch.normalize.categories import cpv_codes
from lovwatch.normalize.dates import parse_date
from lovwatch.normalize.text import fold

LABELS: dict[str, tuple[str, ...]] = {
    "authority": (
        "upphandlande myndighet",
        "kommun/landsting",
        "landsting/kommun",
        "kommun/landsting/region",
        "region/kommun",
        "kommun",
        "upphandlande enhet",
        "ansvarig myndighet",
        "ansvarig organisation",
        "ansvarig nämnd",
        "huvudman",
        "annonserad av",
        "publicerad av",
        "annonserande organisation",
        "upphandlande organisation",
        "annonserande myndighet",
        "myndighet",
        "organisation",
        "kommun/region",
        "köpare",
        "beställare",
        "uppdragsgivare",
        "annonsör",
        "upphandlare",
        "utannonserad av",
        "organisationsnamn",
    ),
    "areas": (
        "tjänsteområde",
        "tjänsteområden",
        "tjänsteomrade",
        "verksamhetsområde",
        "verksamhetsområden",
        "område",
        "områden",
        "affärsområde",
        "affärsområden",
        "tjänst",
        "tjänster",
        "kategori",
        "kategorier",
        "tjänstekategori",
        "tjänstekategorier",
        "verksamhet",
        "insats",
        "insatser",
        "tjänstetyp",
        "typ av tjänst",
        "vårdområde",
        "vårdområden",
        "vårdvalsområde",
        "valfrihetssystem för",
        "bransch",
        "branscher",
    ),
    # CPV codes ("85311200-4 Social omsorg för personer med funktionsnedsättning").
    "cpv": (
        "cpv",
        "cpv-kod",
        "cpv-koder",
        "cpv kod",
        "cpv koder",
        "huvudsaklig cpv-kod",
        "ytterligare cpv-koder",
    ),
    "published": (
        "publicerad",
        "publiceringsdatum",
        "publicerades",
        "annonsen publicerades",
        "publicerat",
        "datum för publicering",
        "publicerad den",
        "publiceringsdag",
        "annonsdatum",
    ),
    "updated": (
        "senast uppdaterad",
        "uppdaterad",
        "senast ändrad",
        "ändrad",
        "uppdaterades",
        "senaste uppdatering",
        "senast uppdaterad den",
        "uppdaterad den",
        "senast ändrad den",
        "ändringsdatum",
        "senast reviderad",
        "reviderad",
    ),
    "contact": (
        "kontaktperson",
        "kontaktpersoner",
        "kontakt",
        "kontaktuppgifter",
        "kontaktinformation",
        "kontaktperson för valfrihetssystemet",
        "kontakt för frågor",
        "frågor om valfrihetssystemet",
        "handläggare",
        "upplysningar",
    ),
    "description": (
        "beskrivning",
        "om uppdraget",
        "om valfrihetssystemet",
        "sammanfattning",
        "information",
        "om tjänsten",
        "beskrivning av uppdraget",
    ),
    # The county the advert is listed under: read (the listing's regionName says it too) so
    # that it is a known label, not a sign of layout drift.
    "county": ("län", "länsnamn"),
    "documents": (
        "förfrågningsunderlag",
        "ansökan",
        "ansökningsformulär",
        "dokument",
        "länkar",
        "ansök",
        "bilagor",
    ),
}

_LABEL_TAGS = (
    "dt",
    "th",
    "strong",
    "b",
    "label",
    "span",
    "div",
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "td",
    "em",
    "li",
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NOISE_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "button")
_DOC_WORDS = (
    "forfragningsunderlag",
    "ansokan",
    "ansokningsformular",
    "ansok",
    "e tjanst",
    "underlag",
    "upphandlingsdokument",
    "avtal",
    "kravspecifikation",
)
_SPACE = re.compile(r"\s+")
_SPLIT_AREAS = re.compile(r"\s*(?:\n|;|\||•|·)\s*")


@dataclass
class AdvertPage:
    """What an advert page says, as far as its labels could be found."""

    title: str = ""
    authority: str | None = None
    service_areas: list[str] = field(default_factory=list)
    published: date | None = None
    updated: date | None = None
    contact: str | None = None
    documents: list[dict[str, str]] = field(default_factory=list)
    description: str = ""
    text: str = ""
    #: Which fields were found by a label (for diagnostics of an unfamiliar layout).
    found: list[str] = field(default_factory=list)
    #: CPV codes the page lists (eight digits each), under a CPV label or in its areas.
    cpv_codes: list[str] = field(default_factory=list)
    #: Per field of `COVERAGE_FIELDS`, whether the page yielded a value: a run sums these
    #: over its pages to report coverage.
    coverage: dict[str, bool] = field(default_factory=dict)
    #: Label texts seen on the page that are known label words, and those that are not (in
    #: page order, as written without the colon): a run reports labels never seen before.
    labels_known: list[str] = field(default_factory=list)
    labels_unknown: list[str] = field(default_factory=list)


#: The fields whose presence a run counts (`AdvertPage.coverage`).
COVERAGE_FIELDS = ("authority", "areas", "published", "updated", "contact")


@dataclass(frozen=True)
class LabelCensus:
    """The labels seen on a page: known label words, and label-like texts that are not."""

    known: tuple[str, ...]
    unknown: tuple[str, ...]


def _text(element: HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _lines(element: HtmlElement) -> list[str]:
    """The element's text split at block boundaries (li, br, p, div)."""
    items = element.xpath(".//li")
    if items:
        return [t for t in (_text(li) for li in items) if t]
    for br in element.xpath(".//br"):
        br.tail = "\n" + (br.tail or "")
    raw = "\n".join(part.text_content() for part in element.xpath("./p|./div") or [element])
    return [t for t in (_SPACE.sub(" ", x).strip() for x in _SPLIT_AREAS.split(raw)) if t]


@cache
def _label_index() -> dict[str, str]:
    return {fold(word): name for name, words in LABELS.items() for word in words}


def _label_of(element: HtmlElement) -> str | None:
    """The field name when the element's own text is one of the label words."""
    own = _SPACE.sub(" ", element.text_content()).strip()
    if not own or len(own) > 60:
        return None
    return _label_index().get(_folded(own.rstrip(":").strip()))


def _inline_pair(element: HtmlElement) -> tuple[str, str] | None:
    """`<li>Upphandlande myndighet: Salems kommun</li>`: label and value in one element."""
    if len(element) > 0:
        return None
    label, colon, value = _SPACE.sub(" ", element.text_content()).partition(":")
    if not colon or not value.strip() or len(label) > 40:
        return None
    name = _label_index().get(_folded(label.strip()))
    return (name, value.strip()) if name else None


_DATE_FIELDS = ("published", "updated")
_INLINE_TAGS = frozenset({"span", "time", "strong", "b", "em", "i", "a", "small", "abbr"})


@cache
def _date_label_pattern() -> re.Pattern[str]:
    """A date label as whole words in folded text, longest first ("senast uppdaterad" before
    "uppdaterad")."""
    labels = sorted(
        {fold(word) for name in _DATE_FIELDS for word in LABELS[name]}, key=len, reverse=True
    )
    return re.compile(r"(?<![\w])(" + "|".join(map(re.escape, labels)) + r")(?![\w])")


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """`fold`, remembered: the same short texts (labels, navigation) recur on every page."""
    return fold(text)


@cache
def _fold_letter(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()


def _dated_labels(element: HtmlElement) -> list[tuple[str, str, str]]:
    """`<p>Publicerad 3 mars 2025</p>`, `<span>Senast uppdaterad 2025-03-04</span>`,
    "Publicerad 3 mars 2025 · Uppdaterad 4 april 2025": date labels written together with
    their date in one short text, with or without a colon. Returns (field, label, value) for
    each label followed by a date before the next label."""
    if any(child.tag not in _INLINE_TAGS for child in element):
        return []
    text = _SPACE.sub(" ", element.text_content()).strip()
    if not text or len(text) > 120:
        return []
    # Fold letter by letter so that positions in `folded` are positions in `text`.
    folded = "".join(_fold_letter(char) for char in text)
    matches = list(_date_label_pattern().finditer(folded))
    found: list[tuple[str, str, str]] = []
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        value = text[match.end() : end].strip(" :,.;|·•–-")
        if parse_date(value) is not None:
            label = text[match.start() : match.end()]
            found.append((_label_index()[match.group(1)], label, value))
    return found


def _value_after(label: HtmlElement) -> HtmlElement | str | None:
    """The value belonging to a label element, by the usual HTML pairings."""
    tag = label.tag
    if tag == "dt":
        found = label.xpath("following-sibling::dd[1]")
        return found[0] if found else None
    if tag == "th" or (tag == "td" and label.getnext() is not None):
        found = label.xpath("following-sibling::td[1]")
        return found[0] if found else None
    if tag in _HEADINGS:
        return _section_after(label)
    inline = _inline_value(label)
    if inline:
        return inline
    following = label.getnext()
    if following is not None:
        return following
    parent = label.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        sibling = parent.getnext()
        if sibling is not None and _label_of(parent) is not None:
            return sibling
    return None


def _inline_value(label: HtmlElement) -> str | None:
    """`<strong>Label:</strong> value<br>more<br><strong>Next:</strong>` (or the value on the
    line after the label): the text after the label up to the next label, one line per break.
    None when no text follows the label."""
    following = label.getnext()
    starts_on_next_line = (
        following is not None and following.tag == "br" and (following.tail or "").strip()
    )
    if not (label.tail or "").strip(" :\u00a0\t\r\n") and not starts_on_next_line:
        return None
    lines = [label.tail or ""]
    for sibling in label.itersiblings():
        if sibling.tag in _LABEL_TAGS and _label_of(sibling) is not None:
            break
        if sibling.tag == "br":
            lines.append("\n")
        else:
            lines.append(sibling.text_content())
        lines.append(sibling.tail or "")
    parts = [_SPACE.sub(" ", part).strip(" :") for part in "".join(lines).split("\n")]
    return ", ".join(part for part in parts if part) or None


def _split_areas(text: str) -> list[str]:
    """Areas written on one line: split at separators, and at commas only between names
    ("Ledsagarservice, Avlösarservice") — not before a lower-case qualifier
    ("Hemtjänst – service, omvårdnad")."""
    areas: list[str] = []
    for part in _SPLIT_AREAS.split(text):
        pieces = [piece.strip() for piece in part.split(",") if piece.strip()]
        if pieces and all(piece[0].isupper() for piece in pieces):
            areas.extend(pieces)
        elif part.strip():
            areas.append(part.strip())
    return areas


def _section_after(heading: HtmlElement) -> HtmlElement:
    """The elements after a heading up to the next heading of the same or higher level, or a
    lower heading that is itself a label ("Om uppdraget" must not swallow "Senast uppdaterad")."""
    section = lxml.html.Element("div")
    level = int(heading.tag[1])
    for sibling in heading.itersiblings():
        if sibling.tag in _HEADINGS and (
            int(sibling.tag[1]) <= level or _label_of(sibling) is not None
        ):
            break  # the next section, or a sub-heading that labels another field
        section.append(_copy(sibling))
    return section


def _copy(element: HtmlElement) -> HtmlElement:
    return lxml.html.fromstring(lxml.html.tostring(element, encoding="unicode"))


def _main(root: HtmlElement) -> HtmlElement:
    for path in ("//main", "//*[@role='main']", "//article", "//body"):
        found = root.xpath(path)
        if found:
            return found[0]
    return root


def _documents(
    scope: HtmlElement, base_url: str, labelled: list[HtmlElement]
) -> list[dict[str, str]]:
    """Links to the förfrågningsunderlag and application: every link under a documents label,
    and any link whose words speak of them."""
    documents: list[dict[str, str]] = []
    seen: set[str] = set()
    # lxml keeps one proxy per node while it is referenced: `labelled_anchors` stays alive, so
    # the ids below stay valid.
    labelled_anchors = [a for value in labelled for a in value.xpath(".//a[@href]")]
    under_label = {id(a) for a in labelled_anchors}
    anchors = labelled_anchors + [a for a in scope.xpath(".//a[@href]") if id(a) not in under_label]
    for anchor in anchors:
        href = anchor.get("href", "").strip()
        label = _text(anchor)
        parent = anchor.getparent()
        context = fold(" ".join([label, href, _text(parent) if parent is not None else ""]))
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        if id(anchor) not in under_label and not any(word in context for word in _DOC_WORDS):
            continue
        url = urljoin(base_url, href)
        if url not in seen:
            seen.add(url)
            documents.append({"label": label or url, "url": url})
    return documents


_LABEL_LIKE_TAGS = frozenset({"dt", "th", "label"})
_MAX_LABEL_WORDS = 5


def _label_text(text: str) -> str:
    return _SPACE.sub(" ", text).strip().rstrip(":").strip()


def _looks_like_label(text: str) -> bool:
    """Short, a few words, starting with a letter: what a field label looks like."""
    return (
        0 < len(text) <= 40
        and len(text.split()) <= _MAX_LABEL_WORDS
        and text[0].isalpha()
        and not any(char.isdigit() for char in text)
    )


def _signature(element: HtmlElement) -> tuple[str, str, str, str]:
    """Where an element sits in the layout: its tag and class, and its parent's."""
    parent = element.getparent()
    return (
        str(element.tag),
        element.get("class", ""),
        str(parent.tag) if parent is not None else "",
        parent.get("class", "") if parent is not None else "",
    )


def _census_of(scope: HtmlElement) -> LabelCensus:
    """Known labels, then label-like texts that are not known: in a label position (`dt`,
    `th`, `label`, ending in a colon, a bold lead-in, the head of "Label: value"), or laid
    out exactly like a known label (same tag and class, same parent)."""
    known: list[str] = []
    unknown: list[str] = []
    candidates: list[tuple[HtmlElement, str]] = []
    known_signatures: set[tuple[str, str, str, str]] = set()

    def note(label: str, is_known: bool) -> None:
        if label and label not in known and label not in unknown:
            (known if is_known else unknown).append(label)

    for element in scope.iter(*_LABEL_TAGS):
        own = _SPACE.sub(" ", element.text_content()).strip()
        label = _label_text(own)
        name = _label_of(element)
        if name is not None:
            if not (element.tag in ("div", "p", "td") and len(element) > 0):
                note(label, True)
                # A list item or a link that reads like a label ("Ansökningsformulär") says
                # nothing about where the page puts its labels.
                if name != "documents" and element.tag != "li" and not element.xpath(".//a"):
                    known_signatures.add(_signature(element))
            continue
        dated = _dated_labels(element)
        if dated:
            for _, written, _ in dated:
                note(_label_text(written), True)
            continue
        if _inline_pair(element):
            note(_label_text(own.partition(":")[0]), True)
            continue
        head, colon, rest = own.partition(":")
        if colon and rest.strip() and len(element) == 0 and _looks_like_label(_label_text(head)):
            note(_label_text(head), False)  # "Label: value" with a label no one taught us
            continue
        if not _looks_like_label(label):
            continue
        if (
            element.tag in _LABEL_LIKE_TAGS
            or (own.endswith(":") and len(element) == 0)
            or (element.tag in ("strong", "b") and bool((element.tail or "").strip(" :")))
        ):
            note(label, False)
        else:
            candidates.append((element, label))
    for element, label in candidates:
        if _signature(element) in known_signatures:
            note(label, False)
    return LabelCensus(tuple(known), tuple(unknown))


def label_census(html: str | bytes) -> LabelCensus:
    """The labels an advert page shows: those `LABELS` knows and label-like texts it does not
    (a `dt`, a `th`, a `label`, a text ending in a colon, a bold lead-in, the label of a
    "Label: value" line). Pure: a run collects the unknown ones to learn new label words."""
    root = lxml.html.fromstring(html or "<html></html>")
    for noise in root.xpath("|".join(f"//{tag}" for tag in _NOISE_TAGS)):
        noise.drop_tree()
    return _census_of(_main(root))


def parse_advert_page(html: str | bytes, url: str = "") -> AdvertPage:
    """Extract an advert page's fields by their labels; missing labels leave fields empty."""
    root = lxml.html.fromstring(html or "<html></html>")
    for noise in root.xpath("|".join(f"//{tag}" for tag in _NOISE_TAGS)):
        noise.drop_tree()
    main = _main(root)
    page = AdvertPage(text=_text(main))
    headings = main.xpath(".//h1") or root.xpath("//h1")
    if headings:
        page.title = _text(headings[0])

    values: dict[str, HtmlElement | str] = {}
    labelled_documents: list[HtmlElement] = []
    census = _census_of(main)
    for element in main.iter(*_LABEL_TAGS):
        name = _label_of(element)
        if name is None:
            pair = _inline_pair(element)
            if pair and pair[0] not in values:
                values[pair[0]] = pair[1]
            elif pair is None:
                for dated_name, _, dated_value in _dated_labels(element):
                    values.setdefault(dated_name, dated_value)
            continue
        if name in values and name != "documents":
            continue
        if element.tag in ("div", "p", "td") and len(element) > 0:
            continue  # a container whose text happens to equal a label
        value = _value_after(element)
        if name == "documents":
            if isinstance(value, HtmlElement):
                labelled_documents.append(value)
            continue
        if isinstance(value, HtmlElement) and not _text(value):
            continue  # an empty element (a <br>) is no value: a later label may have one
        if value is not None and (not isinstance(value, str) or value):
            values[name] = value
    page.found = sorted(values)

    def as_text(name: str) -> str | None:
        value = values.get(name)
        if value is None:
            return None
        return value if isinstance(value, str) else _text(value) or None

    page.authority = as_text("authority")
    areas = values.get("areas")
    if areas is not None:
        page.service_areas = (
            _split_areas(areas)
            if isinstance(areas, str)
            else [area for line in _lines(areas) for area in _split_areas(line)]
        )
    cpv = values.get("cpv")
    if cpv is not None:
        cpv_lines = (
            _split_areas(cpv)
            if isinstance(cpv, str)
            else [area for line in _lines(cpv) for area in _split_areas(line)]
        )
        page.cpv_codes = list(dict.fromkeys(code for line in cpv_lines for code in cpv_codes(line)))
        if not page.service_areas:
            # No service areas printed: the CPV lines are the areas ("85312100 Tjänster för
            # dagcenter"); the category mapper reads the codes in them.
            page.service_areas = cpv_lines
    for area in page.service_areas:
        page.cpv_codes.extend(code for code in cpv_codes(area) if code not in page.cpv_codes)
    page.published = parse_date(as_text("published"))
    page.updated = parse_date(as_text("updated"))
    page.contact = as_text("contact")
    page.description = as_text("description") or ""
    if not page.description:
        paragraphs = sorted((_text(p) for p in main.xpath(".//p")), key=len, reverse=True)
        page.description = paragraphs[0] if paragraphs else ""
    page.documents = _documents(main, url, labelled_documents)
    page.coverage = {
        "authority": bool(page.authority),
        "areas": bool(page.service_areas),
        "published": page.published is not None,
        "updated": page.updated is not None,
        "contact": bool(page.contact),
    }
    page.labels_known = list(census.known)
    page.labels_unknown = list(census.unknown)
    return page
