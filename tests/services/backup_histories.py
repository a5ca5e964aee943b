"""Athlete histories for the backup tests: Hypothesis strategies for any history, and one fixed.

Shared by test_backup_roundtrip.py (export then import restores them) and test_backup_refusals.py
(damaged copies of the fixed one are refused).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek, RunType, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.progression_rules import LIMITS as PROGRESSION_LIMITS
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import LIMITS as RACE_LIMITS
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.records import LoggedSet, Measure, Measurement, SessionRecord, SetKind
from hamcoach.domain.runs import Run
from hamcoach.services.backup import AthleteBackup

NOW = dt.datetime(2026, 11, 27, 8, 0, tzinfo=dt.UTC)
ZONES = ("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

# Text as people type it: any letters, marks, emoji and line breaks; no control characters nor
# lone surrogates (domain.values refuses them everywhere: hostile_input tests that).
texts = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\t"), max_size=40
)
moments = st.datetimes(
    min_value=dt.datetime(2015, 1, 1),
    max_value=dt.datetime(2030, 12, 31),
    timezones=st.just(dt.UTC),
)
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31))
loads = st.floats(min_value=0.5, max_value=500, allow_nan=False, allow_infinity=False)


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    units = draw(st.sampled_from(list(Units)))
    low, high = (25, 250) if units is Units.KG else (55, 550)
    return Profile(
        name=draw(st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=30))
        .strip()
        .ljust(1, "x"),
        units=units,
        body_mass=draw(st.none() | st.floats(min_value=low, max_value=high)),
        increment=draw(st.none() | st.floats(min_value=0.25, max_value=25)),
        increase_pct=draw(st.none() | st.floats(min_value=2, max_value=10)),
        equipment=frozenset(
            draw(st.sets(st.sampled_from(CATALOGUE.equipment_slugs()), min_size=1))
        ),
        week=RunningWeek(
            tuple(
                draw(
                    st.sampled_from(
                        [
                            (),
                            (RunType.EASY,),
                            (RunType.KEY,),
                            (RunType.LONG,),
                            (RunType.EASY, RunType.KEY),
                        ]
                    )
                )
                for _ in range(7)
            )
        ),
        sessions=draw(st.sampled_from([1, 2, 3])),
        per_session=draw(st.sampled_from([1, 2])),
        nordic_experienced=draw(st.booleans()),
        race_dates=tuple(sorted(draw(st.sets(days, max_size=3)))),
        keep_rest_days=draw(st.booleans()),
        rest_s=draw(st.integers(30, 600)),
        timezone=draw(st.sampled_from(ZONES)),
        race_rules=draw(
            st.builds(
                RaceRules,
                **{name: st.integers(low, high) for name, (low, high, _) in RACE_LIMITS.items()},
            )
        ),
        progression_rules=draw(
            st.builds(
                ProgressionRules,
                **{
                    name: st.integers(low, high)
                    for name, (low, high, _) in PROGRESSION_LIMITS.items()
                },
            ).filter(
                lambda r: (
                    r.long_break_days > r.break_days and r.long_break_cut_pct >= r.break_cut_pct
                )
            )
        ),
    )


@st.composite
def logged_sets(draw: st.DrawFn) -> LoggedSet:
    entry = draw(st.sampled_from(CATALOGUE.exercises))
    at = draw(moments)
    low = draw(st.none() | st.integers(1, 12))
    stance = (
        draw(st.sampled_from(["both", "two-up-one-down", "single"])) if entry.variants else None
    )
    # The floor curl's single-leg rung names its leg (older sets on it may not).
    per_leg = entry.per_side or (stance == "single" and draw(st.booleans()))
    return LoggedSet(
        id=str(draw(st.uuids())),
        exercise=entry.slug,
        variant=draw(st.sampled_from([v.slug for v in entry.variants])) if entry.variants else None,
        stance=stance,
        side=draw(st.sampled_from(list(Side))) if per_leg else None,
        set_number=draw(st.integers(1, 12)),
        target_reps_min=low,
        target_reps_max=None if low is None else low + draw(st.integers(0, 4)),
        target_load=None if entry.bodyweight else draw(st.none() | loads),
        reps=draw(st.integers(1, 100)),
        load=None if entry.bodyweight else draw(loads),
        unit=draw(st.sampled_from(["kg", "lb"])),
        rir=draw(st.none() | st.integers(0, 10)),
        performed_at=at,
        session_date=at.date() + dt.timedelta(days=draw(st.integers(-1, 1))),
        note=draw(st.none() | texts),
        kind=draw(st.sampled_from(list(SetKind))),
        hips_up=draw(st.none() | st.booleans()) if entry.ladder else None,
    )


@st.composite
def measurements(draw: st.DrawFn) -> Measurement:
    """Values as the app stores them: each kind with its units, range, velocity, exercise."""
    from hamcoach.domain.assessment import UNITS, VELOCITIES, value_range

    kind = draw(st.sampled_from(sorted(UNITS)))
    unit = draw(st.sampled_from(UNITS[kind]))
    low, high = value_range(kind, unit)
    torque = kind in ("hamstring-con", "quad-con", "hamstring-ecc")
    return Measurement(
        group_id=str(draw(st.uuids())),
        kind=kind,
        side=draw(st.sampled_from([None, *Side])),
        exercise=draw(st.sampled_from(["lying-leg-curl", "seated-leg-curl"]))
        if kind == "10rm"
        else None,
        value=draw(st.floats(min_value=max(low, 0.1), max_value=high)),
        unit=unit,
        velocity_deg_s=draw(st.sampled_from(VELOCITIES)) if torque else None,
        tested_on=draw(days),
    )


runs = st.builds(
    Run,
    start=moments,
    duration_s=st.floats(min_value=0, max_value=86_400),
    distance_m=st.none() | st.floats(min_value=0, max_value=200_000),
    title=texts,
    avg_hr=st.none() | st.floats(min_value=30, max_value=230),
    source=st.sampled_from(["fit", "gpx", "tcx", "ics"]),
    external_id=st.text(min_size=1, max_size=60).filter(lambda s: "\x00" not in s)
    | st.uuids().map(lambda u: f"recorded:{u}"),
    # The type the athlete gave it on the Runs page, or none (as inferred).
    marked=st.none() | st.sampled_from([RunType.EASY, RunType.LONG, RunType.KEY]),
)


@st.composite
def histories(draw: st.DrawFn) -> AthleteBackup:
    sets = draw(st.lists(logged_sets(), max_size=25, unique_by=lambda s: s.id))
    extra_days = draw(st.sets(days, max_size=4))
    session_days = sorted({s.session_date for s in sets} | extra_days)
    sessions = tuple(
        SessionRecord(d, draw(st.none() | moments), draw(st.none() | st.just("") | texts))
        for d in session_days
    )
    soreness_days = sorted(draw(st.sets(days, max_size=4)))
    return AthleteBackup(
        profile=draw(profiles()),
        plan_start=draw(st.none() | days),
        calendar_token=draw(st.text("abcXYZ019-_", min_size=20, max_size=43)),
        sessions=sessions,
        sets=tuple(sets),
        assessments=tuple(draw(st.lists(measurements(), max_size=6))),
        soreness=tuple(
            (d, draw(st.integers(0, 10)), draw(st.none() | texts)) for d in soreness_days
        ),
        runs=tuple(draw(st.lists(runs, max_size=8, unique_by=lambda r: r.external_id))),
    )


FIXED = AthleteBackup(
    profile=Profile(
        name="Zo\u00eb \U0001f3c3",
        units=Units.LB,
        body_mass=132.27,
        increment=2.5,
        equipment=frozenset({"lying-curl-machine", "towel"}),
        week=RunningWeek.parse("tue=key,thu=easy+key,sun=long"),
        sessions=3,
        race_dates=(dt.date(2027, 4, 18),),
        timezone="Europe/Berlin",
    ),
    plan_start=dt.date(2026, 11, 2),
    calendar_token="tok-123_abc-XYZ-456_def-789_ghij",
    sessions=(SessionRecord(dt.date(2026, 11, 3), NOW, ""),),
    sets=(
        LoggedSet(
            "6f1c2d8e-8f5b-4a34-9c3c-2f8f4d1e0b7a",
            "lying-leg-curl",
            None,
            None,
            None,
            1,
            10,
            12,
            88.18490487,
            12,
            0.1 + 0.2,
            "lb",
            2,
            dt.datetime(2026, 11, 3, 17, 45, 12, 123456, tzinfo=dt.UTC),
            dt.date(2026, 11, 3),
            "=SUM(A1) \u2013 kept as typed",
        ),
    ),
    assessments=(
        Measurement(
            "g", Measure.NORDIC_FORCE, Side.LEFT, None, 310.25, "N", None, dt.date(2026, 11, 4)
        ),
    ),
    soreness=((dt.date(2026, 11, 4), 3, None),),
    runs=(
        Run(NOW, 2712.5, 9876.54321, "Tempo 3x10", 151.2, "fit", "recorded:20261127T080000Z"),
        # Marked long by the athlete, though its title names a workout; a UID with a slash.
        Run(
            NOW + dt.timedelta(days=2),
            6300.0,
            None,
            "Race pace 2x5 km",
            None,
            "ics",
            "ics:coach/2026-11-29@plan",
            RunType.LONG,
        ),
    ),
)
