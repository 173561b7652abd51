"""Dates as Swedish sites write them: ISO, day/month/year, and spelled-out months."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_COMPACT = re.compile(r"\b(20\d{2}|19\d{2})(\d{2})(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_SPELLED = re.compile(
    r"\b(\d{1,2})\s*(?:e|a|:e|:a)?\s+("
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?\s+(\d{4})\b",
    re.IGNORECASE,
)


#: The window an advert's date can fall in, seen on a given day: liberal in the past (customer
#: choice systems older than LOV itself, from 2009, are re-advertised with their own dates),
#: strict ahead (an `updated` of 3026 or 9999-12-31 is a typo, not news).
ADVERT_DATES_FROM = date(1990, 1, 1)
ADVERT_DATES_AHEAD = timedelta(days=366)


def advert_date(day: date | None, today: date) -> date | None:
    """`day` when it can be an advert's publication or update date as seen on `today`, else
    None: an impossible date is unknown, never a reason to report a change."""
    if day is None or not ADVERT_DATES_FROM <= day <= today + ADVERT_DATES_AHEAD:
        return None
    return day


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _safe_moment(
    day: date, hour: str | None, minute: str | None, second: str | None
) -> datetime | None:
    try:
        return datetime.combine(day, time(int(hour or 0), int(minute or 0), int(second or 0)))
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    """The first date in `text`, or None (never an exception, whatever `text` holds).

    >>> parse_date("2024-11-01"), parse_date("den 22/2/2018"), parse_date("16 maj 2017")
    (datetime.date(2024, 11, 1), datetime.date(2018, 2, 22), datetime.date(2017, 5, 16))
    """
    if not text:
        return None
    found = parse_timestamp(text)
    if found:
        return found.date()
    if match := _NUMERIC.search(text):
        day, month, year = (int(part) for part in match.groups())
        return _safe(year, month, day)
    if match := _SPELLED.search(text):
        day_text, month_name, year_text = match.groups()
        return _safe(int(year_text), MONTHS[month_name.lower()], int(day_text))
    if match := _COMPACT.search(text):
        year, month, day = (int(part) for part in match.groups())
        return _safe(year, month, day)
    return None


def parse_timestamp(text: str | None) -> datetime | None:
    """An ISO date or timestamp at the start of or inside `text`, as a naive datetime; None
    when there is none or it is impossible ("2026-11-01T25:99:00")."""
    if not text:
        return None
    stripped = text.strip()
    try:
        moment = datetime.fromisoformat(stripped.replace("Z", "+00:00"))
        return moment.replace(tzinfo=None)
    except ValueError:
        pass
    if match := _ISO.search(stripped):
        year, month, day, hour, minute, second = match.groups()
        day_value = _safe(int(year), int(month), int(day))
        if day_value is None:
            return None
        return _safe_moment(day_value, hour, minute, second)
    return None


def parse_date_exact(text: str | None) -> date | None:
    """`text` as a date when the whole of it is one (an ISO date or timestamp, 22/2/2018,
    16 maj 2017), else None: for options, where "2026-01-01x" or "2026-01-01T25:00" is a
    mistake to point out, not a date to fish out of the text."""
    stripped = (text or "").strip()
    if not stripped:
        return None
    for pattern in (_ISO, _NUMERIC, _SPELLED, _COMPACT):
        match = pattern.fullmatch(stripped)
        if match is not None:
            return parse_date(stripped)
    try:
        # The other ISO 8601 forms: "2026-01-01T06:00:00+01:00", "2026-01-01T06:00Z".
        return datetime.fromisoformat(stripped.replace("Z", "+00:00")).date()
    except ValueError:
        return None
