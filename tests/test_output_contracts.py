"""One output convention, checked through the real CLI in a subprocess:

- JSON carries the keys the README's "JSON contracts" section promises (read from the README, so
  a drift between the two fails here), in a stable order;
- CSV carries the same fields as JSON, booleans true/false, dates ISO;
- tables and `show` pages are for people: no Python reprs, no raw timestamps, and nothing from
  the data (an advert title, a provider's name, a run's reason) can send escape sequences or
  control characters to the terminal;
- read commands on a store no crawl has completed say so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Lovwatch
from notify_helpers import seed, seed_municipal

from lovwatch.models.municipal import LovStatement, ProviderListing
from lovwatch.models.store import open_store, session_scope
from lovwatch.models.subscriptions import Subscription, SubscriptionTarget
from lovwatch.models.tables import CrawlRun
from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer

README = Path(__file__).resolve().parents[1] / "README.md"
#: What hostile data looks like: colour, clear screen, a window title (OSC), an 8-bit CSI, a
#: bell, a carriage return that would overwrite the line, and a bidi override.
HOSTILE = "Ond\x1b[31mröd\x1b[2J\x1b]0;pwned\x07 text\x9b1m\rRLO\u202eslut"
MOMENT = datetime(2026, 11, 20, 6, 0)
NOTE = "no complete crawl yet; run `lovwatch crawl`"
ESCAPES = ("\x1b", "\x9b", "\x07", "\r", "\u202e", "\x00")


@pytest.fixture(scope="module")
def crawl_json(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Lovwatch, Any]]:
    """A crawled store (its crawl's JSON too), then hostile data written into it."""
    folder = tmp_path_factory.mktemp("contracts")
    run = Lovwatch(folder / "lovwatch.sqlite")
    with ReplicaServer(initial_adverts()) as replica:
        result = run.crawl(replica.base_url, "--format", "json")
    assert result.code == 0, result.stderr
    engine = open_store(str(run.db))
    seed(
        engine,
        MOMENT,
        [
            {
                "id": "ond-kommun/hemtjanst",
                "title": HOSTILE,
                "authority": f"Salems kommun {HOSTILE}",
                "municipality_code": "0128",
                "county_code": "01",
                "categories": ["hemtjanst"],
                "kind": "new",
                "details": {"title": HOSTILE},
            }
        ],
    )
    seed_municipal(
        engine,
        MOMENT,
        [
            {
                "kind": "provider_added",
                "municipality_code": "2309",
                "category_code": "hemtjanst",
                "details": {"provider": HOSTILE, "url": "http://127.0.0.2/a", "quote": HOSTILE},
            }
        ],
    )
    with session_scope(engine) as session:
        session.add(
            CrawlRun(
                started_at=MOMENT,
                finished_at=MOMENT,
                status="partial",
                reason=f"listing offset 0: {HOSTILE}",
                base_url="http://crawler:hunter2pass@127.0.0.1:9",
            )
        )
        session.add(
            ProviderListing(
                municipality_code="2309",
                category_code="hemtjanst",
                provider_key="ond",
                name=HOSTILE,
                url="http://127.0.0.2/a",
                first_seen=MOMENT,
                last_seen=MOMENT,
            )
        )
        session.add(
            LovStatement(
                municipality_code="2309",
                kind="active",
                category_code="hemtjanst",
                url="http://127.0.0.2/a",
                quote=HOSTILE,
                first_seen=MOMENT,
                last_seen=MOMENT,
            )
        )
        # A name from before names were checked: the tables must still be safe.
        subscription = Subscription(
            name=f"gammal {HOSTILE}",
            created_at=MOMENT,
            receives_since=MOMENT,
            events=["new", "ended"],
        )
        session.add(subscription)
        session.flush()
        assert subscription.id is not None
        session.add(
            SubscriptionTarget(
                subscription_id=subscription.id,
                url="json://127.0.0.1:9/hook",
                added_at=MOMENT,
                last_error=f"HTTP 500 {HOSTILE}",
                consecutive_failures=2,
            )
        )
    engine.dispose()
    yield run, result.json()


@pytest.fixture(scope="module")
def run(crawl_json: tuple[Lovwatch, Any]) -> Lovwatch:
    return crawl_json[0]


# --- the README's JSON contracts ---


def _contracts_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### JSON contracts")
    return text[start : text.index("\n## ", start)]


def _without_parentheses(text: str) -> str:
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\([^()]*\)", "", text)
    return text


def _keys_in(sentence: str) -> list[str]:
    """The `key` names of a README sentence, leaving out what parentheses explain."""
    return re.findall(r"`([a-z_]+)`", _without_parentheses(sentence))


def readme_contract(command: str) -> list[str]:
    """The keys the README promises for `lovwatch <command> --format json`."""
    section = _contracts_section()
    if command == "list":
        table = section[section.index("| key | meaning |") :].split("\n\n")[0]
        keys = []
        for line in table.splitlines()[2:]:
            keys += re.findall(r"`([a-z_]+)`", line.split("|")[1])
        return keys
    if command == "crawl":
        start = section.index("`lovwatch crawl --format json`")
        table = section[section.index("| key | meaning |", start) :].split("\n\n")[0]
        keys = []
        for line in table.splitlines()[2:]:
            keys += re.findall(r"`([a-z_]+)`", line.split("|")[1])
        national = next(p for p in section.split("\n\n") if p.startswith("A national run's"))
        return keys + _keys_in(re.split(r"A municipal\s+run's", national)[0])
    paragraph = next(
        p for p in section.split("\n\n") if p.startswith(f"`lovwatch {command} --format json`")
    )
    body = paragraph.split("`", 2)[2]
    return _keys_in(body)


def test_the_readme_contracts_are_read() -> None:
    assert readme_contract("list")[:3] == ["id", "url", "title"]
    assert {"published", "updated", "ended_at"} <= set(readme_contract("list"))
    assert "raw_item" in readme_contract("show ID")
    assert "new" not in readme_contract("events")  # a value of `kind`, not a key
    assert readme_contract("authorities") == [
        "name",
        "kind",
        "municipality_code",
        "county_code",
        "matched",
    ]


def test_list_json_is_the_readme_contract_in_order(run: Lovwatch) -> None:
    rows = run("list", "--status", "all", "--format", "json", check=True).json()
    assert rows and all(list(row) == readme_contract("list") for row in rows)


def test_show_json_adds_what_the_readme_says(run: Lovwatch) -> None:
    data = run("show", "salems-kommun/hemtjanst", "--format", "json", check=True).json()
    assert list(data) == readme_contract("list") + readme_contract("show ID")


def test_events_json_is_the_readme_contract(run: Lovwatch) -> None:
    rows = run("events", "--format", "json", check=True).json()
    assert rows and all(set(row) == set(readme_contract("events")) for row in rows)


def test_crawl_json_is_the_readme_contract(crawl_json: tuple[Lovwatch, Any]) -> None:
    promised = readme_contract("crawl")
    assert {"status", "runs", "busy", "run_id", "held_endings"} <= set(promised)
    assert set(promised) <= set(crawl_json[1])


def test_authorities_json_has_a_stable_key_order(run: Lovwatch) -> None:
    rows = run("authorities", "--format", "json", check=True).json()
    assert rows and all(list(row) == readme_contract("authorities") for row in rows)


# --- CSV: the JSON's fields, true/false, ISO dates ---

#: Commands whose JSON is a list of rows: their CSV has exactly those keys as columns.
ROW_COMMANDS = [
    ("list", "--status", "all"),
    ("events",),
    ("events", "--source", "municipal"),
    ("events", "--source", "all"),
    ("runs",),
    ("categories",),
    ("authorities",),
    ("subscribe", "list"),
    ("providers",),
    ("gaps",),
]


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("args", ROW_COMMANDS, ids=" ".join)
def test_csv_carries_the_json_fields_with_true_false_and_iso_dates(
    run: Lovwatch, args: tuple[str, ...]
) -> None:
    as_json = run(*args, "--format", "json", check=True).json()
    as_csv = run(*args, "--format", "csv", check=True).stdout
    header = next(csv.reader(io.StringIO(as_csv)))
    keys = list(dict.fromkeys(key for row in as_json for key in row))
    if as_json:
        assert header == keys
    for row, line in zip(as_json, _csv(as_csv), strict=True):
        for key, value in row.items():
            if isinstance(value, bool):
                assert line[key] == ("true" if value else "false"), (key, line[key])
            elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:]+)?", value):
                assert line[key] == value, key
            elif value is None:
                assert line[key] == "", key


