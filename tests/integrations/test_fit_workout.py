"""FIT workout files: encoded with Garmin's SDK, checked with two independent decoders."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, cast

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import (
    CATALOGUE,
    InvalidInput,
    PlannedExercise,
    PlannedSession,
    PlanRequest,
    RunningWeek,
    build_plan,
)
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.fit_workout import (
    KG_PER_LB,
    encode_session,
    encode_week,
    fit_code,
    read_week,
)

DAY = dt.date(2026, 3, 3)
CREATED = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
GYM = frozenset(
    {"lying-curl-machine", "seated-curl-machine", "nordic-bench", "towel", "standing-curl-machine"}
)


def sdk_decode(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Garmin's decoder: the file is FIT, intact, and reads without errors."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return cast(dict[str, list[dict[str, Any]]], messages)


def fitdecode_steps(data: bytes) -> list[dict[str, Any]]:
    """fitdecode with CRC checks raising: an independent reading of the same bytes."""
    found: list[tuple[str, dict[str, Any]]] = []
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.append((frame.name, {f.name: f.value for f in frame.fields}))
    assert [name for name, _ in found[:2]] == ["file_id", "workout"]
    assert found[0][1]["type"] == "workout"
    return [fields for name, fields in found if name == "workout_step"]


def performed(steps: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Run the workout as a watch would: follow repeat steps, list each step done."""
    done: list[tuple[Any, ...]] = []
    rounds: dict[int, int] = {}
    i = 0
    while i < len(steps):
        step = steps[i]
        assert step["message_index"] == i
        if step["duration_type"] == "repeat_until_steps_cmplt":
            back, total = step["duration_step"], step["repeat_steps"]
            assert back < i
            assert total >= 2
            rounds[i] = rounds.get(i, 1) + 1
            if rounds[i] <= total:
                i = back
                continue
            rounds[i] = 1
        elif step["intensity"] == "rest":
            assert step["duration_type"] == "time"
            done.append(("rest", step["duration_time"]))
        else:
            assert step["duration_type"] == "reps"
            weight = step.get("exercise_weight")
            done.append(
                (
                    step["wkt_step_name"],
                    step["exercise_category"],
                    step["exercise_name"],
                    step["duration_reps"],
                    None if weight is None else round(weight, 2),
                    step.get("weight_display_unit"),
                )
            )
        i += 1
    return done


def expected(session: PlannedSession, unit: str) -> list[tuple[Any, ...]]:
    """Each set (each side), with a rest after every set but the session's last."""
    done: list[tuple[Any, ...]] = []
    for ex in session.exercises:
        code = fit_code(ex)
        kg = None if ex.load is None else round(ex.load * (KG_PER_LB if unit == "lb" else 1), 2)
        display = None if kg is None else ("pound" if unit == "lb" else "kilogram")
        sides = (" (left)", " (right)") if ex.per_side else ("",)
        for _ in range(ex.sets):
            for side in sides:
                done.append(
                    (
                        code.step_name + side,
                        code.category_name,
                        code.name,
                        ex.reps_max,
                        kg,
                        display,
                    )
                )
            done.append(("rest", float(ex.rest_s)))
    return done[:-1]


def check_round_trip(session: PlannedSession, unit: str = "kg") -> dict[str, Any]:
    data = encode_session(session, unit=unit, created=CREATED)
    messages = sdk_decode(data)
    steps = messages["workout_step_mesgs"]
    assert messages["workout_mesgs"][0]["num_valid_steps"] == len(steps)
    assert messages["workout_mesgs"][0]["sport"] == "training"
    assert messages["workout_mesgs"][0]["sub_sport"] == "strength_training"
    assert performed(steps) == expected(session, unit)
    # fitdecode reads the same steps (names, categories, reps, repeats).
    other = fitdecode_steps(data)
    assert performed(other) == expected(session, unit)
    return messages


def ex(slug: str, **kw: Any) -> PlannedExercise:
    entry = CATALOGUE.get(slug)
    base: dict[str, Any] = {
        "slug": slug,
        "variant": None,
        "sets": 3,
        "reps_min": 10,
        "reps_max": 12,
        "per_side": entry.per_side,
        "rest_s": 90,
    }
    base.update(kw)
    return PlannedExercise(**base)


