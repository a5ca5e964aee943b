"""`uow.accounts` keeps one contract on the fake (tests/fakes.py), SQLite and PostgreSQL:
accounts and their athletes, signed-in sessions, API tokens, one-time links, failed sign-ins.

Each test takes `make`, a factory of units of work over one empty database, and only uses the
ports, as a use-case would. The race for a one-time link runs on the real databases.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.domain.accounts import LinkPurpose, Scope
from hamcoach.domain.errors import Conflict
from hamcoach.domain.profile import Profile
from hamcoach.storage.store import open_store
from tests.dbs import database
from tests.storage.conftest import Make

BERLIN = dt.timezone(dt.timedelta(hours=1))
T0 = dt.datetime(2026, 11, 3, 18, 30, tzinfo=BERLIN)
H1, H2 = "a" * 64, "b" * 64


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def _accounts(make: Make) -> tuple[int, int]:
    with make() as uow:
        ana = uow.accounts.users.add("ana", "$argon2id$ana", operator=True, at=T0)
        ben = uow.accounts.users.add("ben", None, operator=False, at=T0)
        uow.commit()
    return ana, ben


def test_accounts_are_found_by_id_and_name_and_names_are_unique(make: Make) -> None:
    with make() as uow:
        assert not uow.accounts.users.exists() and uow.accounts.users.all() == []
    ana, ben = _accounts(make)
    with make() as uow:
        users = uow.accounts.users
        assert users.exists()
        found = users.get(ana)
        assert found is not None and found == users.by_username("ana")
        assert (found.username, found.password_hash, found.is_operator) == (
            "ana",
            "$argon2id$ana",
            True,
        )
        assert found.created_at == T0 and found.created_at.tzinfo is not None
        assert found.password_changed_at == T0 and found.athlete_id is None
        assert not found.disabled
        nobody = users.get(ben)
        assert nobody is not None and nobody.password_hash is None
        assert nobody.password_changed_at is None
        assert users.get(ben + 100) is None and users.by_username("cleo") is None
        assert [a.username for a in users.all()] == ["ana", "ben"]
        with pytest.raises(Conflict, match="ana already exists"):
            users.add("ana", None, operator=False, at=T0)
        assert [a.username for a in users.all()] == ["ana", "ben"]  # the rest is still there
        uow.commit()


def test_passwords_and_disabling(make: Make) -> None:
    ana, _ = _accounts(make)
    with make() as uow:
        uow.accounts.users.set_password(ana, "$argon2id$new", at(5))
        uow.accounts.users.set_disabled(ana, at(6))
        uow.commit()
    with make() as uow:
        found = uow.accounts.users.get(ana)
        assert found is not None and found.password_hash == "$argon2id$new"
        assert found.password_changed_at == at(5) and found.disabled_at == at(6)
        uow.accounts.users.set_password(ana, "$argon2id$rehashed", None)  # a rehash
        uow.accounts.users.set_disabled(ana, None)
        uow.commit()
    with make() as uow:
        found = uow.accounts.users.get(ana)
        assert found is not None and found.password_hash == "$argon2id$rehashed"
        assert found.password_changed_at == at(5) and not found.disabled


def test_an_account_owns_at_most_one_athlete(make: Make) -> None:
    ana, ben = _accounts(make)
    with make() as uow:
        local = uow.athletes.add(Profile(name="Local"))
        owned = uow.athletes.add(Profile(name="Ben"), owner=ben)
        assert uow.athletes.without_account() == [local]
        assert not uow.accounts.users.attach_athlete(ana, local + owned + 100)
        assert uow.accounts.users.attach_athlete(ana, local)
        uow.commit()
    with make() as uow:
        assert uow.athletes.without_account() == []
        users = uow.accounts.users
        assert [(a.username, a.athlete_id) for a in users.all()] == [("ana", local), ("ben", owned)]
        with pytest.raises(Conflict, match="already has an athlete"):
            users.attach_athlete(ana, owned)
        found = users.get(ana)
        assert found is not None and found.athlete_id == local
    with make() as uow:
        uow.athlete(local).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        found = uow.accounts.users.get(ana)
        assert found is not None and found.athlete_id is None


def test_sessions_are_found_by_hash_with_their_account(make: Make) -> None:
    ana, ben = _accounts(make)
    with make() as uow:
        sessions = uow.accounts.sessions
        first = sessions.add(ana, H1, "csrf-1", T0, "Firefox")
        sessions.add(ben, H2, "csrf-2", at(1), None)
        uow.commit()
    with make() as uow:
        found = uow.accounts.sessions.find(H1)
        assert found is not None
        session, account = found
        assert (session.id, session.account_id, session.csrf_token) == (first, ana, "csrf-1")
        assert session.created_at == session.last_seen_at == T0 and session.ended_at is None
        assert session.user_agent == "Firefox" and account.username == "ana"
        assert uow.accounts.sessions.find("c" * 64) is None
        many = uow.accounts.sessions.find_many([H1, H2, "c" * 64])
        assert many == {h: uow.accounts.sessions.find(h) for h in (H1, H2)}
        assert uow.accounts.sessions.find_many([]) == {}
        uow.accounts.sessions.touch(first, at(3))
        uow.commit()
    with make() as uow:
        found = uow.accounts.sessions.find(H1)
        assert found is not None and found[0].last_seen_at == at(3)
        assert uow.accounts.sessions.last_started() == {ana: T0, ben: at(1)}


def test_sessions_end_one_by_one_or_all_of_an_account(make: Make) -> None:
    ana, ben = _accounts(make)
    with make() as uow:
        sessions = uow.accounts.sessions
        one = sessions.add(ana, H1, "c1", T0, None)
        sessions.add(ana, "d" * 64, "c2", T0, None)
        sessions.add(ben, H2, "c3", T0, None)
        assert sessions.end(one, at(1))
        assert not sessions.end(one, at(2))  # once
        uow.commit()
    with make() as uow:
        assert uow.accounts.sessions.end_all(ana, at(3)) == 1
        assert uow.accounts.sessions.end_all(ana, at(4)) == 0
        uow.commit()
    with make() as uow:
        ended = [uow.accounts.sessions.find(h) for h in (H1, "d" * 64, H2)]
        assert [None if f is None else f[0].ended_at for f in ended] == [at(1), at(3), None]


def test_tokens_are_found_listed_and_revoked_by_their_account_only(make: Make) -> None:
    ana, ben = _accounts(make)
    with make() as uow:
        tokens = uow.accounts.tokens
        read = tokens.add(ana, "watch", H1, Scope.READ, T0)
        write = tokens.add(ana, "script", H2, Scope.WRITE, at(1))
        uow.commit()
    with make() as uow:
        tokens = uow.accounts.tokens
        found = tokens.find(H2)
        assert found is not None and found[0].id == write and found[0].scope is Scope.WRITE
        assert found[1].username == "ana" and tokens.find("e" * 64) is None
        assert tokens.find_many([H1, H2, "e" * 64]) == {h: tokens.find(h) for h in (H1, H2)}
        assert tokens.find_many([]) == {}
        assert [(t.id, t.name, t.scope) for t in tokens.all(ana)] == [
            (read, "watch", Scope.READ),
            (write, "script", Scope.WRITE),
        ]
        assert tokens.all(ben) == []
        assert not tokens.revoke(ben, read, at(2))  # another's token
        assert tokens.revoke(ana, read, at(2))
        assert not tokens.revoke(ana, read, at(3))
        tokens.touch(write, at(4))
        uow.commit()
    with make() as uow:
        listed = uow.accounts.tokens.all(ana)
        assert [(t.revoked_at, t.last_used_at) for t in listed] == [(at(2), None), (None, at(4))]


def test_a_link_is_consumed_once(make: Make) -> None:
    ana, _ = _accounts(make)
    with make() as uow:
        link = uow.accounts.links.add(ana, H1, LinkPurpose.PAIR, T0, at(10))
        uow.commit()
    with make() as uow:
        found = uow.accounts.links.find(H1)
        assert found is not None and (found.id, found.account_id) == (link, ana)
        assert found.purpose is LinkPurpose.PAIR and found.expires_at == at(10)
        assert found.used_at is None and uow.accounts.links.find(H2) is None
        assert uow.accounts.links.consume(link, at(1))
        assert not uow.accounts.links.consume(link, at(2))
        uow.commit()
    with make() as uow:
        found = uow.accounts.links.find(H1)
        assert found is not None and found.used_at == at(1)
        assert not uow.accounts.links.consume(link, at(3))


def test_failures_by_account_and_by_address_newest_first(make: Make) -> None:
    with make() as uow:
        failures = uow.accounts.failures
        failures.serialise("ana", "10.0.0.1")
        for minute in (0, 1, 2, 3):
            failures.add("ana", "10.0.0.1", at(minute))
        failures.add(None, "10.0.0.1", at(4))
        provisional = failures.add("ben", "10.0.0.2", at(5))
        uow.commit()
    with make() as uow:
        failures = uow.accounts.failures
        assert failures.for_account("ana", at(0), 10) == [at(3), at(2), at(1)]  # after `since`
        assert failures.for_account("ana", at(-1), 2) == [at(3), at(2)]
        assert failures.for_address("10.0.0.1", at(-1), 3) == [at(4), at(3), at(2)]
        assert failures.for_address("10.0.0.2", at(-1), 3) == [at(5)]
        failures.remove(provisional)
        failures.clear_account("ana")
        uow.commit()
    with make() as uow:
        failures = uow.accounts.failures
        assert failures.for_account("ana", at(-1), 10) == []
        assert failures.for_address("10.0.0.1", at(-1), 10) == [at(4)]
        assert failures.for_address("10.0.0.2", at(-1), 10) == []
        failures.add("cleo", "10.0.0.3", at(20))
        assert failures.prune(at(10)) == 1
        assert failures.for_address("10.0.0.3", at(-1), 10) == [at(20)]


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_two_uses_of_one_link_at_once_exactly_one_wins(kind: str, tmp_path: Path) -> None:
    """Two stores (as two worker processes: no lock shared in-process), each finding the link
    unused, then both trying to consume it at the same moment."""
    with database(kind, tmp_path) as url:
        stores = [open_store(Settings(url, tmp_path)) for _ in range(2)]
        try:
            with stores[0].uow() as uow:
                ana = uow.accounts.users.add("ana", None, operator=False, at=T0)
                link = uow.accounts.links.add(ana, H1, LinkPurpose.RESET, T0, at(60))
                uow.commit()
            both_found = threading.Barrier(2, timeout=30)
            won: list[bool] = []

            def use(index: int) -> None:
                with stores[index].uow() as uow:
                    found = uow.accounts.links.find(H1)
                    assert found is not None and found.used_at is None
                    both_found.wait()
                    taken = uow.accounts.links.consume(link, at(index))
                    uow.commit()
                won.append(taken)

            threads = [threading.Thread(target=use, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert sorted(won) == [False, True]
        finally:
            for store in stores:
                store.close()
