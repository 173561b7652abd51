"""Charts drawn headless with matplotlib (Agg, no pyplot state): trend lines and category bars,
saved as PNG/SVG files or inlined as accessible SVG markup in the report.

Published reference figures get a panel of their own: they count every municipality in
Sweden, so on the crawl's axis they would flatten the crawled lines into the floor. A period
is drawn as observed (solid, filled marker) only when the crawl saw all of it; one that began
before the first crawl, or is not over yet, gets a hollow marker and a dotted line."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from lovwatch.analysis.trends import fully_observed  # noqa: E402


@dataclass(frozen=True)
class ChartWords:
    """Every word a chart draws: English for the CLI's `--plot`, Swedish for the report."""

    measures: dict[str, str]
    crawl_note: str
    reference_note: str
    partial: str
    published: str
    reference_axis: str
    date_axis: str
    municipalities: str
    regions: str
    running: str


ENGLISH = ChartWords(
    measures={
        "municipalities": "Municipalities running LOV (distinct)",
        "regions": "Regions running LOV (distinct)",
        "adverts": "Active adverts (valfrihetssystem)",
    },
    crawl_note=(
        "Source: lovwatch's crawl of Hitta LOV-uppdrag (Upphandlingsmyndigheten). Dotted = "
        "before the first crawl, backfilled from publication dates (lower bound); hollow "
        "marker = a period the crawl saw only part of."
    ),
    reference_note=(
        "Lower panel: published figures (SKR, Upphandlingsmyndigheten, Valfrihetswebben), "
        "counted differently, on their own axis; see the source of each point."
    ),
    partial="period partly observed",
    published="published",
    reference_axis="Published figure",
    date_axis="Date (end of each period)",
    municipalities="Municipalities",
    regions="Regions",
    running="Number running LOV (distinct)",
)
SWEDISH = ChartWords(
    measures={
        "municipalities": "Kommuner med LOV (antal)",
        "regions": "Regioner med LOV (antal)",
        "adverts": "Aktiva annonser (valfrihetssystem)",
    },
    crawl_note=(
        "Källa: lovwatchs insamling från Hitta LOV-uppdrag (Upphandlingsmyndigheten). Prickat = "
        "före första insamlingen, räknat bakåt från publiceringsdatum (minst så många); ihålig "
        "markör = en period som insamlingen bara såg en del av."
    ),
    reference_note=(
        "Nedre panelen: publicerade siffror (SKR, Upphandlingsmyndigheten, Valfrihetswebben), "
        "räknade på annat sätt, på egen axel; se källan för varje punkt."
    ),
    partial="perioden delvis observerad",
    published="publicerad",
    reference_axis="Publicerad siffra",
    date_axis="Datum (slutet av varje period)",
    municipalities="Kommuner",
    regions="Regioner",
    running="Antal med LOV",
)
_MARKERS = {"SKR": "s", "Upphandlingsmyndigheten": "D", "Valfrihetswebben": "^"}


