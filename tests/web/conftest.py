"""Browser fixtures: `browser` (session), `phone_page` (390x844 phone; fails on console errors),
`fake_api` (static files + test pages + a fake sets API on a loopback port).

Helpers for page tests live in tests/web/harness.py: serve_app(app) -> base_url, assert_accessible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    sync_playwright,
)

from tests.web.fake_api import SetStore, create_app
from tests.web.harness import CHROMIUM_ARGS, PHONE, BrowserErrors, ensure_chromium, serve_app


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    return ensure_chromium()


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=list(CHROMIUM_ARGS)
        )
        yield launched
        launched.close()


@pytest.fixture
def browser_errors() -> BrowserErrors:
    """What phone_page saw go wrong; call .allow(regex) for errors a test provokes on purpose."""
    return BrowserErrors()


@pytest.fixture
def phone_context(browser: Browser, browser_errors: BrowserErrors) -> Iterator[BrowserContext]:
    """A fresh phone-sized context; every page opened in it reports errors to browser_errors."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]

    def watch(page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                browser_errors.record(f"console: {message.text} ({message.location.get('url')})")

        def on_page_error(error: Error) -> None:
            browser_errors.record(f"page error: {error.message}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    context.on("page", watch)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone_context: BrowserContext, browser_errors: BrowserErrors) -> Iterator[Page]:
    """A page in phone_context; the test fails at teardown if it logged unexpected errors."""
    page = phone_context.new_page()
    yield page
    unexpected = browser_errors.unexpected()
    if unexpected:
        pytest.fail("the browser reported errors:\n" + "\n".join(unexpected))


@dataclass
class FakeApi:
    base: str
    store: SetStore


@pytest.fixture
def fake_api() -> Iterator[FakeApi]:
    """The real static files and test pages behind a small fake API, on a fresh store."""
    store = SetStore()
    with serve_app(create_app(store)) as base:
        yield FakeApi(base, store)
