"""Time, in one place, so that tests and simulations can freeze or move it.

Set LOVWATCH_NOW (ISO 8601, e.g. ``2026-03-01T06:00``) to pretend it is that moment: used by
the test suite's frozen clock and by multi-day simulations of the crawler.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def now() -> datetime:
    """The current moment as a naive UTC datetime (how the store keeps every timestamp)."""
    frozen = os.environ.get("LOVWATCH_NOW")
    if frozen:
        moment = datetime.fromisoformat(frozen)
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    return now().date()
