"""The forked runner the suite uses (`forked_cli.py`) answers as a new interpreter does: the
same exit code, standard output and standard error for the same command, environment and
store."""

from __future__ import annotations

import pytest
from conftest import Lovwatch

CASES = [
    ("--help",),
    ("events", "--limit", "0"),
    ("db", "upgrade"),
    ("list", "--format", "json"),
    ("runs", "--format", "json"),
    ("no-such-command",),
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_forked_call_answers_as_a_new_interpreter(store, args) -> None:
    forked, fresh = Lovwatch(store), Lovwatch(store, fresh_interpreter=True)
    if args[0] != "db":
        fresh("db", "upgrade", check=True)
    assert forked(*args) == fresh(*args)
