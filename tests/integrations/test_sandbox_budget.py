"""The budgeted child process that reads untrusted files (issue 8): its replies, its budgets,
its refusals, and calendars read through it from several threads at once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import resource
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from hamcoach.integrations import sandbox
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.ics import READ_BUDGET, calendar_runs
from tests.integrations.test_ics_bounds import (
    BERLIN,
    PARENT_GROWTH_KB,
    TARGETS,
    training_year,
)

SMALL = sandbox.Budget(cpu_s=0.3, memory_mb=64, wall_s=1.5)


def test_sandbox_returns_the_targets_json() -> None:
    assert sandbox.run(f"{TARGETS}:echo", b"abc", {"n": 1}, SMALL) == {"size": 3, "args": {"n": 1}}


@pytest.mark.parametrize(
    ("target", "resource_name"), [("spin", "cpu"), ("hog", "memory"), ("sleep", "time")]
)
def test_sandbox_stops_a_target_over_its_budget(target: str, resource_name: str) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.monotonic()
    with pytest.raises(sandbox.OverBudget) as caught:
        sandbox.run(f"{TARGETS}:{target}", b"x", {}, SMALL)
    assert caught.value.resource == resource_name
    assert time.monotonic() - began < SMALL.wall_s + 0.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < PARENT_GROWTH_KB


def test_sandbox_passes_refusals_and_reports_failures() -> None:
    with pytest.raises(sandbox.Refused, match="refused 3 bytes"):
        sandbox.run(f"{TARGETS}:refuse", b"abc", {}, SMALL)
    with pytest.raises(sandbox.Crashed, match="ValueError: a bug in the target"):
        sandbox.run(f"{TARGETS}:fail", b"abc", {}, SMALL)
    with pytest.raises(sandbox.Crashed):
        sandbox.run(f"{TARGETS}:no_such_target", b"abc", {}, SMALL)


def test_calendars_are_read_from_several_threads_at_once() -> None:
    # A web server reads uploads in threads: each starts its own child, none forks the server.
    data = training_year()
    window = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(
                lambda _: calendar_runs(data, name="plan.ics", tz=BERLIN, window=window), range(4)
            )
        )
    assert all(r == results[0] for r in results)
    assert len(results[0][0]) == 48 + 1 + 100 + 26 + 1


def test_a_calendar_over_its_budget_is_a_bad_file() -> None:
    data = training_year()
    tiny = dataclasses.replace(READ_BUDGET, cpu_s=0.001)
    with pytest.raises(
        BadFile, match=r"^plan\.ics: reading it needs more than 0\.001 s of CPU time"
    ):
        calendar_runs(data, name="plan.ics", tz=BERLIN, budget=tiny)


# --- the bounded expansion follows dateutil ---------------------------------------------------
