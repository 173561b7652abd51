"""The CLI as people meet it: help everywhere, filters that take what people type, clear errors,
and every output format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import click
import pytest
from conftest import Lovwatch, fresh_store

from lovwatch.cli import cli
from lovwatch.replica.dataset import initial_adverts
from lovwatch.replica.server import ReplicaServer


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += all_commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", all_commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command: click.Command | None = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), name)
    assert command is not None
    if isinstance(command, click.Group):
        assert command.help, f"{' '.join(path)} has no help"
        return
    text = command.help or ""
    assert "Example" in text, f"`lovwatch {' '.join(path)} --help` shows no example"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lovwatch]:
    """One crawled store for the module's tests, which only read it."""
    with fresh_store(tmp_path_factory.mktemp("cli")) as store:
        run = Lovwatch(store)
        with ReplicaServer(initial_adverts()) as replica:
            assert run.crawl(replica.base_url).code == 0
        yield run


def test_filters_accept_codes_and_names(crawled: Lovwatch) -> None:
    by_code = crawled("list", "--county", "01", "--category", "hemtjanst", "--format", "json")
    by_name = crawled(
        "list", "--county", "stockholms län", "--category", "Hemtjänst", "--format", "json"
    )
    assert by_code.code == 0 and by_code.json() == by_name.json()
    rows = by_code.json()
    assert rows and all(row["county_code"] == "01" for row in rows)
    assert all("hemtjanst" in {c["code"] for c in row["categories"]} for row in rows)
    everything = crawled("list", "--format", "json").json()
    expected = [
        row
        for row in everything
        if row["county_code"] == "01" and "hemtjanst" in {c["code"] for c in row["categories"]}
    ]
    assert rows == expected
    goteborg = crawled("list", "--municipality", "Göteborg", "--format", "json").json()
    assert goteborg and {row["municipality_code"] for row in goteborg} == {"1480"}


@pytest.mark.parametrize(
    "args, words",
    [
        (("list", "--county", "Narnia"), "unknown county 'Narnia'"),
        (("list", "--category", "rymdfart"), "unknown category 'rymdfart'"),
        (("list", "--since", "igår"), "is not a date"),
        (("show", "nobody/nothing"), "no advert 'nobody/nothing'"),
    ],
)
def test_bad_input_is_refused_clearly(crawled: Lovwatch, args: tuple[str, ...], words: str) -> None:
    result = crawled(*args)
    assert result.code == 2
    assert words in result.stderr


def test_csv_and_table_outputs(crawled: Lovwatch) -> None:
    data = crawled("list", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(data.stdout)))
    assert len(rows) == len(crawled("list", "--format", "json").json())
    assert rows[0].keys() >= {"id", "authority", "municipality_code", "county_code"}
    table = crawled("runs").stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "STARTED_AT", "STATUS"]


def test_unreachable_store_gives_exit_3(lovwatch: Lovwatch) -> None:
    result = lovwatch("list", env={"LOVWATCH_DB": "postgresql+psycopg://nobody@127.0.0.1:1/x"})
    assert result.code == 3
    assert "cannot" in result.stderr and "LOVWATCH_DB" in result.stderr


def test_demo_runs_offline(lovwatch: Lovwatch) -> None:
    result = lovwatch("demo", timeout=180)
    assert result.code == 0, result.stderr
    assert "baseline" in result.stdout and "ended" in result.stdout
