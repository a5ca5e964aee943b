"""Charts that are right (issue 12, item 2): over generated series every drawn point lies inside
the plot area, the value ticks cover the data, the date labels neither overlap nor repeat, and
numbers are rounded as people read them."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.web.charts import LABEL_CHAR_W, PLOT, Series, line_chart, number, ticks

SVG = "{http://www.w3.org/2000/svg}"
DAY0 = dt.date(2024, 1, 1)

values = st.one_of(
    st.floats(0, 1, allow_nan=False),
    st.floats(0, 500, allow_nan=False),
    st.floats(-50, 50, allow_nan=False),
    st.sampled_from([38.5809, 0.62, 120.0, 1e-6]),
)
point_lists = st.lists(
    st.tuples(st.integers(0, 1200).map(lambda n: DAY0 + dt.timedelta(days=n)), values),
    min_size=1,
    max_size=30,
    unique_by=lambda p: p[0],
)


def _parse(svg: str) -> ET.Element:
    body = svg.split("<ul", 1)[0].replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    return ET.fromstring(body)


@settings(max_examples=300, deadline=None)
@given(st.lists(point_lists, min_size=1, max_size=3))
def test_every_point_is_inside_the_plot_and_labels_do_not_collide(
    all_points: list[list[tuple[dt.date, float]]],
) -> None:
    series = [Series(f"s{i}", sorted(p)) for i, p in enumerate(all_points)]
    svg = line_chart("t", series, "kg", chart_id="c")
    root = _parse(svg)
    x0, y0, x1, y1 = PLOT
    dots = [c for c in root.iter(f"{SVG}circle") if "chart-dot" in c.get("class", "")]
    assert len(dots) == sum(len(p) for p in all_points)
    for c in dots:
        cx, cy = float(c.get("cx", "nan")), float(c.get("cy", "nan"))
        assert x0 - 0.05 <= cx <= x1 + 0.05 and y0 - 0.05 <= cy <= y1 + 0.05, (cx, cy)
    dates = [t for t in root.iter(f"{SVG}text") if "chart-date" in t.get("class", "")]
    texts = [t.text or "" for t in dates]
    assert texts and len(set(texts)) == len(texts), texts  # no "01 Dec01 Dec"
    spans = []
    for t in dates:
        width = len(t.text or "") * LABEL_CHAR_W
        x = float(t.get("x", "0"))
        anchor = t.get("text-anchor")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        spans.append((left, left + width))
        assert left >= -0.5 and left + width <= 360.5  # inside the picture
    spans.sort()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans
    for c in dots:  # every label is rounded: at most 2 decimals, 1 from 10 up
        value = (c.find(f"{SVG}title").text or "").rsplit(": ", 1)[1].split()[0]  # type: ignore[union-attr]
        if "." in value:
            decimals = len(value.split(".")[1])
            assert decimals <= (1 if abs(float(value)) >= 10 else 2), value


@settings(max_examples=300)
@given(st.floats(-1000, 1000, allow_nan=False), st.floats(0, 1000, allow_nan=False))
def test_ticks_cover_the_range_with_round_steps(low: float, width: float) -> None:
    found = ticks(low, low + width)
    assert found[0] <= low + 1e-6 and found[-1] >= low + width - 1e-6
    steps = [b - a for a, b in itertools.pairwise(found)]
    assert max(steps) - min(steps) <= 1e-6 * max(steps)  # evenly spaced
    assert 2 <= len(found) <= 7


def test_numbers_are_rounded_to_what_people_read() -> None:
    assert number(38.5809) == "38.6"
    assert number(0.6234) == "0.62"
    assert number(120.0) == "120"
    assert number(-2.5) == "-2.5"


def test_one_point_is_drawn_in_the_middle_with_one_date() -> None:
    svg = line_chart("t", [Series("a", [(DAY0, 40.0)])], "kg", chart_id="c")
    root = _parse(svg)
    [dot] = [c for c in root.iter(f"{SVG}circle") if "chart-dot" in c.get("class", "")]
    x0, _, x1, _ = PLOT
    assert float(dot.get("cx", "0")) == (x0 + x1) / 2
    assert [t.text for t in root.iter(f"{SVG}text") if "chart-date" in t.get("class", "")] == [
        "01 Jan"
    ]
    assert "<path" not in svg  # no line through a single point
