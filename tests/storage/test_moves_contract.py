"""Moved sessions in storage: the fake, SQLite and PostgreSQL keep one move per planned day,
scoped to its athlete, replaced by a later move, removed by undo and by deleting the athlete."""

from __future__ import annotations

import datetime as dt

from tests.storage.conftest import Make
from tests.storage.test_uow_contract import DAY, _two_athletes, at


def test_moves_are_kept_per_athlete_replaced_and_undone(make: Make) -> None:
    ana, ben = _two_athletes(make)
    later, latest = DAY + dt.timedelta(days=2), DAY + dt.timedelta(days=3)
    with make() as uow:
        uow.athlete(ana).moves.put(DAY, later, at(9))
        uow.athlete(ben).moves.put(DAY, latest, at(9))
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).moves.all(DAY, DAY) == {DAY: later}
        assert uow.athlete(ana).moves.all(later, latest) == {}  # keyed by the planned day
        uow.athlete(ana).moves.put(DAY, latest, at(10))  # a second move replaces the first
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).moves.all(DAY, latest) == {DAY: latest}
        assert uow.athlete(ben).moves.all(DAY, latest) == {DAY: latest}
        assert uow.athlete(ana).moves.delete(DAY)
        assert not uow.athlete(ana).moves.delete(DAY)
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).moves.all(DAY, latest) == {}
        uow.athlete(ben).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        assert uow.athlete(ben).moves.all(DAY, latest) == {}
