"""Accounts: the people who sign in, each with the athlete it owns (if any)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Row, Select, exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamcoach.domain.account_records import Account
from hamcoach.domain.errors import Conflict
from hamcoach.storage.tables import AccountRow, AthleteRow

if TYPE_CHECKING:  # SQLAlchemy 2.1 types a select by its columns (a TypeVarTuple)
    _Select = TypeVar("_Select", bound=Select[*tuple[Any, ...]])

# The account and its athlete's id, as every finder of the caller reads them.
ACCOUNT_COLUMNS = (
    AccountRow.id,
    AccountRow.username,
    AccountRow.password_hash,
    AccountRow.is_operator,
    AccountRow.created_at,
    AccountRow.disabled_at,
    AccountRow.password_changed_at,
    AthleteRow.id,
)


def with_athlete(statement: _Select) -> _Select:
    """`statement` (selecting from `account`) joined to the athlete it owns, if any."""
    return statement.outerjoin(AthleteRow, AthleteRow.account_id == AccountRow.id)


def account_from(values: Row[Any] | tuple[Any, ...]) -> Account:
    """An `Account` from the eight `ACCOUNT_COLUMNS` values."""
    return Account(*values[:4], *values[4:8])


class AccountRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(
        self, username: str, password_hash: str | None, *, operator: bool, at: dt.datetime
    ) -> int:
        row = AccountRow(
            username=username,
            password_hash=password_hash,
            is_operator=operator,
            created_at=at,
            password_changed_at=at if password_hash is not None else None,
        )
        try:
            with self._s.begin_nested():  # two adds of one name at once: one Conflict
                self._s.add(row)
        except IntegrityError:
            raise Conflict(f"a user named {username} already exists") from None
        return row.id

    def _select(self) -> Select[*tuple[Any, ...]]:
        return with_athlete(select(*ACCOUNT_COLUMNS))

    def get(self, account_id: int) -> Account | None:
        found = self._s.execute(self._select().where(AccountRow.id == account_id)).first()
        return None if found is None else account_from(found)

    def by_username(self, username: str) -> Account | None:
        found = self._s.execute(self._select().where(AccountRow.username == username)).first()
        return None if found is None else account_from(found)

    def all(self) -> list[Account]:
        rows = self._s.execute(self._select().order_by(AccountRow.username))
        return [account_from(r) for r in rows]

    def exists(self) -> bool:
        return bool(self._s.scalar(select(exists().where(AccountRow.id.is_not(None)))))

    def set_password(self, account_id: int, password_hash: str, at: dt.datetime | None) -> None:
        """A new hash; `at` None keeps the time of the last change (a rehash, same password)."""
        values: dict[str, object] = {"password_hash": password_hash}
        if at is not None:
            values["password_changed_at"] = at
        self._s.execute(update(AccountRow).where(AccountRow.id == account_id).values(**values))

    def set_disabled(self, account_id: int, at: dt.datetime | None) -> None:
        self._s.execute(
            update(AccountRow).where(AccountRow.id == account_id).values(disabled_at=at)
        )

    def attach_athlete(self, account_id: int, athlete_id: int) -> bool:
        """Give the athlete to the account; False when there is no such athlete, Conflict when
        the account already has one."""
        try:
            with self._s.begin_nested():
                result = self._s.execute(
                    update(AthleteRow)
                    .where(AthleteRow.id == athlete_id)
                    # The profile did not change: keep its `updated_at` (the column's
                    # onupdate would stamp it).
                    .values(account_id=account_id, updated_at=AthleteRow.updated_at)
                    .execution_options(synchronize_session=False)
                )
        except IntegrityError:
            raise Conflict("this account already has an athlete") from None
        return bool(getattr(result, "rowcount", 0))
