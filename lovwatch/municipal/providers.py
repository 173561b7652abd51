"""Approved providers (godkända utförare) on municipal pages.

Six shapes are read:
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
  details (one heading per provider, with its description under it);
- cards under a provider cue: a name on a line of its own, then "Adress:", "Telefonnummer:"
  (two cards at least, so that a contact person is not read as one).

Organisation numbers count only when they pass the Swedish check (`numbers.org_number_in`);
a provider is the municipality's own unit by whole words ("kommunens", "egen regi", "stad"),
never by a substring ("Städ" is not "stad").
"""

from __future__ import annotations

import re

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Block, Page
from lovwatch.municipal.companies import (
    COMPANY_END,
    KNOWN_PROVIDERS,
    NOT_NAME_START,
    company_form,
    is_own_unit,
    only_services,
)
from lovwatch.municipal.counts import Count, counts_in
from lovwatch.municipal.mentions import in_text, presentation_links, presenting_themselves
from lovwatch.municipal.numbers import ORG_NUMBER
from lovwatch.municipal.provider_items import (
    ADDRESS,
    CONTACT,
    PROVIDER_LABEL,
    Provider,
    org_number,
    provider_from_item,
)
from lovwatch.municipal.vocabulary import AWARD, categories_in, fold_words

__all__ = ["ORG_NUMBER", "Count", "Provider", "counts_in", "org_number", "providers_in"]

