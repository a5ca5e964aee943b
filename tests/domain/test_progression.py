from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import InvalidInput, double_progression, round_to_increment
from hamcoach.domain.progression import (
    Action,
    FloorSession,
    Rung,
    SessionResult,
    SetResult,
    after_break,
    decreased_load,
    floor_ladder,
    floor_ladder_rung,
    increased_load,
    nordic_ramp_week,
)

D = dt.date(2026, 1, 5)


def session(reps: list[int], load: float, day: int = 0) -> SessionResult:
    return SessionResult(D + dt.timedelta(days=day), load, tuple(SetResult(r, load) for r in reps))


def test_three_by_twelve_adds_one_increment() -> None:
    decision = double_progression([session([12, 12, 12], 40)], start_load=40, increment=2.5)
    assert (decision.load, decision.action) == (42.5, Action.INCREASE)


def test_percentage_increase_rounded_to_the_machine() -> None:
    assert increased_load(100, 2.5, pct=5) == 105
    assert increased_load(40, 5, pct=2) == 45  # 2 % of 40 is less than one plate


def test_first_set_short_twice_running_drops_about_ten_percent() -> None:
    one = double_progression([session([9, 9, 8], 50)], start_load=50, increment=2.5)
    assert (one.load, one.action) == (50, Action.KEEP)
    two = double_progression(
        [session([9, 9, 8], 50), session([8, 8, 8], 50, 3)], start_load=50, increment=2.5
    )
    assert (two.load, two.action) == (45, Action.DECREASE)


def test_short_sessions_not_running_do_not_drop() -> None:
    history = [session([9, 10, 10], 50), session([11, 10, 10], 50, 3), session([9, 9, 9], 50, 6)]
    assert double_progression(history, start_load=50, increment=2.5).load == 50


def test_in_range_keeps_the_load() -> None:
    decision = double_progression([session([12, 11, 10], 40)], start_load=40, increment=2.5)
    assert (decision.load, decision.action) == (40, Action.KEEP)


def test_empty_history_gives_the_start_load() -> None:
    assert double_progression([], start_load=30, increment=5).load == 30


@given(
    load=st.floats(min_value=5, max_value=300),
    increment=st.sampled_from([1.0, 2.5, 5.0, 2.27]),
)
def test_rounding_and_decrease_properties(load: float, increment: float) -> None:
    rounded = round_to_increment(load, increment)
    steps = rounded / increment
    assert abs(steps - round(steps)) < 1e-6
    assert abs(rounded - load) <= increment / 2 + 1e-6 or rounded == increment
    base = round_to_increment(load, increment)
    lower = decreased_load(base, increment)
    assert lower < base or base == increment


def test_rounding_refuses_a_zero_increment() -> None:
    with pytest.raises(InvalidInput):
        round_to_increment(10, 0)


def test_floor_ladder_over_owned_variants() -> None:
    assert floor_ladder(["stability-ball", "towel", "sliders"]) == (
        Rung("towel", "both"),
        Rung("sliders", "both"),
        Rung("stability-ball", "both"),
        Rung("stability-ball", "two-up-one-down"),
        Rung("stability-ball", "single"),
    )
    assert [r.stance for r in floor_ladder(["towel"])] == ["both", "two-up-one-down", "single"]
    with pytest.raises(InvalidInput):
        floor_ladder([])


def test_floor_ladder_moves_up_and_down() -> None:
    ladder = floor_ladder(["towel", "sliders"])
    up = floor_ladder_rung(ladder, [FloorSession(ladder[0], (12, 12, 12), hips_up=True)])
    assert up[0] == 1
    hips_sag = floor_ladder_rung(ladder, [FloorSession(ladder[0], (12, 12, 12), hips_up=False)])
    assert hips_sag[0] == 0
    unsaid = floor_ladder_rung(ladder, [FloorSession(ladder[0], (12, 12, 12))])
    assert unsaid[0] == 0 and "hips were not logged as kept up" in unsaid[1]
    down = floor_ladder_rung(
        ladder, [FloorSession(ladder[2], (9, 10, 10)), FloorSession(ladder[2], (12, 9, 8))]
    )
    assert down[0] == 1
    assert "step down" in down[1]


def test_nordic_ramp_week_from_history() -> None:
    assert nordic_ramp_week([], D, experienced=False) == 1
    assert nordic_ramp_week([], D, experienced=True) == 5
    assert nordic_ramp_week([D], D + dt.timedelta(days=7), experienced=False) == 2
    weekly = [D + dt.timedelta(days=7 * i) for i in range(6)]
    assert nordic_ramp_week(weekly, D + dt.timedelta(days=42), experienced=False) == 5
    # 3 weeks off: back in at week 3; 5 weeks off: from the start
    assert nordic_ramp_week(weekly, weekly[-1] + dt.timedelta(days=21), experienced=True) == 3
    assert nordic_ramp_week(weekly, weekly[-1] + dt.timedelta(days=35), experienced=True) == 1


def test_after_break() -> None:
    assert after_break(None, D) is None
    assert after_break(D, D + dt.timedelta(days=13)) is None
    short = after_break(D, D + dt.timedelta(days=14))
    long = after_break(D, D + dt.timedelta(days=40))
    assert short is not None
    assert long is not None
    assert (short.load_factor, short.sets_delta) == (0.9, -1)
    assert long.load_factor == 0.8
    assert "40 days" in long.reason
