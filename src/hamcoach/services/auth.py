"""Signing in and out, and finding who a session cookie belongs to.

A session is a random secret in an HttpOnly cookie; the database keeps its SHA-256, so a copy
of the database signs nobody in. Each session has a CSRF token the pages put in every form.

Sign-in spends argon2 time (about 0.1 s) only on attempts the rate limit allows: the limit is
checked first, from the failures every worker has stored. The attempt counts as a failure from
before the hash until it succeeds, so parallel attempts each see the others and a worker killed
mid-hash still counts its attempt. An unknown user, a disabled one, one without a password yet
and a wrong password all cost one hash and give the same answer.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
from dataclasses import dataclass
from typing import NamedTuple, NoReturn

from hamcoach.domain.account_records import Account
from hamcoach.domain.accounts import (
    ACCOUNT_FAILURES,
    ADDRESS_FAILURES,
    ADDRESS_MAX,
    LOGIN_WINDOW,
    PASSWORD_MAX,
    SECRET_MAX,
    USER_AGENT_MAX,
    LinkPurpose,
    check_password,
    digest,
    needs_touch,
    normalise_username,
)
from hamcoach.domain.errors import InvalidInput, RateLimited, Unauthorized
from hamcoach.domain.login_limit import login_verdict
from hamcoach.services.accounts import store_password
from hamcoach.services.credentials import session_live
from hamcoach.services.links import take_link
from hamcoach.services.passwords import Hasher, default_hasher, new_secret
from hamcoach.services.ports import UnitOfWorkPort

WRONG = "wrong user name or password"


class NewSession(NamedTuple):
    """What a sign-in hands the web: the cookie's secret and the session's CSRF token."""

    secret: str
    csrf_token: str


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who a live session belongs to (the web's caller in accounts mode)."""

    session_id: int
    account_id: int
    username: str
    is_operator: bool
    athlete_id: int | None  # None until onboarding creates the account's athlete
    csrf_token: str
    stale: bool = False  # its last use is still to be written (read with touch=False)


def csrf_matches(expected: str, presented: str | None) -> bool:
    """Whether a form's or header's token is the session's (compared in constant time)."""
    if not presented or not expected:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode("utf-8", "replace"))


def _account_key(username: str) -> str | None:
    try:
        return normalise_username(username)
    except InvalidInput:
        return None  # limited by address alone; no account can have that name


def _retry_message(seconds: int) -> str:
    wait = f"{seconds} seconds" if seconds < 90 else f"{math.ceil(seconds / 60)} minutes"
    return f"too many failed sign-ins: try again in {wait}"


def _usable(account: Account | None) -> bool:
    return account is not None and not account.disabled and account.password_hash is not None


def _open_session(
    uow: UnitOfWorkPort, account_id: int, now: dt.datetime, user_agent: str | None
) -> NewSession:
    secret, csrf = new_secret(), new_secret()
    agent = None if not user_agent else user_agent[:USER_AGENT_MAX]
    uow.accounts.sessions.add(account_id, digest(secret), csrf, now, agent)
    return NewSession(secret, csrf)


def _admit(
    uow: UnitOfWorkPort, key: str | None, address: str, now: dt.datetime
) -> tuple[int, Account | None]:
    """Refuse the attempt (RateLimited) before any hashing, or record it as a failure until it
    succeeds: (the failure's id, the account tried, if it exists)."""
    with uow:
        failures = uow.accounts.failures
        failures.serialise(key, address)
        since = now - LOGIN_WINDOW
        verdict = login_verdict(
            failures.for_account(key, since, ACCOUNT_FAILURES) if key is not None else (),
            failures.for_address(address, since, ADDRESS_FAILURES),
            now,
        )
        if not verdict.allowed:
            seconds = verdict.retry_after(now)
            raise RateLimited(_retry_message(seconds), seconds)
        attempt = failures.add(key, address, now)
        account = uow.accounts.users.by_username(key) if key is not None else None
        uow.commit()
    return attempt, account


def _check(hasher: Hasher, account: Account | None, password: str) -> str | None:
    """The stored hash when `password` is the account's; None otherwise, after one hash
    either way (a dummy's for an unknown, disabled or password-less account)."""
    stored = account.password_hash if account is not None and _usable(account) else None
    # A password longer than any allowed is checked as an empty one: the same cost, a refusal.
    candidate = password if len(password) <= PASSWORD_MAX else ""
    matches = hasher.verify(stored or hasher.dummy(), candidate)
    return stored if matches and stored is not None and candidate else None


