"""Apprise URLs: checking them when added, hiding their secrets, and sending one message.

An Apprise URL carries tokens and passwords (`tgram://BOT_TOKEN/CHAT`, `mailto://user:pw@host`,
`json://host/hooks/SECRET?+Authorization=...`). Anything lovwatch prints or stores outside the
URL column itself goes through `redact()` or `scrub()`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

import apprise
import click
from apprise.manager_plugins import NotificationManager

#: What lovwatch renders; Apprise's own formats map onto these.
TEXT, MARKDOWN, HTML = "text", "markdown", "html"
_READ_TIMEOUT = re.compile(r"read timed? ?out|ReadTimeout", re.I)

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*)://", re.IGNORECASE)
#: What `redact()` puts where secrets were: a URL holding these was copied from lovwatch's own
#: redacted output, and sending to it would reach nobody (or the wrong place).
_REDACTED_MARKS = ("****", "…")


class TargetError(ValueError):
    """An Apprise URL lovwatch cannot use; the message never contains the secret parts."""


@dataclass(frozen=True)
class SendResult:
    ok: bool
    error: str | None = None
    #: The message went out but no answer came back in time: it may well have arrived, so it
    #: must not be sent again (at most once).
    uncertain: bool = False


@cache
def _plugins() -> NotificationManager:
    return NotificationManager()


def _asset() -> apprise.AppriseAsset:
    # Memory storage: nothing written under the user's home. No Apprise templates: advert
    # text must never be interpreted by anything but lovwatch's own escaping.
    return apprise.AppriseAsset(storage_mode="memory", allow_templates=False)


def _instantiate(url: str) -> apprise.plugins.NotifyBase | None:
    return apprise.Apprise.instantiate(url, asset=_asset(), suppress_exceptions=True)


def is_redacted(url: str) -> bool:
    """Whether `url` is lovwatch's redacted form of a URL (secrets replaced by **** or …)."""
    return any(mark in url for mark in _REDACTED_MARKS)


def validate(url: str) -> str:
    """The URL stripped, if Apprise can use it; else TargetError saying what is wrong."""
    url = url.strip()
    if not url:
        raise TargetError(
            "the notification URL is empty; give an Apprise URL such as "
            "mailto://user:password@example.org or tgram://TOKEN/CHAT_ID"
        )
    if is_redacted(url):
        raise TargetError(
            f"the notification URL {redact(url)} is redacted (its secrets are ****); "
            "give the full URL, or export to a file (`lovwatch subscribe export FILE.toml`) "
            "and import that file: printed exports hide the secrets"
        )
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise TargetError(
            f"a notification URL cannot contain control characters (scheme {scheme_of(url)})"
        )
    if any(ch.isspace() for ch in url):
        raise TargetError(
            "a notification URL cannot contain spaces; give each URL its own "
            "--notify (scheme " + scheme_of(url) + ")"
        )
    match = _SCHEME.match(url)
    if match is None:
        raise TargetError(
            "malformed notification URL: expected SCHEME://..., e.g. "
            "mailto://user:password@example.org or tgram://TOKEN/CHAT_ID"
        )
    scheme = match.group(1).lower()
    if scheme not in _plugins():
        raise TargetError(
            f"unknown notification scheme {scheme!r}; see "
            "https://github.com/caronc/apprise/wiki for supported services"
        )
    # Only a numeric port is a port: "tgram://123:TOKEN/CHAT" holds a token after the colon.
    netloc = url[match.end() :].split("/", 1)[0].split("?", 1)[0].rpartition("@")[2]
    port = re.fullmatch(r"(?:\[[^\]]*\]|[^:\[\]]*):(\d+)", netloc)
    if port is not None and not 0 < int(port.group(1)) < 65536:
        raise TargetError(
            f"the port of the {scheme}:// URL ({redact(url)}) is not a number from 1 to 65535"
        )
    if _instantiate(url) is None:
        raise TargetError(
            f"malformed {scheme}:// URL ({redact(url)}); check it against "
            f"https://github.com/caronc/apprise/wiki"
        )
    return url


def check_url_option(
    _ctx: click.Context, param: click.Parameter, value: tuple[str, ...] | str | None
) -> tuple[str, ...] | str | None:
    """A click callback for options that take Apprise URLs (`--operator-notify`): every URL
    checked while the options are read, so a bad one is refused (exit 2) before any work."""
    for url in (value,) if isinstance(value, str) else value or ():
        try:
            validate(url)
        except TargetError as exc:
            raise click.BadParameter(str(exc), param=param) from None
    return value


def scheme_of(url: str) -> str:
    match = _SCHEME.match(url.strip())
    return match.group(1).lower() if match else "?"


def redact(url: str) -> str:
    """The URL as safe to show: scheme, host (unless the host is itself a token) and port.

    Credentials become ****, a path becomes /… and the query string is dropped, since any of
    them may hold a token (webhook paths, `?+Authorization=` headers, `?token=`).
    """
    plugin = _instantiate(url)
    shown = plugin.url(privacy=True) if plugin is not None else url
    try:
        parts = urlsplit(shown)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return f"{scheme_of(url)}://…"
    if plugin is None and host:
        host = host[:1] + "…"
    auth = "****@" if parts.username or parts.password else ""
    path = "/…" if parts.path.strip("/") else ""
    return f"{scheme_of(url)}://{auth}{host}{port}{path}"


def _secrets(url: str) -> list[str]:
    """The pieces of a URL that may be secret, longest first, for scrubbing free text."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url]
    pieces = [parts.username or "", parts.password or "", parts.hostname or ""]
    pieces += [unquote(segment) for segment in parts.path.split("/")]
    pieces += [unquote(value) for pair in parts.query.split("&") for value in pair.split("=")[1:]]
    found = {piece for piece in pieces if len(piece) >= 4}
    return sorted([url, *found], key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """`text` (an error message, a log line) with every secret piece of `url` masked."""
    for piece in _secrets(url):
        text = text.replace(piece, "****")
    return text


def body_format(url: str) -> str:
    """What the target shows best: html (e-mail), markdown (chat) or text (the rest);
    a `?format=` in the URL wins."""
    plugin = _instantiate(url)
    if plugin is None:
        return TEXT
    chosen = str(plugin.resolve_format().value)
    return chosen if chosen in (TEXT, MARKDOWN, HTML) else TEXT


def send(url: str, title: str, body: str, fmt: str) -> SendResult:
    """Send one message to one target now; never raises for a delivery problem."""
    plugin = _instantiate(url)
    if plugin is None:
        return SendResult(False, f"unusable URL {redact(url)}")
    notifier = apprise.Apprise(asset=_asset())
    notifier.add(plugin)
    with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as captured:
        try:
            ok = bool(notifier.notify(body=body, title=title, body_format=fmt))
        except Exception as exc:  # a plugin bug must not stop the other targets
            return SendResult(False, scrub(f"{exc.__class__.__name__}: {exc}", url))
        log = captured.getvalue().strip().splitlines()
    if ok:
        return SendResult(True)
    # Only a read timeout means the request was sent: a refused or failed connection did not
    # deliver anything, and is retried.
    timed_out = any(_READ_TIMEOUT.search(line) for line in log)
    warnings = [line.partition(" ")[2] for line in log if not line.startswith(("DEBUG", "INFO"))]
    last_lines = " | ".join(warnings[-2:]) or "the target refused the message"
    if timed_out:
        last_lines = "sent, but no answer came back in time; not sent again"
    return SendResult(False, scrub(last_lines, url)[:500], uncertain=timed_out)
