"""Charts drawn headless with matplotlib (Agg, no pyplot state): trend lines and category bars,
saved as PNG/SVG files or inlined as accessible SVG markup in the report."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

MEASURE_LABELS = {
    "municipalities": "Municipalities running LOV (distinct)",
    "regions": "Regions running LOV (distinct)",
    "adverts": "Active adverts (valfrihetssystem)",
}
CRAWL_NOTE = (
    "Source: lovwatch's crawl of Hitta LOV-uppdrag (Upphandlingsmyndigheten). "
    "Dotted = before the first crawl, backfilled from publication dates (lower bound)."
)
REFERENCE_NOTE = (
    "Markers: published figures (SKR, Upphandlingsmyndigheten, Valfrihetswebben), "
    "counted differently; see the source of each point."
)
_MARKERS = {"SKR": "s", "Upphandlingsmyndigheten": "D", "Valfrihetswebben": "^"}


def trend_figure(
    rows: Sequence[dict[str, Any]], measure: str = "municipalities", title: str = "LOV over time"
) -> Figure:
    """Lines per category of crawled trend rows; reference rows (coverage "reference") as
    markers in the colour of their category, placed mid-year."""
    figure = Figure(figsize=(10, 5.6), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    colours: dict[str, Any] = {}  # matplotlib colour specs
    crawled = [row for row in rows if row["coverage"] != "reference"]
    for code in dict.fromkeys(row["category_code"] for row in crawled):
        series = [row for row in crawled if row["category_code"] == code]
        days = [row["date"] for row in series]
        values = [row[measure] or 0 for row in series]
        # Backfilled points (before the first crawl) are lower bounds: draw them dotted.
        split = sum(1 for row in series if row["coverage"] == "backfilled")
        (line,) = axes.plot(
            days[max(split - 1, 0) :],
            values[max(split - 1, 0) :],
            marker="o",
            markersize=3,
            linewidth=2,
            label=series[0]["category_label"],
        )
        colours[code] = line.get_color()
        if split:
            axes.plot(
                days[:split], values[:split], color=line.get_color(), linewidth=2, linestyle=":"
            )
    references = [
        row for row in rows if row["coverage"] == "reference" and row.get(measure) is not None
    ]
    sources: dict[str, str] = {}
    for row in references:
        source = str(row["source"]).split(":")[0]
        sources[source] = _MARKERS.get(source, "o")
        axes.plot(
            [date(int(row["period"]), 7, 1)],  # type: ignore[arg-type]  # dates are plottable
            [row[measure]],
            linestyle="none",
            marker=sources[source],
            markersize=7,
            markeredgecolor="black",
            color=colours.get(row["category_code"], "grey"),
        )
    handles, _ = axes.get_legend_handles_labels()
    # One legend entry per source: the marker's colour is its category's line colour.
    handles += [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=marker,
            markersize=7,
            color="white",
            markeredgecolor="black",
            label=f"{source} (published)",
        )
        for source, marker in sources.items()
    ]
    axes.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.set_xlabel("Date (end of each period)")
    axes.set_ylabel(MEASURE_LABELS[measure])
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)
    axes.set_title(title)
    note = CRAWL_NOTE + ("\n" + REFERENCE_NOTE if references else "")
    figure.text(0.01, 0.0, note, fontsize=7.5, va="bottom", ha="left", color="#333333")
    # Constrained layout's engine takes `rect`; the base class's stub does not say so.
    figure.get_layout_engine().set(rect=(0, 0.07, 1, 0.93))  # type: ignore[union-attr,call-arg]
    return figure


def category_figure(rows: Sequence[dict[str, Any]], title: str) -> Figure:
    """Horizontal bars: municipalities and regions per category (categories with any)."""
    shown = [row for row in rows if row["municipalities"] or row["regions"]]
    figure = Figure(figsize=(9, max(2.5, 0.38 * len(shown) + 1.2)), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    labels = [row["category_label"] for row in shown][::-1]
    positions = range(len(shown))
    municipal = [row["municipalities"] for row in shown][::-1]
    regional = [row["regions"] for row in shown][::-1]
    axes.barh(
        [p + 0.2 for p in positions], municipal, height=0.4, label="Municipalities", color="#1f5f99"
    )
    axes.barh([p - 0.2 for p in positions], regional, height=0.4, label="Regions", color="#d9822b")
    axes.set_yticks(list(positions), labels, fontsize=8)
    axes.set_xlabel("Number running LOV (distinct)")
    axes.set_title(title)
    axes.legend(fontsize=8, frameon=False)
    axes.grid(True, axis="x", alpha=0.3)
    return figure


def save(figure: Figure, path: Path) -> None:
    """Write the figure as PNG or SVG, chosen by the file's suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise ValueError(f"{path.name}: the chart file must end in .png or .svg")
    figure.savefig(path, format=suffix)


def inline_svg(figure: Figure, label: str, description: str) -> str:
    """SVG markup for embedding in HTML: text kept as text, with role, title and desc."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "lovwatch"}):
        figure.savefig(buffer, format="svg")
    markup = buffer.getvalue()
    markup = markup[markup.index("<svg") :]
    end = markup.index(">")
    # Drop the fixed size so the chart scales with the page; the viewBox keeps its shape.
    opening = re.sub(r'\s(width|height)="[^"]*"', "", markup[:end])
    return (
        f'{opening} role="img" aria-label="{escape(label)}" class="chart">'
        f"<title>{escape(label)}</title><desc>{escape(description)}</desc>" + markup[end + 1 :]
    )
