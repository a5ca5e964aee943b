"""One contract, three implementations: the fake unit of work (tests/fakes.py) must behave as the
real one on SQLite and PostgreSQL, or the use-case tests that run on it prove nothing.

Each test takes `make`, a factory of units of work over one empty database, and only uses the
ports (`hamcoach.services.ports`), as a use-case would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from hamcoach.domain.errors import NoProfile
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, Measure, Measurement, SessionRecord
from hamcoach.domain.runs import Run
from tests.storage.conftest import Make

BERLIN = dt.timezone(dt.timedelta(hours=1))
DAY = dt.date(2026, 11, 3)


def _two_athletes(make: Make) -> tuple[int, int]:
    with make() as uow:
        ana = uow.athletes.add(
            Profile(name="Ana", units=Units.LB, race_dates=(DAY, DAY.replace(day=1)))
        )
        ben = uow.athletes.add(Profile(name="Ben"))
        uow.commit()
    return ana, ben


def a_set(set_id: str, at: dt.datetime, number: int = 1, **kw: object) -> LoggedSet:
    fields: dict[str, object] = {
        "id": set_id,
        "exercise": "lying-leg-curl",
        "variant": None,
        "stance": None,
        "side": None,
        "set_number": number,
        "target_reps_min": 10,
        "target_reps_max": 12,
        "target_load": 40.0,
        "reps": 11,
        "load": 42.5,
        "unit": "kg",
        "rir": 2,
        "performed_at": at,
        "session_date": at.date(),
        "note": None,
    }
    fields.update(kw)
    return LoggedSet(**fields)  # type: ignore[arg-type]


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), BERLIN)


def ids(found: list[LoggedSet]) -> list[str]:
    return [s.id for s in found]


def test_only_committed_work_is_kept(make: Make) -> None:
    with make() as uow:
        uow.athletes.add(Profile(name="Ana"))
    with make() as uow:
        assert uow.athletes.first_id() is None
        ana = uow.athletes.add(Profile(name="Ana"))
        uow.commit()
        uow.athlete(ana).profile.save(Profile(name="Changed after the commit"))
    with make() as uow:
        assert uow.athletes.ids() == [ana]
        assert uow.athlete(ana).profile.get().name == "Ana"


def test_profile_plan_start_and_calendar_token(make: Make) -> None:
    ana, ben = _two_athletes(make)
    with make() as uow:
        me = uow.athlete(ana).profile
        assert me.get().race_dates == (DAY.replace(day=1), DAY)  # stored in date order
        assert me.plan_start() is None
        me.set_plan_start(DAY)
        token = me.calendar_token()
        assert token and token == me.calendar_token() != uow.athlete(ben).profile.calendar_token()
        assert uow.athletes.by_calendar_token(token) == ana
        assert uow.athletes.by_calendar_token("") is None
        me.set_calendar_token("rotated")
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).profile.plan_start() == DAY
        assert uow.athletes.by_calendar_token(token) is None
        assert uow.athletes.by_calendar_token("rotated") == ana
        with pytest.raises(NoProfile):
            uow.athlete(ben + 1).profile.get()


def test_sets_are_scoped_stored_once_and_dated_by_their_session(make: Make) -> None:
    ana, ben = _two_athletes(make)
    with make() as uow:
        scope = uow.athlete(ana)
        session = scope.sessions.id_for(DAY)
        assert scope.sessions.id_for(DAY) == session
        # The session's date wins over the record's; times come back in UTC.
        odd = a_set("a1", at(18), session_date=DAY + dt.timedelta(days=5))
        assert scope.sets.add(odd, session)
        assert not scope.sets.add(a_set("a1", at(19)), session)
        assert not uow.athlete(ben).sets.add(a_set("a1", at(19)), session)
        uow.commit()
    with make() as uow:
        got = uow.athlete(ana).sets.get("a1")
        assert got == a_set("a1", at(18).astimezone(dt.UTC))
        assert got is not None and got.performed_at.tzinfo == dt.UTC
        other = uow.athlete(ben).sets
        assert (other.get("a1"), other.all(), other.count()) == (None, [], 0)
        assert other.owner_of("a1") == ana and other.owner_of("nope") is None
        assert not other.update("a1", 1, 1.0, None) and not other.delete("a1")
        assert uow.athlete(ana).sets.count() == 1


def test_batched_lookups_and_inserts_answer_as_one_at_a_time(make: Make) -> None:
    """The set writer's batch calls (owners, known sessions, a session's head, one insert for
    many) give what the single calls give, ids already stored skipped."""
    ana, ben = _two_athletes(make)
    later = DAY + dt.timedelta(days=1)
    with make() as uow:
        scope = uow.athlete(ana)
        first = scope.sessions.id_for(DAY)
        assert scope.sessions.known_ids({DAY, later}) == {DAY: first}
        assert uow.athlete(ben).sessions.known_ids({DAY}) == {}
        assert scope.sets.add(a_set("x1", at(7), 1), first)
        batch = [
            (a_set("x1", at(8), 9), first),  # stored already: skipped
            (a_set("x2", at(8), 2), first),
            (a_set("x3", at(9), 1, side="left", exercise="single-leg-curl"), first),
        ]
        assert scope.sets.add_many(batch) == {"x2", "x3"}
        assert scope.sets.add_many([]) == set()
        assert scope.sets.owners_of(["x1", "x3", "nope"]) == {"x1": ana, "x3": ana}
        assert uow.athlete(ben).sets.owners_of(["x2"]) == {"x2": ana}  # ids are global
        assert scope.sets.owners_of([]) == {}
        for exercise, side in (
            ("lying-leg-curl", None),
            ("single-leg-curl", "left"),
            ("single-leg-curl", "right"),
        ):
            assert scope.sets.head(first, exercise, side) == (
                scope.sets.first_in_session(first, exercise, side),
                scope.sets.last_number(first, exercise, side),
            )
        assert scope.sets.head(first, "lying-leg-curl", None)[1] == 2
        uow.commit()
    with make() as uow:
        stored = uow.athlete(ana).sets.get("x1")
        assert stored is not None and stored.set_number == 1  # the skipped copy changed nothing


def test_set_queries_order_filter_and_page_alike(make: Make) -> None:
    ana, _ = _two_athletes(make)
    later = DAY + dt.timedelta(days=2)
    with make() as uow:
        sets = uow.athlete(ana).sets
        first, second = (
            uow.athlete(ana).sessions.id_for(DAY),
            uow.athlete(ana).sessions.id_for(later),
        )
        sets.add(a_set("b", at(18), 2), first)
        sets.add(a_set("a", at(18), 1), first)  # same time: set number, then id, orders them
        sets.add(a_set("c", at(18, 5), 1, side="left", exercise="single-leg-curl"), first)
        sets.add(a_set("d", at(7, day=later), 1, note="x"), second)
        assert sets.first_in_session(first, "lying-leg-curl", None) == sets.get("a")
        assert sets.first_in_session(first, "single-leg-curl", "right") is None
        assert sets.last_number(first, "lying-leg-curl", None) == 2
        assert sets.last_number(first, "single-leg-curl", "left") == 1
        assert sets.last_number(second, "nordic-curl", None) == 0
        uow.commit()
    with make() as uow:
        sets = uow.athlete(ana).sets
        assert ids(sets.all()) == ["a", "b", "c", "d"]
        assert ids(sets.all(exercise="lying-leg-curl")) == ["a", "b", "d"]
        assert ids(sets.all(since=later)) == ["d"] and ids(sets.all(until=DAY)) == ["a", "b", "c"]
        assert ids(sets.all(newest_first=True, limit=3)) == ["d", "c", "b"]
        assert ids(sets.all(newest_first=True, before=(at(18).astimezone(dt.UTC), "b"))) == ["a"]
        assert sets.update("a", 12, None, "edited") and sets.delete("b")
        assert not sets.delete("b")
        uow.commit()
    with make() as uow:
        sets = uow.athlete(ana).sets
        edited = sets.get("a")
        assert edited is not None and (edited.reps, edited.load, edited.note) == (
            12,
            None,
            "edited",
        )
        assert ids(sets.all()) == ["a", "c", "d"] and sets.count() == 3


def test_sessions_finish_restore_and_page_dates(make: Make) -> None:
    ana, _ = _two_athletes(make)
    empty, used = DAY - dt.timedelta(days=7), DAY
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert not sessions.finish(DAY, at(20), "no session yet")
        uow.athlete(ana).sets.add(a_set("s1", at(18)), sessions.id_for(used))
        sessions.id_for(empty)
        assert sessions.finish(used, at(20), "good")
        assert sessions.finish(used, at(21), None)  # no note: the first one stays
        sessions.restore(SessionRecord(DAY + dt.timedelta(days=1), None, ""))
        uow.commit()
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert sessions.all(since=DAY) == [
            SessionRecord(used, at(21).astimezone(dt.UTC), "good"),
            SessionRecord(DAY + dt.timedelta(days=1), None, ""),
        ]
        assert sessions.all()[0].date == empty
        assert sessions.dates_with_sets(None, 10) == [used]
        assert sessions.dates_with_sets(used, 10) == []
        assert sessions.dates_with_sets(None, 10, "lying-leg-curl") == [used]
        assert sessions.dates_with_sets(None, 10, "nordic-curl") == []


def test_tests_runs_and_soreness(make: Make) -> None:
    ana, ben = _two_athletes(make)
    late = Measurement("g2", Measure.NORDIC_FORCE, Side.LEFT, None, 320.0, "N", None, DAY)
    early = [
        Measurement(
            "g1", Measure.HAMSTRING_CON, Side.RIGHT, None, 120.0, "Nm", 60, DAY.replace(day=1)
        ),
        Measurement("g1", Measure.QUAD_CON, Side.RIGHT, None, 200.0, "Nm", 60, DAY.replace(day=1)),
    ]

    def run(external_id: str, hour: int) -> Run:
        return Run(at(hour), 2700.0, 9000.0, "Easy", None, "fit", external_id)

    with make() as uow:
        me = uow.athlete(ana)
        me.assessments.add([late])
        me.assessments.add(early)
        assert me.runs.add(run("r2", 9)) and me.runs.add(run("r1", 7))
        assert not me.runs.add(run("r1", 8))
        assert uow.athlete(ben).runs.add(run("r1", 7))  # another athlete's: fine
        me.soreness.record(DAY, 3, "calves")
        me.soreness.record(DAY, 4, None)
        me.soreness.record(DAY.replace(day=1), 1, None)
        uow.commit()
    with make() as uow:
        me = uow.athlete(ana)
        assert me.assessments.all() == [*early, late]
        assert me.assessments.all("quad-con") == [early[1]]
        assert [r.external_id for r in me.runs.all()] == ["r1", "r2"]
        assert me.runs.all(since=at(8), until=at(10)) == [run("r2", 9)]
        assert me.runs.all()[0].start.tzinfo == dt.UTC
        assert me.runs.known_ids({"r1", "r3"}) == {"r1"} and me.runs.count() == 2
        assert me.soreness.all() == [(DAY.replace(day=1), 1, None), (DAY, 4, None)]


def test_deleting_an_athlete_removes_all_of_theirs_only(make: Make) -> None:
    ana, ben = _two_athletes(make)
    with make() as uow:
        for athlete in (ana, ben):
            scope = uow.athlete(athlete)
            scope.sets.add(a_set(f"set-{athlete}", at(18)), scope.sessions.id_for(DAY))
            scope.runs.add(Run(at(7), 60.0, None, "Run", None, "fit", "r"))
            scope.soreness.record(DAY, 2, None)
            scope.assessments.add(
                [Measurement("g", Measure.TEN_RM, None, "lying-leg-curl", 50, "kg", None, DAY)]
            )
        uow.commit()
    with make() as uow:
        uow.athlete(ana).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        assert uow.athletes.ids() == [ben]
        gone, kept = uow.athlete(ana), uow.athlete(ben)
        assert gone.sets.count() == gone.runs.count() == 0
        assert gone.soreness.all() == []
        assert gone.assessments.all() == []
        assert gone.sets.owner_of(f"set-{ana}") is None
        assert (kept.sets.count(), kept.runs.count(), len(kept.soreness.all())) == (1, 1, 1)


def _planned(day: dt.date) -> PlannedSession:
    """A session as a plan makes it, with every field a snapshot keeps (loads per leg, a
    variant and its stance, a note, reasons)."""
    return PlannedSession(
        day,
        (
            PlannedExercise(
                "single-leg-curl",
                None,
                3,
                10,
                12,
                True,
                90,
                20.0,
                side_loads=((Side.LEFT, 22.5), (Side.RIGHT, 20.0)),
            ),
            PlannedExercise(
                "floor-curl", "towel", 2, 8, 12, False, 60, None, "single", "hips up \u2764"
            ),
        ),
        ("tue: after the key run", "floor-curl: the single-leg rung"),
    )


def test_sessions_begin_skip_and_keep_the_plan_they_began_with(make: Make) -> None:
    ana, ben = _two_athletes(make)
    first, second, third = DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)
    planned = _planned(first)
    lighter = replace(planned, exercises=planned.exercises[:1], reasons=("sore",))
    utc = dt.UTC
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert sessions.get(first) is None
        assert sessions.start(first, at(18), planned)
        assert not sessions.start(first, at(19), lighter)  # begun: it keeps its plan
        assert sessions.get(first) == SessionRecord(
            first, None, None, at(18).astimezone(utc), None, planned
        )
        # Chosen again before any set: the plan changes, the start stays.
        assert sessions.start(first, at(19), lighter, again=True)
        sessions.skip(second, at(20, day=second))
        assert sessions.start(third, at(7, day=third), None)  # begun with nothing planned
        uow.commit()
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert sessions.get(first) == SessionRecord(
            first, None, None, at(18).astimezone(utc), None, lighter
        )
        got = sessions.get(first)
        assert got is not None and got.started_at is not None and got.started_at.tzinfo == utc
        assert sessions.get(second) == SessionRecord(
            second, None, None, None, at(20, day=second).astimezone(utc), None
        )
        assert sessions.get(third) == SessionRecord(
            third, None, None, at(7, day=third).astimezone(utc), None, None
        )
        # Only begun sessions with a plan, inside the dates asked for.
        week = DAY + dt.timedelta(days=6)
        assert sessions.started(first, week) == {first: lighter}
        assert sessions.started(second, week) == {}
        assert sessions.started(first, first) == {first: lighter}
        others = uow.athlete(ben).sessions
        assert others.get(first) is None and others.started(first, week) == {}
        # Beginning a skipped session takes the skip back; skipping a begun one keeps its plan.
        assert sessions.start(second, at(21, day=second), _planned(second))
        sessions.skip(first, at(22))
        uow.commit()
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert sessions.get(second) == SessionRecord(
            second, None, None, at(21, day=second).astimezone(utc), None, _planned(second)
        )
        assert sessions.get(first) == SessionRecord(
            first, None, None, at(18).astimezone(utc), at(22).astimezone(utc), lighter
        )
        assert sessions.started(first, third) == {first: lighter, second: _planned(second)}
        assert sessions.finish(first, at(23), "done")
        assert [(r.date, r.started_at is not None, r.planned) for r in sessions.all()] == [
            (first, True, lighter),
            (second, True, _planned(second)),
            (third, True, None),
        ]
        sessions.start(DAY + dt.timedelta(days=3), at(8), planned)  # not committed
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        assert sessions.get(DAY + dt.timedelta(days=3)) is None
        finished = sessions.get(first)
        assert finished is not None and finished.finished_at is None  # that was not committed


def test_restore_keeps_a_sessions_start_skip_and_plan(make: Make) -> None:
    ana, _ = _two_athletes(make)
    later = DAY + dt.timedelta(days=3)
    kept = SessionRecord(
        later, at(19, day=later), "note", at(18, day=later), at(20, day=later), _planned(later)
    )
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        sessions.restore(kept)
        sessions.restore(SessionRecord(DAY, None, None))
        uow.commit()
    with make() as uow:
        sessions = uow.athlete(ana).sessions
        utc = dt.UTC
        assert sessions.all() == [
            SessionRecord(DAY, None, None),
            SessionRecord(
                later,
                at(19, day=later).astimezone(utc),
                "note",
                at(18, day=later).astimezone(utc),
                at(20, day=later).astimezone(utc),
                _planned(later),
            ),
        ]
        assert sessions.started(DAY, later) == {later: _planned(later)}
