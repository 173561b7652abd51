"""Every bad input gets one sentence: exit 2 (3 for a store that cannot be opened), one line on
stderr that names the option and says what to give, nothing on stdout, never a traceback.

All of it through the real CLI in a subprocess (`python -m lovwatch`), as a person or cron
meets it. The table lists the cases people hit; the sweep walks the click tree so that an option
added later is fed a bad value too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from conftest import Lovwatch, Result

from lovwatch.cli import cli
from lovwatch.cli_common import OutputFile
from lovwatch.config import check_base_url, check_site_url, hide_credentials
from lovwatch.normalize.categories import CATEGORIES
from lovwatch.normalize.dates import parse_date, parse_date_exact, parse_timestamp
from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer

MISSING = "missing-folder/out.file"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("inputs")


@pytest.fixture(scope="module")
def crawled(folder: Path) -> Iterator[Lovwatch]:
    """One crawled store for the whole module (bad input must fail the same way on it)."""
    run = Lovwatch(folder / "lovwatch.sqlite")
    with ReplicaServer(initial_adverts()) as replica:
        assert run.crawl(replica.base_url).code == 0
    run("subscribe", "add", "kept", "--notify", "json://127.0.0.1:9/hook", check=True)
    yield run


def assert_one_sentence(result: Result, code: int, *words: str) -> None:
    """Refused with `code`, one line on stderr naming every one of `words`, nothing else."""
    shown = f"exit {result.code}\nstdout: {result.stdout!r}\nstderr: {result.stderr!r}"
    assert result.code == code, shown
    assert "Traceback" not in result.stderr, shown
    assert result.stdout == "", shown
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, shown
    assert lines[0].startswith("error: "), shown
    for word in words:
        assert word in lines[0], f"{word!r} missing: {shown}"


# (arguments, environment, exit code, words the one line must hold). "{dir}" is a folder of
# this module's temporary directory.
CASES: list[tuple[tuple[str, ...], dict[str, str], int, tuple[str, ...]]] = [
    # numbers
    (("events", "--limit", "99999999999999999999999"), {}, 2, ("--limit",)),
    (("events", "--limit", "0"), {}, 2, ("--limit",)),
    (("events", "--limit", "ten"), {}, 2, ("--limit",)),
    (("runs", "--limit", "99999999999999999999999"), {}, 2, ("--limit",)),
    (("notify", "--dry-run", "--flag-after", "99999999999999999999999"), {}, 2, ("--flag-after",)),
    (("compare", "Salem", "--threshold", "nan"), {}, 2, ("--threshold", "finite")),
    (("compare", "Salem", "--threshold", "1.5"), {}, 2, ("--threshold",)),
    (("report", "-o", "{dir}/r.html", "--recent-days", "99999999"), {}, 2, ("--recent-days",)),
    # the clock and the store
    (("stats",), {"LOVWATCH_NOW": "garbage"}, 2, ("LOVWATCH_NOW", "ISO 8601")),
    (("list",), {"LOVWATCH_NOW": "2026-02-30T06:00"}, 2, ("LOVWATCH_NOW",)),
    (("--db", "/proc/nope/x.sqlite", "list"), {}, 3, ("/proc/nope",)),
    (("--db", "/proc/nope/x.sqlite", "db", "upgrade"), {}, 3, ("/proc/nope",)),
    (("--db", "", "list"), {}, 2, ("--db",)),
    # dates
    (("events", "--since", "2026-01-01T25:00"), {}, 2, ("--since", "YYYY-MM-DD")),
    (("events", "--since", "2026-11-01T25:99:00"), {}, 2, ("--since",)),
    (("events", "--since", "2026-13-01"), {}, 2, ("--since",)),
    (("events", "--since", "2026-01-01x"), {}, 2, ("--since",)),
    (("events", "--since", "yesterday"), {}, 2, ("--since",)),
    (("events", "--since", "99999-01-01"), {}, 2, ("--since",)),
    (("events", "--since", "0001-01-01"), {}, 2, ("--since", "1900-01-01")),
    (("list", "--since", "2026-02-30"), {}, 2, ("--since",)),
    (("stats", "--at", "31/2/2026"), {}, 2, ("--at",)),
    (("trends", "--from", "2026-1-1-1"), {}, 2, ("--from",)),
    (("trends", "--to", ""), {}, 2, ("--to",)),
    (("trends", "--from", "2026-01-01", "--to", "2025-01-01"), {}, 2, ("--from",)),
    (("export", "stats", "--at", "never", "-o", "{dir}/s.csv"), {}, 2, ("--at",)),
    # peers and municipalities
    (("compare", "Salem", "--peers", ""), {}, 2, ("--peers",)),
    (("compare", "Salem", "--peers", ","), {}, 2, ("--peers",)),
    (("compare", "Salem", "--peers", "Nacka,Atlantis"), {}, 2, ("--peers", "Atlantis")),
    (("compare", "Atlantis"), {}, 2, ("MUNICIPALITY",)),
    (("report", "-o", "{dir}/r.html", "--peers", ""), {}, 2, ("--peers",)),
    (("report", "-o", "{dir}/r.html", "--municipality", ""), {}, 2, ("--municipality",)),
    (("report", "-o", "{dir}/r.html", "--municipality", "Atlantis"), {}, 2, ("--municipality",)),
    (("municipality", "Atlantis"), {}, 2, ("CODE|NAME",)),
    (("providers", "--municipality", "Atlantis"), {}, 2, ("--municipality",)),
    (("gaps", "--municipality", ""), {}, 2, ("--municipality",)),
    # categories and other filters
    (("stats", "--category", "any"), {}, 2, ("--category", "any")),
    (("stats", "--category", "nonsense"), {}, 2, ("--category", "nonsense")),
    (("trends", "--category", "nonsense"), {}, 2, ("--category",)),
    (("list", "--category", "nonsense"), {}, 2, ("--category", "lovwatch categories")),
    (("list", "--category", ""), {}, 2, ("--category",)),
    (("list", "--county", "Atlantis län"), {}, 2, ("--county",)),
    (("list", "--municipality", "Atlantis"), {}, 2, ("--municipality",)),
    (("list", "--status", "gone"), {}, 2, ("--status",)),
    (("list", "--format", "xml"), {}, 2, ("--format",)),
    (("providers", "--category", "nonsense"), {}, 2, ("--category",)),
    (("events", "--kind", "deleted"), {}, 2, ("--kind",)),
    (("show", "no-such/advert"), {}, 2, ("ID", "lovwatch list")),
    # subscriptions
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--events", ""),
        {},
        2,
        ("--events",),
    ),
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--events", "deleted"),
        {},
        2,
        ("deleted",),
    ),
    (("subscribe", "add", "a\nb", "--notify", "json://127.0.0.1/x"), {}, 2, ("line break",)),
    (("subscribe", "add", "a\x1b[31mb", "--notify", "json://127.0.0.1/x"), {}, 2, ("control",)),
    (("subscribe", "add", " ", "--notify", "json://127.0.0.1/x"), {}, 2, ("name",)),
    (("subscribe", "add", "x" * 101, "--notify", "json://127.0.0.1/x"), {}, 2, ("100",)),
    (("subscribe", "add", "x", "--notify", "json://localhost:99999/x"), {}, 2, ("port", "65535")),
    (("subscribe", "add", "x", "--notify", "json://****@localhost/…"), {}, 2, ("redacted",)),
    (("subscribe", "add", "x", "--notify", "json://localhost/…"), {}, 2, ("redacted",)),
    (("subscribe", "add", "x", "--notify", "notaurl"), {}, 2, ("SCHEME://",)),
    (("subscribe", "add", "x", "--notify", ""), {}, 2, ("empty",)),
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--keyword", ""),
        {},
        2,
        ("--keyword",),
    ),
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--kommungrupp", "Z9"),
        {},
        2,
        ("kommungrupp", "Z9"),
    ),
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--category", "nonsense"),
        {},
        2,
        ("--category",),
    ),
    (
        ("subscribe", "add", "x", "--notify", "json://127.0.0.1/x", "--mode", "hourly"),
        {},
        2,
        ("--mode",),
    ),
    (("subscribe", "add", "kept", "--notify", "json://127.0.0.1/x"), {}, 2, ("exists",)),
    (("subscribe", "show", "nobody"), {}, 2, ("nobody",)),
    (("subscribe", "test", "nobody"), {}, 2, ("nobody",)),
    (("subscribe", "pause", "nobody"), {}, 2, ("nobody",)),
    (("subscribe", "import", "{dir}/no-such.toml"), {}, 2, ("FILE",)),
    # the operator's alerts and run identifiers
    (("doctor", "--operator-notify", ""), {}, 2, ("--operator-notify", "empty")),
    (("doctor",), {"LOVWATCH_OPERATOR_NOTIFY": "notaurl"}, 2, ("--operator-notify",)),
    (("doctor", "--operator-notify", "json://h:99999/x"), {}, 2, ("--operator-notify", "port")),
    (("runs", "release", "99999999999999999999999"), {}, 2, ("RUN",)),
    # files to write: checked before anything is printed or computed
    (("export", "adverts", "-o", f"{{dir}}/{MISSING}"), {}, 2, ("--output", "missing-folder")),
    (("report", "-o", f"{{dir}}/{MISSING}"), {}, 2, ("--output", "missing-folder")),
    (("trends", "--plot", f"{{dir}}/{MISSING}"), {}, 2, ("--plot", "missing-folder")),
    (("subscribe", "export", f"{{dir}}/{MISSING}"), {}, 2, ("FILE", "missing-folder")),
    (("demo", "--keep", f"{{dir}}/{MISSING}"), {}, 2, ("--keep", "missing-folder")),
    (("export", "adverts", "-o", "{dir}"), {}, 2, ("--output", "folder")),
    (("report", "-o", "/proc/lovwatch-report.html"), {}, 2, ("--output", "cannot write")),
    (("subscribe", "export", "/proc/subs.toml"), {}, 2, ("FILE", "cannot write")),
    # commands
    (("nonsense",), {}, 2, ("nonsense",)),
]


def _ids(case: tuple[tuple[str, ...], dict[str, str], int, tuple[str, ...]]) -> str:
    args, env, _, _ = case
    text = " ".join(f"{k}={v}" for k, v in env.items()) + " " + " ".join(args)
    return text.encode("unicode_escape").decode().strip()[:80]


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_bad_input_is_one_sentence(
    crawled: Lovwatch,
    folder: Path,
    case: tuple[tuple[str, ...], dict[str, str], int, tuple[str, ...]],
) -> None:
    args, env, code, words = case
    result = crawled(*(arg.replace("{dir}", str(folder)) for arg in args), env=env)
    assert_one_sentence(result, code, *words)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "adverts", "-o", "{ro}/a.csv"),
        ("report", "-o", "{ro}/r.html"),
        ("trends", "--plot", "{ro}/t.png"),
        ("subscribe", "export", "{ro}/s.toml"),
    ],
    ids=" ".join,
)
def test_an_unwritable_folder_is_refused_before_any_output(
    crawled: Lovwatch, folder: Path, args: tuple[str, ...]
) -> None:
    if AS_ROOT:
        # Root writes into read-only folders; a "folder" that is a file stops root too.
        blocked = folder / "a-file"
        blocked.write_text("", encoding="utf-8")
        result = crawled(*(arg.replace("{ro}", str(blocked)) for arg in args))
        assert_one_sentence(result, 2, "no folder", "to write")
        return
    read_only = folder / "read-only"
    read_only.mkdir(exist_ok=True)
    read_only.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = crawled(*(arg.replace("{ro}", str(read_only)) for arg in args))
    finally:
        read_only.chmod(stat.S_IRWXU)
    assert_one_sentence(result, 2, "cannot write", "permission denied")


def test_an_existing_output_file_is_left_alone_until_written(crawled: Lovwatch, folder: Path):
    """The check that a file can be written neither empties nor removes an existing file."""
    target = folder / "kept.csv"
    target.write_text("before", encoding="utf-8")
    result = crawled("trends", "--category", "nonsense", "--plot", str(target))
    assert result.code == 2
    assert target.read_text(encoding="utf-8") == "before"
    probe = folder / "probe.png"
    assert crawled("trends", "--category", "nonsense", "--plot", str(probe)).code == 2
    assert not probe.exists()


def test_a_group_name_means_every_category_of_the_group(crawled: Lovwatch) -> None:
    group = {c.code for c in CATEGORIES if c.group == "aldreomsorg"}
    everything = crawled("list", "--format", "json", check=True).json()
    expected = [r for r in everything if {c["code"] for c in r["categories"]} & group]
    assert expected, "the replica has adverts in äldreomsorg"
    rows = crawled("list", "--category", "äldreomsorg", "--format", "json", check=True).json()
    assert rows == expected
    # A category whose synonym is the group's name is still one category by its own name.
    own = crawled("list", "--category", "Övrig äldreomsorg", "--format", "json", check=True)
    assert all("aldreomsorg_ovrigt" in {c["code"] for c in r["categories"]} for r in own.json())


def test_no_arguments_shows_help(crawled: Lovwatch) -> None:
    result = crawled()
    assert result.code == 2 and "Usage: lovwatch" in result.stderr
    assert "Traceback" not in result.stderr


# --- every option that takes a value, fed a bad one ---

#: A valid invocation of each command, to which the bad option is appended (the last value of
#: an option wins in click). Crawling commands are left out: their options are checked where
#: the crawl command is defined, and a sweep must never reach a real site.
BASE: dict[tuple[str, ...], tuple[str, ...]] = {
    ("list",): (),
    ("show",): ("salems-kommun/hemtjanst",),
    ("events",): (),
    ("runs",): (),
    ("categories",): (),
    ("authorities",): (),
    ("municipality",): ("Salem",),
    ("providers",): (),
    ("gaps",): (),
    ("subscribe", "add"): ("sweep", "--notify", "json://127.0.0.1:9/x"),
    ("subscribe", "list"): (),
    ("subscribe", "show"): ("kept",),
    ("subscribe", "import"): ("{dir}/subs.toml",),
    ("subscribe", "export"): (),
    ("notify",): ("--dry-run",),
    ("stats",): (),
    ("trends",): ("--interval", "year"),
    ("compare",): ("Salem",),
    ("export",): ("adverts", "-o", "{dir}/sweep.csv"),
    ("report",): ("-o", "{dir}/sweep.html"),
    ("demo",): (),
    ("doctor",): (),
    ("feed",): ("-o", "{dir}/sweep.atom"),
    ("extract",): ("{dir}/page.html",),
    # A closed port: a value the worker accepted would not reach any Redis.
    ("worker",): ("--redis-url", "redis://127.0.0.1:1/0", "--run", "lovwatch:run:sweep:1"),
}
#: `serve` runs until stopped: a value it accepted would start a server.
SKIPPED = {("crawl",), ("run",), ("db", "upgrade"), ("serve",)}


def _commands(
    group: click.Group, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def _bad_value(option: click.Option) -> str:
    kind = option.type
    if isinstance(kind, click.IntRange | click.types.IntParamType):
        return "99999999999999999999999"
    if isinstance(kind, click.FloatRange | click.types.FloatParamType):
        return "nan"
    if isinstance(kind, click.Choice):
        return "bogus"
    if isinstance(kind, OutputFile | click.Path):
        return f"{{dir}}/{MISSING}"
    if option.metavar == "DATE":
        return "2026-02-30"
    return ""


def _sweep() -> list[tuple[tuple[str, ...], str, str]]:
    cases = []
    for path, command in _commands(cli):
        if path in SKIPPED:
            continue
        for param in command.params:
            if isinstance(param, click.Option) and not param.is_flag and param.name != "help":
                assert path in BASE, f"`lovwatch {' '.join(path)}` is new: add it to BASE"
                cases.append((path, max(param.opts, key=len), _bad_value(param)))
    return cases


def test_the_sweep_covers_the_options_of_the_table() -> None:
    swept = {(path, option) for path, option, _ in _sweep()}
    assert (("events",), "--limit") in swept and (("report",), "--output") in swept
    assert len(swept) > 40


@pytest.mark.parametrize("case", _sweep(), ids=[f"{' '.join(p)} {o}={v!r}" for p, o, v in _sweep()])
def test_every_option_refuses_a_bad_value(
    crawled: Lovwatch, folder: Path, case: tuple[tuple[str, ...], str, str]
) -> None:
    path, option, value = case
    (folder / "page.html").write_text("<html><body><p>Hemtjänst</p></body></html>")
    (folder / "subs.toml").write_text(
        "[[subscriptions]]\nname = 'x'\nnotify = ['json://127.0.0.1:9/x']\n"
    )
    args = [*path, *BASE[path], option, value]
    result = crawled(*(arg.replace("{dir}", str(folder)) for arg in args))
    assert_one_sentence(result, 2, option.lstrip("-").split("-")[0])


# --- the pure checks behind the options ---


@pytest.mark.parametrize(
    "text",
    ["2026-11-01T25:99:00", "2026-01-01T25:00", "2026-02-30", "0000-00-00", "\x00", "9" * 400,
     "2026-01-01T23:59:60", "31/2/2026", "32 maj 2020", "2026-1-1T-1:00"],
)  # fmt: skip
def test_dates_never_raise_on_garbage(text: str) -> None:
    assert parse_date_exact(text) is None
    parse_timestamp(text)
    parse_date(text)


def test_dates_survive_random_garbage() -> None:
    import random

    chooser = random.Random(7)
    alphabet = "0123456789-:T /.Zmajokt+"
    for _ in range(3000):
        text = "".join(chooser.choice(alphabet) for _ in range(chooser.randint(0, 24)))
        parse_date(text), parse_timestamp(text), parse_date_exact(text)


def test_exact_dates_are_whole_values() -> None:
    assert str(parse_date_exact(" 2026-11-01 ")) == "2026-11-01"
    assert str(parse_date_exact("16 maj 2017")) == "2017-05-16"
    assert str(parse_date_exact("2026-11-01T06:00+01:00")) == "2026-11-01"
    assert parse_date_exact("den 2026-11-01") is None
    assert str(parse_date("den 2026-11-01")) == "2026-11-01"  # pages: a date inside text


@pytest.mark.parametrize(
    "value, words",
    [
        ("127.0.0.1:8071", "no scheme"),
        ("ftp://127.0.0.1:8071", "not http or https"),
        ("notaurl", "no scheme"),
        ("http://notaurl", "names no host"),
        ("https://x.se:99999", "port"),
        ("", "empty"),
        ("http://exa mple.se", "spaces"),
    ],
)
def test_base_url_is_checked(value: str, words: str) -> None:
    with pytest.raises(ValueError, match="--base-url") as caught:
        check_base_url(value)
    assert words in str(caught.value) and "https://" in str(caught.value)


def test_good_base_urls_pass() -> None:
    assert check_base_url("http://127.0.0.1:8071/") == "http://127.0.0.1:8071"
    assert check_base_url("http://localhost:8071") == "http://localhost:8071"
    assert check_base_url("https://www.upphandlingsmyndigheten.se") == (
        "https://www.upphandlingsmyndigheten.se"
    )


def test_site_urls_need_a_real_host() -> None:
    assert check_site_url("www.krokom.se") == "https://www.krokom.se"
    assert check_site_url("http://127.0.0.2:8000/") == "http://127.0.0.2:8000"
    for bad in ("notaurl", "https://notaurl/", "ftp://www.krokom.se", "www.krokom.se:0"):
        with pytest.raises(ValueError, match="site URL"):
            check_site_url(bad)


def test_credentials_are_hidden_in_urls_shown() -> None:
    text = "cannot open 'postgresql+psycopg://bob:p@ss@db:5432/lw'; http://h/a@b"
    assert (
        hide_credentials(text) == "cannot open 'postgresql+psycopg://****@db:5432/lw'; http://h/a@b"
    )


# --- for the lead: the crawl command does not check these yet (lovwatch/commands/crawl.py) ---


@pytest.mark.parametrize("value", ["127.0.0.1:8071", "ftp://127.0.0.1:1", "notaurl"])
def test_crawl_refuses_a_bad_base_url(lovwatch: Lovwatch, value: str) -> None:
    result = lovwatch("crawl", "--base-url", value, "--retries", "0", "--timeout", "1")
    assert_one_sentence(result, 2, "--base-url")


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("bad.toml", "[[subscriptions]\nname = 'x'\n", ("bad.toml", "not valid toml")),
        ("bad.yaml", "subscriptions:\n  - name: [x\n    notify: y\n", ("not valid yaml",)),
        ("flag.toml", "[[subscriptions]]\nname='x'\nnotify=['json://127.0.0.1/x']\npaused='no'\n",
         ("paused", "true or false")),
        ("tpl.yaml", "subscriptions:\n  - name: x\n    notify: [json://127.0.0.1/x]\n"
         "    template: 5\n", ("template", "text")),
        ("none.toml", "title = 'no subscriptions here'\n", ("no `subscriptions` list",)),
        ("events.toml", "[[subscriptions]]\nname='x'\nnotify=['json://127.0.0.1/x']\nevents=[]\n",
         ("--events",)),
        ("name.toml", "[[subscriptions]]\nname=\"a\\nb\"\nnotify=['json://127.0.0.1/x']\n",
         ("line break",)),
        ("latin1.toml", b"[[subscriptions]]\nname='\xe5'\n", ("UTF-8",)),
    ],
)  # fmt: skip
def test_import_refuses_a_bad_file_in_one_line(
    crawled: Lovwatch, folder: Path, name: str, content: str | bytes, words: tuple[str, ...]
) -> None:
    file = folder / name
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    assert_one_sentence(crawled("subscribe", "import", str(file)), 2, *words)


@pytest.mark.parametrize(
    "option",
    [("--site", "2309=notaurl"), ("--site", "2309=ftp://127.0.0.1/")],
    ids=["no real host", "not http"],
)
def test_crawl_refuses_a_bad_site_address(lovwatch: Lovwatch, option: tuple[str, str]) -> None:
    result = lovwatch("crawl", "--source", "municipal", *option)
    assert result.code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "site URL" in result.stderr


def test_crawl_refuses_a_sites_file_without_sites(lovwatch: Lovwatch, tmp_path: Path) -> None:
    sites = tmp_path / "sites.csv"
    sites.write_text("municipality_code,url\n", encoding="utf-8")
    result = lovwatch("crawl", "--source", "municipal", "--sites", str(sites))
    assert result.code == 2 and "lists no site" in result.stderr


def test_stats_refuses_a_day_after_today(crawled: Lovwatch) -> None:
    result = crawled("stats", "--at", "2027-06-01", env={"LOVWATCH_NOW": "2026-12-01T12:00:00"})
    assert_one_sentence(result, 2, "--at", "after today")
