"""The queue's refused-sets hooks and page helpers, shared by the refused-sets browser tests.

Used by test_refused_sets.py (retry rule, wording, layout) and test_fixing_refused_sets.py
(Fix, Discard, and the real app).
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page

from tests.web.conftest import FakeApi
from tests.web.fake_api import open_test_page
from tests.web.harness import BrowserErrors

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


def open_refused_page(page: Page, fake_api: FakeApi, browser_errors: BrowserErrors) -> Page:
    """The test page, with fast retries (a retried set would show up within the test)."""
    browser_errors.allow(OFFLINE)
    browser_errors.allow(REFUSED_STATUS)
    open_test_page(page, fake_api.base)
    page.evaluate("window.hc.queue.configure({retryBaseMs: 50, retryMaxMs: 200})")
    return page
