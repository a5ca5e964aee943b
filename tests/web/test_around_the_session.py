"""Around the session (issue 12, items 1, 2 and 4) in Debian's Chromium, at phone (390 x 844)
and laptop (1280 x 800) sizes: the history a page of sessions at a time, filtered by exercise;
the demo athlete's charts measured in the browser's own layout (points inside the plot area,
labels apart and unrepeated, the range picker); the laptop layout against the phone's.

The real app (create_app) on a temporary SQLite database; first run and axe-core are in
test_around_the_session_first_run.py."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Page, expect

from hamcoach.services.demo import seed_demo
from tests.web.conftest import OpenPage
from tests.web.harness import SIZES, RealApp, real_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser
BOTH = pytest.mark.parametrize("size", list(SIZES))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RealApp]:
    with real_app(tmp_path) as served:
        yield served


@pytest.fixture
def demo(app: RealApp) -> RealApp:
    """The app holding the demo athlete (`hamcoach serve --demo`): 8 weeks of training."""
    seed_demo(app.store.uow, dt.datetime.now(dt.UTC).date())
    return app


def goto(page: Page, url: str) -> None:
    page.goto(url)
    arrived(page, url)


def arrived(page: Page, url: str) -> None:
    """On `url`, its document parsed and its scripts run (not the page before it)."""
    expect(page).to_have_url(url)
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")


# ---- the history (issue 12, item 1) ------------------------------------------------------

TODAY = dt.datetime.now(dt.UTC).date()
LYING, NORDIC = "lying-leg-curl", "nordic-curl"
MIXES = ((NORDIC,), (LYING, NORDIC), (LYING,), (LYING,))
SESSION_DAYS = [TODAY - dt.timedelta(days=1 + 2 * k) for k in range(24)]  # newest first


def exercises_on(k: int) -> tuple[str, ...]:
    """Session k's exercises: Nordics alone, both, then lying curls twice, over and over."""
    return MIXES[k % 4]


def seed_history(url: str) -> None:
    """24 sessions, every other day back from yesterday, logged through POST /api/v1/sets."""
    with httpx2.Client(base_url=url) as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        for k, day in enumerate(SESSION_DAYS):
            for e, slug in enumerate(exercises_on(k)):
                for n in range(3):
                    at = dt.datetime.combine(day, dt.time(18, 10 * e + n), dt.UTC)
                    body = {
                        "id": str(uuid.uuid4()),
                        "exercise": slug,
                        "reps": 10 + n,
                        "load": None if slug == NORDIC else 40.0 + k % 3,
                        "performed_at": at.isoformat(),
                    }
                    answer = client.post("/api/v1/sets", json=body)
                    assert answer.status_code == 201, answer.text


def shown_dates(page: Page) -> list[str]:
    return page.locator("[data-history-session] > summary > strong").all_inner_texts()


