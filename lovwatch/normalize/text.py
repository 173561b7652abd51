"""Text folding shared by every matcher: authority names, service areas, user input.

Matching works on *word strings*: lower-case words separated by single spaces, so a phrase
can be found as whole words with a plain substring test on `" " + words + " "`.
"""

import re
import unicodedata
from functools import cache

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
)
# Hyphen, underscore and the dash family (en/em dash, minus, ...) all separate words.
_DASHES = re.compile(r"[-_\u2010-\u2015\u2212\u00ad]+")
_NON_WORD = re.compile(r"[^\w]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


#: Characters beyond the Basic Multilingual Plane, whose combining marks `_combining_marks`
#: leaves out.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@cache
def _combining_marks() -> re.Pattern[str]:
    """Every combining mark of the Basic Multilingual Plane, as one character class (built
    once, on first use: one regex pass is much faster than a test per character)."""
    marks = "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.combining(chr(c)))
    return re.compile(f"[{marks}]+")


def strip_diacritics(text: str) -> str:
    """Return `text` with accents removed (å ä → a, ö → o, é → e, ü → u, æ → ae)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL_LETTERS))
    if decomposed.isascii():
        return decomposed
    if _ASTRAL.search(decomposed):
        return "".join(c for c in decomposed if not unicodedata.combining(c))
    return _combining_marks().sub("", decomposed)


def simplify(text: str) -> str:
    """Lower-case, treat hyphens/underscores/dashes as spaces, collapse whitespace.

    Diacritics are kept: used where "Habo" and "Håbo" must stay apart.
    """
    lowered = unicodedata.normalize("NFC", text).lower()
    return " ".join(_DASHES.sub(" ", lowered).split())


def fold(text: str) -> str:
    """Lower-case, ASCII-fold, collapse whitespace, hyphens/underscores/dashes as spaces.

    The form used for matching everywhere: `fold("Upplands-Bro  Kommun") == "upplands bro kommun"`.
    """
    return strip_diacritics(simplify(text))


def words(text: str, *, keep_diacritics: bool = False) -> str:
    """Return the words of `text` (folded unless `keep_diacritics`) joined by single spaces.

    Punctuation is dropped too, so "Daglig verksamhet (LSS)" gives "daglig verksamhet lss".
    """
    simplified = simplify(text) if keep_diacritics else fold(text)
    return " ".join(_NON_WORD.sub(" ", simplified).split())


def contains_phrase(haystack_words: str, phrase_words: str) -> bool:
    """Whether `phrase_words` occurs in `haystack_words` as whole words (both word strings)."""
    return bool(phrase_words) and f" {phrase_words} " in f" {haystack_words} "


def slugify(text: str) -> str:
    """Slug the way the national database makes them: "Salems kommun" → "salems-kommun"."""
    return _SLUG_JUNK.sub("-", fold(text)).strip("-")
