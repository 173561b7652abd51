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
