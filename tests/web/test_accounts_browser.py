"""Accounts in a real browser (issue 13): sign in, log sets offline, let the session end, sign in
again: each set is stored once, under its own account. A pairing link signs a second device in
once and is then dead. Real app on SQLite in accounts mode; Debian's Chromium at phone size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.services import auth
from hamcoach.services.accounts import add_user, find_account
from hamcoach.services.links import pairing_link
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE
from hamcoach.web.deps import now_utc
from tests.web.conftest import OpenPage
from tests.web.harness import PHONE, BrowserErrors, assert_accessible, serve_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(f"sqlite:///{tmp_path / 'accounts.db'}", tmp_path))
    yield s
    s.close()


CLOCK: dict[str, dt.timedelta] = {"ahead": dt.timedelta(0)}


async def _clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC) + CLOCK["ahead"]


@pytest.fixture
def base(store: Store, tmp_path: Path) -> Iterator[str]:
    CLOCK["ahead"] = dt.timedelta(0)
    app = create_app(Settings(f"sqlite:///{tmp_path / 'accounts.db'}", tmp_path), store)
    app.dependency_overrides[now_utc] = _clock  # the server's clock, which a test may move on
    with serve_app(app) as url:
        # A single-user install with its profile, then its first account (the upgrade path).
        assert httpx2.put(url + "/api/v1/profile", json=PROFILE).status_code == 200
        add_user(store.uow(), "ana", PASSWORD, now=dt.datetime.now(dt.UTC))
        app.state.accounts_mode = True
        yield url


def _stored(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(text("SELECT id FROM set_log ORDER BY id"))]


def _account(store: Store) -> Any:
    with store.uow() as uow:
        return find_account(uow, "ana")


def _sign_in(page: Page, base: str, then: str) -> None:
    page.goto(base + then)
    expect(page).to_have_url(base + "/signin?next=" + then)
    expect(page.locator(".app-nav")).to_have_count(0)  # nothing to navigate to yet
    assert_accessible(page)
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + then)


def test_sets_logged_offline_survive_an_ended_session_and_are_stored_once(
    open_page: OpenPage, base: str, store: Store, browser_errors: BrowserErrors
) -> None:
    # What the browser itself reports about the sends that must fail (offline, then signed out).
    browser_errors.allow(r"ERR_INTERNET_DISCONNECTED|status of 401")
    page = open_page("phone")
    _sign_in(page, base, "/today")
    form = page.locator("[data-guided-step]:visible form[data-set-form]").first
    page.context.set_offline(True)
    for _ in range(2):
        form.get_by_role("button", name="Log set").click()
    pending = "() => import('/static/js/offline-queue.js').then(q => q.pendingCount())"
    page.wait_for_function(f"({pending})().then(n => n === 2)")
    queued = page.evaluate("() => import('/static/js/offline-queue.js').then(q => q.pendingSets())")
    ids = sorted(s["id"] for s in queued)
    # The phone stays offline past the session's idle expiry (14 days unused): back online, the
    # sets meet a 401 and must wait, not be dropped.
    CLOCK["ahead"] = dt.timedelta(days=15)
    [cookie] = [c for c in page.context.cookies() if c["name"] == COOKIE]
    later = dt.datetime.now(dt.UTC) + CLOCK["ahead"]
    assert auth.session_for(store.uow(), cookie["value"], later) is None  # expired, not ended
    page.context.set_offline(False)
    page.evaluate("() => import('/static/js/offline-queue.js').then(q => q.syncNow())")
    assert page.evaluate(pending) == 2 and _stored(store) == []
    assert (
        page.evaluate("() => import('/static/js/offline-queue.js').then(q => q.rejectedSets())")
        == []
    )
    _sign_in(page, base, "/history")
    page.wait_for_function(f"({pending})().then(n => n === 0)")
    for _ in range(100):  # the last answer may still be on its way to the page's queue
        if len(_stored(store)) >= len(ids):
            break
        page.wait_for_timeout(100)
    assert _stored(store) == ids  # each once, under ana's athlete
    with store.engine.connect() as conn:
        owners = conn.execute(text("SELECT DISTINCT athlete_id FROM set_log")).scalars().all()
    assert owners == [account.athlete_id for account in [_account(store)]]


def test_a_pairing_link_signs_in_once_and_is_then_dead(
    browser: Browser, base: str, store: Store
) -> None:
    with store.uow() as uow:
        account = find_account(uow, "ana")
    secret = pairing_link(store.uow(), account.id, dt.datetime.now(dt.UTC))
    phone = browser.new_context(**PHONE)  # type: ignore[arg-type]
    try:
        page = phone.new_page()
        page.goto(f"{base}/pair/{secret}")
        page.get_by_role("button", name="Sign in here").click()
        expect(page).to_have_url(base + "/today")
        expect(page.locator("[data-guided-step]").first).to_be_attached()
        page.goto(base + "/account")
        page.get_by_role("button", name="Show a sign-in code").click()
        expect(page.locator("[data-pairing-qr] svg")).to_be_visible()
        assert "/pair/" in (page.locator("[data-pairing-url]").get_attribute("href") or "")
        assert_accessible(page)
        other = phone.browser.new_context(**PHONE) if phone.browser else None  # type: ignore[arg-type]
        assert other is not None
        again = other.new_page()
        again.goto(f"{base}/pair/{secret}")
        expect(again.get_by_role("alert")).to_contain_text("used already")
        again.goto(base + "/today")
        expect(again).to_have_url(base + "/signin?next=/today")
        other.close()
    finally:
        phone.close()


PAGES_CACHED = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const path = new URL(request.url).pathname;
      if (!path.startsWith("/static/")) found.push(path);
    }
  }
  return found;
}"""


def test_signing_out_drops_the_pages_saved_for_offline_and_keeps_the_queue(
    open_page: OpenPage, base: str
) -> None:
    page = open_page("phone")
    _sign_in(page, base, "/today")
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # now under the service worker, which saves the pages it serves
    for _ in range(100):
        if "/today" in page.evaluate(PAGES_CACHED):
            break
        page.wait_for_timeout(100)
    assert "/today" in page.evaluate(PAGES_CACHED)
    page.goto(base + "/account")
    page.get_by_role("button", name="Sign out of this device").click()
    expect(page).to_have_url(base + "/signin")
    for _ in range(100):
        if page.evaluate(PAGES_CACHED) == [] or page.evaluate(PAGES_CACHED) == ["/signin"]:
            break
        page.wait_for_timeout(100)
    assert set(page.evaluate(PAGES_CACHED)) <= {"/signin"}  # no personal page left