def test_list_csv_has_title_and_url(run: Lovwatch) -> None:
    rows = _csv(run("list", "--format", "csv", check=True).stdout)
    salem = next(row for row in rows if row["id"] == "salems-kommun/hemtjanst")
    assert salem["title"] and salem["url"].startswith("http")
    assert salem["authority_matched"] == "true"
    assert salem["categories"] == "hemtjanst"


# --- for people ---

TABLES = [
    ("list",),
    ("events",),
    ("events", "--source", "all"),
    ("show", "ond-kommun/hemtjanst"),
    ("runs",),
    ("subscribe", "list"),
    ("subscribe", "show", f"gammal {HOSTILE}"),
    ("providers",),
    ("municipality", "Krokom"),
    ("gaps",),
    ("authorities",),
    ("notify", "--dry-run"),
]


@pytest.mark.parametrize("args", TABLES, ids=lambda a: " ".join(a)[:40].encode("unicode_escape"))
def test_tables_never_pass_control_characters_to_the_terminal(
    run: Lovwatch, args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.code in (0, 1), result.stderr
    for escape in ESCAPES:
        assert escape not in result.stdout, (escape, result.stdout[:2000])
        assert escape not in result.stderr, (escape, result.stderr[:2000])


def test_hostile_text_is_still_shown_readably(run: Lovwatch) -> None:
    shown = run("show", "ond-kommun/hemtjanst", check=True).stdout
    assert "Ond" in shown and "röd" in shown and "slut" in shown


def test_run_urls_are_shown_without_credentials(run: Lovwatch) -> None:
    for fmt in ("json", "csv", "table"):
        result = run("runs", "--format", fmt, check=True)
        assert "hunter2pass" not in result.stdout
    rows = run("runs", "--format", "json", check=True).json()
    assert "http://****@127.0.0.1:9" in {row["base_url"] for row in rows}


def test_show_prints_documents_readably(run: Lovwatch) -> None:
    shown = run("show", "salems-kommun/hemtjanst", check=True).stdout
    assert "{'" not in shown and "[{" not in shown and "True" not in shown
    assert re.search(r"- Förfrågningsunderlag <http://127\.0\.0\.1:\d+/\S+\.pdf>", shown)
    assert re.search(r"events:\n\s+- detected_at \d{4}-\d\d-\d\dT[\d:]+, kind new", shown)


def test_subscribe_show_prints_words(run: Lovwatch) -> None:
    shown = run("subscribe", "show", f"gammal {HOSTILE}", check=True).stdout
    for python in ("['", "False", "True", "None", "{}"):
        assert python not in shown, shown
    assert not re.search(r"\d\d:\d\d:\d\d\.\d+", shown), shown
    assert "2026-11-20 06:00 UTC" in shown
    assert "events: new, ended" in shown


def test_read_commands_say_when_no_crawl_completed(tmp_path: Path) -> None:
    run = Lovwatch(tmp_path / "empty.sqlite")
    run("db", "upgrade", check=True)
    for args in (
        ("list",),
        ("stats",),
        ("compare", "Salem"),
        ("report", "-o", str(tmp_path / "r.html")),
    ):
        result = run(*args)
        assert result.code == 0, result.stderr
        assert NOTE in result.stderr, (args, result.stderr)


def test_read_commands_are_quiet_after_a_complete_crawl(run: Lovwatch) -> None:
    for args in (("list",), ("stats",), ("compare", "Salem")):
        assert NOTE not in run(*args, check=True).stderr
