"""Sets the server refuses (issue 8): never retried, never lost, shown in plain words; what may
succeed later is still retried. Fix and Discard are in test_fixing_refused_sets.py.

Real Chromium against the fake sets API (tests/web/fake_api.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.web.conftest import FakeApi
from tests.web.fake_api import wait_until
from tests.web.harness import BrowserErrors, assert_accessible
from tests.web.refused import (
    ENQUEUE,
    LAYOUT_PROBLEMS,
    LIST,
    PENDING,
    REJECTED,
    REJECTED_IDS,
    REPS_RULE,
    UUID_RE,
    queue_three_with_a_bad_one,
    row,
)

pytestmark = pytest.mark.browser


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


@pytest.mark.parametrize("status", [400, 404, 409, 410, 413])
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


@pytest.mark.parametrize("status", [401, 403])
def test_signed_out_sets_stay_queued_and_go_after_sign_in(
    refused_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors, status: int
) -> None:
    """401 (session expired) and 403 (a stale CSRF token) are not the set's fault: it waits."""
    browser_errors.allow(rf"status of {status}")
    page = refused_page
    fake_api.store.fail_next.append((status, "sign in first"))
    set_id = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6})
    wait_until(page, PENDING, 1)
    assert page.evaluate(REJECTED) == []
    page.evaluate("window.hc.queue.syncNow()")  # as the page after a new sign-in does
    wait_until(page, PENDING, 0)
    assert fake_api.store.stored_ids() == [set_id]
    assert fake_api.store.requests_for(set_id) == 2


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
            (
                422,
                "lying-leg-curl needs a load: reps x load in kg (e.g. --set 12x40)",
            ),  # an old server
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
