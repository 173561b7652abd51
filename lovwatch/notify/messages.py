"""Turning events into a message: a Swedish title and a body rendered from Jinja2 templates in
the target's format (text, Markdown or HTML). National and municipal-site events (see
`lovwatch.notify.municipal`) become the same `Notice`, so one message can hold both.

Advert text is data, never markup: every value a template prints is escaped for the format
(HTML entities; Markdown backslashes; whitespace collapsed so a heading cannot start a new
line or block), and URLs inside advert text are defanged so chat and mail clients do not turn
them into links. Only lovwatch's own advert links are links, and only if they are http(s).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote, urljoin

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from lovwatch.constants import (
    LOV_ENDED,
    LOV_INTRODUCED,
    PROVIDER_ADDED,
    PROVIDER_REMOVED,
    EventKind,
)
from lovwatch.normalize.authorities import county_by_code, municipality_by_code
from lovwatch.notify.targets import HTML, MARKDOWN, TEXT

#: Order of kinds in titles and bodies; (singular, plural) adjectives for "valfrihetssystem".
KIND_WORDS: dict[str, tuple[str, str]] = {
    EventKind.NEW: ("nytt", "nya"),
    EventKind.REAPPEARED: ("återpublicerat", "återpublicerade"),
    EventKind.CHANGED: ("ändrat", "ändrade"),
    EventKind.ENDED: ("avslutat", "avslutade"),
}
#: Municipal-site kinds, after the national ones: (singular, plural) of the title's phrase.
MUNICIPAL_KIND_WORDS: dict[str, tuple[str, str]] = {
    PROVIDER_ADDED: ("ny utförare", "nya utförare"),
    PROVIDER_REMOVED: ("utförare borttagen", "utförare borttagna"),
    LOV_INTRODUCED: ("kommunalt beslut att införa LOV", "kommunala beslut att införa LOV"),
    LOV_ENDED: ("kommunalt beslut att avsluta LOV", "kommunala beslut att avsluta LOV"),
}
#: Every kind in the order titles and bodies list them.
KIND_ORDER = (*KIND_WORDS, *MUNICIPAL_KIND_WORDS)
#: Headings of the body's groups: "Nya valfrihetssystem", "Avslutade valfrihetssystem".
KIND_LABELS = {
    **{kind: f"{words[1].capitalize()} valfrihetssystem" for kind, words in KIND_WORDS.items()},
    PROVIDER_ADDED: "Nya utförare",
    PROVIDER_REMOVED: "Utförare som inte längre listas",
    LOV_INTRODUCED: "Kommuner som inför LOV",
    LOV_ENDED: "Kommuner som avslutar LOV",
}
#: Swedish names of the snapshot fields a "changed" event lists.
FIELD_LABELS = {
    "title": "rubrik",
    "region_name": "region",
    "listing_areas": "tjänsteområden",
    "page_areas": "tjänsteområden på sidan",
    "excerpt": "ingress",
    "authority": "myndighet",
    "published": "publicerad",
    "contact": "kontaktperson",
    "documents": "dokument",
    "description": "beskrivning",
}
_SHORT_VALUE = 80
#: Characters of unchanged text shown on each side of what changed in a long value.
_CONTEXT = 25
#: Why an advert ended, as `models.history.should_end` writes it (English, in the store), and
#: how a message says it in Swedish. A reason that matches none is shown as written.
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"its page answered HTTP (\d{3})"), r"annonssidan svarade HTTP \1"),
    (
        re.compile(r"missing from (\d+) consecutive complete listings?"),
        r"saknades i \1 fullständiga listningar i rad",
    ),
    (re.compile(r"missing from 1 complete listing"), "saknades i 1 fullständig listning"),
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e]+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=:&])")
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www)(?=[:.])")


@dataclass(frozen=True)
class Notice:
    """One event as a message shows it. For a municipal-site event `title` is the Swedish
    headline, `url` the page it was read on and `quote` the evidence from that page."""

    kind: str
    title: str
    authority: str
    municipality: str
    county: str
    categories: list[str]
    url: str | None
    detected_at: datetime
    changes: list[str] = field(default_factory=list)
    reason: str = ""
    #: "national" (an advert in Hitta LOV-uppdrag) or "municipal" (a municipality's website).
    source: str = "national"
    quote: str = ""
    org_number: str = ""


def swedish_reason(reason: str) -> str:
    """Why an advert ended, in Swedish ("annonssidan svarade HTTP 404"); `reason` is what the
    store holds (English); one that is not recognised is returned as it is."""
    for pattern, swedish in _REASONS:
        if pattern.fullmatch(reason.strip()):
            return pattern.sub(swedish, reason.strip())
    return reason


def _item_text(item: Any) -> str:
    return str(item.get("label", item)) if isinstance(item, dict) else str(item)


def _one_line(value: Any) -> str:
    if isinstance(value, dict):
        value = ", ".join(str(item) for item in value.values() if item not in (None, ""))
    if isinstance(value, list):
        value = ", ".join(_item_text(item) for item in value)
    return "" if value is None else " ".join(str(value).split())


def _short(value: Any) -> str:
    text = _one_line(value)
    return text if len(text) <= _SHORT_VALUE else text[: _SHORT_VALUE - 1] + "…"


def _clip(text: str, limit: int = _SHORT_VALUE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def difference(before: str, after: str) -> tuple[str, str]:
    """The parts of two long texts that differ, with a little unchanged text around them
    ("…sit amet, old words here. Ansökan…"), so a change line shows what changed instead of
    the same beginning cut off twice. Short texts come back whole."""
    if len(before) <= _SHORT_VALUE and len(after) <= _SHORT_VALUE:
        return before, after
    prefix = 0
    for a, b in zip(before, after, strict=False):
        if a != b:
            break
        prefix += 1
    suffix = 0
    limit = min(len(before), len(after)) - prefix
    while suffix < limit and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    # Start at a word: back up to the space before the first difference.
    start = 0
    if prefix > _CONTEXT:
        space = before.rfind(" ", 0, prefix - _CONTEXT)
        start = space + 1 if space > prefix - 3 * _CONTEXT else prefix - _CONTEXT

    def window(text: str) -> str:
        end = len(text) - suffix
        stop = text.find(" ", min(end + _CONTEXT, len(text)))
        stop = len(text) if stop == -1 else stop
        middle = text[start:stop]
        if len(middle) > 2 * _SHORT_VALUE:
            middle = middle[: 2 * _SHORT_VALUE - 1] + "…"
        return ("…" if start > 0 else "") + middle + ("…" if stop < len(text) else "")

    return window(before), window(after)


def _list_change(before: list[Any], after: list[Any]) -> str:
    """A list field's change as what was added and removed: "+ Ledsagning; − Avlösning"."""
    old = [_item_text(item) for item in before]
    new = [_item_text(item) for item in after]
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    parts = [f"+ {_clip(item)}" for item in added] + [f"− {_clip(item)}" for item in removed]
    return "; ".join(parts) or "ordningen ändrad"