def test_session_steps_match_the_plan() -> None:
    session = PlannedSession(
        DAY,
        (ex("nordic-curl", sets=2, reps_min=5, reps_max=5), ex("seated-leg-curl", load=40)),
        (),
    )
    messages = check_round_trip(session)
    steps = messages["workout_step_mesgs"]
    assert steps[0]["wkt_step_name"] == "Nordic hamstring curl"
    assert (steps[0]["exercise_category"], steps[0]["exercise_name"]) == ("leg_curl", 0)
    assert steps[0]["duration_value"] == 5  # written as the main field, read back as reps
    assert steps[1]["duration_value"] == 90_000  # rest in milliseconds
    assert steps[2]["duration_type"] == "repeat_until_steps_cmplt"
    assert (steps[2]["duration_step"], steps[2]["repeat_steps"]) == (0, 2)
    assert steps[3]["exercise_weight"] == 40
    assert steps[3]["weight_display_unit"] == "kilogram"
    assert "10-12 reps at 40 kg" in steps[3]["notes"]
    assert messages["workout_mesgs"][0]["wkt_name"] == "Hamstrings 2026-03-03"
    titles = {t["wkt_step_name"] for t in messages["exercise_title_mesgs"]}
    assert titles == {"Nordic hamstring curl", "Seated leg curl"}


def test_pounds_are_written_in_kg_and_shown_in_pounds() -> None:
    session = PlannedSession(DAY, (ex("lying-leg-curl", load=100),), ())
    steps = check_round_trip(session, unit="lb")["workout_step_mesgs"]
    assert steps[0]["exercise_weight"] == pytest.approx(45.36)
    assert steps[0]["weight_display_unit"] == "pound"


def test_per_side_exercises_have_a_step_per_side() -> None:
    session = PlannedSession(DAY, (ex("single-leg-curl", load=20), ex("nordic-curl")), ())
    steps = check_round_trip(session)["workout_step_mesgs"]
    assert [s.get("wkt_step_name") for s in steps[:3]] == [
        "Single-leg curl (left)",
        "Single-leg curl (right)",
        "Rest",
    ]


def test_floor_curl_variants_and_stances() -> None:
    cases = {
        ("towel", "both"): ("leg_curl", 6),
        ("sliders", "single"): ("leg_curl", 5),
        ("stability-ball", "both"): ("leg_curl", 10),
        ("stability-ball", "single"): ("hip_raise", 43),
    }
    for (variant, stance), code in cases.items():
        session = PlannedSession(DAY, (ex("floor-curl", variant=variant, stance=stance),), ())
        steps = check_round_trip(session)["workout_step_mesgs"]
        assert (steps[0]["exercise_category"], steps[0]["exercise_name"]) == code


def test_shared_codes_get_no_misleading_title() -> None:
    # Lying and seated curls are both weighted_leg_curl: only the step names tell them apart.
    session = PlannedSession(DAY, (ex("lying-leg-curl"), ex("seated-leg-curl")), ())
    messages = check_round_trip(session)
    assert "exercise_title_mesgs" not in messages


def test_single_set_and_no_repeat_when_it_would_not_save_steps() -> None:
    session = PlannedSession(DAY, (ex("nordic-curl", sets=1), ex("lying-leg-curl", sets=2)), ())
    steps = check_round_trip(session)["workout_step_mesgs"]
    kinds = [s["duration_type"] for s in steps]
    assert kinds == ["reps", "time", "reps", "time", "reps"]


def test_a_whole_plan_encodes_and_zips_one_file_per_session() -> None:
    plan = build_plan(
        PlanRequest(
            GYM,
            RunningWeek.parse("tue=key,thu=easy,sun=long"),
            dt.date(2026, 3, 2),
            weeks=6,
            sessions=3,
            loads={"seated-leg-curl": 40, "lying-leg-curl": 35, "single-leg-curl": 15},
            asymmetry_pct=20,
        )
    )
    sessions = list(plan.sessions())
    for session in sessions:
        check_round_trip(session)
    files = read_week(encode_week(plan.weeks[0].sessions, created=CREATED))
    assert sorted(files) == [f"hamstrings-{s.date.isoformat()}.fit" for s in plan.weeks[0].sessions]
    for data in files.values():
        sdk_decode(data)
    # Two sessions on one day keep both files.
    twice = encode_week([sessions[0], sessions[0]], created=CREATED)
    assert len(read_week(twice)) == 2


def test_files_of_different_sessions_are_told_apart() -> None:
    a = PlannedSession(DAY, (ex("nordic-curl"),), ())
    b = PlannedSession(DAY + dt.timedelta(days=2), (ex("nordic-curl"),), ())
    serial = [
        sdk_decode(encode_session(s, created=CREATED))["file_id_mesgs"][0]["serial_number"]
        for s in (a, b)
    ]
    assert serial[0] != serial[1]
    assert encode_session(a, created=CREATED) == encode_session(a, created=CREATED)


