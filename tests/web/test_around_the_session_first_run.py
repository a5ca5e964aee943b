"""A first run and accessibility (issue 12, item 5, and axe-core on every page) in Debian's
Chromium at phone (390 x 844) and laptop (1280 x 800) sizes: on a fresh database every page
leads to onboarding, whose time zone is the browser's, and which ends on the first session and
why; no "All sets synced." before anything was queued; every page WCAG 2 A/AA clean in light and
dark. The real app on a temporary SQLite database (tests/web/harness.py: real_app)."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Page, expect

from hamcoach.services.demo import seed_demo
from tests.web.conftest import OpenPage
from tests.web.harness import SIZES, RealApp, axe_violations, real_app

pytestmark = pytest.mark.browser

PAGES = ("/", "/today", "/week", "/history", "/progress", "/tests", "/settings")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[RealApp]:
    with real_app(tmp_path) as served:
        yield served


def ready(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")


def says_nothing_about_syncing(page: Page) -> None:
    """The queue status was filled in (the queue was read: data-pending) and stays empty."""
    status = page.locator("[data-queue-status]")
    expect(status).to_have_attribute("data-pending", "0")
    expect(status).to_have_text("")
    expect(status).to_be_hidden()
    expect(page.get_by_text("All sets synced.")).to_have_count(0)


@pytest.mark.parametrize(
    ("size", "zone"), [("phone", "America/Denver"), ("laptop", "Asia/Kolkata")]
)
def test_a_fresh_install_leads_every_page_to_onboarding_in_the_browsers_zone(
    open_page: OpenPage, app: RealApp, size: str, zone: str
) -> None:
    page = open_page(size, timezone_id=zone)
    for path in PAGES:
        response = page.goto(app.url + path)
        assert response is not None and response.status == 200, (path, response)
        expect(page).to_have_url(app.url + "/onboarding")
        expect(page.get_by_role("heading", level=1)).to_have_text("Set up your hamstring plan")
        body = page.locator("body")
        for words in ("/api/", "there is no page", "Something needs fixing", "Not Found"):
            expect(body).not_to_contain_text(words)  # e.g. "or PUT /api/v1/profile"
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")
    expect(page.get_by_label("Time zone")).to_have_value(zone)  # the browser's own
    says_nothing_about_syncing(page)
    # Each old name timezone.js renames is the same zone as its new name in this browser, and
    # the new name is one the server offers (Chromium says Asia/Calcutta for Asia/Kolkata).
    wrong = page.evaluate(
        """async () => {
          const {RENAMED} = await import('/static/js/timezone.js');
          const offered = new Set([...document.querySelectorAll('#timezones option')]
            .map(o => o.value));
          const says = z => new Intl.DateTimeFormat('en', {timeZone: z})
            .resolvedOptions().timeZone;
          return Object.entries(RENAMED)
            .filter(([old, now]) => says(now) !== says(old) || !offered.has(now));
        }"""
    )
    assert wrong == [], wrong

    page.get_by_label("Your name").fill("Ana")
    page.get_by_label("Towel on a smooth floor").check()
    page.get_by_label("Tue").select_option("key")
    page.get_by_label("Sun").select_option("long")
    page.get_by_role("button", name="Make my plan").click()
    expect(page).to_have_url(app.url + "/week?welcome=1")
    first = page.locator("[data-first-session]")
    expect(first).to_be_visible()
    expect(first.get_by_role("heading")).to_contain_text("Your first session: ")
    expect(first.locator("details")).to_have_attribute("open", "")
    reasons = first.locator("details li")
    expect(reasons.first).to_be_visible()
    assert all(r.strip() for r in reasons.all_inner_texts()), reasons.all_inner_texts()
    expect(page.locator("html")).to_have_attribute("data-app-ready", "true")
    says_nothing_about_syncing(page)
    profile = httpx2.get(app.url + "/api/v1/profile").json()
    assert profile["timezone"] == zone  # what the field said is what was stored
    ready(page, app.url + "/today")  # no set logged yet: nothing to say here either
    says_nothing_about_syncing(page)


def luminance(css_colour: str) -> float:
    """Rough relative brightness, 0-1, of an `rgb(r, g, b)` computed colour."""
    r, g, b = (int(x) for x in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def describe(found: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for path, violations in found.items():
        for v in violations:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:4])
            lines.append(f"{path}: {v['id']} ({v['impact']}): {v['help']} -> {targets}")
            lines.extend(f"    {n['failureSummary']}" for n in v["nodes"][:2])
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_is_axe_clean_at_both_sizes_in_light_and_dark(
    open_page: OpenPage, app: RealApp, size: str, scheme: str
) -> None:
    page = open_page(size, color_scheme=scheme)
    ready(page, app.url + "/onboarding")  # a fresh install's only page
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (luminance(background) < 0.5) == (scheme == "dark"), background
    found = {"/onboarding": axe_violations(page)}

    seed_demo(app.store.uow, dt.datetime.now(dt.UTC).date())
    sets = httpx2.get(app.url + "/api/v1/sets").json()
    slug = collections.Counter(s["exercise"] for s in sets).most_common(1)[0][0]
    paths = ["/today", "/week", "/month", "/history", f"/history/{slug}", "/progress", "/tests"]
    paths += ["/settings", "/runs"]
    for path in paths:
        ready(page, app.url + path)
        expect(page).to_have_url(app.url + path)  # the page itself, not a redirect
        # Folded content too: what a tap shows must pass as well.
        opened = page.evaluate(
            "[...document.querySelectorAll('details:not([open])')].map(d => d.open = true).length"
        )
        found[path] = axe_violations(page)
        assert path != "/progress" or opened > 0  # the charts' number tables were checked
    bad = {path: v for path, v in found.items() if v}
    assert not bad, f"axe-core ({size}, {scheme}):\n" + describe(bad)
