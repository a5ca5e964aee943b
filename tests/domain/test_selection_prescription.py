from __future__ import annotations

import pytest

from hamcoach.domain import CATALOGUE, InvalidInput, select_week
from hamcoach.domain.prescription import nordic_ramp_step, prescribe
from hamcoach.domain.selection import SelectionSettings, feasible_exercises

GYM = frozenset({"lying-curl-machine", "seated-curl-machine", "nordic-bench", "towel"})


def pick(equipment: frozenset[str], sessions: int = 2, **kw: object) -> list[list[str]]:
    settings = SelectionSettings(**kw)  # type: ignore[arg-type]
    picks, _ = select_week(
        feasible_exercises(CATALOGUE, equipment),
        equipment,
        sessions=sessions,
        settings=settings,
        nordic_allowed=[True] * sessions,
        nordic_max_sessions=None,
    )
    return [[p.exercise.slug for p in s.picks] for s in picks]


def test_nordic_at_least_once_a_week_and_paired_with_a_hip_flexed_curl() -> None:
    week = pick(GYM)
    assert any("nordic-curl" in s for s in week)
    first = week[0]
    assert set(first) == {"nordic-curl", "seated-leg-curl"}


def test_sessions_rotate_when_alternatives_exist() -> None:
    week = pick(GYM, sessions=3)
    assert len({frozenset(s) for s in week}) > 1
    assert all(len(s) == 2 and len(set(s)) == 2 for s in week)


def test_asymmetry_on_record_brings_in_the_single_leg_curl() -> None:
    week = pick(GYM, asymmetry_pct=18.0)
    assert all("single-leg-curl" in s for s in week)
    assert not any("single-leg-curl" in s for s in pick(GYM, asymmetry_pct=10.0)[:1])


def test_one_exercise_per_session_when_asked() -> None:
    assert all(len(s) == 1 for s in pick(GYM, per_session=1))


def test_only_one_feasible_exercise_gives_one_per_session_and_a_warning() -> None:
    towel = frozenset({"towel"})
    picks, warnings = select_week(
        feasible_exercises(CATALOGUE, towel),
        towel,
        sessions=2,
        settings=SelectionSettings(per_session=2),
        nordic_allowed=[True, True],
        nordic_max_sessions=None,
    )
    assert [[p.exercise.slug for p in s.picks] for s in picks] == [["floor-curl"]] * 2
    assert picks[0].picks[0].variant == "towel"
    assert "only one exercise" in warnings[0]


def test_no_feasible_exercise_is_refused_with_advice() -> None:
    with pytest.raises(InvalidInput, match="towel"):
        feasible_exercises(CATALOGUE, frozenset({"mat"}))


def test_nordic_limits_respected() -> None:
    equipment = frozenset({"partner", "towel"})
    picks, _ = select_week(
        feasible_exercises(CATALOGUE, equipment),
        equipment,
        sessions=3,
        settings=SelectionSettings(),
        nordic_allowed=[False, True, True],
        nordic_max_sessions=1,
    )
    with_nordic = [
        i for i, s in enumerate(picks) if any(p.exercise.slug == "nordic-curl" for p in s.picks)
    ]
    assert with_nordic == [1]


def test_nordic_ramp_steps() -> None:
    steps = [
        (s.sets, s.reps_min, s.reps_max, s.max_sessions) for s in map(nordic_ramp_step, range(1, 7))
    ]
    assert steps == [
        (2, 5, 5, 1),
        (2, 6, 6, 2),
        (3, 6, 8, None),
        (3, 8, 10, None),
        (3, 10, 12, None),
        (3, 10, 12, None),
    ]


def test_prescribe_uses_the_seed_dose_and_the_ramp() -> None:
    nordic = CATALOGUE.get("nordic-curl")
    assert (
        prescribe(nordic, nordic_ramp_week=1).sets,
        prescribe(nordic, nordic_ramp_week=1).reps_max,
    ) == (2, 5)
    full = prescribe(nordic, nordic_ramp_week=None)
    assert (full.sets, full.reps_min, full.reps_max, full.note) == (3, 10, 12, None)
    single = prescribe(CATALOGUE.get("single-leg-curl"), load=20.0, sets_delta=-1, rest_s=120)
    assert (single.per_side, single.load, single.sets, single.rest_s) == (True, 20.0, 2, 120)


def test_single_leg_curl_on_a_seated_machine_counts_as_hips_bent() -> None:
    from hamcoach.domain.catalogue import HipPosition
    from hamcoach.domain.selection import hip_position

    single = CATALOGUE.get("single-leg-curl")
    assert hip_position(single, frozenset({"seated-curl-machine"})) is HipPosition.FLEXED
    assert hip_position(single, frozenset({"seated-curl-machine", "standing-curl-machine"})) is (
        HipPosition.EXTENDED
    )
    week = pick(frozenset({"seated-curl-machine", "nordic-bench", "towel"}))
    assert week[1] == ["single-leg-curl", "floor-curl"]  # bent + straight, not two seated curls
