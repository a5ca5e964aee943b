"""Failed sign-ins, kept in the database so the rate limit holds across worker processes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from hamcoach.storage.tables import LoginFailureRow

# Key spaces of PostgreSQL's two-key advisory locks (apart from schema.py's one-key lock).
_LOCK_ACCOUNT = 1101
_LOCK_ADDRESS = 1102
_LOCK = text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))")


class LoginFailureRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def serialise(self, account_key: str | None, address: str) -> None:
        """Until this transaction ends, other sign-in checks of this account or address wait.

        So that two workers cannot both read "4 failures" and both go on to try a password:
        the check and the recording of the attempt become one step. Call it first in the unit
        of work. PostgreSQL: advisory locks, the account's then the address's (always in that
        order: no deadlock). SQLite: a write that changes nothing takes the database's one
        write lock now, before the reads (other processes wait on the busy timeout).
        """
        if self._s.get_bind().dialect.name == "postgresql":
            if account_key is not None:
                self._s.execute(_LOCK, {"space": _LOCK_ACCOUNT, "key": account_key})
            self._s.execute(_LOCK, {"space": _LOCK_ADDRESS, "key": address})
        else:
            self._s.execute(delete(LoginFailureRow).where(LoginFailureRow.id.is_(None)))

    def add(self, account_key: str | None, address: str, at: dt.datetime) -> int:
        row = LoginFailureRow(account_key=account_key, address=address, at=at)
        self._s.add(row)
        self._s.flush()
        return row.id

    def remove(self, failure_id: int) -> None:
        self._s.execute(delete(LoginFailureRow).where(LoginFailureRow.id == failure_id))

    def for_account(self, account_key: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """The newest `limit` failures for this user name after `since`, newest first."""
        return list(
            self._s.scalars(
                select(LoginFailureRow.at)
                .where(LoginFailureRow.account_key == account_key, LoginFailureRow.at > since)
                .order_by(LoginFailureRow.at.desc())
                .limit(limit)
            )
        )

    def for_address(self, address: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """The newest `limit` failures from this address after `since`, newest first."""
        return list(
            self._s.scalars(
                select(LoginFailureRow.at)
                .where(LoginFailureRow.address == address, LoginFailureRow.at > since)
                .order_by(LoginFailureRow.at.desc())
                .limit(limit)
            )
        )

    def clear_account(self, account_key: str) -> None:
        self._s.execute(delete(LoginFailureRow).where(LoginFailureRow.account_key == account_key))

    def prune(self, before: dt.datetime) -> int:
        """Forget failures older than `before` (out of every window); how many went."""
        result = self._s.execute(delete(LoginFailureRow).where(LoginFailureRow.at < before))
        return int(getattr(result, "rowcount", 0))
