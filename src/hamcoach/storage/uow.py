"""Unit of work: one transaction per use-case, committed explicitly, rolled back otherwise."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session, sessionmaker

from hamcoach.storage.repositories import Athletes, AthleteScope
from hamcoach.storage.repositories._sql import TOUCHED
from hamcoach.storage.tables import AthleteRow
from hamcoach.storage.write_gate import WriteGate

if TYPE_CHECKING:
    from hamcoach.storage.repositories.access import Accounts
    from hamcoach.storage.repositories.coaching import Coaching
    from hamcoach.storage.repositories.set_batches import SetBatches


BUMP = (
    update(AthleteRow)
    .where(AthleteRow.id.in_(bindparam("ids", expanding=True)))
    # updated_at stays: it says when the profile changed, not when a set was logged.
    .values(revision=AthleteRow.revision + 1, updated_at=AthleteRow.updated_at)
)


class UnitOfWork:
    def __init__(self, factory: sessionmaker[Session], gate: WriteGate | None = None) -> None:
        self._factory = factory
        self._session: Session | None = None
        self._gate = gate

    def __enter__(self) -> UnitOfWork:
        if self._gate is not None:
            self._gate.enter()
        self._session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        # Anything not explicitly committed is discarded: no half-written data. close() rolls
        # the open transaction back (a separate rollback() first would do it twice).
        try:
            self._session.close()
        finally:
            self._session = None
            if self._gate is not None:
                self._gate.exit()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._session

    @property
    def athletes(self) -> Athletes:
        return Athletes(self.session)

    def athlete(self, athlete_id: int) -> AthleteScope:
        return AthleteScope(self.session, athlete_id)

    @property
    def accounts(self) -> Accounts:
        # Imported on first use: the CLI's commands about the athlete never need it.
        from hamcoach.storage.repositories.access import Accounts

        return Accounts(self.session)

    @property
    def batches(self) -> SetBatches:
        """Many athletes' reads and insert for the set writer's batch (not for routes)."""
        from hamcoach.storage.repositories.set_batches import SetBatches

        return SetBatches(self.session)

    @property
    def coaching(self) -> Coaching:
        from hamcoach.storage.repositories.coaching import Coaching

        return Coaching(self.session)

    def commit(self) -> None:
        touched = self.session.info.pop(TOUCHED, None)
        if touched:
            # In the same transaction as the writes: a roster row computed before them names
            # an older revision from now on. Sorted, so two commits lock athletes in one order.
            self.session.connection().execute(BUMP, {"ids": sorted(touched)})
        self.session.commit()
