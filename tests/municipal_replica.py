"""A local replica of a few municipal websites, each on its own loopback host.

Sitevision-like pages: big navigation menus, search form, cookie banner and footer around
one content portlet. Between them: a provider list, a news item naming new companies, a PDF
förfrågningsunderlag, a robots.txt that disallows a LOV-looking draft, a sitemap leading to a
page no menu links, and one "Jämför utförare" page whose provider list is injected by
JavaScript from a JSON endpoint (only a browser sees it). Standard library only; each site is
served from a daemon thread. Pages can be changed while the servers run (`set_page`).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

#: (municipality code, name, loopback host) of the replicated sites.
SITES = (
    ("2309", "Krokom", "127.0.0.2"),
    ("2463", "Åsele", "127.0.0.3"),
    ("1980", "Västerås", "127.0.0.4"),
)

_ADVERT = (
    "https://www.upphandlingsmyndigheten.se/hitta-lov-uppdrag/annonser/krokoms-kommun/hemtjanst/"
)
_NAV = """<header class="sv-header"><a class="skip-link" href="#content">Till innehåll</a>
<a href="/">Startsida</a> <a href="/lattlast.html">Lättläst</a>
<a href="/other-languages.html">Other languages</a>
<form class="search-form" action="/sok.html"><input name="query"><button>Sök</button></form>
</header>
<nav class="sv-menu main-menu"><ul>
<li><a href="/barn-och-utbildning.html">Barn och utbildning</a></li>
<li><a href="/bygga-bo-och-miljo.html">Bygga, bo och miljö</a></li>
<li><a href="/omsorg-och-stod.html">Omsorg och stöd</a></li>
<li><a href="/kultur-och-fritid.html">Kultur och fritid</a></li>
<li><a href="/naringsliv-och-arbete.html">Näringsliv och arbete</a></li>
<li><a href="/nyheter.html">Nyheter</a></li>
</ul></nav>
<div class="cookie-banner"><p>Vi använder kakor (cookies). <a href="/cookies.html">Om cookies</a>
</p></div>"""


def page(title: str, municipality: str, body: str, head: str = "") -> str:
    """A Sitevision-like page: noise around a content portlet holding `body`."""
    return (
        f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'>"
        f"<title>{title} - {municipality} kommun</title>{head}</head><body>{_NAV}"
        f"<main id='content'><div class='sv-text-portlet'>{body}"
        f"org.mozilla.javascript.Undefined@0</div></main>"
        f"<footer class='sv-footer'><p>{municipality} kommun · Organisationsnummer: "
        f"212000-0000</p></footer></body></html>"
    )


def _krokom() -> dict[str, str]:
    name = "Krokom"
    return {
        "/": page(
            "Startsida",
            name,
            "<h1>Välkommen till Krokoms kommun</h1><p>Här bor 15 000 invånare.</p>",
        ),
        "/omsorg-och-stod.html": page(
            "Omsorg och stöd",
            name,
            """<h1>Omsorg och stöd</h1><ul>
<li><a href="/omsorg-och-stod/aldre/hemtjanst.html">Hemtjänst</a></li>
<li><a href="/omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html">Välj utförare
av hemtjänst</a></li><li><a href="/intern/lov-utkast.html">LOV – utkast</a></li></ul>""",
        ),
        "/omsorg-och-stod/aldre/hemtjanst.html": page(
            "Hemtjänst",
            name,
            """<h1>Hemtjänst</h1>
<p>Hemtjänst ger dig stöd i hemmet. Ansök hos biståndshandläggaren.</p>""",
        ),
        "/omsorg-och-stod/aldre/hemtjanst/valj-utforare-av-hemtjanst.html": page(
            "Välj utförare av hemtjänst",
            name,
            f"""<h1>Välj utförare av hemtjänst</h1>
<p>Sedan hösten 2010 har Krokoms kommun valfrihet i hemtjänsten enligt LOV. Du kan välja mellan
kommunens hemtjänst och de företag som kommunen har godkänt.</p>
<h2>Godkända utförare</h2><p>Följande utförare är godkända:</p><ul>
<li>Jämtvård Omsorg AB, 556677-8899</li><li>Fjällnära Hemtjänst HB, 969700-1114</li>
<li>Krokoms kommun, hemtjänst i egen regi</li></ul>
<p>Läs <a href="/download/Forfragningsunderlag-hemtjanst.pdf">Förfrågningsunderlag
hemtjänst (pdf)</a> och annonsen i <a href="{_ADVERT}">Hitta LOV-uppdrag</a>.</p>""",
        ),
        "/nyheter.html": page(
            "Nyheter",
            name,
            """<h1>Nyheter</h1><ul><li>
