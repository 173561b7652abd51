"""An independent replica of Hitta LOV-uppdrag, built only from the interface contract.

Written apart from `lovwatch.replica` (and without reading the crawler) so that the crawler is
checked against choices its authors did not make: a page size capped below 100, an order that
changes on every listing pass, ISO timestamps with `Z` and with offsets, a site-relative URL
without trailing slash and one absolute URL to the real host, `<mark>` in excerpts, unknown
keys, four advert-page layouts with other label words than the contract's list, and
delisted adverts answering 404, 410 or still 200.

`ForeignTrap` is a loopback HTTP proxy that records every request a client makes to any other
host: point `http_proxy`/`https_proxy` at it (with `no_proxy=127.0.0.1`) and anything aimed at
the real site lands there instead of the network.
"""

from __future__ import annotations

import html
import json
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

REAL_HOST = "https://www.upphandlingsmyndigheten.se"
SEARCH_PATH = "/api/sv/hitta-lov/search"
ADVERT_PREFIX = "/hitta-lov-uppdrag/annonser/"


@dataclass(frozen=True)
class Advert:
    """One advert as this replica serves it, with what a correct crawler must make of it.

    `municipality` is the expected municipality's name in municipalities.csv, `county` the
    expected county's name there (for regions); both None for a state agency.
    `categories` must all be found; `tolerated` may be found as well.
    """

    key: str
    serial: int  # fixed per advert: picks its page layout, label words and documentId
    authority: str
    region_name: str | None
    heading: str
    areas: tuple[str, ...] | None
    updated: str
    categories: tuple[str, ...]
    municipality: str | None = None
    county: str | None = None
    tolerated: tuple[str, ...] = ()
    contact: str = "Anna Lindqvist"
    description: str = ""
    absolute_url: bool = False
    trailing_slash: bool = True

    @property
    def path(self) -> str:
        return f"{ADVERT_PREFIX}{self.key}/"

    @property
    def document_url(self) -> str:
        buyer = self.key.split("/")[0]
        return (
            f"https://{buyer}.e-avrop.example/lov/{self.key.split('/')[1]}/forfragningsunderlag.pdf"
        )

    @property
    def text(self) -> str:
        """The description, distinctive per advert so that a test can find it again."""
        return self.description or (
            f"{self.authority} tillämpar lagen om valfrihetssystem (LOV) för "
            f"{self.heading.lower()}. Ansökan kan lämnas in löpande under hela året."
        )

    def listing_item(self) -> dict[str, Any]:
        """The search-endpoint item; keys vary with the index, as the contract allows."""
        url = self.path if self.trailing_slash else self.path.rstrip("/")
        if self.absolute_url:
            url = REAL_HOST + self.path
        item: dict[str, Any] = {
            "documentId": 70000 + self.serial * 7,
            "url": url,
            "heading": self.heading,
            "regionName": self.region_name,
            "businessAreas": list(self.areas) if self.areas is not None else None,
            "excerpt": f"<mark>Valfrihetssystem</mark> hos {self.authority}: {self.heading}.",
            "updated": self.updated,
            "contentType": "LovAdvert",
            "languageBranch": "sv",
        }
        if self.serial % 5 == 0:
            item["tags"] = ["LOV", "valfrihet"]
        if self.region_name is None:
            del item["regionName"]
        return item


MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()


