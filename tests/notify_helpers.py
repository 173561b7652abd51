"""Real notification targets on loopback for the notifier's tests, and a way to put events in
a store without crawling.

- `Receiver`: an HTTP server for Apprise's json:// and form:// targets that records every
  request body, can refuse the first N requests (HTTP 500) and can hold requests open (to let a
  test kill the sender mid-send).
- `SmtpSink`: an aiosmtpd server for mailto:// that records envelopes and messages.
- `seed`: adverts, authorities and events written straight into a store, for delivery tests
  that need exact, hostile or many events quickly (the CLI tests use the real crawl);
  `seed_municipal` does the same for municipal-site events.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller
from sqlalchemy import Engine, insert
from sqlmodel import Session, select

from lovwatch.models.store import session_scope
from lovwatch.models.tables import Advert, AdvertCategory, Authority, CrawlRun, Event


@dataclass
class Received:
    path: str
    content_type: str
    body: bytes

    @property
    def data(self) -> dict[str, Any]:
        """The JSON object (json://) or form fields (form://) that Apprise posted."""
        if self.content_type.startswith("application/json"):
            return json.loads(self.body)
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))

    @property
    def message(self) -> str:
        return str(self.data.get("message", ""))


class Receiver:
    """A loopback HTTP receiver; `received` holds only requests answered 200."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.received: list[Received] = []
        self.refused: list[Received] = []
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.release.set()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802  (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                item = Received(
                    self.path, self.headers.get("Content-Type", ""), self.rfile.read(length)
                )
                receiver.arrived.set()
                receiver.release.wait(30)
                with receiver._lock:
                    refuse = receiver.fail_first > 0
                    if refuse:
                        receiver.fail_first -= 1
                        receiver.refused.append(item)
                    else:
                        receiver.received.append(item)
                self.send_response(500 if refuse else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, scheme: str = "json", path: str = "/hook") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Mail:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    def part(self, subtype: str) -> str:
        """The text/<subtype> part's decoded content ("" if none)."""
        for part in self.message.walk():
            if part.get_content_type() == f"text/{subtype}":
                return str(part.get_content())
        return ""


@dataclass
class SmtpSink:
    """A loopback SMTP server (no TLS, no auth) recording every message."""

    mails: list[Mail] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"

    def url(self, to: str = "buyer@example.org") -> str:
        return f"mailto://127.0.0.1:{self.port}?from=lovwatch@example.org&to={to}&mode=insecure"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


#: Events for `seed`: two new and one ended in Stockholms län (one of each in hemtjänst), one
#: ended in Jämtland, one changed in Göteborg.
ADVERTS = [
    {
        "id": "salems-kommun/hemtjanst",
        "title": "Valfrihetssystem inom hemtjänst",
        "authority": "Salems kommun",
        "municipality_code": "0128",
        "county_code": "01",
        "categories": ["hemtjanst"],
        "kind": "new",
    },
    {
        "id": "sundbybergs-stad/ledsagning",
        "title": "Ledsagning enligt LSS",
        "authority": "Sundbybergs stad",
        "municipality_code": "0183",
        "county_code": "01",
        "categories": ["ledsagning"],
        "kind": "new",
    },
    {
        "id": "krokoms-kommun/hemtjanst",
        "title": "Valfrihet i hemtjänsten",
        "authority": "Krokoms kommun",
        "municipality_code": "2309",
        "county_code": "23",
        "categories": ["hemtjanst"],
        "kind": "ended",
    },
    {
        "id": "huddinge-kommun/hemtjanst",
        "title": "Hemtjänst i Huddinge",
        "authority": "Huddinge kommun",
        "municipality_code": "0126",
        "county_code": "01",
        "categories": ["hemtjanst"],
        "kind": "ended",
    },
    {
        "id": "goteborgs-stad/boendestod",
        "title": "Boendestöd enligt SoL",
        "authority": "Göteborgs Stad",
        "municipality_code": "1480",
        "county_code": "14",
        "categories": ["boendestod"],
        "kind": "changed",
        "details": {
            "title": "Boendestöd enligt SoL",
            "fields": ["title"],
            "before": {"title": "Boendestöd"},
            "after": {"title": "Boendestöd enligt SoL"},
        },
    },
]


@dataclass
class Seeded:
    """What `seed` wrote, for assertions."""

    run_id: int
    event_ids: list[int]


