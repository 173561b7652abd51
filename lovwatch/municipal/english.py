"""Pages in English: the authorities' own pages for residents who read no Swedish.

The Swedish reader (`statements`) finds nothing on them, yet they tell of the same choice:
"You are free to choose your healthcare centre", "Once a decision has been made, you can
choose the provider you wish to use". Such pages inform residents of a choice in use; they
seldom record a decision. So only that is read here: the authority's own, decided `active`
statement (also from a named system told as introduced: "In 2007 Vårdval Halland was
introduced", or the law applied: "The municipality applies the Act on System of Choice"), and
the choice denied ("You cannot choose a home care provider", "The municipality is the only
provider of home care", `not_introduce`), never an introduction or an ending, so a language
read with a short vocabulary never raises an alarm; and the providers a page counts ("eight
approved home care providers", "32 healthcare centers of which 11 are private", none but the
municipality's own).

Categories come from English service names ("home care services", "health centre", "day
centre activities") and the Swedish ones the pages keep in brackets ("(hemtjänst)"): those of
the sentence, else of its paragraph, else of the whole page (an English page is short and about
one area of care).
"""

from __future__ import annotations

import re

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, Page
from lovwatch.municipal.claims import Modality, StatementKind, Subject
from lovwatch.municipal.counts import Count
from lovwatch.municipal.statements import Statement, sentences
from lovwatch.municipal.vocabulary import categories_in

#: Words frequent in any English text and absent from Swedish, and the other way round.
_ENGLISH_WORDS = re.compile(r"\b(the|and|you|your|of|to|is|are|with|for|can)\b")
_SWEDISH_WORDS = re.compile(r"\b(och|att|det|som|är|för|med|inte|du|kan|på|av)\b")
#: An English page has this many English words, and several times its Swedish ones.
_MIN_WORDS, _RATIO = 8, 4

#: "free to choose", "the right to choose among", "you can choose the provider".
_MAY_CHOOSE = re.compile(
    r"\b(free|right|entitled|able|allowed|possibility|opportunity|can|may|will be able) "
    r"(to )?(\w+ ){0,2}?choose\b"
)
#: What is chosen: a provider or a place of care, not a time or an activity.
_CHOSEN = re.compile(
    r"\b(providers?|company|companies|organi[sz]ers?|contractors?|performers?|"
    r"(health ?care|health|medical|care|primary care) (cent(re|er)s?|units?)|clinics?|"
    r"dentists?|physiotherapists?|(own|special) doctor|who|which|between|among)\b"
)
#: A sentence that denies or doubts the choice ("you cannot choose", "if you do not choose").
_NOT = re.compile(r"\b(not|cannot|can't|no longer|never)\b")
#: The choice denied: "You cannot choose a home care provider", "it is not possible to choose".
_CANNOT_CHOOSE = re.compile(
    r"\b(cannot|can't|can not|are not able to|is not possible to|not possible to) "
    r"(\w+ ){0,2}?choose\b"
)
#: A named choice system told as introduced: "In 2007 Vårdval Halland was introduced."
_INTRODUCED = re.compile(
    r"\b(v[aå]rdval|h[aä]lsoval|kundval|health choice|customer choice|freedom of choice)\b"
    r"[\w\s]{0,30}? (was|were|has been|have been) introduced\b"
)
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NUMBERS = dict(
    zip(
        "one two three four five six seven eight nine ten eleven twelve".split(),
        range(1, 13),
        strict=True,
    )
)
#: The law or a system applied: "applies the Act on System of Choice in the Public Sector (LOV)",
#: "All health centres are part of the region's choice system".
_APPLIES = re.compile(
    r"\b(applies|uses|has|have|operates) (the )?(act on (the )?system of choice\b|\(?lov\b|"
    r"(a |the )?(system of choice|customer choice system|freedom of choice system)\b)|"
    r"\b(are|is) (all )?(a )?part of (the )?([\w']+ )?(choice system|system of choice|"
    r"v[aå]rdval\w*|h[aä]lsoval\w*|health ?care choice)\b"
)
#: The authority as the only provider: "The municipality is the only provider of home care".
_ONLY_PROVIDER = re.compile(
    r"\b(municipality|city|region|council) (\w+ ){0,2}(is|are) the only (\w+ ){0,2}"
    r"(provider|supplier|organi[sz]er)\b|"
    r"\ball (\w+ ){0,3}is (provided|run|carried out|performed) by the (municipality|city)\b"
)
#: A condition ("If you do not choose, ...") denies no choice.
_CONDITION = re.compile(r"^(if|when|unless|should|in case)\b")
#: Providers counted: "eight approved home care providers to choose from".
_COUNTED = re.compile(
    rf"\b(there are|there is|currently|now|can choose (between|among|from)|choose between) "
    rf"(\w+ ){{0,2}}?(?P<n>{_NUMBER}) (approved |private |authori[sz]ed |different |"
    r"home care |home help |care )*(providers|companies|contractors)\b"
)
#: Private units counted among all: "32 healthcare centers of which 11 are private".
_PRIVATE_OF_ALL = re.compile(
    rf"\b{_NUMBER} [\w -]*?(cent(re|er)s|clinics|providers|companies)\b[^.]*?\bof (which|them) "
    rf"(?P<n>{_NUMBER}) (are|is) (private|privately (run|owned))\b"
)

#: English names of services, mapped to the shared taxonomy's codes.
_SERVICES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"\bhome[- ]?(care|help)\b|\bcare[- ]at[- ]home\b", "hemtjanst"),
        (
            r"\b(nursing|care|residential care) homes?\b|\bsheltered housing\b",
            "sarskilt_boende_aldre",
        ),
        (r"\bday(time)? (centres?|centers?|activities)\b", "dagverksamhet_aldre"),
        (r"\bdaily activit(y|ies)\b", "daglig_verksamhet_lss"),
        (r"\bpersonal assistan(ce|ts?)\b", "personlig_assistans"),
        (r"\b(escort|companion) services?\b", "ledsagning"),
        (r"\brespite (care|services?)\b", "avlosning"),
        (r"\bmeals? on wheels\b|\bfood distribution\b", "matdistribution"),
        (r"\bhousing support\b", "boendestod"),
        (
            r"\b(health ?care|health|medical) (cent(re|er)s?|units?)\b|\bprimary (health ?)?care\b|"
            r"\bhealth ?care choice\b|\bhealth choices?\b|\bcare units?\b",
            "primarvard",
        ),
        (r"\bdental care\b|\bdentists?\b", "tandvard"),
        (r"\bphysiotherap\w*", "fysioterapi"),
        (r"\bpsychotherap\w*", "psykoterapi"),
        (r"\bhearing care\b", "horsel"),
        (r"\bmaternity (care|clinics?)\b|\bmidwi(fe|ves)\b", "barnmorskemottagning"),
        (r"\bhome (health ?care|nursing)\b", "hemsjukvard"),
    )
)
#: Child health care (BVC): "childcare centres", "child health clinics".
_CHILD_HEALTH = re.compile(r"\bchild ?(health ?care|health|care) (cent(re|er)s?|clinics?)\b")


def in_english(page: Page) -> bool:
    """Whether the page is written in English rather than Swedish."""
    text = (page.title + "\n" + page.text).lower()
    english = len(_ENGLISH_WORDS.findall(text))
    return english >= _MIN_WORDS and english >= _RATIO * len(_SWEDISH_WORDS.findall(text))


def english_categories(text: str) -> tuple[str, ...]:
    """Category codes an English text names, and the Swedish names it keeps."""
    lowered = text.lower()
    found = {"barnhalsovard"} if _CHILD_HEALTH.search(lowered) else set()
    # "child health centres" are no health centres for adults
    lowered = _CHILD_HEALTH.sub(" ", lowered)
    found.update(code for pattern, code in _SERVICES if pattern.search(lowered))
    return tuple(sorted(found | set(categories_in(text))))


def english_claims(page: Page) -> list[Statement]:
    """The choice in use an English page tells of: one own, decided `active` statement per
    set of categories."""
    page_categories = english_categories(
        "\n".join([page.title, *(block.text for block in page.blocks)])
    )
    found: dict[tuple[StatementKind, tuple[str, ...]], Statement] = {}
    for block in page.blocks:
        if block.kind not in (HEADING, PARA, ITEM) or block.linked:
            continue
        for sentence in sentences(block.text):
            lowered = sentence.lower()
            if _CONDITION.match(lowered):
                # "If you have been granted home care, you can choose which company ...": the
                # choice is the main clause after the condition
                lowered = lowered.partition(", ")[2] if _MAY_CHOOSE.search(lowered) else ""
            if sentence.rstrip().endswith("?") or not lowered:
                continue
            if _ONLY_PROVIDER.search(lowered) and not _NOT.search(lowered):
                categories, source = _categories_of(sentence, block.text, page_categories)
                found.setdefault(
                    (StatementKind.NOT_INTRODUCE, categories),
                    _own(StatementKind.NOT_INTRODUCE, categories, sentence, source),
                )
                continue
            choose = _MAY_CHOOSE.search(lowered) or _CANNOT_CHOOSE.search(lowered)
            chosen = choose and _CHOSEN.search(lowered, choose.end())
            denied = _NOT.search(lowered)
            if denied and not (chosen and _CANNOT_CHOOSE.search(lowered)):
                continue
            if not (chosen or _INTRODUCED.search(lowered) or _APPLIES.search(lowered)):
                continue
            kind = StatementKind.NOT_INTRODUCE if denied else StatementKind.ACTIVE
            categories, source = _categories_of(sentence, block.text, page_categories)
            found.setdefault((kind, categories), _own(kind, categories, sentence, source))
    return list(found.values())


def _own(kind: StatementKind, categories: tuple[str, ...], sentence: str, source: str) -> Statement:
    """The authority's own, decided statement a sentence makes."""
    return Statement(
        kind,
        categories,
        None,
        None,
        sentence,
        Subject.OWN,
        Modality.DECIDED,
        confidence=0.6,
        category_source=source,
    )


def english_counts(page: Page) -> list[Count]:
    """The providers an English page counts: "eight approved home care providers to choose
    from", private units among all ("32 healthcare centers of which 11 are private")."""
    found = []
    for block in page.blocks:
        for sentence in sentences(block.text):
            if _ONLY_PROVIDER.search(sentence.lower()) and not _NOT.search(sentence.lower()):
                categories = english_categories(sentence) or english_categories(page.title)
                found.append(Count(categories, 0, 1, "stated", sentence))
            elif match := _PRIVATE_OF_ALL.search(sentence.lower()) or _COUNTED.search(
                sentence.lower()
            ):
                word = match.group("n")
                private = int(word) if word.isdigit() else _NUMBERS[word]
                categories = english_categories(sentence) or english_categories(page.title)
                found.append(Count(categories, private, 0, "stated", sentence))
    return found


def _categories_of(
    sentence: str, paragraph: str, page_categories: tuple[str, ...]
) -> tuple[tuple[str, ...], str]:
    """(categories, where they were read): the sentence's, else its paragraph's, else the
    page's."""
    if found := english_categories(sentence):
        return found, "sentence"
    if found := english_categories(paragraph):
        return found, "paragraph"
    return page_categories, "page"
