"""Targets after a switch of units are on the new unit's machine steps, and a stated cut is
the real one (issue 10, item 10)."""

from __future__ import annotations

import datetime as dt
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.targets import compute_targets

DAY = dt.date(2026, 11, 2)
MACHINE = frozenset({"lying-curl-machine"})


def _set(n: int, reps: int, load: float, unit: str, day: dt.date) -> LoggedSet:
    at = dt.datetime.combine(day, dt.time(18, n), dt.UTC)
    return LoggedSet(
        f"s{n}-{day}",
        "lying-leg-curl",
        None,
        None,
        None,
        n,
        10,
        12,
        load,
        reps,
        load,
        unit,
        None,
        at,
        day,
    )


def _on_grid(value: float, step: float) -> bool:
    return math.isclose(value / step, round(value / step), abs_tol=1e-6)


@given(
    logged_unit=st.sampled_from(["kg", "lb"]),
    athlete_unit=st.sampled_from(list(Units)),
    steps=st.integers(4, 60),
    reps=st.lists(st.integers(5, 14), min_size=2, max_size=3),
    sessions=st.integers(1, 3),
    gap=st.sampled_from([3, 20, 40]),
)
def test_every_machine_target_is_on_the_athletes_steps(
    logged_unit: str,
    athlete_unit: Units,
    steps: int,
    reps: list[int],
    sessions: int,
    gap: int,
) -> None:
    load = steps * (2.5 if logged_unit == "kg" else 5.0)
    sets = [
        _set(i + 1, r, load, logged_unit, DAY + dt.timedelta(days=3 * k))
        for k in range(sessions)
        for i, r in enumerate(reps)
    ]
    profile = Profile("A", athlete_unit, equipment=MACHINE)
    last = DAY + dt.timedelta(days=3 * (sessions - 1))
    targets = compute_targets(profile, sets, [], last + dt.timedelta(days=gap))
    target = targets.loads["lying-leg-curl"]
    assert _on_grid(target, profile.machine_increment), (target, profile.machine_increment)
    # The reason quotes loads as a person reads them: no 88.1849.
    assert not re.search(r"\d\.\d{3,}", targets.reasons["lying-leg-curl"])


def test_kg_sets_give_a_whole_lb_target_after_a_switch() -> None:
    sets = [_set(i, 12, 40.0, "kg", DAY) for i in (1, 2, 3)]
    targets = compute_targets(
        Profile("A", Units.LB, equipment=MACHINE), sets, [], DAY + dt.timedelta(days=3)
    )
    assert targets.loads["lying-leg-curl"] == 95.0  # 40 kg = 90 lb on a 5 lb stack, + 5 lb
    assert "88.1849" not in targets.reasons["lying-leg-curl"]


def test_a_cut_after_a_break_says_the_cut_that_was_made() -> None:
    sets = [_set(i, 11, 37.5, "kg", DAY) for i in (1, 2, 3)]
    targets = compute_targets(
        Profile("A", Units.KG, equipment=MACHINE), sets, [], DAY + dt.timedelta(days=20)
    )
    assert targets.loads["lying-leg-curl"] == 35.0  # 37.5 x 0.9 = 33.75, nearest step 35
    assert "-6.7 %" in targets.reasons["lying-leg-curl"]
