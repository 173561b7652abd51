"""Approved providers (godkända utförare) on municipal pages.

Five shapes are read:
- a list or table after a cue such as "Följande utförare är godkända", "Valbara företag",
  "Godkända utförare inom hemtjänst" (one provider per item or row); in a table the provider
  column is picked by its header (Utförare, Företag, Leverantör, Anordnare, Namn), so a
  "Boende | Utförare" table gives the companies, not the homes;
- an enumeration of companies: "Tre nya hemtjänstföretag: X AB, Y HB samt Z AB";
- a company named in running text by its company form (AB, HB, KB, ekonomisk förening,
  stiftelse, enskild firma) in a sentence about providers: "nu finns bara en privat utförare,
  Omsorgshuset i Norr AB, kvar", "Linnea ekonomisk förening har godkänts";
- a provider presenting itself under its own heading ("Vi är godkända av ... kommun");
- sub-headings under a provider cue that name a company form or are followed by contact
  details (one heading per provider, with its description under it).

Organisation numbers count only when they pass the Swedish check (`numbers.org_number_in`);
a provider is the municipality's own unit by whole words ("kommunens", "egen regi", "stad"),
never by a substring ("Städ" is not "stad").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Block, Page
from lovwatch.municipal.companies import (
    COMPANY_END,
    company_form,
    enumerated_names,
    is_own_unit,
    names_in_text,
)
from lovwatch.municipal.counts import Count, counts_in
from lovwatch.municipal.numbers import ORG_NUMBER, org_number_in
from lovwatch.municipal.statements import sentences
from lovwatch.municipal.vocabulary import categories_in, fold_words

__all__ = ["ORG_NUMBER", "Count", "Provider", "counts_in", "org_number", "providers_in"]

_CUE = re.compile(
    r"\b(godkand\w* (utforare|leverantor\w*|anordnare|foretag|aktorer)|"
    r"valbara (utforare|foretag|leverantorer)|"
    r"foljande (utforare|foretag|leverantorer|anordnare|aktorer)|"
    r"(utforare|foretag|leverantorer|anordnare) (som )?(du kan|att) valja|"
    r"kan (du )?valja mellan|ar godkand\w*|har godkant|utforare (inom|av|for) \w+|"
    r"(?<!bli )(?<!for )(?<!till )(?<!som )(utforare|leverantorer|anordnare)$)"
)
_NEWS_CUE = re.compile(
    r"\b(nya? \w*(foretag|utforare|leverantorer?|anordnare)|"
    r"(har|blivit|blev) godkan\w*|(foretag\w*|utforare) som (har )?godkan\w*|foretaget)\b"
)
#: A sentence about providers: who runs the service, who is approved.
_PROVIDER_CONTEXT = re.compile(
    r"\b(godkan\w*|auktoriser\w*|valbar\w*|tecknat avtal|avtal med|"
    r"(privat|privata|extern|externa|ny|nya|annan|andra|enda) \w*(utforare|foretag|leverantor\w*|"
    r"anordnare|aktor\w*)|kvar|tar over|tog over|(driver|bedriver|utfor) (\w+ )?(hemtjanst|"
    r"verksamhet\w*|ledsagning|avlosning|boende\w*|daglig))\b"
)
#: A sentence about how to apply or where to read: tools and vendors, not providers.
_PROCESS = re.compile(
    r"\b(via|verktyg\w*|system\w*|plattform\w*|annonsdatabas\w*|ansok\w*|registrer\w*|"
    r"programvara|e tjanst\w*|upphandlingsverktyg\w*|tillhandahall\w*)\b"
)
#: A company that leaves, is refused or is gone is not an approved provider.
_NOT_APPROVED = re.compile(
    r"\b((inte|ej) (har |blivit |blir |fatt )?(godkan\w*|auktoriser\w*)|avslag\w*|avslog\w*|"
    r"nekats|nekades|sagt upp|sade upp|lamna\w*|lamnat|konkurs|upphor\w*|avslutat|slutat|"
    r"inte langre|tidigare utforare)\b"
)
_SELF_PRESENTATION = re.compile(r"^vi (ar|har blivit) godkanda\b")
_CONTACT = re.compile(
    r"(telefon|tel|tfn|e post|epost|mejl|mail|adress|besoksadress|postadress|webbplats|hemsida|"
    r"kontakt\w*|mobil|fax|www|oppettider|org nr|organisationsnummer)\b"
)
_CONTACT_ANYWHERE = re.compile(
    r"\b(telefon|tel|tfn|e post|epost|mejl|webbplats|hemsida|www|kontaktperson)\b"
)
#: Sub-headings that divide a list by area or topic, not by provider.
_AREA = re.compile(
    r"\b(delomrade|omrade|geografisk\w*|zon|distrikt|kontakt\w*|information|ansok\w*|"
    r"fragor|ickeval\w*|jamfor\w*|kvalitet\w*|las mer)\b"
)
_NAME_END = re.compile(r"\s+(?:[-–—|,(:]|tel\b|telefon\b|e-post\b|www\.|http)", re.IGNORECASE)
#: Table headers naming the provider column, and those naming something else (the homes).
_PROVIDER_HEADER = re.compile(
    r"\b(utforare|foretag|leverantor\w*|anordnare|aktor\w*|namn|drivs av|driftsform|regi|"
    r"huvudman|bolag)\b"
)
_OTHER_HEADER = re.compile(r"\b(boende\w*|enhet\w*|verksamhet\w*|adress|omrade\w*|plats)\b")
_HEADER_ROW = re.compile(r"\b(namn|utforare|foretag|organisationsnummer|leverantor|anordnare)\b")


@dataclass(frozen=True)
class Provider:
    """One approved provider as listed: name, org number when shown and valid, own unit or
    not; `form` is its company form when the name shows one ("AB", "ekonomisk förening"),
    `source` where it was read (list, table, text, presentation)."""

    name: str
    org_number: str | None
    own_unit: bool
    categories: tuple[str, ...]
    form: str | None = None
    source: str = "list"

    @property
    def key(self) -> str:
        """What identifies the provider across reads: a valid org number, else the folded
        name (an invalid number was never kept, so it can never be the identity)."""
        return self.org_number or fold_words(self.name)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form."""
        return {
            "name": self.name,
            "org_number": self.org_number,
            "own_unit": self.own_unit,
            "categories": list(self.categories),
            "form": self.form,
            "source": self.source,
            "key": self.key,
        }


