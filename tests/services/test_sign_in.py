"""Signing in (services/auth.py) on the fake unit of work: the rate limit is checked before any
hashing, unknown and disabled users cost what a wrong password costs, sessions expire, and the
last use is written at most once a minute. API tokens (services/tokens.py) at the end."""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.accounts import (
    ACCOUNT_FAILURES,
    ADDRESS_FAILURES,
    LOGIN_WINDOW,
    SESSION_ABSOLUTE,
    SESSION_IDLE,
    LinkPurpose,
    Scope,
)
from hamcoach.domain.errors import InvalidInput, NotFound, RateLimited, Unauthorized
from hamcoach.services.accounts import add_user, disable_user, list_users
from hamcoach.services.auth import (
    change_password,
    csrf_matches,
    session_for,
    sign_in,
    sign_in_with_link,
    sign_out,
)
from hamcoach.services.links import pairing_link, peek_link
from hamcoach.services.tokens import create_token, list_tokens, revoke_token, token_for
from tests.fakes import FakeUnitOfWork
from tests.hashers import CountingHasher
from tests.services.conftest import runner

NOW = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
HOME = "192.0.2.10"


@pytest.fixture
def hasher() -> CountingHasher:
    return CountingHasher()


@pytest.fixture
def uow(hasher: CountingHasher) -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    with fake:
        fake.athletes.add(runner())
        fake.commit()
    add_user(fake, "ana", PASSWORD, now=NOW - dt.timedelta(days=1), hasher=hasher)
    add_user(fake, "ben", PASSWORD + "!", now=NOW - dt.timedelta(days=1), hasher=hasher)
    return fake


def _fail(
    uow: FakeUnitOfWork, hasher: CountingHasher, name: str, address: str, at: dt.datetime
) -> None:
    with pytest.raises(Unauthorized, match="wrong user name or password"):
        sign_in(uow, name, "wrong password!", address, at, hasher=hasher)


