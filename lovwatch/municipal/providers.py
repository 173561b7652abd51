"""Approved providers (godkända utförare) on municipal pages.

Four shapes are read:
- a list or table after a cue such as "Följande utförare är godkända", "Valbara företag",
  "Godkända utförare inom hemtjänst" (one provider per item or row); in a table the provider
  column is picked by its header (Utförare, Företag, Leverantör, Anordnare, Namn), so a
  "Boende | Utförare" table gives the companies, not the homes;
- an enumeration of companies: "Tre nya hemtjänstföretag: X AB, Y HB samt Z AB";
- a company named in running text by its company form (AB, HB, KB, ekonomisk förening,
  stiftelse, enskild firma) in a sentence about providers: "nu finns bara en privat utförare,
  Omsorgshuset i Norr AB, kvar", "Linnea ekonomisk förening har godkänts";
- a provider presenting itself under its own heading ("Vi är godkända av ... kommun").

Organisation numbers count only when they pass the Swedish check (`numbers.org_number_in`);
a provider is the municipality's own unit by whole words ("kommunens", "egen regi", "stad"),
never by a substring ("Städ" is not "stad").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Block, Page
from lovwatch.municipal.counts import Count, counts_in
from lovwatch.municipal.numbers import ORG_NUMBER, is_public_body, org_number_in
from lovwatch.municipal.statements import sentences
from lovwatch.municipal.vocabulary import categories_in, fold_words
from lovwatch.normalize.text import words

__all__ = ["ORG_NUMBER", "Count", "Provider", "counts_in", "org_number", "providers_in"]

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
    r"(har|blivit|blev) godkan\w*|(foretag\w*|utforare) som (har )?godkan\w*|foretaget)\b"
)
#: A sentence about providers: who runs the service, who is approved.
_PROVIDER_CONTEXT = re.compile(
    r"\b(\w*(utforare|foretag|foretaget|leverantor\w*|anordnare|aktor\w*)|godkan\w*|"
    r"auktoriser\w*|valbar\w*|tecknat avtal|avtal med)\b"
)
#: A company that leaves, is refused or is gone is not an approved provider.
_NOT_APPROVED = re.compile(
    r"\b((inte|ej) (har |blivit |blir |fatt )?(godkan\w*|auktoriser\w*)|avslag\w*|avslog\w*|"
    r"nekats|nekades|sagt upp|sade upp|lamna\w*|lamnat|konkurs|upphor\w*|avslutat|slutat|"
    r"inte langre|tidigare utforare)\b"
)
#: Words that lead into the names: "De företag som godkänts är X AB", "företaget X AB".
_LEAD_IN = re.compile(r"^.*\b(?:är|företaget|företagen)\s+(?=[A-ZÅÄÖ0-9])")
#: A provider presenting itself under its own heading: "Vi är godkända av X kommun ...".
_SELF_PRESENTATION = re.compile(r"^vi (ar|har blivit) godkanda\b")
_FORMS = r"(?:AB|HB|KB|ekonomisk förening|Ek\. ?för\.?|enskild firma|stiftelse)"
#: A name that ends in a company form, and nothing after it.
_COMPANY_END = re.compile(rf"^(.*?\b{_FORMS})(?=\W|$)", re.IGNORECASE)
_LIST_SPLIT = re.compile(r",\s*|\s+(?:samt|och|&amp;)\s+(?=[A-ZÅÄÖ])")
#: Whole words (lower case, diacritics kept) that make a name the municipality's own unit.
_OWN_UNIT = re.compile(
    r"\b(kommun|kommunen|kommunens|kommunal|kommunala|egen regi|stad|staden|stadens|"
    r"regionen|regionens)\b"
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


def company_form(name: str) -> str | None:
    """The company form a name shows ("AB", "ekonomisk förening", "egen regi"), or None."""
    match = re.search(rf"\b({_FORMS}|egen regi)(?=\W|$)", name, re.IGNORECASE)
    return match.group(1) if match else None


def is_own_unit(name: str, org: str | None) -> bool:
    """Whether a name is the municipality's own unit: a public body's org number, or own-unit
    words as whole words in a name without a company form."""
    if org is not None:
        return is_public_body(org)
    form = company_form(name)
    if form and form.lower() != "egen regi":
        return False
    return bool(_OWN_UNIT.search(words(name, keep_diacritics=True)))


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
        if match and (form := company_form(name)):
            name = f"{name_before(name[: name.rfind(form)]) or ''} {form}".strip()
        named.append(name if name[:1].isupper() and 2 <= len(name.split()) <= 8 else None)
    found = []
    for position, (name, piece) in enumerate(zip(named, pieces, strict=True)):
        between = 0 < position < len(pieces) - 1 and named[position - 1] and named[position + 1]
        if name is None and between and piece[:1].isupper() and len(piece.split()) <= 5:
            name = piece
        if name:
            found.append((name, piece))
    return found


# Words that may stand inside a name between capitalised words ("Omsorgshuset i Norr AB").
_CONNECTORS = frozenset({"i", "och", "&", "för", "av", "de", "la", "på", "vid", "of", "the", "-"})
# Words a name never runs back over: verbs and conjunctions of the sentence around it.
_STOP = frozenset(
    "att som är har hade blev blir från till med kan ska får finns heter driver bedriver "
    "nämligen bland annat även samt".split()
)
# Capitalised words that start a sentence or name a role, not a company.
_NOT_NAME_START = frozenset(
    "även nu från sedan dessutom också nya ny nytt det den de en ett i på vid av med för och "
    "samt hos till både företaget bolaget utföraren leverantören anordnaren firman "
    "hemtjänstföretaget när där här om att som".split()
)
_FORM_TOKENS = re.compile(
    r"\b(AB|HB|KB|ekonomisk förening|ek\. ?för\.?|enskild firma|stiftelse)(?=[\s,.;:)]|$)",
    re.IGNORECASE,
)


def name_before(text: str) -> str | None:
    """The company name that ends `text` (the words before a company form): back over at most
    seven words, never over punctuation or a sentence's verbs, starting at a capital."""
    name: list[str] = []
    for token in reversed(text.split()):
        if token[-1] in ",.;:!?" or token.endswith(("(", '"', "”")) or token.lower() in _STOP:
            break
        name.insert(0, token)
        if len(name) > 7:
            return None
    while name and (
        not name[0][0].isupper() and not name[0][0].isdigit() or name[0].lower() in _NOT_NAME_START
    ):
        name.pop(0)
    return " ".join(name) if name else None


