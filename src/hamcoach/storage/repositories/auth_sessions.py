"""Signed-in browsers: one row per sign-in, found by the SHA-256 of the cookie's secret."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, bindparam, func, select, update
from sqlalchemy.orm import Session

from hamcoach.domain.account_records import Account, AuthSession
from hamcoach.storage.repositories._sql import core
from hamcoach.storage.repositories.accounts import ACCOUNT_COLUMNS, account_from, with_athlete
from hamcoach.storage.tables import AccountRow, AuthSessionRow

_COLUMNS = (
    AuthSessionRow.id,
    AuthSessionRow.account_id,
    AuthSessionRow.csrf_token,
    AuthSessionRow.created_at,
    AuthSessionRow.last_seen_at,
    AuthSessionRow.ended_at,
    AuthSessionRow.user_agent,
)
# One statement for every request signed in by cookie: the session, its account and athlete.
# Built once with its parameter: building the statement per request cost more than the query.
_FIND = with_athlete(
    select(*_COLUMNS, *ACCOUNT_COLUMNS).join(AccountRow, AccountRow.id == AuthSessionRow.account_id)
).where(AuthSessionRow.secret_hash == bindparam("secret_hash"))


# The set writer's batch: every session it carries, in one statement.
_FIND_MANY = with_athlete(
    select(AuthSessionRow.secret_hash, *_COLUMNS, *ACCOUNT_COLUMNS).join(
        AccountRow, AccountRow.id == AuthSessionRow.account_id
    )
).where(AuthSessionRow.secret_hash.in_(bindparam("hashes", expanding=True)))


def _session(values: Row[Any] | tuple[Any, ...]) -> AuthSession:
    return AuthSession(*values[: len(_COLUMNS)])


class AuthSessionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(
        self,
        account_id: int,
        secret_hash: str,
        csrf_token: str,
        at: dt.datetime,
        user_agent: str | None,
    ) -> int:
        row = AuthSessionRow(
            account_id=account_id,
            secret_hash=secret_hash,
            csrf_token=csrf_token,
            created_at=at,
            last_seen_at=at,
            user_agent=user_agent,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def find(self, secret_hash: str) -> tuple[AuthSession, Account] | None:
        found = core(self._s, _FIND, {"secret_hash": secret_hash}).first()
        if found is None:
            return None
        return _session(found), account_from(found[len(_COLUMNS) :])

    def find_many(self, secret_hashes: Collection[str]) -> dict[str, tuple[AuthSession, Account]]:
        """`find` for many hashes at once: {hash: found} for the ones stored."""
        if not secret_hashes:
            return {}
        rows = core(self._s, _FIND_MANY, {"hashes": sorted(secret_hashes)})
        return {
            str(row[0]): (_session(row[1:]), account_from(row[1 + len(_COLUMNS) :]))
            for row in map(tuple, rows)
        }

    def touch(self, session_id: int, at: dt.datetime) -> None:
        self._s.execute(
            update(AuthSessionRow).where(AuthSessionRow.id == session_id).values(last_seen_at=at)
        )

    def end(self, session_id: int, at: dt.datetime) -> bool:
        """End a session; False when it had ended already (or never was)."""
        result = self._s.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id == session_id, AuthSessionRow.ended_at.is_(None))
            .values(ended_at=at)
        )
        return bool(getattr(result, "rowcount", 0))

    def end_all(self, account_id: int, at: dt.datetime) -> int:
        """End every open session of the account; how many there were."""
        result = self._s.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.account_id == account_id, AuthSessionRow.ended_at.is_(None))
            .values(ended_at=at)
        )
        return int(getattr(result, "rowcount", 0))

    def last_started(self) -> dict[int, dt.datetime]:
        """Account id -> when it last signed in (accounts never signed in are absent)."""
        rows = self._s.execute(
            select(AuthSessionRow.account_id, func.max(AuthSessionRow.created_at)).group_by(
                AuthSessionRow.account_id
            )
        )
        # max() keeps the column's type: the times come back aware, in UTC.
        return {account: at for account, at in rows}  # noqa: C416 (rows, not pairs)