def _long_date(iso: str) -> str:
    year, month, day = (int(p) for p in iso[:10].split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


# --- advert pages: four layouts, none of them a plain dt/dd "Upphandlande myndighet" list ---


def _fields(advert: Advert, index: int) -> list[tuple[str, str]]:
    """(label, html value) pairs; label words vary as a real CMS's editors would vary them."""
    authority_label = "Annonserande organisation" if index % 2 else "Upphandlande myndighet"
    areas_label = "Tjänsteområden" if index % 3 else "Tjänsteområde"
    contact_label = "Kontakt" if index % 2 else "Kontaktperson"
    email = f"lov@{advert.key.split('/')[0]}.example"
    fields = [(authority_label, html.escape(advert.authority))]
    if advert.areas:
        fields.append((areas_label, ", ".join(html.escape(a) for a in advert.areas)))
    fields += [
        (contact_label, f"{html.escape(advert.contact)}<br>{email}<br>08-123 456 78"),
        ("Publicerad", _long_date("2021-05-17")),
        ("Senast uppdaterad", _long_date(advert.updated) if index % 2 else advert.updated[:10]),
        (
            "Förfrågningsunderlag",
            f'<a href="{advert.document_url}">Förfrågningsunderlag (pdf)</a> · '
            f'<a href="https://{advert.key.split("/")[0]}.example/ansok">'
            "Ansökan om godkännande</a>",
        ),
    ]
    return fields


def _sections(advert: Advert, index: int) -> str:
    parts = [f"<h2>Om uppdraget</h2><p>{html.escape(advert.text)}</p>"]
    parts += [f"<h3>{label}</h3><p>{value}</p>" for label, value in _fields(advert, index)]
    return "\n".join(parts)


def _spans(advert: Advert, index: int) -> str:
    rows = [
        f'<div class="lov-field"><span class="lov-field__label">{label}:</span> '
        f'<span class="lov-field__value">{value}</span></div>'
        for label, value in _fields(advert, index)
    ]
    return "\n".join(rows) + f'\n<div class="lov-text"><p>{html.escape(advert.text)}</p></div>'


def _strong(advert: Advert, index: int) -> str:
    rows = [
        f"<p><strong>{label}</strong><br>{value}</p>" for label, value in _fields(advert, index)
    ]
    return f"<p class='preamble'>{html.escape(advert.text)}</p>\n" + "\n".join(rows)


def _aside(advert: Advert, index: int) -> str:
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in _fields(advert, index))
    return (
        f'<div class="body"><p>{html.escape(advert.text)}</p></div>\n'
        f'<aside class="advert-facts"><h2>Fakta</h2><dl>{items}</dl></aside>'
    )


LAYOUTS: tuple[Callable[[Advert, int], str], ...] = (_sections, _spans, _strong, _aside)


def advert_page(advert: Advert) -> str:
    """The advert page in the layout chosen by its serial, inside realistic site chrome."""
    body = LAYOUTS[advert.serial % len(LAYOUTS)](advert, advert.serial)
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>{html.escape(advert.heading)} | Hitta LOV-uppdrag</title></head>
<body>
<header><a href="/">Upphandlingsmyndigheten</a>
<nav><a href="/hitta-lov-uppdrag/">Hitta LOV-uppdrag</a> <a href="/om-oss/">Om oss</a></nav>
</header>
<main><article>
<h1>{html.escape(advert.heading)}</h1>
{body}
</article></main>
<footer><a href="/kontakta-oss/">Kontakta oss</a>
<p>Upphandlingsmyndigheten, Box 1234, Solna</p></footer>
</body></html>"""


# --- the server ---


@dataclass
class State:
    """What the site serves on one day: the listed adverts and the fate of delisted ones."""

    listed: list[Advert]
    alive: list[Advert] = field(default_factory=list)  # delisted, page still answers 200
    gone: dict[str, int] = field(default_factory=dict)  # key -> 404 or 410


@dataclass(frozen=True)
class Logged:
    path: str
    query: dict[str, list[str]]
    host: str


class IndependentReplica:
    """A threaded HTTP server on loopback serving a `State`; every request is logged."""

    def __init__(self, state: State, *, page_cap: int = 50, host: str = "127.0.0.1") -> None:
        self.state = state
        self.page_cap = page_cap
        self.failing_offsets: set[int] = set()
        self.requests: list[Logged] = []
        self._passes = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def netloc(self) -> str:
        return self.base_url.removeprefix("http://")

    def __enter__(self) -> IndependentReplica:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def mark(self) -> int:
        """The position in the request log; pass it to `since` to see one crawl's requests."""
        with self._lock:
            return len(self.requests)

    def since(self, mark: int) -> list[Logged]:
        with self._lock:
            return list(self.requests[mark:])

    def _ordered(self, offset: int) -> list[Advert]:
        # A new pass (offset 0) reshuffles: the order is unstable between passes, stable within.
        with self._lock:
            if offset == 0:
                self._passes += 1
            seed = self._passes
        adverts = list(self.state.listed)
        random.Random(seed).shuffle(adverts)
        return adverts

    def _search(self, query: dict[str, list[str]]) -> tuple[int, bytes]:
        try:
            fetch = int(query.get("fetch", ["10"])[0])
            offset = int(query.get("offset", ["0"])[0])
        except ValueError:
            return 400, b'{"error": "fetch and offset must be integers"}'
        if offset in self.failing_offsets:
            return 500, b"<html><body>Internal Server Error</body></html>"
        adverts = self._ordered(offset)
        page = adverts[offset : offset + min(fetch, self.page_cap)]
        body = {
            "numberOfHits": len(adverts),
            "results": [a.listing_item() for a in page],
            "facets": {"regions": [], "businessAreas": []},
        }
        return 200, json.dumps(body, ensure_ascii=False).encode()

    def _page(self, path: str) -> tuple[int, bytes]:
        key = path.removeprefix(ADVERT_PREFIX).strip("/")
        for advert in self.state.listed + self.state.alive:
            if advert.key == key:
                return 200, advert_page(advert).encode()
        status = self.state.gone.get(key, 404)
        return status, f"<html><body><h1>{status}</h1>Sidan finns inte.</body></html>".encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        replica = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                parts = urlsplit(self.path)
                query = parse_qs(parts.query, keep_blank_values=True)
                with replica._lock:
                    replica.requests.append(Logged(parts.path, query, self.headers.get("Host", "")))
                if parts.path == "/robots.txt":
                    status, body, kind = 200, b"User-agent: *\nDisallow: /admin/\n", "text/plain"
                elif parts.path == SEARCH_PATH:
                    status, body = replica._search(query)
                    kind = "application/json; charset=utf-8"
                elif parts.path.startswith(ADVERT_PREFIX):
                    status, body = replica._page(parts.path)
                    kind = "text/html; charset=utf-8"
                else:
                    status, body, kind = 404, b"not found", "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        return Handler


