"""api.js in Chromium: one fetch helper for every page script; the server's errors in words
(this app's ErrorOut, FastAPI's string and list `detail`), with the status kept for callers that
decide by it (the offline queue); and the finished session's Nordic line from the server's numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hamcoach.config import Settings
from hamcoach.domain.prescription import FULL_RAMP_WEEK
from hamcoach.storage.store import open_store
from hamcoach.web.app import create_app
from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page
from tests.web.harness import BrowserErrors, serve_app
from tests.web.test_app_e2e import onboard

pytestmark = pytest.mark.browser

MESSAGES = """async () => {
  const { messageOf } = await import("/static/js/api.js");
  return [
    messageOf({ detail: "reps must be 1-100 (got 500)", errors: ["reps: too many"] }),
    messageOf({ errors: ["reps: too many", "load is required"] }),
    messageOf({ detail: [{ loc: ["body", "load"], msg: "Input should be at most 500" }] }),
    messageOf({ detail: [{ loc: ["body"], msg: "Input should be a JSON object" }] }),
    messageOf({}),
    messageOf(undefined),
  ];
}"""

CALLS = """async () => {
  const { ApiError, api, request } = await import("/static/js/api.js");
  const refused = await api("/api/v1/sets", { method: "POST", body: { reps: "x" } }).catch((e) => e);
  const answer = await request("/api/v1/sets", { method: "POST", body: [] });
  const listed = await api("/api/v1/sets");
  return {
    refused: [refused instanceof ApiError, refused.status, refused.message],
    answer: [answer.ok, answer.status, answer.message],
    listed,
  };
}"""


def test_error_bodies_become_one_readable_message(phone_page: Page, fake_api: FakeApi) -> None:
    open_test_page(phone_page, fake_api.base)
    assert phone_page.evaluate(MESSAGES) == [
        "reps must be 1-100 (got 500)",
        "reps: too many; load is required",
        "load: Input should be at most 500",
        "Input should be a JSON object",
        None,
        None,
    ]


def test_a_refusal_throws_with_its_status_and_request_answers_without_throwing(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(r"status of 422")
    open_test_page(phone_page, fake_api.base)
    got = phone_page.evaluate(CALLS)
    missing = [f"{name}: Field required" for name in ("id", "exercise")]
    assert got["refused"][:2] == [True, 422]
    assert got["refused"][2].startswith("; ".join(missing))
    assert got["answer"] == [False, 422, "Input should be a JSON object"]
    assert got["listed"] == []  # a 2xx answers the parsed body


@pytest.fixture
def app_base(tmp_path: Path) -> Iterator[str]:
    settings = Settings(f"sqlite:///{tmp_path / 'api-js.db'}", tmp_path)
    store = open_store(settings)
    with serve_app(create_app(settings, store)) as url:
        yield url
    store.close()


def test_the_finished_session_names_the_ramp_week_of_the_servers_ramp(
    phone_page: Page, app_base: str
) -> None:
    page = phone_page
    onboard(page, app_base)  # not experienced with Nordics: the ramp starts at week 1
    page.goto(app_base + "/today")
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")
    page.evaluate(
        """async () => {
          const queue = await import("/static/js/offline-queue.js");
          document.querySelector("[data-guided]").dataset.sessionDate =
            queue.localIsoString().slice(0, 10);
          await queue.enqueueSet({exercise: "lying-leg-curl", reps: 12, load: 40});
        }"""
    )
    expect(page.locator("[data-queue-status]")).to_have_text("All sets synced.")
    summary = page.locator("[data-guided-summary]")
    while summary.is_hidden():
        page.locator("[data-guided-step]:visible [data-guided-next]").click()
    expect(summary.locator("[data-guided-summary-text]")).to_have_text(
        "Well done. Your next targets:"
    )
    expect(summary.locator("[data-guided-next-targets] li").last).to_have_text(
        re.compile(rf"^Nordic: ramp-in week 1 of {FULL_RAMP_WEEK}$")
    )
    # The summary: time, sets, reps and volume in the athlete's unit, each exercise by name.
    expect(summary.locator("[data-guided-summary-stats]")).to_have_text(
        re.compile(r"^Done in \d+ min: 1 set, 12 reps, 480 kg lifted\.$")
    )
    expect(summary.locator("[data-guided-summary-exercises]")).to_contain_text("Lying leg curl: 1")
