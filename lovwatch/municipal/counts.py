"""Provider counts: counted on a page's provider lists, and stated in its text or tables.

Stated counts are read in digits and Swedish number words ("tre privata utförare", "tolv
godkända hemtjänstföretag"), zero included ("inga privata utförare", "ingen extern
utförare"); approximations ("ett tiotal", "ett 20-tal", "fler än 10") are not counts. The
municipality's own unit is counted apart: "fyra leverantörer förutom kommunens egen
verksamhet" is 4 + 1, "fem utförare, varav en är kommunens egen" is 4 + 1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from lovwatch.municipal.blocks import HEADING, ITEM, ROW, Block, Page
from lovwatch.municipal.companies import is_own_unit
from lovwatch.municipal.numbers import CARDINALS, number_value
from lovwatch.municipal.subjects import named_bodies, names_others, own_names
from lovwatch.municipal.vocabulary import AWARD, LOV_TERMS, categories_in, fold_words

if TYPE_CHECKING:
    from lovwatch.municipal.providers import Provider


@dataclass(frozen=True)
class Count:
    """A number of providers in some categories: counted on a list, or stated in text.
    `approximate` marks "cirka 15 utförare"."""

    categories: tuple[str, ...]
    private: int
    own_units: int
    source: str
    quote: str
    approximate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form."""
        found = asdict(self)
        found["categories"] = list(self.categories)
        return found