<a href="/nyheter/nya-foretag-i-hemtjansten.html">Två nya företag i hemtjänsten</a></li></ul>""",
        ),
        "/nyheter/nya-foretag-i-hemtjansten.html": page(
            "Två nya företag i hemtjänsten",
            name,
            """<h1>Två nya företag i hemtjänsten</h1>
<p>2024-03-01</p><p>Två nya hemtjänstföretag: Jämtvård Omsorg AB och Fjällnära Hemtjänst HB har
godkänts enligt LOV.</p>""",
        ),
        "/intern/lov-utkast.html": page(
            "LOV utkast",
            name,
            "<h1>Utkast: avveckla LOV</h1><p>Nämnden beslutade att avveckla LOV.</p>",
        ),
        "/naringsliv/bli-utforare-enligt-lov.html": page(
            "Bli utförare enligt LOV",
            name,
            """<h1>Bli utförare enligt LOV</h1><p>Kommunen
tillämpar LOV inom hemtjänst. Ansökan kan lämnas löpande.</p>""",
        ),
        "/robots.txt": "User-agent: *\nDisallow: /intern/\n",
        "/sitemap.xml": (
            "<?xml version='1.0'?><urlset><url><loc>{root}/naringsliv/"
            "bli-utforare-enligt-lov.html</loc></url><url><loc>{root}/kontakt.html"
            "</loc></url></urlset>"
        ),
    }


_JAMFOR_JS = """fetch('/api/utforare.json').then(r => r.json()).then(list => {
  const box = document.getElementById('utforare-lista');
  box.innerHTML = '<h2>Godkända utförare av hemtjänst</h2><ul>' +
    list.map(p => '<li>' + p.namn + ', ' + p.orgnr + '</li>').join('') + '</ul>';
});"""


def _asele() -> dict[str, str]:
    name = "Åsele"
    providers = [
        {"namn": "Lappland Omsorg AB", "orgnr": "559100-2232"},
        {"namn": "Åsele kommun hemtjänst", "orgnr": "212000-2528"},
    ]
    return {
        "/": page("Startsida", name, "<h1>Åsele kommun</h1><p>Välkommen.</p>"),
        "/omsorg-och-stod.html": page(
            "Omsorg och stöd",
            name,
            """<h1>Omsorg och stöd</h1>
<ul><li><a href="/kundval-hemtjanst.html">Kundval inom hemtjänsten</a></li>
<li><a href="/jamfor-utforare.html">Jämför utförare</a></li></ul>""",
        ),
        "/kundval-hemtjanst.html": page(
            "Kundval inom hemtjänsten",
            name,
            """<h1>Kundval inom
hemtjänsten</h1><p>Åsele kommun har kundval enligt LOV inom hemtjänsten sedan 2012. Du kan själv
välja utförare.</p><p><a href="/jamfor-utforare.html">Jämför utförare</a></p>""",
        ),
        "/jamfor-utforare.html": page(
            "Jämför utförare",
            name,
            """<h1>Jämför utförare – hemtjänst</h1>
<noscript>Aktivera JavaScript för att se utförarna.</noscript>
<div id="utforare-lista"></div>""",
            head="<script src='/static/jamfor.js' defer></script>",
        ),
        "/static/jamfor.js": _JAMFOR_JS,
        "/api/utforare.json": json.dumps(providers, ensure_ascii=False),
    }


def _vasteras() -> dict[str, str]:
    name = "Västerås"
    return {
        "/": page(
            "Startsida",
            name,
            """<h1>Västerås</h1><p><a href="/nyheter/lov-ledsagning.html">
Nämnden avvecklar LOV inom ledsagarservice</a></p>""",
        ),
        "/nyheter/lov-ledsagning.html": page(
            "Nämnden avvecklar LOV inom ledsagarservice",
            name,
            """<h1>Nämnden avvecklar LOV
