"""Pure parts of the notifier: filters, Swedish titles, escaping, URL checks and redaction,
backoff and digest periods; and the migration matching the models."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from lovwatch.constants import MUNICIPAL_EVENT_KINDS
from lovwatch.models.store import open_store
from lovwatch.models.tables import Event
from lovwatch.notify.delivery import RETRY_CAP, digest_period, retry_delay
from lovwatch.notify.files import resolve_events
from lovwatch.notify.filters import Filters, find_kommungrupp, matches
from lovwatch.notify.messages import Notice, escape_for, render, safe_link, title_for
from lovwatch.notify.municipal import headline, subject
from lovwatch.notify.subscriptions import SubscriptionError
from lovwatch.notify.targets import TargetError, redact, scrub, validate

ADVERT = {
    "title": "Valfrihetssystem inom hemtjänsten",
    "authority": "Huddinge kommun",
    "municipality_code": "0126",
    "county_code": "01",
    "service_areas": ["Hemtjänst"],
    "categories": [{"code": "hemtjanst", "label": "Hemtjänst"}],
}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), True),
        (Filters(counties=("01",), categories=("hemtjanst",)), True),
        (Filters(counties=("12",), categories=("hemtjanst",)), False),  # AND across kinds
        (Filters(counties=("12", "01")), True),  # OR within a kind
        (Filters(municipalities=("0180",)), False),
        (Filters(kommungrupper=("A2",)), True),  # Huddinge: pendlingskommun nära storstad
        (Filters(kommungrupper=("A1",)), False),
        (Filters(keywords=("HEMTJANST",)), True),  # case and accents do not matter
        (Filters(keywords=("LSS", "huddinge")), True),
        (Filters(keywords=("LSS",)), False),
    ],
)
def test_filters(filters: Filters, expected: bool) -> None:
    assert matches(filters, ADVERT) is expected


def test_kommungrupp_accepts_code_or_name() -> None:
    assert find_kommungrupp("a1") == "A1"
    assert find_kommungrupp("storstader") == "A1"
    assert find_kommungrupp("Landsbygdskommun med besöksnäring") == "C9"
    assert find_kommungrupp("Z9") is None


def _notice(kind: str, title: str = "X") -> Notice:
    return Notice(
        kind=kind,
        title=title,
        authority="",
        municipality="",
        county="",
        categories=[],
        url=None,
        detected_at=datetime(2026, 1, 1),
    )


@pytest.mark.parametrize(
    ("kinds", "title"),
    [
        (["new", "new", "new", "ended"], "3 nya och 1 avslutat valfrihetssystem"),
        (["ended", "new"], "1 nytt och 1 avslutat valfrihetssystem"),
        (
            ["changed", "ended", "ended", "reappeared", "new"],
            "1 nytt, 1 återpublicerat, 1 ändrat och 2 avslutade valfrihetssystem",
        ),
        (["changed", "changed"], "2 ändrade valfrihetssystem"),
        (
            ["provider_added", "ended", "new", "new", "provider_added"],
            "2 nya och 1 avslutat valfrihetssystem, 2 nya utförare",
        ),
        (["provider_removed", "provider_added"], "1 ny utförare och 1 utförare borttagen"),
        (
            ["lov_ended", "lov_introduced", "lov_ended"],
            "1 kommunalt beslut att införa LOV och 2 kommunala beslut att avsluta LOV",
        ),
    ],
)
def test_swedish_titles(kinds: list[str], title: str) -> None:
    assert title_for([_notice(kind) for kind in kinds]) == title


def test_escaping_makes_advert_text_inert() -> None:
    hostile = "<b>x</b> [a](https://evil.example) *y*\n# z"
    assert escape_for("html", hostile).startswith("&lt;b&gt;x&lt;/b&gt;")
    markdown = escape_for("markdown", hostile)
    assert "\\[a\\]\\(https" in markdown and "\\*y\\*" in markdown and "\n" not in markdown
    text = escape_for("text", hostile)
    assert "\n" not in text and "https://" not in text and "https\u200b://" in text


def test_only_http_links_are_links() -> None:
    assert safe_link("/a/b c/", "http://127.0.0.1:8080") == "http://127.0.0.1:8080/a/b%20c/"
    assert safe_link("javascript:alert(1)", None) is None
    assert safe_link('https://x.example/"><script>', None) == "https://x.example/%22%3E%3Cscript%3E"


def test_custom_template_is_escaped_too() -> None:
    message = render(
        [_notice("new", "<i>t</i>")],
        "html",
        "s",
        template="{% for n in notices %}<p>{{ n.title }}</p>{% endfor %}",
    )
    assert message.body.strip() == "<p>&lt;i&gt;t&lt;/i&gt;</p>"


def test_validate_and_redact() -> None:
    url = "json://robot:pw-SECRET@127.0.0.1:8080/hooks/TOKEN123?+Authorization=Bearer%20XYZ"
    assert validate(f"  {url} ") == url
    shown = redact(url)
    assert shown == "json://****@127.0.0.1:8080/…"
    assert "TOKEN123" not in scrub(f"failed posting to {url}: TOKEN123 XYZ", url)
    assert redact("tgram://123456789:abcdefghijklmnop/12345/").startswith("tgram://1")
    assert "abcdefghijklmnop" not in redact("tgram://123456789:abcdefghijklmnop/12345/")
    for bad, message in [
        ("", "empty"),
        ("json://a b", "spaces"),
        ("zzz://x", "unknown notification scheme"),
        ("mailto://", "malformed mailto://"),
    ]:
        with pytest.raises(TargetError, match=message):
            validate(bad)


def test_backoff_doubles_up_to_a_cap() -> None:
    assert retry_delay(1) == timedelta(minutes=10)
    assert retry_delay(2) == timedelta(minutes=20)
    assert retry_delay(3) == timedelta(minutes=40)
    assert retry_delay(30) == RETRY_CAP


def test_digest_periods() -> None:
    sunday, monday = datetime(2026, 3, 1, 23, 0), datetime(2026, 3, 2, 0, 30)
    assert digest_period("instant", monday) is None
    assert digest_period("daily", sunday) == "2026-03-01"
    assert digest_period("daily", monday) == "2026-03-02"
    assert digest_period("weekly", sunday) == "2026-W09"
    assert digest_period("weekly", monday) == "2026-W10"


def test_migration_matches_the_models_and_the_store_is_private(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "s.sqlite"))
    assert oct(os.stat(tmp_path / "s.sqlite").st_mode & 0o777) == "0o600"
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    mine = [
        d
        for d in diff
        if any(name in repr(d) for name in ("'subscription", "'delivery", "subscriptiontarget"))
    ]
    assert mine == []


def _municipal(kind: str, code: str, category: str | None, **details: object) -> Event:
    return Event(
        source="municipal",
        kind=kind,
        municipality_code=code,
        category_code=category,
        run_id=1,
        detected_at=datetime(2026, 1, 1),
        details=details,
    )


@pytest.mark.parametrize(
    ("event", "sentence"),
    [
        (
            _municipal("provider_added", "2309", "hemtjanst", provider="X AB"),
            "Ny utförare godkänd: X AB (hemtjänst, Krokoms kommun)",
        ),
        (
            _municipal("provider_added", "2309", "hemtjanst", provider="Y", own_unit=True),
            "Ny utförare i egen regi: Y (hemtjänst, Krokoms kommun)",
        ),
        (
            _municipal("provider_removed", "1490", None, provider="Z HB"),
            "Utförare inte längre listad: Z HB (Borås Stad)",
        ),
        (
            _municipal("lov_introduced", "1264", "familjeradgivning", date="2025-01-01"),
            "Skurups kommun inför LOV i familjerådgivning (2025-01-01)",
        ),
        (
            _municipal("lov_ended", "1980", "hvb_barn"),
            "Västerås stad avslutar LOV i HVB för barn och unga",
        ),
        (_municipal("lov_introduced", "0980", None), "Region Gotland inför LOV"),
    ],
)
def test_municipal_headlines_in_swedish(event: Event, sentence: str) -> None:
    assert headline(event) == sentence


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(counties=("23",), categories=("hemtjanst",)), True),
        (Filters(counties=("01",)), False),
        (Filters(municipalities=("2309",), kommungrupper=("B4",)), True),
        (Filters(kommungrupper=("A1",)), False),
        (Filters(keywords=("jamtvard",)), True),  # the provider's name, accents folded
        (Filters(keywords=("egen regi",)), True),  # the quoted evidence
        (Filters(keywords=("ledsagning",)), False),
    ],
)
def test_filters_read_municipal_events(filters: Filters, expected: bool) -> None:
    event = _municipal(
        "provider_added",
        "2309",
        "hemtjanst",
        provider="Jämtvård Omsorg AB",
        quote="Kommunens egen regi och två företag",
    )
    assert matches(filters, subject(event)) is expected


def test_a_category_filter_skips_events_without_category() -> None:
    general = subject(_municipal("lov_introduced", "2309", None))
    assert matches(Filters(municipalities=("2309",)), general)
    assert not matches(Filters(categories=("hemtjanst",)), general)


def test_event_kinds_accept_groups_and_refuse_unknown_kinds() -> None:
    assert resolve_events([]) == ["new", "ended"]
    assert resolve_events(["municipal"]) == list(MUNICIPAL_EVENT_KINDS)
    assert resolve_events(["ended,provider_added", "national"]) == [
        "ended",
        "provider_added",
        "new",
        "changed",
        "reappeared",
    ]
    with pytest.raises(SubscriptionError, match="provider_added"):
        resolve_events(["provider_gone"])
