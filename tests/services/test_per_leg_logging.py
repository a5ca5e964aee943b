"""Logging per leg and the hips answer through the use-cases (in-memory unit of work): the
single-leg curl's next target is each leg's own, the floor curl's single-leg rung is logged per
leg, and "hips up" travels from the logged set to the ladder."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import Side
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.profile import save_profile
from hamcoach.services.reports import history
from hamcoach.services.set_logging import log_sets
from hamcoach.services.training import plan_for
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner


def at(day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(18, minute), dt.UTC)


def log(
    uow: FakeUnitOfWork, athlete: int, day: dt.date, items: list[SetInput]
) -> tuple[float | None, str | None]:
    outcome = log_sets(
        uow,
        athlete,
        [(str(uuid.uuid4()), item, at(day, i)) for i, item in enumerate(items)],
        at(day, 59),
    )
    return outcome.next_load, outcome.next_reason


def test_each_leg_gets_its_own_next_target(uow: FakeUnitOfWork) -> None:
    athlete = save_profile(
        uow, runner(equipment=frozenset({"standing-curl-machine"}), body_mass=60.0), MONDAY
    )
    tuesday = MONDAY + dt.timedelta(days=1)
    left = [SetInput("single-leg-curl", 12, 20.0, side="left")] * 3
    right = [SetInput("single-leg-curl", 10, 20.0, side="right")] * 3
    assert log(uow, athlete, tuesday, left)[0] == 22.5
    assert log(uow, athlete, tuesday, right)[0] == 20.0
    view = plan_for(uow, athlete, MONDAY + dt.timedelta(days=7))
    planned = [e for s in view.plan.sessions() for e in s.exercises if e.slug == "single-leg-curl"]
    assert planned and all(
        (e.load_on(Side.LEFT), e.load_on(Side.RIGHT)) == (22.5, 20.0) for e in planned
    )
    # The next session's sets record each leg's own prescription.
    friday = MONDAY + dt.timedelta(days=8)
    log(uow, athlete, friday, [SetInput("single-leg-curl", 12, 22.5, side="left")])
    log(uow, athlete, friday, [SetInput("single-leg-curl", 12, 20.0, side="right")])
    targets = {
        s.side: s.target_load
        for s in history(uow, athlete, "single-leg-curl", None)
        if s.session_date == friday
    }
    assert targets == {Side.LEFT: 22.5, Side.RIGHT: 20.0}


def _climb_to_single(uow: FakeUnitOfWork, athlete: int) -> None:
    """Two sessions of 3 x 12 hips up: towel both -> two up, one down -> single."""
    for offset in (1, 3):
        log(
            uow,
            athlete,
            MONDAY + dt.timedelta(days=offset),
            [SetInput("floor-curl", 12, None, variant="towel", hips_up=True)] * 3,
        )


def test_the_single_leg_floor_rung_is_logged_per_leg(uow: FakeUnitOfWork) -> None:
    athlete = save_profile(uow, runner(equipment=frozenset({"towel"})), MONDAY)
    with pytest.raises(InvalidInput, match="works both legs"):
        log(uow, athlete, MONDAY, [SetInput("floor-curl", 12, None, "towel", side="left")])
    _climb_to_single(uow, athlete)
    day = MONDAY + dt.timedelta(days=5)
    view = plan_for(uow, athlete, day)
    coming = [
        e
        for s in view.plan.sessions()
        if s.date >= day
        for e in s.exercises
        if e.slug == "floor-curl"
    ]
    assert coming and all(e.stance == "single" and e.per_side for e in coming)
    # The two sessions already done keep the rung they began with.
    begun = {s.date: s for s in view.plan.sessions() if s.date < day}
    assert [e.stance for e in begun[MONDAY + dt.timedelta(days=1)].exercises] == ["both"]
    with pytest.raises(InvalidInput, match="one leg at a time"):
        log(uow, athlete, day, [SetInput("floor-curl", 12, None, "towel")])
    log(uow, athlete, day, [SetInput("floor-curl", 12, None, "towel", side="left")])
    [stored] = [s for s in history(uow, athlete, "floor-curl", None) if s.session_date == day]
    assert (stored.stance, stored.side) == ("single", Side.LEFT)


def test_hips_up_is_stored_and_only_a_yes_moves_the_ladder(uow: FakeUnitOfWork) -> None:
    athlete = save_profile(uow, runner(equipment=frozenset({"towel", "sliders"})), MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    _, reason = log(uow, athlete, tuesday, [SetInput("floor-curl", 12, None, "towel")] * 3)
    assert reason == "floor curl next: towel, both"
    assert {s.hips_up for s in history(uow, athlete, "floor-curl", None)} == {None}
    thursday = MONDAY + dt.timedelta(days=3)
    yes = SetInput("floor-curl", 12, None, "towel", hips_up=True)
    _, reason = log(uow, athlete, thursday, [yes] * 3)
    assert reason == "floor curl next: sliders, both"
    with pytest.raises(InvalidInput, match="only the floor curl asks"):
        log(uow, athlete, thursday, [SetInput("nordic-curl", 5, None, hips_up=True)])