def label(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


@BOTH
def test_history_pages_by_session_filters_by_exercise_and_opens_one_exercise(
    open_page: OpenPage, app: RealApp, size: str
) -> None:
    seed_history(app.url)
    page = open_page(size)
    goto(page, app.url + "/history")
    sessions = page.locator("[data-history-session]")
    expect(sessions).to_have_count(10)
    assert shown_dates(page) == [label(d) for d in SESSION_DAYS[:10]]  # newest first
    # Folded to their summary line: no session shows its sets until tapped.
    for i in range(10):
        expect(sessions.nth(i)).not_to_have_attribute("open", "")
        expect(sessions.nth(i).locator("[data-set-row]").first).to_be_hidden()
        expect(sessions.nth(i).locator("summary").first).to_contain_text(
            re.compile(r"(Lying leg curl|Nordic hamstring curl) 3")
        )
    if size == "phone":
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 2 * 844, f"the first history page is {height} px tall on a phone"
    third = sessions.nth(2)
    summary = third.locator("summary").first
    if size == "phone":
        summary.tap()  # a tap opens it
    else:
        summary.click()
    expect(third).to_have_attribute("open", "")
    expect(third.locator("[data-set-row]")).to_have_count(3 * len(exercises_on(2)))
    expect(third.locator("[data-set-row]").first).to_be_visible()

    seen = shown_dates(page)
    while page.locator("[data-history-older]").count():
        older_link = page.locator("[data-history-older]")
        href = older_link.get_attribute("href") or ""
        assert href.startswith("/history?before="), href
        older_link.click()
        arrived(page, app.url + href)
        older = shown_dates(page)
        assert older and not set(older) & set(seen), older  # no repeats
        assert older == [label(d) for d in SESSION_DAYS[len(seen) : len(seen) + len(older)]]
        seen += older
    assert seen == [label(d) for d in SESSION_DAYS]  # every session, each once

    search = page.locator("form.history-filter")
    search.get_by_label("Exercise").select_option("nordic-curl")
    search.get_by_role("button", name="Show").click()
    arrived(page, app.url + "/history?exercise=nordic-curl")
    nordic = [label(d) for k, d in enumerate(SESSION_DAYS) if "nordic-curl" in exercises_on(k)]
    assert shown_dates(page) == nordic[:10]
    for i in range(sessions.count()):
        names = (
            sessions.nth(i)
            .locator("[data-set-row]")
            .evaluate_all("rows => rows.map(r => r.dataset.exerciseName)")
        )
        assert "Nordic hamstring curl" in names, names
    page.get_by_role("link", name=re.compile(r"Every session of the nordic hamstring curl")).click()
    arrived(page, app.url + "/history/nordic-curl")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordic")
    rows = page.locator("tbody tr th[scope=row]").all_inner_texts()
    assert rows == nordic


# ---- charts on the demo data (issue 12, item 2) ------------------------------------------

MEASURE = """svg => {
  const box = el => { const r = el.getBoundingClientRect();
    return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const grid = [...svg.querySelectorAll('.chart-grid')].map(box);
  const plot = {l: Math.min(...grid.map(g => g.l)), t: Math.min(...grid.map(g => g.t)),
                r: Math.max(...grid.map(g => g.r)), b: Math.max(...grid.map(g => g.b))};
  const centre = c => { const r = c.getBoundingClientRect();
    return {x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2}; };
  const dots = [...svg.querySelectorAll('circle.chart-dot')].map(c =>
    ({...centre(c), title: c.querySelector('title').textContent}));
  const vertices = [...svg.querySelectorAll('path.chart-line')].flatMap(p => {
    const m = p.getScreenCTM();
    return [...p.getAttribute('d').matchAll(/[ML](-?[\\d.]+),(-?[\\d.]+)/g)]
      .map(([, x, y]) => new DOMPoint(+x, +y).matrixTransform(m)).map(q => ({x: q.x, y: q.y}));
  });
  const labels = [...svg.querySelectorAll('text.chart-label')].map(t =>
    ({text: t.textContent, ...box(t)}));
  return {plot, grid: grid.length, dots, vertices, labels, svg: box(svg),
          title: svg.querySelector('title').textContent};
}"""


def measure_charts(page: Page) -> list[dict[str, Any]]:
    charts = page.locator("figure.chart svg.chart-svg")
    assert charts.count() >= 1, "no chart drawn"
    return [charts.nth(i).evaluate(MEASURE) for i in range(charts.count())]


def check_geometry(chart: dict[str, Any]) -> None:
    name, plot = chart["title"], chart["plot"]
    assert chart["grid"] >= 2 and plot["r"] - plot["l"] > 100, (name, plot)
    points = chart["dots"] + chart["vertices"]
    assert chart["dots"], name
    for p in points:  # within half a pixel: coordinates are rounded to 0.1 of the viewBox
        inside = plot["l"] - 0.5 <= p["x"] <= plot["r"] + 0.5
        assert inside and plot["t"] - 0.5 <= p["y"] <= plot["b"] + 0.5, (name, p, plot)
    labels = chart["labels"]
    texts = [x["text"] for x in labels]
    assert len(texts) == len(set(texts)), (name, texts)  # no label says the same twice
    for a, b in itertools.combinations(labels, 2):
        apart = a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"]
        assert apart, (name, a, b)
    box = chart["svg"]
    for x in labels:  # drawn inside the picture, not cut off by the card
        assert box["l"] - 1 <= x["l"] and x["r"] <= box["r"] + 1, (name, x, box)


def point_dates(charts: list[dict[str, Any]]) -> dict[str, list[dt.date]]:
    found = {}
    for chart in charts:
        days = [re.search(r", (\d\d \w{3} \d{4}): ", d["title"]) for d in chart["dots"]]
        found[chart["title"]] = [
            dt.datetime.strptime(m.group(1), "%d %b %Y").date() for m in days if m
        ]
        assert len(found[chart["title"]]) == len(chart["dots"])
    return found


@BOTH
def test_demo_charts_keep_points_in_the_plot_and_labels_apart_in_every_range(
    open_page: OpenPage, demo: RealApp, size: str
) -> None:
    page = open_page(size)
    goto(page, demo.url + "/progress")
    everything = point_dates(measure_charts(page))
    windows = {"4w": 28, "12w": 84, "1y": 365, "all": None}
    for key, days in windows.items():
        picker = page.get_by_role("navigation", name="Time range")
        picker.locator(f'a[href="/progress?range={key}"]').click()
        arrived(page, demo.url + f"/progress?range={key}")
        expect(picker.locator("[aria-current=page]")).to_have_attribute(
            "href", f"/progress?range={key}"
        )
        charts = measure_charts(page)
        for chart in charts:
            check_geometry(chart)
        shown = point_dates(charts)
        since = None if days is None else TODAY - dt.timedelta(days=days)
        for title, dates in shown.items():
            assert set(dates) <= set(everything[title]), title
            assert since is None or min(dates) >= since, (key, title, min(dates))
        if key == "4w":  # eight weeks of demo data: four weeks show fewer points
            assert sum(map(len, shown.values())) < sum(map(len, everything.values()))
        if key == "all":
            assert shown == everything


# ---- the laptop layout (issue 12, item 4) ------------------------------------------------


def rect(page: Page, selector: str) -> dict[str, float]:
    found: dict[str, float] = page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {l: r.left, t: r.top, r: r.right, b: r.bottom, w: r.width}; }"
    )
    return found


