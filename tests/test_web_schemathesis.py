"""Schema-driven testing of the JSON API: schemathesis reads `/openapi.json` from the running
`serve` process and sends generated requests (valid and odd values for every parameter) to
every API operation; each answer must be documented (status, content type) and match its
response schema, and nothing may be a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from analysis_helpers import LAST_DAY, built_store
from web_helpers import WebServer

schemathesis = pytest.importorskip("schemathesis", reason="pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    directory = tmp_path_factory.mktemp("web-schema")
    store, _ = built_store(directory)
    server = WebServer(str(store), LAST_DAY, directory / "serve.log")
    try:
        yield server
    finally:
        server.stop()


def test_api_answers_as_its_openapi_description_says(served: WebServer) -> None:
    api = schemathesis.openapi.from_url(served.base_url + "/openapi.json")
    tried = []
    for found in api.get_all_operations():
        operation = found.ok()
        tried.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            # Filters take free text resolved like the CLI's options (codes, names, synonyms):
            # a string that names nothing is documented bad input (400), not an API fault.
            case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])

        check()
    assert len(tried) >= 7 and all(label.startswith("GET /") for label in tried), tried
