"""The roster's stored rows on SQLite and PostgreSQL (storage/repositories/roster_rows.py and
the revision bump in `UnitOfWork.commit`): a stored row is used only while nothing was written
for the athlete and only on the local day it was computed for; after every kind of write the
roster shows what a fresh computation shows; every writing repository method bumps the
revision (a new one without `@writes` fails here)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hamcoach.config import Settings
from hamcoach.domain.assessment import BreakAngleEntry
from hamcoach.domain.programme import Choice, Kind, Setting
from hamcoach.domain.set_rules import SetInput
from hamcoach.services import assessments, profile, sets, soreness
from hamcoach.services import roster as roster_service
from hamcoach.services.coaching import accept_invitation, invite
from hamcoach.services.programme import change_programme
from hamcoach.services.roster import athlete_row, refresh_stale, roster
from hamcoach.services.set_logging import log_sets
from hamcoach.storage.repositories import scope as scope_module
from hamcoach.storage.store import Store, open_store
from tests.dbs import database
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)  # a Wednesday
TODAY = NOW.date()
# What changes a repository's rows: an ORM add, an INSERT, UPDATE or DELETE statement, or a
# loaded row's attribute set (`row.note = ...`, `row.a, row.b = ...`; `self.x = ` is no row).
# (A method call such as `found.update(` is no statement: no dot before the name.)
_WRITES = re.compile(
    r"\._s\.add\(|(?<![\w.])(insert|update|delete)\(|insert_ignoring_conflicts|_insert\("
    r"|(?m:^\s+(?!self\.)[a-z_]\w*\.\w+(?:\s*,\s*[a-z_]\w*\.\w+)*\s*=(?!=))"
)

# Writes the roster row does not show: the calendar feed's secret URL.
_NOT_ON_THE_ROSTER = {"ProfileRepository.calendar_token", "ProfileRepository.set_calendar_token"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database(request.param, tmp_path) as url:
        s = open_store(Settings(url, tmp_path))
        try:
            yield s
        finally:
            s.close()


def _revision(store: Store, athlete: int) -> int:
    with store.uow() as uow:
        return uow.coaching.roster.read([athlete])[athlete].revision


def _linked(store: Store) -> tuple[int, int]:
    uow = store.uow()
    cora = coach_account(uow, "cora")  # type: ignore[arg-type]
    account, ana = athlete_account(uow, "ana")  # type: ignore[arg-type]
    accept_invitation(uow, invite(uow, cora, NOW)[0], account, NOW)
    return cora, ana


def _live(store: Store, athlete: int, now: dt.datetime = NOW) -> object:
    with store.uow() as uow:
        return athlete_row(uow.athlete(athlete), now)


def test_every_writing_repository_method_is_marked() -> None:
    unmarked = []
    for name, cls in inspect.getmembers(scope_module, inspect.isclass):
        if not name.endswith("Repository") or name == "CommentRepository":
            continue  # comments are counted apart (new comments), not in the stored row
        for method_name, method in inspect.getmembers(cls, inspect.isfunction):
            if method_name.startswith("_"):
                continue
            source = inspect.getsource(inspect.unwrap(method))
            if f"{name}.{method_name}" in _NOT_ON_THE_ROSTER:
                continue
            if _WRITES.search(source) and not getattr(method, "writes", False):
                unmarked.append(f"{name}.{method_name}")
    assert unmarked == []


def test_a_stored_row_serves_until_a_write_or_a_new_day(store: Store) -> None:
    cora, ana = _linked(store)
    [first] = roster(store.uow(), cora, NOW)
    with store.uow() as uow:
        kept = uow.coaching.roster.read([ana])[ana]
    assert kept.fresh(TODAY) == first.row and kept.row_revision == kept.revision
    assert kept.fresh(TODAY + dt.timedelta(days=1)) is None  # another day: computed again
    [again] = roster(store.uow(), cora, NOW)
    assert again.row == first.row
    before = _revision(store, ana)
    soreness.check_in(store.uow(), ana, TODAY, 7, None, TODAY)
    assert _revision(store, ana) == before + 1  # one bump per commit
    with store.uow() as uow:
        assert uow.coaching.roster.read([ana])[ana].fresh(TODAY) is None
    [after] = roster(store.uow(), cora, NOW)
    assert after.row.soreness == (TODAY, 7) and after.row == _live(store, ana)
    tomorrow = NOW + dt.timedelta(days=1)
    [later] = roster(store.uow(), cora, tomorrow)
    assert later.row == _live(store, ana, tomorrow)
    with store.uow() as uow:
        assert uow.coaching.roster.read([ana])[ana].computed_on == TODAY + dt.timedelta(days=1)


def test_after_every_kind_of_write_the_roster_is_what_a_fresh_computation_says(
    store: Store,
) -> None:
    cora, ana = _linked(store)
    yesterday = NOW - dt.timedelta(days=1)

    def logged() -> str:
        item = SetInput("floor-curl", 10, None, "towel", performed_on=yesterday.date())
        new_id = "7d1f1c1e-5a7e-4c1b-9f3e-0a1b2c3d4e5f"
        outcome = log_sets(store.uow(), ana, [(new_id, item, yesterday)], NOW)
        return outcome.stored[0].id

    set_id = ""

    def log() -> None:
        nonlocal set_id
        set_id = logged()

    writes = [
        ("log a set", log),
        ("edit it", lambda: sets.edit_set(store.uow(), ana, set_id, 12, None, None, TODAY)),
        ("test", lambda: assessments.record(store.uow(), ana, BreakAngleEntry(40), TODAY, TODAY)),
        ("soreness", lambda: soreness.check_in(store.uow(), ana, TODAY, 3, None, TODAY)),
        (
            "programme",
            lambda: change_programme(
                store.uow(),
                cora,
                [ana],
                Setting(Kind.RACE, Choice.ADD),
                TODAY + dt.timedelta(days=20),
                NOW,
            ),
        ),
        ("delete the set", lambda: sets.delete_set(store.uow(), ana, set_id)),
    ]
    seen = set()
    for what, write in writes:
        roster(store.uow(), cora, NOW)  # stored before the write
        before = _revision(store, ana)
        write()
        assert _revision(store, ana) > before, what
        [entry] = roster(store.uow(), cora, NOW)
        assert entry.row == _live(store, ana), what
        seen.add(repr(entry.row))
    assert len(seen) >= 4  # the writes did change what the roster shows


def test_a_profile_change_reaches_the_stored_name_and_row(store: Store) -> None:
    cora, ana = _linked(store)
    roster(store.uow(), cora, NOW)
    with store.uow() as uow:
        current = uow.athlete(ana).profile.get()
    renamed = dataclasses.replace(current, name="Ana Lind", sessions=3)
    profile.save_profile(store.uow(), renamed, TODAY, athlete_id=ana)
    [entry] = roster(store.uow(), cora, NOW)
    assert entry.name == "Ana Lind" and entry.row == _live(store, ana)


def test_a_row_computed_before_a_write_landed_is_not_kept_as_fresh(store: Store) -> None:
    cora, ana = _linked(store)
    with store.uow() as uow:
        revision = uow.coaching.roster.read([ana])[ana].revision
        row = athlete_row(uow.athlete(ana), NOW)
    soreness.check_in(store.uow(), ana, TODAY, 9, None, TODAY)  # lands meanwhile
    with store.uow() as uow:
        uow.coaching.roster.put(ana, revision, TODAY, row)  # the slow reader stores late
        uow.commit()
    [entry] = roster(store.uow(), cora, NOW)
    assert entry.row.soreness == (TODAY, 9)


def test_the_background_refresh_computes_what_no_longer_holds_and_only_that(
    store: Store,
) -> None:
    cora, ana = _linked(store)
    assert refresh_stale(store.uow(), NOW) == 1  # never computed
    assert refresh_stale(store.uow(), NOW) == 0  # holds
    soreness.check_in(store.uow(), ana, TODAY, 4, None, TODAY)
    assert refresh_stale(store.uow(), NOW) == 1  # written since
    tomorrow = NOW + dt.timedelta(days=1)
    assert refresh_stale(store.uow(), tomorrow, limit=0) == 0  # a batch of none
    assert refresh_stale(store.uow(), tomorrow) == 1  # a new day
    with store.uow() as uow:
        kept = uow.coaching.roster.read([ana])[ana]
    assert kept.fresh(TODAY + dt.timedelta(days=1)) == _live(store, ana, tomorrow)
    [entry] = roster(store.uow(), cora, tomorrow)
    assert entry.row == kept.row


def test_an_athlete_whose_row_fails_does_not_stop_the_others_refresh(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cora, ana = _linked(store)
    uow = store.uow()
    account, ben = athlete_account(uow, "ben")  # type: ignore[arg-type]
    accept_invitation(uow, invite(uow, cora, NOW)[0], account, NOW)
    real = roster_service.athlete_row

    def failing(scope: Any, now: dt.datetime) -> Any:
        if scope.profile.get().name == "Ana":
            raise ValueError("a row that cannot be computed")
        return real(scope, now)

    monkeypatch.setattr(roster_service, "athlete_row", failing)
    assert refresh_stale(store.uow(), NOW) == 2  # both tried
    assert "roster row of athlete" in caplog.text
    with store.uow() as uow:
        kept = uow.coaching.roster.read([ana, ben])
    assert kept[ana].fresh(TODAY) is None  # still to compute: tried again next round
    assert kept[ben].fresh(TODAY) == _live(store, ben)