def trend_figure(
    rows: Sequence[dict[str, Any]],
    measure: str = "municipalities",
    title: str = "LOV over time",
    words: ChartWords = ENGLISH,
    first_observed: date | None = None,
    interval: str | None = None,
    start: date | None = None,
) -> Figure:
    """Lines per category of crawled trend rows; reference rows (coverage "reference"), if
    any, as markers in the colour of their category, placed mid-year in a panel below."""
    crawled = [row for row in rows if row["coverage"] != "reference"]
    references = [
        row for row in rows if row["coverage"] == "reference" and row.get(measure) is not None
    ]
    figure = Figure(figsize=(10, 7.4 if references else 5.6), dpi=110, layout="constrained")
    if references:
        axes, lower = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    else:
        axes, lower = figure.add_subplot(), None
    colours: dict[str, Any] = {}  # matplotlib colour specs
    partial_seen = False
    for code in dict.fromkeys(row["category_code"] for row in crawled):
        series = [row for row in crawled if row["category_code"] == code]
        days = [row["date"] for row in series]
        values = [row[measure] or 0 for row in series]
        full = fully_observed(series, first_observed, interval, start)
        # The whole series dotted (lower bounds, part-seen periods), then solid over each
        # stretch between two fully observed periods.
        (line,) = axes.plot(days, values, linewidth=2, linestyle=":")
        colour = line.get_color()
        colours[code] = colour
        for index in range(1, len(series)):
            if full[index - 1] and full[index]:
                axes.plot(
                    days[index - 1 : index + 1],
                    values[index - 1 : index + 1],
                    color=colour,
                    linewidth=2,
                )
        observed = [i for i, row in enumerate(series) if row["coverage"] == "observed"]
        filled = [i for i in observed if full[i]]
        hollow = [i for i in observed if not full[i]]
        partial_seen = partial_seen or bool(hollow)
        axes.plot(
            [days[i] for i in filled],
            [values[i] for i in filled],
            linestyle="none",
            marker="o",
            markersize=3.5,
            color=colour,
        )
        axes.plot(
            [days[i] for i in hollow],
            [values[i] for i in hollow],
            linestyle="none",
            marker="o",
            markersize=6,
            markerfacecolor="white",
            markeredgewidth=1.5,
            color=colour,
        )
        axes.plot(
            [],
            [],
            color=colour,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label=series[0]["category_label"],
        )
    handles, _ = axes.get_legend_handles_labels()
    if partial_seen:
        handles.append(_key("o", words.partial, size=6, edge="#333333"))
    _legend(axes, handles)
    axes.set_ylabel(words.measures[measure])
    _style(axes)
    axes.set_title(title)
    bottom = axes
    if lower is not None:
        _references(lower, references, measure, colours, words)
        bottom = lower
    locator = AutoDateLocator()
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    bottom.set_xlabel(words.date_axis)
    note = words.crawl_note + ("\n" + words.reference_note if references else "")
    figure.text(0.01, 0.0, note, fontsize=7.5, va="bottom", ha="left", color="#333333", wrap=True)
    # Constrained layout's engine takes `rect`; the base class's stub does not say so.
    figure.get_layout_engine().set(rect=(0, 0.08, 1, 0.92))  # type: ignore[union-attr,call-arg]
    return figure


def _references(
    axes: Axes,
    references: Sequence[dict[str, Any]],
    measure: str,
    colours: dict[str, Any],
    words: ChartWords,
) -> None:
    """Published figures on their own axis, one marker shape per source."""
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
    # One legend entry per source: the marker's colour is its category's line colour.
    _legend(axes, [_key(m, f"{source} ({words.published})") for source, m in sources.items()])
    axes.set_ylabel(words.reference_axis)
    _style(axes)


def _key(marker: str, label: str, size: int = 7, edge: str = "black") -> Line2D:
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        color="white",
        markeredgecolor=edge,
        label=label,
    )


def _legend(axes: Axes, handles: list[Any]) -> None:
    axes.legend(
        handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False
    )


def _style(axes: Axes) -> None:
    axes.set_ylim(bottom=0)
    axes.grid(True, alpha=0.3)


def category_figure(
    rows: Sequence[dict[str, Any]], title: str, words: ChartWords = ENGLISH
) -> Figure:
    """Horizontal bars: municipalities and regions per category (categories with any)."""
    shown = [row for row in rows if row["municipalities"] or row["regions"]]
    figure = Figure(figsize=(9, max(2.5, 0.38 * len(shown) + 1.2)), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    labels = [row["category_label"] for row in shown][::-1]
    positions = range(len(shown))
    municipal = [row["municipalities"] for row in shown][::-1]
    regional = [row["regions"] for row in shown][::-1]
    axes.barh(
        [p + 0.2 for p in positions],
        municipal,
        height=0.4,
        label=words.municipalities,
        color="#1f5f99",
    )
    axes.barh(
        [p - 0.2 for p in positions], regional, height=0.4, label=words.regions, color="#d9822b"
    )
    axes.set_yticks(list(positions), labels, fontsize=8)
    axes.set_xlabel(words.running)
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
