"""The operator's jobs on accounts (services/accounts.py, services/links.py) on the fake unit of
work: the first account takes the single-user athlete, passwords, disabling, one-time links."""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.accounts import PAIRING_LINK_LIFETIME, RESET_LINK_LIFETIME, LinkPurpose
from hamcoach.domain.errors import Conflict, InvalidInput, NotFound, Unauthorized
from hamcoach.services.accounts import (
    accounts_mode,
    add_user,
    attach_athlete,
    disable_user,
    enable_user,
    list_users,
    set_password,
)
from hamcoach.services.auth import session_for, sign_in
from hamcoach.services.links import pairing_link, peek_link, reset_link, reset_password, use_link
from tests.fakes import FakeUnitOfWork
from tests.hashers import CountingHasher
from tests.services.conftest import runner

NOW = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


def _athlete(uow: FakeUnitOfWork, name: str = "Ana") -> int:
    with uow:
        athlete = uow.athletes.add(runner(name=name))
        uow.commit()
    return athlete


def test_no_account_is_local_mode_and_the_first_turns_accounts_mode_on(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    assert not accounts_mode(uow)
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    assert accounts_mode(uow)
    disable_user(uow, "ana", NOW)
    assert accounts_mode(uow)  # a disabled account still holds the data: never back to local


def test_the_first_account_takes_the_single_user_athlete(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    athlete = _athlete(uow)
    ana = add_user(uow, "Ana", PASSWORD, operator=True, now=NOW, hasher=hasher)
    ben = add_user(uow, "ben", None, now=NOW, hasher=hasher)
    users = {u.username: u for u in list_users(uow)}
    assert users["ana"].id == ana and users["ana"].athlete_id == athlete
    assert users["ana"].athlete_name == "Ana" and users["ana"].is_operator
    assert users["ben"].id == ben and users["ben"].athlete_id is None
    assert not users["ben"].has_password and users["ana"].has_password
    assert [u.last_sign_in for u in users.values()] == [None, None]
    with uow:
        assert uow.athletes.without_account() == []


def test_two_athletes_are_not_guessed_between(uow: FakeUnitOfWork, hasher: CountingHasher) -> None:
    first, second = _athlete(uow), _athlete(uow, "Ben")
    ana = add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    assert [u.athlete_id for u in list_users(uow)] == [None]
    attach_athlete(uow, ana, second)
    assert [u.athlete_id for u in list_users(uow)] == [second]
    ben = add_user(uow, "ben", None, now=NOW)
    with pytest.raises(Conflict, match="belongs to another account"):
        attach_athlete(uow, ben, second)
    with pytest.raises(Conflict, match="already has an athlete"):
        attach_athlete(uow, ana, first)
    with pytest.raises(NotFound):
        attach_athlete(uow, ben, 99)
    attach_athlete(uow, ben, first)


def test_onboarding_creates_the_athlete_of_a_later_account(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    ben = add_user(uow, "ben", PASSWORD, now=NOW, hasher=hasher)
    with uow:
        athlete = uow.athletes.add(runner(name="Ben"), owner=ben)
        uow.commit()
    assert {u.username: u.athlete_id for u in list_users(uow)} == {"ana": None, "ben": athlete}


def test_names_are_unique_after_lowering_and_checked_before_hashing(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    with pytest.raises(Conflict, match="a user named ana already exists"):
        add_user(uow, "ANA", PASSWORD, now=NOW, hasher=hasher)
    hashes = hasher.hashes
    for bad_name, password in (("a b", PASSWORD), ("cleo", "short"), ("cleo", "cleo")):
        with pytest.raises(InvalidInput):
            add_user(uow, bad_name, password, now=NOW, hasher=hasher)
    assert hasher.hashes == hashes
    assert [u.username for u in list_users(uow)] == ["ana"]


def test_a_new_password_ends_every_session_and_the_old_one(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    phone = sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)
    laptop = sign_in(uow, "ana", PASSWORD, "10.0.0.3", NOW, hasher=hasher)
    set_password(uow, "ana", "a new long password", NOW, hasher=hasher)
    assert session_for(uow, phone.secret, NOW) is None
    assert session_for(uow, laptop.secret, NOW) is None
    with pytest.raises(Unauthorized):
        sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)
    assert sign_in(uow, "ana", "a new long password", "10.0.0.2", NOW, hasher=hasher)
    with pytest.raises(NotFound, match="no user named bob"):
        set_password(uow, "bob", "a new long password", NOW, hasher=hasher)


def test_a_disabled_account_is_signed_out_and_refused_like_a_wrong_password(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    session = sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)
    disable_user(uow, "ana", NOW)
    disable_user(uow, "ana", NOW + dt.timedelta(hours=1))  # again: keeps the first time
    assert session_for(uow, session.secret, NOW) is None
    verifies = hasher.verifies
    with pytest.raises(Unauthorized, match=r"^wrong user name or password$"):
        sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)
    assert hasher.verifies == verifies + 1  # it cost a hash, as a wrong password does
    assert list_users(uow)[0].disabled_at == NOW
    enable_user(uow, "ana")
    assert session_for(uow, session.secret, NOW) is None  # old sessions stay ended
    assert sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)


def test_a_reset_link_sets_a_password_once(uow: FakeUnitOfWork, hasher: CountingHasher) -> None:
    add_user(uow, "ana", None, now=NOW, hasher=hasher)
    with pytest.raises(Unauthorized):  # no password yet: nothing signs in
        sign_in(uow, "ana", "", "10.0.0.2", NOW, hasher=hasher)
    secret = reset_link(uow, "ANA", NOW)
    with uow:
        assert all(secret not in repr(row) for row in uow.data.links.values())  # only the hash
    account = peek_link(uow, secret, LinkPurpose.RESET, NOW)
    assert peek_link(uow, secret, LinkPurpose.RESET, NOW) == account  # looking uses nothing
    with pytest.raises(InvalidInput, match="too short"):
        reset_password(uow, secret, "short", NOW, hasher=hasher)
    assert reset_password(uow, secret, PASSWORD, NOW, hasher=hasher) == account  # still usable
    with pytest.raises(Unauthorized, match="used already"):
        reset_password(uow, secret, "another password", NOW, hasher=hasher)
    with pytest.raises(Unauthorized, match="used already"):
        peek_link(uow, secret, LinkPurpose.RESET, NOW)
    assert sign_in(uow, "ana", PASSWORD, "10.0.0.2", NOW, hasher=hasher)


def test_links_expire_and_serve_one_purpose(uow: FakeUnitOfWork, hasher: CountingHasher) -> None:
    ana = add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    reset = reset_link(uow, "ana", NOW)
    pair = pairing_link(uow, ana, NOW)
    with pytest.raises(Unauthorized, match="not a valid pair link"):
        use_link(uow, reset, LinkPurpose.PAIR, NOW)
    with pytest.raises(Unauthorized, match="expired at 2026-11-03 17:40 UTC"):
        use_link(uow, pair, LinkPurpose.PAIR, NOW + PAIRING_LINK_LIFETIME)
    late = NOW + RESET_LINK_LIFETIME - dt.timedelta(seconds=1)
    assert use_link(uow, reset, LinkPurpose.RESET, late) == ana
    with pytest.raises(Unauthorized, match="used already"):
        use_link(uow, reset, LinkPurpose.RESET, late)
    for junk in ("", "x" * 500, "not-a-link"):
        with pytest.raises(Unauthorized, match="not a valid reset link"):
            use_link(uow, junk, LinkPurpose.RESET, NOW)
    with pytest.raises(NotFound):
        reset_link(uow, "nobody", NOW)


def test_no_pairing_link_for_a_disabled_account(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    ana = add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    disable_user(uow, "ana", NOW)
    with pytest.raises(Unauthorized, match="disabled"):
        pairing_link(uow, ana, NOW)
    with pytest.raises(NotFound):
        pairing_link(uow, ana + 1, NOW)


def test_a_backup_restored_over_an_accounts_athlete_stays_that_accounts(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    from hamcoach.services.backup import restore_athlete
    from tests.services.backup_histories import FIXED

    old = _athlete(uow)
    add_user(uow, "ana", PASSWORD, now=NOW, hasher=hasher)
    restored = restore_athlete(uow, FIXED, replace=True)
    assert restored != old
    assert [(u.username, u.athlete_id) for u in list_users(uow)] == [("ana", restored)]
