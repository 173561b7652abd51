"""Alerts for the operator (whoever runs lovwatch), never for subscribers: a run that was
partial, degraded or held endings back, or that met labels and keys it does not know."""

from __future__ import annotations

from collections.abc import Iterable

from lovwatch.notify.targets import TEXT, TargetError, redact, send, validate

TITLE = "lovwatch behöver tillsyn"


def alert_operator(urls: Iterable[str], lines: list[str]) -> list[str]:
    """Send `lines` as one message to each operator URL; return one problem per URL that
    could not be reached (redacted), empty when every alert went out."""
    problems = []
    body = "\n".join(lines)
    for url in urls:
        try:
            validate(url)
        except TargetError as exc:
            problems.append(f"operator alert not sent to {redact(url)}: {exc}")
            continue
        result = send(url, TITLE, body, TEXT)
        if not result.ok:
            problems.append(f"operator alert not sent to {redact(url)}: {result.error}")
    return problems
