"""Time, in one place, so that tests and simulations can freeze or move it.

Set LOVWATCH_NOW (ISO 8601, e.g. ``2026-03-01T06:00``) to pretend it is that moment: used by
the test suite's frozen clock and by multi-day simulations of the crawler.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

ENV = "LOVWATCH_NOW"


class ClockError(ValueError):
    """LOVWATCH_NOW holds something that is not a moment; the message says what to give."""


def frozen_moment() -> datetime | None:
    """The moment LOVWATCH_NOW freezes the clock at (naive UTC), None when it is not set;
    ClockError when it is set to something that is not an ISO 8601 date or timestamp."""
    frozen = os.environ.get(ENV)
    if not frozen:
        return None
    try:
        moment = datetime.fromisoformat(frozen.strip())
    except ValueError:
        raise ClockError(
            f"{ENV}={frozen!r} is not a moment; give an ISO 8601 date or time such as "
            "2026-03-01T06:00, or unset it"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def now() -> datetime:
    """The current moment as a naive UTC datetime (how the store keeps every timestamp)."""
    return frozen_moment() or datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return now().date()
