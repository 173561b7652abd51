"""A local HTTP replica of Hitta LOV-uppdrag: the search endpoint, advert pages, robots.txt.

It follows the site's interface (fetch/offset paging with `fetch` capped at 100, a
`numberOfHits` envelope, site-relative advert URLs, removed adverts answering 404/410) and
serves it well. Used by `lovwatch demo`, `python -m lovwatch.replica`, tests and benchmarks;
tests make it misbehave through the hook methods of `ReplicaServer`. Standard library only,
served from a daemon thread.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from lovwatch.replica import pages
from lovwatch.replica.dataset import ReplicaAdvert

SEARCH_PATH = "/api/sv/hitta-lov/search"
ADVERT_PREFIX = "/hitta-lov-uppdrag/annonser/"
DOCUMENT_PREFIX = "/globalassets/lov/"
MAX_FETCH = 100
#: Page size when the client sends no `fetch`.
DEFAULT_FETCH = 10
ROBOTS_TXT = "User-agent: *\nDisallow: /sok/\nDisallow: /episerver/\nAllow: /\n"

_ADVERT_PATH = re.compile(r"^/hitta-lov-uppdrag/annonser/([^/]+)/([^/]+)(/?)$")
_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class Response(NamedTuple):
    """One answer: status, Content-Type, body and any further headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = {}


@dataclass(frozen=True)
class _State:
    listed: tuple[ReplicaAdvert, ...]
    by_key: dict[str, ReplicaAdvert]


def document_id(advert: ReplicaAdvert) -> int:
    """A stable numeric id per advert key (the site's likely `documentId`)."""
    return zlib.crc32(advert.key.encode("utf-8"))


def _html(status: int, text: str) -> Response:
    return Response(status, "text/html; charset=utf-8", text.encode("utf-8"))


def _json(status: int, payload: Any) -> Response:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Response(status, "application/json; charset=utf-8", body)


