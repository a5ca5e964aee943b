"""Imported runs: stored once, and the plan follows them week by week (use-cases on the in-memory unit of work)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from icalendar import Calendar, Event

from hamcoach.domain.model import RunningWeek
from hamcoach.domain.run_summary import RunImport
from hamcoach.domain.runs import Run
from hamcoach.integrations.runs_import import parse_runs
from hamcoach.services import runs as run_service
from hamcoach.services.training import plan_for, today_session
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY, WEEK

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
WEEK2 = MONDAY + dt.timedelta(days=7)  # Monday 9 November 2026


def _calendar(runs: list[tuple[dt.date, str, int]]) -> bytes:
    """A coach's plan as a calendar app writes it (icalendar), timed in Berlin."""
    cal = Calendar()
    cal.add("prodid", "-//test//coach//EN")
    cal.add("version", "2.0")
    for day, title, minutes in runs:
        event = Event()
        start = dt.datetime.combine(day, dt.time(7, 0), tzinfo=BERLIN)
        event.add("uid", f"{day.isoformat()}-{title}@coach")
        event.add("summary", title)
        event.add("dtstamp", dt.datetime(2026, 10, 1, tzinfo=dt.UTC))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=minutes))
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


# Week 2 as the coach planned it: the key session moved from Tuesday to Wednesday.
WEEK2_RUNS = [
    (WEEK2 + dt.timedelta(days=1), "Easy run", 40),
    (WEEK2 + dt.timedelta(days=2), "Intervals 6x800m", 60),
    (WEEK2 + dt.timedelta(days=3), "Easy run", 45),
    (WEEK2 + dt.timedelta(days=5), "Easy run", 40),
    (WEEK2 + dt.timedelta(days=6), "Long run 22 km", 120),
]


def _import(uow: FakeUnitOfWork, athlete: int, data: bytes, name: str) -> RunImport:
    found = parse_runs(data, name=name, tz="UTC")
    return run_service.import_runs(
        uow, athlete, found.runs, name=name, kind=found.kind, skipped=found.skipped
    )


def _days(uow: FakeUnitOfWork, athlete: int, week: int) -> list[str]:
    view = plan_for(uow, athlete, MONDAY, weeks=2)
    return [s.date.strftime("%a") for s in view.plan.weeks[week - 1].sessions]


def test_a_key_run_imported_on_wednesday_keeps_tuesday_free(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    # The profile's week has the key run on Tuesday: sessions fall on Tuesday (after it).
    assert "Tue" in _days(uow, athlete, 2)

    result = _import(uow, athlete, _calendar(WEEK2_RUNS), "coach.ics")
    assert (len(result.stored), len(result.duplicates)) == (5, 0)

    week2 = _days(uow, athlete, 2)
    assert "Tue" not in week2  # the day before the key run stays free
    assert "Sat" not in week2  # the day before the long run too
    assert _days(uow, athlete, 1) == ["Tue", "Fri"]  # week 1 has no imported runs
    view = plan_for(uow, athlete, MONDAY, weeks=2)
    reasons = " ".join(r for s in view.plan.weeks[1].sessions for r in s.reasons)
    assert "key" in reasons


def test_today_follows_imported_runs(uow: FakeUnitOfWork, athlete: int) -> None:
    monday = WEEK2
    _view, before = today_session(uow, athlete, monday)
    assert before.date == monday + dt.timedelta(days=1)  # Tuesday, after the profile's key run
    _import(uow, athlete, _calendar(WEEK2_RUNS), "coach.ics")
    _view, after = today_session(uow, athlete, monday)
    assert after.date != monday + dt.timedelta(days=1)


def test_importing_the_same_file_twice_stores_nothing_new(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    data = _calendar(WEEK2_RUNS)
    _import(uow, athlete, data, "coach.ics")
    again = _import(uow, athlete, data, "coach-copy.ics")
    assert (len(again.stored), len(again.duplicates)) == (0, 5)
    with uow:
        assert uow.athlete(athlete).runs.count() == 5


def test_days_after_the_last_imported_run_keep_the_profile_week(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    # Runs recorded Monday to Wednesday of week 2 only: the rest of that week is not known yet,
    # so Sunday's long run (from the profile) still rules out a session on Saturday.
    recorded = [
        Run(
            dt.datetime.combine(WEEK2 + dt.timedelta(days=d), dt.time(6), tzinfo=dt.UTC),
            2700.0,
            7500.0,
            title,
            None,
            "fit",
            f"recorded:{d}",
        )
        for d, title in ((0, "Morning run"), (1, "Tempo run"), (2, "Morning run"))
    ]
    run_service.import_runs(uow, athlete, recorded, name="watch.fit")
    with uow:
        scope = uow.athlete(athlete)
        overrides = run_service.imported_week_overrides(scope.runs, scope.profile.get(), MONDAY, 3)
    assert set(overrides) == {2}
    assert overrides[2] == RunningWeek.parse(
        "mon=easy,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"
    )


def test_a_week_given_for_one_plan_wins_over_imported_runs(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    _import(uow, athlete, _calendar(WEEK2_RUNS), "coach.ics")
    view = plan_for(uow, athlete, MONDAY, weeks=2, changes={"week": WEEK})
    assert "Tue" in [s.date.strftime("%a") for s in view.plan.weeks[1].sessions]


def test_overview_classifies_runs_and_infers_the_typical_week(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    _import(uow, athlete, _calendar(WEEK2_RUNS), "coach.ics")
    overview = run_service.runs_overview(uow, athlete)
    types = {c.date.strftime("%a"): c.type.value for c in overview.classified()}
    assert types == {"Tue": "easy", "Wed": "key", "Thu": "easy", "Sat": "easy", "Sun": "long"}
    assert overview.typical is not None
    assert overview.typical.week.to_text() == (
        "mon=rest,tue=easy,wed=key,thu=easy,fri=rest,sat=easy,sun=long"
    )
    assert [w.monday for w in overview.weeks] == [WEEK2]


def test_very_long_calendar_ids_are_stored_hashed_and_still_deduplicated(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    run = Run(
        dt.datetime(2026, 11, 10, 7, tzinfo=dt.UTC),
        0.0,
        None,
        "Run",
        None,
        "ics",
        "ics:" + "x" * 900,
    )
    first = run_service.import_runs(uow, athlete, [run], name="a.ics")
    second = run_service.import_runs(uow, athlete, [run], name="a.ics")
    assert first.stored[0].external_id.startswith("sha256:")
    assert (len(second.stored), len(second.duplicates)) == (0, 1)
