"""The Today page asks how sore the hamstrings are; 7 of 10 gives the lighter session (one set
fewer, no Nordic) with its reason, and the full one stays one tap away. Real app on SQLite, its
clock set to a session day; Debian's Chromium at phone size."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from playwright.sync_api import Page, expect

from hamcoach.config import Settings
from hamcoach.storage.store import open_store
from hamcoach.web.app import create_app
from hamcoach.web.deps import now_utc
from tests.web.harness import serve_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    settings = Settings(f"sqlite:///{tmp_path / 'sore.db'}", tmp_path)
    store = open_store(settings)
    app = create_app(settings, store)
    profile = {**PROFILE, "nordic_experienced": True}
    with serve_app(app) as url:
        assert httpx2.put(url + "/api/v1/profile", json=profile).status_code == 200
        plan = httpx2.get(url + "/api/v1/plan", params={"weeks": 1}).json()
        first = dt.date.fromisoformat(plan["weeks"][0]["sessions"][0]["date"])
        noon = dt.datetime.combine(first, dt.time(12), dt.UTC)

        async def on_a_session_day() -> dt.datetime:
            return noon

        app.dependency_overrides[now_utc] = on_a_session_day
        yield url
    store.close()


def test_soreness_seven_gives_the_lighter_session(phone_page: Page, base: str) -> None:
    page = phone_page
    page.goto(base + "/today")
    titles = page.locator("[data-guided-step] h2")
    assert any("Nordic" in t for t in titles.all_inner_texts())
    page.get_by_label("Hamstring soreness today (0\u201310)").select_option("7")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("soreness 7/10: a lighter session")
    assert not any("Nordic" in t for t in titles.all_inner_texts())
    target = page.locator("[data-guided-step]:visible .target")
    expect(target).to_contain_text("2 sets")
    page.get_by_role("button", name="Do the full session instead").click()
    assert any("Nordic" in t for t in page.locator("[data-guided-step] h2").all_inner_texts())
    expect(page.locator("[data-guided-step]:visible .target")).to_contain_text("3 sets")
    # The choice begins the session: a set sent from any device keeps the full version, and
    # the switch goes away once a set is logged.
    expect(page.get_by_role("button", name="Use the lighter one")).to_be_visible()
    day = httpx2.get(base + "/api/v1/today").json()["date"]
    nordic = {
        "id": str(uuid.uuid4()),
        "exercise": "nordic-curl",
        "reps": 5,
        "performed_at": f"{day}T12:00:00+00:00",
    }
    assert httpx2.post(base + "/api/v1/sets", json=nordic).status_code == 201
    page.reload()
    assert any("Nordic" in t for t in page.locator("[data-guided-step] h2").all_inner_texts())
    expect(page.get_by_role("button", name="Use the lighter one")).to_have_count(0)
    state = httpx2.get(base + "/api/v1/today").json()["state"]
    assert state["extras"] == [] and state["work_sets"] == 1
