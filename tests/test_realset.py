"""The real-page evaluation set is well-formed, and the scorer runs on its dev part.

The set lives in `fixtures/municipal/realset/` (see its README); the scorer is
`benchmarks/score_extraction.py`. Only the truth files of the holdout parts (`holdout`,
`holdout2` to `holdout89`) are checked here: the extractor is never run on holdout pages
outside the one final measurement. Extractor thresholds are not asserted yet.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from lovwatch.normalize.taxonomy import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
REALSET = ROOT / "tests" / "fixtures" / "municipal" / "realset"
CODES = {category.code for category in CATEGORIES}
PAGE_KINDS = {
    "provider_list",
    "provider_news",
    "decision",
    "renewal",
    "business_info",
    "citizen_info",
    "region_vardval",
    "negative",
}
SOURCE_TYPES = {"authority_site", "document_mirror", "party", "association", "press"}
STATEMENT_KINDS = {"active", "introduce", "not_introduce", "end", "renewed"}
SUBJECTS = {"own", "other", "law", "general"}
MODALITIES = {"decided", "planned", "proposed", "demanded", "rejected"}
AUTHORITY_CODE = {"municipality": re.compile(r"\d{4}"), "region": re.compile(r"\d{2}")}


def _scorer() -> ModuleType:
    path = ROOT / "benchmarks" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


scorer = _scorer()
SPLITS = scorer.SPLITS


def _entries(split: str) -> list[Any]:
    return [pytest.param(page, id=f"{split}/{page.name[:-4]}") for page in scorer.load_split(split)]


@pytest.mark.parametrize("split", SPLITS)
def test_every_page_has_truth_and_every_truth_a_page(split: str) -> None:
    folder = REALSET / split
    truth = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    pages = {path.name for path in folder.glob("*.txt")}
    assert pages == set(truth)
    for name in pages:
        first = (folder / name).read_text(encoding="utf-8").split("\n", 1)[0]
        assert re.fullmatch(r"# source: https?://\S+", first), name


def _source_lines(folder: Path) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8").split("\n", 1)[0]
        for path in folder.glob("*.txt")
    }


def test_no_page_is_in_two_splits_or_reuses_the_heldout_set() -> None:
    splits = {split: _source_lines(REALSET / split) for split in SPLITS}
    heldout_sources = set(_source_lines(REALSET.parent / "heldout").values())
    seen_names: set[str] = set()
    seen_sources: set[str] = set()
    for pages in splits.values():
        assert not seen_names & set(pages)
        assert not seen_sources & set(pages.values())
        assert not heldout_sources & set(pages.values())
        seen_names |= set(pages)
        seen_sources |= set(pages.values())


@pytest.mark.parametrize("page", [entry for split in SPLITS for entry in _entries(split)])
def test_truth_is_well_formed(page: Any) -> None:
    truth = page.truth
    assert truth["kind"] in PAGE_KINDS
    assert truth["source_type"] in SOURCE_TYPES
    authority = truth["authority"]
    assert authority["name"]
    if authority["type"] in AUTHORITY_CODE and authority["code"] is not None:
        assert AUTHORITY_CODE[authority["type"]].fullmatch(str(authority["code"]))
    for claim in truth["statements"]:
        assert claim["kind"] in STATEMENT_KINDS, claim
        assert claim["subject"] in SUBJECTS, claim
        assert claim["modality"] in MODALITIES, claim
        assert set(claim["categories"]) <= CODES, claim["categories"]
        assert claim["quote"] and claim["quote"] in page.text, claim["quote"]
        if "date" in claim:
            assert isinstance(claim["date"], datetime.date), claim
        assert claim.get("uncertain", False) in (True, False)
    for provider in truth["providers"]:
        assert provider["name"], provider
        if provider.get("org_number"):
            assert re.fullmatch(r"\d{6}-\d{4}", provider["org_number"]), provider
    for count in truth["counts"]:
        assert count["category"] is None or count["category"] in CODES, count
        assert isinstance(count["number"], int) and count["number"] >= 0, count
        assert count["basis"] == "stated"
        assert count["quote"] in page.text, count["quote"]
    assert isinstance(truth["own_units"], list)
    assert all(isinstance(unit, str) for unit in truth["own_units"]), "own units are names"


def test_the_scorer_runs_on_the_dev_set() -> None:
    result = scorer.score(scorer.load_split("dev"))
    summary = result.as_dict(details=True)
    assert summary["pages"] == len(list((REALSET / "dev").glob("*.txt")))
    for field in ("statements", "statement_categories", "providers", "stated_counts"):
        assert {"precision", "recall", "tp", "fp", "fn"} <= set(summary[field])
    assert scorer.table("dev", result).startswith("dev: ")
