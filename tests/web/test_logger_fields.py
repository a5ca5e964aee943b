"""The guided session's logger sends what the athlete chose: the set kind and, on the floor
curl, whether the hips stayed up (unticked means "not said", never "no"). Real app, real
SQLite file, Debian's Chromium at phone size."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from playwright.sync_api import Page, expect

from hamcoach.config import Settings
from hamcoach.storage.store import Store, open_store
from hamcoach.web.app import create_app
from tests.web.harness import serve_app
from tests.webapi.conftest import PROFILE

pytestmark = pytest.mark.browser


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    settings = Settings(f"sqlite:///{tmp_path / 'logger.db'}", tmp_path)
    store: Store = open_store(settings)
    with serve_app(create_app(settings, store)) as url:
        floor_only = {**PROFILE, "equipment": ["towel"]}
        assert httpx2.put(url + "/api/v1/profile", json=floor_only).status_code == 200
        yield url
    store.close()


def stored_sets(base: str, count: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found: list[dict[str, Any]] = httpx2.get(base + "/api/v1/sets").json()
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} sets reached the server")


def test_the_logger_sends_the_set_kind_and_the_hips_answer(phone_page: Page, base: str) -> None:
    page = phone_page
    page.goto(base + "/today")
    form = page.locator("[data-guided-step]:visible form[data-set-form]").first
    hips = form.get_by_label("Hips stayed up on every rep")
    expect(hips).not_to_be_checked()  # nobody has said so yet
    form.get_by_label("Set", exact=True).select_option(label="Warm-up")
    hips.check()
    form.get_by_role("button", name="Log set").click()
    [first] = stored_sets(base, 1)
    assert (first["exercise"], first["kind"], first["hips_up"]) == ("floor-curl", "warmup", True)
    page.locator("[data-timer-skip]").click()
    form.get_by_label("Set", exact=True).select_option(label="Working")
    hips.uncheck()
    form.get_by_role("button", name="Log set").click()
    second = stored_sets(base, 2)[1]
    assert (second["kind"], second["hips_up"]) == ("working", None)