def _changes(details: dict[str, Any]) -> list[str]:
    before, after = details.get("before") or {}, details.get("after") or {}
    lines = []
    for name in details.get("fields") or []:
        label = FIELD_LABELS.get(name, name)
        if name not in before and name not in after:
            lines.append(label)
            continue
        old, new = before.get(name), after.get(name)
        if isinstance(old, list) and isinstance(new, list):
            lines.append(f"{label}: {_list_change(old, new)}")
            continue
        shown_old, shown_new = difference(_one_line(old), _one_line(new))
        if shown_old == shown_new:
            # One line hides line breaks and spacing; say so rather than show "a → a".
            lines.append(f"{label}: radbrytningar eller mellanrum ändrade")
            continue
        lines.append(f"{label}: {shown_old or '(tomt)'} → {shown_new or '(tomt)'}")
    return lines


def safe_link(url: str | None, base_url: str | None) -> str | None:
    """An absolute http(s) link, percent-encoded so no format can read markup into it."""
    if not url:
        return None
    absolute = urljoin((base_url or "").rstrip("/") + "/", url)
    if not absolute.lower().startswith(("http://", "https://")):
        return None
    return quote(absolute, safe=":/?#=&%.-_~+,;@")


def notice(event: dict[str, Any], advert: dict[str, Any] | None, base_url: str | None) -> Notice:
    """A Notice from `queries.event_dict(...)` and `queries.advert_dict(...)` of its advert."""
    advert = advert or {}
    municipality = municipality_by_code(advert.get("municipality_code") or "")
    county = county_by_code(advert.get("county_code") or "")
    details = event.get("details") or {}
    return Notice(
        kind=event["kind"],
        title=advert.get("title") or details.get("title") or event["advert_id"],
        authority=advert.get("authority") or "",
        municipality=municipality.name if municipality else "",
        county=county.name if county else "",
        categories=[category["label"] for category in advert.get("categories") or []],
        url=safe_link(advert.get("url"), base_url),
        detected_at=event["detected_at"],
        changes=_changes(details) if event["kind"] == EventKind.CHANGED else [],
        reason=swedish_reason(str(details.get("reason") or "")),
    )


