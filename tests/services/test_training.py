"""Use-cases of the training log on the in-memory unit of work: logging, idempotency, progression.

The same flows run end to end on SQLite and PostgreSQL in
tests/storage/test_use_cases_on_databases.py.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hamcoach.domain.errors import Conflict, InvalidInput, NoProfile, NotFound
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.profile import get_profile, local_athlete, save_profile
from hamcoach.services.reports import history
from hamcoach.services.set_logging import log_sets
from hamcoach.services.training import plan_for, today_session
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, runner


def at(day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(18, minute), dt.UTC)


def log(
    uow: FakeUnitOfWork,
    athlete: int,
    day: dt.date,
    slug: str,
    sets: list[tuple[int, float | None]],
    **kw: object,
) -> object:
    items = [
        (str(uuid.uuid4()), SetInput(slug, reps, load, **kw), at(day, i))  # type: ignore[arg-type]
        for i, (reps, load) in enumerate(sets)
    ]
    return log_sets(uow, athlete, items, at(day, 59))


def test_no_profile_is_a_clear_not_found(uow: FakeUnitOfWork) -> None:
    """The type says which situation it is; each edge adds its own next step to the message
    (the CLI's `hamcoach init`: tests/cli/test_walkthrough.py; the API's and the page's:
    tests/webapi/test_api_core.py)."""
    with pytest.raises(NoProfile, match=r"^no profile yet$") as caught:
        local_athlete(uow)
    assert isinstance(caught.value, NotFound)


def test_profile_edit_keeps_the_athlete(uow: FakeUnitOfWork, athlete: int) -> None:
    assert local_athlete(uow) == athlete
    again = save_profile(uow, runner(name="Ana B", sessions=3), MONDAY)
    assert again == athlete
    assert get_profile(uow, athlete).sessions == 3


def test_three_by_twelve_at_40_makes_the_next_target_42_5(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    outcome = log(uow, athlete, MONDAY + dt.timedelta(days=1), "lying-leg-curl", [(12, 40.0)] * 3)
    assert outcome.next_load == 42.5  # type: ignore[attr-defined]
    view = plan_for(uow, athlete, MONDAY + dt.timedelta(days=2))
    assert view.targets.loads["lying-leg-curl"] == 42.5


def test_two_short_first_sets_running_drop_about_ten_percent(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    log(uow, athlete, MONDAY + dt.timedelta(days=1), "seated-leg-curl", [(9, 50.0), (9, 50.0)])
    outcome = log(uow, athlete, MONDAY + dt.timedelta(days=4), "seated-leg-curl", [(8, 50.0)])
    assert outcome.next_load == 45.0  # type: ignore[attr-defined]


def test_targets_are_stored_beside_what_was_done(uow: FakeUnitOfWork, athlete: int) -> None:
    day = MONDAY + dt.timedelta(days=1)
    log(uow, athlete, day, "lying-leg-curl", [(12, 40.0)] * 3)
    log(uow, athlete, day + dt.timedelta(days=3), "lying-leg-curl", [(11, 42.5)])
    sets = history(uow, athlete, "lying-leg-curl", None)
    assert [(s.target_load, s.load, s.reps) for s in sets][-1] == (42.5, 42.5, 11)
    assert (sets[-1].target_reps_min, sets[-1].target_reps_max) == (10, 12)


def test_nordic_beginner_follows_the_ramp_week_by_week(uow: FakeUnitOfWork, athlete: int) -> None:
    doses = []
    for week in range(5):
        monday = MONDAY + dt.timedelta(days=7 * week)
        view, _ = today_session(uow, athlete, monday)
        nordic = [
            e for s in view.plan.weeks[0].sessions for e in s.exercises if e.slug == "nordic-curl"
        ]
        doses.append((nordic[0].sets, nordic[0].reps_min, nordic[0].reps_max))
        day = next(
            s.date
            for s in view.plan.weeks[0].sessions
            if any(e.slug == "nordic-curl" for e in s.exercises)
        )
        log(uow, athlete, day, "nordic-curl", [(nordic[0].reps_min, None)] * nordic[0].sets)
    assert doses == [(2, 5, 5), (2, 6, 6), (3, 6, 8), (3, 8, 10), (3, 10, 12)]


def test_fourteen_days_off_steps_back(uow: FakeUnitOfWork, athlete: int) -> None:
    day = MONDAY + dt.timedelta(days=1)
    log(uow, athlete, day, "lying-leg-curl", [(12, 40.0)] * 3)
    later = day + dt.timedelta(days=20)
    view = plan_for(uow, athlete, later)
    assert view.targets.loads["lying-leg-curl"] == pytest.approx(37.5)  # 42.5 less ~10 %
    first = [
        e for s in view.plan.weeks[0].sessions for e in s.exercises if e.slug == "lying-leg-curl"
    ]
    assert first and all(e.sets == 2 for e in first)
    assert any(
        "days since the last session" in r for s in view.plan.weeks[0].sessions for r in s.reasons
    )


def test_same_uuid_twice_is_stored_once(uow: FakeUnitOfWork, athlete: int) -> None:
    set_id = str(uuid.uuid4())
    item = (set_id, SetInput("lying-leg-curl", 12, 40.0), at(MONDAY))
    first = log_sets(uow, athlete, [item], at(MONDAY, 30))
    second = log_sets(uow, athlete, [item], at(MONDAY, 31))
    assert len(first.stored) == 1 and first.duplicates == ()
    assert second.stored == () and [s.id for s in second.duplicates] == [set_id]
    assert len(history(uow, athlete, None, None)) == 1


def test_an_id_of_another_athlete_is_refused(uow: FakeUnitOfWork, athlete: int) -> None:
    set_id = str(uuid.uuid4())
    log_sets(
        uow,
        athlete,
        [(set_id, SetInput("lying-leg-curl", 12, 40.0), at(MONDAY))],
        at(MONDAY, 5),
    )
    with uow:
        other = uow.athletes.add(runner(name="Ben"))
        uow.commit()
    with pytest.raises(Conflict, match="already in use"):
        log_sets(
            uow,
            other,
            [(set_id, SetInput("lying-leg-curl", 10, 30.0), at(MONDAY))],
            at(MONDAY, 6),
        )
    assert not uow.committed


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (SetInput("lying-leg-curl", 0, 40.0), "reps must be 1-100"),
        (SetInput("lying-leg-curl", 101, 40.0), "reps must be 1-100"),
        (SetInput("lying-leg-curl", 10, -5.0), "load must be above 0"),
        (SetInput("lying-leg-curl", 10, 501.0), "at most 500 kg"),
        (SetInput("nordic-curl", 5, 10.0), "body-weight exercise"),
        (SetInput("lying-leg-curl", 10, 40.0, side="left"), "leave out the side"),
        (SetInput("single-leg-curl", 10, 20.0), "give the side"),
        (SetInput("single-leg-curl", 10, 20.0, side="middle"), "allowed: left, right"),
        (SetInput("floor-curl", 10, None, variant="rope"), "allowed: towel, sliders"),
        (SetInput("leg-press", 10, 40.0), "unknown exercise"),
        (SetInput("lying-leg-curl", 10, 40.0, rir=11), "reps in reserve"),
    ],
)
def test_bad_sets_are_refused_and_nothing_is_written(
    uow: FakeUnitOfWork, athlete: int, item: SetInput, message: str
) -> None:
    good = (str(uuid.uuid4()), SetInput("lying-leg-curl", 12, 40.0), at(MONDAY))
    with pytest.raises(InvalidInput, match=message):
        log_sets(uow, athlete, [good, (str(uuid.uuid4()), item, at(MONDAY, 1))], at(MONDAY, 5))
    assert not uow.committed
    assert history(uow, athlete, None, None) == []


def test_future_times_and_bad_ids_are_refused(uow: FakeUnitOfWork, athlete: int) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        log_sets(
            uow,
            athlete,
            [(str(uuid.uuid4()), SetInput("lying-leg-curl", 12, 40.0), at(MONDAY, 30))],
            at(MONDAY, 0),
        )
    with pytest.raises(InvalidInput, match="not a UUID"):
        log_sets(
            uow,
            athlete,
            [("abc", SetInput("lying-leg-curl", 12, 40.0), at(MONDAY))],
            at(MONDAY, 5),
        )
    naive = dt.datetime(2026, 11, 2, 18)
    with pytest.raises(InvalidInput, match="time zone"):
        log_sets(
            uow,
            athlete,
            [(str(uuid.uuid4()), SetInput("lying-leg-curl", 12, 40.0), naive)],
            at(MONDAY, 5),
        )


def test_today_is_today_or_the_next_session(uow: FakeUnitOfWork, athlete: int) -> None:
    tuesday = MONDAY + dt.timedelta(days=1)
    _, session = today_session(uow, athlete, tuesday)
    assert session.date >= tuesday
    _, from_monday = today_session(uow, athlete, MONDAY)
    assert from_monday.date > MONDAY  # Monday is before the key run: no session


def test_floor_curl_climbs_the_ladder(uow: FakeUnitOfWork, athlete: int) -> None:
    save_profile(uow, runner(equipment=frozenset({"towel", "sliders"})), MONDAY)
    log(uow, athlete, MONDAY + dt.timedelta(days=1), "floor-curl", [(12, None)] * 3, hips_up=True)
    view = plan_for(uow, athlete, MONDAY + dt.timedelta(days=3))
    assert view.targets.floor_rung is not None
    assert (view.targets.floor_rung.variant, view.targets.floor_rung.stance) == ("sliders", "both")
    sets = history(uow, athlete, "floor-curl", None)
    assert {(s.variant, s.stance) for s in sets} == {("towel", "both")}


def test_the_plan_counts_sets_logged_today(uow: FakeUnitOfWork, athlete: int) -> None:
    tuesday = MONDAY + dt.timedelta(days=1)
    log(uow, athlete, tuesday, "lying-leg-curl", [(12, 40.0)] * 3)
    view = plan_for(uow, athlete, tuesday)  # same day as the sets
    later = [
        e
        for s in view.plan.sessions()
        if s.date > tuesday
        for e in s.exercises
        if e.slug == "lying-leg-curl"
    ]
    assert later and all(e.load == 42.5 for e in later)


def test_a_single_good_set_is_not_a_session_of_progress(uow: FakeUnitOfWork, athlete: int) -> None:
    outcome = log(uow, athlete, MONDAY + dt.timedelta(days=1), "lying-leg-curl", [(12, 40.0)])
    assert outcome.next_load == 40.0  # type: ignore[attr-defined]


def test_the_lighter_volume_lasts_the_whole_first_week_back(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    log(uow, athlete, MONDAY - dt.timedelta(days=30), "lying-leg-curl", [(12, 40.0)] * 3)
    back = MONDAY + dt.timedelta(days=1)  # Tuesday, after 31 days off
    log(uow, athlete, back, "lying-leg-curl", [(10, 35.0)] * 2)
    view = plan_for(uow, athlete, back + dt.timedelta(days=1))
    rest_of_week = [e for s in view.plan.weeks[0].sessions if s.date > back for e in s.exercises]
    assert rest_of_week and all(e.sets == 2 for e in rest_of_week if e.slug != "nordic-curl")
    assert view.targets.loads["lying-leg-curl"] == 35.0  # no second cut on the load
    next_week = [e for s in view.plan.weeks[1].sessions for e in s.exercises]
    assert all(e.sets == 3 for e in next_week if e.slug != "nordic-curl")
