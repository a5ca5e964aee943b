"""A load step per machine (issue 11, item 3): an exercise with its own step is prescribed in
multiples of that step, from its start load through every progression; the others keep the
profile's step; the setting is checked and spelled the same way everywhere."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import (
    Profile,
    Units,
    exercise_increments_text,
    parse_exercise_increments,
)
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.targets import compute_targets
from tests.domain.logged import logged

DAY0 = dt.date(2026, 9, 1)
STEPS = (1.25, 2.5, 5.0, 7.5)


def _multiple(value: float, step: float) -> bool:
    return abs(value / step - round(value / step)) < 1e-6


def _profile(step: float, units: Units = Units.KG) -> Profile:
    return Profile(
        name="Ana",
        units=units,
        body_mass=61.0 if units is Units.KG else 134.0,
        equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner"}),
        week=RunningWeek.parse("tue=key,sun=long"),
        exercise_increments=(("seated-leg-curl", step),),
    )


@settings(max_examples=150, deadline=None)
@given(
    step=st.sampled_from(STEPS),
    units=st.sampled_from(list(Units)),
    sessions=st.lists(st.tuples(st.integers(6, 14), st.integers(1, 12)), min_size=0, max_size=8),
)
def test_an_exercise_with_its_own_step_is_prescribed_in_that_step(
    step: float, units: Units, sessions: list[tuple[int, int]]
) -> None:
    profile = _profile(step, units)
    history: list[LoggedSet] = []
    day = DAY0
    for reps, multiple in sessions:
        targets = compute_targets(profile, history, [], day)
        load = targets.loads["seated-leg-curl"]
        assert _multiple(load, step), (load, step)
        assert _multiple(targets.loads["lying-leg-curl"], profile.machine_increment)
        # Logged in the athlete's unit, at the prescribed load.
        history += [
            replace(logged("seated-leg-curl", day, n, reps, load), unit=units.value)
            for n in (1, 2, 3)
        ]
        day += dt.timedelta(days=3 + multiple % 3)
    final = compute_targets(profile, history, [], day).loads["seated-leg-curl"]
    assert _multiple(final, step)


def test_the_setting_reads_back_as_it_is_written() -> None:
    steps = parse_exercise_increments(" seated-leg-curl=5, lying-leg-curl=1.25 ")
    assert steps == (("lying-leg-curl", 1.25), ("seated-leg-curl", 5.0))
    assert parse_exercise_increments(exercise_increments_text(steps)) == steps
    assert parse_exercise_increments("") == ()
    profile = _profile(5.0)
    assert profile.increment_for("seated-leg-curl") == 5.0
    assert profile.increment_for("lying-leg-curl") == 2.5  # the kg default


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nordic-curl=2.5", "body weight"),
        ("seated-leg-curl=0", "step must be"),
        ("seated-leg-curl=30", "step must be"),
        ("seated-leg-curl", "EXERCISE=STEP"),
        ("seated-leg-curl=five", "EXERCISE=STEP"),
        ("seated-leg-curl=5,seated-leg-curl=2.5", "one step"),
        ("leg-press=5", "leg-press"),
    ],
)
def test_a_wrong_step_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_exercise_increments(text)


def test_a_step_converts_with_the_units() -> None:
    in_lb = _profile(5.0).in_units(Units.LB)
    assert in_lb.increment_for("seated-leg-curl") == pytest.approx(11.02, abs=0.01)
