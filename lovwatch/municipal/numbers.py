"""Numbers as Swedish pages write them: number words, ordinal days, organisation numbers.

Used when reading provider counts ("tre privata utförare", "inga privata utförare"), dates
("den första mars") and provider identities (an organisation number only when it passes the
Swedish check, so a phone number never becomes a provider's identity).
"""

from __future__ import annotations

import re

from stdnum.se import orgnr

#: Cardinal number words (folded: no diacritics) up to twenty; "inga"/"ingen"/"inget" are zero.
CARDINALS: dict[str, int] = {
    "inga": 0,
    "ingen": 0,
    "inget": 0,
    "en": 1,
    "ett": 1,
    "tva": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "atta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
    "tjugo": 20,
}
#: Ordinal words for days of the month ("den första mars", "den tjugoförsta maj"), folded.
_ORDINAL_UNITS = {
    "forsta": 1,
    "andra": 2,
    "tredje": 3,
    "fjarde": 4,
    "femte": 5,
    "sjatte": 6,
    "sjunde": 7,
    "attonde": 8,
    "nionde": 9,
}
_ORDINAL_TEENS = {
    "tionde": 10,
    "elfte": 11,
    "tolfte": 12,
    "trettonde": 13,
    "fjortonde": 14,
    "femtonde": 15,
    "sextonde": 16,
    "sjuttonde": 17,
    "artonde": 18,
    "adertonde": 18,
    "nittonde": 19,
    "tjugonde": 20,
    "trettionde": 30,
}


def ordinal_value(token: str) -> int | None:
    """'forsta' → 1, 'tjugoforsta' → 21, 'trettioforsta' → 31 (folded words); else None."""
    if token in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[token]
    if token in _ORDINAL_TEENS:
        return _ORDINAL_TEENS[token]
    for tens, base in (("tjugo", 20), ("trettio", 30)):
        if token.startswith(tens) and token[len(tens) :] in _ORDINAL_UNITS:
            return base + _ORDINAL_UNITS[token[len(tens) :]]
    return None


#: Regex alternation of the ordinal words, longest first (for date patterns).
ORDINAL_WORDS = "|".join(
    sorted(
        [*_ORDINAL_UNITS, *_ORDINAL_TEENS]
        + [f"{tens}{unit}" for tens in ("tjugo", "trettio") for unit in ("forsta", "andra")]
        + [f"tjugo{unit}" for unit in list(_ORDINAL_UNITS)[2:]],
        key=len,
        reverse=True,
    )
)


def number_value(token: str) -> int | None:
    """'4' or 'fyra' → 4, 'inga' → 0 (a folded word); anything else → None."""
    if token.isdigit():
        return int(token)
    return CARDINALS.get(token)


#: Ten digits as an organisation number is written: NNNNNN-NNNN (or without the hyphen).
ORG_NUMBER = re.compile(r"(?<![\d+])(\d{6})[- ]?(\d{4})(?![\d])")
#: Words that make the number after them a phone number, whatever its digits.
_PHONE_CUE = re.compile(r"(tel|telefon|tfn|mobil|mobilnummer|ring|växel|sms)\W*$", re.IGNORECASE)


def valid_org_number(candidate: str) -> str | None:
    """`candidate` as NNNNNN-NNNN if it passes the Swedish organisation number check, else None.

    The check (python-stdnum, Luhn) rejects most phone numbers; a leading 0 is also rejected
    written without a hyphen, since Swedish phone numbers start with 0 and organisation
    numbers (group digit 1-9) written that way do not.
    """
    digits = re.sub(r"\D", "", candidate)
    if len(digits) != 10 or not orgnr.is_valid(digits):
        return None
    if digits.startswith("0") and "-" not in candidate:
        return None
    return f"{digits[:6]}-{digits[6:]}"


def org_number_in(text: str) -> str | None:
    """The first valid organisation number in `text` that is not a phone number, or None."""
    for match in ORG_NUMBER.finditer(text):
        if _PHONE_CUE.search(text[: match.start()]):
            continue
        if found := valid_org_number(match.group(0)):
            return found
    return None


def is_public_body(org_number: str | None) -> bool:
    """Whether an organisation number belongs to a municipality or region (group 2: 2120-...)."""
    return bool(org_number) and org_number is not None and org_number.startswith("2")
