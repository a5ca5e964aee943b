"""Server-side SVG line charts for the progress page.

Theme-aware (colours come from CSS classes), readable without JavaScript, and each point carries
a <title> so hovering or focusing it shows the value. The same numbers are also given as a table.

The geometry is checked in general (tests/web/test_chart_geometry.py): every point lies inside
the plot area, the value axis's ticks cover the data, and no two date labels overlap or repeat.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

W, H = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 28
PLOT = (LEFT, TOP, W - RIGHT, H - BOTTOM)  # x0, y0, x1, y1 of the plot area
LABEL_CHAR_W = 6.2  # px per character of an axis label (11 px system font), generous
LABEL_GAP = 6  # px between two date labels at the least


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[dt.date, float | None]]
    # Days a personal record was set: their points get a ring and "record" in their label.
    records: frozenset[dt.date] = frozenset()


def number(value: float) -> str:
    """A value as people read it: 38.6, 0.62, 120 (no 38.5809, no 120.0)."""
    digits = 1 if abs(value) >= 10 else 2
    return f"{round(value, digits):.{digits}f}".rstrip("0").rstrip(".")


def ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Nice round ticks (1, 2, 2.5 or 5 times a power of ten apart) from at or below `low` to
    at or above `high`."""
    # A range too narrow for floats to step through evenly is drawn as a flat one.
    if high - low <= max(abs(low), abs(high)) * 1e-6 or high - low < 1e-12:
        high = max(high, low + (abs(low) * 0.1 or 1.0))
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    # Counted in whole steps (never by adding rounded values, which stall on tiny steps), and
    # rounded to the step's own precision, so 0.1 + 0.2 reads 0.3.
    digits = max(0, 2 - math.floor(math.log10(step)))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round((first + i) * step, digits) for i in range(last - first + 1)]


def date_labels(first: dt.date, last: dt.date, x: object) -> list[tuple[dt.date, str, str]]:
    """(date, text, anchor) of the time axis: the ends, and no two that overlap or repeat."""
    assert callable(x)
    if first == last:
        return [(first, f"{first:%d %b}", "middle")]
    fmt = "%d %b" if first.year == last.year else "%b %Y"
    labels = [(first, first.strftime(fmt), "start"), (last, last.strftime(fmt), "end")]
    if labels[0][1] == labels[1][1]:
        return labels[:1]
    width = max(len(t) for _, t, _ in labels) * LABEL_CHAR_W
    if x(last) - x(first) < 2 * width + LABEL_GAP:  # too close: the later one alone
        return labels[1:]
    return labels


@dataclass(frozen=True)
class Band:
    """A shaded range across the chart: what reads as measurement noise around a value."""

    low: float
    high: float
    name: str


def line_chart(
    title: str,
    series: Sequence[Series],
    unit: str = "",
    *,
    chart_id: str,
    band: Band | None = None,
) -> str:
    """An SVG chart of dated values; empty string when there is nothing to draw."""
    values = [v for s in series for _, v in s.points if v is not None and math.isfinite(v)]
    dates = [d for s in series for d, v in s.points if v is not None and math.isfinite(v)]
    if not values:
        return ""
    low_v, high_v = min(values), max(values)
    if band is not None:
        low_v, high_v = min(low_v, band.low), max(high_v, band.high)
    pad = (high_v - low_v) * 0.08 or abs(high_v) * 0.1 or 1.0
    # A little room above and below the data; an axis of counts or loads never goes below 0.
    lower = max(0.0, low_v - pad) if low_v >= 0 else low_v - pad
    axis = ticks(lower, high_v + pad)
    low, high = axis[0], axis[-1]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    x0, y0, x1, y1 = PLOT

    def x(d: dt.date) -> float:
        return x0 + (x1 - x0) * ((d - first).days / span if last != first else 0.5)

    def y(v: float) -> float:
        return y0 + (y1 - y0) * (1 - (v - low) / ((high - low) or 1))

    suffix = f" {unit}" if unit else ""
    parts = [
        f'<svg class="chart-svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for t in axis:
        parts.append(
            f'<line class="chart-grid" x1="{x0}" x2="{x1}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
            f'<text class="chart-label" x="{x0 - 6}" y="{y(t) + 4:.1f}" '
            f'text-anchor="end">{number(t)}</text>'
        )
    if band is not None:
        top, bottom = y(band.high), y(band.low)
        parts.append(
            f'<rect class="chart-band" x="{x0}" y="{top:.1f}" width="{x1 - x0}" '
            f'height="{bottom - top:.1f}"><title>{escape(band.name)}</title></rect>'
        )
    for d, text, anchor in date_labels(first, last, x):
        parts.append(
            f'<text class="chart-label chart-date" x="{x(d):.1f}" y="{H - 8}" '
            f'text-anchor="{anchor}">{text}</text>'
        )
    for index, s in enumerate(series):
        pts = [(d, v) for d, v in s.points if v is not None and math.isfinite(v)]
        css = f"chart-series-{index % 3 + 1}"
        if len(pts) > 1:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{x(d):.1f},{y(v):.1f}" for i, (d, v) in enumerate(pts)
            )
            parts.append(f'<path class="chart-line {css}" d="{path}"/>')
        for d, v in pts:
            label = f"{s.name}, {d:%d %b %Y}: {number(v)}{suffix}"
            if d in s.records:
                label += " (personal record)"
                parts.append(
                    f'<circle class="chart-record" cx="{x(d):.1f}" cy="{y(v):.1f}" r="7"/>'
                )
            parts.append(
                f'<circle class="chart-dot {css}" cx="{x(d):.1f}" cy="{y(v):.1f}" r="4">'
                f"<title>{escape(label)}</title></circle>"
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="chart-key chart-series-{i % 3 + 1}" aria-hidden="true"></span>'
        f"{escape(s.name)}</li>"
        for i, s in enumerate(series)
    )
    if band is not None:
        legend += (
            '<li><span class="chart-key chart-key--band" aria-hidden="true"></span>'
            f"{escape(band.name)}</li>"
        )
    if any(s.records for s in series):
        legend += (
            '<li><span class="chart-key chart-key--record" aria-hidden="true"></span>record</li>'
        )
    return "".join(parts) + f'<ul class="chart-legend">{legend}</ul>'
