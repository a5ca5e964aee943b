"""Moving a session in a real browser (issue 12, item 3): on a phone, tap "Move" and a day; on a
laptop, drag the session onto another day. Both land on the week with the new day, the rules it
breaks, and the move kept by the plan. Real app on SQLite, its clock on a Monday morning;
Debian's Chromium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from playwright.sync_api import expect

from hamcoach.config import Settings
from hamcoach.storage.store import open_store
from hamcoach.web.app import create_app
from hamcoach.web.deps import now_utc
from tests.web.conftest import OpenPage
from tests.web.harness import assert_accessible, serve_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser

MONDAY = dt.date(2026, 11, 30)
SATURDAY = MONDAY + dt.timedelta(days=5)  # the day before the profile's Sunday long run


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    settings = Settings(f"sqlite:///{tmp_path / 'moves.db'}", tmp_path)
    store = open_store(settings)
    app = create_app(settings, store)

    async def monday_morning() -> dt.datetime:
        return dt.datetime.combine(MONDAY, dt.time(8), dt.UTC)

    app.dependency_overrides[now_utc] = monday_morning
    with serve_app(app) as url:
        assert httpx2.put(url + "/api/v1/profile", json=PROFILE).status_code == 200
        yield url
    store.close()


def _planned(base: str) -> list[str]:
    plan = httpx2.get(base + "/api/v1/plan", params={"weeks": 1}).json()
    return [s["date"] for s in plan["weeks"][0]["sessions"]]


def _source(base: str) -> str:
    """A session of this week that is not next to Saturday (so the move is not a no-op)."""
    days = _planned(base)
    assert SATURDAY.isoformat() not in days, "the plan put a session before the long run"
    return next(d for d in days if abs((dt.date.fromisoformat(d) - SATURDAY).days) > 1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_a_session_moves_with_two_taps_and_warns(
    open_page: OpenPage, base: str, scheme: str
) -> None:
    page = open_page("phone", color_scheme=scheme)
    source = _source(base)
    page.goto(base + "/week")
    day = page.locator(f"tr[data-day='{source}']")
    day.locator("details.move summary").click()
    button = day.get_by_role("button", name="Sat 5 Dec")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    button.click()
    expect(page).to_have_url(base + "/week?moved=2026-12-05#day-2026-12-05")
    result = page.locator("[data-move-result]")
    expect(result).to_contain_text("Moved to Sat 5 Dec.")
    expect(result).to_contain_text("the day before the long run")
    saturday = page.locator("tr[data-day='2026-12-05']")
    expect(saturday.locator(".tag--moved")).to_be_visible()
    expect(saturday.locator(".move-warnings")).to_contain_text("Careful:")
    assert SATURDAY.isoformat() in _planned(base) and source not in _planned(base)
    assert_accessible(page)
    # Put back: the button on the moved session names the day the plan chose.
    saturday.locator("details.move summary").click()
    saturday.get_by_role("button", name="Put back").click()
    expect(page.locator("[data-move-result]")).to_contain_text("breaks none of the plan's rules")
    assert source in _planned(base)


def test_on_a_laptop_a_session_is_dragged_onto_another_day(open_page: OpenPage, base: str) -> None:
    page = open_page("laptop")
    source = _source(base)
    page.goto(base + "/week")
    expect(page.locator("html[data-app-ready='true']")).to_be_attached()  # drag handlers on
    expect(page.locator(".drag-hint")).to_be_visible()
    session = page.locator(f"[data-move-from='{source}']")
    target = page.locator("tr[data-day='2026-12-05']")
    # Days that cannot take it (one with a session, a day gone) are not offered.
    other = next(d for d in _planned(base) if d != source)
    assert other not in (session.get_attribute("data-move-targets") or "")
    session.drag_to(target)
    expect(page).to_have_url(base + "/week?moved=2026-12-05#day-2026-12-05")
    expect(page.locator("[data-move-result]")).to_contain_text("the day before the long run")
    assert SATURDAY.isoformat() in _planned(base)
    # The month shows it on its new day, marked as moved.
    page.goto(base + "/month")
    cell = page.locator(
        ".month-day.has-session", has=page.get_by_role("link", name="Saturday 5 December")
    )
    expect(cell.locator(".tag--moved")).to_be_visible()
    assert_accessible(page)
