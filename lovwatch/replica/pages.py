"""HTML of the replica's pages: advert pages in three layouts (and "relaunch", without labels,
for drift tests), gone/not-found pages and the JavaScript-rendered listing shell.

The real advert layout is unknown, so the layouts differ in the elements that hold the labels
(dt/dd, label/value spans and ``<strong>`` + text, th/td) while carrying the same facts, and
they sit inside the usual site noise (navigation, cookie banner, footer). Every value is
HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from lovwatch.replica.dataset import ReplicaAdvert

_HEAD = """<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | Upphandlingsmyndigheten</title>
<link rel="stylesheet" href="/static/css/main.css">
<script src="/static/js/consent.js" defer></script>
</head>
<body>
<div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Kakor">
  <p>Vi använder kakor (cookies) för att webbplatsen ska fungera och för att förbättra den.
  <a href="/om-webbplatsen/kakor/">Läs mer om kakor</a></p>
  <button type="button">Godkänn alla kakor</button>
  <button type="button">Endast nödvändiga kakor</button>
</div>
<header class="site-header">
  <a class="logo" href="/">Upphandlingsmyndigheten</a>
  <nav aria-label="Huvudmeny"><ul>
    <li><a href="/regler-och-lagar/">Regler och lagar</a></li>
    <li><a href="/inkop-och-upphandling/">Inköp och upphandling</a></li>
    <li><a href="/hitta-lov-uppdrag/">Hitta LOV-uppdrag</a></li>
    <li><a href="/statistik/">Statistik</a></li>
    <li><a href="/sok/?q=">Sök</a></li>
  </ul></nav>
</header>
<main id="main-content">
"""

_FOOT = """</main>
<footer class="site-footer">
  <p>Upphandlingsmyndigheten, Box 1074, 172 22 Sundbyberg. Telefon 08-586 21 700.</p>
  <ul>
    <li><a href="/om-oss/kontakta-oss/">Kontakta oss</a></li>
    <li><a href="/om-webbplatsen/tillganglighetsredogorelse/">Tillgänglighetsredogörelse</a></li>
    <li><a href="/om-webbplatsen/personuppgifter/">Personuppgifter</a></li>
  </ul>
