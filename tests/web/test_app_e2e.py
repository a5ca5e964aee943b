"""The real app (create_app on a real SQLite file) in Debian's Chromium at phone size:
onboarding -> week -> guided session with the rest timer -> history -> progress; offline logging;
accessibility of every page; the guided session by keyboard alone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.services.demo import seed_demo
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.web.harness import BrowserErrors, assert_accessible, serve_app, wait_js

pytestmark = pytest.mark.browser


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'e2e.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def base(store: Store, tmp_path: Path) -> Iterator[str]:
    app = create_app(Settings(f"sqlite:///{tmp_path / 'e2e.db'}", tmp_path), store)
    with serve_app(app) as url:
        yield url


def stored_sets(store: Store) -> list[tuple[str, str, int]]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, exercise, reps FROM set_log ORDER BY performed_at"))
        return [tuple(r) for r in rows]


def onboard(page: Page, base: str) -> None:
    page.goto(base + "/")
    expect(page).to_have_url(base + "/onboarding")
    page.get_by_label("Your name").fill("Ana")
    for label in ("Lying (prone) leg-curl machine", "Training partner", "Towel on a smooth floor"):
        page.get_by_label(label).check()
    page.get_by_label("Tue").select_option("key")
    page.get_by_label("Thu").select_option("easy")
    page.get_by_label("Sun").select_option("long")
    page.get_by_label("Time zone").fill("UTC")
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(base + "/week?welcome=1")
    first = page.locator("[data-first-session]")
    expect(first).to_contain_text("Your first session")
    expect(first.locator("details")).to_have_attribute("open", "")


def test_onboarding_plan_guided_session_history_progress(
    phone_page: Page, base: str, store: Store
) -> None:
    page = phone_page
    onboard(page, base)
    expect(page.get_by_role("heading", name="Your weeks")).to_be_visible()
    expect(page.locator("table.week-table").first).to_contain_text("key")
    assert page.locator("details summary", has_text="Why this day").count() >= 2

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page).to_have_url(base + "/today")
    step = page.locator("[data-guided-step]:visible")
    expect(step).to_have_count(1)
    expect(step.locator("img")).to_have_attribute("src", re.compile(r"/static/svg/.+\.svg"))
    timer = page.locator("[data-rest-timer]")
    form = step.locator("form[data-set-form]:visible").first
    for _ in range(3):
        form.get_by_role("button", name="Log set").click()
        expect(timer).to_have_attribute("data-state", "running")
        page.locator("[data-timer-skip]").click()
        expect(timer).not_to_have_attribute("data-state", "running")
    expect(step.locator("[data-guided-count]")).to_have_text(
        re.compile(r"^3 (of \d+ sets|sets) logged")
    )
    expect(page.locator("[data-queue-status]")).to_have_text("All sets synced.", timeout=10_000)
    assert len(stored_sets(store)) == 3

    page.get_by_role("link", name="History").click()
    expect(page.locator("[data-set-row]")).to_have_count(3)
    page.locator("[data-history-session] > summary").first.click()  # sessions open on tap
    row = page.locator("[data-set-row]").first
    row.locator("summary").click()
    row.get_by_role("button", name="Delete").click()
    expect(row).to_be_hidden()
    assert len(stored_sets(store)) == 2
    # People read names, not slugs (issue 11, item 7).
    expect(page.locator("[data-undo-text]")).to_have_text(
        re.compile(r"^Deleted [A-Z][a-z -]+( \((left|right)\))?, set \d\.$")
    )
    page.get_by_role("button", name="Undo").click()
    expect(row).to_be_visible()
    assert len(stored_sets(store)) == 3

    page.get_by_role("link", name="Progress").click()
    chart = page.locator("figure.chart svg").first
    expect(chart).to_be_visible()
    assert page.locator("figure.chart circle").count() >= 1


def test_offline_sets_sync_exactly_once_after_reload(
    phone_page: Page,
    phone_context: BrowserContext,
    browser_errors: BrowserErrors,
    base: str,
    store: Store,
) -> None:
    browser_errors.allow(r"ERR_INTERNET_DISCONNECTED")  # the queue's attempts while offline
    page = phone_page
    onboard(page, base)
    page.goto(base + "/today")
    wait_js(page, "document.documentElement.dataset.appReady === 'true'")
    wait_js(
        page,
        "navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true)",
    )
    page.reload()  # let the service worker take control and cache the page
    wait_js(page, "document.documentElement.dataset.appReady === 'true'")
    phone_context.set_offline(True)
    form = page.locator("[data-guided-step]:visible form[data-set-form]:visible").first
    form.get_by_role("button", name="Log set").click()
    page.locator("[data-timer-skip]").click()
    form.get_by_role("button", name="Log set").click()
    expect(page.locator("[data-queue-status]")).to_have_attribute("data-pending", "2")
    assert stored_sets(store) == []
    page.reload()  # offline: served by the service worker; the queue survives in IndexedDB
    expect(page.locator("[data-queue-status]")).to_have_attribute("data-pending", "2")
    phone_context.set_offline(False)
    expect(page.locator("[data-queue-status]")).to_have_attribute(
        "data-pending", "0", timeout=20_000
    )
    rows = stored_sets(store)
    assert len(rows) == 2 and len({r[0] for r in rows}) == 2


def test_every_page_is_accessible_in_light_and_dark(
    phone_page: Page, store: Store, base: str
) -> None:
    seed_demo(store.uow, dt.datetime.now(dt.UTC).date())
    for scheme in ("light", "dark"):
        phone_page.emulate_media(color_scheme=scheme)
        for path in ("/today", "/week", "/history", "/progress", "/tests", "/settings"):
            phone_page.goto(base + path)
            wait_js(phone_page, "document.documentElement.dataset.appReady === 'true'")
            assert_accessible(phone_page)


def test_chart_lines_are_strokes_not_filled_shapes(
    phone_page: Page, store: Store, base: str
) -> None:
    """Under the CSP the line style lives in app.css; the series colour rule must not fill it."""
    seed_demo(store.uow, dt.datetime.now(dt.UTC).date())
    phone_page.goto(base + "/progress")
    fills = phone_page.evaluate(
        "[...document.querySelectorAll('.chart-line')].map(p => getComputedStyle(p).fill)"
    )
    assert fills and set(fills) == {"none"}


def test_onboarding_page_is_accessible(phone_page: Page, base: str) -> None:
    phone_page.goto(base + "/onboarding")
    assert_accessible(phone_page)
    unlabeled = phone_page.evaluate(
        """[...document.querySelectorAll('input:not([type=hidden]), select, button')]
           .filter(el => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
           .map(el => el.outerHTML)"""
    )
    assert unlabeled == []


def test_guided_session_works_with_the_keyboard(phone_page: Page, store: Store, base: str) -> None:
    page = phone_page
    onboard(page, base)
    page.goto(base + "/today")
    wait_js(page, "document.documentElement.dataset.appReady === 'true'")
    button = page.locator(
        "[data-guided-step]:visible form[data-set-form] button[type=submit]"
    ).first
    for _ in range(40):  # Tab until the log button has focus
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the Log set button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("[data-rest-timer]")).to_have_attribute("data-state", "running")
    expect(page.locator("[data-queue-status]")).to_have_text("All sets synced.", timeout=10_000)
    assert len(stored_sets(store)) == 1
    nxt = page.locator("[data-guided-step]:visible [data-guided-next]")
    nxt.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-guided-progress]")).to_contain_text("Exercise 2 of")
    focused = page.evaluate("document.activeElement.tagName")
    assert focused == "H2"  # focus moved to the new exercise's heading


def _gpx_run(path: Path, start: dt.datetime, minutes: int, name: str) -> Path:
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack(name=name)
    segment = gpxpy.gpx.GPXTrackSegment()
    for i in range(minutes + 1):
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(46.0 + i * 0.0018, 14.5, time=start + dt.timedelta(minutes=i))
        )
    track.segments.append(segment)
    gpx.tracks.append(track)
    path.write_text(gpx.to_xml())
    return path


def test_settings_uploads_runs_and_the_week_shows_them(
    phone_page: Page, base: str, tmp_path: Path
) -> None:
    page = phone_page
    onboard(page, base)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    start = dt.datetime.combine(monday, dt.time(7), dt.UTC)
    gpx = _gpx_run(tmp_path / "tempo.gpx", start, 40, "Tempo run")
    page.goto(base + "/settings")
    expect(page.get_by_label("Subscribe to your sessions in your calendar app")).to_have_value(
        re.compile(r"/calendar/.+\.ics$")
    )
    page.get_by_label("Run files").set_input_files(str(gpx))
    page.get_by_role("button", name="Import runs").click()
    expect(page.locator("[data-run-upload-status]")).to_contain_text("Imported 1 run")
    page.goto(base + "/week")
    expect(page.locator("ul.runs").first).to_contain_text("Tempo run")
    expect(page.locator("ul.runs .tag").first).to_have_text("key")
    assert_accessible(page)


def test_tests_page_updates_in_place_with_htmx(
    phone_page: Page, browser_errors: BrowserErrors, base: str
) -> None:
    browser_errors.allow(r"status of 422")  # the refused test answers 422 with the form
    page = phone_page
    onboard(page, base)
    page.goto(base + "/tests")
    wait_js(page, "window.htmx !== undefined")
    page.evaluate("window.stillHere = true")
    section = page.locator("#test-hq")
    section.get_by_label("Hamstring concentric peak torque").fill("120")
    section.get_by_label("Quadriceps concentric peak torque").fill("200")
    section.get_by_role("button", name="Save H:Q test").click()
    expect(page.locator("#test-hq [data-result=hq]").first).to_contain_text("0.60")
    expect(page.locator("#test-hq")).to_contain_text("Saved.")
    angle = page.locator("#test-break-angle")
    angle.get_by_label("Angle (degrees)").fill("120")
    angle.get_by_role("button", name="Save break point").click()
    expect(page.locator("#test-break-angle [role=alert]")).to_contain_text("0-90 degrees")
    assert page.evaluate("window.stillHere") is True  # no full page load: swapped in place
    assert_accessible(page)
