"""Map service-area strings, headings and descriptions to the category taxonomy.

Matching folds case and diacritics, finds synonyms as whole words (an inflected last part is
accepted: "hemtjänsten", "dagliga verksamheter"), prefers the longest phrase where two
overlap ("korttidsboende enligt LSS" is not also "korttidsboende"), and honours the
taxonomy's context rules and vetoes.
"""

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lovwatch.normalize.taxonomy import (
    BROAD_REFINEMENTS,
    CATEGORIES,
    CATEGORY_VETOES,
    COMPOUND_HEADS,
    CONTEXT_RULES,
    CPV_CATEGORIES,
    GENERIC_CODES,
    GROUPS,
    SYNONYM_VETOES,
    WEAK_SYNONYMS,
    Category,
    CategoryGroup,
)
from lovwatch.normalize.text import words

__all__ = [
    "CATEGORIES",
    "GROUPS",
    "Categorization",
    "Category",
    "CategoryGroup",
    "categories_for_cpv",
    "categorize",
    "category_by_code",
    "cpv_codes",
    "cpv_name",
    "find_category",
    "map_term",
]

# "85311200", "85311200-4", "CPV 85311200-4": eight digits, optionally with the check digit,
# in the divisions LOV's services come from (75 samhällstjänster, 79 jobbsökning, 85 vård
# och omsorg) so that a compact date ("20250304") is not taken for one.
_CPV = re.compile(r"(?<![\d-])((?:75|79|85)\d{6})(?:-\d)?(?![\d-])")

# Swedish inflectional endings accepted after a synonym's word (definite, plural, genitive).
_SUFFIXES = frozenset(
    {
        "a",
        "e",
        "n",
        "s",
        "t",
        "en",
        "et",
        "er",
        "ar",
        "or",
        "na",
        "ns",
        "es",
        "ens",
        "ets",
        "ers",
        "ars",
        "erna",
        "arna",
        "orna",
        "ernas",
        "arnas",
        "ornas",
    }
)
_LONGEST_SUFFIX = max(map(len, _SUFFIXES))


@dataclass(frozen=True)
class Categorization:
    """Category codes in taxonomy order, and the service areas no category matched."""

    codes: tuple[str, ...]
    unmapped: tuple[str, ...]  # verbatim, in input order


@dataclass(frozen=True)
class _Rule:
    phrase: tuple[str, ...]  # folded words
    code: str
    requires: tuple[tuple[str, ...], ...]  # any of these phrases must occur in the term
    vetoes: tuple[tuple[str, ...], ...]  # none of these phrases may occur in the term


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(words(text).split())


@cache
def _rules_by_first_word() -> dict[str, tuple[_Rule, ...]]:
    """Every matching rule, indexed by its first folded word."""
    rules: list[_Rule] = []
    for category in CATEGORIES:
        for synonym in (category.label, *category.synonyms):
            vetoes = CATEGORY_VETOES.get(category.code, ()) + SYNONYM_VETOES.get(
                (category.code, synonym), ()
            )
            rules.append(_Rule(_phrase(synonym), category.code, (), tuple(map(_phrase, vetoes))))
    for context in CONTEXT_RULES:
        rules.append(
            _Rule(
                _phrase(context.phrase),
                context.code,
                tuple(map(_phrase, context.requires)),
                tuple(map(_phrase, context.vetoes)),
            )
        )
    index: dict[str, list[_Rule]] = defaultdict(list)
    for rule in rules:
        if rule.phrase and rule not in index[rule.phrase[0]]:
            index[rule.phrase[0]].append(rule)
    return {word: tuple(found) for word, found in index.items()}


def _base_forms(token: str) -> set[str]:
    """The token and the token without each accepted ending: what a synonym word may be."""
    forms = {token}
    for length in range(1, min(_LONGEST_SUFFIX, len(token) - 2) + 1):
        if token[-length:] in _SUFFIXES:
            forms.add(token[:-length])
    return forms


def _word_matches(token: str, word: str) -> bool:
    return token == word or (token.startswith(word) and token[len(word) :] in _SUFFIXES)


def _phrase_at(tokens: Sequence[str], start: int, phrase: tuple[str, ...]) -> bool:
    if start + len(phrase) > len(tokens):
        return False
    return all(_word_matches(tokens[start + i], word) for i, word in enumerate(phrase))


