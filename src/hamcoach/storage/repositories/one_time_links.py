"""One-time links (password reset, phone pairing): stored by the SHA-256 of the secret."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hamcoach.domain.account_records import OneTimeLink
from hamcoach.domain.accounts import LinkPurpose
from hamcoach.storage.tables import OneTimeLinkRow


class OneTimeLinkRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(
        self,
        account_id: int,
        secret_hash: str,
        purpose: LinkPurpose,
        at: dt.datetime,
        expires_at: dt.datetime,
    ) -> int:
        row = OneTimeLinkRow(
            account_id=account_id,
            secret_hash=secret_hash,
            purpose=purpose.value,
            created_at=at,
            expires_at=expires_at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def find(self, secret_hash: str) -> OneTimeLink | None:
        found = self._s.execute(
            select(
                OneTimeLinkRow.id,
                OneTimeLinkRow.account_id,
                OneTimeLinkRow.purpose,
                OneTimeLinkRow.created_at,
                OneTimeLinkRow.expires_at,
                OneTimeLinkRow.used_at,
            ).where(OneTimeLinkRow.secret_hash == secret_hash)
        ).first()
        if found is None:
            return None
        link_id, account_id, purpose, created, expires, used = found
        return OneTimeLink(link_id, account_id, LinkPurpose(purpose), created, expires, used)

    def consume(self, link_id: int, at: dt.datetime) -> bool:
        """Mark the link used; False when it was used already.

        One conditional UPDATE, not a read then a write: of two uses at once, PostgreSQL makes
        the second wait for the first's commit and then finds `used_at` set (0 rows), and
        SQLite lets one writer at a time. Exactly one use wins.
        """
        result = self._s.execute(
            update(OneTimeLinkRow)
            .where(OneTimeLinkRow.id == link_id, OneTimeLinkRow.used_at.is_(None))
            .values(used_at=at)
        )
        return getattr(result, "rowcount", 0) == 1
