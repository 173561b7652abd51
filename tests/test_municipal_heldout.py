"""Held-out evaluation: real municipal texts the extractor was not written against.

Each text in `fixtures/municipal/heldout/` is a real page (news item, citizen or business page)
saved as retrieved, with a `# source:` / `# reader:` header. `expected.yaml` holds what a person
reading it concludes, written before the extractor was first run on it. Every page is checked on
three aspects (status kinds with dates, the categories of each status, approved providers), so
the test report is the held-out score. Honest misses stay visible as strict xfails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from lovwatch.municipal.findings import PageFindings, findings_from_text
from lovwatch.municipal.vocabulary import fold_words

HELDOUT = Path(__file__).parent / "fixtures" / "municipal" / "heldout"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (HELDOUT / "expected.yaml").read_text(encoding="utf-8")
)
ASPECTS = ("status", "categories", "providers")

#: (page, aspect) pairs the extractor still gets wrong, with why; strict, so a fix shows up.
KNOWN_MISSES: dict[tuple[str, str], str] = {}


def load(name: str) -> PageFindings:
    """The page's findings; the `#` header (source and reader's summary) is not page text."""
    lines = (HELDOUT / name).read_text(encoding="utf-8").splitlines()
    source = lines[0].removeprefix("# source:").strip()
    body = [line for line in lines if not line.startswith(("# source:", "# reader:"))]
    return findings_from_text("\n".join(body), source)


def status_ok(found: PageFindings, expected: dict[str, Any]) -> bool:
    """The extracted kinds equal the expected ones (tolerated kinds aside), with expected dates."""
    wanted = expected["statuses"] or {}
    kinds = {str(s.kind) for s in found.statements} - set(expected["tolerated"])
    if kinds != set(wanted):
        return False
    for kind, spec in wanted.items():
        if "date" in spec:
            dates = {s.date for s in found.statements if str(s.kind) == kind}
            if date.fromisoformat(str(spec["date"])) not in dates:
                return False
    return True


def categories_ok(found: PageFindings, expected: dict[str, Any]) -> bool:
    """Each expected kind is about exactly the expected categories (union over its statements)."""
    for kind, spec in (expected["statuses"] or {}).items():
        got = {c for s in found.statements if str(s.kind) == kind for c in s.categories}
        if got != set(spec["categories"]):
            return False
    return True


def providers_ok(found: PageFindings, expected: dict[str, Any]) -> bool:
    """The approved private providers, by folded name, are exactly the expected ones."""
    got = {fold_words(p.name) for p in found.providers if not p.own_unit}
    return got == {fold_words(name) for name in expected["providers"]}


CHECKS = {"status": status_ok, "categories": categories_ok, "providers": providers_ok}


def _cases() -> list[Any]:
    cases = []
    for name in sorted(EXPECTED):
        for aspect in ASPECTS:
            if aspect == "categories" and not EXPECTED[name]["statuses"]:
                continue  # a page without a status has no categories to get right
            reason = KNOWN_MISSES.get((name, aspect))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(name, aspect, marks=marks, id=f"{name[:-4]}-{aspect}"))
    return cases


def test_every_heldout_text_has_an_expectation_and_a_source() -> None:
    texts = {path.name for path in HELDOUT.glob("*.txt")}
    assert texts == set(EXPECTED)
    for name in texts:
        first = (HELDOUT / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# source: http"), name


@pytest.mark.parametrize(("name", "aspect"), _cases())
def test_heldout_page(name: str, aspect: str) -> None:
    found = load(name)
    expected = EXPECTED[name]
    assert CHECKS[aspect](found, expected), (
        f"{aspect} wrong for {name}: expected {expected}; got statements "
        f"{[(str(s.kind), s.categories, s.date, s.quote) for s in found.statements]}, "
        f"providers {[(p.name, p.own_unit) for p in found.providers]}"
    )
