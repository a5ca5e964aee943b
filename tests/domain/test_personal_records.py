"""Personal records equal a brute-force maximum over the logged history, and a set is announced
as a record exactly when it beats every earlier set of its kind (issue 11, item 4)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.model import Side
from hamcoach.domain.personal_records import RecordKind, bests, describe, events
from hamcoach.domain.profile import LB_PER_KG, Units
from hamcoach.domain.records import LoggedSet, Measure, Measurement, SetKind

DAY0 = dt.date(2026, 9, 1)
EXERCISES = ("lying-leg-curl", "single-leg-curl", "nordic-curl")


@st.composite
def a_set(draw: st.DrawFn) -> LoggedSet:
    exercise = draw(st.sampled_from(EXERCISES))
    loaded = exercise != "nordic-curl"
    unit = draw(st.sampled_from(["kg", "lb"]))
    load = draw(st.sampled_from([0.001, 10.0, 20.0, 22.5, 40.0, 45.0])) if loaded else None
    day = DAY0 + dt.timedelta(days=draw(st.integers(0, 40)))
    return LoggedSet(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**64)))),
        exercise=exercise,
        variant=None,
        stance=None,
        side=draw(st.sampled_from([Side.LEFT, Side.RIGHT]))
        if exercise == "single-leg-curl"
        else None,
        set_number=draw(st.integers(1, 6)),
        target_reps_min=10,
        target_reps_max=12,
        target_load=load,
        reps=draw(st.integers(1, 20)),
        load=load,
        unit=unit,
        rir=None,
        performed_at=dt.datetime.combine(day, dt.time(18, draw(st.integers(0, 59))), dt.UTC),
        session_date=day,
        kind=draw(st.sampled_from(list(SetKind))),
    )


histories = st.lists(a_set(), max_size=40, unique_by=lambda s: s.id)


def _exact_kg(s: LoggedSet) -> float:
    assert s.load is not None
    return s.load if s.unit == "kg" else s.load / LB_PER_KG


def _kg(s: LoggedSet) -> float:
    return round(_exact_kg(s), 2)


def _e1rm(s: LoggedSet) -> float:
    """Epley on the exact load (a tiny load rounds to 0 kg; its e1RM must not)."""
    kg = _exact_kg(s)
    return round(kg if s.reps == 1 else kg * (1 + s.reps / 30), 2)


def _brute(sets: Sequence[LoggedSet]) -> dict[tuple[str, str, str, float], float]:
    """Every best by hand: (kind, exercise, leg, load) -> value, from working and failure sets."""
    out: dict[tuple[str, str, str, float], float] = {}

    def keep(key: tuple[str, str, str, float], value: float) -> None:
        out[key] = max(out.get(key, value), value)

    for s in sets:
        if s.kind not in (SetKind.WORKING, SetKind.FAILURE):
            continue
        leg = s.side.value if s.side else ""
        if s.load is None:
            keep(("most-reps", s.exercise, leg, 0.0), s.reps)
            continue
        kg = _kg(s)
        keep(("most-reps-at-load", s.exercise, leg, kg), s.reps)
        if s.reps >= 10:
            keep(("heaviest-10-plus", s.exercise, leg, 0.0), kg)
        if s.reps <= 12:
            keep(("best-e1rm", s.exercise, leg, 0.0), _e1rm(s))
    return out


@settings(max_examples=200, deadline=None)
@given(histories)
def test_the_records_are_the_maximum_over_the_history(sets: list[LoggedSet]) -> None:
    found = bests(sets)
    got = {(r.key.kind.value, r.key.exercise, r.key.side, r.key.load_kg): r.value for r in found}
    assert got == _brute(sets)
    by_id = {s.id: s for s in sets}
    for r in found:
        holder = by_id[r.set_id or ""]
        assert holder.kind.counts_as_work and holder.exercise == r.key.exercise
        assert r.on == holder.session_date


def _value(s: LoggedSet, kind: str) -> float | None:
    if s.load is None:
        return float(s.reps) if kind == "most-reps" else None
    if kind == "heaviest-10-plus":
        return _kg(s) if s.reps >= 10 else None
    if kind == "best-e1rm":
        return None if s.reps > 12 else _e1rm(s)
    return None


@settings(max_examples=200, deadline=None)
@given(histories)
def test_a_set_is_a_record_when_it_beats_every_earlier_one(sets: list[LoggedSet]) -> None:
    announced = events(sets)
    # The log's own order: time, then set number, then id (sets logged in the same minute).
    work = sorted(
        (s for s in sets if s.kind.counts_as_work),
        key=lambda s: (s.performed_at, s.set_number, s.id),
    )
    for i, s in enumerate(work):
        leg = s.side.value if s.side else ""
        kinds = {r.key.kind.value for r in announced.get(s.id, ())}
        for kind in ("heaviest-10-plus", "best-e1rm", "most-reps"):
            mine = _value(s, kind)
            earlier = [
                v
                for e in work[:i]
                if e.exercise == s.exercise and (e.side.value if e.side else "") == leg
                for v in [_value(e, kind)]
                if v is not None
            ]
            expected = mine is not None and bool(earlier) and mine > max(earlier)
            assert (kind in kinds) == expected, (kind, s, earlier)
        if s.load is not None:
            same_load = [
                e.reps
                for e in work[:i]
                if e.exercise == s.exercise
                and (e.side.value if e.side else "") == leg
                and e.load is not None
                and _kg(e) == _kg(s)
            ]
            expected = bool(same_load) and s.reps > max(same_load)
            assert ("most-reps-at-load" in kinds) == expected
    # Warm-ups and drop sets never set a record.
    assert all(by.kind.counts_as_work for by in sets if by.id in announced)


def test_the_best_break_angle_comes_from_the_tests() -> None:
    def test(day: int, value: float) -> Measurement:
        return Measurement(
            f"g{day}",
            Measure.BREAK_ANGLE,
            None,
            "nordic-curl",
            value,
            "deg",
            None,
            DAY0 + dt.timedelta(days=day),
        )

    [record] = bests([], [test(0, 40.0), test(7, 52.5), test(14, 48.0)])
    assert record.key.kind is RecordKind.BREAK_ANGLE and record.value == 52.5
    assert record.on == DAY0 + dt.timedelta(days=7)
    assert describe(record, Units.KG, "Nordic curl") == "Nordic curl: best break-point angle, 52.5°"


def test_a_record_is_told_in_the_athletes_unit() -> None:
    s = LoggedSet(
        "00000000-0000-4000-8000-000000000001",
        "lying-leg-curl",
        None,
        None,
        None,
        1,
        10,
        12,
        40.0,
        10,
        40.0,
        "kg",
        None,
        dt.datetime(2026, 9, 1, 18, tzinfo=dt.UTC),
        DAY0,
    )
    heaviest = next(r for r in bests([s]) if r.key.kind is RecordKind.HEAVIEST)
    assert (
        describe(heaviest, Units.KG, "Lying leg curl")
        == "Lying leg curl: heaviest for 10+ reps, 40 kg"
    )
    assert describe(heaviest, Units.LB, "Lying leg curl").endswith("88.18 lb")


def test_two_sets_in_one_second_are_ordered_by_their_number() -> None:
    """A heavier second set logged within the same second as the first is the record, whatever
    the two random ids are (times are stored to the second)."""
    at = dt.datetime(2026, 9, 1, 18, 0, 5, tzinfo=dt.UTC)
    for first_id, second_id in (("b", "a"), ("a", "b")):
        one = LoggedSet(
            f"0000000{first_id}-0000-4000-8000-000000000001",
            "seated-leg-curl",
            None,
            None,
            None,
            1,
            10,
            12,
            27.5,
            12,
            27.5,
            "kg",
            None,
            at,
            DAY0,
        )
        two = replace(
            one, id=f"0000000{second_id}-0000-4000-8000-000000000002", set_number=2, load=30.0
        )
        announced = events([two, one])
        assert two.id in announced and one.id not in announced
