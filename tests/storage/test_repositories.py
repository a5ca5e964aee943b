"""Repositories on real SQLite and PostgreSQL: round-trips and athlete scoping."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, Measure, Measurement
from hamcoach.storage.store import open_store

PROFILE = Profile(
    name="Ana",
    units=Units.LB,
    body_mass=130.0,
    equipment=frozenset({"partner", "towel"}),
    week=RunningWeek.parse("tue=key,sun=long"),
    sessions=3,
    race_dates=(dt.date(2027, 4, 18),),
    timezone="Europe/Berlin",
)


def a_set(set_id: str, day: dt.date, at: dt.datetime) -> LoggedSet:
    return LoggedSet(
        id=set_id,
        exercise="lying-leg-curl",
        variant=None,
        stance=None,
        side=None,
        set_number=1,
        target_reps_min=10,
        target_reps_max=12,
        target_load=40.0,
        reps=11,
        load=42.5,
        unit="kg",
        rir=2,
        performed_at=at,
        session_date=day,
        note="felt good",
    )


def test_profile_round_trip(db_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(db_url, tmp_path))
    with store.uow() as uow:
        athlete_id = uow.athletes.add(PROFILE)
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(athlete_id).profile.get() == PROFILE
    store.close()


def test_sets_round_trip_with_time_zone_and_scope(db_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(db_url, tmp_path))
    with store.uow() as uow:
        ana = uow.athletes.add(PROFILE)
        ben = uow.athletes.add(Profile(name="Ben"))
        uow.commit()
    at = dt.datetime(2026, 11, 24, 18, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    day = dt.date(2026, 11, 24)
    set_id = str(uuid.uuid4())
    with store.uow() as uow:
        scope = uow.athlete(ana)
        scope.sets.add(a_set(set_id, day, at), scope.sessions.id_for(day))
        uow.commit()
    with store.uow() as uow:
        got = uow.athlete(ana).sets.get(set_id)
        assert got == a_set(set_id, day, at.astimezone(dt.UTC))
        assert got is not None and got.performed_at == at
        # Ben sees nothing of Ana's, and cannot change or delete it.
        other = uow.athlete(ben)
        assert other.sets.get(set_id) is None
        assert other.sets.all() == []
        assert other.sets.owner_of(set_id) == ana
        assert not other.sets.delete(set_id)
        assert not other.sets.update(set_id, 1, 1.0, None)
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(ana).sets.count() == 1
    store.close()


def test_uncommitted_work_is_rolled_back(db_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(db_url, tmp_path))
    with store.uow() as uow:
        uow.athletes.add(PROFILE)
    with store.uow() as uow:
        assert uow.athletes.first_id() is None
    store.close()


def test_test_values_and_soreness(db_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(db_url, tmp_path))
    with store.uow() as uow:
        ana = uow.athletes.add(PROFILE)
        value = Measurement(
            "g1", Measure.NORDIC_FORCE, Side.LEFT, None, 310.0, "N", None, dt.date(2026, 11, 1)
        )
        uow.athlete(ana).assessments.add([value])
        uow.athlete(ana).soreness.record(dt.date(2026, 11, 2), 3, "calves")
        uow.athlete(ana).soreness.record(dt.date(2026, 11, 2), 4, None)
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(ana).assessments.all() == [value]
        assert uow.athlete(ana).soreness.all() == [(dt.date(2026, 11, 2), 4, None)]
    store.close()


def test_adding_a_stored_id_again_reports_it_and_keeps_one_row(db_url: str, tmp_path: Path) -> None:
    store = open_store(Settings(db_url, tmp_path))
    at = dt.datetime(2026, 11, 24, 18, tzinfo=dt.UTC)
    day = at.date()
    set_id = str(uuid.uuid4())
    with store.uow() as uow:
        ana = uow.athletes.add(PROFILE)
        scope = uow.athlete(ana)
        session = scope.sessions.id_for(day)
        assert scope.sessions.id_for(day) == session
        assert scope.sets.add(a_set(set_id, day, at), session) is True
        assert scope.sets.add(a_set(set_id, day, at), session) is False
        uow.commit()
    with store.uow() as uow:
        assert uow.athlete(ana).sets.count() == 1
    store.close()