inom ledsagarservice</h1><p>Nämnden beslutade den 22/2/2018 att avveckla valfrihetssystemet
inom ledsagarservice. LOV inom hemtjänsten ska inte avvecklas.</p>""",
        ),
    }


#: A region's site (stored under its county code), served beside the municipalities when asked.
REGION = ("12", "Region Skåne", "127.0.0.7")
VARDVAL_PAGE = "/vardgivare/vardval-i-skane/godkanda-vardcentraler.html"


def _region() -> dict[str, str]:
    """A region's site: the care section leads to its vårdval pages, which never write "LOV"
    in a link; the approved vårdcentraler are listed with their company forms."""

    def region_page(title: str, body: str) -> str:
        return (
            f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>{title} - "
            f"Region Skåne</title></head><body><nav><a href='/'>Startsida</a> "
            f"<a href='/halsa-och-vard.html'>Hälsa och vård</a> "
            f"<a href='/kultur.html'>Kultur</a> <a href='/kollektivtrafik.html'>Kollektivtrafik"
            f"</a></nav><main>{body}</main></body></html>"
        )

    return {
        "/": region_page("Startsida", "<h1>Välkommen till Region Skåne</h1>"),
        "/halsa-och-vard.html": region_page(
            "Hälsa och vård",
            """<h1>Hälsa och vård</h1><ul>
<li><a href="/vardgivare/vardval-i-skane.html">Vårdval i Skåne</a></li>
<li><a href="/tandvard.html">Tandvård</a></li></ul>""",
        ),
        "/vardgivare/vardval-i-skane.html": region_page(
            "Vårdval i Skåne",
            """<h1>Vårdval i Skåne</h1><p>Region Skåne har vårdval enligt lagen om
valfrihetssystem (LOV) inom primärvården. Alla som bor i Skåne kan välja vårdcentral.</p>
<p><a href="/vardgivare/vardval-i-skane/godkanda-vardcentraler.html">Godkända
vårdcentraler</a></p>""",
        ),
        VARDVAL_PAGE: region_page(
            "Godkända vårdcentraler",
            """<h1>Godkända vårdcentraler inom Vårdval Skåne</h1>
<p>Följande privata vårdgivare är godkända enligt LOV:</p><ul>
<li>Läkarhuset Söder AB</li><li>Österlens Hälsocentral AB</li></ul>""",
        ),
    }


def region_site() -> ReplicaSite:
    """The region's replica site (not among the default `MunicipalReplica` sites)."""
    code, name, host = REGION
    return ReplicaSite(code, name, host, _region())


_CONTENT_TYPES = {
    ".js": "application/javascript",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
}
_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class ReplicaSite:
    """One municipality's site: its pages by path, served on `host`."""

    code: str
    name: str
    host: str
    #: Pages by path: text (HTML, robots.txt, a sitemap) or a file's bytes (a PDF).
    pages: dict[str, str | bytes]
    port: int = 0
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/"


@dataclass
class RequestRecord:
    host: str
    path: str
    user_agent: str
    #: The answer's status: 304 when the client's If-None-Match still held.
    status: int = 200


