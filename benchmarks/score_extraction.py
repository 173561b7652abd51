"""Score the municipal extractor against real, public municipal and regional pages.

The pages and what a careful reader finds on them live in
`tests/fixtures/municipal/realset/<dev|holdout|holdout2|...|holdout89>/` (`<slug>.txt` with a
`# source: URL` first line, and `truth.yaml`; the schema is in that folder's README). For every
page this runs `findings_from_text(text, url)` and compares:

- statements: (page, kind) pairs for claims about the page's own authority that are decided
  (subject own, modality decided), and the finer (page, kind, category) triples;
- categories: of the (page, kind) pairs found, the share whose category set is exactly right
  (a statement without a category next to ones with categories does not spoil the set; it does
  count in the triples);
- false events: introduce/end statements extracted from pages whose truth has none (proposals,
  rejected motions, other municipalities, the law);
- providers: (page, folded name) of approved private providers, own units left out;
- org numbers: precision of the organisation numbers extracted;
- stated counts: recall of (page, number) pairs the text states ("fyra privata utförare").

Claims, counts and providers marked `uncertain: true` count neither way: extracting them is not
a false positive and missing them is not a false negative. The extractor's statements carry no
subject or modality today, so each one is taken as own and decided; once it exposes
`subject`/`modality` attributes, only own/decided statements are scored.

    python benchmarks/score_extraction.py [--set dev|holdout|holdout2|...|holdout89|all]
        [--json] [--errors] [--kind KIND ...] [--files PATTERN ...]

`--kind` keeps pages whose truth has one of the given kinds (`provider_list`, ...); `--files`
keeps pages whose file name matches one of the given shell patterns (`"*-utforare-*"`).

The holdout sets are for final, one-off measurements: tune on dev only. `holdout2` holds pages
gathered later, never seen while tuning, for a second one-off measurement; `holdout3` (the third
round, mostly pages that name providers) for a third; `holdout4` (the fourth round, mostly
authorities' own pages) for a fourth; `holdout5` to `holdout89` (the fifth to
eighty-ninth rounds; the thirty-eighth found nothing) for a fifth to an eighty-ninth.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lovwatch.municipal.findings import PageFindings, findings_from_text
from lovwatch.municipal.vocabulary import fold_words

REALSET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "municipal" / "realset"
SPLITS = (
    "dev",
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout9",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout13",
    "holdout14",
    "holdout15",
    "holdout16",
    "holdout17",
    "holdout18",
    "holdout19",
    "holdout20",
    "holdout21",
    "holdout22",
    "holdout23",
    "holdout24",
    "holdout25",
    "holdout26",
    "holdout27",
    "holdout28",
    "holdout29",
    "holdout30",
    "holdout31",
    "holdout32",
    "holdout33",
    "holdout34",
    "holdout35",
    "holdout36",
    "holdout37",
    "holdout39",
    "holdout40",
    "holdout41",
    "holdout42",
    "holdout43",
    "holdout44",
    "holdout45",
    "holdout46",
    "holdout47",
    "holdout48",
    "holdout49",
    "holdout50",
    "holdout51",
    "holdout52",
    "holdout53",
    "holdout54",
    "holdout55",
    "holdout56",
    "holdout57",
    "holdout58",
    "holdout59",
    "holdout60",
    "holdout61",
    "holdout62",
    "holdout63",
    "holdout64",
    "holdout65",
    "holdout66",
    "holdout67",
    "holdout68",
    "holdout69",
    "holdout70",
    "holdout71",
    "holdout72",
    "holdout73",
    "holdout74",
    "holdout75",
    "holdout76",
    "holdout77",
    "holdout78",
    "holdout79",
    "holdout80",
    "holdout81",
    "holdout82",
    "holdout83",
    "holdout84",
    "holdout85",
    "holdout86",
    "holdout87",
    "holdout88",
    "holdout89",
)
EVENT_KINDS = ("introduce", "end")
#: Category of a statement about LOV in general (no service named).
GENERAL = "*"
#: Company forms (folded) that name matching ignores at the end of a provider name.
_COMPANY_FORM = re.compile(
    r"(\s+(ab|hb|kb|aktiebolag|handelsbolag|ekonomisk forening|ek for|enskild firma))+$"
)


@dataclass(frozen=True)
class RealPage:
    """One saved page: its file name, split, source URL, text (header removed) and truth."""

    name: str
    split: str
    url: str
    text: str
    truth: dict[str, Any]


@dataclass
class Tally:
    """True positives, false positives and false negatives, with the items behind them."""

    tp: set[tuple[Any, ...]] = field(default_factory=set)
    fp: set[tuple[Any, ...]] = field(default_factory=set)
    fn: set[tuple[Any, ...]] = field(default_factory=set)

    @property
    def precision(self) -> float | None:
        found = len(self.tp) + len(self.fp)
        return len(self.tp) / found if found else None

    @property
    def recall(self) -> float | None:
        wanted = len(self.tp) + len(self.fn)
        return len(self.tp) / wanted if wanted else None

    def score(
        self,
        found: set[tuple[Any, ...]],
        wanted: set[tuple[Any, ...]],
        ignored: Iterable[tuple[Any, ...]] = (),
    ) -> None:
        """Add one page's items: `ignored` ones (uncertain claims) count neither way."""
        self.tp |= found & wanted
        self.fp |= found - wanted - set(ignored)
        self.fn |= wanted - found

    def as_dict(self, details: bool) -> dict[str, Any]:
        result: dict[str, Any] = {
            "precision": self.precision,
            "recall": self.recall,
            "tp": len(self.tp),
            "fp": len(self.fp),
            "fn": len(self.fn),
        }
        if details:
            result["false_positives"] = sorted(map(list, self.fp))
            result["false_negatives"] = sorted(map(list, self.fn))
        return result