def _legacy_run(
    session: Session, source: str, base_url: str, moment: datetime, baseline: bool
) -> int:
    """The id of a complete run, written with the columns every schema since 0001 has, so
    that stores at older revisions can be seeded too (migration tests)."""
    values = {
        "source": source,
        "started_at": moment,
        "finished_at": moment,
        "status": "complete",
        "base_url": base_url,
        "baseline": baseline,
        **dict.fromkeys(("unique_adverts", "listing_pages", "page_requests", "requests"), 0),
        **dict.fromkeys(("new", "changed", "ended", "reappeared"), 0),
    }
    key = session.connection().execute(insert(CrawlRun).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def seed(
    engine: Engine, moment: datetime, adverts: list[dict[str, Any]], *, baseline: bool = False
) -> Seeded:
    """One complete crawl run at `moment` with one event per advert spec:
    {"id", "title", "authority", "municipality_code", "county_code", "categories", "kind"}."""
    with session_scope(engine) as session:
        run_id = _legacy_run(session, "national", "http://127.0.0.1:9", moment, baseline)
        ids = []
        for spec in adverts:
            name = spec.get("authority", "Salems kommun")
            authority = session.exec(select(Authority).where(Authority.name == name)).first()
            if authority is None:
                authority = Authority(
                    name=name,
                    kind="municipality",
                    municipality_code=spec.get("municipality_code"),
                    county_code=spec.get("county_code"),
                )
                session.add(authority)
                session.flush()
            advert = session.get(Advert, spec["id"]) or Advert(
                id=spec["id"],
                url=f"/hitta-lov-uppdrag/annonser/{spec['id']}/",
                title=spec["title"],
                authority_id=authority.id,
                first_seen=moment,
                last_seen=moment,
                status="ended" if spec["kind"] == "ended" else "active",
            )
            session.add(advert)
            session.flush()
            for code in spec.get("categories", []):
                if session.get(AdvertCategory, (advert.id, code)) is None:
                    session.add(AdvertCategory(advert_id=advert.id, category_code=code))
            event = Event(
                kind=spec["kind"],
                advert_id=advert.id,
                run_id=run_id,
                detected_at=moment,
                baseline=baseline,
                details=spec.get("details", {"title": spec["title"]}),
            )
            session.add(event)
            session.flush()
            assert event.id is not None
            ids.append(event.id)
        return Seeded(run_id, ids)


#: Municipal-site events for `seed_municipal`: a provider approved in Krokom's hemtjänst, one
#: no longer listed in Sundbyberg's ledsagning, and Skurup introducing LOV in
#: familjerådgivning.
MUNICIPAL_EVENTS = [
    {
        "kind": "provider_added",
        "municipality_code": "2309",
        "category_code": "hemtjanst",
        "details": {
            "provider": "Jämtvård Omsorg AB",
            "org_number": "556677-8899",
            "own_unit": False,
            "url": "http://127.0.0.2/valj-utforare-av-hemtjanst.html",
        },
    },
    {
        "kind": "provider_removed",
        "municipality_code": "0183",
        "category_code": "ledsagning",
        "details": {
            "provider": "Ledsagarna i Sundbyberg AB",
            "org_number": None,
            "url": "http://127.0.0.3/ledsagning.html",
        },
    },
    {
        "kind": "lov_introduced",
        "municipality_code": "1264",
        "category_code": "familjeradgivning",
        "details": {
            "url": "http://127.0.0.4/nyheter/lov-familjeradgivning.html",
            "quote": "Skurups kommun inför valfrihetssystem enligt LOV inom familjerådgivning "
            "från den 1 januari 2025.",
            "date": "2025-01-01",
        },
    },
]


def seed_municipal(
    engine: Engine, moment: datetime, events: list[dict[str, Any]], *, baseline: bool = False
) -> Seeded:
    """One complete municipal crawl run at `moment` with the given municipal event specs:
    {"kind", "municipality_code", "category_code", "details"}."""
    with session_scope(engine) as session:
        run_id = _legacy_run(session, "municipal", "municipal sites", moment, baseline)
        rows = [
            Event(
                source="municipal",
                kind=spec["kind"],
                municipality_code=spec["municipality_code"],
                category_code=spec.get("category_code"),
                run_id=run_id,
                detected_at=moment,
                baseline=baseline,
                details=spec.get("details", {}),
            )
            for spec in events
        ]
        session.add_all(rows)
        session.flush()
        return Seeded(run_id, [row.id for row in rows if row.id is not None])
