"""Sets the server refuses (issue 8): never retried, never lost, shown in plain words with Fix
(resend once, same id) and Discard (with undo); what may succeed later is still retried.

Real Chromium against the fake sets API (tests/web/fake_api.py), and once against the real app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page, wait_until
from tests.web.harness import BrowserErrors, assert_accessible, serve_app
from tests.web.test_app_e2e import onboard

pytestmark = pytest.mark.browser

ENQUEUE = "async (set) => (await window.hc.queue.enqueueSet(set)).id"
PENDING = "() => window.hc.queue.pendingCount()"
REJECTED = "() => window.hc.queue.rejectedSets()"
REJECTED_IDS = "async () => (await window.hc.queue.rejectedSets()).map((r) => r.id)"
LIST = "[data-queue-rejected]"
OFFLINE = r"ERR_INTERNET_DISCONNECTED"
REFUSED_STATUS = r"status of 4\d\d"
REPS_RULE = "reps must be between 1 and 100"  # the fake API's message for reps 0
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Every element of the refused list inside the list's box, and the list inside the window.
LAYOUT_PROBLEMS = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const out = [];
  if (box.left < 0 || box.right > window.innerWidth) out.push(`list ${box.left}-${box.right}`);
  for (const el of document.querySelectorAll(`${selector} *`)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
      out.push(`${el.tagName}.${el.className} ${r.left}-${r.right} outside ${box.left}-${box.right}`);
    }
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
      out.push(`${el.tagName}.${el.className} scrolls sideways`);
    }
  }
  return out;
}"""


def row(page: Page, set_id: str) -> Any:
    return page.locator(f"{LIST} [data-set-id='{set_id}']")


def queue_three_with_a_bad_one(page: Page) -> tuple[str, str, str]:
    """Offline, so the order is fixed: a good set, one the server refuses (reps 0), a good one."""
    page.context.set_offline(True)
    good1: str = page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 12, "load": 40})
    bad: str = page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 0, "load": 40})
    good2: str = page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 11, "load": 40})
    page.context.set_offline(False)
    return good1, bad, good2


@pytest.fixture
def refused_page(phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors) -> Page:
    """The test page, with fast retries (a retried set would show up within the test)."""
    browser_errors.allow(OFFLINE)
    browser_errors.allow(REFUSED_STATUS)
    open_test_page(phone_page, fake_api.base)
    phone_page.evaluate("window.hc.queue.configure({retryBaseMs: 50, retryMaxMs: 200})")
    return phone_page


# ---- the retry rule -----------------------------------------------------------------------------


def test_a_422_set_is_not_retried_and_the_sets_queued_after_it_are_sent(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    good1, bad, good2 = queue_three_with_a_bad_one(page)
    wait_until(page, PENDING, 0)
    assert fake_api.store.stored_ids() == [good1, good2], "the queue moved on past the refusal"

    # Every way a sync can start, and time for many (50-200 ms) backoff rounds.
    page.evaluate("window.hc.queue.syncNow()")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(1200)
    page.evaluate("window.hc.queue.syncNow()")
    assert fake_api.store.requests_for(bad) == 1, "sent once, refused, never sent again"
    assert fake_api.store.attempts == 3
    [record] = page.evaluate(REJECTED)
    assert (record["id"], record["status"], record["detail"]) == (bad, 422, REPS_RULE)
    assert record["set"]["reps"] == 0, "kept as it was, needing attention"


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 413])
def test_any_other_4xx_is_final_too(refused_page: Page, fake_api: FakeApi, status: int) -> None:
    page = refused_page
    fake_api.store.fail_next.append((status, None))  # no message of the server's own
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6})
    wait_until(page, REJECTED_IDS, [set_id])
    page.wait_for_timeout(500)
    assert fake_api.store.requests_for(set_id) == 1
    assert page.evaluate(PENDING) == 0
    message = row(page, set_id).locator("[data-rejected-message]").inner_text()
    assert message and str(status) not in message and "HTTP" not in message


@pytest.mark.parametrize("status", [503, 500, 502, 504, 408, 429])
def test_a_503_set_is_still_retried_and_the_sets_behind_it_wait(
    refused_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors, status: int
) -> None:
    browser_errors.allow(rf"status of {status}")
    page = refused_page
    detail = "the set could not be stored just now; send it again"  # the real server's 503
    fake_api.store.fail_next.extend([(status, detail)] * 2)
    page.context.set_offline(True)
    first = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6})
    second = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 7})
    page.context.set_offline(False)
    wait_until(page, PENDING, 0)
    ids = [b["id"] for b in fake_api.store.received]
    assert ids == [first, first, first, second], "retried until stored, in order"
    assert fake_api.store.stored_ids() == [first, second]
    assert page.evaluate(REJECTED) == []
    assert page.locator(LIST).is_hidden()


