"""Finding athletes: the one repository not scoped to an athlete, and it only hands back ids."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.profile import Profile
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.tables import AthleteRow


class Athletes:
    def __init__(self, session: Session) -> None:
        self._s = session

    def first_id(self) -> int | None:
        return self._s.scalar(select(AthleteRow.id).order_by(AthleteRow.id).limit(1))

    def add(self, profile: Profile, owner: int | None = None) -> int:
        """A new athlete, belonging to the account `owner` (None: local single-user mode)."""
        row = AthleteRow(account_id=owner)
        sqlrows.fill_row(row, profile)
        self._s.add(row)
        self._s.flush()
        return row.id

    def ids(self) -> list[int]:
        return list(self._s.scalars(select(AthleteRow.id).order_by(AthleteRow.id)))

    def by_calendar_token(self, token: str) -> int | None:
        """The athlete whose calendar URL holds this secret (the token is the authorization)."""
        if not token:
            return None
        return self._s.scalar(select(AthleteRow.id).where(AthleteRow.calendar_token == token))

    def without_account(self) -> list[int]:
        """Athletes no account owns (every athlete, in local single-user mode)."""
        return list(
            self._s.scalars(
                select(AthleteRow.id).where(AthleteRow.account_id.is_(None)).order_by(AthleteRow.id)
            )
        )
