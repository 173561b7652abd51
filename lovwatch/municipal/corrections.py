"""Page-level corrections of a page's LOV statements, once every sentence has been read.

- a topic line read as "active" ("Valfrihet i hemtjänsten") goes when the page's own claims
  of another kind are about the same services (the page is about a start or an ending);
- a statement about an umbrella area only ("äldreomsorgen") goes when others of the same
  kind name the specific services;
- on a page about other authorities (an overview), claims without a subject of their own are
  about those authorities too;
- a heading's introduction or end is no surer than the page's own text about it;
- a call to end the authority's own system (demanded, proposed, planned or voted down), or
  its renewal, says that the system is in use.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lovwatch.municipal.blocks import HEADING, Page
from lovwatch.municipal.categorising import SPECIALTIES
from lovwatch.municipal.claims import Modality, StatementKind, Subject
from lovwatch.municipal.subjects import NATIONAL_RIGHT, OWN_SUBJECT, SYSTEM, named_bodies
from lovwatch.municipal.vocabulary import UMBRELLA_CATEGORIES, fold_words
from lovwatch.normalize.categories import category_by_code

if TYPE_CHECKING:
    from lovwatch.municipal.statements import Statement

#: The confidence of a topic line read as "active" (it names LOV and a category, no verb).
WEAK = 0.4
#: The confidence of a system in use read from a call to end it or from its renewal.
INFERRED = 0.5
#: A call to end a system rather than its end.
_NOT_YET_ENDED = (Modality.DEMANDED, Modality.PROPOSED, Modality.PLANNED, Modality.REJECTED)


def about_others(statements: list[Statement], page: Page, names: frozenset[str]) -> list[Statement]:
    """On a page about other authorities (claims about others and general ones, none that
    points at the page's own authority), a claim without a subject of its own is about them
    too: an overview of regions says "I Västmanland har beslut tagits om införande av vårdval"."""
    others = sum(s.subject is Subject.OTHER for s in statements)
    general = sum(s.subject is Subject.GENERAL for s in statements)
    host = _host_names(page.url)
    if (
        not others
        or others + general < 2
        # Only an own claim can point at this authority: "i kommunen" in a claim about others,
        # or in a general one about "kommuner", means their municipality, not this one.
        or any(_names_own(s.quote, names, host) for s in statements if s.subject is Subject.OWN)
    ):
        return statements
    return [
        replace(s, subject=Subject.OTHER) if s.subject is Subject.OWN else s for s in statements
    ]


def under_the_national_right(statements: list[Statement]) -> list[Statement]:
    """On a page that states the patient's right to choose care in the whole country ("lista
    dig på en vårdcentral var som helst i Sverige"), a choice of health care it states without
    naming a choice system or the authority ("Du kan välja att tillhöra en vårdcentral") is that
    right too, no region's vårdval (a choice of hemtjänst on the same page stays the
    municipality's)."""
    if not any(
        s.subject is Subject.GENERAL and re.search(NATIONAL_RIGHT, fold_words(s.quote))
        for s in statements
    ):
        return statements
    return [
        replace(s, subject=Subject.GENERAL)
        if s.subject is Subject.OWN
        and s.kind is StatementKind.ACTIVE
        and all(_is_health_care(code) for code in s.categories)
        and not re.search(SYSTEM, folded := fold_words(s.quote))
        and not OWN_SUBJECT.search(folded)
        else s
        for s in statements
    ]


def _is_health_care(code: str) -> bool:
    category = category_by_code(code)
    return category is not None and category.group == "halso_och_sjukvard"


def _names_own(sentence: str, names: frozenset[str], host: frozenset[str]) -> bool:
    """Whether a sentence points at the page's own authority: "vi", "kommunen", its name
    ("Bergsjö kommun", or "Bergsjö" alone on bergsjo.se)."""
    folded = fold_words(sentence)
    return (
        bool(OWN_SUBJECT.search(folded))
        or named_bodies(sentence, names)[0]
        or any(word.startswith(name) for word in folded.split() for name in host)
    )


def _host_names(url: str) -> frozenset[str]:
    """The words of a page's host name that can name its authority ("bergsjo" in
    www.bergsjo.se), not the generic ones."""
    host = urlsplit(url).hostname or ""
    return frozenset(
        word
        for word in re.findall(r"[a-z]+", host.lower())
        if len(word) >= 4 and word not in ("www", "kommun", "region", "stad")
    )


def headlines_as_sure_as_their_text(statements: list[Statement], page: Page) -> list[Statement]:
    """A heading that announces an introduction or an end ("Vårdval införs inom ortopedi och
    hudsjukvård") is no surer than the text under it: when the page's own claims of that kind
    and service are all planned or proposed ("ska förbereda för att eventuellt införa"), the
    heading's decision takes their modality."""
    headings = {block.text.strip() for block in page.blocks if block.kind == HEADING}
    headings.add(page.title.strip())

    def in_heading(quote: str) -> bool:
        # a sentence of a heading ("Äntligen! Vårdval BUP blir verklighet i Kronoberg")
        return any(quote.strip() in heading for heading in headings)

    result = []
    for statement in statements:
        body = [
            other.modality
            for other in statements
            if other is not statement
            and other.kind is statement.kind
            and other.subject is Subject.OWN
            and not in_heading(other.quote)
            and set(other.categories) & set(statement.categories)
        ]
        if (
            statement.kind in (StatementKind.INTRODUCE, StatementKind.END)
            and statement.subject is Subject.OWN
            and statement.modality is Modality.DECIDED
            and in_heading(statement.quote)
            and body
            and Modality.DECIDED not in body
        ):
            statement = replace(statement, modality=body[0])
        result.append(statement)
    return result


#: A meeting's agenda: "Sammanträde 2009-06-11", "Dagordning", "Föredragningslista".
_AGENDA = re.compile(r"^(sammantrade|dagordning|foredragningslista|kallelse)\b")
#: An item of an agenda: "16 Anvisningar för upphandlingar enligt LOV av ..." (a title, no
#: full stop).
_AGENDA_ITEM = re.compile(r"^\d{1,3} [A-ZÅÄÖ][^.!?]*$")


def agenda_items_as_proposed(statements: list[Statement], page: Page) -> list[Statement]:
    """An item on a meeting's agenda is up for decision, not decided: on a page that is an
    agenda, a claim read from an item's title is proposed (what the meeting decided is told
    in sentences, in its protocol)."""
    if not any(_AGENDA.match(fold_words(block.text)) for block in page.blocks):
        return statements
    return [
        replace(s, modality=Modality.PROPOSED)
        if s.modality is Modality.DECIDED and _AGENDA_ITEM.match(s.quote.strip())
        else s
        for s in statements
    ]


def without_topics(statements: list[Statement]) -> list[Statement]:
    """Drop the weak "active" reading of a topic line ("Valfrihet i hemtjänsten") when the
    page's own claims of another kind are about the same categories: the page is about an
    introduction or an ending then, not about a system in use. Drop it too when every claim
    the page makes about those categories is the law's or general ("Vårdval i primärvården"
    over a bill that obliges all landsting to introduce it)."""
    others = {
        code
        for s in statements
        if s.subject is Subject.OWN and s.kind is not StatementKind.ACTIVE
        for code in s.categories
    }
    full = [s for s in statements if s.confidence > WEAK]

    def of_the_law(topic: Statement) -> bool:
        about = [s for s in full if set(s.categories) & set(topic.categories)]
        return bool(about) and all(s.subject in (Subject.LAW, Subject.GENERAL) for s in about)

    return [
        s
        for s in statements
        if not (
            s.kind is StatementKind.ACTIVE
            and s.confidence <= WEAK
            and (set(s.categories) & others or of_the_law(s))
        )
    ]


def without_umbrellas(statements: list[Statement]) -> list[Statement]:
    """Drop a statement about an umbrella area only ("Valfrihet inom äldreomsorgen"), or about
    no category at all ("Välj utförare"), when statements of the same kind name the specific
    categories (hemtjänst, särskilt boende); and one about specialised care only ("välja
    specialistmottagning") when they name its specialties (ögonsjukvård)."""
    specific = {
        (s.kind, s.subject, s.modality)
        for s in statements
        if set(s.categories) - UMBRELLA_CATEGORIES
    }
    specialties = {
        (s.kind, s.subject, s.modality) for s in statements if set(s.categories) & SPECIALTIES
    }
    return [
        s
        for s in statements
        if not (
            set(s.categories) <= UMBRELLA_CATEGORIES and (s.kind, s.subject, s.modality) in specific
        )
        and not (
            s.categories == ("specialiserad_oppenvard",)
            and (s.kind, s.subject, s.modality) in specialties
        )
    ]


def implied_in_use(statements: list[Statement]) -> list[Statement]:
    """A motion to "avveckla LOV-systemet", a party that "vill skrota LOV inom hemtjänsten",
    a new förfrågningsunderlag: the authority's own system is in use in those services, unless
    the page says it has ended (a decided end) or already says it is in use. The system in use
    is stated as decided, with the call or the renewal as its quote."""
    ended = {
        code
        for s in statements
        if s.subject is Subject.OWN and s.kind is StatementKind.END and s.is_decision
        for code in s.categories or ("*",)
    }
    in_use = {
        code
        for s in statements
        if s.subject is Subject.OWN and s.kind is StatementKind.ACTIVE and s.is_decision
        for code in s.categories or ("*",)
    }
    inferred: list[Statement] = []
    for s in statements:
        codes = set(s.categories or ("*",))
        if (
            s.subject is Subject.OWN
            and (
                s.kind is StatementKind.END
                and s.modality in _NOT_YET_ENDED
                or s.kind is StatementKind.RENEWED
            )
            and not codes & (ended | in_use)
        ):
            inferred.append(
                replace(
                    s,
                    kind=StatementKind.ACTIVE,
                    modality=Modality.DECIDED,
                    date=None,
                    date_text=None,
                    confidence=INFERRED,
                )
            )
            in_use |= codes
    return statements + inferred
