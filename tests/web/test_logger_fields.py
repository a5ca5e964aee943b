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


def _served(tmp_path: Path, profile: dict[str, Any]) -> Iterator[str]:
    settings = Settings(f"sqlite:///{tmp_path / 'logger.db'}", tmp_path)
    store: Store = open_store(settings)
    with serve_app(create_app(settings, store)) as url:
        assert httpx2.put(url + "/api/v1/profile", json=profile).status_code == 200
        yield url
    store.close()


@pytest.fixture
def base(tmp_path: Path) -> Iterator[str]:
    yield from _served(tmp_path, {**PROFILE, "equipment": ["towel"]})


@pytest.fixture
def gym(tmp_path: Path) -> Iterator[str]:
    """A machine-curl athlete whose machine steps by 1.25 kg."""
    yield from _served(
        tmp_path, {**PROFILE, "equipment": ["lying-curl-machine"], "increment": 1.25}
    )


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


def test_loads_are_typed_as_people_type_them_and_stepped_by_the_machine(
    phone_page: Page, gym: str
) -> None:
    page = phone_page
    page.goto(gym + "/today")
    form = page.locator("[data-guided-step]:visible form[data-set-form]").first
    load = form.get_by_label("Load (kg)")
    load.fill("21.25")  # a step="0.5" number input refused this prescribed load
    form.get_by_role("button", name="Log set").click()
    assert stored_sets(gym, 1)[0]["load"] == 21.25
    page.locator("[data-timer-skip]").click()
    load.fill("12,5")  # a comma decimal, as many phones type it
    form.get_by_role("button", name="1.25 kg more").click()
    expect(load).to_have_value("13.75")
    reps = form.get_by_label("Reps", exact=True)
    reps.fill("10")
    form.get_by_role("button", name="One rep more").click()
    expect(reps).to_have_value("11")
    form.locator("summary", has_text="Reps in reserve, note").click()
    form.get_by_label("Reps in reserve (optional)").select_option("2")
    form.get_by_label("Note (optional)").fill("seat one notch up")
    form.get_by_role("button", name="Log set").click()
    second = stored_sets(gym, 2)[1]
    assert (second["load"], second["reps"], second["rir"], second["note"]) == (
        13.75,
        11,
        2,
        "seat one notch up",
    )