def org_number(text: str) -> str | None:
    """A valid organisation number in `text`, normalised NNNNNN-NNNN (phone numbers and
    numbers that fail the check are not org numbers)."""
    return org_number_in(text)


def provider_from_item(
    text: str, categories: tuple[str, ...], column: int = 0, source: str = "list"
) -> Provider | None:
    """A provider from one list item or table row (its `column`), or None if it names none."""
    cells = text.split("\t")
    first = cells[column] if column < len(cells) else ""
    name = ORG_NUMBER.sub("", _NAME_END.split(first, maxsplit=1)[0]).strip(" ,;:.–-")
    if (
        not name
        or len(name.split()) > 8
        or len(name) > 80
        or not name[0].isupper()
        and not name[0].isdigit()
    ):
        return None
    folded = fold_words(name)
    if re.search(r"\b(ar|som|finns|kan|ska|har|mer information|lasa mer|las mer)\b", folded):
        return None
    if _CONTACT.match(folded) or "@" in name or sum(c.isdigit() for c in name) > len(name) / 3:
        return None  # a contact line ("Telefon: 0611-...", an address), not a name
    org = org_number_in(text)
    # A row whose other short cell says "Bergsjö kommun" / "Egen regi" is the own unit's.
    marked = any(
        is_own_unit(cell, None) and len(cell.split()) <= 4
        for position, cell in enumerate(cells)
        if position != column and not org_number_in(cell)
    )
    own = is_own_unit(name, org) or (marked and not company_form(name) and org is None)
    return Provider(name, org, own, categories, company_form(name), source)