_NUMBER = r"(\d+|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + ")"
_ADJECTIVES = (
    r"aktiva|aktiv|godkanda|godkand|privata|privat|externa|extern|olika|andra|annan|"
    r"fristaende|auktoriserade|valbara|aktuella|aktuell|enda|lov"
)
_UNIT = (
    r"\w*(?:utforare|utforaren|utforarna|foretag|foretagen|leverantorer|leverantor|"
    r"leverantorerna|anordnare|anordnarna|aktorer|aktorerna|aktor|bolag)"
)
#: Care units counted as providers only when said to be private: "fyra privata hälsocentraler"
#: (and the choices, "inga privata alternativ").
_CARE_UNIT = (
    r"(?:\w*(?:halsocentral|vardcentral|tandvardsklinik|mottagning|vardgivar)\w*|alternativ)"
)
_STATED = re.compile(
    rf"\b{_NUMBER} (?:st )?((?:(?:{_ADJECTIVES}) )*)({_UNIT}|(?<=privata ){_CARE_UNIT}|"
    rf"(?<=privat ){_CARE_UNIT}|(?<=godkanda ){_CARE_UNIT}|(?<=auktoriserade ){_CARE_UNIT})\b"
)
#: Care units the authority approved: "har hittills godkänt 168 husläkarmottagningar".
_APPROVED_UNITS = re.compile(
    rf"\b(?:godkant|godkants|auktoriserat|auktoriserats) (?:hittills |totalt |nu )?"
    rf"(?P<n>{_NUMBER}) {_CARE_UNIT}\b"
)
#: "har inte haft någon aktiv LOV-aktör", "det finns inte längre några privata utförare": none.
#: Only said of what exists: "väljer man inte någon utförare" is no count.
_NONE = re.compile(
    r"\b(?:har|finns|hade) (?:det )?(?:inte|ej) "
    r"(?:(?:har|haft|finns|det|nu|langre|annu|hittills|godkant|godkants) ){0,3}"
    rf"(?:nagon|nagot|nagra) ((?:(?:{_ADJECTIVES}) )*)({_UNIT}|(?<=privata ){_CARE_UNIT}|"
    rf"(?<=privat ){_CARE_UNIT})\b"
)
#: The municipality as the only provider: "I Flens kommun finns endast den kommunala
#: hemtjänsten", "Kommunen är den enda utföraren av hemtjänst": no private one.
_ONLY_OWN = re.compile(
    r"\b(finns|har vi|erbjuds) (det )?(i dag |idag |i dagslaget |for narvarande )?"
    r"(endast|bara|enbart) (den )?(kommunala|kommunens( egen| egna)?) (hemtjanst\w*|utforare\w*)|"
    # "man kan alltså inte välja privata företag som utförare av hemtjänst"
    r"\b((kan|far) (du|man|ni)|(du|man|ni) (kan|far))( alltsa| darfor| dock)? inte valja "
    r"privata? (foretag|utforare)\b|"
    # "Idag finns det enbart hemtjänst i kommunal regi i Botkyrka kommun"
    r"\bfinns (det )?(i dag |idag )?(endast|bara|enbart) (\w+ )?i (kommunal|kommunens|egen) regi\b|"
    r"\bkommunen ar (i dag |idag |for narvarande )?(den )?(enda|ende) (utforaren?|leverantoren?|"
    r"anordnaren?)\b|"
    # "I dagsläget är det bara kommunen som utför den här tjänsten"
    r"\b(ar det|det ar) (endast|bara|enbart) kommunen som (utfor|erbjuder|driver|bedriver)\b"
)
#: No provider has applied: "I dagsläget har ingen extern utförare ansökt och blivit godkänd"
#: (an application is otherwise a change, not a count).
_NO_APPLICANT = re.compile(
    rf"\b(?:ingen|inga) (?:(?:{_ADJECTIVES}) )*{_UNIT} (?:har |hade )?(?:annu |hittills )?"
    r"(?:ansokt|sokt)\b"
)
#: "Antal utförare: 8", "Antal godkända utförare inom hemtjänst 12".
_TALLY = re.compile(rf"\bantal (?:(?:{_ADJECTIVES}) )?{_UNIT}(?: (?:i|inom) \w+)? (?P<n>\d+)\b")
#: "Antalet privata utförare inom LOV i hemtjänsten är i dag tre", "antalet privata utförare
#: har ökat från två till nio".
_NUMBER_OF = re.compile(
    rf"\bantalet (?:(?:{_ADJECTIVES}) )*{_UNIT}(?: \w+){{0,6}} (?:(?:ar|uppgar till) "
    rf"(?:i dag |idag |nu |just nu |for narvarande |i dagslaget )?|"
    # "Sedan starten har antalet privata utförare ökat från två till nio": where it ended
    rf"(?:har |hade )?(?:okat|minskat|vuxit|stigit|gatt upp|gatt ner) fran \w+ till )"
    rf"(?P<n>{_NUMBER})\b"
)
#: Private units counted among all: "43 hälsocentraler. 16 är privatdrivna", "varav 12
#: drivs i privat regi", "42 hälsocentraler varav 15 drivs privat", "varav 12 privata", "Av
#: länets 29 vårdcentraler drivs 9 privat".
_PRIVATELY = r"(?:privatdrivna|privat drivna|privata|privat|i privat regi)\b"
_PRIVATELY_RUN = re.compile(
    rf"\b(?P<n>{_NUMBER}) (?:av dem |av dessa )?(?:ar|drivs) {_PRIVATELY}|"
    rf"\bvarav (?P<among>{_NUMBER}) {_PRIVATELY}|"
    # "25 hälsocentraler, av dem är 8 privata"
    rf"\bav (?:dem|dessa) (?:ar|drivs) (?P<of_them>{_NUMBER}) {_PRIVATELY}|"
    rf"\bdrivs (?P<run>{_NUMBER}) {_PRIVATELY}"
)
#: The own units and the private ones: "28 hälsocentraler, 19 i regionens regi och 9 privata".
_OWN_THEN_PRIVATE = re.compile(
    rf"\b(?P<own>{_NUMBER}) i (regionens|landstingets|kommunens|egen|offentlig|kommunal) regi "
    rf"(och|samt) (?P<private>{_NUMBER}) {_PRIVATELY}"
)
#: Words that make what follows a bound, not a count.
_BOUND = re.compile(r"\b(fler an|mer an|over|upp till|max|maximalt|hogst|minst|under)\s*$")
#: The upper end of a range ("1 till 5 privata utförare", "3-5 företag", folded "3 5") is not
#: a count.
_RANGE = re.compile(r"\b\d+\s*(till|-|–)?\s*$|\bmellan \w+ och\s*$")
#: A year ("sedan 2012 godkänd utförare") is when, never how many.
_YEAR = re.compile(r"(19|20)\d\d")
_ABOUT = re.compile(r"\b(cirka|ca|drygt|omkring|ungefar|runt|knappt)\s*$")
_UNITS = rf"{_UNIT}|{_CARE_UNIT}"
#: A number of private providers that grew or fell to a new one: "har antalet privata enheter
#: gått från fyra till tretton".
_NOW_AT = re.compile(
    rf"\bantalet (?:(?:{_ADJECTIVES}) )*(?:{_UNITS}|enheter)\b(?: \w+){{0,4}} "
    rf"(?:gatt|fatt|okat|vuxit|stigit|minskat|sjunkit) (?:\w+ )?fran {_NUMBER} "
    rf"till (?P<n>{_NUMBER})\b"
)
#: The private ones among those a sentence counted first: "fem utförare: fyra privata".
_THEN_PRIVATE = re.compile(rf"\b(?P<n>{_NUMBER}) privata\b")
#: A sentence about the units the one before it named: "Av dessa drivs 15 i privat regi".
_OF_THESE = re.compile(r"(av|bland) (dessa|dem)\b")
#: The companies a study looked at ("Utredningen har tittat på 14 hemtjänstföretag i Solna och
#: Linköping") are its sample, not the providers there are.
_STUDIED = re.compile(
    r"\b(tittat pa|tittade pa|studerat|studerade|undersokt|undersokte|intervjuat|intervjuade|"
    r"granskat|granskade|jamfort|jamforde)\s*$"
)
#: Choosing one ("välja en privat utförare") is not a count of the providers there are.
_CHOOSING = re.compile(r"\b(valja|valjer|valt|byta till|anlita|anlitar|som|om)\s*$")
_EXISTS = re.compile(
    r"\b(finns|har|bara|endast|enbart|enda|kvar|totalt|sammanlagt|godkan\w*|valja mellan|"
    r"just nu|i dag|idag|ar|inkl|inklusive|varav)\b"
)
#: "One" is a count only where the text says one exists: "det finns bara en privat utförare",
#: "har en enda"; "välja mellan kommunen eller en privat utförare" names a kind of choice.
_ONE_EXISTS = re.compile(
    r"\b(finns|har|bara|endast|enbart|kvar)( (det|nu|idag|i dag|just nu|bara|endast|enbart|"
    r"for narvarande|i dagslaget|numera))*$"
)
#: A resident's own provider: "om du har en annan utförare av hemtjänst", "tre av fyra
#: brukare idag har en LOV-utförare".
_PERSON_HAS = re.compile(
    r"\b(du|ni|man|brukar\w*|kund\w*|patient\w*)( idag| i dag| numera)? (har|hade|valt|valjer)"
    r"( \w+){0,2}$"
)
#: A condition after the main clause: "... om de sätter för låg nivå", "om man inte ...".
_IF_THEY = re.compile(r"\b(om|ifall) (de|man|vi|ni) ")
#: The boundary between the "att"-clauses of a decision ("... att bevilja X samt att ...").
_ATT_CLAUSE = re.compile(r" (?:samt |och )?att (?=\w+ )")
#: A count of the past ("har det funnits 1 aktör", "Som mest har det varit 157") is not the
#: number there are.
_PAST = re.compile(r"\b(funnits|fanns|hade|som mest|som flest)\b")
#: A goal is not a count: "På sikt får invånarna fem utförare att välja mellan", "Målet är
#: minst fem utförare", "För medborgarna ska det finnas fem utförare att välja mellan".
_GOAL = re.compile(
    r"\b(pa sikt|malet|malsattningen|(ska|skall) det finnas|kommer det att finnas)\b"
)
#: A count in a part of the municipality is not its count: "I stadsdelen Askim finns tre
#: privata utförare", "I de flesta områden finns det en privat utförare att välja".
_PART = re.compile(
    r"\b(i|inom) (stadsdelen|stadsdelarna|de flesta|vissa|varje|vart|flera|nagra|manga|"
    r"en del|ett par) (omraden|omradet|omrade|stadsdelar|delar|kommundelar|geografiska)\b|"
    r"\b(i|inom) (stadsdelen|omradet|delar av)\b|\bper (omrade|stadsdel)\b|"
    # "I Trångsund/Skogås finns bara sex anordnare medan övriga delar av kommunen har åtta"
    r"\b(ovriga|andra|resten av|vissa) delar(na)? av kommunen\b|"
    # "158 kommuner har valfrihetssystem. I drygt 20 av dessa finns det inga ...": some of many
    r"\b\d+ av (dessa|dem|de|kommunerna|regionerna)\b"
)
#: A service bought by procurement (LOU), or a procurement's award ("beslut om att tilldela fem
#: leverantörer avtal"): its private contractors are no providers to choose.
_PROCURED = re.compile(
    rf"\b(upphandlad\w*|upphandlats|upphandlas|pa entreprenad)\b|{AWARD.pattern}"
)
#: Companies that leave, apply or are added, or a system that ends, are a change, not the
#: number there are.
_CHANGE = re.compile(
    r"\b(lamna\w*|sagt upp|sade upp|slutat|upphor\w*|ansokt|ansoker|soker|ansokningar|"
    r"tillkommit|tillkommer|konkurs|"
    # "sedan 2016 har Sollentuna portat hela åtta utförare"
    r"portat|portade|portats|stangt av|stangde av|uteslutit|uteslot|"
    # "Redan nu har två företag hört av sig och visat intresse": interest, not approval
    r"hort av sig|horde av sig|(visat|visar|visade|anmalt|anmalde) (\w+ )?intresse|"
    r"intresserade|"
    # "Från och med den 6 februari avvecklas LOV ... och det kommer endast finnas två
    # utförare": the number after the system ends
    r"avvecklas|avskaffas|avslutas|skrotas)\b"
)
#: ... but what is left after it is the number there are: "Efter att två företag lämnat finns
#: nu fem privata utförare kvar".
_LEFT = re.compile(
    rf"\b(finns|ar|har)( det)?( nu| idag| i dag| just nu)? (?P<n>{_NUMBER}) "
    rf"((?:{_ADJECTIVES}) )*{_UNIT} kvar\b"
)
_OWN_ALSO = re.compile(
    r"\b(forutom|utover|samt|och|plus|liksom|jamte) (kommunens|den kommunala|stadens|"
    r"regionens) (egen|egna|hemtjanst\w*|verksamhet|utforare)|"
    r"\b(forutom|utover|samt|och|plus) (hemtjanst(en)? i )?egen regi\b|"
    # "Förutom kommunen finns det tre privata utförare"
    r"\b(forutom|utover) (kommunen|staden|regionen)\b"
)
#: The own units among the number: "nio utförare godkända, varav två i egen regi".
_OWN_SHARE = re.compile(
    rf"\bvarav (?P<own>{_NUMBER}) (ar |drivs )?(i egen regi|i kommunal regi|kommunala|"
    r"kommunens|drivs av kommunen)\b"
)
#: Private and own side by side: "Det finns två privata och en kommunal utförare".
_SIDE_BY_SIDE = re.compile(
    rf"\b(?P<private>{_NUMBER}) privata? (och|samt) (?P<own>{_NUMBER}) kommunala? {_UNIT}\b"
)
#: "utförs av kommunen och två privata företag": the own unit named before the number.
_OWN_BEFORE = re.compile(
    rf"\b(kommunen|kommunens \w+|stadens \w+|egen regi|den kommunala \w+) (och|samt|plus) "
    rf"{_NUMBER}\b"
)
#: The own unit among the number: "fem utförare, varav en är kommunens", "bara en godkänd
#: leverantör, det är kommunens egna verksamhet".
_OWN_AMONG = re.compile(
    r"\bvarav (en|ett|1) (ar |drivs av )?(kommunens|kommunal|stadens|den kommunala|egen regi)|"
    r"\b(det|vilket|som) ar (kommunens|stadens|regionens|den kommunala) (egen|egna|"
    r"hemtjanst|verksamhet)|"
    r"\b(inklusive|inkl|inraknat|medraknat) (kommunens|stadens|den kommunala|egen regi|"
    r"kommunen|staden)\b|"
    # "två utförare av hemtjänst som du kan välja mellan, Vårgårda kommun och Trygg Omsorg"
    rf"\b{_NUMBER} (\w+ ){{1,8}}mellan (\w+ )?(kommun|stad|kommunen|staden) (och|samt|eller)\b"
)


