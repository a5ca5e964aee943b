"""Accounts on SQLite and PostgreSQL end to end, with two stores standing for two worker
processes: the sign-in rate limit holds across them, also when attempts arrive at once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.domain.accounts import ACCOUNT_FAILURES
from hamcoach.domain.errors import RateLimited, Unauthorized
from hamcoach.services.accounts import add_user, list_users, set_password
from hamcoach.services.auth import session_for, sign_in, sign_out
from hamcoach.storage.store import Store, open_store
from tests.dbs import database
from tests.hashers import CountingHasher

NOW = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    with database(request.param, tmp_path) as url:
        first, second = (open_store(Settings(url, tmp_path)) for _ in range(2))
        try:
            yield first, second
        finally:
            first.close()
            second.close()


def test_a_session_on_one_worker_is_known_to_the_other(workers: tuple[Store, Store]) -> None:
    one, two = workers
    hasher = CountingHasher()
    add_user(one.uow(), "ana", PASSWORD, now=NOW, hasher=hasher)
    session = sign_in(one.uow(), "ana", PASSWORD, "10.0.0.1", NOW, hasher=hasher)
    found = session_for(two.uow(), session.secret, NOW + dt.timedelta(minutes=5))
    assert found is not None and found.username == "ana" and found.csrf_token == session.csrf_token
    assert [u.last_sign_in for u in list_users(two.uow())] == [NOW]
    assert sign_out(two.uow(), session.secret, NOW)
    assert session_for(one.uow(), session.secret, NOW) is None
    again = sign_in(two.uow(), "ana", PASSWORD, "10.0.0.1", NOW, hasher=hasher)
    set_password(one.uow(), "ana", "a new long password", NOW, hasher=hasher)
    assert session_for(two.uow(), again.secret, NOW) is None


def test_the_rate_limit_holds_on_the_second_worker(workers: tuple[Store, Store]) -> None:
    one, two = workers
    hasher = CountingHasher()
    add_user(one.uow(), "ana", PASSWORD, now=NOW, hasher=hasher)
    for i in range(ACCOUNT_FAILURES):
        with pytest.raises(Unauthorized):
            sign_in(one.uow(), "ana", "wrong password", f"10.0.0.{i}", NOW, hasher=hasher)
    verifies = hasher.verifies
    with pytest.raises(RateLimited) as refused:
        sign_in(two.uow(), "ana", PASSWORD, "10.0.1.1", NOW, hasher=hasher)
    assert refused.value.retry_after == 15 * 60 and hasher.verifies == verifies


def test_attempts_at_once_get_no_more_tries_than_the_limit(workers: tuple[Store, Store]) -> None:
    """Twelve wrong passwords at the same moment through two workers: the check and the
    recording of each attempt are one step, so exactly five are tried and seven refused."""
    one, two = workers
    add_user(one.uow(), "ana", PASSWORD, now=NOW, hasher=CountingHasher())
    start = threading.Barrier(12, timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        store = (one, two)[index % 2]
        start.wait()
        try:
            sign_in(
                store.uow(),
                "ana",
                "wrong password",
                f"10.0.2.{index}",
                NOW,
                hasher=CountingHasher(),
            )
            outcome = "signed in"
        except Unauthorized:
            outcome = "tried"
        except RateLimited:
            outcome = "refused"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(outcomes) == ["refused"] * 7 + ["tried"] * ACCOUNT_FAILURES