def test_a_redirect_is_retried_not_taken_for_stored(
    refused_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    """A sign-in redirect ends on a 200 page: following it would drop the set as "stored"."""
    page = refused_page
    redirected: list[str] = []

    def to_sign_in(route: Route) -> None:
        redirected.append(route.request.url)
        route.fulfill(status=303, headers={"Location": "/today"})

    page.route("**/api/v1/sets", to_sign_in)
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6})
    page.wait_for_timeout(400)
    assert len(redirected) >= 2, "retried with backoff"
    assert page.evaluate(PENDING) == 1, "still waiting, not taken for stored"
    assert page.evaluate(REJECTED) == []
    page.unroute("**/api/v1/sets")
    wait_until(page, PENDING, 0)
    assert fake_api.store.stored_ids() == [set_id]


# ---- shown to the athlete -----------------------------------------------------------------------


def test_a_refused_set_appears_with_its_message_in_plain_words(
    refused_page: Page, fake_api: FakeApi
) -> None:
    page = refused_page
    taken = "6f0e3c7e-1d7a-4f2b-9a41-2b7c1f3e5d90"
    fake_api.store.fail_next.extend(
        [
            (422, "lying-leg-curl needs a load: reps x load in kg (e.g. --set 12x40)"),
            (409, f"set id {taken} is already in use; generate a new UUID"),
            (404, None),
            (422, [{"loc": ["body", "load"], "msg": "Input should be at most 500", "type": "le"}]),
        ]
    )
    page.context.set_offline(True)
    ids = [
        page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 10}),
        page.evaluate(ENQUEUE, {"exercise": "single-leg-curl", "reps": 9, "side": "left"}),
        page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 5}),
        page.evaluate(ENQUEUE, {"exercise": "seated-leg-curl", "reps": 10, "load": 900}),
    ]
    page.context.set_offline(False)
    wait_until(page, "async () => (await window.hc.queue.rejectedSets()).length", 4)

    section = page.locator(LIST)
    expect(section).to_be_visible()
    expect(section.get_by_role("heading", name="Sets not saved yet")).to_be_visible()
    messages = [row(page, i).locator("[data-rejected-message]").inner_text() for i in ids]
    assert messages == [
        "Lying leg curl needs a load: reps x load in kg.",
        "This set clashes with one saved before.",
        "The server found nowhere to save this set. Is your profile set up?",
        "Load should be at most 500.",
    ]
    what = [row(page, i).locator(".refused__what").inner_text().split("\n") for i in ids[:2]]
    assert [w[0] for w in what] == ["Lying leg curl", "Single-leg curl, left leg"]
    assert what[0][1].startswith("10 reps · today at ")
    assert what[1][1].startswith("9 reps · today at ")
    shown = section.inner_text()
    assert not UUID_RE.search(shown), "no ids"
    assert not re.search(r"\b(404|409|422)\b|HTTP|[{}\[\]]|--|detail", shown), shown
    expect(page.locator("[data-queue-status]")).to_have_text(
        '4 sets not saved: see "Sets not saved yet" at the top.'
    )
    for button in ("Fix", "Discard"):
        expect(row(page, ids[0]).get_by_role("button", name=button)).to_be_visible()
    assert page.evaluate(LAYOUT_PROBLEMS, LIST) == []


def test_the_set_form_says_when_its_set_is_refused(refused_page: Page, fake_api: FakeApi) -> None:
    page = refused_page
    page.get_by_label("Reps").fill("0")
    page.get_by_role("button", name="Log set").click()
    expect(page.locator("[data-set-form-status]")).to_have_text(
        'Not saved: Reps must be between 1 and 100. Fix or discard it under "Sets not saved yet" at the top.'
    )
    assert fake_api.store.stored_ids() == []


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


# ---- how it looks -------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_the_refused_list_fits_and_is_accessible_with_the_fix_form_open(
    refused_page: Page, fake_api: FakeApi, scheme: str, width: int, height: int
) -> None:
    page = refused_page
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    long_message = "load must be above 0 and at most 500 kg (got 4000.25); " * 3
    fake_api.store.fail_next.append((422, long_message))
    set_id = page.evaluate(
        ENQUEUE, {"exercise": "single-leg-curl", "reps": 100, "load": 4000.25, "side": "right"}
    )
    wait_until(page, REJECTED_IDS, [set_id])
    other = page.evaluate(
        ENQUEUE, {"exercise": "floor-curl", "variant": "stability-ball", "reps": 0}
    )
    wait_until(page, REJECTED_IDS, [set_id, other])
    row(page, set_id).get_by_role("button", name="Fix").click()
    expect(row(page, set_id).get_by_role("button", name="Send again")).to_be_in_viewport()
    row(page, other).get_by_role("button", name="Discard").click()  # the undo bar too
    expect(page.locator(LIST).get_by_role("button", name="Undo")).to_be_visible()
    assert page.evaluate(LAYOUT_PROBLEMS, LIST) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scroll"
    assert_accessible(page)


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
    expect(summary.locator("[data-guided-next-targets] li").first).to_contain_text("lying-leg-curl")
