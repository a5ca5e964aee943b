"""rest-timer.js and tempo.js in Chromium (Playwright's clock for the long waits)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page

pytestmark = pytest.mark.browser

DISPLAY = "[data-timer-display]"
STATUS = "[data-timer-status]"
# Collect every text the live region announces, in order.
RECORD_ANNOUNCEMENTS = """() => {
  window.said = [];
  const region = document.querySelector('[data-timer-status]');
  new MutationObserver(() => window.said.push(region.textContent))
    .observe(region, {childList: true, characterData: true, subtree: true});
}"""


def paused_page(page: Page, base: str) -> None:
    """Open the test page with a fake clock, then pause it: time moves only when the test says."""
    page.clock.install()
    open_test_page(page, base)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # seconds


def test_rest_timer_counts_down_in_real_time_and_fires_its_end_callback(
    phone_page: Page, fake_api: FakeApi
) -> None:
    open_test_page(phone_page, fake_api.base)
    result: dict[str, Any] = phone_page.evaluate(
        """() => new Promise((resolve) => {
          const timer = window.hc.restTimers[0];
          const shown = [];
          const started = performance.now();
          timer.onTick = () => shown.push(document.querySelector('[data-timer-display]').textContent);
          timer.onEnd = ({skipped}) => resolve({
            shown, skipped, elapsed: performance.now() - started, state: timer.root.dataset.state,
          });
          timer.start(2);
        })"""
    )
    assert result["shown"][:2] == ["0:02", "0:01"]
    assert 1900 <= result["elapsed"] < 4000
    assert result["skipped"] is False
    assert result["state"] == "done"
    assert phone_page.locator(DISPLAY).inner_text() == "0:00"
    assert phone_page.locator(STATUS).inner_text() == "Rest over. Next set."


def test_rest_timer_keeps_true_time_when_its_timers_were_throttled(
    phone_page: Page, fake_api: FakeApi
) -> None:
    """A backgrounded tab runs no timers; on return the display must follow the wall clock."""
    paused_page(phone_page, fake_api.base)
    phone_page.evaluate("window.hc.restTimers[0].start(90)")
    assert phone_page.locator(DISPLAY).inner_text() == "1:30"
    now = phone_page.evaluate("Date.now()") / 1000
    phone_page.clock.set_system_time(now + 50)  # seconds; no timer runs
    phone_page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    assert phone_page.locator(DISPLAY).inner_text() == "0:40"
    phone_page.clock.run_for(40_500)
    assert phone_page.locator("[data-rest-timer]").get_attribute("data-state") == "done"


def test_rest_timer_announces_only_at_a_few_points(phone_page: Page, fake_api: FakeApi) -> None:
    paused_page(phone_page, fake_api.base)
    phone_page.evaluate(RECORD_ANNOUNCEMENTS)
    phone_page.evaluate("window.hc.restTimers[0].start(90)")
    for _ in range(95):
        phone_page.clock.run_for(1000)
    assert phone_page.evaluate("window.said") == [
        "Rest 1 minute 30 seconds.",
        "1 minute left.",
        "30 seconds left.",
        "10 seconds left.",
        "Rest over. Next set.",
    ]
    assert phone_page.locator(DISPLAY).get_attribute("role") == "timer"


def test_rest_timer_buttons_add_fifteen_seconds_and_skip(
    phone_page: Page, fake_api: FakeApi
) -> None:
    paused_page(phone_page, fake_api.base)
    phone_page.evaluate(
        "window.hc.restTimers[0].onEnd = (info) => { window.ended = info; }; "
        "window.hc.restTimers[0].start(30)"
    )
    phone_page.get_by_role("button", name="+15 s").click()
    assert phone_page.locator(DISPLAY).inner_text() == "0:45"
    assert phone_page.locator(STATUS).inner_text() == "Added 15 seconds: 45 seconds left."
    phone_page.clock.run_for(5100)
    assert phone_page.locator(DISPLAY).inner_text() == "0:40"
    phone_page.get_by_role("button", name="Skip rest").click()
    assert phone_page.evaluate("window.ended") == {"skipped": True}
    assert phone_page.locator(STATUS).inner_text() == "Rest skipped. Next set."
    phone_page.clock.run_for(60_000)
    assert phone_page.evaluate("window.ended") == {"skipped": True}, "ends once"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_tempo_prompt_counts_the_lowering_down(
    phone_page: Page, fake_api: FakeApi, motion: str
) -> None:
    phone_page.emulate_media(reduced_motion=motion)  # type: ignore[arg-type]
    paused_page(phone_page, fake_api.base)
    button = phone_page.locator("[data-tempo-start]")
    count = phone_page.locator("[data-tempo-count]")
    bar = phone_page.locator("[data-tempo-bar]")
    button.click()
    assert count.inner_text() == "Lower… 4"
    assert button.get_attribute("aria-pressed") == "true"
    phone_page.clock.run_for(1100)
    assert count.inner_text() == "3"
    phone_page.clock.run_for(1000)
    assert count.inner_text() == "2"
    half = float(bar.evaluate("(el) => Number(el.style.transform.match(/scaleX\\((.*)\\)/)[1])"))
    assert 0.4 < half < 0.7
    phone_page.clock.run_for(2000)
    assert count.inner_text() == "Catch, push, pull up"
    assert phone_page.locator("[data-tempo]").get_attribute("data-state") == "idle"
    assert button.inner_text() == "Start the 4-second lowering"