@dataclass
class MunicipalReplica:
    """Several municipal sites on loopback hosts; a context manager."""

    sites: list[ReplicaSite] = field(
        default_factory=lambda: [
            ReplicaSite(code, name, host, builder())
            for (code, name, host), builder in zip(SITES, (_krokom, _asele, _vasteras), strict=True)
        ]
    )
    requests: list[RequestRecord] = field(default_factory=list)
    #: Seconds each answer takes: one figure for every page, or (shortest, longest) spread
    #: over paths by a stable hash, as real sites are slow on some pages and fast on others.
    latency: float | tuple[float, float] = 0.0
    #: Seconds more for one page, by (host, path): a site slow on one page only.
    slow: dict[tuple[str, str], float] = field(default_factory=dict)
    #: Measured at the server side: the most requests one host had in progress at once, and
    #: the most hosts that had a request in progress at once.
    peak_per_host: Counter[str] = field(default_factory=Counter)
    peak_hosts: int = 0
    _in_flight: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def delay(self, host: str, path: str) -> float:
        extra = self.slow.get((host, path), 0.0)
        if not isinstance(self.latency, tuple):
            return self.latency + extra
        low, high = self.latency
        if high <= 0:
            return extra
        spread = int(hashlib.sha1(f"{host}{path}".encode()).hexdigest()[:4], 16) / 0xFFFF
        return low + (high - low) * spread + extra

    def __enter__(self) -> MunicipalReplica:
        for site in self.sites:
            site.server = ThreadingHTTPServer((site.host, 0), _handler(self, site))
            site.server.daemon_threads = True
            site.port = site.server.server_address[1]
            threading.Thread(target=site.server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for site in self.sites:
            if site.server is not None:
                site.server.shutdown()
                site.server.server_close()

    def site(self, code: str) -> ReplicaSite:
        return next(site for site in self.sites if site.code == code)

    def set_page(self, code: str, path: str, html: str | bytes | None) -> None:
        """Change (or with None remove) a page while the servers run."""
        pages = self.site(code).pages
        if html is None:
            pages.pop(path, None)
        else:
            pages[path] = html

    def two_paths_to_news(self) -> tuple[str, str]:
        """Krokom's news on kundval, linked from the care section (depth 1, slow), and
        through a chain of kundval pages that is read first and reaches it at the crawl's
        last depth (3), where no link is followed; read from the care section, it is at
        depth 2, and its one item is followed. Returns the news page's and the item's paths."""
        news = "/kundval/nyheter-om-kundval.html"
        item = "/kundval/nytt-foretag-godkant-i-kundvalet.html"

        def linking(path: str, text: str) -> str:
            return page(text, "Krokom", f"<h1>{text}</h1><p><a href='{path}'>{text}</a></p>")

        start = page("Startsida", "Krokom", "<h1>Välkommen</h1><a href='/kundval.html'>Kundval</a>")
        self.set_page("2309", "/", start)
        self.set_page("2309", "/omsorg-och-stod.html", linking(news, "Nyheter om kundval"))
        self.set_page("2309", "/kundval.html", linking("/kundval/utforare.html", "Utförare"))
        self.set_page("2309", "/kundval/utforare.html", linking(news, "Nyheter om kundval"))
        self.set_page("2309", news, linking(item, "Nytt företag godkänt i kundvalet"))
        self.set_page("2309", item, linking("/", "Startsida"))
        self.slow[("127.0.0.2", "/omsorg-och-stod.html")] = 1.5
        return news, item

    def site_options(self) -> list[str]:
        """`--site CODE=URL` arguments for every replicated site."""
        return [arg for site in self.sites for arg in ("--site", f"{site.code}={site.base_url}")]

    def paths(self, host: str) -> list[str]:
        return [record.path for record in self.requests if record.host == host]

    def begin(self, host: str) -> None:
        """A request to `host` is being answered (for the peaks)."""
        with self._lock:
            self._in_flight[host] += 1
            self.peak_per_host[host] = max(self.peak_per_host[host], self._in_flight[host])
            busy = sum(1 for count in self._in_flight.values() if count > 0)
            self.peak_hosts = max(self.peak_hosts, busy)

    def end(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] -= 1


def _handler(replica: MunicipalReplica, site: ReplicaSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # The request counts as in progress until its answer starts on the wire: once the
            # client can read the answer it may send the next request, and a count ended only
            # after the last byte would now and then see the two overlap.
            replica.begin(site.host)
            try:
                answer = self._answer()
            finally:
                replica.end(site.host)
            self._send(*answer)

        def _answer(self) -> tuple[int, str, bytes]:
            path = self.path.split("?")[0]
            self.record = RequestRecord(site.host, path, self.headers.get("User-Agent", ""))
            replica.requests.append(self.record)
            time.sleep(replica.delay(site.host, path))
            body = site.pages.get(path)
            if isinstance(body, bytes):
                return 200, _CONTENT_TYPES[path[path.rfind(".") :]], body
            elif path.endswith(".pdf"):
                return 200, "application/pdf", _PDF
            elif body is None:
                return (
                    404,
                    "text/html; charset=utf-8",
                    page("Sidan finns inte", site.name, "<h1>Sidan finns inte</h1>").encode(),
                )
            else:
                suffix = path[path.rfind(".") :] if "." in path else ".html"
                root = f"http://{site.host}:{site.port}"
                return (
                    200,
                    _CONTENT_TYPES.get(suffix, "text/html; charset=utf-8"),
                    body.replace("{root}", root).encode("utf-8"),
                )

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            # Validators, as a real site sends them: a client that kept the page asks again
            # with If-None-Match and gets 304 without the body.
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.record.status = status
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: requests are recorded in `replica.requests`."""

    return Handler
