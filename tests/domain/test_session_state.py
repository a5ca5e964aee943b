"""Where a day's session stands (domain/session_state.py) against brute force: planned sessions
from the real catalogue, logged sets of any kind, leg and day, and the session's record.

Each property re-counts from the sets themselves: only working and failure sets of that day
count, per leg for a per-leg exercise; the current exercise is the first one short of its sets;
the status follows the rules of the week view (planned, in progress, done, partly done, missed,
skipped, extra, rest).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.domain.records import LoggedSet, SessionRecord, SetKind
from hamcoach.domain.session_state import SessionState, Status, session_state
from tests.domain.logged import logged
from tests.domain.planned_sessions import SLUGS, planned_sessions

DAY = dt.date(2026, 11, 3)
WORK = (SetKind.WORKING, SetKind.FAILURE)
moments = st.none() | st.just(dt.datetime(2026, 11, 3, 19, 0, tzinfo=dt.UTC))


@dataclass(frozen=True)
class Scenario:
    date: dt.date
    planned: PlannedSession | None
    sets: tuple[LoggedSet, ...]
    record: SessionRecord | None
    today: dt.date


def _legs(e: PlannedExercise) -> tuple[Side | None, ...]:
    return (Side.LEFT, Side.RIGHT) if e.per_side else (None,)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    day = draw(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)))
    planned = draw(
        st.none()
        | planned_sessions(day, max_exercises=3, sets=st.integers(1, 3), unique=True, words=False)
    )
    specs: list[tuple[str, Side | None, SetKind, int]] = []
    # The first `filled` exercises get all their working sets (so any exercise can be current).
    exercises = planned.exercises if planned else ()
    filled = draw(st.integers(0, len(exercises)))
    for e in exercises[:filled]:
        for side in _legs(e):
            specs += [(e.slug, side, draw(st.sampled_from(WORK)), 0)] * e.sets
    # Then anything: other exercises, the wrong leg or none, warm-ups, other days.
    specs += draw(
        st.lists(
            st.tuples(
                st.sampled_from(SLUGS),
                st.sampled_from([None, Side.LEFT, Side.RIGHT]),
                st.sampled_from(list(SetKind)),
                st.sampled_from([0, 0, 0, -1, 1]),
            ),
            max_size=20,
        )
    )
    order = draw(st.permutations(range(len(specs))))
    sets = tuple(
        logged(slug, day + dt.timedelta(days=shift), n, 10, side=side, kind=kind)
        for n, (slug, side, kind, shift) in enumerate((specs[i] for i in order), start=1)
    )
    record = draw(
        st.none()
        | st.builds(
            SessionRecord,
            date=st.just(day),
            finished_at=moments,
            note=st.none(),
            started_at=moments,
            skipped_at=moments,
        )
    )
    today = day + dt.timedelta(days=draw(st.integers(-2, 2)))
    return Scenario(day, planned, sets, record, today)


def _state(s: Scenario) -> SessionState:
    return session_state(s.date, s.planned, s.sets, s.record)


def _done(s: Scenario, date: dt.date) -> list[list[int]]:
    """Working sets per exercise and leg, counted one set at a time."""
    counts: list[list[int]] = []
    for e in s.planned.exercises if s.planned else ():
        per_leg = []
        for side in _legs(e):
            n = 0
            for x in s.sets:
                if x.session_date != date or x.kind not in WORK or x.exercise != e.slug:
                    continue
                if side is None or x.side == side:
                    n += 1
            per_leg.append(n)
        counts.append(per_leg)
    return counts


def _first_short(s: Scenario, done: list[list[int]]) -> int | None:
    assert s.planned is not None or not done
    for i, per_leg in enumerate(done):
        assert s.planned is not None
        if any(n < s.planned.exercises[i].sets for n in per_leg):
            return i
    return None


@settings(max_examples=100)
@given(scenarios())
def test_done_counts_are_the_working_sets_of_the_day_per_exercise_and_leg(s: Scenario) -> None:
    state = _state(s)
    done = _done(s, state.date)
    assert [list(e.done) for e in state.exercises] == done
    exercises = s.planned.exercises if s.planned else ()
    assert [e.slug for e in state.exercises] == [e.slug for e in exercises]
    assert [e.sides for e in state.exercises] == [_legs(e) for e in exercises]
    assert [e.target_sets for e in state.exercises] == [e.sets for e in exercises]
    for e, per_leg, plan in zip(state.exercises, done, exercises, strict=True):
        assert e.sets_done == sum(per_leg)
        assert e.sets_target == plan.sets * len(per_leg)
        assert e.complete == all(n >= plan.sets for n in per_leg)
    work = [x for x in s.sets if x.session_date == state.date and x.kind in WORK]
    assert state.work_sets == len(work)
    planned_slugs = {e.slug for e in exercises}
    extras: list[str] = []
    for x in work:  # the order logged: first-logged first, each once
        if x.exercise not in planned_slugs and x.exercise not in extras:
            extras.append(x.exercise)
    assert list(state.extras) == extras


@settings(max_examples=100)
@given(scenarios())
def test_current_is_the_first_exercise_short_of_its_sets(s: Scenario) -> None:
    state = _state(s)
    expected = _first_short(s, _done(s, state.date))
    assert state.current == expected
    assert state.complete == (bool(state.exercises) and expected is None)


def _expected_status(s: Scenario, state: SessionState) -> Status:
    work = sum(1 for x in s.sets if x.session_date == state.date and x.kind in WORK)
    planned = s.planned is not None and len(s.planned.exercises) > 0
    skipped = s.record is not None and s.record.skipped_at is not None
    finished = s.record is not None and s.record.finished_at is not None
    all_reached = planned and _first_short(s, _done(s, state.date)) is None
    past = state.date < s.today
    if work == 0 and skipped:
        return Status.SKIPPED
    if work == 0 and not planned:
        return Status.REST
    if work == 0:
        return Status.MISSED if past else Status.PLANNED
    if not planned:
        return Status.EXTRA
    if all_reached:
        return Status.DONE
    return Status.PARTIAL if finished or past else Status.IN_PROGRESS


@settings(max_examples=120)
@given(scenarios())
def test_status_follows_the_rules(s: Scenario) -> None:
    state = _state(s)
    status = state.status(s.today)
    assert status == _expected_status(s, state)
    assert status.label and status.label[0].isupper()
    work = state.work_sets > 0
    reached = bool(state.exercises) and all(e.complete for e in state.exercises)
    # Each rule on its own, as the week view promises it.
    if status is Status.MISSED:
        assert state.date < s.today and not work and state.planned
    if status is Status.SKIPPED:
        assert not work and state.skipped_at is not None
    assert (status is Status.DONE) == reached
    assert (status is Status.EXTRA) == (work and not state.planned)
    if status is Status.IN_PROGRESS:
        assert work and state.date >= s.today and state.finished_at is None and not reached
    if status is Status.PLANNED:
        assert not work and state.date >= s.today and state.skipped_at is None


_PROGRESS = re.compile(
    r"^Exercise (\d+) of (\d+)(?:: (.+?))?, set (\d+) of (\d+)(?: \((left|right) leg\))?$"
)


@settings(max_examples=100)
@given(scenarios(), st.booleans())
def test_progress_text_names_the_current_exercise_and_its_next_set(
    s: Scenario, with_names: bool
) -> None:
    state = _state(s)
    names = {ex.slug: ex.short_name for ex in CATALOGUE.exercises} if with_names else None
    text = state.progress_text(names)
    n = len(s.planned.exercises) if s.planned else 0
    current = _first_short(s, _done(s, state.date))
    if n == 0:
        assert text == "Nothing planned"
        return
    if current is None:
        assert text == ("The exercise is done" if n == 1 else f"All {n} exercises done")
        return
    assert s.planned is not None
    found = _PROGRESS.match(text)
    assert found is not None, text
    number, total, name, set_number, target, leg = found.groups()
    plan = s.planned.exercises[current]
    assert (int(number), int(total), int(target)) == (current + 1, n, plan.sets)
    assert name == (CATALOGUE.get(plan.slug).short_name if with_names else None)
    per_leg = _done(s, state.date)[current]
    if plan.per_side:
        left, right = per_leg
        behind = Side.RIGHT if right < left else Side.LEFT  # left first on a tie
        assert leg == behind.value
        assert int(set_number) == min(left, right) + 1
    else:
        assert leg is None
        assert int(set_number) == per_leg[0] + 1
    assert 1 <= int(set_number) <= plan.sets


def _session(*exercises: PlannedExercise) -> PlannedSession:
    return PlannedSession(DAY, exercises, ())


def _exercise(slug: str, sets: int = 3) -> PlannedExercise:
    ex = CATALOGUE.get(slug)
    return PlannedExercise(slug, None, sets, 10, 12, ex.per_side, 90)


def test_the_second_exercise_with_no_set_yet_reads_set_1_of_3() -> None:
    planned = _session(_exercise("nordic-curl", 2), _exercise("seated-leg-curl"))
    sets = [logged("nordic-curl", DAY, n, 5) for n in (1, 2)]
    state = session_state(DAY, planned, sets)
    assert state.progress_text() == "Exercise 2 of 2, set 1 of 3"
    assert state.current == 1 and state.status(DAY) is Status.IN_PROGRESS
    names = {"seated-leg-curl": "Seated leg curl"}
    assert state.progress_text(names) == "Exercise 2 of 2: Seated leg curl, set 1 of 3"


def test_the_leg_behind_is_named_and_a_warm_up_does_not_count() -> None:
    planned = _session(_exercise("single-leg-curl"))
    sets = [
        logged("single-leg-curl", DAY, 1, 12, 20.0, side=Side.LEFT, kind=SetKind.WARMUP),
        logged("single-leg-curl", DAY, 2, 12, 20.0, side=Side.LEFT),
        logged("single-leg-curl", DAY, 3, 12, 20.0, side=Side.LEFT, kind=SetKind.FAILURE),
    ]
    state = session_state(DAY, planned, sets)
    assert state.exercises[0].done == (2, 0)
    assert state.progress_text() == "Exercise 1 of 1, set 1 of 3 (right leg)"
    more = [logged("single-leg-curl", DAY, n, 12, 20.0, side=Side.RIGHT) for n in (4, 5)]
    assert session_state(DAY, planned, sets + more).progress_text() == (
        "Exercise 1 of 1, set 3 of 3 (left leg)"  # 2 and 2: the left leg first
    )


def test_a_past_day_without_work_is_missed_and_with_some_is_partly_done() -> None:
    planned = _session(_exercise("lying-leg-curl"))
    later = DAY + dt.timedelta(days=1)
    warm_up = [logged("lying-leg-curl", DAY, 1, 12, 20.0, kind=SetKind.WARMUP)]
    assert session_state(DAY, planned, warm_up).status(later) is Status.MISSED
    assert session_state(DAY, planned, warm_up).status(DAY) is Status.PLANNED
    one = [logged("lying-leg-curl", DAY, 1, 12, 20.0)]
    assert session_state(DAY, planned, one).status(later) is Status.PARTIAL
    skipped = SessionRecord(DAY, None, None, skipped_at=dt.datetime(2026, 11, 3, 20, tzinfo=dt.UTC))
    assert session_state(DAY, planned, warm_up, skipped).status(later) is Status.SKIPPED
    # A set on another day is not this day's work.
    yesterday = [logged("lying-leg-curl", DAY - dt.timedelta(days=1), 1, 12, 20.0)]
    assert session_state(DAY, planned, yesterday).work_sets == 0