def counts_in(page: Page, providers: Sequence[Provider]) -> list[Count]:
    """Provider counts: of the listed providers per categories, and as the text states them."""
    counts: list[Count] = []
    by_categories: dict[tuple[str, ...], list[Provider]] = {}
    for provider in providers:
        by_categories.setdefault(provider.categories, []).append(provider)
    for categories, listed in by_categories.items():
        own = sum(provider.own_unit for provider in listed)
        counts.append(Count(categories, len(listed) - own, own, "listed", ""))
    return counts + stated_counts(page)


def _categories_for(blocks: list[Block], index: int, page: Page) -> tuple[str, ...]:
    for block in reversed(blocks[:index]):
        if block.kind == HEADING and (found := categories_in(block.text)):
            return found
    return categories_in(page.title)


def _accepts(word: str, adjectives: str, before: str, folded: str, after: str = "") -> bool:
    """Whether a number with its adjectives is a count of the providers there are."""
    # A short line ("Hemtjänst: 5 utförare") is a tally by its shape.
    exists = bool(_EXISTS.search(folded)) or len(folded.split()) <= 6
    if word.isdigit() or (number_value(word) or 0) > 1:
        return bool(adjectives) or exists
    if number_value(word) == 0:
        # "inga privata utförare", "det finns inga utförare"; but "Ingen privat aktör kan neka
        # dig en plats" is a rule for providers, not their number.
        rule = re.match(r"\s*(kan|far|ska|skall|maste|behover|ma)\b", after)
        return (exists or bool(adjectives)) and not rule
    # "en", "ett": only said of existing providers, not of one to choose ("välja en utförare").
    if _PERSON_HAS.search(before.rstrip()):
        return False  # "om du har en annan utförare": the person's provider, not how many
    return bool(
        adjectives
        and (
            _ONE_EXISTS.search(before.rstrip())
            or "enda" in adjectives.split()
            or re.match(r"\s*(finns|ar godkand)\b", after)
        )
        and not _CHOOSING.search(before)
    )


