"""Benchmark: how the municipal extractor's time grows with a page's length.

Real sites serve long pages (minutes of a fullmäktige, a förfrågningsunderlag turned into
text), and an extractor whose time grows with the square of the length stalls a crawl on one of
them. This builds pages of growing length from the real-page set's dev texts, once as they are
and once with every line that speaks of LOV taken out (most long documents on a municipal site
never name it), and times `findings_from_text` on each, medians of `--runs` runs. Beside it, in
the same run, the floor every reading of a page pays: splitting it into sentences and folding
each one. Linear growth shows as a time that doubles with the length, and as a steady ratio to
the floor.

    python benchmarks/extraction_speed.py [--sizes 20000 40000 80000 160000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_extraction import load_split  # noqa: E402

from lovwatch.municipal.findings import findings_from_text  # noqa: E402
from lovwatch.municipal.statements import sentences  # noqa: E402
from lovwatch.municipal.vocabulary import LOV_TERMS, fold_words  # noqa: E402

URL = "https://www.example-kommun.se/kommun-och-politik/protokoll"


def _median_seconds(work: Callable[[str], object], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _extract(text: str) -> None:
    findings_from_text(text, URL)


def _floor(text: str) -> None:
    for sentence in sentences(text):
        fold_words(sentence)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 40_000, 80_000, 160_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    texts = [page.text for page in load_split("dev")]
    lines = [line for text in texts for line in text.splitlines()]
    corpora = {
        "as written": "\n".join(lines),
        "without LOV words": "\n".join(
            line for line in lines if not LOV_TERMS.search(fold_words(line))
        ),
    }
    print(f"{'page':<18}{'chars':>9}{'lovwatch':>11}{'floor':>9}{'ratio':>8}{'growth':>8}")
    for label, corpus in corpora.items():
        previous: float | None = None
        for size in args.sizes:
            if size > len(corpus):
                print(f"{label:<18}{size:>9}  (the set holds {len(corpus)} characters)")
                continue
            text = corpus[:size]
            extractor = _median_seconds(_extract, text, args.runs)
            floor = _median_seconds(_floor, text, args.runs)
            growth = f"{extractor / previous:.2f}x" if previous else "-"
            print(
                f"{label:<18}{size:>9}{extractor:>10.2f}s{floor:>8.2f}s"
                f"{extractor / floor:>7.0f}x{growth:>8}"
            )
            previous = extractor
    return 0


if __name__ == "__main__":
    sys.exit(main())