class ForeignTrap:
    """A loopback proxy that answers nothing useful and records every request sent through it."""

    def __init__(self, host: str = "127.0.0.2") -> None:
        self.requests: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def _refuse(self) -> None:
                trap.requests.append(f"{self.command} {self.path}")
                self.send_response(403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD = do_POST = do_CONNECT = _refuse  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ForeignTrap:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# --- the data set: day one, and the next day ---

#: `updated` in the three forms the contract leaves open, rotated over the adverts.
STAMPS = (
    "2025-{m:02d}-{d:02d}",
    "2025-{m:02d}-{d:02d}T09:30:00Z",
    "2025-{m:02d}-{d:02d}T11:30:00+02:00",
)

#: Day one. Four lines per advert: `key | expected codes | flags` (m: the municipality's name,
#: c: the county's name in municipalities.csv, - neither), `authority | regionName`,
#: `heading | expected categories (~ tolerated too)`, businessAreas (- null, [] empty, `;`).
DAY_ONE_TABLE = """
salems-kommun/hemtjanst | m:Salem
    Salems kommun | Stockholms län
    Valfrihetssystem inom hemtjänst | hemtjanst
    Hemtjänst
goteborgs-stad/hemtjanst | m:Göteborg
    Göteborgs Stad | Göteborgs Stad
    Kundval inom hemtjänsten | hemtjanst
    Vård i hemmet (hemtjänst)
sociala-resursnamnden-goteborgs-stad/boendestod | m:Göteborg
    Sociala resursnämnden, Göteborgs Stad | Västra Götalands län
    Valfrihetssystem för boendestöd | boendestod
    Boendestöd
falu-kommun/daglig-verksamhet | m:Falun
    Falu kommun | Dalarna
    Daglig verksamhet enligt LSS | daglig_verksamhet_lss
    Daglig verksamhet
boras-stad/hemtjanst | m:Borås
    Borås Stad | Västra Götaland
    Hemtjänst enligt 3 kap. 6 § SoL | hemtjanst
    -
stockholms-stad/hemtjanst | m:Stockholm
    Stockholms stad | Stockholm
    Hemtjänst – service och omsorg | hemtjanst
    Hemtjänst – service; Hemtjänst – omvårdnad
hasselby-vallingby-stadsdelsforvaltning/daglig-verksamhet | m:Stockholm
    Hässelby-Vällingby stadsdelsförvaltning, Stockholms stad | Stockholms län
    Daglig verksamhet enligt LSS | daglig_verksamhet_lss
    Daglig verksamhet enligt LSS
sundbybergs-stad/hemtjanst | m:Sundbyberg
    Sundbybergs stad | -
    Valfrihetssystem inom hemtjänst | hemtjanst ~aldreomsorg_ovrigt
    Äldreomsorg; Vård i hemmet (hemtjänst)
upplands-bro-kommun/ledsagning-och-avlosning | m:Upplands-Bro
    Upplands-Bro kommun | Stockholms län
    Ledsagar- och avlösarservice enligt LSS | ledsagning avlosning
    Ledsagning; Avlösning
upplands-vasby-kommun/hemtjanst | m:Upplands Väsby
    Upplands Väsby kommun | Upplands Väsby
    Förfrågningsunderlag valfrihetssystem inom hemtjänst service | hemtjanst
    Hemtjänst
malung-salens-kommun/hemtjanst | m:Malung-Sälen
    Malung-Sälens kommun | Dalarnas län
    Valfrihetssystem hemtjänst | hemtjanst
    []
lilla-edets-kommun/hemtjanst | m:Lilla Edet
    Lilla Edets kommun | Västra Götalands län
    Kundval hemtjänst i Lilla Edet | hemtjanst
    Hemtjänst
habo-kommun/daglig-verksamhet | m:Håbo
    Håbo kommun | Uppsala län
    Daglig verksamhet LSS | daglig_verksamhet_lss
    Daglig verksamhet enligt LSS
habo-kommun/hemtjanst | m:Habo
    Habo kommun | Jönköpings län
    Valfrihetssystem inom hemtjänst | hemtjanst
    Hemtjänst
nacka-kommun/hemtjanst | m:Nacka
    Nacka kommun | Stockholms län
    Kundval hemtjänst | hemtjanst
    Hemtjänst
nacka-kommun/familjeradgivning | m:Nacka
    Nacka kommun | Stockholms län
    Valfrihetssystem för familjerådgivning | familjeradgivning
    Familjerådgivning
taby-kommun/avlosarservice | m:Täby
    Täby kommun | Stockholms län
    Avlösarservice i hemmet enligt LSS | avlosning
    Avlösarservice
uppsala-kommun/sarskilt-boende | m:Uppsala
    Äldrenämnden, Uppsala kommun | Uppsala
    Särskilt boende för äldre | sarskilt_boende_aldre
    Särskilt boende för äldre (SoL)
linkopings-kommun/hemtjanst | m:Linköping
    Linköpings kommun | Östergötlands län
    Hemtjänst inklusive hemsjukvård | hemtjanst ~hemsjukvard
    Hemtjänst – service; Hemtjänst – omvårdnad; Hemtjänst – hemsjukvård
norrkopings-kommun/matdistribution | m:Norrköping
    Norrköpings kommun | Östergötlands län
    Valfrihetssystem för matdistribution | matdistribution
    Matdistribution
helsingborgs-stad/dagverksamhet | m:Helsingborg
    Helsingborgs stad | Skåne län
    Dagverksamhet för äldre | dagverksamhet_aldre
    Tjänster för dagcenter
vasteras-stad/personlig-assistans | m:Västerås
    Västerås stad | Västmanlands län
    Ickevalsalternativ personlig assistans enligt LSS | personlig_assistans
    Personlig assistans
orebro-kommun/korttidsvistelse | m:Örebro
    Örebro kommun | Örebro län
    Korttidsvistelse utanför hemmet enligt LSS | korttidsvistelse_lss
    Korttidsvistelse LSS
lulea-kommun/korttidstillsyn | m:Luleå
    Luleå kommun | Norrbottens län
    Korttidstillsyn för skolungdom över 12 år | korttidstillsyn_lss
    Korttidstillsyn LSS
umea-kommun/sysselsattning | m:Umeå
    Umeå kommun | Västerbottens län
    Sysselsättning inom socialpsykiatrin | sysselsattning_socialpsykiatri
    Sysselsättning socialpsykiatri
ostersunds-kommun/hemtjanst | m:Östersund
    Östersunds kommun | Jämtland
    Valfrihetssystem inom hemtjänst | hemtjanst
    -
molndals-stad/gruppbostad | m:Mölndal
    Mölndals stad | Mölndal
    Bostad med särskild service för vuxna enligt LSS (gruppbostad) | bostad_lss
    Gruppboende LSS
danderyds-kommun/hemtjanst | m:Danderyd
    Danderyds kommun | Stockholms län
    Hemtjänst | hemtjanst
    Hemtjänst
solna-stad/familjebehandling | m:Solna
    Solna stad | Stockholms län
    Valfrihetssystem för familjebehandling | familjebehandling
    Familjebehandling
lidingo-stad/hemtjanst | m:Lidingö
    Lidingö stad | Lidingö
    Kundval inom hemtjänsten | hemtjanst ~aldreomsorg_ovrigt
    Äldreomsorg
vaxholms-stad/hemtjanst | m:Vaxholm | no_trailing_slash
    Vaxholms stad | Stockholms län
    Hemtjänst i Vaxholm | hemtjanst
    Hemtjänst
kungsbacka-kommun/hvb-barn-och-unga | m:Kungsbacka
    Kungsbacka kommun | Hallands län
    Hem för vård eller boende (HVB) för barn och unga | hvb_barn
    HVB för barn
varmdo-kommun/hemtjanst | m:Värmdö
    Värmdö kommun | Stockholms län
    Valfrihetssystem inom hemtjänst | hemtjanst
    Hemtjänst
ale-kommun/daglig-verksamhet | m:Ale
    Ale kommun | Västra Götalands län
    Daglig verksamhet enligt LSS | daglig_verksamhet_lss
    Tjänster för dagcenter
gavle-kommun/oppenvard-missbruk | m:Gävle
    Gävle kommun | Gävleborgs län
    Öppenvård för personer med missbruk och beroende | missbruk_oppenvard
    Öppenvård missbruk
eskilstuna-kommun/hemtjanst | m:Eskilstuna
    Eskilstuna kommun | Södermanlands län
    Hemtjänst enligt 3 kap. 6 § SoL | hemtjanst
    Hemtjänst
jonkopings-kommun/ledsagarservice | m:Jönköping
    Jönköpings kommun | Jönköpings län
    Ledsagarservice enligt LSS | ledsagning
    Ledsagning
dals-eds-kommun/hemtjanst | m:Dals-Ed
    Dals-Eds kommun | Västra Götalands län
    Valfrihetssystem inom hemtjänst | hemtjanst
    Hemtjänst
ostra-goinge-kommun/hemtjanst | m:Östra Göinge
    Östra Göinge kommun | Skåne
    Kundval inom hemtjänsten | hemtjanst
    Hemtjänst
lerums-kommun/arbetsmarknadsinsatser | m:Lerum
    Arbetsmarknadsnämnden i Lerums kommun | Västra Götalands län
    Arbetsmarknadsinsatser enligt LOV | arbetsmarknadsinsatser
    Jobbsökningstjänster
region-skane/halsoval | c:Skåne län
    Region Skåne | Skåne
    Hälsoval Skåne – vårdcentral | primarvard
    Allmänpraktiserande läkare
region-stockholm/medicinsk-fotvard | c:Stockholms län
    Region Stockholm | Stockholm
    Vårdval medicinsk fotvård | medicinsk_fotvard ~paramedicin
    Paramedicinska tjänster
vastra-gotalandsregionen/tandvard-barn-och-unga | c:Västra Götalands län
    Västra Götalandsregionen | Västra Götaland
    Vårdval allmäntandvård för barn och unga | tandvard
    Tandläkarvård
region-jamtland-harjedalen/primarvard | c:Jämtlands län
    Region Jämtland Härjedalen | Jämtland Härjedalen
    Vårdval primärvård | primarvard
    Allmänpraktiserande läkare
region-sormland/fysioterapi | c:Södermanlands län
    Region Sörmland | Sörmland
    Vårdval fysioterapi | fysioterapi ~paramedicin
    Paramedicinska tjänster
region-gotland/hemtjanst | m:Gotland
    Region Gotland | Gotland
    Valfrihetssystem inom hemtjänst | hemtjanst
    Hemtjänst
region-ostergotland/psykoterapi | c:Östergötlands län
    Region Östergötland | Östergötland
    Vårdval psykoterapi | psykoterapi
    Psykoterapi
region-vasterbotten/horsel | c:Västerbottens län | absolute_url
    Region Västerbotten | Västerbotten
    Vårdval hörsel | horsel
    Hörselvård
region-halland/ogonsjukvard | c:Hallands län
    Region Halland | Halland
    Vårdval Halland – ögonsjukvård | ogonsjukvard
    -
region-jonkopings-lan/barnmorskemottagning | c:Jönköpings län
    Region Jönköpings län | Jönköpings län
    Vårdval barnmorskemottagning | barnmorskemottagning
    Barnmorskemottagning
region-uppsala/logopedi | c:Uppsala län
    Region Uppsala | Uppsala län
    Vårdval logopedi | logopedi ~paramedicin
    Paramedicinska tjänster
arbetsformedlingen/rusta-och-matcha | -
    Arbetsförmedlingen | Hela Sverige
    Rusta och matcha | rusta_och_matcha ~arbetsmarknadsinsatser
    Jobbsökningstjänster
arbetsformedlingen/stod-och-matchning | -
    Arbetsförmedlingen | -
    Stöd och matchning | stod_och_matchning ~arbetsmarknadsinsatser
    []
"""

NEWCOMERS_TABLE = """
huddinge-kommun/hemtjanst | m:Huddinge
    Huddinge kommun | Stockholms län
    Valfrihetssystem inom hemtjänst i Huddinge | hemtjanst
    Hemtjänst
region-dalarna/medicinsk-fotvard | c:Dalarnas län
    Region Dalarna | Dalarna
    Vårdval medicinsk fotvård | medicinsk_fotvard
    Medicinsk fotvård
"""


FIRST = "Anna Karin Lars Maria Johan Eva Erik Sara Anders Lena Per Sofia Mikael".split()
LAST = "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson".split()


def _parse(table: str, first: int) -> list[Advert]:
    lines = table.strip("\n").split("\n")
    records = [lines[i : i + 4] for i in range(0, len(lines), 4)]
    adverts = []
    for n, (head, who, what, areas) in enumerate(records, start=first):
        key, expected, *flags = (p.strip() for p in head.split("|"))
        authority, region = (p.strip() for p in who.split("|"))
        heading, cats = (p.strip() for p in what.split("|"))
        areas = areas.strip()
        codes = cats.split()
        stamp = STAMPS[n % len(STAMPS)].format(m=1 + n % 9, d=1 + n % 27)
        adverts.append(
            Advert(
                key=key,
                serial=n,
                authority=authority,
                region_name=None if region == "-" else region,
                heading=heading,
                areas=None
                if areas == "-"
                else tuple(a for a in areas.strip("[]").split("; ") if a),
                updated=stamp,
                categories=tuple(c for c in codes if not c.startswith("~")),
                tolerated=tuple(c[1:] for c in codes if c.startswith("~")),
                municipality=expected[2:] if expected.startswith("m:") else None,
                county=expected[2:] if expected.startswith("c:") else None,
                contact=f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}",
                absolute_url="absolute_url" in flags,
                trailing_slash="no_trailing_slash" not in flags,
            )
        )
    return adverts


