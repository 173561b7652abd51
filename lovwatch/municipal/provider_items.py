"""One approved provider as a page lists it, and how a list item or table row is read as one.

Shared by `providers` (lists, tables, sub-headings) and `mentions` (running text). A name is
kept only if it looks like one: not a sentence, not a contact line, not a label with a value
("Tätort: 433" in a price list), and its organisation number only if it passes the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lovwatch.municipal.companies import ACTING_BODY, company_form, is_own_unit
from lovwatch.municipal.numbers import ORG_NUMBER, org_number_in
from lovwatch.municipal.vocabulary import fold_words

CONTACT = re.compile(
    r"(telefon\w*|tel|tfn|e post|epost|mejl|mail|adress|besoksadress|postadress|webbplats|"
    r"hemsida|kontakt\w*|mobil|mobilnummer|fax|www|oppettider|org nr|organisationsnummer|"
    r"frisvar|svarspost)\b"
)
#: A postal address: "Storgatan 1, 123 45 Bergsjö", "Box 12, 123 21 Bergsjö", "Torget 4".
ADDRESS = re.compile(
    r"\b\d{3} ?\d{2} [A-ZÅÄÖ]|"
    r"^(Box \d|\w*(gatan|vägen|gränd|torget|torg|allén|stigen|backen|leden|plan) \d)",
    re.IGNORECASE,
)
#: A label naming whose a unit or activity is: "Utförare: Kreativa Vägar AB", "Drivs av:".
PROVIDER_LABEL = re.compile(
    r"^\s*(?:Utförare|Anordnare|Företag|Leverantör|Vårdgivare|Huvudman|Drivs av|Driftsform)"
    r"\s*:\s*",
    re.IGNORECASE,
)
#: A label of providers no longer in the system: "Tidigare utförare:", "Avslutade avtal:".
_FORMER_LABEL = re.compile(
    r"^\s*(?:Tidigare|Före detta|F\.d\.|Avslutade|Uppsagda|Upphörda)\b[^:\t]{0,30}:", re.IGNORECASE
)
#: The area a listed provider serves, before its name: "Område Nordost: Attendo AB", "Zon 2:
#: Hemtjänst Norr".
_AREA_LABEL = re.compile(
    r"^\s*(?:Område|Zon|Distrikt|Stadsdel|Geografiskt område)\b[^:\t]{0,30}:\s*", re.IGNORECASE
)
#: Where a listed provider works, after a comma: "Audika, Åsen", "Hörselkliniken AB, Byholm
#: (egen regi)".
_PLACE_AFTER = re.compile(r",\s*[A-ZÅÄÖ][\w-]+(?=\s*(?:\(|$))")
_NAME_END = re.compile(r"\s+(?:[-–—|,(:]|tel\b|telefon\b|e-post\b|www\.|http)", re.IGNORECASE)
#: A link's file-type label after the name, glued on or not: "Clean4UPDF (pdf, 86 kB)",
#: "Adeocare AB Pdf, 354.5 kB".
_FILE_LABEL = re.compile(r"\s*(?:PDF|Pdf|pdf|DOCX?|Word)$")
_FILE_SIZE = re.compile(r"\b(?:pdf|docx?|word)\b.{0,12}\d+(?:[.,]\d+)?\s?[kKmM]B\b", re.IGNORECASE)


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
    if _FORMER_LABEL.match(first):
        return None  # "Tidigare utförare: Aros Omsorg AB"
    first = PROVIDER_LABEL.sub("", first)  # "Utförare: Kreativa Vägar AB"
    first = _AREA_LABEL.sub("", first)  # "Område Nord: Kreativa Vägar AB"
    if _LABEL_VALUE.match(first.strip()) or _FIELD.match(first.strip()):
        return None
    name_part, *rest = _NAME_END.split(_PLACE_AFTER.sub("", first), maxsplit=1)
    name = ORG_NUMBER.sub("", name_part).strip(" ,;:.–-")
    if _FILE_SIZE.search(text):
        name = _FILE_LABEL.sub("", name).strip(" ,;:.–-")
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
    if _DOCUMENT.search(folded) or first.rstrip().endswith("?"):
        return None  # a document's title, or a question ("Måste jag välja?")
    if first.rstrip().endswith((".", "!")) and _in_a_sentence(name):
        return None  # "Socialnämnden avslog ansökan från Hemtjänst Plus AB."
    if (
        CONTACT.match(folded)
        or ADDRESS.search(name)
        or "@" in name
        or sum(c.isdigit() for c in name) > len(name) / 3
    ):
        return None  # a contact line ("Telefon: 0611-...", an address), not a name
    org = org_number_in(text)
    # A row whose other short cell says "Bergsjö kommun" / "Egen regi" is the own unit's.
    marked = any(
        is_own_unit(cell, None) and len(cell.split()) <= 4 and not _WHERE.match(fold_words(cell))
        for position, cell in enumerate(cells)
        if position != column and not org_number_in(cell)
    )
    # "Hemtjänst – Kalmar kommun (egen regi)": the rest of the item says whose unit it is.
    marked = marked or (bool(rest) and is_own_unit(first[len(name_part) :], None))
    own = is_own_unit(name, org) or (marked and not company_form(name) and org is None)
    return Provider(name, org, own, categories, company_form(name), source)


#: Small words a name may hold in lower case: "Omsorg i hemmet AB", "Vård och omsorg".
_NAME_LINKS = frozenset({"i", "och", "&", "för", "av", "de", "la", "på", "vid", "med", "of", "the"})


def _in_a_sentence(name: str) -> bool:
    """Whether a name read from a line that ends like a sentence is that sentence about a
    company: an authority acting ("Kommunen häver avtalet med Aros Omsorg AB"), or three words
    or more in lower case besides a name's small words ("Ansökan från Omsorgsgruppen AB avslogs
    av socialnämnden")."""
    words = name.split()
    lower = [w for w in words if w[:1].islower() and w not in _NAME_LINKS]
    acting = len(words) > 2 and ACTING_BODY.fullmatch(fold_words(words[0])) and words[1].islower()
    return len(lower) >= 3 or bool(acting)