def page_text(path: Path) -> tuple[str, str]:
    """(source URL, page text) of a saved page: the `# source:` line is not page text."""
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith("# source:"):
        raise ValueError(f"{path.name}: the first line must be '# source: URL'")
    return first.removeprefix("# source:").strip(), rest


def load_split(split: str, root: Path = REALSET) -> list[RealPage]:
    """The pages of one split with their truth entries (every page must have one)."""
    folder = root / split
    truth: dict[str, dict[str, Any]] = yaml.safe_load(
        (folder / "truth.yaml").read_text(encoding="utf-8")
    )
    pages = []
    for path in sorted(folder.glob("*.txt")):
        if path.name not in truth:
            raise ValueError(f"{split}/{path.name} has no entry in truth.yaml")
        url, text = page_text(path)
        pages.append(RealPage(path.name, split, url, text, truth[path.name]))
    return pages


def load_pages(which: str, root: Path = REALSET) -> list[RealPage]:
    """Pages of `dev`, of one holdout split (`holdout` to `holdout89`), or of `all`."""
    splits = SPLITS if which == "all" else (which,)
    return [page for split in splits for page in load_split(split, root)]


def select(
    pages: Iterable[RealPage], kinds: Iterable[str] = (), patterns: Iterable[str] = ()
) -> list[RealPage]:
    """The pages whose truth kind is in `kinds` and whose file name matches one of `patterns`
    (an empty filter keeps every page)."""
    kinds, patterns = set(kinds), list(patterns)
    return [
        page
        for page in pages
        if (not kinds or page.truth.get("kind") in kinds)
        and (not patterns or any(fnmatch.fnmatchcase(page.name, p) for p in patterns))
    ]


def provider_key(name: str) -> str:
    """A provider name for matching: folded (case, diacritics, punctuation), company form off."""
    return _COMPANY_FORM.sub("", fold_words(name)).strip()


def _categories(codes: Iterable[str]) -> set[str]:
    return set(codes) or {GENERAL}


def _specific(categories: set[str]) -> set[str]:
    """The services named; "LOV in general" only when no service is named at all."""
    return categories - {GENERAL} or categories


def _counts_as_decided(statement: Any) -> bool:
    """Own and decided, when the extractor says; every statement when it does not."""
    subject = str(getattr(statement, "subject", "own") or "own")
    modality = str(getattr(statement, "modality", "decided") or "decided")
    return subject == "own" and modality == "decided"


def _own_decided(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in claims if c["subject"] == "own" and c["modality"] == "decided"]


