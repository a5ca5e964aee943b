"""A coach and an athlete in two real browsers (issue 14): the coach makes an invitation, the
athlete opens it on their phone, signs in, accepts, logs a set, and the coach's roster shows it
on the next reload; the coach then opens the athlete's read-only progress. At laptop and phone
size for the coach. Real app on SQLite in accounts mode; Debian's Chromium."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from playwright.sync_api import Page, expect

from hamcoach.config import Settings
from hamcoach.services.accounts import add_user
from hamcoach.services.coaching import set_coach
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.web.conftest import OpenPage
from tests.web.harness import assert_accessible, serve_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'coach.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def base(store: Store, tmp_path: Path) -> Iterator[str]:
    app = create_app(Settings(f"sqlite:///{tmp_path / 'coach.db'}", tmp_path), store)
    with serve_app(app) as url:
        assert httpx2.put(url + "/api/v1/profile", json=PROFILE).status_code == 200
        now = dt.datetime.now(dt.UTC)
        add_user(store.uow(), "ana", PASSWORD, now=now)  # takes the profile's athlete
        add_user(store.uow(), "cora", PASSWORD, now=now)
        set_coach(store.uow(), "cora", coach=True)
        app.state.accounts_mode = True
        yield url


def sign_in(page: Page, who: str) -> None:
    page.get_by_label("User name").fill(who)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("coach_size", ["laptop", "phone"])
def test_an_invited_athletes_session_shows_on_the_coachs_roster(
    open_page: OpenPage, base: str, coach_size: str
) -> None:
    coach = open_page(coach_size)
    coach.goto(base + "/coach")
    sign_in(coach, "cora")
    expect(coach).to_have_url(base + "/coach")
    expect(coach.get_by_text("No athlete has accepted an invitation yet.")).to_be_visible()
    coach.get_by_label("Group (optional").fill("Tuesday squad")
    coach.get_by_role("button", name="Make an invitation").click()
    expect(coach.locator("[data-invitation-qr] svg")).to_be_visible()
    link = coach.locator("[data-invitation-url]").inner_text()
    assert re.fullmatch(re.escape(base) + r"/invite/[\w-]{43}", link)
    assert_accessible(coach)

    athlete = open_page("phone")
    athlete.goto(link)  # from the QR code: not signed in on this phone yet
    expect(athlete).to_have_url(re.compile(r"/signin\?next="))
    sign_in(athlete, "ana")
    expect(athlete).to_have_url(link)
    expect(athlete.get_by_role("heading", name="cora invites you")).to_be_visible()
    expect(athlete.get_by_text("before today")).to_be_visible()
    assert_accessible(athlete)
    athlete.get_by_role("button", name="Accept cora as my coach").click()
    expect(athlete.get_by_text("Invitation accepted")).to_be_visible()

    # The roster knows the athlete before any session: inactive, nothing logged yet.
    coach.goto(base + "/coach")
    card = coach.locator(".roster-card", has_text=str(PROFILE["name"]))
    expect(card).to_contain_text("nothing logged yet")

    athlete.goto(base + "/today")
    form = athlete.locator("[data-guided-step]:visible form[data-set-form]").first
    form.get_by_role("button", name="Log set").click()
    expect(athlete.locator("[data-queue-status]")).to_have_text(re.compile(r"\S"))
    today = dt.datetime.now(dt.UTC).date()
    for _ in range(50):  # one reload after the set is stored
        coach.reload()
        if "nothing logged yet" not in card.inner_text():
            break
        coach.wait_for_timeout(100)
    expect(card).to_contain_text(f"{today:%a %d %b %Y}")  # the last session: today
    expect(card).not_to_contain_text("nothing logged yet")
    assert_accessible(coach)

    # The coach changes sessions per week for the whole group, from next Monday.
    coach.get_by_label("For").select_option(label="Everyone in Tuesday squad")
    coach.get_by_label("Change", exact=True).select_option(label="3 a week")
    coach.get_by_role("button", name="Change the plans").click()
    expect(coach.get_by_text("Programme changed for 1 athlete(s)")).to_be_visible()
    monday = today + dt.timedelta(days=7 - today.weekday())
    reason = f"your coach cora set 3 sessions a week from {monday:%a %d %b}"
    athlete.goto(base + f"/week?start={monday.isoformat()}")
    expect(athlete.get_by_text(reason).first).to_be_attached()
    plan = athlete.request.get(base + "/api/v1/plan?weeks=2").json()
    [next_week] = [w for w in plan["weeks"] if w["start"] == monday.isoformat()]
    assert len(next_week["sessions"]) == 3
    assert len(plan["weeks"][0]["sessions"]) == PROFILE["sessions"]  # this week stays as planned
    athlete.goto(base + "/account")
    expect(athlete.get_by_text(reason[:1].upper() + reason[1:])).to_be_visible()

    card.get_by_role("link", name=str(PROFILE["name"])).click()
    expect(coach.get_by_role("heading", name=f"{PROFILE['name']}: progress")).to_be_visible()
    expect(coach.get_by_text("Read-only: shared with you since")).to_be_visible()
    assert_accessible(coach)