def count_in_sentence(folded: str) -> tuple[int, int, bool] | None:
    """(private, own units, approximate) a folded sentence states, or None."""
    total: int | None = None
    approximate = False
    if re.match(r"(om|ifall|i fall|nar|utan) ", folded) or _IF_THEY.search(folded):
        # a condition ("Om ingen privat utförare finns ...", "De får inga privata utförare
        # om de sätter för låg nivå") states no count
        return None
    if len(clauses := _ATT_CLAUSE.split(folded)) > 2:
        # A decision's list of "att"-clauses: each clause is read on its own ("att bevilja
        # ansökningar ..., att bevilja kompensation till länets fyra privata hälsocentraler").
        found = [count_in_sentence(clause) for clause in clauses]
        return next((count for count in found if count is not None), None)
    if len(clauses := folded.split(" men ")) > 1:
        # Each side of a "men" on its own: "har inte haft någon aktiv LOV-aktör ... men
        # (must) pröva ansökningar som kommer in" states a count before it and a change after.
        found = [count_in_sentence(clause) for clause in clauses]
        return next((count for count in found if count is not None), None)
    if (left := _LEFT.search(folded)) and not _PAST.search(folded):
        left_over = number_value(left.group("n"))
        return None if left_over is None else (left_over, 0, False)  # left after a change
    if _NO_APPLICANT.search(folded):
        return 0, 0, False
    if any(cue.search(folded) for cue in (_CHANGE, _PAST, _GOAL, _PART)):
        return None
    if (now_at := _NOW_AT.search(folded)) and "privat" in now_at.group(0):
        total = number_value(now_at.group("n"))
    elif tally := _TALLY.search(folded):
        total = int(tally.group("n"))
    elif number_of := _NUMBER_OF.search(folded):
        total = number_value(number_of.group("n"))
    elif own_then_private := _OWN_THEN_PRIVATE.search(folded):
        private, own = (number_value(own_then_private.group(key)) for key in ("private", "own"))
        if private is not None and own is not None:
            return private, own, False
    elif approved := _APPROVED_UNITS.search(folded):
        total = number_value(approved.group("n"))
    elif privately_run := _PRIVATELY_RUN.search(folded):
        total = number_value(next(n for n in privately_run.groups() if n is not None))
    elif side_by_side := _SIDE_BY_SIDE.search(folded):
        private, own = (number_value(side_by_side.group(key)) for key in ("private", "own"))
        if private is not None and own is not None:
            return private, own, False
    elif _NONE.search(folded):
        total = 0
    elif _ONLY_OWN.search(folded):
        return 0, 1, False
    else:
        for match in _STATED.finditer(folded):
            before = folded[: match.start()]
            word, adjectives = match.group(1), match.group(2)
            if (
                _BOUND.search(before)
                or _RANGE.search(before)
                or _STUDIED.search(before)
                or _YEAR.fullmatch(word)
                or not _accepts(word, adjectives, before, folded, folded[match.end() :])
            ):
                continue
            total, approximate = number_value(word), bool(_ABOUT.search(before))
            # "välja mellan fem utförare: fyra privata hemtjänstföretag eller kommunens
            # hemtjänst": the private ones among all those counted
            split = _THEN_PRIVATE.search(folded, match.end())
            if total is not None and split and (private := number_value(split.group("n"))):
                if private < total:
                    return private, total - private, approximate
            break
    if total is None:
        return None
    own = 0
    share = _OWN_SHARE.search(folded)
    if share and (own_share := number_value(share.group("own")) or 0) < total:
        total, own = total - own_share, own_share
    elif _OWN_AMONG.search(folded) and total > 0:
        total, own = total - 1, 1
    elif _OWN_ALSO.search(folded) or _OWN_BEFORE.search(folded):
        own = 1
    return total, own, approximate