def names_in_text(sentence: str) -> list[tuple[str, str]]:
    """(name, form) of each company a sentence names by its company form ("Omsorgshuset i
    Norr AB", "Linnea ekonomisk förening"); "Stiftelsen X Y" reads forwards."""
    found = []
    for match in _FORM_TOKENS.finditer(sentence):
        form = match.group(1)
        if form.lower() in ("ab", "hb", "kb") and not form.isupper():
            continue  # "ab" in lower case is not a company form
        if form.lower() == "stiftelse":
            continue
        if before := name_before(sentence[: match.start()]):
            found.append((f"{before} {form}", form))
    for match in re.finditer(r"\bStiftelsen((?: [A-ZÅÄÖ][\w&-]*| i| för| och){1,6})", sentence):
        found.append((("Stiftelsen" + match.group(1)).strip(), "stiftelse"))
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


def _in_text(page: Page) -> list[Provider]:
    """Companies named in running text: an enumeration after a news cue (or of two or more),
    or a company-form name in a sentence about providers."""
    found = []
    for index, block in enumerate(page.blocks):
        if block.kind == ROW:
            continue
        for sentence in sentences(block.text):
            folded = fold_words(sentence)
            categories = (
                categories_in(sentence)
                or categories_in(block.text)
                or _heading_categories(page, index)
            )
            names = _company_names(sentence)
            if _NOT_APPROVED.search(folded):
                names = []  # an enumeration of companies that leave or were refused
            if names and (_NEWS_CUE.search(folded) or len(names) >= 2):
                found += [
                    Provider(n, org_number_in(p), False, categories, company_form(n), "text")
                    for n, p in names
                ]
                continue
            if block.kind in (PARA, ITEM) and _PROVIDER_CONTEXT.search(folded):
                for name, form in names_in_text(sentence):
                    if not _leaves(sentence, name):
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
