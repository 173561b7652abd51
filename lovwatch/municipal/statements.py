"""What a municipality's own pages say about its valfrihetssystem: LOV status statements.

Every sentence that makes a claim about a valfrihetssystem (`claims.read_claim`) becomes a
`Statement` with its kind (active, introduce, not_introduce, end, renewed), whose system it is
about (`subject`), how far it has come (`modality`), its categories, the date it is about and
the quote. `claims_in` gives every claim on a page; `statements_in` only the municipality's own
decided or planned ones (what the page says its status is); `Statement.is_decision` marks those
that may become events (own subject, decided).

Page structure counts too: an "att"-item takes the modality of its lead-in ("Därför yrkar vi
på:"); on a motion or interpellation introductions and endings are demands; a start still
ahead ("Från och med den 1 september kan du välja") is an introduction and the choice it
describes not yet in use; on a page about other authorities, claims without a subject of their
own are about those authorities. A service the authority says it alone provides ("all
hemtjänst bedrivs av kommunen") has no choice system, even on a page that never names LOV.
Categories: `categorising`; dates: `dating`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, ROW, Page
from lovwatch.municipal.categorising import (
    context_categories,
    earlier_categories,
    following_categories,
    sentence_categories,
)
from lovwatch.municipal.claims import (
    SYSTEM,
    Claim,
    Modality,
    StatementKind,
    Subject,
    modality_of,
    read_claim,
)
from lovwatch.municipal.corrections import (
    WEAK,
    about_others,
    agenda_items_as_proposed,
    headlines_as_sure_as_their_text,
    implied_in_use,
    under_the_national_right,
    without_topics,
    without_umbrellas,
)
from lovwatch.municipal.dating import announces_start, page_date, pick_date
from lovwatch.municipal.documents import (
    ATT_ITEM,
    BOARD_DECIDES,
    COUNCIL,
    awaits_final_decision,
    is_opinion,
    is_petition,
    lead_in_modality,
)
from lovwatch.municipal.modality import DECISION_CUE, modality_cue
from lovwatch.municipal.subjects import named_bodies, own_names, subject_of
from lovwatch.municipal.vocabulary import (
    LOV_TERMS,
    categories_in,
    find_dates,
    fold_words,
)
from lovwatch.normalize.dates import MONTHS

__all__ = [
    "Modality",
    "Statement",
    "StatementKind",
    "Subject",
    "claims_in",
    "classify",
    "sentences",
    "statements_in",
]

#: Kinds whose decided claims become events (the store's LOV_INTRODUCED / LOV_ENDED).
EVENT_KINDS = frozenset({StatementKind.INTRODUCE, StatementKind.END})


@dataclass(frozen=True)
class Statement:
    """One LOV claim with its evidence.

    The first five fields are the original shape; the rest default so older callers still
    build statements positionally.
    """

    kind: StatementKind
    categories: tuple[str, ...]
    date: date | None
    date_text: str | None
    quote: str
    subject: Subject = Subject.OWN
    modality: Modality = Modality.DECIDED
    confidence: float = 1.0
    #: Where the categories came from: sentence, list, heading or title.
    category_source: str = "sentence"

    @property
    def is_decision(self) -> bool:
        """The municipality's own system, decided (or stated as fact): not a plan, proposal,
        demand, rejected proposal, another municipality's system, the law or an explanation."""
        return self.subject is Subject.OWN and self.modality is Modality.DECIDED

    @property
    def is_status(self) -> bool:
        """Whether it states where the system stands or is going: decided or planned (not a
        proposal, a demand or a rejected proposal)."""
        return self.modality in (Modality.DECIDED, Modality.PLANNED)

    @property
    def is_event(self) -> bool:
        """Whether this statement should become an event: a decision to introduce or end."""
        return self.is_decision and self.kind in EVENT_KINDS

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able form (enums as their values, the date as ISO)."""
        return {
            "kind": str(self.kind),
            "subject": str(self.subject),
            "modality": str(self.modality),
            "is_decision": self.is_decision,
            "is_event": self.is_event,
            "categories": list(self.categories),
            "category_source": self.category_source,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "confidence": self.confidence,
            "quote": self.quote,
        }


#: "Valfrihet i hemtjänsten", "LOV ger möjlighet att välja utförare inom hemtjänst": say LOV
#: is active only if the sentence names a category itself (else it explains what LOV is).
WEAK_ACTIVE = re.compile(
    # not a time ("Beslut om vårdval i höst") nor a case ("vårdval i det här fallet")
    rf"{SYSTEM} (inom|i|for|av) (?!(host|var|sommar|vinter|ar|dag|morgon|helgen|det|detta)\b)\w+|"
    # "Primärvård inom vårdval Region Jönköpings län": the service named first
    rf"\w+ inom {SYSTEM}|"
    rf"\benligt (lov|lagen om valfrihet\w*)\b|{SYSTEM} enligt lag\b|"
    r"\b(mojlighet|mojligt|ratt) (\w+ ){0,6}?att (sjalv |sjalva )?valja (utforare|vem|"
    r"foretag\w*|om|mellan)\b"
)
#: A topic said not to exist: "Det finns ingen valfrihet i hemtjänsten".
_NONE_OF = re.compile(
    rf"\b(finns|har|erbjuds|erbjuder)( \w+){{0,2}} (ingen|inte nagon|inte) {SYSTEM}"
)
#: A system named by its service right after it: "Vårdval primärvård", "Vårdval Rehab".
_NAMED_SYSTEM = re.compile(rf"{SYSTEM} ((\w+ ){{0,3}}\w+)")
#: A topic line about starting or ending ("Införandet av LOV i hemtjänsten", "förutsättningar
#: för att införa LOV i hemtjänsten") or a request ("Begäran om återremiss ...") is not a
#: system in use.
_NOT_A_TOPIC = re.compile(
    r"\b(inforande\w*|infora|avveckl\w*|avskaff\w*|begaran|aterremiss|tidigare|fanns|fram till)\b|"
    # "Inför LOV i äldreomsorgen!", "Nej till LOV", "Stoppa LOV", "Därför behövs LOV": calls
    # and stances, not a system in use
    # ("Inget fritt vårdval i Norrland": none there)
    r"^(infor|nej till|ja till|stoppa|avskaffa|slopa|varfor|inget|ingen)\b|\bbehovs\b|"
    # "Beslut om vårdval": a decision the text tells of, not a system in use
    r"^beslut\w* om\b|"
    # "Taggar: LOV, hemtjänst": the page's labels
    r"^(taggar|etiketter|kategorier|kategori|amnen|amnesord|nyckelord)\b|"
    # "Prop. 2014/15:15 Upphävandet av kravet på vårdvalssystem": a government paper's title
    r"^(prop|proposition|sou|ds|dir|bet) \d{4}\b|"
    # "Kommunen har valt LOU i stället för LOV för matdistributionen": no system there
    r"\b(i stallet|istallet) for (att \w+ )?(lov|lagen om valfrihet\w*|valfrihetssystem\w*|"
    r"kundval\w*|vardval\w*)\b|"
    # "Tidningen skriver i veckans nummer om kundval inom hemtjänsten": what a text is about
    r"\b(skriver|skrev|handlar|berattar|rapporterar)( \w+){0,4} om\b"
)
# A sentence ends before a capital, or before a numbered section ("... LoV. 1.2 Hemtjänst").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"“–-]|\d+(?:\.\d+)+ [A-ZÅÄÖ])")
#: A sentence that introduces what follows: "... inom följande områden:", "utförare av:".
_INTRODUCES_LIST = re.compile(r"(:\s*$)|\bf[oö]ljande\b", re.IGNORECASE)
#: A bare "vårdval" (which the taxonomy reads as primary care).
_VARDVAL = re.compile(r"\bvardval\w*")
#: "Fritt val av hjälpmedel", "det Fritt val-system som tillämpats för hörapparater": a
#: grant to buy aids where one likes, not a valfrihetssystem of providers.
_AIDS_CHOICE = re.compile(r"\bfritt val( \w+){0,6} (hjalpmedel\w*|horapparat\w*)\b")
_SYSTEM = re.compile(SYSTEM)
#: The patient's free choice of care under patientlagen ("Valfrihet – fritt vårdsökande och
#: väntetider"): on a page that names no choice system, a right of patients, not a vårdval.
_FREE_CARE_SEEKING = re.compile(r"\b(fritt vardsokande|fria vardsokandet|patientlagen)\b")
_NAMED_SYSTEMS = re.compile(
    r"\b(vardval\w*|halsoval\w*|valfrihetssystem\w*|kundval\w*|lov|lagen om valfrihet\w*)\b"
)
#: A title quoted or in brackets, even when a sentence break cut it: "(»Uppföljning av vårdval
#: i primärvården«.".
_QUOTED_TITLE = re.compile(r"»[^«»]*(«|$)|«[^«»]*(»|$)|“[^”]*(”|$)|\([^()]*(\)|$)")
#: Where a decision's next "att"-clause begins: "... ska läggas ner och att ...".
_NEXT_ATT_CLAUSE = re.compile(r" (?:och|samt) att | men ")
#: A sentence that draws the consequence of the one before it.
_THEREFORE = re.compile(r"(darfor|sa) (ska|skall|bor|maste|kommer)\b")
#: A new system as an item of a decision: "Ett utökat vårdvalssystem inom ...".
_NEW_SYSTEM = re.compile(
    r"(ett|en) (nytt|ny|utokat|utokad|nya) (\w+ )?(vardvalssystem|valfrihetssystem|vardval|kundval|"
    r"halsoval)\w*\b"
)
#: Vårdval in the plural: every vårdval the region runs, not primary care alone.
_SEVERAL_VARDVAL = re.compile(
    r"\b(vardvalen|vardvalsmodeller\w*|vardvalssystemen|"
    # "Sedan årsskiftet har ytterligare tre vårdval införts"
    r"(tva|tre|fyra|fem|sex|sju|atta|nio|tio|\d+|flera) (nya |olika )?vardval)\b"
)
#: An introduction told in the present or the future: "Vårdval Halland införs till
#: årsskiftet", "Nu inför staden valfrihet", "LOV ska införas i hemtjänsten".
_INTRODUCED_NOW = re.compile(
    # ("Mora kommun kommer att införa ett valfrihetssystem": decided, not yet in use)
    r"\b(infors|(ska|skall|kommer att) (inforas|infora|borja galla|starta)|nu infor|infor nu|"
    # "Till hösten inför kommunen LOV": the verb before its subject, of a start ahead
    r"infor (kommunen|regionen|staden|landstinget|vi)|"
    # "Hälsovalet som startar 1 maj", "som börjar gälla i Skåne 1 maj": a day without a year
    rf"(startar|borjar galla)( \w+){{0,2}} (den )?\d{{1,2}} ({'|'.join(MONTHS)})(?! \d))\b"
)
#: A choice in use before a start the page announces: "Sedan tidigare kan du välja ...".
_ALREADY = re.compile(r"\b(sedan tidigare|redan nu|redan idag|redan i dag|sedan \d{4})\b")
#: A sentence opening with the system in the definite form refers back to the one the
#: paragraph before named: "... valfrihet ska gälla inom hemtjänst. ¶ Valfriheten startar ...".
_REFERS_BACK = re.compile(
    r"^(valfriheten|kundvalet|vardvalet|halsovalet|valfrihetssystemet|lov systemet)\b"
)


#: A page titled as a proposal: "Förslag om ökad valmöjlighet inom hemtjänsten".
_PROPOSAL_TITLE = re.compile(r"(forslag|forslaget) (om|till|att|pa)\b")
#: A proposal sent on to the council, in the claim's paragraph: "Regionstyrelsen överlämnar nu
#: återigen förslaget till regionfullmäktige".
_FORWARDED = re.compile(
    r"\b(overlamnar|overlamnade|skickar|skickade|lamnar|lamnade) (\w+ ){0,3}(forslaget|arendet) "
    r"(vidare )?till (\w*fullmaktige|kommunstyrelsen|regionstyrelsen)\b"
)


def _section_of(page: Page, index: int) -> str:
    """The folded text of the section block `index` is in: from the heading before it to the
    next one."""
    start = index
    while start > 0 and page.blocks[start].kind != HEADING:
        start -= 1
    end = index + 1
    while end < len(page.blocks) and page.blocks[end].kind != HEADING:
        end += 1
    return fold_words("\n".join(block.text for block in page.blocks[start:end]))


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (Swedish capitalisation)."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def claim_of(sentence: str, names: frozenset[str] = frozenset()) -> Claim | None:
    """The claim of one sentence, including the weak "valfrihet inom hemtjänsten" and
    "Vårdval primärvård" readings of a topic line."""
    folded = fold_words(sentence)
    if (claim := read_claim(sentence, folded, names)) is not None:
        return claim
    if (
        # a question asks, and a slogan ("Valfrihet i hemtjänsten!") calls for what it names
        sentence.rstrip().endswith(("?", "!"))
        or _NOT_A_TOPIC.search(folded)
        or modality_of(folded, len(folded)) is not Modality.DECIDED
    ):
        return None
    if _SYSTEM.search(folded) and not _SYSTEM.search(fold_words(_QUOTED_TITLE.sub(" ", sentence))):
        return None  # a report's title ("(»Uppföljning av vårdval i primärvården«") is no topic
    named = any(categories_in(m.group(1)) for m in _NAMED_SYSTEM.finditer(folded))
    if named or (WEAK_ACTIVE.search(folded) and categories_in(sentence)):
        subject = subject_of(sentence, folded, 0, names)
        kind = StatementKind.NOT_INTRODUCE if _NONE_OF.search(folded) else StatementKind.ACTIVE
        return Claim(kind, subject, Modality.DECIDED, WEAK, 0)
    return None


def _claim_categories(
    page: Page, index: int, parts: list[str], position: int, claim: Claim
) -> tuple[tuple[str, ...], str]:
    """(categories, where they were read) of the claim in sentence `position` of block
    `index`: its clause's, else the sentence's, the list it introduces, the paragraph's, the
    previous paragraph's (a definite "Valfrihetssystemet"), else the page's headings, title and
    address."""
    folded = fold_words(parts[position])
    if _SEVERAL_VARDVAL.search(folded) and not categories_in(_VARDVAL.sub(" ", folded)):
        return (), "sentence"  # "Regionens vårdvalsmodeller": every vårdval, no one service
    if own := _clause_categories(folded, claim.verb_at):
        return own, "sentence"
    found = _categories_near(page, index, parts, position, folded)
    if found is None:
        return context_categories(page.blocks, index, page.title, page.url)
    if found[0] == ("primarvard",) and not categories_in(_VARDVAL.sub(" ", folded)):
        # A bare "vårdvalet" is the vårdval the paragraph is about ("Tillgången till
        # samtalsbehandling inom öppenvårdspsykiatri behöver öka. Därför planerar regionen
        # att införa ett vårdval på området") or the page ("Vårdval i ögonsjukvården
        # införs"), primary care only when nothing says another.
        last = position == len(parts) - 1
        if last and _INTRODUCES_LIST.search(parts[position].strip()):
            # "har vårdval införts inom följande vårdområden:" and the list of them
            if listed := following_categories(page.blocks, index):
                return listed, "list"
        earlier = earlier_categories(parts[:position])
        if earlier and "primarvard" not in earlier:
            return earlier, "paragraph"
        about, where = context_categories(page.blocks, index, page.title, page.url)
        if about and "primarvard" not in about:
            return about, where
    return found


def _clause_categories(folded: str, verb_at: int) -> tuple[str, ...]:
    """The categories of the "att"-clause the claim's verb stands in, when a decision has
    several ("att vårdval fotsjukvård ska läggas ner och att fotsjukvården ska ingå i
    husläkarverksamhetens uppdrag" ends fotsjukvård only), or of its side of a "men"
    ("Valfrihetssystemet för trygghetslarm avslutas, men hemtjänsten fortsätter med LOV")."""
    starts = [0, *(m.start() for m in _NEXT_ATT_CLAUSE.finditer(folded))]
    if len(starts) == 1:
        return ()
    start = max(at for at in starts if at <= verb_at)
    end = min((at for at in starts if at > verb_at), default=len(folded))
    clause = folded[start:end]
    found = sentence_categories(clause)
    if found == ("primarvard",) and not categories_in(_VARDVAL.sub(" ", clause)):
        return ()  # a bare "vårdvalet": the sentence or the page says which (see below)
    return found


def _categories_near(
    page: Page, index: int, parts: list[str], position: int, folded: str
) -> tuple[tuple[str, ...], str] | None:
    """Categories read in the sentence itself or next to it, or None."""
    sentence = parts[position]
    if categories := sentence_categories(sentence):
        return categories, "sentence"
    if position == len(parts) - 1 and _INTRODUCES_LIST.search(sentence.strip()):
        if categories := following_categories(page.blocks, index):
            return categories, "list"
    if categories := earlier_categories(parts[:position]):
        return categories, "paragraph"
    if position == 0 and _REFERS_BACK.match(folded):
        if categories := _previous_paragraph_categories(page, index):
            return categories, "paragraph"
    if position + 1 < len(parts) and _REFERS_BACK.match(fold_words(parts[position + 1])):
        # "Till hösten inför kommunen LOV. Valfrihetssystemet innebär att medborgare får välja
        # ... inom hemtjänst och ledsagning": the next sentence says what the system covers.
        if categories := sentence_categories(parts[position + 1]):
            return categories, "paragraph"
    return None


def classify(sentence: str) -> StatementKind | None:
    """The kind of one sentence's claim, or None when it says nothing about LOV status."""
    claim = claim_of(sentence)
    return claim.kind if claim else None


def claims_in(page: Page) -> list[Statement]:
    """Every LOV claim on a page (any subject and modality), one per (kind, categories,
    subject, modality): the first with a date of its own, else with the page's date.

    Sentences count only on pages that speak of LOV; a sentence that names no LOV term itself
    borrows the page's (a news item says "valfrihet" in its heading, the date further down).
    An "att"-item takes the modality of its lead-in ("yrkar vi på:"); on a motion or an
    interpellation, introductions and endings are demands, and on an opinion piece, plans
    unless a decision is reported.
    """
    alone = _run_by_itself(page)
    whole = fold_words(page.title + "\n" + page.text)
    if not LOV_TERMS.search(whole) or (
        _FREE_CARE_SEEKING.search(whole) and not _NAMED_SYSTEMS.search(whole)
    ):
        return alone  # no LOV, or only the patient's free choice of care
    found: dict[tuple[Any, ...], tuple[int, Statement]] = {}
    dated = page_date(page)
    today = dated.value if dated else None
    names = own_names(page.url, page.title, page.text)
    petition = is_petition(page)
    pending = awaits_final_decision(page)
    opinion = is_opinion(page)
    proposal_page = bool(_PROPOSAL_TITLE.match(fold_words(page.title)))
    aids_choice = bool(_AIDS_CHOICE.search(fold_words(page.title + "\n" + page.text)))
    lead_in: Modality | None = None
    upcoming: set[str] = set()
    announced: set[str] = set()
    decided_list = False
    heading_quotes: set[str] = set()
    for index, block in enumerate(page.blocks):
        if block.kind != ITEM and not ATT_ITEM.match(fold_words(block.text)):
            lead_in = lead_in_modality(block)  # (the items of one list share their lead-in)
        if block.kind != ITEM:
            decided_list = lead_in is Modality.DECIDED
        if block.kind not in (HEADING, PARA, ITEM) or block.linked:
            continue
        parts = sentences(block.text)
        introduced_before: set[str] = set()  # told in this paragraph as introduced in a year
        for position, sentence in enumerate(parts):
            if len(sentence) > 600:
                continue  # a run-on block (a flattened table or menu), not a sentence
            claim = claim_of(sentence, names)
            if (
                (claim is None or claim.kind is StatementKind.ACTIVE)
                and decided_list
                and _NEW_SYSTEM.match(fold_words(sentence))
            ):
                # "Regionfullmäktige har beslutat följande:" and the item "Ett utökat
                # vårdvalssystem inom specialiserad öppenvård": a system decided
                claim = claim_of(f"Beslut att införa {sentence}", names)
            if claim is None:
                continue
            folded = fold_words(sentence)
            if aids_choice and {m.group(0) for m in _SYSTEM.finditer(folded)} == {"fritt val"}:
                continue  # the page's "Fritt val" is a choice of hearing aids, not LOV
            if (
                claim.kind is StatementKind.ACTIVE
                and not LOV_TERMS.search(folded)
                and not re.search(r"\bvalja\b", folded)
            ):
                continue
            modality = claim.modality
            if lead_in is not None and ATT_ITEM.match(folded) and modality is Modality.DECIDED:
                modality = lead_in
            if (
                modality is Modality.DECIDED
                and position > 0
                and _THEREFORE.match(folded)
                and (wish := modality_cue(fold_words(parts[position - 1]))) is not None
                and wish is not Modality.DECIDED
            ):
                # "Alliansen vill se en mer sammanhållen vård. Därför ska ett nytt vårdval
                # införas.": the consequence of a wish is wished too
                modality = wish
            if petition and claim.kind in EVENT_KINDS and modality is Modality.DECIDED:
                modality = Modality.DEMANDED
            if (
                pending
                and claim.kind in EVENT_KINDS
                and modality is Modality.DECIDED
                and BOARD_DECIDES.search(folded)
                and not COUNCIL.search(folded)
            ):
                # "Socialnämnden har beslutat att LOV ska avvecklas" on a page that says the
                # matter goes on to kommunstyrelsen: a step towards the decision
                modality = Modality.PROPOSED
            if (
                claim.kind in EVENT_KINDS
                and modality is Modality.DECIDED
                and not DECISION_CUE.search(folded)
                and (proposal_page or _FORWARDED.search(_section_of(page, index)))
            ):
                # "Förslag om ökad valmöjlighet inom hemtjänsten" over its news, "Vårdval ska
                # införas ... Regionstyrelsen överlämnar förslaget till regionfullmäktige"
                modality = Modality.PROPOSED
            if (
                opinion
                and claim.kind in EVENT_KINDS
                and modality is Modality.DECIDED
                and not DECISION_CUE.search(folded)
            ):
                # "kommer vi inrätta ett nytt valfrihetssystem" in a letter: a promise
                modality = Modality.PLANNED
            claim = replace(claim, modality=modality)
            categories, source = _claim_categories(page, index, parts, position, claim)
            chosen = pick_date(claim, folded, find_dates(folded, today))
            rank = 2 if chosen else 0
            kinds = [claim.kind]
            if (
                claim.kind is StatementKind.INTRODUCE
                and claim.subject is Subject.OWN
                and claim.modality is Modality.DECIDED
                and chosen is None
                and set(categories or ("*",)) <= introduced_before
            ):
                # "LOV infördes för särskilda boenden 2014. Alla partier utom V röstade för
                # att införa LOV": the vote behind that introduction, retold.
                kinds = [StatementKind.ACTIVE]
            if claim.introduced_earlier and _A_YEAR.search(folded):
                introduced_before.update(categories or ("*",))
            # The page's date, unless it was read off this very sentence (a short first line).
            own_today = today if dated and not (dated.start >= 0 and dated.text in folded) else None
            if claim.subject is Subject.OWN and announces_start(claim, folded, chosen, own_today):
                # "Från och med den 1 september kan du välja": a start; "har i år infört":
                # in use, and news of its start.
                kinds = [StatementKind.ACTIVE] if claim.introduced_earlier else []
                kinds.append(StatementKind.INTRODUCE)
                announced.add(sentence)
                if not claim.introduced_earlier:
                    upcoming.update(categories or ("*",))
            if (
                chosen is None
                and claim.kind is not StatementKind.ACTIVE
                and claim.modality is Modality.DECIDED
                and claim.subject is Subject.OWN
                and dated is not None
            ):
                chosen, rank = dated, 1
            if (
                kinds == [StatementKind.INTRODUCE]
                and claim.subject is Subject.OWN
                and claim.modality is Modality.DECIDED
                and (
                    (today and chosen and chosen.value > today)
                    or (_INTRODUCED_NOW.search(folded) and not (today and chosen))
                )
            ):
                # "med start 1 november", "Vårdval Halland införs till årsskiftet": not in use
                # yet.
                upcoming.update(categories or ("*",))
            for kind in kinds:
                statement = Statement(
                    kind,
                    categories,
                    chosen.value if chosen else None,
                    chosen.text if chosen else None,
                    sentence,
                    claim.subject,
                    claim.modality,
                    claim.confidence,
                    source,
                )
                # One statement per kind, categories, subject and modality on a page (a news
                # item repeats "det nya avtalet" in every paragraph).
                key = (kind, categories, claim.subject, claim.modality)
                previous = found.get(key)
                # A dated statement beats an undated one; at equal rank the first wins, but a
                # full sentence beats a topic line (which `_without_topics` may drop) and a
                # heading ("Tillämpning av valfrihet avskaffades" over the news of it).
                if (
                    previous is None
                    or previous[0] < rank
                    or previous[0] == rank
                    and (
                        previous[1].confidence <= WEAK < statement.confidence
                        or previous[1].quote in heading_quotes
                        and block.kind != HEADING
                    )
                ):
                    found[key] = (rank, statement)
                if block.kind == HEADING:
                    heading_quotes.add(sentence)
    statements = [statement for _rank, statement in found.values()]
    if upcoming:
        # A start still ahead: the choice the page describes is not in use yet, nor what it
        # takes in beside ("kan välja samma utförare för ledsagning och avlösning").
        # One already in use stays: "Sedan tidigare kan du välja husläkarmottagning".
        statements = [
            s
            for s in statements
            if not (
                s.kind is StatementKind.ACTIVE
                and s.subject is Subject.OWN
                and (not s.categories or set(s.categories) & upcoming)
                and not _ALREADY.search(fold_words(s.quote))
            )
        ]
    statements = _as_standing_rules(statements, announced, dated is not None)
    statements = _one_service_page(statements)
    statements = headlines_as_sure_as_their_text(statements, page)
    statements = agenda_items_as_proposed(statements, page)
    statements += _motions_rejected(statements, page)
    in_use = {
        code
        for s in statements
        if s.subject is Subject.OWN
        and s.kind in (StatementKind.ACTIVE, StatementKind.INTRODUCE)
        and s.modality is Modality.DECIDED
        for code in s.categories or ("*",)
    }
    # A system the page says is in use or coming outweighs a line that the authority runs
    # the service itself (but a party's wish for one does not: "Idag finns inga andra
    # alternativ än den kommunala hemtjänsten, tycker X som vill att fritt val ska råda").
    # A claim already read from the same sentence's wording says it once.
    said = {(s.kind, s.categories) for s in statements if s.subject is Subject.OWN}
    alone = [
        s
        for s in alone
        if not set(s.categories or ("*",)) & in_use
        and "*" not in in_use
        and (s.kind, s.categories) not in said
    ]
    return (
        implied_in_use(
            about_others(
                under_the_national_right(without_topics(without_umbrellas(statements))),
                page,
                names,
            )
        )
        + alone
        + _table_statements(page)
    )


#: Categories that only frame a service: a bare "Vårdval" (primary care by default) and
#: specialised care.
_FRAMING = frozenset({"primarvard", "specialiserad_oppenvard"})
#: Words that name primary care itself, not only a "vårdval" (primary care by default).
_PRIMARY_CARE = re.compile(r"\b(vardcentral|halsocentral|primarvard|huslakar|familjelakar)\w*")


def _bare_choice(statement: Statement) -> bool:
    """Whether a claim's sentence names only a bare "vårdval" or "hälsoval", which is primary
    care by default ("Slopat vårdval drabbar de svagaste")."""
    return (
        statement.category_source == "sentence"
        and statement.categories == ("primarvard",)
        and not _PRIMARY_CARE.search(fold_words(statement.quote))
    )


def _one_service_page(statements: list[Statement]) -> list[Statement]:
    """On a page whose own claims name one service in their sentences (gynekologi), a claim
    that takes only a framing category from a heading, the title or the address ("Vårdval",
    a sub-heading "Uroterapeutisk utredning"), or from a bare "vårdval" in its own sentence,
    is about that service too."""
    named = {
        code
        for s in statements
        if s.subject is Subject.OWN and s.category_source == "sentence" and not _bare_choice(s)
        for code in s.categories
    }
    if len(named) != 1 or named <= _FRAMING:
        return statements
    return [
        replace(s, categories=tuple(named))
        if (
            s.category_source in ("heading", "title", "address", "page")
            and s.categories
            and set(s.categories) <= _FRAMING
        )
        or _bare_choice(s)
        else s
        for s in statements
    ]


#: A verdict on a motion or proposal in a sentence of its own: "Kommunfullmäktige avslår
#: motionen", "Medborgarförslaget avslogs" (not a move to reject it: "yrkar avslag på ...",
#: "Nämndens förslag är att fullmäktige avslår motionen").
_REJECTS_MOTION = re.compile(
    r"\b(avslar|avslog|avslas|avslogs|avslagen|avslaget|avslagits) (\w+ )?(motionen|"
    r"medborgarforslaget|forslaget)\b|"
    r"\b(motionen|medborgarforslaget)( \w+){0,4} (avslas|avslogs|avslagen|avslaget|avslagits)\b"
)
_MOVES = re.compile(
    r"\b(yrka\w*|foresla\w*|foreslog|forslag (ar|var|till beslut)|anser|ansag|hemstall\w*)\b"
)
#: A protocol's item: "§ 12 Motion om ...".
_PROTOCOL_ITEM = re.compile(r"^§\s*\d+")


def _motions_rejected(statements: list[Statement], page: Page) -> list[Statement]:
    """What a motion's rejection decides, told apart from the motion: in a protocol item (or
    a page) that tells of a motion to introduce LOV and then that "Kommunfullmäktige avslår
    motionen", a decision not to introduce it; of one to end LOV, a decision to keep it. Never
    an event."""
    sections: list[list[str]] = [[]]
    for block in page.blocks:
        if _PROTOCOL_ITEM.match(block.text.strip()) and sections[-1]:
            sections.append([])
        sections[-1].append(block.text)
    decided: dict[tuple[StatementKind, tuple[str, ...]], Statement] = {}
    for section in sections:
        verdict = next(
            (
                sentence
                for text in section
                for sentence in sentences(text)
                if _REJECTS_MOTION.search(folded := fold_words(sentence))
                and not _MOVES.search(folded)
            ),
            None,
        )
        if verdict is None:
            continue
        for moved in statements:
            if (
                moved.subject is Subject.OWN
                and moved.modality in (Modality.DEMANDED, Modality.PROPOSED)
                and moved.kind in (StatementKind.INTRODUCE, StatementKind.END)
                and any(moved.quote in text for text in section)
            ):
                kind = (
                    StatementKind.NOT_INTRODUCE
                    if moved.kind is StatementKind.INTRODUCE
                    else StatementKind.ACTIVE
                )
                decided.setdefault(
                    (kind, moved.categories),
                    Statement(
                        kind,
                        moved.categories,
                        None,
                        None,
                        verdict,
                        Subject.OWN,
                        Modality.DECIDED,
                        0.6,
                        moved.category_source,
                    ),
                )
    return list(decided.values())


#: A decision told in the perfect, as a state: "har Kommunfullmäktige tagit beslut om att
#: införa", "har beslutat att införa".
_HAS_DECIDED = re.compile(
    r"\bhar (\w+ ){0,3}(tagit|fattat) (ett )?beslut\w*( \w+)? om|\bhar beslutat\b"
)
_A_YEAR = re.compile(r"\b(19|20)\d\d\b")
#: A choice told as the decision's consequence ("kan därmed välja"), not as a standing state.
_CONSEQUENCE = re.compile(r"\b(darmed|darigenom|i och med (detta|beslutet))\b")
#: Any time a sentence names: a year, a month, or "nu", "i dag", "i går", "i höstas".
_WHEN = re.compile(
    rf"\b((19|20)\d\d|{'|'.join(MONTHS)}|nu|idag|i dag|igar|i gar|i (host|var|sommar|vinter)\w*)\b"
)


def _as_standing_rules(
    statements: list[Statement], announced: set[str], dated: bool
) -> list[Statement]:
    """`statements` less an undated decision to introduce told as a state, on an undated
    page that also tells of the same choice in use: "I Arvika kommun har Kommunfullmäktige
    tagit beslut om att införa ett valfrihetssystem" on the page that says how to choose is
    the decision behind the system in use, not news of a new one. A news item carries a date;
    a start the page announces ("Från och med den 1 september kan du välja") stays, and
    neither a topic line ("Valfrihet inom hemtjänsten") nor the decision's consequence ("kan
    därmed välja") tells of a choice in use."""
    if dated:
        return statements
    in_use = [
        set(s.categories)
        for s in statements
        if s.kind is StatementKind.ACTIVE
        and s.is_decision
        and s.categories
        and s.confidence > WEAK
        and not _CONSEQUENCE.search(fold_words(s.quote))
    ]
    return [
        s
        for s in statements
        if not (
            s.kind is StatementKind.INTRODUCE
            and s.is_decision
            and s.categories
            and s.quote not in announced
            and _HAS_DECIDED.search(folded := fold_words(s.quote))
            and not _WHEN.search(folded)
            and any(set(s.categories) <= categories for categories in in_use)
        )
    ]


#: The authority is the only provider of a service, so there is no choice system in it: "I
#: Bergsjö kommun bedrivs all hemtjänstverksamhet av kommunen", "finns det en utförare av
#: hemtjänst, vilket är kommunens egna", "Kommunen är ensam utförare av hemtjänst".
_RUN = r"(bedrivs|utfors|drivs|skots|ges)"
_BY_ITSELF = (
    r"(av kommunen|av kommunens egen \w+|i kommunal regi|i kommunens (egen )?regi|i egen regi)\b"
)
_RUN_BY_ITSELF = re.compile(
    # ("All hemtjänst i Kumla utförs av kommunen")
    rf"\ball (var |kommunens )?\w+( (i|inom) \w+)? {_RUN} (idag |i dag |helt )?{_BY_ITSELF}|"
    rf"\b{_RUN} (idag |i dag )?all (\w+ ){{1,2}}{_BY_ITSELF}|"
    r"\bfinns (det )?(en|endast en|bara en|en enda) utforare (av|inom|i) (\w+ ){1,3}"
    r"(vilket|som) ar kommunen\w*|"
    r"\bkommunen ar (den )?(enda|ensam) utforare\w* (av|inom|i)\b|"
    # "Idag finns inga andra alternativ än den kommunala hemtjänsten"
    r"\bfinns (det )?(inga|inte nagra) andra alternativ an (den )?(kommunala|kommunens)\b"
)

#: Words every `_RUN_BY_ITSELF` wording has, in the page's own spelling: a cheap first test.
_ALONE_HINT = re.compile(
    r"av kommunen|regi\b|är kommunen|(ensam|enda) utförare|andra alternativ än", re.IGNORECASE
)


def _run_by_itself(page: Page) -> list[Statement]:
    """A decided not_introduce for each service the page says its own authority alone
    provides; such a page need not name LOV at all ("Val av utförare i hemtjänsten" over the
    sentence)."""
    if not _ALONE_HINT.search(page.text) or not _RUN_BY_ITSELF.search(fold_words(page.text)):
        return []  # the usual case, settled without folding the page or reading its names
    names = own_names(page.url, page.title, page.text)
    found: dict[tuple[str, ...], Statement] = {}
    for index, block in enumerate(page.blocks):
        if block.kind not in (PARA, ITEM) or block.linked:
            continue
        for sentence in sentences(block.text):
            folded = fold_words(sentence)
            if not _RUN_BY_ITSELF.search(folded) or named_bodies(sentence, names)[1]:
                continue
            categories = (
                sentence_categories(sentence)
                or context_categories(page.blocks, index, page.title, page.url)[0]
            )
            found.setdefault(
                categories,
                Statement(
                    StatementKind.NOT_INTRODUCE, categories, None, None, sentence, confidence=0.6
                ),
            )
    return list(found.values())


def _previous_paragraph_categories(page: Page, index: int) -> tuple[str, ...]:
    """The categories the paragraph right before block `index` names, if it is one."""
    if index == 0 or page.blocks[index - 1].kind != PARA:
        return ()
    return earlier_categories(sentences(page.blocks[index - 1].text))


def statements_in(page: Page) -> list[Statement]:
    """The page's statements of the municipality's own LOV status: its own system, decided or
    planned. Proposals, demands, rejected proposals, other municipalities, the law and general
    explanations stay in `claims_in` only."""
    return [s for s in claims_in(page) if s.subject is Subject.OWN and s.is_status]


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