def day_one() -> State:
    """53 adverts: more than the 50 the server returns per page."""
    return State(listed=_parse(DAY_ONE_TABLE, 0))


#: The next day's changes, by advert key.
HEADING_CHANGED = "nacka-kommun/hemtjanst"
PAGE_CHANGED = "region-skane/halsoval"
TOUCHED = ("danderyds-kommun/hemtjanst", "region-halland/ogonsjukvard")
GONE_404 = "orebro-kommun/korttidsvistelse"
GONE_410 = "lulea-kommun/korttidstillsyn"
DELISTED_ALIVE = "umea-kommun/sysselsattning"
NEXT_UPDATED = "2025-12-01T08:00:00Z"


def next_day() -> State:
    """Two new adverts, two changed, two touched, and three delisted (404, 410, page alive)."""
    by_key = {a.key: a for a in day_one().listed}
    listed = []
    for key, advert in by_key.items():
        if key in (GONE_404, GONE_410, DELISTED_ALIVE):
            continue
        if key == HEADING_CHANGED:
            advert = replace(
                advert, heading="Kundval inom hemtjänst – service och omsorg", updated=NEXT_UPDATED
            )
        elif key == PAGE_CHANGED:
            advert = replace(
                advert,
                contact="Petra Nilsson",
                description="Nytt förfrågningsunderlag från 1 december: ansök löpande.",
                updated=NEXT_UPDATED,
            )
        elif key in TOUCHED:
            advert = replace(advert, updated=NEXT_UPDATED)
        listed.append(advert)
    listed += _parse(NEWCOMERS_TABLE, len(day_one().listed))
    return State(
        listed=listed,
        alive=[by_key[DELISTED_ALIVE]],
        gone={GONE_404: 404, GONE_410: 410},
    )