def _mentions(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    return any(_phrase_at(tokens, start, phrase) for start in range(len(tokens)))


def _ordered(codes: set[str]) -> tuple[str, ...]:
    """Codes in taxonomy order, without a catch-all beside a precise code of its group."""
    groups = {_by_code()[code].group for code in codes if code not in GENERIC_CODES}
    return tuple(
        category.code
        for category in CATEGORIES
        if category.code in codes
        and not (category.code in GENERIC_CODES and category.group in groups)
    )


@cache
def _compound_heads() -> tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    """(folded head, code, folded prefixes that exclude, vetoes) for every compound head."""
    return tuple(
        (
            words(head.word),
            head.code,
            tuple(words(prefix) for prefix in head.not_after),
            tuple(map(_phrase, CATEGORY_VETOES.get(head.code, ()))),
        )
        for head in COMPOUND_HEADS
    )


def _compound_code(token: str, tokens: Sequence[str]) -> str | None:
    """The category whose head word ends the compound `token` ("ungdomstandvården")."""
    for base in _base_forms(token):
        for head, code, not_after, vetoes in _compound_heads():
            if (
                base.endswith(head)
                and len(base) >= len(head) + 3
                and not base.startswith(not_after)
                and not any(_mentions(tokens, veto) for veto in vetoes)
            ):
                return code
    return None


def cpv_codes(text: str) -> tuple[str, ...]:
    """The CPV codes of LOV's divisions (75, 79, 85) written in `text` ("85311200-4 Social
    omsorg ..."), eight digits each, in order of appearance."""
    return tuple(dict.fromkeys(_CPV.findall(text or "")))


def _cpv_parent(code: str) -> str | None:
    """The next level up: 85121281 → 85121280 → 85121200 → 85121000 → 85120000 → 85100000."""
    stripped = code.rstrip("0")
    if len(stripped) <= 2:
        return None
    return stripped[:-1].ljust(8, "0")


def _cpv_entry(code: str) -> tuple[tuple[str, ...], str] | None:
    digits = code.strip().split("-")[0]
    if not (len(digits) == 8 and digits.isdigit()):
        return None
    current: str | None = digits
    while current is not None:
        if current in CPV_CATEGORIES:
            return CPV_CATEGORIES[current]
        current = _cpv_parent(current)
    return None


def categories_for_cpv(code: str) -> tuple[str, ...]:
    """Category codes for a CPV code ("85311200" or "85311200-4"), in taxonomy order.

    A code the table does not list takes its nearest listed parent; codes outside LOV's
    range, and parents too broad to name a service (85000000), give ().
    """
    entry = _cpv_entry(code)
    return _ordered(set(entry[0])) if entry else ()


def cpv_name(code: str) -> str | None:
    """The name of the nearest listed CPV code, e.g. "Social omsorg för äldre"; or None."""
    entry = _cpv_entry(code)
    return entry[1] if entry else None


def map_term(term: str) -> tuple[str, ...]:
    """Category codes for one service-area string (or heading, or text), in taxonomy order.

    A term may name several services: "Ledsagar- och avlösarservice" gives ledsagning and
    avlösning. CPV codes in the term count too ("85141100 Barnmorsketjänster"). Compounds
    ending in a head word count ("vuxenpsykiatri"), and a region's bare "Hälsoval" or
    "Vårdval X" is primary care when nothing else is named. Returns () when nothing matches.
    """
    tokens = words(term).split()
    items = _list_items(term, tokens)
    starts = [a for a, _ in items]
    contexts = [tokens[a:b] for a, b in items]
    candidates: list[tuple[int, int, str]] = []  # (start, end, code)
    for start in range(len(tokens)):
        context = contexts[bisect.bisect_right(starts, start) - 1]
        for rule in _rules_at(tokens, start):
            if not any(_mentions(context, veto) for veto in rule.vetoes) and (
                not rule.requires or any(_mentions(context, r) for r in rule.requires)
            ):
                candidates.append((start, start + len(rule.phrase), rule.code))
    # Longest phrase first; a shorter one inside it is a part of it, not a second service.
    # Rules for the very same words all count ("HVB" alone: children and adults).
    candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken: set[int] = set()
    spans: set[tuple[int, int]] = set()
    codes: set[str] = set()
    for start, end, code in candidates:
        span = set(range(start, end))
        if span & taken and (start, end) not in spans:
            continue
        taken |= span
        spans.add((start, end))
        codes.add(code)
    # Compounds only where no synonym matched the word itself.
    for position, token in enumerate(tokens):
        if position not in taken and (compound := _compound_code(token, tokens)):
            codes.add(compound)
    for cpv in cpv_codes(term):
        codes.update(categories_for_cpv(cpv))
    if not codes:
        codes.update(
            code
            for weak, code in _weak_synonyms().items()
            if any(_word_matches(token, weak) for token in tokens)
        )
    return _ordered(codes)


def _list_items(term: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the items of an enumeration of three or more ("hemtjänst, särskilt
    boende, dagverksamhet, daglig verksamhet enligt LSS och familjerådgivning"): there, a
    phrase's context (what it requires, what vetoes it) is its own item, so "LSS" in the last
    item does not make the second housing under LSS. An item that names no service ("LSS",
    "enligt SoL") belongs to the one before it. One range for the whole term otherwise."""
    whole = [(0, len(tokens))]
    parts = [words(part).split() for part in term.split(",")]
    if len(parts) < 3 or [t for part in parts for t in part] != tokens:
        return whole
    items: list[tuple[int, int]] = []
    position = 0
    for part in parts:
        end = position + len(part)
        if items and (not part or not _names_a_service(part)):
            items[-1] = (items[-1][0], end)
        elif part:
            items.append((position, end))
        position = end
    return items


def _names_a_service(tokens: list[str]) -> bool:
    return any(_rules_at(tokens, start) for start in range(len(tokens)))


def _rules_at(tokens: list[str], start: int) -> list[_Rule]:
    """The rules whose phrase stands at `tokens[start]` (their context not yet weighed)."""
    index = _rules_by_first_word()
    return [
        rule
        for base in _base_forms(tokens[start])
        for rule in index.get(base, ())
        if _phrase_at(tokens, start, rule.phrase)
    ]


@cache
def _weak_synonyms() -> dict[str, str]:
    return {words(weak): code for weak, code in WEAK_SYNONYMS.items()}


#: Statistics-style names (CPV) too broad to name the service on their own; see
#: `taxonomy.BROAD_REFINEMENTS` for what each gives way to.
BROAD_TERMS = frozenset(BROAD_REFINEMENTS)


def _refinements(term: str) -> frozenset[str] | None:
    """What a broad area gives way to; None when the area is not broad. CPV codes written
    in the area ("85312100 Tjänster för dagcenter") are ignored for this."""
    return BROAD_REFINEMENTS.get(words(_CPV.sub(" ", term).replace("CPV", " ")))


def _is_broad(term: str) -> bool:
    return _refinements(term) is not None


def _refines(code: str, refinements: frozenset[str]) -> bool:
    return code in refinements or _by_code()[code].group in refinements


def categorize(areas: Sequence[str] | None, heading: str = "", text: str = "") -> Categorization:
    """Categorise an advert from its service areas, else its heading, else its description.

    Precise beats broad: a broad statistics-style area (`BROAD_TERMS`, e.g. "Tjänster för
    dagcenter") is dropped beside a precise area it covers, gives way to the heading when the
    heading names a category, and else to the categories it covers that the description names
    ("daglig verksamhet enligt LSS"). Areas that match nothing are kept verbatim in `unmapped`
    so the vocabulary can be extended; blank areas are ignored.
    """
    precise: set[str] = set()
    broad: list[tuple[tuple[str, ...], frozenset[str]]] = []
    unmapped: list[str] = []
    for area in areas or ():
        if not area or not area.strip():
            continue
        found = map_term(area)
        refinements = _refinements(area)
        if not found:
            if area not in unmapped:
                unmapped.append(area)
        elif refinements is not None:
            broad.append((found, refinements))
        else:
            precise.update(found)
    codes: set[str] = set()
    if precise:
        codes = set(precise)
        for found, refinements in broad:
            if not any(_refines(code, refinements) for code in precise):
                codes.update(found)
    elif heading_codes := set(map_term(heading or "")):
        codes = heading_codes
    elif broad:
        described = set(map_term(text or ""))
        for found, refinements in broad:
            refined = {code for code in described if _refines(code, refinements)}
            codes.update(refined or found)
    else:
        codes = set(map_term(text or ""))
    return Categorization(_ordered(codes), tuple(unmapped))


@cache
def _by_code() -> dict[str, Category]:
    return {category.code: category for category in CATEGORIES}


def category_by_code(code: str) -> Category | None:
    """The category with this code, or None."""
    return _by_code().get(code)


def find_category(text: str) -> Category | None:
    """What a person types: a code, label or synonym, ignoring case and diacritics.

    None when nothing matches or when a synonym is shared ("hvb": children and adults).
    """
    wanted = words(text)
    if not wanted:
        return None
    by_code = category_by_code(wanted.replace(" ", "_"))
    if by_code is not None:
        return by_code
    found = [
        category
        for category in CATEGORIES
        if any(words(name) == wanted for name in (category.label, *category.synonyms))
    ]
    return found[0] if len(found) == 1 else None