_CUE = re.compile(
    r"\b(godkand\w* (utforare|leverantor\w*|anordnare|foretag|aktorer|vardgivare|"
    r"vardcentraler|halsocentraler|mottagningar)|"
    r"valbara (utforare|foretag|leverantorer)|"
    r"foljande (utforare|foretag|leverantorer|anordnare|aktorer|vardgivare|vardenheter)|"
    # "Nuvarande leverantörer av hemtjänst"
    r"(nuvarande|aktuella) (utforare|foretag|leverantorer|anordnare)|"
    # "Privata vårdcentraler" over the private units of a regional choice
    r"^(de )?(privata|fristaende|privatdrivna) (vardcentraler|halsocentraler|vardgivare|"
    r"mottagningar|utforare|foretag|aktorer)$|"
    r"(utforare|foretag|leverantorer|anordnare) (som )?(du kan|att) valja|"
    r"kan (du )?valja mellan|ar godkand\w*|har godkant|(?<!bli )utforare (inom|av|for) \w+|"
    # "Företagen som uppfyllde kraven för att få erbjuda hemtjänst är:"
    r"^(de )?(foretagen|utforarna|leverantorerna|anordnarna) som (\w+ ){1,12}ar$|"
    # "Utförare som enbart utför serviceinsatser", "Företag som erbjuder ledsagning"
    r"^(privata |godkanda |ovriga )?(utforare|foretag|leverantorer|anordnare) som "
    r"(\w+ ){0,3}(utfor|erbjuder|ger|driver|levererar)\b|"
    r"(?<!bli )(?<!for )(?<!till )(?<!som )(utforare|leverantorer|anordnare)$)"
)
_CONTACT_ANYWHERE = re.compile(
    r"\b(telefon\w*|tel|tfn|e post|epost|mejl|webbplats|hemsida|www|kontaktperson|adress)\b"
)
#: A web address without "www": "attendo.se".
_DOMAIN = re.compile(r"\b[\w-]+\.(se|nu|com|org|net|eu)\b")
#: Sub-headings that divide a list by area or topic, not by provider.
_AREA = re.compile(
    r"\b(delomrade\w*|omrade|omraden|omradet|omradena|geografisk\w*|zon|distrikt|kontakt\w*|"
    r"information|ansok\w*|fragor|ickeval\w*|jamfor\w*|kvalitet\w*|las mer|"
    # the labels of a provider's presentation or of a call for applications
    r"omfattning|malgrupp\w*|syfte\w*|krav|beskrivning|oppettider|"
    # the usual sections of a page, which saved text reads as short lines
    r"ersattning\w*|avgift\w*|kostnad\w*|uppfoljning|dokument|blankett\w*|pris\w*|regler|"
    r"villkor|"
    r"ansvar|lankar|relaterat|relaterade|nyheter|nyhet|uppdaterad|publicerad|dela|skriv ut|"
    r"taggar|kategori\w*|sok|meny)\b"
)
#: Table headers naming the provider column, and those naming something else (the homes).
_PROVIDER_HEADER = re.compile(
    r"\b(utforare|foretag|leverantor\w*|anordnare|aktor\w*|namn|drivs av|driftsform|regi|"
    r"huvudman|bolag|vardgivare)\b"
)
#: ... a "Mottagning | Vårdgivare | Ort" table names the clinics first, their providers second.
_OTHER_HEADER = re.compile(
    r"\b(boende\w*|enhet\w*|verksamhet\w*|adress|omrade\w*|plats|mottagning\w*|ort)\b"
)
_HEADER_ROW = re.compile(
    r"\b(namn|utforare|foretag|organisationsnummer|leverantor|anordnare|vardgivare)\b"
)


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
    the blocks under it give contact details ("Telefon", "E-post", "www"), after a line or
    two on the company (a card)."""
    block = blocks[index]
    if block.kind != HEADING or block.level <= level or len(block.text.split()) > 8:
        return False
    if _AREA.search(fold_words(block.text)):
        return False
    if company_form(block.text):
        return True
    for following in blocks[index + 1 : index + 4]:
        if following.kind == HEADING:
            return False
        if _CONTACT_ANYWHERE.search(fold_words(following.text)) or _DOMAIN.search(following.text):
            return True
    return False


#: A lead-in whose sentence the list goes on with ("Det innebär att det är Region Gotland som"
#: followed by "Distribuerar mat"): its items are what someone does, not who provides.
_GOES_ON = re.compile(r"\b(som|att|for att|genom att|och|eller)$")
#: A lead-in to the services one may apply for: "Du kan ansöka om att bli godkänd leverantör
#: av följande tjänster:" lists services, not providers.
_SERVICES_LEAD = re.compile(
    r"\b(foljande|dessa|nedanstaende) (tjanster|insatser|tjansteomraden|omraden|alternativ|"
    r"kategorier|delar)\b|\bbli (\w+ )?(godkand|auktoriserad)\b"
)


#: Providers as the readers addressed: "Senaste nytt för utförare av hemtjänst" is news for
#: them, its list documents, not names.
_FOR_PROVIDERS = re.compile(r"\b(for|till) (\w+ )?(utforare|leverantorer|anordnare)\b")


def _is_cue(block: Block) -> bool:
    if block.kind == ROW:
        column = _provider_column(block)
        return column is not None and column >= 0
    folded = fold_words(block.text)
    return (
        block.kind in (HEADING, PARA)
        and bool(_CUE.search(folded))
        and not _GOES_ON.search(folded)
        and not _SERVICES_LEAD.search(folded)
        and not AWARD.search(folded)  # a procurement's award lists contractors
        and not _FOR_PROVIDERS.search(folded)
        and not _FORMER.search(folded)  # "Tidigare utförare": no longer in the system
    )


#: The providers that were: "Tidigare utförare", "Utförare som avslutat sina avtal".
_FORMER = re.compile(r"^(tidigare|fore detta|f d|avslutade|uppsagda|upphorda)\b")


#: A line naming a kind of provider, not one: "Privata utförare", "Kommunens hemtjänst".
_ROLE_ONLY = re.compile(
    r"^((de|en|ett|alla|vara|kommunens|privata?|externa?|kommunala?|godkanda?|ovriga|andra|"
    r"nya|egen regi|egna) )*\w*(utforare|utforarna|foretag|foretagen|leverantor\w*|"
    r"anordnare|aktor\w*|hemtjanst|hemtjansten|regi)$|"
    # "Leverantörer av mattjänst inom Örebro kommun": a list's heading
    r"^((aktuella|godkanda|privata) )?(utforare|utforarna|leverantorer|leverantorerna|anordnare) "
    r"(av|inom|i|for) "
)
#: Words a sentence or a heading has and a name has not: "Om du inte vill välja".
_NOT_NAME_WORDS = re.compile(
    r"\b(du|ni|vi|dig|din|ditt|dina|oss|om|inte|vill|hur|vad|nar|sa har|har hittar|las)\b"
)
#: A line that ends an announced list: contact details, a new lead-in, a pointer.
_LIST_END = re.compile(r"\b(kontakt\w*|information|telefon|e post|las mer|klicka\w*)\b")


def _bare_name(block: Block) -> bool:
    """A short line that can be a provider's name on its own: at most six words, no
    sentence (no final colon, at most a final full stop), no contact or pointer words, not
    services alone unless it is the own unit ("Hemtjänst i egen regi")."""
    text = block.text.strip()
    folded = fold_words(text)
    return (
        len(text.split()) <= 6
        and not text.endswith(":")
        and text.count(".") <= 1
        and not _LIST_END.search(folded)
        and not _AREA.search(folded)
        and not _ROLE_ONLY.match(folded)
        and not _NOT_NAME_WORDS.search(folded)
        and (not only_services(text) or is_own_unit(text, None))
        or bool(COMPANY_END.search(text))
        and len(text.split()) <= 8
    )


def _topic(text: str) -> bool:
    """Whether a list item without a company form reads as a topic or a sentence, not a
    name: a page section's word ("villkor", "avgifter") or a word no name has ("hur", "du")."""
    folded = fold_words(text)
    return bool(_AREA.search(folded) or _NOT_NAME_WORDS.search(folded))


