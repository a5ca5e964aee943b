"""The Nordic break-point angle's trend on the progress page (issue 15, item 4): the tests
over time with the band of measurement noise (5.5 deg) around the first, and a caption that
calls a change under it noise and one over it a real change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from hamcoach.domain.metrics import BREAK_POINT_NOISE_DEG


@pytest.mark.parametrize(
    ("later", "verdict"), [(3.0, "no real change yet"), (8.0, "a real change")]
)
def test_the_break_angle_trend_shows_the_noise_band_and_says_what_is_real(
    athlete: TestClient, later: float, verdict: str
) -> None:
    today = dt.datetime.now(dt.UTC).date()
    first = today - dt.timedelta(days=21)
    for day, degrees in ((first, 40.0), (today, 40.0 + later)):
        body = {"kind": "break-angle", "degrees": degrees, "tested_on": day.isoformat()}
        assert athlete.post("/api/v1/tests", json=body).status_code == 201
    page = athlete.get("/progress").text
    figure = page[page.index("Nordic break-point angle") :]
    figure = figure[: figure.index("</figure>")]
    assert 'class="chart-band"' in figure
    assert f"noise (\u00b1{BREAK_POINT_NOISE_DEG:g} deg of the first)" in figure
    caption = re.search(r'<p class="chart-caption">([^<]+)</p>', figure)
    assert caption is not None and verdict in caption.group(1)
    assert f"{first:%d %b %Y}" in caption.group(1)
    # The band spans the first test plus and minus the noise, on the chart's own scale.
    dots = re.findall(r'<circle class="chart-dot[^"]*" cx="[\d.]+" cy="([\d.]+)"', figure)
    band = re.search(
        r'<rect class="chart-band" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"', figure
    )
    assert band is not None and len(dots) == 2
    top, height = float(band.group(1)), float(band.group(2))
    first_y, later_y = float(dots[0]), float(dots[1])
    assert top < first_y < top + height  # the first test sits inside its band
    inside = top <= later_y <= top + height
    assert inside == (later < BREAK_POINT_NOISE_DEG)
