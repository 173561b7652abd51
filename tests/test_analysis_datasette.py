"""The Datasette metadata's canned queries run on a crawled store and agree with the CLI."""

from __future__ import annotations

import asyncio
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from analysis_helpers import LAST_DAY, InProcess, built_store


def _metadata() -> dict[str, Any]:
    text = (
        resources.files("lovwatch.analysis")
        .joinpath("datasette-metadata.yml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def test_metadata_names_the_default_store_and_its_queries() -> None:
    queries = _metadata()["databases"]["lovwatch"]["queries"]
    assert {
        "municipalities_per_category",
        "regions_per_category",
        "adverts_of_municipality",
        "recent_events",
        "unplaced_authorities",
    } <= set(queries)


def test_canned_queries_agree_with_stats(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = pytest.importorskip(
        "datasette.app",
        reason="datasette is not installed (optional extra: pip install 'lovwatch[datasette]')",
    )
    store, _ = built_store(tmp_path_factory.mktemp("datasette"))
    stats = InProcess(store, LAST_DAY)("stats", "--format", "json", check=True).json()

    async def fetch(path: str) -> Any:
        datasette = app.Datasette([str(store)], metadata=_metadata())
        response = await datasette.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    name = Path(store).stem
    data = asyncio.run(fetch(f"/{name}/municipalities_per_category.json?_shape=array"))
    from_query = {row["category_code"]: row["municipalities"] for row in data}
    from_cli = {
        row["category_code"]: row["municipalities"]
        for row in stats["rows"]
        if row["municipalities"]
    }
    assert from_query == from_cli and from_cli
    salem = asyncio.run(fetch(f"/{name}/adverts_of_municipality.json?_shape=array&kommunkod=0128"))
    assert {row["id"] for row in salem} >= {"salems-kommun/hemtjanst"}
