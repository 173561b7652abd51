"""Peer benchmarking: which categories a municipality runs under LOV, and how many of its
peers (same county, same SKR kommungrupp, same population band, or a given list) do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from lovwatch.analysis.timeline import History, active
from lovwatch.normalize.authorities import Municipality, municipalities

PEER_KINDS = ("county", "kommungrupp", "size")
#: Population bands (inhabitants, lower bound inclusive) for `--peers size`.
POPULATION_BANDS = (0, 10_000, 20_000, 50_000, 100_000, 200_000)
COMPARE_COLUMNS = (
    "category_code",
    "category_label",
    "runs",
    "since",
    "peers_running",
    "peers",
    "peer_share",
    "finding",
)
#: Findings, in the order the table shows them.
FINDINGS = {
    "gap": "most peers run it, this municipality does not",
    "distinctive": "this municipality runs it, most peers do not",
    "peers_only": "some peers run it, this municipality does not",
    "common": "this municipality and most peers run it",
}


@dataclass(frozen=True)
class PeerGroup:
    description: str
    members: tuple[Municipality, ...]
    #: "county", "kommungrupp", "size" or "list" (given municipalities).
    kind: str = "list"


def population_band(population: int) -> tuple[int, int | None]:
    """The [low, high) band holding `population` (high None for the largest band)."""
    low = max(bound for bound in POPULATION_BANDS if bound <= population)
    higher = [bound for bound in POPULATION_BANDS if bound > population]
    return low, (higher[0] if higher else None)


def peer_group(
    subject: Municipality, kind: str, explicit: Sequence[Municipality] = ()
) -> PeerGroup:
    """The subject's peers (never including the subject itself)."""
    others = [m for m in municipalities() if m.code != subject.code]
    if explicit:
        chosen = tuple(m for m in explicit if m.code != subject.code)
        return PeerGroup("the given municipalities", chosen)
    if kind == "county":
        return PeerGroup(
            f"municipalities in {subject.county_name}",
            tuple(m for m in others if m.county_code == subject.county_code),
            kind,
        )
    if kind == "kommungrupp":
        return PeerGroup(
            f"SKR kommungrupp {subject.kommungrupp_code} {subject.kommungrupp_name}",
            tuple(m for m in others if m.kommungrupp_code == subject.kommungrupp_code),
            kind,
        )
    if kind == "size":
        band = population_band(subject.population)
        high = f"{band[1]:,}".replace(",", " ") if band[1] else "more"
        return PeerGroup(
            f"municipalities of {band[0]:,} to {high} inhabitants".replace(",", " "),
            tuple(m for m in others if population_band(m.population) == band),
            kind,
        )
    raise ValueError(f"unknown peer group {kind!r}; choose one of {', '.join(PEER_KINDS)}")


def _finding(runs: bool, share: float, threshold: float) -> str | None:
    if runs:
        return "common" if share >= threshold else "distinctive"
    if share >= threshold:
        return "gap"
    return "peers_only" if share > 0 else None


def compare(
    history: History, subject: Municipality, peers: PeerGroup, day: date, threshold: float = 0.5
) -> list[dict[str, Any]]:
    """One row per category that the subject or any peer runs on `day`: whether the subject
    runs it (since when), the share of peers that do, and the finding. Gaps come first."""
    live = active(history.spans, day)
    peer_codes = {m.code for m in peers.members}
    rows = []
    for category in history.categories:
        carrying = [span for span in live if category.code in span.categories]
        own_starts = [
            span.started_at(day) for span in carrying if span.municipality == subject.code
        ]
        running_peers = {span.municipality for span in carrying} & peer_codes
        share = len(running_peers) / len(peer_codes) if peer_codes else 0.0
        finding = _finding(bool(own_starts), share, threshold)
        if finding is None:
            continue
        rows.append(
            {
                "category_code": category.code,
                "category_label": category.label,
                "runs": bool(own_starts),
                "since": min(start for start in own_starts if start) if own_starts else None,
                "peers_running": len(running_peers),
                "peers": len(peer_codes),
                "peer_share": round(share, 3),
                "finding": finding,
            }
        )
    order = list(FINDINGS)
    return sorted(rows, key=lambda row: (order.index(row["finding"]), -row["peer_share"]))