def _categories_for(blocks: list[Block], index: int, page: Page) -> tuple[str, ...]:
    """The categories a list is about: its cue, else the nearest heading, else the title."""
    if found := categories_in(blocks[index].text):
        return found
    for block in reversed(blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(page.title)


def _provider_column(row: Block) -> int | None:
    """The provider column of a header row; None when the row is not a header."""
    cells = [fold_words(cell) for cell in row.text.split("\t")]
    if not any(_HEADER_ROW.search(cell) or _OTHER_HEADER.fullmatch(cell) for cell in cells):
        return None
    if any(len(cell.split()) > 4 for cell in cells):
        return None  # a data row that happens to say "utförare"
    for position, cell in enumerate(cells):
        if _PROVIDER_HEADER.search(cell) and not _OTHER_HEADER.search(cell):
            return position
    return -1  # a header without a provider column ("Boende | Adress"): nothing to read


def _provider_heading(blocks: list[Block], index: int, level: int) -> bool:
    """A sub-heading under a provider cue that names a provider: it shows a company form, or
    the block after it gives contact details ("Telefon", "E-post", "www")."""
    block = blocks[index]
    if block.kind != HEADING or block.level <= level or len(block.text.split()) > 8:
        return False
    if _AREA.search(fold_words(block.text)):
        return False
    if company_form(block.text):
        return True
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return bool(
        following is not None
        and following.kind != HEADING
        and _CONTACT_ANYWHERE.search(fold_words(following.text))
    )


def _is_cue(block: Block) -> bool:
    if block.kind == ROW:
        column = _provider_column(block)
        return column is not None and column >= 0
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
        column = 0
        if cue.kind == ROW:
            column = _provider_column(cue) or 0
            index += 1
        else:
            index += 1
        by_headings = False
        while index < len(blocks):
            block = blocks[index]
            if cue.kind == HEADING and _provider_heading(blocks, index, cue.level):
                if provider := provider_from_item(block.text, categories, source="heading"):
                    found.append(provider)
                    by_headings = True
                index += 1
                continue
            if by_headings and block.kind in (PARA, ITEM):
                index += 1  # a provider's own description and contact details
                continue
            if block.kind == HEADING and (
                cue.kind != HEADING
                or block.level <= cue.level
                or categories_in(block.text)
                or _is_cue(block)
            ):
                break  # a new section (a sub-heading like "Delområde Väst" is not)
            if block.kind in (ITEM, ROW) or (block.kind == PARA and len(block.text) <= 120):
                header = _provider_column(block) if block.kind == ROW else None
                if header is not None:
                    column = header
                    index += 1
                    continue
                provider = None
                if column >= 0:
                    source = "table" if block.kind == ROW else "list"
                    provider = provider_from_item(block.text, categories, column, source)
                if (
                    block.kind == PARA
                    and not COMPANY_END.search(block.text)
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


_CLAUSES = re.compile(r"\s+(?:och|men|medan|eftersom|samtidigt som)\s+|;\s*")


def _leaves(sentence: str, name: str) -> bool:
    """Whether the sentence says the company leaves, is refused or is gone: in the clause that
    names it or after it ("X AB har ansökt men inte godkänts"), not in an earlier clause
    about other companies ("Två företag har lämnat och nu finns bara X AB kvar")."""
    at = sentence.find(name)
    start = 0
    for boundary in _CLAUSES.finditer(sentence[: max(at, 0)]):
        start = boundary.end()
    return bool(_NOT_APPROVED.search(fold_words(sentence[start:])))


def _heading_categories(page: Page, index: int) -> tuple[str, ...]:
    for block in reversed(page.blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(page.title)


def _sentence_categories(page: Page, index: int, sentence: str) -> tuple[str, ...]:
    """The categories of a sentence naming a provider: its own, its paragraph's, else the
    nearest heading's or the title's."""
    return (
        categories_in(sentence)
        or categories_in(page.blocks[index].text)
        or _heading_categories(page, index)
    )


def _in_text(page: Page) -> list[Provider]:
    """Companies named in running text: an enumeration after a news cue (or of two or more),
    or a company-form name in a sentence about providers."""
    found = []
    for index, block in enumerate(page.blocks):
        if block.kind == ROW:
            continue
        for sentence in sentences(block.text):
            folded = fold_words(sentence)
            names = enumerated_names(sentence)
            if _NOT_APPROVED.search(folded):
                names = []  # an enumeration of companies that leave or were refused
            if names and (_NEWS_CUE.search(folded) or len(names) >= 2):
                categories = _sentence_categories(page, index, sentence)
                found += [
                    Provider(n, org_number_in(p), False, categories, company_form(n), "text")
                    for n, p in names
                ]
                continue
            if (
                block.kind in (PARA, ITEM)
                and _PROVIDER_CONTEXT.search(folded)
                and not _PROCESS.search(folded)
            ):
                for name, form in names_in_text(sentence):
                    if not _leaves(sentence, name):
                        categories = _sentence_categories(page, index, sentence)
                        found.append(Provider(name, None, False, categories, form, "text"))
    return found


def _presenting_themselves(page: Page) -> list[Provider]:
    """A heading followed by "Vi är godkända av ... kommun att utföra hemtjänst": the heading
    names a provider presenting itself (company presentations on a kundval page)."""
    found = []
    for heading, following in zip(page.blocks, page.blocks[1:], strict=False):
        folded = fold_words(following.text)
        if heading.kind == HEADING and _SELF_PRESENTATION.search(folded):
            provider = provider_from_item(
                heading.text, categories_in(following.text), source="presentation"
            )
            if provider is not None and not provider.own_unit:
                found.append(provider)
    return found


def providers_in(page: Page) -> list[Provider]:
    """Every approved provider a page lists, de-duplicated per (categories, key); a name read
    in running text is dropped when a list already has it (with its org number)."""
    unique: dict[tuple[tuple[str, ...], str], Provider] = {}
    listed = _listed(page)
    names = {fold_words(p.name) for p in listed}
    in_text = [p for p in _in_text(page) if fold_words(p.name) not in names]
    for provider in listed + in_text + _presenting_themselves(page):
        unique.setdefault((provider.categories, provider.key), provider)
    return list(unique.values())
