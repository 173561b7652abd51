"""Approved providers (godkända utförare) and provider counts on municipal pages.

Three shapes are read:
- a list or table after a cue such as "Följande utförare är godkända", "Valbara företag",
  "Godkända utförare inom hemtjänst" (one provider per item or row);
- a news sentence naming companies: "Tre nya hemtjänstföretag: X AB, Y HB samt Z AB";
- counts: "fyra aktiva leverantörer förutom kommunens egen verksamhet", or a table row
  "Hemtjänst, ledsagning, avlösning | 54 anordnare | 1 anordnare".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Block, Page
from lovwatch.municipal.numbers import number_value
from lovwatch.municipal.statements import sentences
from lovwatch.municipal.vocabulary import categories_in, fold_words

ORG_NUMBER = re.compile(r"\b(\d{6})[- ]?(\d{4})\b")
_CUE = re.compile(
    r"\b(godkand\w* (utforare|leverantor\w*|anordnare|foretag|aktorer)|"
    r"valbara (utforare|foretag|leverantorer)|"
    r"foljande (utforare|foretag|leverantorer|anordnare|aktorer)|"
    r"(utforare|foretag|leverantorer|anordnare) (som )?(du kan|att) valja|"
    r"kan (du )?valja mellan|ar godkand\w*|har godkant|utforare (inom|av|for) \w+|"
    r"(utforare|leverantorer|anordnare)$)"
)
_NEWS_CUE = re.compile(
    r"\b(nya? \w*(foretag|utforare|leverantorer?|anordnare)|"
    r"(har|blivit|blev) godkand\w*|(foretag\w*|utforare) som (har )?godkan\w*|foretaget)\b"
)
#: Words that lead into the names: "De företag som godkänts är X AB", "företaget X AB".
_LEAD_IN = re.compile(r"^.*\b(?:är|företaget|företagen)\s+(?=[A-ZÅÄÖ0-9])")
#: A provider presenting itself under its own heading: "Vi är godkända av X kommun ...".
_SELF_PRESENTATION = re.compile(r"^vi (ar|har blivit) godkanda\b")
_FORMS = r"(?:AB|HB|KB|ekonomisk förening|Ek\. ?för\.?|enskild firma)"
#: A name that ends in a company form, and nothing after it.
_COMPANY_END = re.compile(rf"^(.*?\b{_FORMS})(?=\W|$)", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",\s*|\s+(?:samt|och|&amp;)\s+(?=[A-ZÅÄÖ])")
_OWN_UNIT = re.compile(
    r"\b(kommun|kommunens|kommunal\w*|egen regi|stad|stadens|"
    r"hemtjanst i egen regi)\b"
)
_NAME_END = re.compile(r"\s+(?:[-–—|,(:]|tel\b|telefon\b|e-post\b|www\.|http)", re.IGNORECASE)
_UNITS = r"(leverantorer|utforare|anordnare|foretag|aktorer|verksamheter|boenden)"
_STATED = re.compile(
    rf"\b(\d+|en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv) "
    rf"((aktiva|godkanda|privata|externa|olika) )*{_UNITS}\b"
)


@dataclass(frozen=True)
class Provider:
    """One approved provider as listed: name, org number when shown, own unit or not."""

    name: str
    org_number: str | None
    own_unit: bool
    categories: tuple[str, ...]

    @property
    def key(self) -> str:
        """What identifies the provider across reads: org number, else the folded name."""
        return self.org_number or fold_words(self.name)


@dataclass(frozen=True)
class Count:
    """A number of providers in some categories: counted on a list, or stated in text."""

    categories: tuple[str, ...]
    private: int
    own_units: int
    source: str
    quote: str


def org_number(text: str) -> str | None:
    """An organisation number NNNNNN-NNNN in `text`, normalised with the hyphen."""
    match = ORG_NUMBER.search(text)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def provider_from_item(text: str, categories: tuple[str, ...]) -> Provider | None:
    """A provider from one list item or table row, or None if it does not name one."""
    first = text.split("\t")[0] if "\t" in text else text
    name = ORG_NUMBER.sub("", _NAME_END.split(first, maxsplit=1)[0]).strip(" ,;:.–-")
    words = name.split()
    if (
        not name
        or len(words) > 8
        or len(name) > 80
        or not name[0].isupper()
        and not name[0].isdigit()
    ):
        return None
    folded = fold_words(name)
    if re.search(r"\b(ar|som|finns|kan|ska|har|mer information|lasa mer|las mer)\b", folded):
        return None
    return Provider(name, org_number(text), bool(_OWN_UNIT.search(folded)), categories)


def _categories_for(blocks: list[Block], index: int, page: Page) -> tuple[str, ...]:
    """The categories a list is about: its cue, else the nearest heading, else the title."""
    if found := categories_in(blocks[index].text):
        return found
    for block in reversed(blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(page.title)


def _is_cue(block: Block) -> bool:
    return block.kind in (HEADING, PARA) and bool(_CUE.search(fold_words(block.text)))


def _listed(page: Page) -> list[Provider]:
    found: list[Provider] = []
    blocks = page.blocks
    index = 0
    while index < len(blocks):
        cue = blocks[index]
        if not _is_cue(cue) or len(cue.text) > 300:
            index += 1
            continue
        categories = _categories_for(blocks, index, page)
        index += 1
        while index < len(blocks):
            block = blocks[index]
            if block.kind == HEADING and (
                cue.kind != HEADING
                or block.level <= cue.level
                or categories_in(block.text)
                or _is_cue(block)
            ):
                break  # a new section (a sub-heading like "Delområde Väst" is not)
            if block.kind in (ITEM, ROW) or (block.kind == PARA and len(block.text) <= 120):
                header = block.kind == ROW and re.search(
                    r"\b(namn|utforare|foretag|organisationsnummer)\b", fold_words(block.text)
                )
                provider = None if header else provider_from_item(block.text, categories)
                if (
                    block.kind == PARA
                    and not _COMPANY_END.search(block.text)
                    and not ORG_NUMBER.search(block.text)
                ):
                    provider = None  # a paragraph counts only if it names a company
                if provider is not None:
                    found.append(provider)
                elif block.kind == PARA:
                    break
            elif block.kind == PARA:
                break
            index += 1
    return found


def _company_names(sentence: str) -> list[tuple[str, str]]:
    """(name, piece) of each company a sentence enumerates: "X AB, Y HB samt Z AB".

    A piece without a company form counts when company-form names stand on both sides of it
    ("..., Vionord Omsorg & Service, Inspirera Hemtjänst AB och ...").
    """
    listing = sentence.split(":", 1)[1] if ":" in sentence else sentence
    pieces = [_LEAD_IN.sub("", piece.strip()).strip(" .") for piece in _LIST_SPLIT.split(listing)]
    named: list[str | None] = []
    for piece in pieces:
        match = _COMPANY_END.match(piece)
        name = match.group(1).strip() if match else ""
        named.append(name if name[:1].isupper() and 2 <= len(name.split()) <= 8 else None)
    found = []
    for position, (name, piece) in enumerate(zip(named, pieces, strict=True)):
        between = 0 < position < len(pieces) - 1 and named[position - 1] and named[position + 1]
        if name is None and between and piece[:1].isupper() and len(piece.split()) <= 5:
            name = piece
        if name:
            found.append((name, piece))
    return found


def _in_news(page: Page) -> list[Provider]:
    """Companies named in running text: after a news cue, or two or more in one enumeration."""
    found = []
    for block in page.blocks:
        for sentence in sentences(block.text):
            names = _company_names(sentence)
            if not names or not (_NEWS_CUE.search(fold_words(sentence)) or len(names) >= 2):
                continue
            # "Tre företag ... bedriva hemtjänst. De tre är X AB, ...": the paragraph says what.
            categories = (
                categories_in(sentence) or categories_in(block.text) or categories_in(page.title)
            )
            found += [Provider(n, org_number(piece), False, categories) for n, piece in names]
    return found


def _presenting_themselves(page: Page) -> list[Provider]:
    """A heading followed by "Vi är godkända av ... kommun att utföra hemtjänst": the heading
    names a provider presenting itself (company presentations on a kundval page)."""
    found = []
    for heading, following in zip(page.blocks, page.blocks[1:], strict=False):
        folded = fold_words(following.text)
        if heading.kind == HEADING and _SELF_PRESENTATION.search(folded):
            provider = provider_from_item(heading.text, categories_in(following.text))
            if provider is not None and not provider.own_unit:
                found.append(provider)
    return found


def providers_in(page: Page) -> list[Provider]:
    """Every approved provider a page lists, de-duplicated per (categories, key)."""
    unique: dict[tuple[tuple[str, ...], str], Provider] = {}
    for provider in _listed(page) + _in_news(page) + _presenting_themselves(page):
        unique.setdefault((provider.categories, provider.key), provider)
    return list(unique.values())


def counts_in(page: Page, providers: list[Provider]) -> list[Count]:
    """Provider counts: of the listed providers per categories, and as the text states them."""
    counts: list[Count] = []
    by_categories: dict[tuple[str, ...], list[Provider]] = {}
    for provider in providers:
        by_categories.setdefault(provider.categories, []).append(provider)
    for categories, listed in by_categories.items():
        own = sum(provider.own_unit for provider in listed)
        counts.append(Count(categories, len(listed) - own, own, "listed", ""))
    counts += _stated(page)
    return counts


def _stated(page: Page) -> list[Count]:
    counts = []
    own_column: int | None = None
    for index, block in enumerate(page.blocks):
        folded_block = fold_words(block.text)
        if block.kind == ROW:
            cells = [fold_words(cell) for cell in block.text.split("\t")]
            if not any(_STATED.search(cell) for cell in cells):
                own_column = next(
                    (
                        i
                        for i, cell in enumerate(cells)
                        if re.search(r"\b(kommunal|egen regi)", cell)
                    ),
                    own_column,
                )
                continue
            categories = categories_in(block.text.split("\t")[0])
            if not categories:
                continue
            private = own = 0
            for position, cell in enumerate(cells[1:], start=1):
                if match := _STATED.search(cell):
                    value = number_value(match.group(1)) or 0
                    if position == own_column:
                        own += value
                    else:
                        private += value
            counts.append(
                Count(
                    categories,
                    private,
                    own,
                    "stated",
                    " | ".join(c for c in block.text.split("\t") if c.strip()),
                )
            )
            continue
        for sentence in (
            sentences(block.text)
            if "utforare" in folded_block or re.search(_UNITS, folded_block)
            else ()
        ):
            folded = fold_words(sentence)
            match = _STATED.search(folded)
            # "fyra aktiva leverantörer", "sju godkända utförare": a bare "ett företag" is
            # not a count of the system's providers.
            if not match or not (match.group(2) or re.search(r"\bgodkan", folded)):
                continue
            categories = categories_in(sentence) or _categories_for(page.blocks, index, page)
            own = 1 if re.search(r"\b(forutom|utover|samt|och) kommunens egen", folded) else 0
            counts.append(
                Count(categories, number_value(match.group(1)) or 0, own, "stated", sentence)
            )
    return counts
