"""Fixing a refused set resends it once with the same id; discarding it can be undone (issue 8).

Real Chromium against the fake sets API (tests/web/fake_api.py), and once against the real app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page, wait_until
from tests.web.harness import BrowserErrors, assert_accessible, serve_app
from tests.web.refused import (
    ENQUEUE,
    LIST,
    PENDING,
    REJECTED,
    REJECTED_IDS,
    queue_three_with_a_bad_one,
    row,
)
from tests.web.test_app_e2e import onboard

pytestmark = pytest.mark.browser


# ---- Fix ----------------------------------------------------------------------------------------


def test_fix_resends_the_set_once_with_the_same_id_and_it_leaves_the_list(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    good1, bad, good2 = queue_three_with_a_bad_one(page)
    wait_until(page, REJECTED_IDS, [bad])
    original = page.evaluate(REJECTED)[0]["set"]
    item = row(page, bad)

    fix = item.get_by_role("button", name="Fix")
    expect(fix).to_have_attribute("aria-expanded", "false")
    fix.click()
    expect(fix).to_have_attribute("aria-expanded", "true")
    reps = item.get_by_label("Reps")
    expect(reps).to_be_focused()
    expect(reps).to_have_value("0")
    expect(item.get_by_label("Load")).to_have_value("40")
    reps.fill("10")
    item.get_by_label("Load").fill("42,5")
    item.get_by_label("Note").fill("machine was taken, did 10")
    item.get_by_role("button", name="Send again").dblclick()  # a double tap still sends once

    expect(item).to_have_count(0)
    expect(page.locator("[data-refused-status]")).to_have_text(re.compile(r"^Saved: Lying leg"))
    wait_until(page, REJECTED, [])
    page.evaluate("window.hc.queue.syncNow()")
    page.wait_for_timeout(600)
    assert fake_api.store.requests_for(bad) == 2, "the refused send, then exactly one resend"
    assert fake_api.store.posts.count(bad) == 1
    assert fake_api.store.stored_ids() == [good1, good2, bad]
    stored = fake_api.store.sets[bad]
    assert (stored["reps"], stored["load"], stored["note"]) == (
        10,
        42.5,
        "machine was taken, did 10",
    )
    for name in ("exercise", "variant", "side", "performed_at"):
        assert stored[name] == original[name], f"{name} is kept"
    assert page.evaluate(PENDING) == 0
    expect(page.locator("[data-queue-status]")).to_have_text("All sets synced.")


def test_resending_from_two_tabs_at_once_sends_the_set_once(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    fake_api.store.delay = 0.05
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 0})
    wait_until(page, REJECTED_IDS, [set_id])
    other = page.context.new_page()
    open_test_page(other, fake_api.base)
    start = "(id) => { window.resent = window.hc.queue.resendRejected(id, {reps: 6}); }"
    for tab in (page, other):  # both start before either has finished
        tab.evaluate(start, set_id)
    answers = [
        tab.evaluate("async () => (await window.resent)?.id ?? null") for tab in (page, other)
    ]
    assert sorted(answers, key=lambda a: a is None) == [set_id, None], (
        "one tab resends, the other finds nothing left to do"
    )
    wait_until(page, PENDING, 0)
    page.wait_for_timeout(400)
    assert fake_api.store.requests_for(set_id) == 2
    assert fake_api.store.sets[set_id]["reps"] == 6


def test_a_fixed_set_refused_again_comes_back_with_the_new_message(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    fake_api.store.refuse_when.append(
        (lambda body: (body.get("load") or 0) > 500, 422, "load must be at most 500 kg (got 900)")
    )
    set_id = page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 0, "load": 40})
    wait_until(page, REJECTED_IDS, [set_id])
    item = row(page, set_id)
    item.get_by_role("button", name="Fix").click()
    item.get_by_label("Reps").fill("12")
    item.get_by_label("Load").fill("900")
    item.get_by_role("button", name="Send again").click()
    expect(item.locator("[data-rejected-message]")).to_have_text(
        "Load must be at most 500 kg (got 900)."
    )
    expect(page.locator("[data-refused-status]")).to_contain_text("Still not saved")
    [record] = page.evaluate(REJECTED)
    assert (record["id"], record["set"]["reps"], record["set"]["load"]) == (set_id, 12, 900)
    assert fake_api.store.requests_for(set_id) == 2
    assert fake_api.store.stored_ids() == []


def test_the_fix_form_checks_its_numbers_before_sending(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    set_id = page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 0, "load": 40})
    wait_until(page, REJECTED_IDS, [set_id])
    item = row(page, set_id)
    item.get_by_role("button", name="Fix").click()
    item.get_by_label("Reps").fill("10")
    item.get_by_label("Load").fill("forty")
    item.get_by_role("button", name="Send again").click()
    expect(item.get_by_role("alert")).to_have_text(
        "Load must be a number, like 42.5, or empty for body weight."
    )
    item.get_by_role("button", name="Cancel").click()
    expect(item.get_by_label("Reps")).to_be_hidden()
    expect(item.get_by_role("button", name="Fix")).to_be_focused()
    assert page.evaluate(REJECTED_IDS) == [set_id]
    assert fake_api.store.requests_for(set_id) == 1


def test_an_open_fix_form_keeps_what_was_typed_while_other_sets_sync(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 0})
    wait_until(page, REJECTED_IDS, [set_id])
    item = row(page, set_id)
    item.get_by_role("button", name="Fix").click()
    item.get_by_label("Reps").fill("7")
    other = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 5})  # the queue changes
    wait_until(page, PENDING, 0)
    assert fake_api.store.stored_ids() == [other]
    expect(item.get_by_label("Reps")).to_have_value("7")
    expect(item.get_by_label("Reps")).to_be_focused()


# ---- Discard ------------------------------------------------------------------------------------


def test_discard_removes_the_set_and_undo_puts_it_back(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 0})
    wait_until(page, REJECTED_IDS, [set_id])
    before = page.evaluate(REJECTED)

    row(page, set_id).get_by_role("button", name="Discard").click()
    expect(row(page, set_id)).to_have_count(0)
    assert page.evaluate(REJECTED) == []
    undo = page.locator(LIST).get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    expect(page.locator(LIST)).to_contain_text("Discarded: Nordic hamstring curl, 0 reps")

    undo.click()
    expect(row(page, set_id)).to_have_count(1)
    assert page.evaluate(REJECTED) == before, "the very same record is back"

    row(page, set_id).get_by_role("button", name="Discard").click()
    expect(row(page, set_id)).to_have_count(0)
    page.reload()
    page.wait_for_function("window.hc?.ready === true")
    assert page.evaluate(REJECTED) == []
    assert page.evaluate(PENDING) == 0
    expect(page.locator(LIST)).to_be_hidden()
    assert fake_api.store.requests_for(set_id) == 1, "discarding sends nothing"
    assert fake_api.store.stored_ids() == []


# ---- against the real app -----------------------------------------------------------------------


@pytest.fixture
def app_store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'refused.db'}", tmp_path))
    yield s
    s.close()


@pytest.fixture
def app_base(app_store: Store, tmp_path: Path) -> Iterator[str]:
    app = create_app(Settings(f"sqlite:///{tmp_path / 'refused.db'}", tmp_path), app_store)
    with serve_app(app) as url:
        yield url


def test_the_real_app_refuses_fixes_and_stores_the_set_once(
    phone_page: Page, browser_errors: BrowserErrors, app_base: str, app_store: Store
) -> None:
    browser_errors.allow(r"status of 422")
    page = phone_page
    onboard(page, app_base)
    page.goto(app_base + "/today")
    # Not wait_for_function(string): the app's CSP forbids the eval it polls with.
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")
    set_id = page.evaluate(
        """async () => {
          const queue = await import("/static/js/offline-queue.js");
          return (await queue.enqueueSet({exercise: "lying-leg-curl", reps: 10, load: 4000})).id;
        }"""
    )
    item = row(page, set_id)
    # The server's own wording (it may change): one plain sentence about the load.
    expect(item.locator("[data-rejected-message]")).to_have_text(
        re.compile(r"^Load (must|should) be [^{}\[\]:]*\d[^{}\[\]:]*\.$")
    )
    expect(page.locator("[data-queue-status]")).to_have_attribute("data-rejected", "1")
    box = page.locator(LIST).bounding_box()
    assert box is not None and box["y"] < 200, "the refused set is shown first on the page"

    item.get_by_role("button", name="Fix").click()
    assert_accessible(page)  # the real page, with the list and its Fix form open
    item.get_by_label("Load").fill("40")
    item.get_by_label("Note").fill("typo")
    item.get_by_role("button", name="Send again").click()
    expect(item).to_have_count(0)
    expect(page.locator("[data-queue-status]")).to_have_text("All sets synced.")
    with app_store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, reps, load, note FROM set_log")).all()
    assert [tuple(r) for r in rows] == [(set_id, 10, 40.0, "typo")]


def test_finishing_the_session_waits_for_a_refused_set_then_shows_the_targets(
    phone_page: Page, browser_errors: BrowserErrors, app_base: str
) -> None:
    browser_errors.allow(r"status of 422")
    page = phone_page
    onboard(page, app_base)
    page.goto(app_base + "/today")
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")
    # The shown session may be a later day; the sets here are today's, so finish today's.
    page.evaluate(
        """async () => {
          const queue = await import("/static/js/offline-queue.js");
          const today = queue.localIsoString().slice(0, 10);
          document.querySelector("[data-guided]").dataset.sessionDate = today;
          await queue.enqueueSet({exercise: "lying-leg-curl", reps: 12, load: 40});
          await queue.enqueueSet({exercise: "lying-leg-curl", reps: 12, load: 4000});
        }"""
    )
    expect(page.locator("[data-queue-status]")).to_have_attribute("data-rejected", "1")
    summary = page.locator("[data-guided-summary]")
    while summary.is_hidden():
        page.locator("[data-guided-step]:visible [data-guided-next]").click()
    text_box = summary.locator("[data-guided-summary-text]")
    expect(text_box).to_contain_text("1 set was not saved")
    expect(summary.locator("[data-guided-next-targets] li")).to_have_count(0)

    item = page.locator(f"{LIST} li")
    item.get_by_role("button", name="Fix").click()
    item.get_by_label("Load").fill("40")
    item.get_by_role("button", name="Send again").click()
    expect(text_box).to_have_text("Well done. Your next targets:")
    first = summary.locator("[data-guided-next-targets] li").first
    expect(first).to_contain_text("Lying leg curl: ")
    expect(first).not_to_contain_text("lying-leg-curl")
