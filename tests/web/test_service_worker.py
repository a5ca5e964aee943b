"""sw.js in Chromium: the app shell works with the server gone; /api/ is never cached; versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.web.fake_api import APP_PAGES, SetStore, create_app, open_test_page, wait_until
from tests.web.harness import STATIC_DIR, BrowserErrors, serve_app, wait_js

SW = (STATIC_DIR / "js" / "sw.js").read_text(encoding="utf-8")
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push([name, new URL(request.url).pathname]);
  }
  return urls;
}"""


def _listed(name: str) -> list[str]:
    block = re.search(rf"const {name} = \[(.*?)\];", SW, re.S)
    assert block, name
    return re.findall(r'"([^"]+)"', block.group(1))


def test_the_precache_list_is_exactly_the_static_files() -> None:
    on_disk = {
        "/static/" + p.relative_to(STATIC_DIR).as_posix()
        for p in STATIC_DIR.rglob("*")
        if p.is_file() and p.name != "sw.js" and p.suffix not in {".md"}
    }
    assert set(_listed("STATIC")) == on_disk
    assert _listed("PAGES") == list(APP_PAGES)


@pytest.mark.browser
def test_the_app_shell_loads_from_the_cache_when_the_server_is_gone(
    phone_page: Page, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(r"ERR_CONNECTION_REFUSED|ERR_FAILED")
    store = SetStore()
    with serve_app(create_app(store)) as base:
        open_test_page(phone_page, base)
        phone_page.evaluate("fetch('/api/v1/sets').then((r) => r.json())")
        cached = phone_page.evaluate(CACHED_URLS)
    names = {name for name, _ in cached}
    paths = {path for _, path in cached}
    assert names == {"hamcoach-1-test"}, "one versioned cache, named from ?v="
    assert set(_listed("STATIC")) | set(APP_PAGES) <= paths
    assert not any(p.startswith("/api/") for p in paths), "the API is never cached"

    phone_page.reload()  # the server is down now
    wait_js(phone_page, "window.hc?.ready === true")
    assert phone_page.evaluate("getComputedStyle(document.body).backgroundColor") == (
        "rgb(255, 255, 255)"
    )
    # The queue's status runs (its count is set) and says nothing: nothing was queued here.
    wait_until(phone_page, "document.querySelector('[data-queue-status]').dataset.pending", "0")
    assert phone_page.locator("[data-queue-status]").inner_text() == ""
    phone_page.goto(f"{base}/history")
    assert phone_page.locator("h1").inner_text() == "Today", "precached page, not an error"
    set_id = phone_page.evaluate(
        "async () => (await window.hc.queue.enqueueSet({exercise: 'nordic-curl', reps: 6})).id"
    )
    assert phone_page.evaluate("window.hc.queue.pendingCount()") == 1
    assert set_id not in store.sets


@pytest.mark.browser
def test_an_uncached_page_offline_gets_a_plain_offline_message(
    phone_page: Page, browser_errors: BrowserErrors
) -> None:
    browser_errors.allow(r"status of 503|ERR_CONNECTION_REFUSED")
    with serve_app(create_app(SetStore())) as base:
        open_test_page(phone_page, base)
        phone_page.evaluate("caches.open('hamcoach-1-test').then((c) => c.delete('/today'))")
    phone_page.goto(f"{base}/settings")
    assert "You are offline" in phone_page.locator("body").inner_text()


@pytest.mark.browser
def test_a_new_version_takes_over_and_drops_the_old_cache(phone_page: Page, tmp_path: Path) -> None:
    with serve_app(create_app(SetStore())) as base:
        open_test_page(phone_page, base)
        phone_page.evaluate("navigator.serviceWorker.register('/sw.js?v=two', {scope: '/'})")
        wait_until(phone_page, "caches.keys()", ["hamcoach-1-two"])
        wait_until(
            phone_page, "new URL(navigator.serviceWorker.controller.scriptURL).search", "?v=two"
        )