@dataclass
class SetScore:
    """Everything measured on one set of pages."""

    pages: int = 0
    statements: Tally = field(default_factory=Tally)
    triples: Tally = field(default_factory=Tally)
    providers: Tally = field(default_factory=Tally)
    org_numbers: Tally = field(default_factory=Tally)
    counts: Tally = field(default_factory=Tally)
    category_matches: int = 0
    category_pairs: int = 0
    category_misses: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    quiet_pages: int = 0
    false_event_pages: set[str] = field(default_factory=set)
    false_events: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, page: RealPage, found: PageFindings) -> None:
        self.pages += 1
        truth = page.truth
        claims: list[dict[str, Any]] = truth.get("statements") or []
        certain = _own_decided([c for c in claims if not c.get("uncertain")])
        uncertain_kinds = {c["kind"] for c in claims if c.get("uncertain")}
        extracted = [s for s in found.statements if _counts_as_decided(s)]

        # Statements by (page, kind), then (page, kind, category).
        wanted_kinds = {(page.name, c["kind"]) for c in certain}
        found_kinds = {(page.name, str(s.kind)) for s in extracted}
        ignored_kinds = {(page.name, kind) for kind in uncertain_kinds}
        self.statements.score(found_kinds, wanted_kinds, ignored_kinds)

        wanted_cats: dict[str, set[str]] = {}
        for claim in certain:
            wanted_cats.setdefault(claim["kind"], set()).update(_categories(claim["categories"]))
        found_cats: dict[str, set[str]] = {}
        for statement in extracted:
            found_cats.setdefault(str(statement.kind), set()).update(
                _categories(statement.categories)
            )
        self.triples.score(
            {(page.name, k, c) for k, cats in found_cats.items() for c in cats},
            {(page.name, k, c) for k, cats in wanted_cats.items() for c in cats},
            {(page.name, k, c) for k in uncertain_kinds for c in found_cats.get(k, ())},
        )
        for _name, kind in sorted(found_kinds & wanted_kinds):
            self.category_pairs += 1
            if _specific(found_cats[kind]) == _specific(wanted_cats[kind]):
                self.category_matches += 1
            else:
                self.category_misses.append(
                    (page.name, kind, sorted(wanted_cats[kind]), sorted(found_cats[kind]))
                )

        # False events: introduce/end extracted where the truth has no such decided claim.
        truth_events = {c["kind"] for c in certain if c["kind"] in EVENT_KINDS}
        if not truth_events:
            self.quiet_pages += 1
            for statement in extracted:
                kind = str(statement.kind)
                if kind in EVENT_KINDS and kind not in uncertain_kinds:
                    self.false_event_pages.add(page.name)
                    self.false_events.append((page.name, kind, statement.quote[:120]))

        # Providers: private ones only, by folded name; own units are left out on both sides,
        # and providers marked uncertain count neither way.
        own_units = {provider_key(n) for n in truth.get("own_units") or []}
        truth_providers: list[dict[str, Any]] = truth.get("providers") or []
        wanted_names = {
            (page.name, provider_key(p["name"])) for p in truth_providers if not p.get("uncertain")
        }
        unsure_names = {
            (page.name, provider_key(p["name"])) for p in truth_providers if p.get("uncertain")
        }
        found_names = {
            (page.name, provider_key(p.name))
            for p in found.providers
            if not p.own_unit and provider_key(p.name) not in own_units
        }
        self.providers.score(found_names - unsure_names, wanted_names, unsure_names)

        # Org numbers likewise: an uncertain provider's number counts neither way.
        orgs = [(p, (page.name, p["org_number"])) for p in truth_providers if p.get("org_number")]
        wanted_orgs = {key for p, key in orgs if not p.get("uncertain")}
        unsure_orgs = {key for p, key in orgs if p.get("uncertain")}
        found_orgs = {(page.name, p.org_number) for p in found.providers if p.org_number}
        self.org_numbers.score(found_orgs - unsure_orgs, wanted_orgs, unsure_orgs)

        # Stated counts: (page, number); counts marked uncertain count neither way.
        counts: list[dict[str, Any]] = truth.get("counts") or []
        self.counts.score(
            {(page.name, c.private) for c in found.counts if c.source == "stated"},
            {(page.name, int(c["number"])) for c in counts if not c.get("uncertain")},
            {(page.name, int(c["number"])) for c in counts if c.get("uncertain")},
        )

    def as_dict(self, details: bool = False) -> dict[str, Any]:
        share = self.category_matches / self.category_pairs if self.category_pairs else None
        result: dict[str, Any] = {
            "pages": self.pages,
            "statements": self.statements.as_dict(details),
            "statement_categories": self.triples.as_dict(details),
            "categories_exact": {
                "share": share,
                "matched": self.category_matches,
                "pairs": self.category_pairs,
            },
            "false_events": {
                "pages": len(self.false_event_pages),
                "of_pages_without_events": self.quiet_pages,
                "statements": len(self.false_events),
            },
            "providers": self.providers.as_dict(details),
            "org_numbers": self.org_numbers.as_dict(details),
            "stated_counts": self.counts.as_dict(details),
        }
        if details:
            result["categories_exact"]["misses"] = [list(m) for m in self.category_misses]
            result["false_events"]["items"] = [list(e) for e in self.false_events]
        return result


