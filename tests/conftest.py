"""Shared test fixtures: paths to the read-only shared data, and Hypothesis profiles."""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
# No test may touch the runner's own database: a test that forgets its own data directory gets
# a throwaway one (children inherit it), never ~/.local/share/hamcoach.
os.environ["HAMCOACH_DATA_DIR"] = tempfile.mkdtemp(prefix="hamcoach-tests-")
os.environ.pop("HAMCOACH_DATABASE_URL", None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Move everything imported and collected out of the garbage collector's sight.

    A test process holds the app, its libraries and every collected test; each full
    collection walks all of it, and Hypothesis (which allocates much while it generates)
    triggers many. Frozen, those objects are never scanned again: the fuzz tests ran in half
    the time. Objects made by the tests themselves are collected as usual.
    """
    gc.collect()
    gc.freeze()


def shared_dir() -> Path | None:
    """../shared next to the checkout, or HAMCOACH_SHARED; None when neither exists."""
    for candidate in (
        os.environ.get("HAMCOACH_SHARED"),
        str(ROOT.parent / "shared"),
        "/work/shared",
    ):
        if candidate and Path(candidate, "DESIGN.md").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        pytest.skip("the shared folder (../shared or $HAMCOACH_SHARED) is not on this machine")
    return found
