"""Credentials confirmed by the set writer (services/credentials.py) on the fake unit of work:
the batch's one read says exactly what a request's own lookup would have said, for any life of
a session or token, and keeps the last use written down."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.accounts import SESSION_ABSOLUTE, Scope
from hamcoach.domain.errors import Unauthorized
from hamcoach.domain.records import SetKind
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.accounts import add_user, disable_user
from hamcoach.services.auth import session_for, sign_in, sign_out
from hamcoach.services.credentials import SIGN_IN_FIRST, TOKEN_DEAD, Credential, writers_in
from hamcoach.services.set_logging import SetGroup, log_many
from hamcoach.services.tokens import create_token, revoke_token, token_for
from tests.fakes import FakeUnitOfWork
from tests.hashers import CountingHasher
from tests.services.conftest import runner

NOW = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
HASHER = CountingHasher()


def confirm_writers(
    uow: FakeUnitOfWork, credentials: list[Credential], at: dt.datetime
) -> dict[Credential, int | None]:
    with uow:
        live = writers_in(uow, credentials, at)
        uow.commit()
    return live


def _install(*, with_athlete: bool = True) -> tuple[FakeUnitOfWork, int]:
    uow = FakeUnitOfWork()
    if with_athlete:
        with uow:
            uow.athletes.add(runner())
            uow.commit()
    add_user(uow, "ana", PASSWORD, now=NOW - dt.timedelta(days=1), hasher=HASHER)
    with uow:
        ana = uow.accounts.users.by_username("ana")
    assert ana is not None
    return uow, ana.id


@settings(max_examples=60, deadline=None)
@given(
    later=st.timedeltas(min_value=dt.timedelta(0), max_value=SESSION_ABSOLUTE * 1.2),
    seen=st.timedeltas(min_value=dt.timedelta(0), max_value=SESSION_ABSOLUTE * 1.2),
    signed_out=st.booleans(),
    disabled=st.booleans(),
)
def test_a_session_is_confirmed_exactly_when_it_would_sign_the_request_in(
    later: dt.timedelta, seen: dt.timedelta, signed_out: bool, disabled: bool
) -> None:
    uow, _ = _install()
    session = sign_in(uow, "ana", PASSWORD, "192.0.2.1", NOW, hasher=HASHER)
    used = NOW + min(seen, later)
    session_for(uow, session.secret, used)  # a use in between (it may find it dead already)
    if signed_out:
        sign_out(uow, session.secret, NOW)
    if disabled:
        disable_user(uow, "ana", NOW)
    at = NOW + later
    expected = session_for(uow, session.secret, at, touch=False)
    credential = Credential.of(session.secret, via_token=False)
    live = confirm_writers(uow, [credential], at)
    assert live == {credential: None if expected is None else expected.athlete_id}
    assert (live[credential] is None) == (expected is None)
    assert credential.refusal == SIGN_IN_FIRST


@settings(max_examples=40, deadline=None)
@given(
    scope=st.sampled_from(Scope),
    revoked=st.booleans(),
    disabled=st.booleans(),
    later=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=400)),
)
def test_a_token_is_confirmed_only_while_it_may_write(
    scope: Scope, revoked: bool, disabled: bool, later: dt.timedelta
) -> None:
    uow, ana = _install()
    secret = create_token(uow, ana, "script", scope, NOW)
    found = token_for(uow, secret, NOW)
    assert found is not None
    if revoked:
        revoke_token(uow, ana, found.token_id, NOW)
    if disabled:
        disable_user(uow, "ana", NOW)
    at = NOW + later
    expected = token_for(uow, secret, at, touch=False)
    credential = Credential.of(secret, via_token=True)
    live = confirm_writers(uow, [credential], at)
    writes = expected is not None and expected.scope is Scope.WRITE
    assert live[credential] == (expected.athlete_id if writes and expected else None)
    assert credential.refusal == TOKEN_DEAD


def test_a_batch_confirms_each_credential_and_writes_only_what_is_stale() -> None:
    uow, ana = _install()
    phone = sign_in(uow, "ana", PASSWORD, "192.0.2.1", NOW, hasher=HASHER)
    script = create_token(uow, ana, "script", Scope.WRITE, NOW)
    assert token_for(uow, script, NOW) is not None
    batch = [
        Credential.of(phone.secret, via_token=False),
        Credential.of(script, via_token=True),
        Credential.of("never handed out", via_token=False),
        Credential.of(phone.secret, via_token=True),  # a cookie's secret is no token
    ]
    live = confirm_writers(uow, batch, NOW + dt.timedelta(seconds=20))
    athlete = session_for(uow, phone.secret, NOW, touch=False)
    assert athlete is not None and athlete.athlete_id is not None
    assert live == {
        batch[0]: athlete.athlete_id,
        batch[1]: athlete.athlete_id,
        batch[2]: None,
        batch[3]: None,
    }
    # Nothing was stale: the last use is still the sign-in's (it would be due at +61 s).
    due = session_for(uow, phone.secret, NOW + dt.timedelta(seconds=61), touch=False)
    assert due is not None and due.stale
    # Two minutes on, both last uses are written down, so set logging alone keeps a session
    # from dying idle.
    confirm_writers(uow, batch, NOW + dt.timedelta(minutes=2))
    found = session_for(uow, phone.secret, NOW + dt.timedelta(minutes=2), touch=False)
    assert found is not None and not found.stale
    token = token_for(uow, script, NOW + dt.timedelta(minutes=2), touch=False)
    assert token is not None and not token.stale


def test_an_account_without_an_athlete_confirms_nobody_to_write_for() -> None:
    uow, _ = _install(with_athlete=False)
    session = sign_in(uow, "ana", PASSWORD, "192.0.2.1", NOW, hasher=HASHER)
    found = session_for(uow, session.secret, NOW, touch=False)
    assert found is not None and found.athlete_id is None
    credential = Credential.of(session.secret, via_token=False)
    assert confirm_writers(uow, [credential], NOW) == {credential: None}


def test_a_batch_refuses_only_the_sets_whose_credential_died_and_stores_none_of_them() -> None:
    uow, _ = _install()
    phone = sign_in(uow, "ana", PASSWORD, "192.0.2.1", NOW, hasher=HASHER)
    laptop = sign_in(uow, "ana", PASSWORD, "192.0.2.1", NOW, hasher=HASHER)
    sign_out(uow, laptop.secret, NOW)
    found = session_for(uow, phone.secret, NOW, touch=False)
    assert found is not None and found.athlete_id is not None
    athlete = found.athlete_id
    at = NOW - dt.timedelta(minutes=10)
    items = [(f"00000000-0000-4000-8000-00000000000{n}", _curl(), at) for n in range(4)]
    signers = [
        Credential.of(phone.secret, via_token=False),
        Credential.of(laptop.secret, via_token=False),  # signed out meanwhile
        None,  # nothing to confirm (the CLI's way)
        Credential.of(phone.secret, via_token=True),  # no such token
    ]
    [outcomes] = log_many(uow, [SetGroup(athlete, items, signers)], NOW)
    assert [isinstance(o, Unauthorized) for o in outcomes] == [False, True, False, True]
    assert [str(o) for o in outcomes if isinstance(o, Unauthorized)] == [SIGN_IN_FIRST, TOKEN_DEAD]
    with uow:
        stored = {s.id for s in uow.athlete(athlete).sets.all()}
    assert stored == {items[0][0], items[2][0]}
    # A credential that signs in another athlete writes nothing for this one.
    [moved] = log_many(uow, [SetGroup(athlete + 1, items[:1], signers[:1])], NOW)
    assert isinstance(moved[0], Unauthorized)


def _curl() -> SetInput:
    return SetInput("lying-leg-curl", 10, 30.0, kind=SetKind.WORKING)