def test_a_right_password_opens_a_session_the_cookie_then_finds(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    secret, csrf = sign_in(
        uow, " Ana ", PASSWORD, HOME, NOW, user_agent="Phone " * 100, hasher=hasher
    )
    found = session_for(uow, secret, NOW)
    assert found is not None and found.username == "ana" and found.csrf_token == csrf
    assert found.athlete_id is not None  # the first account took the single-user athlete
    assert csrf_matches(found.csrf_token, csrf) and not csrf_matches(
        found.csrf_token, csrf[:-1] + "x"
    )
    assert not csrf_matches(found.csrf_token, None) and not csrf_matches(found.csrf_token, "")
    with uow:
        ((stored_hash, session),) = uow.data.auth_sessions.values()
    assert secret not in stored_hash and len(stored_hash) == 64  # only the hash is kept
    assert session.user_agent is not None and len(session.user_agent) == 200
    assert list_users(uow)[0].last_sign_in == NOW


def test_unknown_disabled_and_wrong_all_cost_one_hash_and_say_the_same(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    disable_user(uow, "ben", NOW)
    add_user(uow, "cleo", None, now=NOW, hasher=hasher)
    messages: set[str] = set()
    for name, password in (
        ("ana", "wrong password!"),
        ("nobody", PASSWORD),
        ("ben", PASSWORD + "!"),  # right, but disabled
        ("cleo", ""),  # no password set yet
        ("not a name", PASSWORD),
        ("ana", "x" * 10_000),  # longer than any password: checked as a wrong one
    ):
        before = hasher.verifies
        with pytest.raises(Unauthorized) as refused:
            sign_in(uow, name, password, f"198.51.100.{len(messages)}", NOW, hasher=hasher)
        assert hasher.verifies == before + 1, name
        messages.add(refused.value.message)
    assert messages == {"wrong user name or password"}


def test_the_rate_limit_refuses_before_hashing(uow: FakeUnitOfWork, hasher: CountingHasher) -> None:
    for i in range(ACCOUNT_FAILURES):
        _fail(uow, hasher, "ana", f"203.0.113.{i}", NOW + dt.timedelta(seconds=i))
    verifies = hasher.verifies
    for _ in range(50):
        with pytest.raises(
            RateLimited, match="too many failed sign-ins: try again in 15 minutes"
        ) as refused:
            sign_in(
                uow, "ana", PASSWORD, "203.0.113.99", NOW + dt.timedelta(seconds=10), hasher=hasher
            )
    assert hasher.verifies == verifies  # fifty refusals, no argon2 time spent
    assert refused.value.retry_after == 15 * 60 - 10
    # Other accounts from other addresses are not held up; ana is, until the window slides.
    assert sign_in(uow, "ben", PASSWORD + "!", "203.0.113.99", NOW, hasher=hasher)
    later = NOW + LOGIN_WINDOW
    assert sign_in(uow, "ana", PASSWORD, "203.0.113.99", later, hasher=hasher)


def test_an_unknown_name_is_limited_as_a_real_one(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    for i in range(ACCOUNT_FAILURES):
        _fail(uow, hasher, "nobody", f"203.0.113.{i}", NOW)
    with pytest.raises(RateLimited):
        sign_in(uow, "NOBODY", PASSWORD, "203.0.113.50", NOW, hasher=hasher)


def test_one_address_trying_many_names_is_limited(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    for i in range(ADDRESS_FAILURES):
        _fail(uow, hasher, f"guess{i}", HOME, NOW)
    verifies = hasher.verifies
    with pytest.raises(RateLimited) as refused:
        sign_in(uow, "ana", PASSWORD, HOME, NOW + dt.timedelta(minutes=1), hasher=hasher)
    assert refused.value.retry_after == 14 * 60 and hasher.verifies == verifies
    assert sign_in(uow, "ana", PASSWORD, "192.0.2.11", NOW, hasher=hasher)  # elsewhere: fine


def test_success_forgets_the_account_failures_and_old_ones_are_pruned(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    for i in range(ACCOUNT_FAILURES - 1):
        _fail(uow, hasher, "ana", HOME, NOW + dt.timedelta(seconds=i))
    sign_in(uow, "ana", PASSWORD, HOME, NOW + dt.timedelta(seconds=10), hasher=hasher)
    _fail(uow, hasher, "ana", HOME, NOW + dt.timedelta(seconds=20))  # one, not five: allowed
    with uow:
        assert [k for k, _, _ in uow.data.login_failures.values()] == ["ana"]
    _fail(uow, hasher, "ben", HOME, NOW + LOGIN_WINDOW + dt.timedelta(seconds=21))
    with uow:
        assert [k for k, _, _ in uow.data.login_failures.values()] == ["ben"]


def test_a_password_rehashed_when_the_parameters_change(uow: FakeUnitOfWork) -> None:
    stronger = CountingHasher(time_cost=2)
    with uow:
        before = uow.accounts.users.by_username("ana")
    assert before is not None and before.password_hash is not None
    assert stronger.needs_rehash(before.password_hash)
    sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=stronger)
    with uow:
        after = uow.accounts.users.by_username("ana")
    assert after is not None and after.password_hash is not None
    assert "t=2" in after.password_hash and not stronger.needs_rehash(after.password_hash)
    assert after.password_changed_at == before.password_changed_at  # the same password
    assert sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=stronger)


def test_sessions_die_idle_after_14_days_and_at_90_in_any_case(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    idle = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    assert session_for(uow, idle.secret, NOW + SESSION_IDLE - dt.timedelta(seconds=1))
    assert session_for(uow, idle.secret, NOW + 2 * SESSION_IDLE - dt.timedelta(seconds=2))
    assert session_for(uow, idle.secret, NOW + 3 * SESSION_IDLE) is None

    daily = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    day = NOW
    while day < NOW + SESSION_ABSOLUTE - dt.timedelta(days=1):
        day += dt.timedelta(days=1)
        assert session_for(uow, daily.secret, day) is not None
    assert session_for(uow, daily.secret, NOW + SESSION_ABSOLUTE) is None


def test_last_seen_is_written_at_most_once_a_minute(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    session = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    commits = uow.commits
    for second in range(59):
        assert session_for(uow, session.secret, NOW + dt.timedelta(seconds=second))
    assert uow.commits == commits  # a burst of requests writes nothing
    assert session_for(uow, session.secret, NOW + dt.timedelta(minutes=1))
    assert uow.commits == commits + 1


def test_sign_out_ends_that_session_only(uow: FakeUnitOfWork, hasher: CountingHasher) -> None:
    phone = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    laptop = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    assert sign_out(uow, phone.secret, NOW)
    assert not sign_out(uow, phone.secret, NOW)
    assert session_for(uow, phone.secret, NOW) is None
    assert session_for(uow, laptop.secret, NOW) is not None
    for junk in (None, "", "x" * 1000, "unknown"):
        assert session_for(uow, junk, NOW) is None and not sign_out(uow, junk, NOW)


def test_a_pairing_link_signs_one_device_in_once(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    with uow:
        ana = uow.accounts.users.by_username("ana")
    assert ana is not None
    secret = pairing_link(uow, ana.id, NOW)
    assert peek_link(uow, secret, LinkPurpose.PAIR, NOW) == ana.id
    phone = sign_in_with_link(uow, secret, NOW + dt.timedelta(minutes=2), user_agent="phone")
    found = session_for(uow, phone.secret, NOW + dt.timedelta(minutes=2))
    assert found is not None and found.account_id == ana.id
    with pytest.raises(Unauthorized, match="used already"):
        sign_in_with_link(uow, secret, NOW + dt.timedelta(minutes=3))
    late = pairing_link(uow, ana.id, NOW)
    with pytest.raises(Unauthorized, match="expired"):
        sign_in_with_link(uow, late, NOW + dt.timedelta(minutes=10))


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    phone = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    laptop = sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher)
    me = session_for(uow, laptop.secret, NOW)
    assert me is not None
    with pytest.raises(InvalidInput, match="too short"):
        change_password(uow, me, PASSWORD, "short", HOME, NOW, hasher=hasher)
    with pytest.raises(Unauthorized, match="current password is wrong"):
        change_password(
            uow, me, "not the password", "a new long password", HOME, NOW, hasher=hasher
        )
    fresh = change_password(uow, me, PASSWORD, "a new long password", HOME, NOW, hasher=hasher)
    assert session_for(uow, phone.secret, NOW) is None
    assert session_for(uow, laptop.secret, NOW) is None
    assert session_for(uow, fresh.secret, NOW) is not None
    assert sign_in(uow, "ana", "a new long password", HOME, NOW, hasher=hasher)


def test_guessing_the_current_password_is_rate_limited(
    uow: FakeUnitOfWork, hasher: CountingHasher
) -> None:
    me = session_for(uow, sign_in(uow, "ana", PASSWORD, HOME, NOW, hasher=hasher).secret, NOW)
    assert me is not None
    for _ in range(ACCOUNT_FAILURES):
        with pytest.raises(Unauthorized):
            change_password(
                uow, me, "a wrong guess", "a new long password", HOME, NOW, hasher=hasher
            )
    verifies = hasher.verifies
    with pytest.raises(RateLimited):
        change_password(uow, me, PASSWORD, "a new long password", HOME, NOW, hasher=hasher)
    assert hasher.verifies == verifies


def test_tokens_are_shown_once_scoped_revocable_and_die_with_the_account(
    uow: FakeUnitOfWork,
) -> None:
    with uow:
        ana, ben = (uow.accounts.users.by_username(n) for n in ("ana", "ben"))
    assert ana is not None and ben is not None
    reader = create_token(uow, ana.id, " watch sync ", "read", NOW)
    writer = create_token(uow, ana.id, "import script", Scope.WRITE, NOW)
    found = token_for(uow, reader, NOW)
    assert found is not None and found.scope is Scope.READ and found.account_id == ana.id
    assert found.athlete_id == ana.athlete_id
    assert [(t.name, t.scope) for t in list_tokens(uow, ana.id)] == [
        ("watch sync", Scope.READ),
        ("import script", Scope.WRITE),
    ]
    with uow:
        assert all(reader not in h and writer not in h for h, _ in uow.data.api_tokens.values())
    with pytest.raises(NotFound):
        revoke_token(uow, ben.id, found.token_id, NOW)  # not ben's to revoke
    revoke_token(uow, ana.id, found.token_id, NOW)
    assert token_for(uow, reader, NOW) is None
    with pytest.raises(NotFound):
        revoke_token(uow, ana.id, found.token_id, NOW)
    assert list_tokens(uow, ana.id)[0].revoked_at == NOW
    assert token_for(uow, writer, NOW) is not None
    disable_user(uow, "ana", NOW)
    assert token_for(uow, writer, NOW) is None
    with pytest.raises(Unauthorized):
        create_token(uow, ana.id, "another", "read", NOW)
    for junk in (None, "", "y" * 500):
        assert token_for(uow, junk, NOW) is None


def test_a_token_use_is_written_at_most_once_a_minute(uow: FakeUnitOfWork) -> None:
    secret = create_token(uow, 1, "script", "write", NOW)
    assert token_for(uow, secret, NOW)
    commits = uow.commits
    assert token_for(uow, secret, NOW + dt.timedelta(seconds=30))
    assert uow.commits == commits
    assert token_for(uow, secret, NOW + dt.timedelta(seconds=61))
    assert uow.commits == commits + 1
    assert list_tokens(uow, 1)[0].last_used_at == NOW + dt.timedelta(seconds=61)


def test_token_names_and_scopes_are_checked(uow: FakeUnitOfWork) -> None:
    with pytest.raises(InvalidInput, match="allowed: read, write"):
        create_token(uow, 1, "script", "admin", NOW)
    with pytest.raises(InvalidInput, match="token's name"):
        create_token(uow, 1, "  ", "read", NOW)
    with pytest.raises(NotFound):
        create_token(uow, 99, "script", "read", NOW)