def score(pages: Iterable[RealPage]) -> SetScore:
    """Run the extractor on every page and score it."""
    result = SetScore()
    for page in pages:
        result.add(page, findings_from_text(page.text, page.url))
    return result


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def table(name: str, result: SetScore) -> str:
    """A compact, readable table of one set's scores."""
    rows = [
        ("statements (page, kind)", result.statements),
        ("statements (page, kind, category)", result.triples),
        ("providers (page, name)", result.providers),
        ("org numbers", result.org_numbers),
        ("stated counts (page, number)", result.counts),
    ]
    lines = [
        f"{name}: {result.pages} pages",
        f"  {'field':<36}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]
    for label, tally in rows:
        lines.append(
            f"  {label:<36}{_pct(tally.precision):>10}{_pct(tally.recall):>8}"
            f"{len(tally.tp):>5}{len(tally.fp):>5}{len(tally.fn):>5}"
        )
    share = result.category_matches / result.category_pairs if result.category_pairs else None
    lines.append(
        f"  categories exactly right: {_pct(share).strip()} "
        f"({result.category_matches} of {result.category_pairs} matched (page, kind) pairs)"
    )
    lines.append(
        f"  false introduce/end events: {len(result.false_event_pages)} of "
        f"{result.quiet_pages} pages without such an event "
        f"({len(result.false_events)} statements)"
    )
    return "\n".join(lines)


def errors(result: SetScore) -> str:
    """What was wrong, item by item (for tuning on dev)."""
    lines = []
    for label, tally in (
        ("statement", result.statements),
        ("provider", result.providers),
        ("org number", result.org_numbers),
        ("stated count", result.counts),
    ):
        lines += [f"  missed {label}: {item}" for item in sorted(tally.fn)]
        lines += [f"  wrong {label}: {item}" for item in sorted(tally.fp)]
    lines += [
        f"  categories {page} {kind}: want {want}, got {got}"
        for page, kind, want, got in result.category_misses
    ]
    lines += [
        f"  false event {page} {kind}: {quote!r}" for page, kind, quote in result.false_events
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--json", action="store_true", help="print a machine-readable dict")
    parser.add_argument("--errors", action="store_true", help="list every miss and wrong item")
    parser.add_argument(
        "--kind", action="append", default=[], help="only pages of this truth kind (repeatable)"
    )
    parser.add_argument(
        "--files",
        action="append",
        default=[],
        metavar="PATTERN",
        help="only pages whose file name matches this shell pattern (repeatable)",
    )
    args = parser.parse_args(argv)
    names = SPLITS if args.set == "all" else (args.set,)
    results = {name: score(select(load_split(name), args.kind, args.files)) for name in names}
    if args.set == "all":
        results["all"] = score(select(load_pages("all"), args.kind, args.files))
    if args.json:
        payload = {name: r.as_dict(details=args.errors) for name, r in results.items()}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for name, result in results.items():
        print(table(name, result))
        if args.errors:
            print(errors(result))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
