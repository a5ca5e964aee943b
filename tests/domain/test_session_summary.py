"""The summary of a finished session counts its working sets only; over generated sessions the
totals equal the sums over those sets."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.profile import Units
from hamcoach.domain.records import SetKind
from hamcoach.domain.session_summary import summarize
from tests.domain.logged import logged

DAY = dt.date(2026, 11, 3)
sets = st.lists(
    st.tuples(
        st.integers(1, 20), st.sampled_from([20.0, 32.5, 40.0]), st.sampled_from(list(SetKind))
    ),
    min_size=1,
    max_size=12,
)


@given(done=sets)
def test_the_totals_are_the_working_sets(done: list[tuple[int, float, SetKind]]) -> None:
    logged_sets = [
        logged("lying-leg-curl", DAY, n, reps, load, kind=kind)
        for n, (reps, load, kind) in enumerate(done, start=1)
    ]
    summary = summarize(logged_sets, None, Units.KG)
    work = [(r, w) for r, w, k in done if k.counts_as_work]
    assert summary.sets == len(work)
    assert summary.reps == sum(r for r, _ in work)
    assert summary.volume == round(sum(r * w for r, w in work), 1)
    assert summary.minutes == len(done) - 1  # a set a minute (tests/domain/logged.py)
    in_lb = summarize(logged_sets, None, Units.LB)
    assert abs(in_lb.volume - summary.volume * 2.20462262) <= 0.1 + summary.volume * 1e-9
    if work:
        [exercise] = in_lb.exercises
        assert exercise.reps == tuple(r for r, _ in work)
        assert exercise.top_load == round(max(w for _, w in work) * 2.20462262, 2)
    else:
        assert summary.exercises == ()


def test_each_exercise_is_held_against_its_target() -> None:
    from hamcoach.domain.model import PlannedExercise, PlannedSession
    from hamcoach.views.session import exercise_line

    planned = PlannedSession(
        DAY, (PlannedExercise("lying-leg-curl", None, 3, 10, 12, False, 90, load=40.0),), ()
    )
    done = [logged("lying-leg-curl", DAY, n, reps, 40.0) for n, reps in ((1, 12), (2, 11))]
    [exercise] = summarize(done, planned, Units.KG).exercises
    assert (exercise.sets, exercise.target_sets, exercise.target_reps) == (2, 3, (10, 12))
    assert exercise_line(exercise, "kg") == (
        "Lying leg curl: 2 of 3 sets, 12, 11 reps at up to 40 kg (target 10\u201312 at 40 kg)"
    )
