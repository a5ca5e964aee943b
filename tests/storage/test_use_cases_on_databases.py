"""The use-cases end to end on SQLite and PostgreSQL: the flows tests/services checks on the
in-memory unit of work, once each on the real repositories, so the fake never stands in for
a database nobody ran them on.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.domain.assessment import HqEntry
from hamcoach.domain.errors import Conflict, InvalidInput, NotFound
from hamcoach.domain.profile import Profile
from hamcoach.domain.set_rules import SetInput
from hamcoach.integrations.runs_import import parse_runs
from hamcoach.integrations.strong_hevy import parse_history
from hamcoach.services import runs as run_service
from hamcoach.services.assessments import record as record_assessment
from hamcoach.services.backup import AthleteBackup, export_athlete, restore_athlete
from hamcoach.services.exports import athlete_for_calendar, calendar_token, rotate_calendar_token
from hamcoach.services.history_import import import_history
from hamcoach.services.profile import get_profile, save_profile
from hamcoach.services.reports import history, report
from hamcoach.services.set_logging import finish_session, log_sets
from hamcoach.services.sets import delete_set, edit_set, restore_set, sessions_with_sets
from hamcoach.services.soreness import check_in
from hamcoach.services.training import plan_for
from hamcoach.storage.store import Store, open_store
from tests.services.backup_histories import FIXED
from tests.services.conftest import MONDAY, runner
from tests.services.strong_hevy_exports import BERLIN, NOW, STRONG
from tests.services.test_runs_plan import WEEK2_RUNS, _calendar

TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    s = open_store(Settings(db_url, tmp_path))
    yield s
    s.close()


def at(day: dt.date, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(18, minute), dt.UTC)


def items(day: dt.date, sets: list[tuple[int, float]]) -> list[tuple[str, SetInput, dt.datetime]]:
    return [
        (str(uuid.uuid4()), SetInput("lying-leg-curl", reps, load), at(day, i))
        for i, (reps, load) in enumerate(sets)
    ]


def test_logging_progresses_is_idempotent_and_refuses_all_or_nothing(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(), MONDAY)
    first = items(TUESDAY, [(12, 40.0)] * 3)
    outcome = log_sets(store.uow(), athlete, first, at(TUESDAY, 59))
    assert outcome.next_load == 42.5
    assert plan_for(store.uow(), athlete, TUESDAY).targets.loads["lying-leg-curl"] == 42.5
    again = log_sets(store.uow(), athlete, first[:1], at(TUESDAY, 59))
    assert again.stored == () and [s.id for s in again.duplicates] == [first[0][0]]
    later = TUESDAY + dt.timedelta(days=3)
    log_sets(store.uow(), athlete, items(later, [(11, 42.5)]), at(later, 59))
    logged = history(store.uow(), athlete, "lying-leg-curl", None)
    assert len(logged) == 4 and (logged[-1].target_load, logged[-1].load) == (42.5, 42.5)

    bad = [
        *items(later, [(12, 40.0)]),
        (str(uuid.uuid4()), SetInput("nordic-curl", 5, 9.0), at(later)),
    ]
    with pytest.raises(InvalidInput, match="body-weight exercise"):
        log_sets(store.uow(), athlete, bad, at(later, 59))
    assert len(history(store.uow(), athlete, None, None)) == 4
    with store.uow() as uow:
        other = uow.athletes.add(runner(name="Ben"))
        uow.commit()
    taken = [(first[0][0], SetInput("lying-leg-curl", 10, 30.0), at(TUESDAY))]
    with pytest.raises(Conflict, match="already in use"):
        log_sets(store.uow(), other, taken, at(TUESDAY, 59))


def test_imported_runs_are_stored_once_and_shape_the_plan(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(), MONDAY)
    found = parse_runs(_calendar(WEEK2_RUNS), name="coach.ics", tz="UTC")
    first = run_service.import_runs(store.uow(), athlete, found.runs, name="coach.ics")
    again = run_service.import_runs(store.uow(), athlete, found.runs, name="coach.ics")
    assert (len(first.stored), len(again.stored), len(again.duplicates)) == (5, 0, 5)
    week2 = plan_for(store.uow(), athlete, MONDAY, weeks=2).plan.weeks[1].sessions
    assert "Tue" not in [s.date.strftime("%a") for s in week2]  # the day before the key run
    overview = run_service.runs_overview(store.uow(), athlete)
    assert overview.typical is not None
    assert overview.typical.week.to_text() == (
        "mon=rest,tue=easy,wed=key,thu=easy,fri=rest,sat=easy,sun=long"
    )


def test_history_imports_tests_and_the_report(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(timezone="Europe/Berlin"), MONDAY)
    found = parse_history(STRONG, name="strong.csv", app="strong", tz=BERLIN, unit="kg")
    stored = import_history(store.uow(), athlete, found.sets, NOW).stored
    assert [s.kind.value for s in stored] == ["warmup", "working", "working", "drop"] + [
        "working"
    ] * 2  # the kinds survive the real databases too
    assert import_history(store.uow(), athlete, found.sets, NOW).duplicates == 6
    today = MONDAY + dt.timedelta(days=10)
    record_assessment(store.uow(), athlete, HqEntry(120, 200, 180), MONDAY, today)
    check_in(store.uow(), athlete, today, 7, "tight", today)
    result = report(store.uow(), athlete, today)
    assert [(p.kind, p.ratio) for p in result.hq] == [("conventional", 0.6), ("functional", 0.9)]
    assert (result.weeks[0].planned, result.weeks[0].completed) == (2, 0)


def test_editing_sets_sessions_and_the_calendar_secret(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(), MONDAY)
    logged = log_sets(store.uow(), athlete, items(TUESDAY, [(12, 40.0)] * 2), at(TUESDAY, 59))
    one = logged.stored[0]
    assert edit_set(store.uow(), athlete, one.id, 10, 37.5, "hard", TUESDAY).reps == 10
    gone = delete_set(store.uow(), athlete, one.id)
    with pytest.raises(NotFound):
        delete_set(store.uow(), athlete, one.id)
    assert restore_set(store.uow(), athlete, gone, TUESDAY) == gone
    assert finish_session(store.uow(), athlete, TUESDAY, at(TUESDAY, 59), "done")
    page, cursor = sessions_with_sets(store.uow(), athlete, limit=5)
    assert cursor is None and [(s.date, s.note, len(s.sets)) for s in page] == [
        (TUESDAY, "done", 2)
    ]
    token = calendar_token(store.uow(), athlete)
    assert athlete_for_calendar(store.uow(), token) == athlete
    rotated = rotate_calendar_token(store.uow(), athlete)
    assert athlete_for_calendar(store.uow(), rotated) == athlete
    with pytest.raises(NotFound):
        athlete_for_calendar(store.uow(), token)


def test_a_restore_is_refused_over_an_athlete_unless_it_replaces_them(store: Store) -> None:
    restore_athlete(store.uow(), FIXED)
    ben = AthleteBackup(
        Profile(name="Ben"), None, "ben-token-xxxxxxxxxxxxxxxxxxxx", (), (), (), (), ()
    )
    with pytest.raises(Conflict, match="already holds the profile of Zo"):
        restore_athlete(store.uow(), ben)
    new_id = restore_athlete(store.uow(), ben, replace=True)
    assert get_profile(store.uow(), new_id).name == "Ben"
    assert export_athlete(store.uow(), new_id).counts() == dict.fromkeys(
        ("sessions", "sets", "tests", "soreness", "runs"), 0
    )
    with store.uow() as uow:
        assert uow.athletes.ids() == [new_id]