def test_refused_input() -> None:
    session = PlannedSession(DAY, (ex("seated-leg-curl", load=40),), ())
    with pytest.raises(InvalidInput, match="unit"):
        encode_session(session, unit="stone")
    with pytest.raises(InvalidInput, match="more than a FIT workout can hold"):
        encode_session(PlannedSession(DAY, (ex("seated-leg-curl", load=700),), ()))
    with pytest.raises(InvalidInput, match="no exercises"):
        encode_session(PlannedSession(DAY, (), ()))
    with pytest.raises(InvalidInput, match="reps"):
        encode_session(PlannedSession(DAY, (ex("nordic-curl", reps_min=8, reps_max=6),), ()))
    with pytest.raises(InvalidInput, match="time zone"):
        encode_session(session, created=dt.datetime(2026, 1, 1))
    with pytest.raises(InvalidInput, match="no sessions"):
        encode_week([])
    with pytest.raises(BadFile, match=r"workouts\.zip: not a readable zip"):
        read_week(b"not a zip")


def test_odd_names_are_cleaned() -> None:
    session = PlannedSession(DAY, (ex("nordic-curl"),), ())
    name = "Ischio\x00 \u00e9t\u00e9 " + "x" * 300
    messages = sdk_decode(encode_session(session, name=name, created=CREATED))
    wkt_name = messages["workout_mesgs"][0]["wkt_name"]
    assert wkt_name.startswith("Ischio \u00e9t\u00e9 x")
    assert len(wkt_name.encode("utf-8")) <= 60


# --- property: any session from the catalogue round-trips ---------------------------------------


@st.composite
def planned_exercise(draw: st.DrawFn) -> PlannedExercise:
    entry = draw(st.sampled_from(CATALOGUE.exercises))
    variant = draw(st.sampled_from([v.slug for v in entry.variants])) if entry.variants else None
    stance = draw(st.sampled_from(["both", "two-up-one-down", "single"])) if variant else None
    reps_min = draw(st.integers(1, 20))
    load = None
    if not entry.bodyweight or draw(st.booleans()):
        load = draw(st.one_of(st.none(), st.floats(0, 300).map(lambda x: round(x, 1))))
    return PlannedExercise(
        slug=entry.slug,
        variant=variant,
        sets=draw(st.integers(1, 6)),
        reps_min=reps_min,
        reps_max=reps_min + draw(st.integers(0, 4)),
        per_side=entry.per_side,
        rest_s=draw(st.integers(30, 600)),
        load=load,
        stance=stance,
        note=draw(st.one_of(st.none(), st.text(max_size=30))),
    )


@given(
    st.lists(planned_exercise(), min_size=1, max_size=3),
    st.sampled_from(["kg", "lb"]),
    st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31)),
)
def test_random_sessions_round_trip(
    exercises: list[PlannedExercise], unit: str, day: dt.date
) -> None:
    check_round_trip(PlannedSession(day, tuple(exercises), ()), unit)


# --- the reference file -------------------------------------------------------------------------


def test_reference_repeat_steps_read_like_ours(shared: Path) -> None:
    """Garmin's example: A, then (B1, B2) three times, then C - the reading `performed` uses."""
    path = shared / "data" / "real-files" / "WorkoutRepeatSteps.fit"
    data = path.read_bytes()
    messages = sdk_decode(data)
    steps = messages["workout_step_mesgs"]
    repeat = steps[3]
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    # duration_value is the index to loop back to; target_value the number of rounds.
    assert (repeat["duration_value"], repeat["duration_step"]) == (1, 1)
    assert (repeat["target_value"], repeat["repeat_steps"]) == (3, 3)
    names: list[str] = []
    i, rounds = 0, 1
    while i < len(steps):
        step = steps[i]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            if rounds < step["repeat_steps"]:
                rounds, i = rounds + 1, step["duration_step"]
                continue
        else:
            names.append(step["wkt_step_name"])
        i += 1
    assert names == ["_A_", "B1_", "B2_", "B1_", "B2_", "B1_", "B2_", "_C_"]
    # fitdecode agrees on the sub-fields our own repeat steps are read through.
    other = fitdecode_steps(data)
    assert (other[3]["duration_step"], other[3]["repeat_steps"]) == (1, 3)
    # Our repeat steps carry the same fields as the reference.
    ours = sdk_decode(
        encode_session(PlannedSession(DAY, (ex("nordic-curl"), ex("nordic-curl")), ()))
    )["workout_step_mesgs"]
    mine = next(s for s in ours if s["duration_type"] == "repeat_until_steps_cmplt")
    assert {"duration_value", "target_value", "duration_step", "repeat_steps"} <= set(mine)
