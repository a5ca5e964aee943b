"""Credentials confirmed where the set is written: a batch's sessions and tokens read at once.

Logging a set is the one request a runner sends many of in a row. The web reads its session or
token from a short-lived in-process memory instead of the database (web/auth.py), and the set
writer confirms every credential of a batch here: the read each request would have made, once
per batch instead of once per set. A set whose credential has died meanwhile (signed out,
expired, revoked, account disabled) is refused with the words the request would have got, and
nothing of it is stored. The check runs inside the batch's own transaction, just before its
inserts (services/set_logging.py: `log_many`): a sign-out committed while a batch is being
written may still see that batch stored, as a request already past its own lookup could
before. Every later set is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from hamcoach.domain.account_records import Account, ApiToken, AuthSession
from hamcoach.domain.accounts import Scope, digest, needs_touch, session_alive
from hamcoach.services.ports import UnitOfWorkPort

SIGN_IN_FIRST = "sign in first"
TOKEN_DEAD = "this API token is unknown or revoked: create one in Settings"


@dataclass(frozen=True, slots=True)
class Credential:
    """What a request signed in with: a session cookie's or a token's secret, by its hash."""

    via_token: bool
    digest: str

    @classmethod
    def of(cls, secret: str, *, via_token: bool) -> Credential:
        return cls(via_token, digest(secret))

    @property
    def refusal(self) -> str:
        """What a request with this credential is told once it is no longer live."""
        return TOKEN_DEAD if self.via_token else SIGN_IN_FIRST


def session_live(session: AuthSession, account: Account, now: dt.datetime) -> bool:
    """Not signed out, not idle or old past its expiry, its account enabled."""
    return (
        session.ended_at is None
        and not account.disabled
        and session_alive(session.created_at, session.last_seen_at, now)
    )


def token_live(token: ApiToken, account: Account) -> bool:
    """Not revoked, its account enabled."""
    return token.revoked_at is None and not account.disabled


def writers_in(
    uow: UnitOfWorkPort, credentials: Iterable[Credential], now: dt.datetime
) -> dict[Credential, int | None]:
    """Inside the caller's open unit of work: each credential's athlete when it may still
    write; None when it may not (dead, a read-only token, an account without an athlete yet).
    One statement for the sessions and one for the tokens, however many; a stale last use is
    written down with the caller's commit, in one order for every worker (no deadlock)."""
    ordered = sorted(set(credentials), key=lambda c: (c.via_token, c.digest))
    sessions = uow.accounts.sessions.find_many([c.digest for c in ordered if not c.via_token])
    tokens = uow.accounts.tokens.find_many([c.digest for c in ordered if c.via_token])
    live: dict[Credential, int | None] = {}
    for credential in ordered:
        live[credential] = None
        if credential.via_token:
            found_token = tokens.get(credential.digest)
            if found_token is None:
                continue
            token, account = found_token
            if not token_live(token, account) or token.scope is not Scope.WRITE:
                continue
            if needs_touch(token.last_used_at, now):
                uow.accounts.tokens.touch(token.id, now)
        else:
            found_session = sessions.get(credential.digest)
            if found_session is None:
                continue
            session, account = found_session
            if not session_live(session, account, now):
                continue
            if needs_touch(session.last_seen_at, now):
                uow.accounts.sessions.touch(session.id, now)
        live[credential] = account.athlete_id
    return live