def _row_count(block: Block, own_column: int | None) -> Count | None:
    cells = [fold_words(cell) for cell in block.text.split("\t")]
    categories = categories_in(block.text.split("\t")[0])
    if not categories:
        return None
    private = own = 0
    for position, cell in enumerate(cells[1:], start=1):
        if match := _STATED.search(cell) or re.fullmatch(r"(\d+)", cell):
            value = number_value(match.group(1)) or 0
            if position == own_column:
                own += value
            else:
                private += value
    quote = " | ".join(c for c in block.text.split("\t") if c.strip())
    return Count(categories, private, own, "stated", quote)


def _column_count(block: Block, column: int) -> Count | None:
    """A row of a table with an "Antal utförare" column: "Hemtjänst | 7"."""
    cells = block.text.split("\t")
    if column >= len(cells) or not (digits := re.fullmatch(r"\s*(\d+)\s*", cells[column])):
        return None
    categories = categories_in(cells[0])
    if not categories:
        return None
    quote = " | ".join(cell for cell in cells if cell.strip())
    return Count(categories, int(digits.group(1)), 0, "stated", quote)


def _own_in_list(blocks: list[Block], index: int, total: int) -> tuple[int, int]:
    """(private, own) of "Idag har vi två utförare av hemtjänst:" when the list after it names
    that many and the municipality's own unit is one of them."""
    items = []
    for block in blocks[index + 1 :]:
        if block.kind != ITEM:
            break
        items.append(block.text)
    own = sum(is_own_unit(item, None) for item in items)
    if len(items) == total and own == 1:
        return total - 1, 1
    return total, 0


