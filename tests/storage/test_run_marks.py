"""`RunsPort.mark`, the type an athlete gives a run, behaves alike in the fake unit of work, on
SQLite and on PostgreSQL (the contract of tests/storage/test_uow_contract.py, for one method)."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.model import RunType
from hamcoach.domain.profile import Profile
from hamcoach.domain.runs import Run
from tests.storage.conftest import Make

START = dt.datetime(2026, 11, 3, 7, tzinfo=dt.UTC)
# A calendar UID with the characters a query must carry as they are.
ODD = "ics:coach/plan?w=45#tue 'quoted' % _"


def _run(external_id: str, marked: RunType | None = None) -> Run:
    return Run(START, 2700.0, 9000.0, "Tempo", None, "ics", external_id, marked)


def _marks(make: Make, athlete: int) -> dict[str, RunType | None]:
    with make() as uow:
        return {r.external_id: r.marked for r in uow.athlete(athlete).runs.all()}


def test_a_mark_is_stored_changed_cleared_and_kept_to_its_athlete(make: Make) -> None:
    with make() as uow:
        ana = uow.athletes.add(Profile(name="Ana"))
        ben = uow.athletes.add(Profile(name="Ben"))
        for athlete in (ana, ben):
            runs = uow.athlete(athlete).runs
            assert runs.add(_run(ODD)) and runs.add(_run("ics:other"))
        uow.commit()
    with make() as uow:
        me = uow.athlete(ana).runs
        assert me.mark(ODD, RunType.LONG)
        assert me.mark(ODD, RunType.LONG)  # the same type again still names a run
        assert not me.mark("ics:coach/plan", RunType.KEY)  # a prefix is not the id
        assert not me.mark("ics:coach/plan?w=45#tue 'quoted' _ %", RunType.KEY)  # nor a LIKE
        uow.commit()
    assert _marks(make, ana) == {ODD: RunType.LONG, "ics:other": None}
    assert _marks(make, ben) == {ODD: None, "ics:other": None}  # another athlete's run
    with make() as uow:
        assert uow.athlete(ana).runs.mark(ODD, RunType.EASY)
        assert uow.athlete(ben).runs.mark("ics:other", RunType.KEY)
        uow.commit()
    assert _marks(make, ana) == {ODD: RunType.EASY, "ics:other": None}
    with make() as uow:
        assert uow.athlete(ana).runs.mark(ODD, None)
        uow.commit()
    assert _marks(make, ana) == {ODD: None, "ics:other": None}
    assert _marks(make, ben) == {ODD: None, "ics:other": RunType.KEY}


def test_a_mark_not_committed_is_not_kept_and_a_run_stored_marked_keeps_it(make: Make) -> None:
    with make() as uow:
        ana = uow.athletes.add(Profile(name="Ana"))
        assert uow.athlete(ana).runs.add(_run("ics:restored", RunType.KEY))  # from a backup
        assert uow.athlete(ana).runs.add(_run("ics:plain"))
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).runs.mark("ics:plain", RunType.LONG)  # then no commit
    assert _marks(make, ana) == {"ics:plain": None, "ics:restored": RunType.KEY}
    with make() as uow:
        assert not uow.athlete(ana + 1).runs.mark("ics:plain", RunType.LONG)  # nobody's
