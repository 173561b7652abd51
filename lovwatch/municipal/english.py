"""Pages in English: the authorities' own pages for residents who read no Swedish.

The Swedish reader (`statements`) finds nothing on them, yet they tell of the same choice:
"You are free to choose your healthcare centre", "Once a decision has been made, you can
choose the provider you wish to use". Such pages inform residents of a choice in use; they
seldom record a decision. So only that is read here: the authority's own, decided `active`
statement, never an introduction or an ending, so a language read with a short vocabulary
never raises an alarm.

Categories come from English service names ("home care services", "health centre", "day
centre activities") and the Swedish ones the pages keep in brackets ("(hemtjänst)"): those of
the sentence, else of its paragraph, else of the whole page (an English page is short and about
one area of care).
"""

from __future__ import annotations

import re

from lovwatch.municipal.blocks import HEADING, ITEM, PARA, Page
from lovwatch.municipal.claims import Modality, StatementKind, Subject
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
    found: dict[tuple[str, ...], Statement] = {}
    for block in page.blocks:
        if block.kind not in (HEADING, PARA, ITEM) or block.linked:
            continue
        for sentence in sentences(block.text):
            lowered = sentence.lower()
            if sentence.rstrip().endswith("?") or _NOT.search(lowered):
                continue
            choose = _MAY_CHOOSE.search(lowered)
            if not choose or not _CHOSEN.search(lowered, choose.end()):
                continue
            categories, source = _categories_of(sentence, block.text, page_categories)
            found.setdefault(
                categories,
                Statement(
                    StatementKind.ACTIVE,
                    categories,
                    None,
                    None,
                    sentence,
                    Subject.OWN,
                    Modality.DECIDED,
                    confidence=0.6,
                    category_source=source,
                ),
            )
    return list(found.values())


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