#: Where a sentence's main clauses meet: "... godkänt 168 husläkarmottagningar, och fler
#: ansökningar ska bedömas under hösten".
_CLAUSE_BREAK = re.compile(r",\s+(?:och|men|samt)\s+|;\s*")


def _count_in_clauses(sentence: str, folded: str) -> tuple[int, int, bool] | None:
    """The count a sentence states, else the first one of its main clauses states: what is
    said of the applications still to come does not undo the count of those approved."""
    if (found := count_in_sentence(folded)) is not None:
        return found
    clauses = _CLAUSE_BREAK.split(sentence)
    if len(clauses) < 2:
        return None
    counts = (count_in_sentence(fold_words(clause)) for clause in clauses)
    return next((count for count in counts if count is not None), None)


def _names_another(sentence: str, names: frozenset[str]) -> bool:
    """Whether a sentence names another authority and not the page's own."""
    named_own, named_other = named_bodies(sentence, names)
    return named_other and not named_own


def stated_counts(page: Page) -> list[Count]:
    """Counts the page states: in sentences, and in rows of a counts table."""
    from lovwatch.municipal.statements import sentences  # a sentence splitter, not a cycle

    names: frozenset[str] | None = None  # the page's own names, read at the first count

    counts = []
    own_column: int | None = None
    count_column: int | None = None
    for index, block in enumerate(page.blocks):
        if block.kind != ROW:
            count_column = None
        if block.kind == ROW:
            cells = [fold_words(cell) for cell in block.text.split("\t")]
            header = [
                i for i, cell in enumerate(cells) if re.fullmatch(rf"antal( \w+)? {_UNIT}", cell)
            ]
            if header:
                count_column = header[0]
                continue
            if count_column is not None and (row := _column_count(block, count_column)):
                counts.append(row)
                continue
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
            if (row := _row_count(block, own_column)) is not None:
                counts.append(row)
            continue
        paragraph = fold_words(block.text)
        if _PROCURED.search(paragraph) and not LOV_TERMS.search(paragraph):
            continue  # "upphandlad ... avtal med åtta privata aktörer": contractors, not choices
        procured = False
        previous = previous_sentence = ""
        for sentence in sentences(block.text):
            folded = fold_words(sentence)
            # "Det finns 27 vårdcentraler i länet. Av dessa drivs 15 i privat regi": the units
            # are the previous sentence's, which the quote takes along.
            of_these = bool(_OF_THESE.match(folded) and re.search(_UNITS, previous))
            quote = f"{previous_sentence} {sentence}" if of_these else sentence
            before_this = previous_sentence
            previous, previous_sentence = folded, sentence
            if (procured or _PROCURED.search(folded)) and not LOV_TERMS.search(folded):
                continue  # "... och upphandla hemtjänst enligt LOU. Fem företag fick fortsätta"
            # LOU's own procurement (LOV's "upphandling sker under löpande annonsering" is none)
            procured = procured or bool(
                re.search(r"\b(lou|lagen om offentlig upphandling)\b", folded)
            )
            if (
                not (
                    of_these
                    or re.search(_UNITS, folded)
                    or _ONLY_OWN.search(folded)
                    or _NOW_AT.search(folded)
                )
                or (found := _count_in_clauses(sentence, folded)) is None
            ):
                continue
            if names is None:
                names = own_names(page.url, page.title, page.text)
            if _names_another(sentence, names) or names_others(folded):
                continue  # "I Stockholms stad har man 140 utförare": another's count
            if folded.startswith("dar ") and _names_another(before_this, names):
                continue  # "... enligt Nacka kommuns koncept. Där finns idag ca 50 anordnare"
            private, own, approximate = found
            if own == 0 and sentence.rstrip().endswith(":"):
                private, own = _own_in_list(page.blocks, index, private)
            categories = categories_in(quote) or _categories_for(page.blocks, index, page)
            counts.append(Count(categories, private, own, "stated", quote, approximate))
    return counts
