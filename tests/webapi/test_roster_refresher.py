"""The background refresh of stored roster rows (web/roster_refresher.py): a thread that, each
round, computes the rows that no longer hold, keeps going after a round that fails, and stops
promptly when the app shuts down. Real SQLite."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.services import roster as roster_service
from hamcoach.services import soreness
from hamcoach.services.coaching import accept_invitation, invite
from hamcoach.storage.store import Store, open_store
from hamcoach.web.roster_refresher import RosterRefresher
from tests.services.test_coaching import athlete_account, coach_account

NOW = dt.datetime.now(dt.UTC)


def _row_holds(store: Store, athlete: int) -> bool:
    today = NOW.date()  # the athlete's zone is UTC
    with store.uow() as uow:
        return uow.coaching.roster.read([athlete])[athlete].holds(today)


def _wait_for(check: Callable[[], bool], seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_the_refresher_keeps_rows_ready_survives_a_failed_round_and_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(Settings(f"sqlite:///{tmp_path / 'r.db'}", tmp_path))
    try:
        uow = store.uow()
        cora = coach_account(uow, "cora")  # type: ignore[arg-type]
        account, ana = athlete_account(uow, "ana")  # type: ignore[arg-type]
        accept_invitation(uow, invite(uow, cora, NOW)[0], account, NOW)
        assert not _row_holds(store, ana)
        rounds: list[str] = []
        real = roster_service.refresh_stale

        def flaky(*args: object, **kwargs: object) -> int:
            rounds.append("round")
            if len(rounds) == 1:
                raise RuntimeError("the database went away for a moment")
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr("hamcoach.web.roster_refresher.refresh_stale", flaky)
        refresher = RosterRefresher(store, interval_s=0.05)
        refresher.start()
        try:
            assert _wait_for(lambda: _row_holds(store, ana)), rounds  # after the failed round
            assert len(rounds) >= 2
            soreness.check_in(store.uow(), ana, NOW.date(), 5, None, NOW.date())
            assert not _row_holds(store, ana)  # a write: stale until the next round
            assert _wait_for(lambda: _row_holds(store, ana))
        finally:
            began = time.monotonic()
            refresher.stop()
            assert time.monotonic() - began < 2  # shutdown is not held up by the interval
    finally:
        store.close()