class ReplicaServer:
    """The replica on host:port (port 0 = any free port), bound at construction.

    `start()` serves from a daemon thread; `stop()` (or leaving the `with` block) closes it.
    `requests` records every request target served, in arrival order; `peak_in_flight` is the
    most requests it was answering at once.

    Subclasses make it misbehave (tests inject faults this way) by overriding the hooks:
    `intercept` answers a request differently or delays it, `order_hits` and `edit_listing`
    change what a search pages and sends, `edit_response` changes the replica's own answer.
    Hooks run in the handler threads, several at once, and by default change nothing.
    """

    def __init__(
        self, adverts: list[ReplicaAdvert], host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.requests: list[str] = []
        self.peak_in_flight = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._state = self._make_state(adverts)
        self._httpd = _HTTPServer((host, port), _Handler, self)
        self.base_url = f"http://{host}:{self._httpd.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> ReplicaServer:
        """Serve in a daemon thread; returns self for chaining."""
        if self._thread is None:
            # A short poll keeps stop() fast: tests start and stop many servers.
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                args=(0.02,),
                name=f"replica {self.base_url}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def set_adverts(self, adverts: list[ReplicaAdvert]) -> None:
        """Switch to another state (e.g. the next day) in one step: a request sees either."""
        self._state = self._make_state(adverts)

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.peak_in_flight = 0

    @staticmethod
    def _make_state(adverts: list[ReplicaAdvert]) -> _State:
        # Copies, so that a caller mutating its adverts later does not change what is served.
        copies = [replace(advert) for advert in adverts]
        by_key = {advert.key: advert for advert in copies}
        if len(by_key) != len(copies):
            counts = Counter(advert.key for advert in copies)
            dupes = sorted(key for key, n in counts.items() if n > 1)
            raise ValueError(f"advert keys must be unique; repeated: {', '.join(dupes)}")
        return _State(tuple(a for a in copies if a.listed), by_key)

    # --- hooks ------------------------------------------------------------------------------

    def intercept(self, target: str) -> Response | None:
        """Called first for every request, once logged: a response to send instead of the
        replica's own, or None to answer normally. It may sleep first, to answer slowly."""
        return None

    def order_hits(self, hits: list[ReplicaAdvert]) -> list[ReplicaAdvert]:
        """The order in which a search pages the adverts it matched (as listed, here)."""
        return hits

    def edit_listing(self, offset: int, payload: dict[str, Any]) -> dict[str, Any]:
        """The JSON payload of the search page at `offset`, about to be sent."""
        return payload

    def edit_response(self, target: str, response: Response) -> Response:
        """The replica's own answer to `target`, about to be sent (not one from `intercept`)."""
        return response

    # --- called from handler threads -------------------------------------------------------

    def answer(self, target: str) -> Response:
        """The response sent to GET `target`: the request is logged, then the hooks have their
        say around `respond`."""
        with self._lock:
            self.requests.append(target)
        instead = self.intercept(target)
        if instead is not None:
            return instead
        return self.edit_response(target, self.respond(target))

    def _busy(self, change: int) -> None:
        with self._lock:
            self._in_flight += change
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)

    def respond(self, target: str) -> Response:
        """The replica's own answer to GET `target` (path and query), hooks aside."""
        parts = urlsplit(target)
        path = parts.path
        if path == SEARCH_PATH:
            return self._search(parse_qs(parts.query, keep_blank_values=True))
        if path == "/robots.txt":
            return Response(200, "text/plain; charset=utf-8", ROBOTS_TXT.encode())
        if path == "/":
            return _html(200, pages.render_home())
        if path == "/hitta-lov-uppdrag/":
            return _html(200, pages.render_listing_shell())
        match = _ADVERT_PATH.match(path)
        if match:
            return self._advert(match)
        if path.startswith(DOCUMENT_PREFIX):
            return self._document(path)
        return _html(404, pages.render_status(404))

    def _search(self, params: dict[str, list[str]]) -> Response:
        try:
            fetch = int(params.get("fetch", [str(DEFAULT_FETCH)])[0])
            offset = int(params.get("offset", ["0"])[0])
        except ValueError:
            return _json(400, {"error": "fetch and offset must be integers"})
        if fetch < 0 or offset < 0:
            return _json(400, {"error": "fetch and offset must not be negative"})
        terms = params.get("query", [""])[0].lower().split()
        hits = self.order_hits([a for a in self._state.listed if _matches(a, terms)])
        page = hits[offset : offset + min(fetch, MAX_FETCH)]
        payload: dict[str, Any] = {
            "numberOfHits": len(hits),
            "results": [self._item(a, terms) for a in page],
        }
        return _json(200, self.edit_listing(offset, payload))

    @staticmethod
    def _item(advert: ReplicaAdvert, terms: list[str]) -> dict[str, Any]:
        return {
            "documentId": document_id(advert),
            "url": f"{ADVERT_PREFIX}{advert.key}/",
            "heading": advert.heading,
            "regionName": advert.region_name,
            "businessAreas": advert.business_areas,
            "excerpt": _mark(advert.excerpt, terms),
            "updated": advert.updated,
        }

    def _advert(self, match: re.Match[str]) -> Response:
        buyer, system, slash = match.groups()
        if not slash:
            # The site's canonical advert URLs end in a slash.
            location = f"{ADVERT_PREFIX}{buyer}/{system}/"
            return Response(301, "text/plain; charset=utf-8", b"", {"Location": location})
        advert = self._state.by_key.get(f"{buyer}/{system}")
        if advert is None:
            return _html(404, pages.render_status(404))
        if advert.page_status != 200:
            return _html(advert.page_status, pages.render_status(advert.page_status))
        return _html(200, pages.render_advert(advert))

    def _document(self, path: str) -> Response:
        buyer, _, rest = path.removeprefix(DOCUMENT_PREFIX).partition("/")
        system = rest.partition("/")[0]
        advert = self._state.by_key.get(f"{buyer}/{system}")
        suffix = path[path.rfind(".") :]
        if (
            advert is None
            or advert.page_status != 200
            or path not in {url for _, url in advert.documents}
        ):
            return _html(404, pages.render_status(404))
        body = f"Replica document for {advert.key}: {advert.heading}\n".encode()
        return Response(200, _DOCUMENT_TYPES.get(suffix, "application/octet-stream"), body)


def _matches(advert: ReplicaAdvert, terms: list[str]) -> bool:
    """Free-text search: every term occurs somewhere in the advert's listed text."""
    text = " ".join(
        [
            advert.heading,
            advert.authority,
            advert.region_name,
            advert.excerpt,
            *(advert.business_areas or []),
        ]
    ).lower()
    return all(term in text for term in terms)


def _mark(text: str, terms: list[str]) -> str:
    """Wrap search hits in <mark>, as the site's sister endpoints do."""
    if not terms:
        return text
    pattern = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.sub(pattern, lambda m: f"<mark>{m.group(0)}</mark>", text, flags=re.IGNORECASE)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        replica: ReplicaServer,
    ) -> None:
        self.replica = replica
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out hang up while a slow answer is pending: not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "LovReplica/1.0"

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the replica's request log is `ReplicaServer.requests`."""

    def _serve(self, send_body: bool) -> None:
        # In progress until the answer starts on the wire: once the client can read it, it may
        # send its next request, and a count ended after the last byte would see the overlap.
        replica = self.server.replica
        replica._busy(+1)
        try:
            response = replica.answer(self.path)
        finally:
            replica._busy(-1)
        self._send(response, send_body)

    def _send(self, response: Response, send_body: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)
