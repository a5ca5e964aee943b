"""Browser fixtures: `browser` (session), `phone_page` (390x844 phone; fails on console errors),
`open_page(size, **context options)` (pages of harness.SIZES, phone or laptop; fails likewise),
`fake_api` (static files + test pages + a fake sets API on a loopback port).

Helpers for page tests live in tests/web/harness.py: serve_app(app) -> base_url, assert_accessible.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from tests.web.harness import (
    CHROMIUM_ARGS,
    PHONE,
    SIZES,
    BrowserErrors,
    ensure_chromium,
    serve_app,
)


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


def watch_errors(context: BrowserContext, errors: BrowserErrors) -> None:
    """Every page opened in `context` reports console errors and uncaught errors to `errors`."""

    def watch(page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                errors.record(f"console: {message.text} ({message.location.get('url')})")

        def on_page_error(error: Error) -> None:
            errors.record(f"page error: {error.message}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    context.on("page", watch)


def fail_on_errors(errors: BrowserErrors) -> None:
    unexpected = errors.unexpected()
    if unexpected:
        pytest.fail("the browser reported errors:\n" + "\n".join(unexpected))


@pytest.fixture
def phone_context(browser: Browser, browser_errors: BrowserErrors) -> Iterator[BrowserContext]:
    """A fresh phone-sized context; every page opened in it reports errors to browser_errors."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    watch_errors(context, browser_errors)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone_context: BrowserContext, browser_errors: BrowserErrors) -> Iterator[Page]:
    """A page in phone_context; the test fails at teardown if it logged unexpected errors."""
    page = phone_context.new_page()
    yield page
    fail_on_errors(browser_errors)


OpenPage = Callable[..., Page]


@pytest.fixture
def open_page(browser: Browser, browser_errors: BrowserErrors) -> Iterator[OpenPage]:
    """open_page("phone" | "laptop", **context options such as color_scheme or timezone_id):
    a page in a fresh context of that size (harness.SIZES). Errors fail the test at teardown."""
    contexts: list[BrowserContext] = []

    def make(size: str, **options: Any) -> Page:
        context = browser.new_context(**SIZES[size], **options)
        watch_errors(context, browser_errors)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    fail_on_errors(browser_errors)


@dataclass
class FakeApi:
    base: str
    store: SetStore


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class PluggedApp:
    """An ASGI app that hands every request to the app plugged in now (the current test's).

    Starting and stopping a uvicorn server costs a few tenths of a second, mostly its shutdown
    ticks; one server per worker serves every fake_api test, each with its own app and store.
    Tests see no difference: each has a fresh browser context (its own storage, caches and
    service workers), so a shared origin carries nothing from one test to the next.
    """

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # the fake API has nothing to start or stop
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        app = self.app
        assert app is not None, "a request reached the fake API outside a test"
        await app(scope, receive, send)


@pytest.fixture(scope="session")
def fake_api_server() -> Iterator[tuple[str, PluggedApp]]:
    plugged = PluggedApp()
    with serve_app(plugged) as base:
        yield base, plugged


@pytest.fixture
def fake_api(fake_api_server: tuple[str, PluggedApp]) -> FakeApi:
    """The real static files and test pages behind a small fake API, on a fresh store."""
    base, plugged = fake_api_server
    store = SetStore()
    plugged.app = create_app(store)
    return FakeApi(base, store)


@pytest.fixture
def refused_page(phone_page: Page, fake_api: FakeApi, browser_errors: BrowserErrors) -> Page:
    """The test page, with fast retries (a retried set would show up within the test)."""
    from tests.web.refused import open_refused_page

    return open_refused_page(phone_page, fake_api, browser_errors)