def _opens_section(blocks: list[Block], index: int) -> bool:
    """Whether a short line taken for a heading opens a section of running text ("Ungdomsdialog"
    over a paragraph after the last name of a list) rather than naming one more provider."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        blocks[index].kind == HEADING
        and following is not None
        and following.kind == PARA
        and len(following.text) > 200
        and not COMPANY_END.search(blocks[index].text)
    )


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
        # A list announced by a colon; not a provider's own "Vi är godkända för kategori:".
        announced = (
            cue.kind == PARA
            and cue.text.rstrip().endswith(":")
            and not re.match(r"vi\b", fold_words(cue.text))
        )
        while index < len(blocks):
            block = blocks[index]
            if _describes_item(blocks, index):
                index += 1  # "Aktivitetshuset AB" then "Daglig verksamhet med inriktning ..."
                continue
            if block.kind == HEADING and (labelled := _labelled_provider(blocks, index)):
                # "Ateljé Färgglad" over "Utförare: Kreativa Vägar AB": an activity, whose
                # provider its section names
                if provider := provider_from_item(labelled.text, categories, source="heading"):
                    found.append(provider)
                by_headings = True
                index += 1
                continue
            if (
                (announced or block.guessed and cue.kind == HEADING)
                and block.kind in (HEADING, PARA)
                and not (by_headings and block.kind == PARA)
                and _bare_name(block)
                and not _opens_section(blocks, index)
            ):
                # "Följande utförare finns:" then one name a line, written as short lines
                # (saved text reads them as headings, HTML as paragraphs); under a provider
                # heading, a short line only taken for a heading in saved text.
                if provider := provider_from_item(block.text, categories):
                    found.append(provider)
                    # a name as a heading (an accordion's title) over its contact details
                    by_headings |= block.kind == HEADING and not block.guessed
                index += 1
                continue
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
            if (
                cue.kind == HEADING
                and block.kind == PARA
                and (opening := _presenting_name(block.text))
                and (provider := provider_from_item(opening, categories, source="text"))
            ):
                # "Privata utförare", then "Omtanke Hemtjänst erbjuder hemtjänst i hela
                # kommunen.": one paragraph a provider, its name first
                found.append(provider)
                index += 1
                continue
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
                if not COMPANY_END.search(block.text) and not ORG_NUMBER.search(block.text):
                    if block.kind == PARA or _topic(block.text):
                        # A paragraph counts only if it names a company; an item that reads
                        # as a topic ("Ekonomiska villkor", "Hur det går till att ansöka")
                        # names nobody.
                        provider = None
                if provider is not None:
                    found.append(provider)
                elif block.kind == PARA and not _introduces_list(blocks, index, cue, found):
                    break
            elif block.kind == PARA and not _introduces_list(blocks, index, cue, found):
                break
            index += 1
    return found


#: A paragraph that opens with the name of the provider it presents: "Omtanke Hemtjänst
#: erbjuder hemtjänst i hela kommunen", "Solrosens Omsorg har personal som talar finska".
_PRESENTING = re.compile(
    r"^(?P<name>[A-ZÅÄÖ][\w&-]*(?: (?:[A-ZÅÄÖ][\w&-]*|i|och|&)){0,4}) "
    r"(?:erbjuder|driver|har|är|utför|arbetar|finns)\b"
)


def _presenting_name(text: str) -> str | None:
    """The provider a paragraph under a provider heading presents by opening with its name;
    not a sentence's subject that is no name ("Vi erbjuder", "Kommunens hemtjänst finns",
    "Du har")."""
    match = _PRESENTING.match(text.strip())
    if match is None:
        return None
    name = re.sub(r" (i|och|&)$", "", match.group("name"))
    folded = fold_words(name)
    first = name.split()[0].lower()
    if (
        first in NOT_NAME_START
        or _NOT_NAME_WORDS.search(folded)
        or is_own_unit(name, None)
        or only_services(name)
        or _ROLE_ONLY.match(folded)
        or (len(name.split()) < 2 and not (company_form(name) or KNOWN_PROVIDERS.fullmatch(name)))
    ):
        return None
    return name


def _labelled_provider(blocks: list[Block], index: int) -> Block | None:
    """The line of the section under heading `index` that names its provider by a label
    ("Utförare: Kreativa Vägar AB"), if any: the heading then names a unit or an activity."""
    for block in blocks[index + 1 : index + 6]:
        if block.kind == HEADING:
            return None
        if PROVIDER_LABEL.match(block.text) and len(block.text) <= 120:
            return block
    return None


def _describes_item(blocks: list[Block], index: int) -> bool:
    """Whether a paragraph is the description of the list item above it (a `<dd>` after its
    `<dt>`, an indented line under a bullet): items and such paragraphs alternate around it,
    and it names no company."""
    block = blocks[index]
    if block.kind != PARA or index == 0 or blocks[index - 1].kind != ITEM:
        return False
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    between = following is not None and following.kind == ITEM
    alternating = index >= 3 and blocks[index - 2].kind == PARA and blocks[index - 3].kind == ITEM
    return (between or alternating) and not COMPANY_END.search(block.text)


def _introduces_list(blocks: list[Block], index: int, cue: Block, found: list[Provider]) -> bool:
    """Whether a paragraph right under a provider heading only introduces the list below it
    ("Godkända utförare", "Klicka på ett företag för att läsa mer.", then the list, or the
    providers' own headings)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        cue.kind == HEADING
        and not found
        and blocks[index - 1] is cue
        and following is not None
        and (
            following.kind in (ITEM, ROW)
            or (following.kind == HEADING and _provider_heading(blocks, index + 1, cue.level))
        )
    )