#: Where a provider works, not whose it is: "Hela kommunen", "Inom kommunen" (but "I egen
#: regi" is whose).
_WHERE = re.compile(
    r"(i |inom )?(hela|halva|norra|sodra|ostra|vastra|centrala) |(i|inom) (kommunen|staden)\b"
)
#: A provider card's field ("Språk: svenska, finska", "Kollektivavtal: Ja"): not a name.
_FIELD = re.compile(
    r"^(språk|kollektivavtal|inriktning|områden?|verksamhetsområden?|certifiering\w*|"
    r"kvalitetscertifiering|ägarform|målgrupp\w*|profil|specialkompetens\w*|tjänster|"
    r"insatser|personal|antal [\w ]+)\s*:|^[^:]{1,40}:\s*(ja|nej)\s*$",
    re.IGNORECASE,
)
#: A label with a value ("Tätort: 433", "Timpris: 450 kr"): a price or figure, not a name.
_LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s*[\d\s.,]+(kr|kronor|%)?$", re.IGNORECASE)
#: A document's title or a section of one, as a list of links or contents shows it:
#: "Kontrakt, bilaga 6 (PDF, 284 KB)", "Regelverk, riktlinjer och rutiner", "Inledning".
_DOCUMENT = re.compile(
    r"\b(bilagas?|bilagor|forfragningsunderlag\w*|ansokningsformular\w*|sanningsforsakran|"
    r"kontrakt|regelverk\w*|riktlinjer|rutiner|blankett\w*|inledning|sammanfattning|bakgrund|"
    r"innehallsforteckning|forord|protokoll)\b|"
    # a form's title: "Val av utförare (pdf, 88 kB)"
    r"^val av\b"
)
