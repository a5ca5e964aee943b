"""offline-queue.js in Chromium: IndexedDB queue, exactly-once in-order sync, rejections, retries."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page, wait_until
from tests.web.harness import BrowserErrors

pytestmark = pytest.mark.browser

ENQUEUE = "async (set) => (await window.hc.queue.enqueueSet(set)).id"
PENDING = "() => window.hc.queue.pendingCount()"
PENDING_IDS = "async () => (await window.hc.queue.pendingSets()).map((s) => s.id)"
REJECTED = "() => window.hc.queue.rejectedSets()"
OFFLINE = r"ERR_INTERNET_DISCONNECTED"


def test_offline_sets_survive_a_reload_and_sync_exactly_once_in_order(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(OFFLINE)
    open_test_page(phone_page, fake_api.base)
    phone_page.context.set_offline(True)
    ids = [
        phone_page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6}),
        phone_page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 7, "side": None}),
    ]
    assert phone_page.evaluate(PENDING) == 2

    phone_page.reload()  # offline: the service worker serves the page
    phone_page.wait_for_function("window.hc?.ready === true")
    assert phone_page.evaluate(PENDING_IDS) == ids
    wait_until(phone_page, "document.querySelector('[data-queue-status]').textContent",
               "2 sets waiting to sync.")  # fmt: skip
    assert fake_api.store.attempts == 0
    # Push the backoff retry far away, so only the "online" event can start the sync in time.
    phone_page.evaluate("window.hc.queue.configure({retryBaseMs: 600000})")
    phone_page.evaluate("window.hc.queue.syncNow()")

    phone_page.context.set_offline(False)
    wait_until(phone_page, PENDING, 0, timeout=5)
    assert fake_api.store.stored_ids() == ids
    assert fake_api.store.posts == ids, "each set is sent once, oldest first"
    listed = phone_page.evaluate("async () => (await fetch('/api/v1/sets')).json()")
    assert [(s["id"], s["reps"]) for s in listed] == [(ids[0], 6), (ids[1], 7)]
    wait_until(phone_page, "document.querySelector('[data-queue-status]').textContent",
               "All sets synced.")  # fmt: skip


def _queue_offline_with_retry_far_away(page: Page) -> str:
    page.context.set_offline(True)
    page.evaluate("window.hc.queue.configure({retryBaseMs: 600000})")
    set_id: str = page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": 6})
    page.evaluate("window.hc.queue.syncNow()")
    assert page.evaluate(PENDING) == 1
    return set_id


def test_the_online_event_alone_starts_the_sync(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(OFFLINE)
    # No Background Sync: only the page's "online" listener can send the set.
    phone_page.add_init_script(
        "Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', {get: () => undefined})"
    )
    open_test_page(phone_page, fake_api.base)
    set_id = _queue_offline_with_retry_far_away(phone_page)
    phone_page.context.set_offline(False)
    wait_until(phone_page, PENDING, 0, timeout=5)
    assert fake_api.store.stored_ids() == [set_id]


def test_the_service_worker_sync_event_alone_starts_the_sync(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(OFFLINE)
    # The page never hears "online": only Background Sync can send the set.
    phone_page.add_init_script(
        "const add = window.addEventListener;"
        "window.addEventListener = (type, ...rest) => type === 'online' ? undefined"
        " : add.call(window, type, ...rest);"
    )
    open_test_page(phone_page, fake_api.base)
    set_id = _queue_offline_with_retry_far_away(phone_page)
    phone_page.context.set_offline(False)
    wait_until(phone_page, PENDING, 0, timeout=8)
    assert fake_api.store.stored_ids() == [set_id]


def test_payload_has_every_field_with_a_client_uuid_and_local_iso_time(
    phone_page: Page, fake_api: FakeApi
) -> None:
    open_test_page(phone_page, fake_api.base)
    set_id = phone_page.evaluate(
        ENQUEUE, {"exercise": "single-leg-curl", "reps": 10, "side": "left", "load": 22.5, "rir": 2}
    )
    wait_until(phone_page, PENDING, 0)
    stored = fake_api.store.sets[set_id]
    assert uuid.UUID(stored["id"]).version == 4
    assert stored["exercise"] == "single-leg-curl"
    assert (stored["variant"], stored["side"], stored["reps"]) == (None, "left", 10)
    assert (stored["load"], stored["rir"]) == (22.5, 2)
    assert stored["performed_at"][10] == "T"
    assert stored["performed_at"][-6] in "+-", "local time carries its UTC offset"


def test_a_refused_set_moves_to_rejected_with_the_server_message_and_the_queue_moves_on(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(r"status of 422")
    open_test_page(phone_page, fake_api.base)
    phone_page.context.set_offline(True)  # queue all three first so the order is fixed
    good1 = phone_page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 12, "load": 40})
    bad = phone_page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 0, "load": 40})
    good2 = phone_page.evaluate(ENQUEUE, {"exercise": "lying-leg-curl", "reps": 11, "load": 40})
    browser_errors.allow(OFFLINE)
    phone_page.context.set_offline(False)

    wait_until(phone_page, PENDING, 0)
    assert fake_api.store.stored_ids() == [good1, good2]
    rejected = phone_page.evaluate(REJECTED)
    assert [(r["id"], r["status"], r["detail"]) for r in rejected] == [
        (bad, 422, "reps must be between 1 and 100")
    ]
    shown = phone_page.locator(f"[data-queue-rejected] [data-set-id='{bad}']")
    assert "Reps must be between 1 and 100." in shown.inner_text()
    shown.get_by_role("button", name="Discard").click()
    wait_until(phone_page, "async () => (await window.hc.queue.rejectedSets()).length", 0)
    expect(shown).to_have_count(0)
    assert fake_api.store.requests_for(bad) == 1, "a refused set is sent once, never retried"


def test_a_fastapi_style_error_list_becomes_a_readable_message(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(r"status of 422")
    detail = [{"loc": ["body", "load"], "msg": "Input should be at most 500", "type": "le"}]
    fake_api.store.fail_next.append((422, detail))
    open_test_page(phone_page, fake_api.base)
    set_id = phone_page.evaluate(ENQUEUE, {"exercise": "seated-leg-curl", "reps": 10, "load": 900})
    wait_until(phone_page, "async () => (await window.hc.queue.rejectedSets()).length", 1)
    [rejected] = phone_page.evaluate(REJECTED)
    assert (rejected["id"], rejected["detail"]) == (set_id, "load: Input should be at most 500")
    assert fake_api.store.stored_ids() == []


@pytest.mark.parametrize("status", [500, 503, 408, 429])
def test_transient_failures_keep_the_set_and_retry_with_backoff(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors, status: int
) -> None:
    browser_errors.allow(rf"status of {status}")
    fake_api.store.fail_next.extend([(status, "try later")] * 2)
    open_test_page(phone_page, fake_api.base)
    phone_page.evaluate("window.hc.queue.configure({retryBaseMs: 100})")
    set_id = phone_page.evaluate(ENQUEUE, {"exercise": "floor-curl", "reps": 12})
    wait_until(phone_page, PENDING, 0)
    assert fake_api.store.attempts == 3, "two failures, then the retry that stored it"
    assert fake_api.store.stored_ids() == [set_id]
    assert phone_page.evaluate(REJECTED) == []


def test_a_resend_after_a_crash_is_harmless(phone_page: Page, fake_api: FakeApi) -> None:
    """The server stored the set but the page died before hearing back: it sends again, gets 200."""
    set_id = str(uuid.uuid4())
    payload = {
        "id": set_id, "exercise": "nordic-curl", "variant": None, "side": None, "reps": 5,
        "load": None, "rir": None, "performed_at": "2025-05-01T18:30:00+02:00",
    }  # fmt: skip
    request = urllib.request.Request(
        f"{fake_api.base}/api/v1/sets",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as response:
        assert response.status == 201
    open_test_page(phone_page, fake_api.base)
    phone_page.evaluate(ENQUEUE, payload)
    wait_until(phone_page, PENDING, 0)
    assert fake_api.store.posts == [set_id, set_id]
    assert fake_api.store.stored_ids() == [set_id]
    assert phone_page.evaluate(REJECTED) == []


def test_two_tabs_never_send_at_the_same_time(
    phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(OFFLINE)
    fake_api.store.delay = 0.05  # slow answers: without the lock both tabs would send set 1
    open_test_page(phone_page, fake_api.base)
    other = phone_page.context.new_page()
    open_test_page(other, fake_api.base)
    phone_page.context.set_offline(True)
    ids = [
        phone_page.evaluate(ENQUEUE, {"exercise": "nordic-curl", "reps": r}) for r in range(5, 10)
    ]
    assert other.evaluate(PENDING) == 5
    phone_page.context.set_offline(False)  # both tabs get "online" and try to sync at once
    wait_until(phone_page, PENDING, 0)
    other.wait_for_timeout(300)
    assert fake_api.store.posts == ids
    assert fake_api.store.stored_ids() == ids


def test_the_set_form_queues_the_set_and_starts_the_rest_timer(
    phone_page: Page, fake_api: FakeApi
) -> None:
    open_test_page(phone_page, fake_api.base)
    assert phone_page.locator("[data-rest-timer]").is_hidden()
    phone_page.get_by_label("Reps").fill("8")
    phone_page.get_by_label("Added load in kg (optional)").fill("7,5")
    phone_page.get_by_role("button", name="Log set").click()
    wait_until(phone_page, PENDING, 0)
    [stored] = fake_api.store.sets.values()
    assert (stored["exercise"], stored["reps"], stored["load"]) == ("nordic-curl", 8, 7.5)
    assert phone_page.locator("[data-set-form-status]").inner_text() == "Set saved."
    timer = phone_page.locator("[data-rest-timer]")
    assert timer.is_visible()
    assert timer.get_attribute("data-state") == "running"
    assert phone_page.locator("[data-timer-display]").inner_text() in {"1:30", "1:29"}