WEEK_GRID = """table => {
  const grid = [table, ...table.querySelectorAll('*')].find(el =>  // the one holding the days
    getComputedStyle(el).display === 'grid' && el.children.length >= 7 && el.offsetWidth > 0);
  if (!grid) return null;
  return {columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
          cells: [...grid.children].slice(0, 7).map(c => {
            const r = c.getBoundingClientRect(); return {l: r.left, t: r.top, w: r.width}; })};
}"""


@BOTH
def test_a_laptop_has_the_nav_on_top_a_wide_page_and_the_week_in_seven_columns(
    open_page: OpenPage, demo: RealApp, size: str
) -> None:
    page = open_page(size)
    goto(page, demo.url + "/week")
    width, height = (SIZES[size]["viewport"][k] for k in ("width", "height"))
    nav, main = rect(page, ".app-nav"), rect(page, "main")
    days = page.locator(".week-table").first.evaluate(WEEK_GRID)
    if size == "laptop":
        assert abs(nav["t"]) <= 2 and nav["w"] >= 0.8 * width, nav  # a bar across the top
        assert main["w"] > 900, main  # not the phone's column
        assert days is not None, "the week table is no CSS grid at laptop size"
        assert days["columns"] == 7, days
        cells = days["cells"]
        assert len(cells) == 7 and len({round(c["t"]) for c in cells}) == 1, cells  # one row
        assert all(a["l"] + a["w"] <= b["l"] + 0.5 for a, b in itertools.pairwise(cells))
        page.mouse.wheel(0, 600)  # the nav stays in reach while the page scrolls
        expect(page.locator(".app-nav")).to_be_in_viewport()
        assert abs(rect(page, ".app-nav")["t"]) <= 2
    else:
        assert abs(nav["b"] - height) <= 2 and nav["t"] > height - 100, nav  # the bottom bar
        assert main["w"] <= width, main
        assert days is None, days  # the phone keeps the table, a day a row
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways
