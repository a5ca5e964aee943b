"""Personal API tokens, for scripts: `Authorization: Bearer <secret>` instead of a cookie.

A token is shown once, when made; the database keeps the SHA-256 of its secret. It is either
read-only or read-write (domain.accounts.Scope), revocable, and works only while its account
is enabled. Like a session, its last use is written down at most once a minute.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.account_records import ApiToken
from hamcoach.domain.accounts import (
    SECRET_MAX,
    Scope,
    check_token_name,
    digest,
    needs_touch,
    parse_scope,
)
from hamcoach.domain.errors import NotFound, Unauthorized
from hamcoach.services.credentials import token_live
from hamcoach.services.passwords import new_secret
from hamcoach.services.ports import UnitOfWorkPort


@dataclass(frozen=True, slots=True)
class TokenCaller:
    """Who a live token belongs to, and what it may do."""

    token_id: int
    account_id: int
    athlete_id: int | None
    scope: Scope
    stale: bool = False  # its last use is still to be written (read with touch=False)


def create_token(
    uow: UnitOfWorkPort, account_id: int, name: str, scope: Scope | str, now: dt.datetime
) -> str:
    """A new token's secret: show it once, it cannot be read back."""
    name = check_token_name(name)
    granted = scope if isinstance(scope, Scope) else parse_scope(scope)
    secret = new_secret()
    with uow:
        account = uow.accounts.users.get(account_id)
        if account is None:
            raise NotFound(f"no account {account_id}")
        if account.disabled:
            raise Unauthorized(f"{account.username} is disabled")
        uow.accounts.tokens.add(account_id, name, digest(secret), granted, now)
        uow.commit()
    return secret


def list_tokens(uow: UnitOfWorkPort, account_id: int) -> list[ApiToken]:
    """The account's tokens, revoked ones too (with when), oldest first; never their secrets."""
    with uow:
        return uow.accounts.tokens.all(account_id)


def revoke_token(uow: UnitOfWorkPort, account_id: int, token_id: int, now: dt.datetime) -> None:
    """Revoke one of the account's own tokens; NotFound for another's or one revoked already."""
    with uow:
        if not uow.accounts.tokens.revoke(account_id, token_id, now):
            raise NotFound(f"no live token {token_id} of yours")
        uow.commit()


def token_for(
    uow: UnitOfWorkPort, secret: str | None, now: dt.datetime, *, touch: bool = True
) -> TokenCaller | None:
    """Who a token's secret signs in, or None (unknown, revoked, account disabled).

    `touch=False` only reads; then `touch_token` writes the last use when `stale` says so."""
    if not secret or len(secret) > SECRET_MAX:
        return None
    with uow:
        found = uow.accounts.tokens.find(digest(secret))
        if found is None:
            return None
        token, account = found
        if not token_live(token, account):
            return None
        stale = needs_touch(token.last_used_at, now)
        if stale and touch:
            uow.accounts.tokens.touch(token.id, now)
            uow.commit()
    return TokenCaller(token.id, account.id, account.athlete_id, token.scope, stale and not touch)


def touch_token(uow: UnitOfWorkPort, token_id: int, now: dt.datetime) -> None:
    """Write down a token's last use."""
    with uow:
        uow.accounts.tokens.touch(token_id, now)
        uow.commit()