def _counted(counts: Counter[str], kind_words: dict[str, tuple[str, str]]) -> list[str]:
    return [
        f"{counts[kind]} {words[0] if counts[kind] == 1 else words[1]}"
        for kind, words in kind_words.items()
        if counts[kind]
    ]


def _enumerate(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def title_for(notices: list[Notice]) -> str:
    """'3 nya och 1 avslutat valfrihetssystem, 1 ny utförare' (kinds in a fixed order)."""
    counts = Counter(item.kind for item in notices)
    national = _counted(counts, KIND_WORDS)
    municipal = _counted(counts, MUNICIPAL_KIND_WORDS)
    if not national and not municipal:
        return "Inga nya händelser för valfrihetssystem"
    if not national:
        return _enumerate(municipal)
    title = f"{_enumerate(national)} valfrihetssystem"
    return f"{title}, {_enumerate(municipal)}" if municipal else title


def _plain(value: Any) -> str:
    """One line of data: control characters and line breaks gone, URLs defanged."""
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return _AUTOLINK.sub(lambda m: m.group(1) + "\u200b", text)


def escape_for(fmt: str, value: Any) -> str:
    """`value` as inert text in `fmt`; Markup (lovwatch's own, already safe) passes as is."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    text = _plain(value)
    if fmt == HTML:
        return str(escape(text))
    if fmt == MARKDOWN:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return text


def _environment(fmt: str) -> Environment:
    env = Environment(
        loader=PackageLoader("lovwatch.notify", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=lambda value: escape_for(fmt, value),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["link"] = lambda url: Markup(url or "")
    return env


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    fmt: str


def render(
    notices: list[Notice],
    fmt: str,
    subscription: str,
    *,
    digest: str | None = None,
    template: str | None = None,
) -> Message:
    """The message for one batch: `template` (a subscription's override) or the built-in body
    template for `fmt`. `digest` names the period of a digest ("2026-03-01", "2026-W09")."""
    fmt = fmt if fmt in (TEXT, MARKDOWN, HTML) else TEXT
    env = _environment(fmt)
    ordered = sorted(notices, key=lambda n: (KIND_ORDER.index(n.kind), n.title))
    title = title_for(ordered)
    context = {
        "title": title,
        "subscription": subscription,
        "digest": digest,
        "notices": ordered,
        "groups": [
            (kind, [n for n in ordered if n.kind == kind])
            for kind in KIND_ORDER
            if any(n.kind == kind for n in ordered)
        ],
        "kind_labels": KIND_LABELS,
    }
    source = env.from_string(template) if template else env.get_template(f"body.{fmt}.j2")
    return Message(title=_plain(title), body=source.render(context).strip() + "\n", fmt=fmt)


def check_template(template: str) -> None:
    """Raise jinja2.TemplateError if `template` does not compile or render with sample data."""
    sample = Notice(
        kind=EventKind.NEW,
        title="Hemtjänst",
        authority="Salems kommun",
        municipality="Salem",
        county="Stockholms län",
        categories=["Hemtjänst"],
        url="https://example.org/a",
        detected_at=datetime(2026, 1, 1),
    )
    for fmt in (TEXT, MARKDOWN, HTML):
        render([sample], fmt, "test", template=template)
