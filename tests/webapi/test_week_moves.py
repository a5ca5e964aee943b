"""A week you can move (issue 12, item 3): earlier and later weeks, a month view, moving a planned
session to another day with the rules checked again, and the move in the calendar feed, the FIT
export and today's session. Real app on SQLite, the clock fixed to a Monday morning."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from hamcoach.web.deps import now_utc

MONDAY = dt.date(2026, 11, 30)
NOW = dt.datetime.combine(MONDAY, dt.time(8), dt.UTC)


@pytest.fixture
def web(athlete: TestClient) -> TestClient:
    athlete.app.dependency_overrides[now_utc] = lambda: NOW  # type: ignore[attr-defined]
    return athlete


def _sessions(web: TestClient, weeks: int = 2) -> list[dict[str, Any]]:
    plan = web.get("/api/v1/plan", params={"weeks": weeks}).json()
    return [s for w in plan["weeks"] for s in w["sessions"]]


def _free(sessions: list[dict[str, Any]], start: dt.date = MONDAY) -> list[dt.date]:
    taken = {s["date"] for s in sessions}
    days = [start + dt.timedelta(days=i) for i in range(7)]
    return [d for d in days if d.isoformat() not in taken and d >= MONDAY]


def _move(web: TestClient, source: str, target: dt.date | str) -> Any:
    to = target if isinstance(target, str) else target.isoformat()
    return web.post("/api/v1/plan/moves", json={"from": source, "to": to})


def test_a_moved_session_is_on_its_new_day_everywhere(web: TestClient) -> None:
    before = _sessions(web)
    source = before[0]["date"]
    target = next(d for d in _free(before) if abs((d - dt.date.fromisoformat(source)).days) > 1)
    moved = _move(web, source, target)
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["session"]["date"] == target.isoformat()
    assert body["planned_on"] == source

    after = _sessions(web)
    assert len(after) == len(before)
    dates = [s["date"] for s in after]
    assert target.isoformat() in dates and source not in dates
    now_on = next(s for s in after if s["date"] == target.isoformat())
    assert now_on["moved_from"] == source
    assert now_on["exercises"] == before[0]["exercises"]
    assert now_on["reasons"][0].startswith("Moved by you from")

    # The calendar feed and the watch export follow the move.
    feed_url = web.get("/api/v1/calendar").json()["url"]
    feed = web.get(feed_url.removeprefix("http://127.0.0.1"))
    starts = {e.decoded("dtstart") for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    days = {
        d if isinstance(d, dt.date) and not isinstance(d, dt.datetime) else d.date() for d in starts
    }
    assert target in days and dt.date.fromisoformat(source) not in days
    fit = web.get("/api/v1/export/fit", params={"date": target.isoformat()})
    assert fit.status_code == 200 and target.isoformat() in fit.headers["content-disposition"]
    assert web.get("/api/v1/export/fit", params={"date": source}).status_code == 422

    # Moving it back to the day the plan chose is the plan again.
    back = _move(web, target.isoformat(), source)
    assert back.status_code == 200 and back.json()["warnings"] == []
    assert _sessions(web) == before


def test_a_move_onto_the_day_before_the_long_run_warns_and_is_kept(web: TestClient) -> None:
    # The profile's long run is on Sunday: Saturday is the day before it.
    saturday = MONDAY + dt.timedelta(days=5)
    sessions = _sessions(web)
    if saturday.isoformat() in {s["date"] for s in sessions}:
        pytest.fail("the plan itself put a session before the long run")
    source = sessions[0]["date"]
    moved = _move(web, source, saturday)
    assert moved.status_code == 200
    warnings = moved.json()["warnings"]
    assert any("day before the long run" in w for w in warnings)
    page = web.get("/week", params={"moved": saturday.isoformat()}).text
    assert "Moved to Sat 5 Dec." in page
    assert "Careful: the day before the long run" in page
    assert "moved</span> from" in page


def test_moves_that_cannot_be_are_refused_with_the_reason(web: TestClient) -> None:
    sessions = _sessions(web)
    first, second = sessions[0]["date"], sessions[1]["date"]
    taken = _move(web, first, second)
    assert taken.status_code == 409 and "already holds a session" in taken.json()["detail"]
    gone = _move(web, first, (MONDAY - dt.timedelta(days=1)).isoformat())
    assert gone.status_code == 422 and "another week" in gone.json()["detail"]
    nothing = _move(web, _free(sessions)[0].isoformat(), _free(sessions)[1])
    assert nothing.status_code == 422 and "no session is planned" in nothing.json()["detail"]
    far = (MONDAY + dt.timedelta(weeks=20)).isoformat()
    assert "weeks ahead" in _move(web, far, far).json()["detail"]
    bad = web.post("/api/v1/plan/moves", json={"from": "2026-12-40", "to": first})
    assert bad.status_code == 422
    assert _sessions(web) == sessions  # nothing changed


def test_a_begun_session_keeps_its_day(web: TestClient) -> None:
    sessions = _sessions(web)
    today = next((s for s in sessions if s["date"] == MONDAY.isoformat()), None)
    if today is None:  # make today's session by moving the first one here
        assert _move(web, sessions[0]["date"], MONDAY).status_code == 200
    begun = web.post(f"/api/v1/sessions/{MONDAY.isoformat()}/start", json={})
    assert begun.status_code == 204, begun.text
    target = _free(_sessions(web))[-1]
    refused = _move(web, MONDAY.isoformat(), target)
    assert refused.status_code == 409 and "has begun" in refused.json()["detail"]


def test_a_session_moved_to_today_is_todays_session(web: TestClient) -> None:
    sessions = _sessions(web)
    if sessions[0]["date"] == MONDAY.isoformat():
        source = sessions[1]["date"]
        assert _move(web, sessions[0]["date"], _free(sessions)[-1]).status_code == 200
    else:
        source = sessions[0]["date"]
    assert _move(web, source, MONDAY).status_code == 200
    today = web.get("/api/v1/today").json()
    assert today["date"] == MONDAY.isoformat() and today["moved_from"] == source


def test_the_week_page_moves_by_form_and_walks_through_weeks(web: TestClient) -> None:
    sessions = _sessions(web)
    page = web.get("/week").text
    source = sessions[0]["date"]
    assert f'name="from" value="{source}"' in page
    target = _free(sessions)[0]
    assert f'name="to" value="{target.isoformat()}"' in page
    posted = web.post(
        "/week/move", data={"from": source, "to": target.isoformat()}, follow_redirects=False
    )
    assert posted.status_code == 303
    assert posted.headers["location"].startswith(f"/week?moved={target.isoformat()}")
    shown = web.get(posted.headers["location"]).text
    assert f"Moved to {target:%a} {target.day} {target:%b}." in shown
    # Previous and next weeks.
    next_week = (MONDAY + dt.timedelta(days=7)).isoformat()
    assert f'href="/week?start={next_week}"' in shown
    later = web.get("/week", params={"start": next_week}).text
    assert f"Week of {MONDAY + dt.timedelta(days=7):%a %d %b}" in later
    assert 'href="/week">This week</a>' in later
    earlier = web.get("/week", params={"start": (MONDAY - dt.timedelta(days=7)).isoformat()})
    assert earlier.status_code == 200
    assert "Week of Mon 23 Nov" in earlier.text
    gone_week = earlier.text.split("Week of Mon 30 Nov")[0]
    assert "Week of Mon 23 Nov" in gone_week and 'name="to"' not in gone_week  # nothing to move
    refused = web.get("/week", params={"start": "next tuesday"})
    assert refused.status_code == 422 and "YYYY-MM-DD" in refused.text


def test_the_month_shows_every_planned_session_and_links_to_its_week(web: TestClient) -> None:
    page = web.get("/month", params={"month": "2026-12"})
    assert page.status_code == 200
    text = page.text
    assert "<h1>December 2026</h1>" in text
    plan = _sessions(web, weeks=5)
    december = [s for s in plan if s["date"].startswith("2026-12")]
    sessions_shown = re.findall(r'class="month-day[^"]*has-session', text)
    # The grid runs Monday to Sunday: its first and last weeks reach into the months around.
    assert len(sessions_shown) >= len(december)
    assert 'href="/week?start=2026-11-30' in text
    assert 'href="/month?month=2027-01"' in text and 'href="/month?month=2026-11"' in text
    assert web.get("/month", params={"month": "2026-13"}).status_code == 422
    assert web.get("/month", params={"month": "2031-01"}).status_code == 422
