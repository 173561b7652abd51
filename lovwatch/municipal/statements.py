"""What a municipality's own pages say about its valfrihetssystem: LOV status statements.

A statement is one sentence (the evidence quote) of a kind: LOV is active (possibly "since"
a date), decided to be introduced (from a date), decided not to be introduced, ended or to be
ended, or renewed (new agreement, new förfrågningsunderlag). Each names the categories it is
about: from the sentence itself, else the nearest heading, else the page title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Block, Page
from lovwatch.municipal.vocabulary import (
    LOV_TERMS,
    UMBRELLA_CATEGORIES,
    FoundDate,
    categories_in,
    find_dates,
    fold_words,
    speaks_of_lov,
)


class StatementKind(StrEnum):
    ACTIVE = "active"
    INTRODUCE = "introduce"
    NOT_INTRODUCE = "not_introduce"
    END = "end"
    RENEWED = "renewed"


@dataclass(frozen=True)
class Statement:
    """One LOV status statement with its evidence."""

    kind: StatementKind
    categories: tuple[str, ...]
    date: date | None
    date_text: str | None
    quote: str


_SYSTEM = r"(lov|valfrihet\w*|kundval\w*|lagen om valfrihetssystem|fritt val|eget val)"
# Checked in this order: a sentence takes the first kind whose pattern matches.
_KIND_PATTERNS: tuple[tuple[StatementKind, re.Pattern[str]], ...] = (
    (
        StatementKind.ACTIVE,
        re.compile(
            rf"\b(inte|ej) (ska |kommer att )?(avveckla\w*|upphora)\b.*{_SYSTEM}|"
            rf"{_SYSTEM}.*\b(ska|kommer) (inte|ej) (att )?(avvecklas|upphora|tas bort)"
        ),
    ),
    (
        StatementKind.NOT_INTRODUCE,
        re.compile(
            rf"\b(inte|ej) (att )?(infora|inforas|ska inforas)\b.*{_SYSTEM}|"
            rf"{_SYSTEM}.*\b(inte|ej) (ska |kommer att )?(inforas|infora)\b|"
            rf"\bavsta\w* fran att infora\b|\bnej till {_SYSTEM}|"
            rf"\binfora inte {_SYSTEM}"
        ),
    ),
    (
        StatementKind.END,
        re.compile(
            rf"\b(avveckla\w*|avsluta\w*|upphora med|upphor med|sag\w* upp|tog bort|ta bort)\b"
            rf"( \w+){{0,3}} {_SYSTEM}|"
            rf"{_SYSTEM}( \w+){{0,4}} (upphor|upphorde|upphort|avvecklas|avvecklades|avvecklats|"
            rf"avslutas|avslutades|tas bort|togs bort)\b|\bavveckling av {_SYSTEM}|"
            # "Kommunen avbryter LOV"; "tidigare beslut om LOV ... hävs" (a repealed decision).
            rf"\bavbryt\w*( \w+){{0,3}} {_SYSTEM}|"
            rf"\bbeslut\w* om( \w+){{0,3}} {_SYSTEM}.*\b(havs|upphavs|upphavdes|havdes)\b"
        ),
    ),
    (
        StatementKind.INTRODUCE,
        re.compile(
            rf"\b(infor\w*|inforande av|inforandet av)( \w+){{0,3}} {_SYSTEM}|"
            rf"{_SYSTEM}( \w+){{0,5}} (infors|inforts|infordes|ska inforas|kommer att inforas)\b|"
            rf"\b(borjar|oppnar|startar) (registrering|ansokan|annonsering)|"
            # "ett politiskt beslut om att det ska finnas valfrihet inom hemtjänsten"
            rf"\bbeslut\w* (om )?att det ska (finnas|inforas) {_SYSTEM}"
        ),
    ),
    (
        StatementKind.RENEWED,
        re.compile(
            r"\b(fornya\w*|forlang\w*|reviderat?|omarbetat?) (\w+ ){0,2}(avtal\w*|"
            r"forfragningsunderlag\w*|valfrihetssystem\w*)|"
            r"\b(nytt|nya) (\w+ )?(avtal|avtalet|forfragningsunderlag\w*)\b"
        ),
    ),
    (
        StatementKind.ACTIVE,
        re.compile(
            rf"\bsedan\b.*{_SYSTEM}|{_SYSTEM}.*\bsedan\b|\binfordes\b|"
            r"\b(du|ni) (kan|far) (sjalv )?valja\b|\bkan (du|ni) (sjalv )?valja\b|"
            r"\bvalj utforare\b|(?<!ansokt om att )\bbli utforare\b|"
            r"\blopande annonsering\b|\bgodkanda (utforare|foretag|leverantorer|anordnare)\b|"
            rf"\b(har|tillampar|anvander) {_SYSTEM}"
        ),
    ),
)
#: "Valfrihet i hemtjänsten", "LOV ger möjlighet att välja utförare inom hemtjänst": say LOV
#: is active only if the sentence names a category itself (else it explains what LOV is).
_WEAK_ACTIVE = re.compile(
    rf"{_SYSTEM} (inom|i|for|av) \w+|\benligt lov\b|"
    r"\b(mojlighet|ratt) (\w+ ){0,2}att (sjalv |sjalva )?valja (utforare|vem)\b"
)
_INQUIRY = re.compile(r"\b(utredning|utreda|utreder|utredningen)\b")
#: Kinds that are decisions: without a date of their own they take the page's date.
_DECISIONS = (
    StatementKind.INTRODUCE,
    StatementKind.NOT_INTRODUCE,
    StatementKind.END,
    StatementKind.RENEWED,
)
#: Words before a date that make it the date the statement is about.
_ANCHORS = re.compile(
    r"\b(fran och med|fran|med start|start|sedan|gall\w* fran|infors|"
    r"fr o m|den)\s*$"
)
_DATELINE = re.compile(r"\b(publicerad|uppdaterad|datum|sammantradesdatum)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“–-])")


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (Swedish capitalisation)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def classify(sentence: str) -> StatementKind | None:
    """The statement kind of one sentence, or None when it says nothing about LOV status."""
    folded = fold_words(sentence)
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(folded):
            # "Utredning om införande av LOV" investigates; it decides nothing.
            return None if kind is StatementKind.INTRODUCE and _INQUIRY.search(folded) else kind
    if _WEAK_ACTIVE.search(folded) and categories_in(sentence):
        return StatementKind.ACTIVE
    return None


def _pick_date(kind: StatementKind, folded: str, found: list[FoundDate]) -> FoundDate | None:
    """The date a statement is about: the one after "från och med", "sedan", "med start" ...;
    else, for an introduction, the latest date (registration opens before the start); else the
    first."""
    if not found:
        return None
    anchored = [f for f in found if _ANCHORS.search(folded[: f.start])]
    if kind is StatementKind.INTRODUCE:
        return max(anchored or found, key=lambda f: f.value)
    return (anchored or found)[0]


def _context_categories(blocks: list[Block], index: int, title: str) -> tuple[str, ...]:
    """Categories of the nearest preceding heading that names one, else of the title."""
    for block in reversed(blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(title)


def _page_date(page: Page) -> FoundDate | None:
    """The date a page carries near its top (minutes' meeting date, "Publicerad ...").

    Only a dateline counts: a short block, or one saying it is a date. A body sentence near the
    top ("LOV ... infördes 2009") dates the law, not the page.
    """
    for block in page.blocks[:4]:
        folded = fold_words(block.text)
        if len(block.text) > 100 and not _DATELINE.search(folded):
            continue
        if found := find_dates(folded):
            return found[0]
    return None


def statements_in(page: Page) -> list[Statement]:
    """Every LOV status statement on a page, one per (kind, categories, quote).

    Sentences count only on pages that speak of LOV; a sentence that names no LOV term itself
    borrows the page's (a news item says "valfrihet" in its heading, the date further down).
    """
    if not speaks_of_lov(page.title + "\n" + page.text):
        return []
    found: dict[tuple[StatementKind, tuple[str, ...]], tuple[int, Statement]] = {}
    page_date = _page_date(page)
    for index, block in enumerate(page.blocks):
        if block.kind not in (HEADING, PARA, ITEM) or block.linked:
            continue
        for sentence in sentences(block.text):
            kind = classify(sentence)
            if kind is None or len(sentence) > 600:
                continue
            folded = fold_words(sentence)
            if (
                kind is StatementKind.ACTIVE
                and not LOV_TERMS.search(folded)
                and not (re.search(r"\bvalja\b", folded))
            ):
                continue
            categories = categories_in(sentence) or _context_categories(
                page.blocks, index, page.title
            )
            chosen = _pick_date(kind, folded, find_dates(folded))
            rank = 2 if chosen else 0
            if chosen is None and kind in _DECISIONS and page_date is not None:
                chosen, rank = page_date, 1
            # One statement per kind and categories on a page: the first with a date of its
            # own, else the first with the page's date, else the first (a news item repeats
            # "det nya avtalet" in every paragraph).
            earlier = found.get((kind, categories))
            if earlier is None or earlier[0] < rank:
                found[(kind, categories)] = (
                    rank,
                    Statement(
                        kind,
                        categories,
                        chosen.value if chosen else None,
                        chosen.text if chosen else None,
                        sentence,
                    ),
                )
    return _without_umbrellas([statement for _rank, statement in found.values()]) + (
        _table_statements(page)
    )


def _without_umbrellas(statements: list[Statement]) -> list[Statement]:
    """Drop a statement about an umbrella area only ("Valfrihet inom äldreomsorgen") when
    statements of the same kind name the specific categories (hemtjänst, särskilt boende)."""
    specific = {s.kind for s in statements if set(s.categories) - UMBRELLA_CATEGORIES}
    return [
        s
        for s in statements
        if not (s.categories and set(s.categories) <= UMBRELLA_CATEGORIES and s.kind in specific)
    ]


def _table_statements(page: Page) -> list[Statement]:
    """Rows of a "Kundval enligt LOV" table: the LOV column's year says since when.

    Nacka's overview has columns "Kundval | Kundval före LOV | Kundval enligt LOV"; a row with
    a year in the LOV column is a category under LOV since that year.
    """
    found = []
    lov_column: int | None = None
    for block in page.blocks:
        if block.kind != ROW:
            lov_column = None if block.kind == HEADING else lov_column
            continue
        cells = block.text.split("\t")
        folded_cells = [fold_words(cell) for cell in cells]
        header = [i for i, cell in enumerate(folded_cells) if re.search(r"\benligt lov\b", cell)]
        if header:
            lov_column = header[0]
            continue
        if lov_column is None or lov_column >= len(cells):
            continue
        year = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", cells[lov_column])
        categories = categories_in(cells[0])
        if year and categories:
            found.append(
                Statement(
                    StatementKind.ACTIVE,
                    categories,
                    date(int(year.group(1)), 1, 1),
                    year.group(1),
                    " | ".join(cell for cell in cells if cell.strip()),
                )
            )
    return found