#: A heading after which names with contact details are the authority's own contacts.
_CONTACTS_SECTION = re.compile(r"\b(kontakt\w*|fragor)\b")
#: The authority's own offices and officers, who have contact details too.
_OFFICE = re.compile(
    r"\b(\w*forvaltning\w*|\w*namnd\w*|\w*kontor\w*|\w*handlaggare|kundtjanst|servicecenter|"
    r"kontaktcenter|vaxel\w*|reception\w*|avdelning\w*|\w*chef)\b"
)


def _is_card_field(block: Block) -> bool:
    """A line of a provider card's contact details: "Adress: Torggatan 4", "Telefonnummer:"."""
    return ":" in block.text[:30] and bool(CONTACT.match(fold_words(block.text)))


def _details_follow(blocks: list[Block], index: int) -> bool:
    """Whether contact details follow block `index`, after its postal address if it gives one
    ("Attendo Bergsjö" / "Storgatan 1, 123 45 Bergsjö" / "Telefon: ...", or the address and
    the telephone in one paragraph)."""
    following = blocks[index + 1 : index + 3]
    if not following or _is_card_field(following[0]):
        return bool(following)
    if not ADDRESS.search(following[0].text):
        return False
    return bool(_CONTACT_ANYWHERE.search(fold_words(following[0].text))) or (
        len(following) > 1 and _is_card_field(following[1])
    )


def _cards(page: Page, cue: int) -> list[Provider]:
    """Providers shown as cards under the provider cue at block `cue`: a name on a line of
    its own, then its contact details ("Tornedalssamariten" / "Adress: ..." /
    "Telefonnummer: ..."). Two cards at least: a single name with contact details is more
    likely a contact person."""
    blocks = page.blocks
    categories: tuple[str, ...] | None = None
    found = []
    for index in range(cue + 1, len(blocks) - 1):
        block = blocks[index]
        if block.kind == HEADING and _CONTACTS_SECTION.search(fold_words(block.text)):
            break
        if block.kind not in (HEADING, PARA, ITEM) or not _details_follow(blocks, index):
            continue
        if _is_card_field(block) or not _bare_name(block) or _OFFICE.search(fold_words(block.text)):
            continue
        if categories is None:
            categories = _categories_for(blocks, cue, page)
        if provider := provider_from_item(block.text, categories):
            found.append(provider)
    return found if len(found) >= 2 else []


def providers_in(page: Page) -> list[Provider]:
    """Every approved provider a page lists, de-duplicated per (categories, key); a name read
    in running text is dropped when a list already has it (with its org number)."""
    unique: dict[tuple[tuple[str, ...], str], Provider] = {}
    cue = next((i for i, block in enumerate(page.blocks) if _is_cue(block)), None)
    listed = _listed(page)
    names = {fold_words(p.name) for p in listed}
    if cue is not None:
        listed += [p for p in _cards(page, cue) if fold_words(p.name) not in names]
        names |= {fold_words(p.name) for p in listed}
    in_text_ = [p for p in in_text(page) if fold_words(p.name) not in names]
    linked = presentation_links(page, cue) if cue is not None else []
    for provider in listed + in_text_ + presenting_themselves(page) + linked:
        unique.setdefault((provider.categories, provider.key), provider)
    return list(unique.values())
