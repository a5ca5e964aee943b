"""Issue 10, items 7 and 8: the single-leg curl progresses each leg on its own sets, the floor
curl's single-leg rung is prescribed per leg, and the ladder moves up only on a logged "hips up".
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek, Side
from hamcoach.domain.planning import PlanRequest, build_plan
from hamcoach.domain.prescription import prescribe
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.progression import (
    FloorSession,
    Rung,
    floor_ladder,
    floor_ladder_rung,
)
from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.domain.targets import compute_targets
from tests.domain.logged import logged

MONDAY = dt.date(2026, 11, 2)
SINGLE = "single-leg-curl"
WEEK = RunningWeek.parse("tue=key,thu=easy,sun=long")


def profile() -> Profile:
    return Profile(
        name="Ana",
        units=Units.KG,
        body_mass=60.0,
        equipment=frozenset({"standing-curl-machine", "towel"}),
        week=WEEK,
        sessions=2,
        per_session=2,
        nordic_experienced=False,
    )


def leg_set(day: dt.date, side: Side, reps: int, load: float, n: int) -> LoggedSet:
    return logged(SINGLE, day, n, reps, load, side=side)


def test_the_strong_leg_is_not_held_to_the_weak_legs_load() -> None:
    day = MONDAY + dt.timedelta(days=1)
    sets = [leg_set(day, Side.LEFT, 12, 20.0, n) for n in (1, 2, 3)]
    sets += [leg_set(day, Side.RIGHT, 10, 20.0, n) for n in (1, 2, 3)]
    targets = compute_targets(profile(), sets, [], MONDAY + dt.timedelta(days=7))
    assert targets.side_loads[SINGLE] == {Side.LEFT: 22.5, Side.RIGHT: 20.0}
    assert targets.load_for(SINGLE, Side.LEFT) == 22.5
    assert targets.load_for(SINGLE, Side.RIGHT) == 20.0
    reason = targets.reason_for(SINGLE, Side.LEFT)
    assert reason is not None and "reached 12" in reason
    # The plan carries both loads; the one `load` is the lighter leg's, never more.
    request = PlanRequest(
        equipment=frozenset({"standing-curl-machine"}),
        week=WEEK,
        start=MONDAY + dt.timedelta(days=7),
        loads=targets.loads,
        side_loads=targets.side_loads,
    )
    planned = [e for s in build_plan(request).sessions() for e in s.exercises if e.slug == SINGLE]
    assert planned
    for e in planned:
        assert e.load_on(Side.LEFT) == 22.5 and e.load_on(Side.RIGHT) == 20.0
        assert e.load == 20.0


leg_sessions = st.lists(
    st.tuples(
        st.integers(0, 20),  # day offset
        st.lists(st.integers(6, 14), min_size=1, max_size=4),  # reps of each set
        st.sampled_from([15.0, 17.5, 20.0, 22.5, 25.0]),
    ),
    max_size=6,
)


def _sets(side: Side, sessions: list[tuple[int, list[int], float]]) -> list[LoggedSet]:
    out = []
    for offset, reps, load in sessions:
        day = MONDAY + dt.timedelta(days=offset)
        out += [leg_set(day, side, r, load, n) for n, r in enumerate(reps, start=1)]
    return out


@given(left=leg_sessions, right=leg_sessions, other_right=leg_sessions)
def test_a_legs_target_depends_only_on_that_legs_sets(
    left: list[tuple[int, list[int], float]],
    right: list[tuple[int, list[int], float]],
    other_right: list[tuple[int, list[int], float]],
) -> None:
    """Whatever the other leg did, a leg's next load is the same, and it is what that leg's
    sets alone give. A break (no session for 14+ days) is the athlete's, judged on every
    session: the comparison holds between histories that agree on it."""
    on = MONDAY + dt.timedelta(days=22)
    lefts = _sets(Side.LEFT, left)
    one = compute_targets(profile(), lefts + _sets(Side.RIGHT, right), [], on)
    two = compute_targets(profile(), lefts + _sets(Side.RIGHT, other_right), [], on)
    alone = compute_targets(profile(), lefts, [], on)
    for other in (two, alone):
        if other.break_note == one.break_note:
            assert other.side_loads[SINGLE][Side.LEFT] == one.side_loads[SINGLE][Side.LEFT]
    assert one.loads[SINGLE] == min(one.side_loads[SINGLE].values())


def test_the_floor_curls_single_leg_rung_is_prescribed_per_leg() -> None:
    floor = CATALOGUE.get("floor-curl")
    assert prescribe(floor, variant="towel", stance="single").per_side
    assert not prescribe(floor, variant="towel", stance="two-up-one-down").per_side


def test_the_single_leg_rung_needs_both_legs_done() -> None:
    ladder = floor_ladder(["towel"])
    single = ladder[-1]
    assert single.stance == "single"
    one_leg = FloorSession(single, (12, 12, 12), hips_up=True, sides=(Side.LEFT,) * 3)
    both = FloorSession(single, (12,) * 6, hips_up=True, sides=(Side.LEFT,) * 3 + (Side.RIGHT,) * 3)
    assert "mastered" not in floor_ladder_rung(ladder, [one_leg])[1]
    assert "mastered" in floor_ladder_rung(ladder, [both])[1]
    short_right = FloorSession(
        single, (12, 12, 12, 12, 12), hips_up=True, sides=(Side.LEFT,) * 3 + (Side.RIGHT,) * 2
    )
    assert "mastered" not in floor_ladder_rung(ladder, [short_right])[1]


floor_sessions = st.lists(
    st.tuples(
        st.integers(0, 3),  # the rung the session was done on
        st.lists(st.integers(6, 14), min_size=1, max_size=5),
        st.sampled_from([True, False, None]),
    ),
    max_size=10,
)


@given(history=floor_sessions)
def test_the_ladder_climbs_only_after_a_full_session_logged_hips_up(
    history: list[tuple[int, list[int], bool | None]],
) -> None:
    """Replayed session by session, the rung goes above the one a session was done on only
    when that session was 3 x 12 and said "hips up"; no other session moves it up."""
    ladder = floor_ladder(["towel", "sliders"])
    sessions: list[FloorSession] = []
    for rung, reps, hips in history:
        done = FloorSession(ladder[rung], tuple(reps), hips_up=hips)
        sessions.append(done)
        index, _ = floor_ladder_rung(ladder, sessions)
        earned = hips is True and len(reps) >= 3 and min(reps) >= 12
        if index > rung:
            assert earned, (reps, hips)
            assert index == rung + 1
        if earned and rung < len(ladder) - 1:
            assert index == rung + 1


def test_unsaid_hips_keep_the_rung_and_say_why() -> None:
    ladder = floor_ladder(["towel", "sliders"])
    rung, reason = floor_ladder_rung(ladder, [FloorSession(ladder[0], (12, 12, 12))])
    assert rung == 0
    assert "hips were not logged as kept up" in reason


def test_targets_read_hips_up_from_the_logged_floor_sets() -> None:
    day = MONDAY + dt.timedelta(days=1)

    def floor(n: int, hips: bool | None, kind: SetKind = SetKind.WORKING) -> LoggedSet:
        return logged(
            "floor-curl", day, n, 12, variant="towel", stance="both", kind=kind, hips_up=hips
        )

    on = MONDAY + dt.timedelta(days=3)
    said = compute_targets(profile(), [floor(n, True) for n in (1, 2, 3)], [], on)
    assert said.floor_rung == Rung("towel", "two-up-one-down")
    unsaid = compute_targets(profile(), [floor(1, True), floor(2, None), floor(3, True)], [], on)
    assert unsaid.floor_rung == Rung("towel", "both")
    # A warm-up without the answer is not the session's work: it does not hold the rung.
    warm = [floor(9, None, SetKind.WARMUP), *(floor(n, True) for n in (1, 2, 3))]
    assert compute_targets(profile(), warm, [], on).floor_rung == Rung("towel", "two-up-one-down")
