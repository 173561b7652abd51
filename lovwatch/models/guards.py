"""Guards against a site that still answers but has stopped telling the truth.

Pure decisions, applied by `models.history`:
- **Drift**: the share of advert pages that yielded each field (authority, areas, dates,
  contact). A run whose share for a field falls well below the last complete run's is
  *degraded*: the page layout changed, and reading on would empty fields and invent changes.
- **Mass-end breaker**: a run that would end more than a tenth of the active adverts, or
  whose numberOfHits fell by more than a fifth since the last complete run, holds those
  endings. A later run that still misses the same adverts agrees, and releases them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: The page fields whose coverage is watched.
WATCHED_FIELDS = ("authority", "areas", "published", "updated", "contact")


@dataclass(frozen=True)
class Guards:
    """The thresholds (settings LOVWATCH_MAX_END_SHARE, LOVWATCH_MAX_HITS_DROP, ...)."""

    #: A run may end at most this share of the active adverts at once.
    max_end_share: float = 0.10
    #: ... and never trips for fewer endings than this (a small store ends one of five).
    min_endings_held: int = 5
    #: numberOfHits may fall by at most this share since the last complete run.
    max_hits_drop: float = 0.20
    #: A field's coverage may fall by at most this many points (0-1) from the last run's.
    max_coverage_drop: float = 0.30
    #: Coverage is judged only on runs that read at least this many pages.
    min_pages_for_coverage: int = 5


DEFAULT_GUARDS = Guards()


def coverage(pages: Iterable[Mapping[str, bool]]) -> tuple[dict[str, float], int]:
    """The share of pages that yielded each watched field, and the number of pages."""
    counts = dict.fromkeys(WATCHED_FIELDS, 0)
    total = 0
    for found in pages:
        total += 1
        for name in WATCHED_FIELDS:
            counts[name] += bool(found.get(name))
    if total == 0:
        return {}, 0
    return {name: round(count / total, 3) for name, count in counts.items()}, total


def drifted_fields(
    current: Mapping[str, float],
    pages: int,
    previous: Mapping[str, float] | None,
    guards: Guards = DEFAULT_GUARDS,
) -> list[str]:
    """Fields whose coverage fell well below the last complete run's ("authority 0.98 → 0.0")."""
    if not previous or pages < guards.min_pages_for_coverage:
        return []
    return [
        f"{name} {previous[name]:.2f} → {current.get(name, 0.0):.2f}"
        for name in WATCHED_FIELDS
        if name in previous and previous[name] - current.get(name, 0.0) > guards.max_coverage_drop
    ]


def breaker(
    endings: int,
    active: int,
    hits: int | None,
    previous_hits: int | None,
    guards: Guards = DEFAULT_GUARDS,
) -> str | None:
    """Why this run's endings are held back, or None when they may go ahead."""
    if endings < guards.min_endings_held:
        return None
    if active and endings > guards.max_end_share * active:
        return (
            f"{endings} of {active} active adverts would end at once "
            f"(more than {guards.max_end_share:.0%})"
        )
    if hits is not None and previous_hits and hits < (1 - guards.max_hits_drop) * previous_hits:
        return (
            f"numberOfHits fell from {previous_hits} to {hits} "
            f"(more than {guards.max_hits_drop:.0%})"
        )
    return None


def agreed(would_end: Iterable[str], held_before: Iterable[str] | None) -> set[str]:
    """The endings a later run agrees with: adverts held last time and still due now."""
    return set(would_end) & set(held_before or ())
