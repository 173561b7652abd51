"""Dates of LOV statements: the page's own date, the date a claim is about, and whether a
start the page tells of is news (an introduction) or history (a system in use).

Used by `statements` when a sentence has been read as a claim.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from lovwatch.municipal.blocks import Page
from lovwatch.municipal.claims import Claim, Modality, StatementKind
from lovwatch.municipal.vocabulary import FoundDate, find_dates, fold_words
from lovwatch.normalize.dates import MONTHS

#: Words before a date that make it the date the statement is about.
_ANCHORS = re.compile(
    r"\b(fran och med|fran|med start|start|sedan|gall\w* fran|infors|"
    r"fr o m|den)\s*$"
)
#: Words before a date that make it a start: "från och med den 1 september", "från den 1 mars",
#: "Valfriheten startar den 1 mars".
_START = re.compile(
    r"\b(fran och med|fran|med start|fr o m|startar|borjar galla|trader i kraft)( den)? |"
    # "I januari 2021 får medborgarna möjlighet att välja": a month ahead, in the present
    rf"^i (?=({'|'.join(MONTHS)}) \d{{4}} (far|kan|blir)\b)"
)
#: Words before a date that make it the date a decision was taken, not when it takes effect.
_DECISION_DATE = re.compile(r"\b(beslut\w*|sammantrade\w*|motet)( \w+){0,2}\s*$")
_DATELINE = re.compile(
    r"\b(publicerad|publicerat|uppdaterad|uppdaterades|datum|sammantradesdatum|senast andrad)\b"
)
_PUBLISHED = re.compile(r"\b(publicerad|publicerat|publiceringsdatum|sammantradesdatum)\b")
#: A date a sentence speaks of, not the date of the page: "Vårdval Stockholm omfattar från och
#: med den 1 januari 2009:".
_SAID_OF = re.compile(
    r"\b(fran( och med)?|fr o m|sedan|med start|till|fore|efter|innan)( den)?\s*$"
)
#: A press release's dateline opening its first paragraph: "2015-12-10. Från och med ...".
_OPENING_DATE = re.compile(
    r"\s*(\d{4}-\d{2}-\d{2}|\d{1,2} [a-zåäö]+ \d{4})\s*[.:–-]\s", re.IGNORECASE
)
#: A magazine's issue line: "Nr 1, 2006, årgång 41" dates the page by its year.
_ISSUE = re.compile(r"\b(nr|nummer) \d{1,2} (\d{4})\b")
#: A choice that opens: "I Norrköping blir det möjligt att välja", "kommer du att kunna välja",
#: "sedan ska patienterna kunna välja vårdgivare".
_FUTURE_CHOICE = re.compile(
    r"\b(blir det mojligt|kommer (du|ni|man|brukare\w*|kunder\w*) att kunna valja|"
    r"(sedan|da) ska (du|ni|man|brukarna|patienterna|kunderna|invanarna) kunna valja)\b"
)
#: A start at a coming turn of the year or season: "får välja vilken vårdcentral ..., från och
#: med årsskiftet" (but "Från årsskiftet blev det möjligt", "har kunnat välja" tell of a past
#: start).
_COMING_START = re.compile(
    r"\b(fran och med|fr o m|fran) (arsskiftet|nasta ar|i host|i var|i sommar)\b"
)
_TOLD_AS_PAST = re.compile(r"\b(kunnat|fatt|haft|infort|inforts|blev|blivit|fick)\b")
#: New providers joining ("tre nya företag har godkänts och kan väljas från den 1 oktober").
_NEW_PROVIDERS = re.compile(
    r"\b((nya?|fler|ytterligare \w+) \w*(foretag|utforare|leverantor\w*|anordnare)|"
    r"godkants|kan valjas|"
    r"tillkommer|tillkommit)\b"
)
#: How long after a start a page still announces it rather than describes a system in use.
_NEWS_WINDOW = timedelta(days=366)


def page_date(page: Page) -> FoundDate | None:
    """The date a page carries: its metadata, else a dateline near its top (or a magazine's
    issue line, "Nr 1, 2006"), else a publication line anywhere ("Publicerad 12 mars 2024"); a
    long body sentence near the top ("LOV ... infördes 2009") dates the law, not the page."""
    if page.published is not None:
        return FoundDate(page.published, page.published.isoformat(), -1)
    for position, block in enumerate(page.blocks):
        folded = fold_words(block.text)
        if position >= 4:
            # Further down only a publication line counts: "Senast uppdaterad" at a page's
            # foot can be years after what the page announces.
            if len(block.text) > 120 or not _PUBLISHED.search(folded):
                continue
        elif (
            len(block.text) > 100
            and not _DATELINE.search(folded)
            and not _OPENING_DATE.match(block.text)
        ):
            continue
        found = [
            f
            for f in find_dates(folded)
            if _PUBLISHED.search(folded) or not _SAID_OF.search(folded[: f.start])
        ]
        if found:
            return found[0]
        following = page.blocks[position + 1].text if position + 1 < len(page.blocks) else ""
        if (
            _PUBLISHED.search(folded)
            and len(following) <= 40
            and (found := find_dates(fold_words(following)))
        ):
            return found[0]  # "Publicerad datum:" on one line, "2008-12-31" on the next
        if position < 4 and (issue := _ISSUE.search(folded)):
            return FoundDate(date(int(issue.group(2)), 1, 1), issue.group(0), -1)
    return None


def pick_date(claim: Claim, folded: str, found: list[FoundDate]) -> FoundDate | None:
    """The date a statement is about: the one after "från och med", "sedan", "med start" ...;
    else, for an introduction, the latest date (registration opens before the start); else the
    first. A plan or proposal keeps only a start date: the date it was decided to *prepare*
    something is not when it starts."""
    if claim.modality is not Modality.DECIDED:
        found = [f for f in found if not _DECISION_DATE.search(folded[: f.start])]
    if not found:
        return None
    anchored = [f for f in found if _ANCHORS.search(folded[: f.start])]
    if claim.modality is not Modality.DECIDED:
        return anchored[0] if anchored else (found[0] if len(found) == 1 else None)
    if claim.kind is StatementKind.INTRODUCE:
        return max(anchored or found, key=lambda f: f.value)
    return (anchored or found)[0]


def announces_start(
    claim: Claim, folded: str, chosen: FoundDate | None, today: date | None
) -> bool:
    """Whether a claim of a system in use announces its start: "Från och med den 1 september
    kan du välja utförare" (a start date after the page's own date, or a day and month
    without a year: said of the coming months), or "Sedan den 1 januari i år har kommunen
    infört kundval" (an introduction told within a year of the page's date)."""
    if claim.kind is not StatementKind.ACTIVE or claim.modality is not Modality.DECIDED:
        return False
    if claim.introduced_earlier:
        return (
            chosen is not None
            and today is not None
            and chosen.start >= 0
            and today - _NEWS_WINDOW <= chosen.value <= today + _NEWS_WINDOW
        )
    if _NEW_PROVIDERS.search(folded):
        return False  # new providers become selectable; the system itself is not starting
    if _FUTURE_CHOICE.search(folded):
        return True
    if _COMING_START.search(folded) and not _TOLD_AS_PAST.search(folded):
        return True
    for match in _START.finditer(folded):
        after = folded[match.end() :].strip()
        if re.match(r"(\d{1,2}|\w+) \w+ (\d{4})\b", after) and chosen is not None:
            return today is not None and chosen.value > today
        if re.match(r"\d{1,2} \w+\b", after) and not re.match(r"\d{1,2} \w+ \d{4}\b", after):
            month = after.split()[1]
            if find_dates(f"den 1 {month} 2000"):
                return True  # "från och med den 1 september": a start in the coming months
        if chosen is not None and chosen.start >= match.start() and today is not None:
            # "från och med den första maj i år", read against the page's date
            return chosen.value > today
        if match.group(0) == "i ":
            return True  # "I januari 2021 får ...": told in the present, so still ahead
    return False
