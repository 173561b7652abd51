"""Charts as inline SVG drawn on the server: no script, no network, text kept as text, and
`role="img"` with a title and description. The same numbers are always in a table beside
the chart, for screen readers and for copying."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from itertools import count

from markupsafe import Markup

#: Colours with at least 4.5:1 contrast on white; the stylesheet's `.swatch-N` match them.
PALETTE = ("#1f5f99", "#b3471d", "#2e7031", "#6a3d9a", "#7a5c00", "#a3195b")
WIDTH = 560
#: Bar charts are narrower: their labels stay readable when a phone scales them down.
BAR_WIDTH = 420
#: Labels longer than this are squeezed to the chart's width rather than cut off.
LONG_LABEL = 44
_ids = count(1)


def _nice_max(value: int, ticks: int = 4) -> int:
    """A round upper bound for an axis with `ticks` equal steps (at least `ticks`)."""
    for step in (1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 500):
        if value <= step * ticks:
            return step * ticks
    return -(-value // (ticks * 1000)) * ticks * 1000


def _open(
    height: int, title: str, description: str, width: int = WIDTH, kind: str = "lines"
) -> tuple[str, str]:
    ident = f"chart-{next(_ids)}"
    head = (
        f'<svg class="chart {kind}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(description)}</desc>'
    )
    return ident, head


def bar_chart(items: Sequence[tuple[str, int]], title: str, description: str) -> Markup:
    """Horizontal bars, the label above each bar (readable on a phone), the value after it."""
    row = 44
    height = 12 + row * max(len(items), 1)
    _ident, svg = _open(height, title, description, BAR_WIDTH, "bars")
    top = max((value for _, value in items), default=0)
    scale = _nice_max(top)
    usable = BAR_WIDTH - 50
    parts = [svg]
    if not items:
        parts.append('<text x="0" y="24" class="chart-text">Inga värden att visa</text>')
    for index, (label, value) in enumerate(items):
        y = 8 + index * row
        length = round(usable * value / scale) if scale else 0
        parts.append(
            f'<text x="0" y="{y + 15}" class="chart-text"{_fit(label)}>{escape(label)}</text>'
            f'<rect x="0" y="{y + 21}" width="{max(length, 1)}" height="16" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{length + 6}" y="{y + 35}" class="chart-text chart-value">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _fit(label: str) -> str:
    if len(label) <= LONG_LABEL:
        return ""
    return f' textLength="{BAR_WIDTH - 4}" lengthAdjust="spacingAndGlyphs"'


@dataclass(frozen=True)
class Series:
    label: str
    #: (period label, value, partial) in time order; all series share the periods. A
    #: partial period is one the crawl did not see whole: before the first crawl (a lower
    #: bound), begun before it, or not over yet.
    points: tuple[tuple[str, int, bool], ...]


def _stretches(
    coords: Sequence[tuple[float, float]], partial: Sequence[bool]
) -> list[tuple[bool, list[tuple[float, float]]]]:
    """The line cut where it changes between dashed and solid: a segment is dashed when
    either of its periods is partial."""
    found: list[tuple[bool, list[tuple[float, float]]]] = []
    for index in range(1, len(coords)):
        dashed = partial[index - 1] or partial[index]
        if found and found[-1][0] == dashed:
            found[-1][1].append(coords[index])
        else:
            found.append((dashed, [coords[index - 1], coords[index]]))
    return found


def line_chart(series: Sequence[Series], title: str, description: str, y_label: str) -> Markup:
    """Lines over equally spaced periods; stretches touching a partial period (before the
    first crawl, or not seen whole) dashed. The legend is HTML beside the chart."""
    height, left, right, top, bottom = 340, 40, 14, 16, 52
    _ident, svg = _open(height, title, description)
    parts = [svg]
    labels = [label for label, _, _ in series[0].points] if series else []
    highest = max((value for s in series for _, value, _ in s.points), default=0)
    scale = _nice_max(highest)
    plot_w, plot_h = WIDTH - left - right, height - top - bottom

    def x(index: int) -> float:
        return left + (plot_w * index / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y(value: int) -> float:
        return top + plot_h - plot_h * value / scale

    for step in range(5):
        value = round(scale * step / 4)
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'class="chart-text">{value}</text>'
        )
    shown = sorted({0, len(labels) - 1, *range(0, len(labels), max(1, len(labels) // 3))})
    for index in shown:
        if 0 <= index < len(labels) and (index == len(labels) - 1 or len(labels) - 1 - index > 1):
            anchor = "end" if index == len(labels) - 1 and len(labels) > 1 else "middle"
            anchor = "start" if index == 0 and len(labels) > 1 else anchor
            parts.append(
                f'<text x="{x(index):.1f}" y="{height - bottom + 22}" text-anchor="{anchor}" '
                f'class="chart-text">{escape(labels[index])}</text>'
            )
    parts.append(
        f'<text x="{left}" y="{height - 4}" class="chart-text chart-note">{escape(y_label)}</text>'
    )
    for number, line in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        coords = [(x(i), y(value)) for i, (_, value, _) in enumerate(line.points)]
        partial = [flag for _, _, flag in line.points]
        # A stretch is solid only between two periods the crawl saw whole.
        for dashed, points in _stretches(coords, partial):
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            dash = ' stroke-dasharray="3 4"' if dashed else ""
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash}/>'
            )
        whole = [point for point, flag in zip(coords, partial, strict=True) if not flag]
        for px, py in whole if len(coords) < 40 else whole[-1:]:
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        if coords and partial[-1] and len(coords) > 1 and not partial[-2]:
            # The period still running: a hollow marker says it is not a whole period yet.
            px, py = coords[-1]
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#fff" stroke="{colour}" '
                'stroke-width="1.5"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
