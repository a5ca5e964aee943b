"""Personal API tokens: found by the SHA-256 of the secret, listed and revoked per account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from hamcoach.domain.account_records import Account, ApiToken
from hamcoach.domain.accounts import Scope
from hamcoach.storage.repositories._sql import core
from hamcoach.storage.repositories.accounts import ACCOUNT_COLUMNS, account_from, with_athlete
from hamcoach.storage.tables import AccountRow, ApiTokenRow

_COLUMNS = (
    ApiTokenRow.id,
    ApiTokenRow.account_id,
    ApiTokenRow.name,
    ApiTokenRow.scope,
    ApiTokenRow.created_at,
    ApiTokenRow.last_used_at,
    ApiTokenRow.revoked_at,
)
# Built once with its parameter: building the statement per request cost more than the query.
_FIND = with_athlete(
    select(*_COLUMNS, *ACCOUNT_COLUMNS).join(AccountRow, AccountRow.id == ApiTokenRow.account_id)
).where(ApiTokenRow.secret_hash == bindparam("secret_hash"))


# The set writer's batch: every token it carries, in one statement.
_FIND_MANY = with_athlete(
    select(ApiTokenRow.secret_hash, *_COLUMNS, *ACCOUNT_COLUMNS).join(
        AccountRow, AccountRow.id == ApiTokenRow.account_id
    )
).where(ApiTokenRow.secret_hash.in_(bindparam("hashes", expanding=True)))


def _token(values: Row[Any] | tuple[Any, ...]) -> ApiToken:
    token_id, account_id, name, scope, created, used, revoked = values[: len(_COLUMNS)]
    return ApiToken(token_id, account_id, name, Scope(scope), created, used, revoked)


class ApiTokenRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(
        self, account_id: int, name: str, secret_hash: str, scope: Scope, at: dt.datetime
    ) -> int:
        row = ApiTokenRow(
            account_id=account_id,
            name=name,
            secret_hash=secret_hash,
            scope=scope.value,
            created_at=at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def find(self, secret_hash: str) -> tuple[ApiToken, Account] | None:
        found = core(self._s, _FIND, {"secret_hash": secret_hash}).first()
        if found is None:
            return None
        return _token(found), account_from(found[len(_COLUMNS) :])

    def find_many(self, secret_hashes: Collection[str]) -> dict[str, tuple[ApiToken, Account]]:
        """`find` for many hashes at once: {hash: found} for the ones stored."""
        if not secret_hashes:
            return {}
        rows = core(self._s, _FIND_MANY, {"hashes": sorted(secret_hashes)})
        return {
            str(row[0]): (_token(row[1:]), account_from(row[1 + len(_COLUMNS) :]))
            for row in map(tuple, rows)
        }

    def all(self, account_id: int) -> list[ApiToken]:
        """The account's tokens, revoked ones too, oldest first."""
        rows = self._s.execute(
            select(*_COLUMNS)
            .where(ApiTokenRow.account_id == account_id)
            .order_by(ApiTokenRow.created_at, ApiTokenRow.id)
        )
        return [_token(r) for r in rows]

    def touch(self, token_id: int, at: dt.datetime) -> None:
        self._s.execute(
            update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=at)
        )

    def revoke(self, account_id: int, token_id: int, at: dt.datetime) -> bool:
        """Revoke one of the account's tokens; False when it has no such live token."""
        result = self._s.execute(
            update(ApiTokenRow)
            .where(
                ApiTokenRow.id == token_id,
                ApiTokenRow.account_id == account_id,
                ApiTokenRow.revoked_at.is_(None),
            )
            .values(revoked_at=at)
        )
        return bool(getattr(result, "rowcount", 0))