def _failed(uow: UnitOfWorkPort, now: dt.datetime, message: str) -> NoReturn:
    with uow:  # the attempt stays a failure; older ones than any window are forgotten
        uow.accounts.failures.prune(now - LOGIN_WINDOW)
        uow.commit()
    raise Unauthorized(message)


def sign_in(
    uow: UnitOfWorkPort,
    username: str,
    password: str,
    address: str,
    now: dt.datetime,
    *,
    user_agent: str | None = None,
    hasher: Hasher | None = None,
) -> NewSession:
    """A new session for a right user name and password; Unauthorized for anything else,
    RateLimited (with `retry_after`) when too many attempts failed lately."""
    hasher = hasher or default_hasher()
    key = _account_key(username)
    attempt, account = _admit(uow, key, address[:ADDRESS_MAX], now)
    stored = _check(hasher, account, password)
    if stored is None or account is None or key is None:
        _failed(uow, now, WRONG)
    rehashed = hasher.hash(password) if hasher.needs_rehash(stored) else None
    with uow:
        current = uow.accounts.users.get(account.id)
        # Disabled or given a new password while the hash ran: this password no longer counts.
        if current is None or not _usable(current) or current.password_hash != stored:
            raise Unauthorized(WRONG)
        uow.accounts.failures.remove(attempt)
        uow.accounts.failures.clear_account(key)
        if rehashed is not None:
            uow.accounts.users.set_password(account.id, rehashed, None)
        new = _open_session(uow, account.id, now, user_agent)
        uow.commit()
    return new


def sign_in_with_link(
    uow: UnitOfWorkPort, secret: str, now: dt.datetime, *, user_agent: str | None = None
) -> NewSession:
    """A new session through a pairing link (the QR code on the laptop), which is then used."""
    with uow:
        account_id = take_link(uow, secret, LinkPurpose.PAIR, now)
        account = uow.accounts.users.get(account_id)
        if account is None or account.disabled:
            raise Unauthorized("this account is disabled: ask the operator")
        new = _open_session(uow, account_id, now, user_agent)
        uow.commit()
    return new


def session_for(
    uow: UnitOfWorkPort, secret: str | None, now: dt.datetime, *, touch: bool = True
) -> SignedIn | None:
    """Who the session with this secret belongs to, or None when there is no live one (never
    was, signed out, idle 14 days, 90 days old, account disabled).

    `touch=False` only reads: the caller then writes the last use with `touch_session` when
    `stale` says so (the web reads on the event loop and writes in the thread pool)."""
    if not secret or len(secret) > SECRET_MAX:
        return None
    with uow:
        found = uow.accounts.sessions.find(digest(secret))
        if found is None:
            return None
        session, account = found
        if not session_live(session, account, now):
            return None
        stale = needs_touch(session.last_seen_at, now)
        if stale and touch:
            uow.accounts.sessions.touch(session.id, now)
            uow.commit()
    return SignedIn(
        session.id,
        account.id,
        account.username,
        account.is_operator,
        account.athlete_id,
        session.csrf_token,
        stale and not touch,
    )


def touch_session(uow: UnitOfWorkPort, session_id: int, now: dt.datetime) -> None:
    """Write down a session's last use (its idle expiry counts from it)."""
    with uow:
        uow.accounts.sessions.touch(session_id, now)
        uow.commit()


def sign_out(uow: UnitOfWorkPort, secret: str | None, now: dt.datetime) -> bool:
    """End the session with this secret; False when there was no open one."""
    if not secret or len(secret) > SECRET_MAX:
        return False
    with uow:
        found = uow.accounts.sessions.find(digest(secret))
        if found is None:
            return False
        ended = uow.accounts.sessions.end(found[0].id, now)
        uow.commit()
    return ended


def change_password(
    uow: UnitOfWorkPort,
    signed_in: SignedIn,
    current: str,
    new: str,
    address: str,
    now: dt.datetime,
    *,
    user_agent: str | None = None,
    hasher: Hasher | None = None,
) -> NewSession:
    """The signed-in person's new password, given the current one (rate-limited as a sign-in:
    a stolen cookie must not become a way to guess it). Every session of theirs ends, this one
    too; the new session returned keeps this browser signed in."""
    hasher = hasher or default_hasher()
    check_password(new, signed_in.username)
    attempt, account = _admit(uow, signed_in.username, address[:ADDRESS_MAX], now)
    if _check(hasher, account, current) is None:
        _failed(uow, now, "the current password is wrong")
    hashed = hasher.hash(new)
    with uow:
        uow.accounts.failures.remove(attempt)
        store_password(uow, signed_in.account_id, hashed, now)
        fresh = _open_session(uow, signed_in.account_id, now, user_agent)
        uow.commit()
    return fresh
