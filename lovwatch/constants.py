"""Names that the store, the CLI and the notifier share."""

from enum import StrEnum


class AdvertStatus(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class EventKind(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    ENDED = "ended"
    REAPPEARED = "reappeared"


class RunStatus(StrEnum):
    RUNNING = "running"
    COMPLETE = "complete"
    #: The listing could not be read whole: nothing was applied.
    PARTIAL = "partial"
    #: The crawl crashed or was interrupted before it could apply anything.
    FAILED = "failed"
    #: The listing was whole but the advert pages stopped looking as they did (a field's
    #: coverage fell well below the last complete run's): nothing was applied.
    DEGRADED = "degraded"


class MunicipalEventKind(StrEnum):
    """What a municipality's own site said that subscribers can hear about."""

    PROVIDER_ADDED = "provider_added"
    PROVIDER_REMOVED = "provider_removed"
    LOV_INTRODUCED = "lov_introduced"
    LOV_ENDED = "lov_ended"


PROVIDER_ADDED = MunicipalEventKind.PROVIDER_ADDED
PROVIDER_REMOVED = MunicipalEventKind.PROVIDER_REMOVED
LOV_INTRODUCED = MunicipalEventKind.LOV_INTRODUCED
LOV_ENDED = MunicipalEventKind.LOV_ENDED
MUNICIPAL_EVENT_KINDS: tuple[str, ...] = tuple(kind.value for kind in MunicipalEventKind)


class EventSource(StrEnum):
    """Where an event was found: an advert of the national database, or a municipality's site."""

    NATIONAL = "national"
    MUNICIPAL = "municipal"


NATIONAL_EVENT_KINDS: tuple[str, ...] = tuple(kind.value for kind in EventKind)


def in_list(column: str, values: tuple[str, ...] | list[str]) -> str:
    """SQL for a CHECK constraint that `column` holds one of `values` (a StrEnum's values)."""
    return f"{column} IN ({', '.join(repr(str(value)) for value in values)})"


class CrawlSource(StrEnum):
    """What a crawl run read: the national database or municipalities' own sites."""

    NATIONAL = "national"
    MUNICIPAL = "municipal"
