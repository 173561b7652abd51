"""Map service-area strings, headings and descriptions to the category taxonomy.

Matching folds case and diacritics, finds synonyms as whole words (an inflected last part is
accepted: "hemtjänsten", "dagliga verksamheter"), prefers the longest phrase where two
overlap ("korttidsboende enligt LSS" is not also "korttidsboende"), and honours the
taxonomy's context rules and vetoes.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lovwatch.normalize.taxonomy import (
    CATEGORIES,
    CATEGORY_VETOES,
    CONTEXT_RULES,
    GENERIC_CODES,
    GROUPS,
    SYNONYM_VETOES,
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
    "categorize",
    "category_by_code",
    "find_category",
    "map_term",
]

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


def map_term(term: str) -> tuple[str, ...]:
    """Category codes for one service-area string (or heading, or text), in taxonomy order.

    A term may name several services: "Ledsagar- och avlösarservice" gives ledsagning and
    avlösning. Returns () when nothing matches.
    """
    tokens = words(term).split()
    index = _rules_by_first_word()
    candidates: list[tuple[int, int, str]] = []  # (start, end, code)
    for start, token in enumerate(tokens):
        for base in _base_forms(token):
            for rule in index.get(base, ()):
                if (
                    _phrase_at(tokens, start, rule.phrase)
                    and not any(_mentions(tokens, veto) for veto in rule.vetoes)
                    and (not rule.requires or any(_mentions(tokens, r) for r in rule.requires))
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
    return _ordered(codes)


#: Statistics-style names (CPV) too broad to name the service on their own: an advert's heading,
#: when it names a category, says more ("Tjänster för dagcenter" + "Daglig verksamhet LSS").
BROAD_TERMS = frozenset(
    {
        "tjanster for dagcenter",
        "dagcenter",
        "aldreomsorg",
        "omsorg om aldre",
        "paramedicinska tjanster",
        "jobbsokningstjanster",
        "vard i hemmet",
    }
)


def _is_broad(term: str) -> bool:
    return words(term) in BROAD_TERMS


def categorize(areas: Sequence[str] | None, heading: str = "", text: str = "") -> Categorization:
    """Categorise an advert from its service areas, else its heading, else its description.

    Broad statistics-style areas (`BROAD_TERMS`) give way to the heading when the heading names
    a category, and are kept beside precise areas only for groups those do not cover. Areas that
    match nothing are kept verbatim in `unmapped` so the vocabulary can be extended; blank areas
    are ignored.
    """
    precise: set[str] = set()
    broad: set[str] = set()
    unmapped: list[str] = []
    for area in areas or ():
        if not area or not area.strip():
            continue
        found = map_term(area)
        if not found:
            if area not in unmapped:
                unmapped.append(area)
        elif _is_broad(area):
            broad.update(found)
        else:
            precise.update(found)
    if precise:
        covered = {_by_code()[code].group for code in precise}
        codes = precise | {code for code in broad if _by_code()[code].group not in covered}
    else:
        codes = set(map_term(heading or "")) or broad or set(map_term(text or ""))
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
