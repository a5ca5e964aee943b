"""Server-side SVG line charts for the progress page.

Theme-aware (colours come from CSS classes), readable without JavaScript, and each point carries
a <title> so hovering or focusing it shows the value. The same numbers are also given as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

W, H = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 28


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[tuple[dt.date, float | None]]
    # Days a personal record was set: their points get a ring and "record" in their label.
    records: frozenset[dt.date] = frozenset()


def _ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = (low // step) * step
    out, value = [], start
    while value <= high + step * 0.001:
        out.append(round(value, 6))
        value += step
    return out


def line_chart(title: str, series: Sequence[Series], unit: str = "", *, chart_id: str) -> str:
    """An SVG chart of dated values; empty string when there is nothing to draw."""
    values = [v for s in series for _, v in s.points if v is not None]
    dates = [d for s in series for d, v in s.points if v is not None]
    if not values:
        return ""
    ticks = _ticks(
        min(0.0, min(values)) if min(values) < 0 else min(values) * 0.9, max(values) * 1.05
    )
    low, high = ticks[0], ticks[-1]
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)

    def x(d: dt.date) -> float:
        return LEFT + (W - LEFT - RIGHT) * ((d - first).days / span if last != first else 0.5)

    def y(v: float) -> float:
        return TOP + (H - TOP - BOTTOM) * (1 - (v - low) / ((high - low) or 1))

    parts = [
        f'<svg class="chart-svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{chart_id}-t">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
    ]
    for t in ticks:
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{W - RIGHT}" '
            f'y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
            f'<text class="chart-label" x="{LEFT - 6}" y="{y(t) + 4:.1f}" '
            f'text-anchor="end">{t:g}</text>'
        )
    for d, anchor in ((first, "start"), (last, "end")):
        parts.append(
            f'<text class="chart-label" x="{x(d):.1f}" y="{H - 8}" text-anchor="{anchor}">'
            f"{d:%d %b}</text>"
        )
    for index, s in enumerate(series):
        pts = [(d, v) for d, v in s.points if v is not None]
        css = f"chart-series-{index % 3 + 1}"
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(d):.1f},{y(v):.1f}" for i, (d, v) in enumerate(pts)
        )
        parts.append(f'<path class="chart-line {css}" d="{path}"/>')
        for d, v in pts:
            label = f"{s.name}, {d:%d %b %Y}: {v:g}{(' ' + unit) if unit else ''}"
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
    if any(s.records for s in series):
        legend += (
            '<li><span class="chart-key chart-key--record" aria-hidden="true"></span>record</li>'
        )
    return "".join(parts) + f'<ul class="chart-legend">{legend}</ul>'
