"""Progression reads the working sets only (issue 10, item 6)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.domain.targets import compute_targets

DAY = dt.date(2026, 11, 2)
NEXT = DAY + dt.timedelta(days=3)
MACHINE = Profile("A", Units.KG, equipment=frozenset({"lying-curl-machine"}))


def _set(n: int, reps: int, load: float, kind: SetKind = SetKind.WORKING) -> LoggedSet:
    at = dt.datetime.combine(DAY, dt.time(18, n), dt.UTC)
    return LoggedSet(
        f"s{n}",
        "lying-leg-curl",
        None,
        None,
        None,
        n,
        10,
        12,
        40.0,
        reps,
        load,
        "kg",
        None,
        at,
        DAY,
        None,
        kind,
    )


def _next(sets: list[LoggedSet]) -> tuple[float, str]:
    targets = compute_targets(MACHINE, sets, [], NEXT)
    return targets.loads["lying-leg-curl"], targets.reasons["lying-leg-curl"]


def test_a_warm_up_does_not_set_the_working_load() -> None:
    sets = [_set(1, 12, 30.0, SetKind.WARMUP), *(_set(n, 12, 40.0) for n in (2, 3, 4))]
    assert _next(sets)[0] == 42.5  # not 32.5 from the warm-up's 30 kg


def test_a_drop_set_does_not_spoil_a_session_that_reached_the_top() -> None:
    sets = [_set(1, 12, 40.0), _set(2, 12, 40.0), _set(3, 12, 35.0, SetKind.DROP)]
    load, reason = _next(sets)
    assert load == 42.5 and reason == "all working sets reached 12 reps at 40"


working = st.lists(
    st.tuples(st.integers(6, 14), st.sampled_from([35.0, 40.0])), min_size=2, max_size=4
)
extras = st.lists(
    st.tuples(
        st.sampled_from([SetKind.WARMUP, SetKind.DROP]),
        st.integers(1, 20),
        st.sampled_from([10.0, 20.0, 30.0, 50.0]),
    ),
    max_size=3,
)


@given(work=working, extra=extras)
def test_warm_ups_and_drop_sets_never_change_the_next_target(
    work: list[tuple[int, float]], extra: list[tuple[SetKind, int, float]]
) -> None:
    plain = [_set(i + 1, reps, load) for i, (reps, load) in enumerate(work)]
    others = [_set(10 + i, reps, load, kind) for i, (kind, reps, load) in enumerate(extra)]
    assert _next(plain + others) == _next(plain)


def test_set_kinds_parse_from_what_people_type() -> None:
    assert SetKind.parse(None) is SetKind.WORKING
    assert SetKind.parse(" Warmup ") is SetKind.WARMUP
    assert SetKind.FAILURE.counts_as_work and not SetKind.DROP.counts_as_work