</footer>
</body>
</html>
"""


def _page(title: str, body: str) -> str:
    return _HEAD.format(title=escape(title)) + body + _FOOT


def _areas_label(advert: ReplicaAdvert) -> str:
    return "Tjänsteområden" if len(advert.business_areas or []) > 1 else "Tjänsteområde"


def _contact_html(contact: str) -> str:
    """Name as text, e-mail as a mailto link, phone as a tel link."""
    parts = []
    for part in (p.strip() for p in contact.split(",")):
        if "@" in part:
            parts.append(f'<a href="mailto:{escape(part)}">{escape(part)}</a>')
        elif part[:1].isdigit() or part.startswith("+"):
            tel = "".join(ch for ch in part if ch.isdigit() or ch == "+")
            parts.append(f'<a href="tel:{escape(tel)}">{escape(part)}</a>')
        else:
            parts.append(escape(part))
    return "<br>\n".join(parts)


def _documents_html(advert: ReplicaAdvert) -> str:
    items = "".join(
        f'<li><a href="{escape(url)}">{escape(label)}</a></li>' for label, url in advert.documents
    )
    return f'<ul class="documents">{items}</ul>'


def _facts(advert: ReplicaAdvert, authority_label: str) -> list[tuple[str, str]]:
    """(label, HTML value) pairs every layout shows; areas only when the advert has some."""
    facts = [(authority_label, escape(advert.authority)), ("Län", escape(advert.region_name))]
    if advert.business_areas:
        facts.append((_areas_label(advert), escape(", ".join(advert.business_areas))))
    facts += [
        ("Publicerad", escape(advert.published)),
        ("Senast uppdaterad", escape(advert.updated)),
        ("Kontaktperson", _contact_html(advert.contact)),
        ("Dokument", _documents_html(advert)),
    ]
    return facts


def _dl_layout(advert: ReplicaAdvert) -> str:
    rows = "".join(
        f"<dt>{escape(label)}</dt><dd>{value}</dd>\n"
        for label, value in _facts(advert, "Upphandlande myndighet")
    )
    return f'<dl class="advert-facts">\n{rows}</dl>'


def _spans_layout(advert: ReplicaAdvert) -> str:
    # Short facts as label/value spans, the rest as bold labels followed by text.
    parts = []
    for label, value in _facts(advert, "Annonserande organisation"):
        if label in ("Kontaktperson", "Dokument") or label.startswith("Tjänsteområde"):
            parts.append(f'<div class="block"><strong>{escape(label)}:</strong> {value}<br></div>')
        else:
            parts.append(
                f'<div class="fact"><span class="label">{escape(label)}</span> '
                f'<span class="value">{value}</span></div>'
            )
    return '<div class="advert-info">\n' + "\n".join(parts) + "\n</div>"


def _table_layout(advert: ReplicaAdvert) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th><td>{value}</td></tr>\n'
        for label, value in _facts(advert, "Upphandlande myndighet")
    )
    return f'<table class="advert-table">\n<tbody>\n{rows}</tbody>\n</table>'


def _relaunch_layout(advert: ReplicaAdvert) -> str:
    # A redesign that shows the same facts as unlabelled cards: what a site relaunch the
    # parser was not written for looks like.
    cards = "".join(f'<div class="card">{value}</div>\n' for _label, value in _facts(advert, ""))
    return f'<div class="cards">\n{cards}</div>'


_LAYOUTS: dict[str, Callable[[ReplicaAdvert], str]] = {
    "dl": _dl_layout,
    "spans": _spans_layout,
    "table": _table_layout,
    "relaunch": _relaunch_layout,
}


def render_advert(advert: ReplicaAdvert) -> str:
    """The advert page at /hitta-lov-uppdrag/annonser/<buyer>/<system>/ in its layout."""
    try:
        facts = _LAYOUTS[advert.layout](advert)
    except KeyError:
        raise ValueError(
            f"unknown layout {advert.layout!r} for {advert.key}; use one of {sorted(_LAYOUTS)}"
        ) from None
    description = "".join(
        f"<p>{escape(paragraph)}</p>\n" for paragraph in advert.description.split("\n\n")
    )
    body = f"""<nav class="breadcrumbs" aria-label="Brödsmulor">
  <a href="/">Start</a> / <a href="/hitta-lov-uppdrag/">Hitta LOV-uppdrag</a> /
  <span>{escape(advert.heading)}</span>
</nav>
<article class="lov-advert" data-layout="{escape(advert.layout)}">
<h1>{escape(advert.heading)}</h1>
{facts}
<section class="description">
<h2>Beskrivning</h2>
{description}</section>
</article>
<aside class="related"><h2>Om LOV</h2>
<p>Lagen (2008:962) om valfrihetssystem ger kommuner och regioner möjlighet att låta
invånarna välja utförare. <a href="/regler-och-lagar/lov/">Läs mer om LOV</a></p></aside>
"""
    return _page(advert.heading, body)


def render_status(status: int) -> str:
    """The page for 404 (no such advert) and 410 (advert removed)."""
    if status == 410:
        title, text = "Annonsen är borttagen", "Annonsen har tagits bort och finns inte längre."
    else:
        title, text = "Sidan kunde inte hittas", "Sidan du söker finns inte eller har flyttats."
    return _page(
        title,
        f"<h1>{title}</h1>\n<p>{text}</p>\n"
        '<p><a href="/hitta-lov-uppdrag/">Till Hitta LOV-uppdrag</a></p>\n',
    )


def render_listing_shell() -> str:
    """/hitta-lov-uppdrag/: rendered in the browser from the search endpoint, so no adverts."""
    body = """<h1>Hitta LOV-uppdrag</h1>
<p>Här hittar du annonser om valfrihetssystem enligt LOV.</p>
<div id="lov-search-app" data-endpoint="/api/sv/hitta-lov/search"></div>
<noscript>Du behöver aktivera JavaScript för att söka bland annonserna.</noscript>
<script src="/static/js/hitta-lov.js" defer></script>
"""
    return _page("Hitta LOV-uppdrag", body)


def render_home() -> str:
    """The start page: only links onwards."""
    return _page(
        "Start",
        "<h1>Upphandlingsmyndigheten</h1>\n"
        '<p><a href="/hitta-lov-uppdrag/">Hitta LOV-uppdrag</a></p>\n',
    )
