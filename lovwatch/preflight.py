"""Can the national site be reached at all? A few seconds' answer before a crawl starts, so a
machine that is offline or behind a firewall hears so at once, with what to do."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

#: Seconds to resolve the name and to open a connection.
TIMEOUT = 5.0
_PROXY_VARIABLES = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy")
HINT = "check the network or the proxy (HTTPS_PROXY); `lovwatch demo` works offline"


def unreachable(base_url: str, timeout: float = TIMEOUT) -> str | None:
    """Why `base_url`'s host cannot be reached (one sentence with the next step), or None.
    Behind a proxy the crawl itself finds out, so nothing is checked here."""
    if any(os.environ.get(name) for name in _PROXY_VARIABLES):
        return None
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot resolve {host} ({exc.strerror or exc}); {HINT}"
    except UnicodeError:
        return f"{host!r} is not a host name; give the national database's address"
    problem = None
    for family, kind, protocol, _, address in addresses:
        try:
            with socket.socket(family, kind, protocol) as connection:
                connection.settimeout(timeout)
                connection.connect(address)
            return None
        except TimeoutError:
            problem = f"no answer from {host}:{port} within {timeout:.0f} s"
        except OSError as exc:
            problem = f"cannot connect to {host}:{port} ({exc.strerror or exc})"
    return f"{problem or f'cannot reach {host}'}; {HINT}"
