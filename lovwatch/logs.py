"""Structured logs for schedulers and log collectors: `--log-format json` (or
LOVWATCH_LOG_FORMAT=json) writes one JSON object per line on stderr, with the run id when the
line is about a run."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime

FORMATS = ("text", "json")
#: Record attributes carried into the JSON line when a log call passes them in `extra`.
CONTEXT = ("run_id", "source", "status")


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message", "run_id"?, "source"?, "status"?}`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in CONTEXT:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(line, ensure_ascii=False, default=str)


def json_logs() -> bool:
    return os.environ.get("LOVWATCH_LOG_FORMAT", "text").lower() == "json"


def install(verbose: bool = False) -> None:
    """Send every log record (Scrapy's included) to stderr as JSON lines."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    # lovwatch's own lines (a run recorded, with its id) always; other libraries' chatter
    # only with --verbose.
    logging.getLogger("lovwatch").setLevel(logging.INFO)
