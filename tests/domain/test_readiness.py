"""Issue 11, item 6: a sore athlete (6+ of 10) is offered the lighter session: one set fewer on
each exercise and no Nordic, with the reason first; over generated plans."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.planning import PlanRequest, build_plan
from hamcoach.domain.readiness import SORE_FROM, is_sore, lighter_session

MONDAY = dt.date(2026, 11, 30)


@given(
    equipment=st.sets(st.sampled_from(CATALOGUE.equipment_slugs()), min_size=1, max_size=4),
    score=st.integers(SORE_FROM, 10),
    experienced=st.booleans(),
)
def test_the_lighter_session_drops_a_set_and_the_nordic(
    equipment: set[str], score: int, experienced: bool
) -> None:
    kit = frozenset(equipment)
    if not CATALOGUE.feasible(kit):
        return
    plan = build_plan(
        PlanRequest(
            kit,
            RunningWeek.parse("tue=key,thu=easy,sun=long"),
            MONDAY,
            weeks=1,
            nordic_ramp=not experienced,
        )
    )
    for session in plan.sessions():
        light = lighter_session(session, score)
        assert all(e.slug != "nordic-curl" for e in light.exercises)
        kept = [e for e in session.exercises if e.slug != "nordic-curl"]
        assert [e.slug for e in light.exercises] == [e.slug for e in kept]
        for before, after in zip(kept, light.exercises, strict=True):
            assert after.sets == max(1, before.sets - 1)
            assert (after.reps_min, after.reps_max, after.load) == (
                before.reps_min,
                before.reps_max,
                before.load,
            )
        assert light.reasons[0].startswith(f"soreness {score}/10")
        assert light.reasons[1:] == session.reasons
        assert light.date == session.date


def test_the_threshold() -> None:
    assert not is_sore(None) and not is_sore(SORE_FROM - 1) and is_sore(SORE_FROM)
